"""Indexed sums over examples, ``\\sum_{i=1}^n y_i x_i σ(−y_i wᵀx_i)``, translated into matrix form.

The body is first built as an ordinary tree for one example, with placeholders for the indexed
quantities (``x_i``: row i of X as a column, ``y_i``: entry i of y), so every shape rule applies per
example.  ``vectorize`` then rewrites it bottom-up over all n examples:

* a per-example scalar becomes an n-vector (``wᵀxᵢ`` → Xw, ``σ(yᵢ wᵀxᵢ)`` → σ(y ⊙ Xw));
* a per-example column cᵢ·xᵢ becomes the matrix of rows (coefficients c kept apart, so Σᵢ cᵢxᵢ = Xᵀc);
* a per-example outer product uᵢvᵢᵀ is kept as (U, V), so Σᵢ xᵢxᵢᵀ = XᵀX.

Anything else that depends on the index is one ParseError asking for the matrix form: never a guess.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..errors import ParseError
from . import tree as t

ONE = sympy.Integer(1)


@dataclass(frozen=True)
class Indexed:
    """What a placeholder stands for: entry i of a vector (``entry``) or row i of a matrix as a column."""

    source: t.Node
    entry: bool


@dataclass(frozen=True)
class Each:
    """A per-example scalar: entry i of ``values`` (n × 1)."""

    values: t.Node


@dataclass(frozen=True)
class Rows:
    """A per-example vector: coef_i · (row i of ``matrix``), a column per example, or a row if ``row``."""

    matrix: t.Node
    coef: t.Node | None = None
    factor: t.Node | None = None
    row: bool = False


@dataclass(frozen=True)
class Outer:
    """A per-example matrix coef_i · uᵢvᵢᵀ with uᵢ, vᵢ the rows of U and V."""

    left: t.Node
    right: t.Node
    coef: t.Node | None = None
    factor: t.Node | None = None


class SumReader:
    """Vectorizes the body of one ``\\sum`` over ``count`` examples, given its placeholders."""

    def __init__(self, placeholders: dict[t.Var, Indexed], count, written: str):
        self.placeholders = placeholders
        self.count = count
        self.written = written
        self.memo: dict = {}

    def refuse(self, why: str = "") -> ParseError:
        return ParseError(f"cannot read the indexed sum {self.written}{': ' + why if why else ''}; "
                          "write it in matrix form (e.g. X^T(Xw - y) for \\sum_i (w^T x_i - y_i) x_i)")

    def total(self, body: t.Node) -> t.Node:
        """Σᵢ body in matrix form; a body with no one form is summed term by term (Σ is linear)."""
        try:
            v = self.vec(body)
        except ParseError:
            split = self._linear(body)
            if split is None:
                raise
            return split
        return self._form(v)

    def _linear(self, body: t.Node) -> t.Node | None:
        """Σ(a + b) = Σa + Σb, Σ cA = cΣA (c the same for every example), Σ Aᵀ = (ΣA)ᵀ, Σ sᵢM = (Σ sᵢ)M."""
        if isinstance(body, t.Add):
            return t.Add(tuple(self.total(term) for term in body.terms))
        if isinstance(body, t.Transpose):
            return t.transposed(self.total(body.arg))
        if isinstance(body, t.Scale):
            scalar = self.vec(body.scalar)
            if isinstance(scalar, t.Node):
                return t.Scale(scalar, self.total(body.arg))
            if isinstance(scalar, Each) and not self.depends(body.arg):
                return t.Scale(t.Sum(scalar.values), body.arg)
        return None

    def depends(self, n: t.Node) -> bool:
        return any(isinstance(m, t.Var) and m in self.placeholders for m in t.walk(n))

    def _form(self, v) -> t.Node:
        if isinstance(v, t.Node):
            return t.Scale(t.Const(self.count), v)
        if isinstance(v, Each):
            return t.Sum(v.values)
        if isinstance(v, Rows):
            column = t.Sum(v.matrix, 0) if v.coef is None else t.MatMul(t.transposed(v.matrix), v.coef)
            column = _scaled(v.factor, column)
            return t.transposed(column) if v.row else column
        inner = v.right if v.coef is None else t.MatMul(t.Diag(v.coef), v.right)
        return _scaled(v.factor, t.MatMul(t.transposed(v.left), inner))

    # ---- the rewrite, one case per node type ----------------------------------------------------------
    def vec(self, n: t.Node):
        if n in self.memo:
            return self.memo[n]
        if isinstance(n, t.Var) and n in self.placeholders:
            found = self.placeholders[n]
            out = Each(found.source) if found.entry else Rows(found.source)
        elif not self.depends(n):
            out = n
        else:
            method = getattr(self, f"_{type(n).__name__}", None)
            if method is None:
                raise self.refuse(f"{type(n).__name__.lower()} of a per-example term")
            out = method(n)
        self.memo[n] = out
        return out

    def ones(self, cols=ONE) -> t.Node:
        return t.Ones((self.count, cols))

    def spread(self, v: t.Node) -> t.Node:
        """An unbatched scalar or vector, the same for every example, as n values or n rows."""
        if v.is_scalar:
            return t.Scale(v, self.ones()) if v != t.Const(1) else self.ones()
        if v.is_column:
            return t.MatMul(self.ones(), t.transposed(v))
        if v.is_row:
            return t.MatMul(self.ones(), v)
        raise self.refuse("a matrix added to a per-example term")

    def dense(self, v) -> t.Node:
        """Rows or Each as one n × d (or n × 1) matrix of per-example values."""
        if isinstance(v, t.Node):
            return self.spread(v)
        if isinstance(v, Each):
            return v.values
        if isinstance(v, Rows):
            m = v.matrix if v.coef is None else t.MatMul(t.Diag(v.coef), v.matrix)
            return _scaled(v.factor, m)
        raise self.refuse("a per-example matrix inside another operation")

    def _Transpose(self, n):
        v = self.vec(n.arg)
        if isinstance(v, Rows):
            return Rows(v.matrix, v.coef, v.factor, not v.row)
        if isinstance(v, Outer):
            return Outer(v.right, v.left, v.coef, v.factor)
        return v

    def _Scale(self, n):
        s, a = self.vec(n.scalar), self.vec(n.arg)
        if isinstance(s, t.Node):
            if isinstance(a, Each):
                return Each(t.Scale(s, a.values))
            return type(a)(*_with_factor(a, s))
        if not isinstance(s, Each):
            raise self.refuse()
        if isinstance(a, t.Node):
            if a.is_scalar:
                return Each(t.Scale(a, s.values))
            if a.is_column or a.is_row:
                return Rows(self.spread(a), s.values, None, a.is_row)
            raise self.refuse("a per-example scalar times a matrix")
        if isinstance(a, Each):
            return Each(t.Hadamard(s.values, a.values))
        coef = s.values if a.coef is None else t.Hadamard(s.values, a.coef)
        return Rows(a.matrix, coef, a.factor, a.row) if isinstance(a, Rows) else Outer(a.left, a.right, coef, a.factor)

    def _MatMul(self, n):
        if isinstance(n.left, t.Scale) or isinstance(n.right, t.Scale):  # (c A) B = c (A B), c a scalar
            scaled, left, right = (n.left, n.left.arg, n.right) if isinstance(n.left, t.Scale) else \
                (n.right, n.left, n.right.arg)
            return self.vec(t.Scale(scaled.scalar, t.MatMul(left, right)))
        a, b = self.vec(n.left), self.vec(n.right)
        if isinstance(a, t.Node) and isinstance(b, Rows) and not b.row:  # P xᵢ
            m = t.MatMul(b.matrix, t.transposed(a))
            return _entries(m, b) if a.is_row else Rows(m, b.coef, b.factor)
        if isinstance(a, Rows) and a.row and isinstance(b, t.Node):  # xᵢᵀ Q
            m = t.MatMul(a.matrix, b)
            return _entries(m, a) if b.is_column else Rows(m, a.coef, a.factor, True)
        if isinstance(a, Rows) and isinstance(b, Rows) and a.row and not b.row:  # xᵢᵀ zᵢ
            if a.matrix.cols != b.matrix.cols:
                raise self.refuse("a product of per-example vectors of different lengths")
            inner = t.Sum(t.Power(a.matrix, 2), 1) if a.matrix == b.matrix else \
                t.Sum(t.Hadamard(a.matrix, b.matrix), 1)
            return _entries_of(inner, _product(a.coef, b.coef), _times(a.factor, b.factor))
        if isinstance(a, Rows) and not a.row and isinstance(b, (Rows, t.Node)):  # uᵢ vᵢᵀ, uᵢ rᵀ
            if isinstance(b, t.Node) and not b.is_row or isinstance(b, Rows) and not b.row:
                raise self.refuse()
            right = self.spread(b) if isinstance(b, t.Node) else b.matrix
            coef = a.coef if isinstance(b, t.Node) else _product(a.coef, b.coef)
            factor = a.factor if isinstance(b, t.Node) else _times(a.factor, b.factor)
            return Outer(a.matrix, right, coef, factor)
        if isinstance(a, t.Node) and a.is_column and isinstance(b, Rows) and b.row:  # u xᵢᵀ
            return Outer(self.spread(a), b.matrix, b.coef, b.factor)
        if isinstance(a, t.Node) and isinstance(b, Outer):  # P uᵢvᵢᵀ
            if a.is_row:
                return Rows(b.right, _product(b.coef, t.MatMul(b.left, t.transposed(a))), b.factor, True)
            return Outer(t.MatMul(b.left, t.transposed(a)), b.right, b.coef, b.factor)
        if isinstance(a, Outer) and isinstance(b, t.Node):  # uᵢvᵢᵀ Q
            if b.is_column:
                return Rows(a.left, _product(a.coef, t.MatMul(a.right, b)), a.factor)
            return Outer(a.left, t.MatMul(a.right, b), a.coef, a.factor)
        raise self.refuse("a product of per-example terms that has no matrix form here")

    def _Add(self, n):
        parts = [self.vec(term) for term in n.terms]
        if n.is_scalar:
            return Each(t.Add(tuple(self.dense(p) for p in parts)))
        if any(isinstance(p, Outer) for p in parts) or not (n.is_column or n.is_row):
            raise self.refuse("a sum of per-example matrices")
        return Rows(t.Add(tuple(self.dense(p) for p in parts)), row=n.is_row)

    def _entrywise(self, n, build):
        v = self.vec(n.arg if not isinstance(n, t.Hadamard) else n.left)
        if isinstance(n, t.Hadamard):
            w = self.vec(n.right)
            if n.is_scalar:
                return Each(t.Hadamard(self.dense(v), self.dense(w)))
            return Rows(t.Hadamard(self.dense(v), self.dense(w)), row=n.is_row)
        if isinstance(v, Each):
            return Each(build(v.values))
        if isinstance(v, Rows):
            return Rows(build(self.dense(v)), row=v.row)
        raise self.refuse("a function of a per-example matrix")

    def _Hadamard(self, n):
        return self._entrywise(n, None)

    def _Power(self, n):
        return self._entrywise(n, lambda m: t.Power(m, n.exponent))

    def _Elementwise(self, n):
        return self._entrywise(n, lambda m: t.Elementwise(n.function, m, n.order))

    def _Norm2(self, n):
        v = self.vec(n.arg)
        if isinstance(v, Each):
            return Each(t.Elementwise("abs", v.values))
        if isinstance(v, Rows):
            return Each(t.Power(t.Sum(t.Power(self.dense(v), 2), 1), sympy.Rational(1, 2)))
        raise self.refuse("the norm of a per-example matrix")

    def _Softmax(self, n):  # softmax of each example's vector: the row-by-row softmax of their rows
        v = self.vec(n.arg)
        if isinstance(v, Rows) and not v.row:
            return Rows(t.Softmax(self.dense(v)))
        raise self.refuse("softmax of a per-example term that is no column")

    def _LogSumExp(self, n):
        v = self.vec(n.arg)
        if isinstance(v, Rows) and not v.row:
            return Each(t.LogSumExp(self.dense(v)))
        raise self.refuse("logsumexp of a per-example term that is no column")

    def _Sum(self, n):
        v = self.vec(n.arg)
        if n.axis is None and isinstance(v, Each):
            return v
        if n.axis is None and isinstance(v, Rows):
            return Each(t.Sum(self.dense(v), 1))
        raise self.refuse("a sum inside the indexed sum")


def _scaled(factor, node: t.Node) -> t.Node:
    return node if factor is None else t.Scale(factor, node)


def _times(a, b):
    if a is None or b is None:
        return a if b is None else b
    return t.Scale(a, b)


def _product(a, b):
    if a is None or b is None:
        return a if b is None else b
    return t.Hadamard(a, b)


def _with_factor(v, s: t.Node):
    if isinstance(v, Rows):
        return v.matrix, v.coef, _times(s, v.factor), v.row
    return v.left, v.right, v.coef, _times(s, v.factor)


def _entries_of(values: t.Node, coef, factor) -> Each:
    values = values if coef is None else t.Hadamard(coef, values)
    return Each(_scaled(factor, values))


def _entries(m: t.Node, v: Rows) -> Each:
    return _entries_of(m, v.coef, v.factor)
