"""Reverse mode over the typed tree: micrograd's backward (topological order, one reversed loop,
adjoints accumulated per node), each step one rule from ``rules.RULES``, shapes checked on every node."""
from __future__ import annotations

from ..errors import DerivationError
from . import tree as t
from .rules import rule_for
from .simplify import Simplifier


def depending(root: t.Node, wrt: set[str]) -> set[t.Node]:
    """The nodes whose value changes with a variable of ``wrt``."""
    out: set[t.Node] = set()
    for n in t.walk(root):
        if (isinstance(n, t.Var) and n.name in wrt) or any(c in out for c in n.children()):
            out.add(n)
    return out


def backward(root: t.Node, wrt: list[str], simplifier: Simplifier | None = None,
             seeds: dict[t.Node, t.Node] | None = None, stop: set[t.Node] = frozenset()):
    """∂L/∂v for every node v that depends on ``wrt`` → its adjoint tree (simplified) and the rules used.

    ``seeds`` start the adjoints (default: ∂L/∂root = 1); nodes in ``stop`` receive adjoints but do
    not pass them on (the steps cut the graph at named intermediates this way).
    """
    simplify = simplifier or Simplifier()
    needed = depending(root, set(wrt))
    contributions: dict[t.Node, list[t.Node]] = {}
    for node, seed in (seeds or {root: t.Const(1)}).items():
        contributions.setdefault(node, []).append(seed)
    adjoints: dict[t.Node, t.Node] = {}
    rules_used: dict[t.Node, list[str]] = {}
    for n in reversed(t.walk(root)):
        parts = contributions.get(n)
        if not parts or n not in needed:
            continue
        G = simplify(t.add(*parts))
        if G.shape != n.shape:
            raise AssertionError(f"adjoint shape {G.shape} of a node of shape {n.shape}")
        adjoints[n] = G
        if isinstance(n, t.Var) or n in stop or isinstance(G, t.Zeros):
            continue
        rule = rule_for(n)
        outs = rule.vjp(n, G)
        for child, out in zip(n.children(), outs):
            if out is None or child not in needed:
                continue
            if out.shape != child.shape:
                raise AssertionError(f"rule {rule.id} gave shape {out.shape} for an input of shape {child.shape}")
            contributions.setdefault(child, []).append(out)
            rules_used.setdefault(child, []).append(rule.name)
    return adjoints, rules_used


def gradients(root: t.Node, wrt: list[str], simplifier: Simplifier | None = None) -> dict[str, t.Node]:
    """∂L/∂v for each named variable, in textbook form (a zero tensor when L does not depend on it)."""
    if not root.is_scalar:
        raise DerivationError("the objective must be a scalar")
    simplify = simplifier or Simplifier()
    found = t.variables(root)
    try:
        adjoints, _ = backward(root, wrt, simplify)
    except RecursionError:
        raise DerivationError("the objective is nested too deeply to differentiate") from None
    out = {}
    for name in wrt:
        var = found[name]
        out[name] = adjoints.get(var, t.Zeros(var.shape))
    return out
