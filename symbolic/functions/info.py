"""One record per function: everything any parser, printer, evaluator or backend needs to know about it.

A ``FunctionInfo`` is built from a symgrad function class (``Function.info()``) or written as one
line of the table of sympy's own functions (``elementary.py``).  The code fields take the sympy
application and its already printed arguments and return code; ``None`` means "not available in
that backend", and the printer that needs it raises ``UnsupportedFunction`` naming the function.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import sympy

#: (the application, its printed arguments) → code
Code = Callable[[sympy.Basic, Sequence[str]], str]

#: the backends a FunctionInfo can print for: numpy (vectorized, ``numpy.``/``scipy.special.``
#: names), jax (``jax.numpy.``/``jax.nn.``/``jax.scipy.special.`` names), scalar (one float at a
#: time for the fused numba kernels: ``math.`` names and the kernels' ``_exp(x, pow2, t64)``)
BACKENDS = ("numpy", "jax", "scalar")


@dataclass(frozen=True)
class FunctionInfo:
    """Everything about one function, in one record."""

    #: canonical text name (``sigmoid``, ``exp``): the str printer writes it, the text parser reads it
    name: str
    #: the sympy class of its applications; None for a spelling that builds other nodes (sqrt → Pow)
    cls: type | None
    #: what the parsers call with the sympy arguments (guards, lazy Max); default ``cls``
    build: Callable[..., sympy.Expr] | None
    #: smallest and largest number of arguments
    arity: tuple[int, int]
    #: LaTeX head, e.g. ``\sigma`` or ``\operatorname{ReLU}``
    latex: str
    #: head in one-line unicode text (σ, ReLU, exp)
    unicode: str
    #: name in readable generated Python (the gradient-descent step latexify renders)
    python: str
    #: every spelling the text parser accepts (``log``, ``ln``)
    text_names: tuple[str, ...]
    #: LaTeX control words (``arcsin`` for ``\arcsin``) that name it
    latex_commands: tuple[str, ...]
    #: names accepted in ``\operatorname{…}`` / ``\mathrm{…}`` (compared in lower case)
    latex_operator_names: tuple[str, ...]
    #: high-precision value from mpmath values of the arguments (raises ``Undefined``); None: no value
    mpmath: Callable[..., object] | None
    numpy: Code | None
    jax: Code | None
    scalar: Code | None
    #: the NumberGuard check its numeric arguments pass while parsing ("" none)
    guard: str = ""
    #: what the parse guards may assume about |value|: "bounded" (≤ 1), "not_larger" (≤ its
    #: largest argument), "growing" (like exp), or "" (nothing)
    magnitude: str = ""
    #: one line for help texts
    description: str = ""
    #: the expressions whose sign switches between its pieces (step(g): [g]; max(a, b): [a − b]);
    #: None for a smooth function.  The checker samples on both sides of each.
    kinks: Callable[[sympy.Basic], Sequence[sympy.Expr]] | None = None
    #: its derivative rule as a derivation step states it, (LaTeX, unicode): d/du eᵘ = eᵘ; None for an
    #: activation (their steps say "activation derivative") or a spelling that builds other nodes
    derivative: tuple[str, str] | None = None

    def code(self, backend: str, expr: sympy.Basic, args: Sequence[str]) -> str:
        """Code for ``expr`` in ``backend`` (``UnsupportedFunction`` when this function has none)."""
        from .errors import UnsupportedFunction
        printer = getattr(self, backend)
        if printer is None:
            raise UnsupportedFunction(f"{self.name} cannot be compiled for the {backend} backend")
        return printer(expr, args)

    @property
    def constructor(self) -> Callable[..., sympy.Expr]:
        """What a parser calls: ``build`` or the class itself."""
        return self.build or self.cls


def template(pattern: str) -> Code:
    """Code from a format pattern over the printed arguments: ``template("numpy.exp({0})")``."""
    return lambda expr, args: pattern.format(*args)


def nested(pattern: str) -> Code:
    """A binary pattern folded over any number of arguments: max(a, max(b, c))."""
    def code(expr, args):
        out = args[-1]
        for a in reversed(args[:-1]):
            out = pattern.format(a, out)
        return out
    return code


def first_argument(expr) -> Sequence[sympy.Expr]:
    """The kink of a function that switches where its first argument changes sign."""
    return (expr.args[0],)


def pairwise(expr) -> Sequence[sympy.Expr]:
    """The kinks of max/min: where two arguments are equal."""
    args = expr.args
    return tuple(a - b for k, a in enumerate(args) for b in args[k + 1:])
