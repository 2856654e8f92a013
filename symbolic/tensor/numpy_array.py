"""numpy arrays as typed trees: a tree plus numpy's ``ndim``, with numpy's broadcasting, products,
reductions and reshapes, so that notebook code means exactly what numpy computes.

The tree keeps vectors as columns; ``ndim`` says what numpy sees: 0 a scalar, 1 a 1-D array ``(n,)``,
2 a 2-D array (``(n, 1)`` is a column, ``(1, n)`` a row).  A 1-D ``(n,)`` against an ``(n, 1)`` column
broadcasts to ``(n, n)`` in numpy, and so it does here (``outer_broadcast`` tells the reader to say so).
Whatever numpy would refuse, or what the tree cannot hold (3-D arrays, ``vec`` of a matrix), is one
``ShapeError``/``ParseError`` naming the shapes.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..errors import ParseError
from . import tree as t
from .shapes import ShapeError

ONE = sympy.Integer(1)


@dataclass(frozen=True)
class Array:
    """A typed tree with numpy's number of dimensions (and whether numpy holds it as booleans)."""

    node: t.Node
    ndim: int
    boolean: bool = False

    def __post_init__(self):
        if self.ndim == 0 and not self.node.is_scalar:
            raise ValueError("a 0-d array needs a scalar tree")
        if self.ndim == 1 and self.node.cols != ONE:
            raise ValueError("a 1-d array is kept as a column")

    @property
    def shape(self) -> tuple:
        """numpy's shape: (), (n,) or (r, c)."""
        return {0: (), 1: (self.node.rows,), 2: self.node.shape}[self.ndim]

    def describe(self) -> str:
        """numpy's shape as text: ``()``, ``(n,)``, ``(n, d)``."""
        dims = self.shape
        return "()" if not dims else f"({dims[0]},)" if len(dims) == 1 else f"({dims[0]}, {dims[1]})"

    def show(self) -> str:
        return f"{t._show(self.node)} {self.describe()}"


def scalar(node: t.Node) -> Array:
    return Array(node, 0)


def const(value) -> Array:
    return Array(t.const(value), 0)


def from_declared(node: t.Var, ndim: int | None = None) -> Array:
    """A declared tensor: a column is 1-D (numpy's ``(n,)``) unless declared 2-D, a scalar 0-D."""
    if node.is_scalar:
        return Array(node, 0)
    if ndim is None:
        ndim = 1 if node.cols == ONE else 2
    return Array(node, ndim)


def is_const(a: Array, value=None) -> bool:
    return a.ndim == 0 and isinstance(a.node, t.Const) and (value is None or a.node.value == value)


def shape_error(what: str, *arrays: Array) -> ShapeError:
    return ShapeError(f"{what} " + " and ".join(a.show() for a in arrays))


# ---- broadcasting ---------------------------------------------------------------------------------

def as_2d(a: Array) -> t.Node:
    """The tree of ``a`` as numpy lines it up for broadcasting: a 1-D (n,) is the row (1, n)."""
    return t.transposed(a.node) if a.ndim == 1 and not a.node.is_scalar else a.node


def spread(node: t.Node, shape) -> t.Node:
    """A scalar tree made into the all-``node`` tensor of ``shape``."""
    ones = t.Ones(shape)
    return ones if node == t.Const(1) else t.Scale(node, ones)


def expand(node: t.Node, shape) -> t.Node:
    """``node`` stretched along its size-1 axes to ``shape`` (numpy's broadcasting, as products with 1s)."""
    rows, cols = shape
    if node.shape == (rows, cols):
        return node
    if node.is_scalar:
        return spread(node, shape)
    if node.rows == ONE and rows != ONE:
        node = t.MatMul(t.Ones((rows, ONE)), node)
    if node.cols == ONE and cols != ONE:
        node = t.MatMul(node, t.Ones((ONE, cols)))
    return node


def _axis(x, y, what, a, b):
    if x == y or y == ONE:
        return x
    if x == ONE:
        return y
    err = shape_error(f"{what}: numpy cannot broadcast", a, b)
    for u, v in ((a, b), (b, a)):
        if u.ndim == 1 and v.ndim == 2 and u.node.rows == v.node.rows:
            err = ShapeError(f"{err} (numpy lines a 1-D array up with the last axis: a column is v[:, None])")
    raise err


def broadcast(a: Array, b: Array, what: str) -> tuple[t.Node, t.Node, int]:
    """Both trees stretched to numpy's common shape, and that shape's ndim."""
    ndim = max(a.ndim, b.ndim)
    if ndim <= 1:
        n = _axis(a.node.rows, b.node.rows, what, a, b)
        return expand(a.node, (n, ONE)), expand(b.node, (n, ONE)), ndim
    left, right = as_2d(a), as_2d(b)
    shape = (_axis(left.rows, right.rows, what, a, b), _axis(left.cols, right.cols, what, a, b))
    return expand(left, shape), expand(right, shape), ndim


