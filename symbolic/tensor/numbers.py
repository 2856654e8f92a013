"""High-precision values of a typed tree at concrete sizes, with mpmath (pure Python: the browser has it too).

A value is a list of rows of mpmath numbers (rows × cols); every function's value comes from the
function registry (``FunctionInfo.mpmath``), derivatives f′ from sympy's derivative of the registry's
constructor.  Where an answer has no real value (log of a negative, a singular inverse) ``Undefined``
is raised and the caller draws another point.
"""
from __future__ import annotations

from functools import lru_cache

import mpmath
import sympy

from ..functions import Undefined
from . import tree as t

Value = list  # list[list[mpmath.mpf]]


def _zeros(r: int, c: int) -> Value:
    return [[mpmath.mpf(0)] * c for _ in range(r)]


def _map(f, a: Value) -> Value:
    return [[f(x) for x in row] for row in a]


def _zip(f, a: Value, b: Value) -> Value:
    return [[f(x, y) for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def _matmul(a: Value, b: Value) -> Value:
    cols = list(zip(*b))
    return [[mpmath.fsum(x * y for x, y in zip(row, col)) for col in cols] for row in a]


def _transpose(a: Value) -> Value:
    return [list(col) for col in zip(*a)]


@lru_cache(maxsize=None)
def _function(name: str, order: int):
    from ..functions import FUNCTIONS
    info = FUNCTIONS[name]
    if order == 0 and info.mpmath is not None:
        return info.mpmath
    u = sympy.Dummy("u", real=True)
    expr = sympy.diff(info.constructor(u), u, order) if order else info.constructor(u)
    expr = expr.rewrite(sympy.Piecewise) if expr.has(sympy.Heaviside) else expr

    def value(x):
        out = expr.xreplace({u: sympy.Float(x, mpmath.mp.dps + 5)}).evalf(mpmath.mp.dps + 5)
        if not out.is_real or out.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
            raise Undefined(f"{name} has no real value here")
        return mpmath.mpf(out)
    return value


def _checked(f, name):
    def g(x):
        try:
            v = f(x)
        except (ValueError, ZeroDivisionError, OverflowError) as err:
            raise Undefined(f"{name}: {err}") from None
        if isinstance(v, mpmath.mpc):
            if v.imag:
                raise Undefined(f"{name} has no real value here")
            v = v.real
        if not mpmath.isfinite(v):
            raise Undefined(f"{name} is not finite here")
        return v
    return g


def _power(x, p):
    if x == 0 and p < 0:
        raise Undefined("division by zero")
    if x < 0 and not sympy.Integer(p) == p:
        raise Undefined("a fractional power of a negative number")
    return x ** (int(p) if sympy.Integer(p) == p else mpmath.mpf(sympy.Rational(p).p) / sympy.Rational(p).q)


def _softmax_row(row):
    m = max(row)
    e = [mpmath.exp(x - m) for x in row]
    s = mpmath.fsum(e)
    return [x / s for x in e]


def _lse(row):
    m = max(row)
    return m + mpmath.log(mpmath.fsum(mpmath.exp(x - m) for x in row))


def _as_matrix(a: Value):
    return mpmath.matrix(a)


def _from_matrix(m) -> Value:
    return [[m[i, j] for j in range(m.cols)] for i in range(m.rows)]


def _det(a: Value):
    return mpmath.det(_as_matrix(a)) if len(a) > 1 else a[0][0]


def _inverse(a: Value) -> Value:
    if _det(a) == 0:
        raise Undefined("the matrix is singular")
    try:
        return _from_matrix(mpmath.inverse(_as_matrix(a)))
    except ZeroDivisionError:
        raise Undefined("the matrix is singular") from None


class Evaluator:
    """Values of nodes at one point: ``env`` maps each variable's name to its value, ``dims`` each dim to a size."""

    def __init__(self, env: dict[str, Value], dims: dict):
        self.env = env
        self.dims = dims
        self.memo: dict[t.Node, Value] = {}

    def size(self, d) -> int:
        return int(sympy.sympify(d).xreplace(self.dims))

    def scalar(self, expr) -> mpmath.mpf:
        value = sympy.sympify(expr).xreplace(self.dims)
        if not value.is_number:
            raise Undefined(f"{expr} has no value")
        return mpmath.mpf(sympy.Rational(value)) if value.is_Rational else mpmath.mpf(value.evalf(mpmath.mp.dps + 5))

    def __call__(self, n: t.Node) -> Value:
        done = self.memo.get(n)
        if done is not None:
            return done
        method = getattr(self, f"_{type(n).__name__}", None)
        if method is None:
            raise TypeError(f"cannot evaluate {type(n).__name__}")
        out = method(n)
        self.memo[n] = out
        return out

    # one method per node type
    def _Var(self, n):
        return self.env[n.name]

    def _Adjoint(self, n):
        return self.env[f"∂{n.name}"]

    def _Const(self, n):
        return [[self.scalar(n.value)]]

    def _Ones(self, n):
        return [[mpmath.mpf(1)] * self.size(n.cols) for _ in range(self.size(n.rows))]

    def _Zeros(self, n):
        return _zeros(self.size(n.rows), self.size(n.cols))

    def _Identity(self, n):
        k = self.size(n.n)
        return [[mpmath.mpf(i == j) for j in range(k)] for i in range(k)]

    def _MatMul(self, n):
        return _matmul(self(n.left), self(n.right))

    def _Transpose(self, n):
        return _transpose(self(n.arg))

    def _Add(self, n):
        out = self(n.terms[0])
        for term in n.terms[1:]:
            out = _zip(lambda x, y: x + y, out, self(term))
        return out

    def _Scale(self, n):
        c = self(n.scalar)[0][0]
        return _map(lambda x: c * x, self(n.arg))

    def _Hadamard(self, n):
        return _zip(lambda x, y: x * y, self(n.left), self(n.right))

    def _Power(self, n):
        p = n.exponent
        return _map(lambda x: _power(x, p), self(n.arg))

    def _Elementwise(self, n):
        return _map(_checked(_function(n.function, n.order), n.function), self(n.arg))

    def _Sum(self, n):
        a = self(n.arg)
        if n.axis is None:
            return [[mpmath.fsum(x for row in a for x in row)]]
        if n.axis == 0:
            return [[mpmath.fsum(col)] for col in zip(*a)]
        return [[mpmath.fsum(row)] for row in a]

    def _Norm2(self, n):
        return [[mpmath.sqrt(mpmath.fsum(x * x for row in self(n.arg) for x in row))]]

    def _Trace(self, n):
        a = self(n.arg)
        return [[mpmath.fsum(a[i][i] for i in range(len(a)))]]

    def _Det(self, n):
        return [[_det(self(n.arg))]]

    def _LogDet(self, n):
        d = _det(self(n.arg))
        if d <= 0:
            raise Undefined("log det of a matrix whose determinant is not positive")
        return [[mpmath.log(d)]]

    def _Inverse(self, n):
        return _inverse(self(n.arg))

    def _Softmax(self, n):
        a = self(n.arg)
        if n.arg.is_column or n.arg.is_scalar:
            return [[x] for x in _softmax_row([row[0] for row in a])]
        return [_softmax_row(row) for row in a]

    def _LogSumExp(self, n):
        a = self(n.arg)
        if n.arg.is_column or n.arg.is_scalar:
            return [[_lse([row[0] for row in a])]]
        return [[_lse(row)] for row in a]

    def _Diag(self, n):
        v = [row[0] for row in self(n.arg)]
        return [[v[i] if i == j else mpmath.mpf(0) for j in range(len(v))] for i in range(len(v))]

    def _DiagPart(self, n):
        a = self(n.arg)
        return [[a[i][i]] for i in range(len(a))]


def evaluate(n: t.Node, env: dict[str, Value], dims: dict) -> Value:
    """The value of one tree at one point (see ``Evaluator``)."""
    return Evaluator(env, dims)(n)
