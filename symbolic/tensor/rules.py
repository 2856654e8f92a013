"""One vector-Jacobian rule per operation, autograd's ``defvjp`` shape.

A rule takes the node and the adjoint G = ∂L/∂(node) (same shape as the node) and returns the
adjoint contributions of the node's inputs (``node.children()`` order) as trees; None means zero.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import sympy

from ..errors import DerivationError
from . import tree as t


@dataclass(frozen=True)
class Rule:
    """One operation's rule: what the lecture calls it, its statement, and its vector-Jacobian product."""

    id: str
    name: str
    statement: str
    vjp: Callable[[t.Node, t.Node], tuple]


RULES: dict[type, Rule] = {}


def defvjp(cls: type, name: str, statement: str):
    """Register the rule of ``cls`` (decorator)."""
    def register(fn):
        RULES[cls] = Rule(cls.__name__, name, statement, fn)
        return fn
    return register


def rule_for(n: t.Node) -> Rule:
    """The rule of a node's operation; a missing rule is one clear error."""
    found = RULES.get(type(n))
    if found is None:
        raise DerivationError(f"no derivative rule for {type(n).__name__}")
    return found


def _times(G: t.Node, n: t.Node) -> t.Node:
    """G·n for a scalar G."""
    return t.Scale(G, n)


@defvjp(t.Add, "sum rule", "∂L/∂a = ∂L/∂b = ∂L/∂(a + b)")
def _add(n, G):
    return (G,) * len(n.terms)


@defvjp(t.Scale, "constant factor", "∂L/∂A = c ∂L/∂(cA), ∂L/∂c = Σ ∂L/∂(cA) ⊙ A")
def _scale(n, G):
    dc = t.Hadamard(G, n.arg) if n.arg.is_scalar else t.Sum(t.Hadamard(G, n.arg))
    return (dc, t.Scale(n.scalar, G))


@defvjp(t.MatMul, "matrix product", "∂L/∂A = G Bᵀ, ∂L/∂B = Aᵀ G for G = ∂L/∂(AB)")
def _matmul(n, G):
    return (t.MatMul(G, t.transpose_of(n.right)), t.MatMul(t.transpose_of(n.left), G))


@defvjp(t.Transpose, "transpose", "∂L/∂A = (∂L/∂Aᵀ)ᵀ")
def _transpose(n, G):
    return (t.transpose_of(G),)


@defvjp(t.Hadamard, "entrywise product", "∂L/∂A = G ⊙ B, ∂L/∂B = G ⊙ A")
def _hadamard(n, G):
    return (t.Hadamard(G, n.right), t.Hadamard(G, n.left))


@defvjp(t.Power, "power rule", "∂L/∂A = G ⊙ p A^(p−1)")
def _power(n, G):
    return (t.Hadamard(G, t.Scale(t.const(n.exponent), t.Power(n.arg, n.exponent - 1))),)


def derivative(function: str, u: t.Node) -> t.Node | None:
    """f′(u) entry by entry as a tree, from the function registry's own derivative (sympy's diff of its
    class): σ′ = σ ⊙ (1 − σ), tanh′ = 1 − tanh², ReLU′ = step; None where it is zero almost everywhere
    (step, sign); an f′ node where the derivative is not entrywise arithmetic of registry functions."""
    x = sympy.Dummy("x", real=True)
    d = _registry_derivative(function, x)
    if d is None:
        return t.Elementwise(function, u, 1)
    if d == 0:
        return None
    try:
        return _entrywise(d, x, u)
    except ValueError:
        return t.Elementwise(function, u, 1)


@lru_cache(maxsize=None)
def _registry_derivative(function: str, x: sympy.Symbol):
    from ..functions import FUNCTIONS
    try:
        return sympy.diff(FUNCTIONS[function].constructor(x), x)
    except (TypeError, ValueError, AttributeError, NotImplementedError):
        return None


@lru_cache(maxsize=None)
def _names_of_classes() -> dict:
    from ..functions import FUNCTIONS
    return {info.cls: name for name, info in FUNCTIONS.items() if info.cls is not None and info.arity[0] == 1}