def outer_broadcast(a: Array, b: Array) -> bool:
    """True where numpy makes a matrix of a 1-D array and a column ((n,) with (m, 1)): usually a slip."""
    for u, v in ((a, b), (b, a)):
        if u.ndim == 1 and v.ndim == 2 and v.node.is_column and not u.node.is_scalar:
            return True
    return False


# ---- entry by entry ------------------------------------------------------------------------------

def _no_booleans(what: str, a: Array, b: Array | None = None) -> None:
    if a.boolean and (b is None or b.boolean):
        why = "numpy refuses it" if what != "add" else "numpy adds booleans as a logical or"
        raise ParseError(f"cannot {what} boolean arrays ({why}): multiply by 1.0 first, e.g. (z > 0) * 1.0")


def add(a: Array, b: Array) -> Array:
    _no_booleans("add", a, b)
    if is_const(a) and is_const(b):
        return const(a.node.value + b.node.value)
    if is_const(b, 0) and b.ndim <= a.ndim:
        return Array(a.node, a.ndim)
    if is_const(a, 0) and a.ndim <= b.ndim:
        return Array(b.node, b.ndim)
    left, right, ndim = broadcast(a, b, "cannot add")
    return Array(t.Add((left, right)), ndim)


def neg(a: Array) -> Array:
    _no_booleans("negate", a)
    if is_const(a):
        return const(-a.node.value)
    return Array(t.neg(a.node), a.ndim)


def sub(a: Array, b: Array) -> Array:
    _no_booleans("subtract", a, b)
    return add(a, neg(Array(b.node, b.ndim)))


def mul(a: Array, b: Array) -> Array:
    boolean = a.boolean and b.boolean
    if is_const(a) and is_const(b):
        return const(a.node.value * b.node.value)
    if is_const(b, 1) and b.ndim <= a.ndim:
        return Array(a.node, a.ndim)
    if is_const(a, 1) and a.ndim <= b.ndim:
        return Array(b.node, b.ndim)
    if a.ndim == 0 and b.ndim == 0:  # c·x with the number (or else the name) in front
        first = a if isinstance(a.node, t.Const) or (isinstance(a.node, t.Var) and not isinstance(b.node, t.Const)) else b
        return Array(t.Scale(first.node, (b if first is a else a).node), 0)
    if b.ndim == 0:
        return Array(t.Scale(b.node, a.node), a.ndim)
    if a.ndim == 0:
        return Array(t.Scale(a.node, b.node), b.ndim)
    left, right, ndim = broadcast(a, b, "cannot multiply entry by entry")
    return Array(t.Hadamard(left, right), ndim, boolean)


def power(a: Array, exponent: sympy.Rational) -> Array:
    if is_const(a):
        return const(a.node.value ** exponent)
    if exponent == 1:
        return Array(a.node, a.ndim)
    return Array(t.Power(a.node, exponent), a.ndim)


def div(a: Array, b: Array) -> Array:
    if is_const(b):
        if b.node.value == 0:
            raise ParseError("division by zero")
        return mul(a, const(1 / b.node.value))
    return mul(a, power(b, -1))


def one_minus(a: Array) -> Array:
    """1 − a, as numpy computes it for a boolean or a numeric array (``1 - mask``)."""
    return add(const(1), neg(Array(a.node, a.ndim)))


def function(name: str, a: Array, order: int = 0) -> Array:
    """A registry function applied entry by entry."""
    return Array(t.Elementwise(name, a.node, order), a.ndim)


# ---- comparisons, as indicator arrays (the registry's step: step(0) = 0) ----------------------------

def compare(a: Array, op: str, b: Array) -> Array:
    """``a > b`` and friends as a boolean array of 0s and 1s: a > b is step(a − b), a ≥ b is 1 − step(b − a)."""
    if op in ("Gt", "LtE"):
        diff = a if is_const(b, 0) else sub(a, b)
    else:
        diff = b if is_const(a, 0) else sub(b, a)
    if is_const(diff):
        raise ParseError("a comparison of two numbers: compare an array, e.g. z > 0")
    step = function("step", diff)
    out = step if op in ("Gt", "Lt") else one_minus(step)
    return Array(out.node, out.ndim, boolean=True)


