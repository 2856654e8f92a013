"""The derivation tree: one immutable node per rule application (SymPy Gamma's shape).

A node knows what it differentiates, the rule(s) it applies, its children (the derivatives the rule
needs), the evaluated result, and how to write itself as one line of a derivation from its children's
lines (``combine``).  Printing is separate: ``lines.py`` walks the tree depth by depth.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

import sympy

from ..errors import DerivationError
from .display import Pending
from .registry import Rule, rule

Rename = Callable[[sympy.Expr], sympy.Expr]
#: builds the unevaluated line of a node from its children's lines
Combine = Callable[[list[sympy.Expr], Rename], sympy.Expr]
#: how a node looks before its rule is applied (default: ∂u/∂w)
Display = Callable[[Rename], sympy.Expr]


@dataclass(frozen=True)
class Node:
    """One rule application: d(expr)/d(wrt) = result, written from children via ``combine``.

    ``rules`` are registry ids or records (stored as records; an unregistered id is a ValueError).
    """

    rules: tuple[Rule, ...]
    expr: sympy.Expr
    result: sympy.Expr
    children: tuple["Node", ...] = ()
    combine: Combine | None = None
    display: Display | None = None
    definitions: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = field(default=())

    def __post_init__(self):
        object.__setattr__(self, "rules", tuple(rule(r) for r in self.rules))


def leaf(rule_id: str, expr: sympy.Expr, result: sympy.Expr, display: Display | None = None) -> Node:
    """A node whose rule gives the result at once (constant, variable, linear, f'(z))."""
    return Node((rule_id,), expr, result, display=display)


class TreeBuilder:
    """Builds the derivation tree of expressions with respect to one parameter.

    ``hints`` name inner expressions the way the lecture does (z = ωx + b); other inner expressions
    of the chain rule get fresh names z, z2, … that clash with no symbol of the objective.
    """

    def __init__(self, wrt: sympy.Symbol, rules, hints: Mapping[sympy.Expr, sympy.Symbol] = {},
                 taken: set[str] = frozenset()):
        self.wrt = wrt
        self.rules = rules
        self.hints = dict(hints)
        self.names: dict[sympy.Expr, sympy.Symbol] = {}
        self.taken = set(taken) | {s.name for s in self.hints.values()}

    def build(self, expr: sympy.Expr) -> Node:
        """The derivation tree of d(expr)/d(wrt): the first rule of the table that applies."""
        for rule in self.rules:
            node = rule(self, expr)
            if node is not None:
                return merge(node)
        raise DerivationError(f"no differentiation rule for {type(expr).__name__}: {expr}")

    def name(self, inner: sympy.Expr, activation_input: bool = True) -> sympy.Symbol:
        """The symbol that stands for an inner expression of the chain rule (the same each time): z, z2, …
        for an activation's input, as the lecture writes z = ωx + b; u, u2, … for any other function's."""
        if inner in self.hints:
            return self.hints[inner]
        if inner not in self.names:
            suffix = "".join(f"_{i}" for i in sorted({str(i) for ix in inner.atoms(sympy.Indexed) for i in ix.indices if i.is_Symbol}))
            k = 1
            stem = "z" if activation_input else "u"
            while (candidate := (stem if k == 1 else f"{stem}{k}") + suffix) in self.taken:
                k += 1
            self.taken.add(candidate)
            self.names[inner] = sympy.Symbol(candidate, real=True)
        return self.names[inner]

    def pending(self, expr: sympy.Expr) -> Display:
        """The default look of a node before its rule applies: ∂expr/∂wrt."""
        return lambda rename: Pending(rename(expr), self.wrt)


#: rules whose single child can be folded into them without hiding a real step
_FOLDABLE = {"sum_rule", "sum_over_data", "constant_factor"}


def merge(node: Node) -> Node:
    """Fold a sum or constant-factor node with a single child into that child (one line, not two)."""
    if len(node.children) != 1 or not {r.id for r in node.rules} <= _FOLDABLE:
        return node
    child = node.children[0]
    rules, definitions = node.rules + child.rules, node.definitions + child.definitions
    if not child.children:
        return Node(rules, node.expr, node.result, display=node.display, definitions=definitions)
    outer, inner = node.combine, child.combine
    return Node(rules, node.expr, node.result, child.children,
                lambda kids, rename: outer([inner(kids, rename)], rename), node.display, definitions)
