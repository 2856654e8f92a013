"""Exact values of a tree with sympy matrices at concrete sizes (the scalar expansion the tests
differentiate entry by entry)."""
from __future__ import annotations

import sympy

from . import tree as t


def _function(name: str, order: int):
    from ..functions import FUNCTIONS
    build = FUNCTIONS[name].constructor
    if not order:
        return build
    u = sympy.Dummy("u", real=True)
    d = sympy.diff(build(u), u, order)
    return lambda x: d.subs(u, x)


def _softmax_column(v: sympy.Matrix) -> sympy.Matrix:
    e = v.applyfunc(sympy.exp)
    return e / sum(e)


def value(n: t.Node, env: dict[str, sympy.Matrix], dims: dict[sympy.Symbol, int], memo=None) -> sympy.Matrix:
    """The rows × cols sympy Matrix of ``n`` with every variable's matrix in ``env`` (scalars 1 × 1)."""
    memo = {} if memo is None else memo
    if n in memo:
        return memo[n]

    def v(c):
        return value(c, env, dims, memo)

    size = lambda d: int(sympy.sympify(d).subs(dims))  # noqa: E731
    if isinstance(n, t.Var):
        out = env[n.name]
    elif isinstance(n, t.Const):
        out = sympy.Matrix([[n.value.subs(dims)]])
    elif isinstance(n, t.Ones):
        out = sympy.ones(size(n.rows), size(n.cols))
    elif isinstance(n, t.Zeros):
        out = sympy.zeros(size(n.rows), size(n.cols))
    elif isinstance(n, t.Identity):
        out = sympy.eye(size(n.n))
    elif isinstance(n, t.MatMul):
        out = v(n.left) * v(n.right)
    elif isinstance(n, t.Transpose):
        out = v(n.arg).T
    elif isinstance(n, t.Add):
        out = v(n.terms[0])
        for term in n.terms[1:]:
            out = out + v(term)
    elif isinstance(n, t.Scale):
        out = v(n.scalar)[0, 0] * v(n.arg)
    elif isinstance(n, t.Hadamard):
        out = v(n.left).multiply_elementwise(v(n.right))
    elif isinstance(n, t.Power):
        out = v(n.arg).applyfunc(lambda x: x ** n.exponent)
    elif isinstance(n, t.Elementwise):
        out = v(n.arg).applyfunc(_function(n.function, n.order))
    elif isinstance(n, t.Sum):
        a = v(n.arg)
        if n.axis is None:
            out = sympy.Matrix([[sum(a)]])
        elif n.axis == 0:
            out = sympy.Matrix([sum(a[:, j]) for j in range(a.cols)])
        else:
            out = sympy.Matrix([sum(a[i, :]) for i in range(a.rows)])
    elif isinstance(n, t.Norm2):
        out = sympy.Matrix([[sympy.sqrt(sum(x ** 2 for x in v(n.arg)))]])
    elif isinstance(n, t.Trace):
        out = sympy.Matrix([[v(n.arg).trace()]])
    elif isinstance(n, t.Det):
        out = sympy.Matrix([[v(n.arg).det()]])
    elif isinstance(n, t.LogDet):
        out = sympy.Matrix([[sympy.log(v(n.arg).det())]])
    elif isinstance(n, t.Inverse):
        out = v(n.arg).inv()
    elif isinstance(n, t.Softmax):
        a = v(n.arg)
        out = _softmax_column(a) if n.arg.is_column else \
            sympy.Matrix.vstack(*[_softmax_column(a[i, :].T).T for i in range(a.rows)])
    elif isinstance(n, t.LogSumExp):
        a = v(n.arg)
        lse = lambda row: sympy.log(sum(x.exp() if hasattr(x, "exp") else sympy.exp(x) for x in row))  # noqa: E731
        out = sympy.Matrix([[lse(a)]]) if n.arg.is_column else sympy.Matrix([lse(a[i, :]) for i in range(a.rows)])
    elif isinstance(n, t.Diag):
        out = sympy.diag(*v(n.arg))
    elif isinstance(n, t.DiagPart):
        a = v(n.arg)
        out = sympy.Matrix([a[i, i] for i in range(a.rows)])
    else:
        raise TypeError(f"cannot evaluate {type(n).__name__}")
    memo[n] = out
    return out