def where(cond: Array, x: Array, y: Array) -> Array:
    """np.where(cond, x, y) for a boolean cond: cond·x + (1 − cond)·y, broadcast as numpy does."""
    if not cond.boolean:
        raise ParseError("np.where needs a comparison as its condition, e.g. np.where(z > 0, g, 0)")
    numeric = Array(cond.node, cond.ndim)
    terms = []
    if not is_const(x, 0):
        terms.append(mul(numeric, x))
    if not is_const(y, 0):
        terms.append(mul(one_minus(numeric), y))
    if not terms:
        return mul(numeric, const(0))
    # only a 0-d zero is dropped, and a 0-d operand never changes numpy's result shape
    return terms[0] if len(terms) == 1 else add(*terms)


# ---- products ------------------------------------------------------------------------------------

def matmul(a: Array, b: Array, what: str = "@") -> Array:
    """numpy's ``@`` / ``np.dot`` for 1-D and 2-D arrays (a scalar in ``np.dot`` multiplies)."""
    if a.ndim == 0 or b.ndim == 0:
        if what == "@":
            raise shape_error("@ needs arrays, not scalars: multiply with *", a, b)
        return mul(a, b)
    inner_a = a.node.rows if a.ndim == 1 else a.node.cols
    inner_b = b.node.rows
    if inner_a != inner_b:
        raise shape_error(f"cannot multiply ({what}): the inner sizes {inner_a} and {inner_b} differ for", a, b)
    if a.ndim == 1 and b.ndim == 1:
        return Array(t.MatMul(t.transposed(a.node), b.node), 0)
    if a.ndim == 2 and b.ndim == 1:
        return Array(t.MatMul(a.node, b.node), 1)
    if a.ndim == 1:
        return Array(t.MatMul(t.transposed(b.node), a.node), 1)
    out = t.MatMul(a.node, b.node)
    return Array(out, 2)


def transpose(a: Array) -> Array:
    """``.T``: a 1-D array stays as it is in numpy."""
    return a if a.ndim < 2 else Array(t.transposed(a.node), 2, a.boolean)


def _vector(a: Array, what: str) -> t.Node:
    """The column of a 1-D array or of an (n, 1) / (1, n) 2-D one (numpy flattens them)."""
    if a.ndim == 2 and not (a.node.is_column or a.node.is_row or a.node.is_scalar):
        raise shape_error(f"{what} flattens its arguments; a matrix would be vec(·), which is not supported:", a)
    return t.transposed(a.node) if a.node.is_row else a.node


def outer(a: Array, b: Array) -> Array:
    return Array(t.MatMul(_vector(a, "np.outer"), t.transposed(_vector(b, "np.outer"))), 2)


def diag(a: Array) -> Array:
    """np.diag: a 1-D array → the diagonal matrix; a square 2-D array → its diagonal (1-D)."""
    if a.ndim == 1:
        return Array(t.Diag(a.node), 2)
    if a.ndim == 2 and a.node.is_square and not a.node.is_scalar:
        return Array(t.DiagPart(a.node), 1)
    raise shape_error("np.diag needs a 1-D array or a square matrix (of an (n, 1) column numpy takes only [0, 0]):", a)


# ---- reductions ----------------------------------------------------------------------------------

def normal_axis(a: Array, axis: int | None) -> int | None:
    if axis is None:
        return None
    if not -a.ndim <= axis < a.ndim:
        raise shape_error(f"axis {axis} is out of bounds for", a)
    return axis % a.ndim


def total(a: Array, axis: int | None = None, keepdims: bool = False) -> Array:
    """np.sum(a, axis, keepdims) exactly as numpy shapes it."""
    axis = normal_axis(a, axis)
    node = a.node
    if axis is None:
        out = node if node.is_scalar else t.Sum(node)
        return Array(out, a.ndim if keepdims else 0)
    if a.ndim == 1:
        return Array(node if node.is_scalar else t.Sum(node), 1 if keepdims else 0)
    if axis == 0:  # (r, c) → (c,), kept: (1, c)
        column = t.transposed(node) if node.is_row else (node if node.is_scalar else t.Sum(node, 0))
        return Array(t.transposed(column) if keepdims and not column.is_scalar else column, 2 if keepdims else 1)
    column = node if node.is_column or node.is_scalar else (t.Sum(node) if node.is_row else t.Sum(node, 1))
    return Array(column, 2 if keepdims else 1)


def count(a: Array, axis: int | None) -> sympy.Expr:
    axis = normal_axis(a, axis)
    if axis is None:
        return a.node.rows * a.node.cols
    return a.shape[axis]


def mean(a: Array, axis: int | None = None, keepdims: bool = False) -> Array:
    return mul(total(a, axis, keepdims), const(1 / count(a, axis)))


# ---- reshapes ------------------------------------------------------------------------------------

def to_column(a: Array) -> Array:
    """``reshape(-1, 1)``, ``[:, None]``: the (n, 1) column of a vector."""
    return Array(_vector(a, "reshape(-1, 1)"), 2)


