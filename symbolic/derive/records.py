"""Immutable results of a derivation: one Step per line, one Derivation per parameter."""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from .registry import Rule, rule


@dataclass(frozen=True)
class Rewrite:
    """One rule application within a line: the part of the previous line it rewrote, and into what.

    ``before`` is a sub-expression of the previous line (∂/∂ω[ωx + b], σ'(z)), ``after`` the part of
    this line that replaced it; ``before_path``/``after_path`` locate them as indices into ``args``
    from the root of each line (None where the part is not a node of the line, e.g. a factor 1 dropped).
    """

    rules: tuple[Rule, ...]
    #: what is differentiated (ωx + b); for an outer derivative f'(z), the application f(z)
    target: sympy.Expr
    before: sympy.Expr
    after: sympy.Expr
    before_path: tuple[int, ...] | None = None
    after_path: tuple[int, ...] | None = None

    def __post_init__(self):
        object.__setattr__(self, "rules", tuple(rule(r) for r in self.rules))

    @property
    def rule(self) -> str:
        """The rules of this rewrite as one phrase: "constant factor, power rule"."""
        return ", ".join(dict.fromkeys(r.name for r in self.rules))


@dataclass(frozen=True)
class Step:
    """One line of a derivation: the rules applied to reach it and the expression after them.

    ``rules`` are records of the registry (``symbolic.derive.registry``); ids are accepted and looked
    up, and an id that is not registered is a ValueError here.
    """

    rules: tuple[Rule, ...]
    expression: sympy.Expr
    #: inner variables named at this line (z = ωx + b), as (symbol, expression) pairs
    definitions: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = ()
    #: what each rule application rewrote, left to right
    rewrites: tuple[Rewrite, ...] = ()

    def __post_init__(self):
        if isinstance(self.rules, (str, Rule)):
            raise TypeError("Step.rules is a tuple of rule ids or Rule records")
        object.__setattr__(self, "rules", tuple(rule(r) for r in self.rules))

    @property
    def rule(self) -> str:
        """The rules of this line as one phrase: "sum rule, constant factor"."""
        return ", ".join(dict.fromkeys(r.name for r in self.rules))


@dataclass(frozen=True)
class Derivation:
    """∂L/∂θ worked out step by step, with the final gradient in compact textbook form.

    ``gradient`` is in the objective's own variables; ``steps`` and ``compact`` use the inner names
    listed in ``definitions`` (z = ωx + b) the way a student writes them.
    """

    objective: sympy.Expr
    parameter: sympy.Symbol
    steps: tuple[Step, ...]
    gradient: sympy.Expr
    compact: sympy.Expr
    definitions: tuple[tuple[sympy.Symbol, sympy.Expr], ...]

    @property
    def note(self) -> str:
        """Why ∂L/∂θ is 0 without work: the parameter was written in the loss but cancels out of it ("" if not)."""
        if self.objective.has(self.parameter):
            return ""
        return f"{self.parameter} was written but cancels out of the loss, so ∂L/∂{self.parameter} = 0"

    def substitute_names(self, expr: sympy.Expr) -> sympy.Expr:
        """Write an expression that uses the inner names (z) in the objective's variables."""
        for name, inner in reversed(self.definitions):
            expr = expr.xreplace({name: inner})
        return expr

    def to_latex(self) -> str:
        """An ``align*`` block, one line per step, each with its justification."""
        from ..render.latex import derivation_latex
        return derivation_latex(self)

    def to_text(self) -> str:
        """The derivation as plain unicode text for a terminal."""
        from ..render.text import derivation_text
        return derivation_text(self)

    def _repr_latex_(self) -> str:
        return "$$" + self.to_latex() + "$$"

    def __str__(self) -> str:
        return self.to_text()
