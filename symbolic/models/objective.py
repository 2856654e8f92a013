"""Immutable records for what the lecture's 3-step recipe builds: a model, then an objective."""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy


@dataclass(frozen=True)
class Model:
    """Step 1 of the recipe: the prediction(s) ŷ with the model's parameters and inputs.

    ``outputs`` has one entry for a scalar model and k entries (ŷ_1..ŷ_k) for a k-class model.
    ``weights`` are the parameters a regularizer penalizes (never the biases).
    ``intermediates`` name inner expressions the way the lecture does (z = ωx + b).
    """

    name: str
    outputs: tuple[sympy.Expr, ...]
    parameters: tuple[sympy.Symbol, ...]
    weights: tuple[sympy.Symbol, ...]
    inputs: tuple[sympy.Symbol, ...]
    intermediates: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = ()

    @property
    def prediction(self) -> sympy.Expr:
        """ŷ for a scalar model (ValueError for a k-class model)."""
        if len(self.outputs) != 1:
            raise ValueError(f"{self.name} has {len(self.outputs)} outputs, not one")
        return self.outputs[0]


@dataclass(frozen=True)
class Objective:
    """Model + loss (+ regularizer): the expression L to minimize, and which symbols are what."""

    expression: sympy.Expr
    parameters: tuple[sympy.Symbol, ...]
    data: tuple[sympy.Symbol | sympy.IndexedBase, ...]
    constants: tuple[sympy.Symbol, ...] = ()
    name: str = "objective"
    #: inner expression → the lecture's name for it, used by the chain rule
    hints: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = field(default=())
    #: substitutions true of the data, e.g. 1[y = k] = 1 − Σ_{j<k} 1[y = j] for a label in 1..k
    identities: tuple[tuple[sympy.Expr, sympy.Expr], ...] = field(default=())
    #: the model's prediction(s) ŷ for one example (k of them for a k-class model), if it is a model
    outputs: tuple[sympy.Expr, ...] = field(default=())
    #: what kind of task the loss defines: "regression", "binary" (labels 0/1), "classes" (labels 1..k),
    #: "signs" (labels ±1, hinge), or "" for a typed loss
    task: str = ""
    #: the registry names it was built from ("logistic", "binary_cross_entropy"); "" for a typed loss
    model: str = ""
    loss: str = ""

    @property
    def task_record(self):
        """The Task record of ``task`` (labels, prediction rule), or None for a typed loss."""
        from .records import TASKS
        return TASKS.get(self.task)

    @property
    def intermediates(self) -> dict[sympy.Expr, sympy.Symbol]:
        """Inner expression → name, as the derivation's chain rule wants it."""
        return {inner: name for name, inner in self.hints}

    def _repr_latex_(self) -> str:
        from ..render.latex import latex
        return rf"$\mathcal{{L}} = {latex(self.expression)}$"