def _entrywise(e: sympy.Expr, x: sympy.Symbol, u: t.Node) -> t.Node:
    """A sympy expression of one entry x as the tree of the same arithmetic on u entry by entry."""
    if e == x:
        return u
    if not e.free_symbols:
        if not e.is_Rational and not e.is_number:
            raise ValueError(f"not a number: {e}")
        return t.Const(e) if u.is_scalar else (t.Ones(u.shape) if e == 1 else t.Scale(t.Const(e), t.Ones(u.shape)))
    if isinstance(e, sympy.Add):
        return t.Add(tuple(_entrywise(a, x, u) for a in e.args))
    if isinstance(e, sympy.Mul):
        coeff, rest = e.as_coeff_Mul()
        ordered = sorted(sympy.Mul.make_args(rest), key=lambda f: isinstance(f, sympy.Add))  # σ ⊙ (1 − σ)
        factors = [_entrywise(f, x, u) for f in ordered]
        out = factors[0]
        for f in factors[1:]:
            out = t.Hadamard(out, f) if not (out.is_scalar and not f.is_scalar) else t.Scale(out, f)
        return out if coeff == 1 else t.Scale(t.Const(coeff), out)
    if isinstance(e, sympy.Pow) and e.exp.is_Rational:
        return t.Power(_entrywise(e.base, x, u), e.exp)
    name = _names_of_classes().get(type(e))
    if name is not None and len(e.args) == 1:
        return t.Elementwise(name, _entrywise(e.args[0], x, u))
    raise ValueError(f"no entrywise tree for {e}")


@defvjp(t.Elementwise, "activation derivative", "∂L/∂u = G ⊙ f′(u) for f applied entry by entry")
def _elementwise(n, G):
    if n.order:
        return (t.Hadamard(G, t.Elementwise(n.function, n.arg, n.order + 1)),) if n.order < 3 else \
            (_raise("third derivatives are not supported"),)
    d = derivative(n.function, n.arg)
    return (None if d is None else t.Hadamard(G, d),)


def _raise(message):
    raise DerivationError(message)


@defvjp(t.Sum, "sum of entries", "∂L/∂A = G 𝟏 (every entry gets G; per row or column for axis=1, 0)")
def _sum(n, G):
    a = n.arg
    if n.shape == (t.ONE, t.ONE):
        return (t.Scale(G, t.ones_like(a)),)
    if n.axis == 0:
        return (t.MatMul(t.Ones((a.rows, 1)), t.Transpose(G)),)
    return (t.MatMul(G, t.Transpose(t.Ones((a.cols, 1)))),)


@defvjp(t.Norm2, "norm", "∂L/∂A = G A/‖A‖")
def _norm(n, G):
    return (t.Scale(t.Scale(G, t.Power(n, -1)), n.arg),)


@defvjp(t.Trace, "trace", "∂L/∂A = G I")
def _trace(n, G):
    return (t.Scale(G, t.Identity(n.arg.rows)),)


@defvjp(t.Det, "determinant", "∂L/∂A = G det(A) A⁻ᵀ")
def _det(n, G):
    return (t.Scale(t.Scale(G, n), t.Transpose(t.Inverse(n.arg))),)


@defvjp(t.LogDet, "log determinant", "∂L/∂A = G A⁻ᵀ")
def _logdet(n, G):
    return (t.Scale(G, t.Transpose(t.Inverse(n.arg))),)


@defvjp(t.Inverse, "inverse", "∂L/∂A = −A⁻ᵀ G A⁻ᵀ")
def _inverse(n, G):
    inv_t = t.Transpose(n)
    return (t.neg(t.MatMul(t.MatMul(inv_t, G), inv_t)),)


@defvjp(t.Softmax, "softmax", "∂L/∂z = s ⊙ G − s (sᵀG) for s = softmax(z), row by row for a matrix")
def _softmax(n, G):
    S = n
    if n.is_column:
        return (t.Add((t.Hadamard(S, G), t.neg(t.Scale(t.MatMul(t.Transpose(S), G), S)))),)
    rows = t.Sum(t.Hadamard(S, G), 1)
    return (t.Add((t.Hadamard(S, G), t.neg(t.Hadamard(S, t.MatMul(rows, t.Transpose(t.Ones((n.cols, 1)))))))),)


@defvjp(t.LogSumExp, "log-sum-exp", "∂L/∂z = G softmax(z), row by row for a matrix")
def _logsumexp(n, G):
    if n.arg.is_column:
        return (t.Scale(G, t.Softmax(n.arg)),)
    return (t.Hadamard(t.Softmax(n.arg), t.MatMul(G, t.Transpose(t.Ones((n.arg.cols, 1))))),)


@defvjp(t.Diag, "diagonal matrix", "∂L/∂v = diag(G)")
def _diag(n, G):
    return (t.DiagPart(G),)


@defvjp(t.DiagPart, "diagonal", "∂L/∂A = diag(G)")
def _diag_part(n, G):
    return (t.Diag(G),)