def to_row(a: Array) -> Array:
    """``reshape(1, -1)``, ``[None, :]``: the (1, n) row of a vector."""
    return Array(t.transposed(_vector(a, "reshape(1, -1)")), 2)


def flatten(a: Array) -> Array:
    """``ravel()``, ``flatten()``, ``reshape(-1)`` of a vector: 1-D."""
    if a.ndim == 0:
        return Array(a.node, 1)
    return Array(_vector(a, "flatten/ravel/reshape(-1)"), 1, a.boolean)


def squeeze(a: Array) -> Array:
    """np.squeeze: size-1 axes dropped."""
    if a.node.is_scalar:
        return Array(a.node, 0)
    if a.ndim == 2 and (a.node.is_column or a.node.is_row):
        return flatten(a)
    return a


def reshape(a: Array, dims: list) -> Array:
    """``a.reshape(*dims)`` where the tree can hold the result; -1 is numpy's 'the rest'."""
    size = a.node.rows * a.node.cols
    known = [d for d in dims if d != -1]
    if len(dims) - len(known) > 1:
        raise ParseError("reshape: only one dimension may be -1")
    if len(dims) > 2:
        raise ParseError("reshape to more than 2 dimensions is not supported")
    rest = size / sympy.Mul(*known) if len(known) < len(dims) else None
    shape = tuple(rest if d == -1 else d for d in dims)
    if sympy.simplify(sympy.Mul(*shape) - size) != 0:
        raise shape_error(f"cannot reshape into {tuple(shape)}:", a)
    if len(shape) == 0:
        if not a.node.is_scalar:
            raise shape_error("cannot reshape into ():", a)
        return Array(a.node, 0)
    if len(shape) == 1:
        return flatten(a)
    rows, cols = shape
    if cols == ONE and rows != ONE:
        return to_column(a)
    if rows == ONE and cols != ONE:
        return to_row(a)
    if (rows, cols) == (ONE, ONE):
        return Array(a.node, 2)
    if a.ndim == 2 and (rows, cols) == tuple(a.node.shape):
        return a
    raise shape_error(f"reshape into {rows} × {cols} rearranges entries, which is not supported:", a)


# ---- the cs231n label idioms, with the one-hot matrix Y of the labels y --------------------------------

def pick(a: Array, onehot: t.Node) -> Array:
    """``a[np.arange(N), y]``: each row's entry at its label, Σⱼ a ⊙ Y along the rows (1-D)."""
    if a.ndim != 2 or a.node.shape != onehot.shape:
        raise shape_error(f"a[np.arange(N), y] needs a matrix of the labels' one-hot shape {t._show(onehot)}, not", a)
    return Array(t.Sum(t.Hadamard(a.node, onehot), 1), 1)


def _per_row(value: Array, onehot: t.Node) -> t.Node:
    """The value set at each row's label entry, spread over the one-hot pattern."""
    if value.ndim == 0:
        return onehot if value.node == t.Const(1) else t.Scale(value.node, onehot)
    if value.ndim == 1 and value.node.rows == onehot.rows:
        return t.Hadamard(onehot, t.MatMul(value.node, t.Ones((ONE, onehot.cols))))
    raise shape_error(f"a[np.arange(N), y] = v needs a number or a 1-D array of {onehot.rows} values, not", value)


def put(a: Array, onehot: t.Node, op: str, value: Array) -> Array:
    """``a[np.arange(N), y] op= value`` for op in '', '+', '-', '*'."""
    if a.ndim != 2 or a.node.shape != onehot.shape:
        raise shape_error(f"a[np.arange(N), y] needs a matrix of the labels' one-hot shape {t._show(onehot)}, not", a)
    labels = Array(onehot, 2)
    placed = Array(_per_row(value, onehot), 2)
    if op == "+":
        return add(a, placed)
    if op == "-":
        return sub(a, placed)
    kept = mul(a, one_minus(labels))
    if op == "":
        return kept if is_const(value, 0) else add(kept, placed)
    if op == "*":
        return add(kept, mul(a, placed))
    raise ParseError(f"a[np.arange(N), y] {op}= is not supported (use =, +=, -= or *=)")


def put_mask(a: Array, mask: Array, value: Array) -> Array:
    """``a[mask] = value`` for a boolean mask of a's shape and a number: a where not mask, value where mask."""
    if not mask.boolean:
        raise ParseError("a[mask] = v needs a comparison as the mask, e.g. dz[z <= 0] = 0")
    if mask.shape != a.shape:
        raise shape_error("a[mask] = v needs a mask of a's shape:", a, mask)
    if value.ndim != 0:
        raise shape_error("a[mask] = v is supported with a number v, not", value)
    numeric = Array(mask.node, mask.ndim)
    kept = mul(a, one_minus(numeric))
    return kept if is_const(value, 0) else add(kept, mul(numeric, value))
