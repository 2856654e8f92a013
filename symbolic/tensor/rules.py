"""One vector-Jacobian rule per operation, autograd's ``defvjp`` shape.

A rule takes the node and the adjoint G = ∂L/∂(node) (same shape as the node) and returns the
adjoint contributions of the node's inputs (``node.children()`` order) as trees; None means zero.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

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
    """f′(u) entry by entry as a tree (None: zero almost everywhere)."""
    one = t.ones_like(u)
    f = lambda name: t.Elementwise(name, u)  # noqa: E731
    table = {
        "exp": lambda: f("exp"),
        "log": lambda: t.Power(u, -1),
        "sigmoid": lambda: t.Hadamard(f("sigmoid"), t.Add((one, t.neg(f("sigmoid"))))),
        "tanh": lambda: t.Add((one, t.neg(t.Power(f("tanh"), 2)))),
        "relu": lambda: f("step"),
        "softplus": lambda: f("sigmoid"),
        "abs": lambda: f("sign"),
        "sin": lambda: f("cos"),
        "cos": lambda: t.neg(f("sin")),
        "sinh": lambda: f("cosh"),
        "cosh": lambda: f("sinh"),
        "step": lambda: None, "sign_step": lambda: None, "sign": lambda: None,
    }
    build = table.get(function)
    return build() if build else t.Elementwise(function, u, 1)


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
