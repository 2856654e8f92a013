"""The allowlist of callable names: every registered activation plus elementary functions.

One table: name → (constructor, smallest and largest number of arguments).  The parser, the help
text and the tests loop over it.  ``sigma`` is an abstract activation σ (a sympy undefined
function): its derivative stays σ'(z).
"""
from __future__ import annotations

from typing import Callable, NamedTuple

import sympy

from ..activations import ACTIVATIONS
from ..generic import GenericSigma, SigmaPrime
from ..indicator import Indicator


class FunctionEntry(NamedTuple):
    """How to build a call, and how many arguments it takes."""

    build: Callable[..., sympy.Expr]
    min_args: int
    max_args: int


#: the generic activation σ of a loss written with ``sigma(…)``
GENERIC_SIGMA = GenericSigma

FUNCTIONS: dict[str, FunctionEntry] = {
    **{name: FunctionEntry(cls, 2 if name == "softmax" else 1, 64 if name == "softmax" else 1)
       for name, cls in ACTIVATIONS.items()},
    "sigma": FunctionEntry(GENERIC_SIGMA, 1, 1),
    "sigma_prime": FunctionEntry(SigmaPrime, 1, 1),
    "exp": FunctionEntry(sympy.exp, 1, 1),
    "log": FunctionEntry(sympy.log, 1, 1),
    "ln": FunctionEntry(sympy.log, 1, 1),
    "sqrt": FunctionEntry(sympy.sqrt, 1, 1),
    "abs": FunctionEntry(sympy.Abs, 1, 1),
    "Abs": FunctionEntry(sympy.Abs, 1, 1),
    "max": FunctionEntry(sympy.Max, 2, 16),
    "Max": FunctionEntry(sympy.Max, 2, 16),
    "min": FunctionEntry(sympy.Min, 2, 16),
    "Min": FunctionEntry(sympy.Min, 2, 16),
    "sin": FunctionEntry(sympy.sin, 1, 1),
    "cos": FunctionEntry(sympy.cos, 1, 1),
    "tan": FunctionEntry(sympy.tan, 1, 1),
    "cosh": FunctionEntry(sympy.cosh, 1, 1),
    "sinh": FunctionEntry(sympy.sinh, 1, 1),
    "sign": FunctionEntry(sympy.sign, 1, 1),
    "indicator": FunctionEntry(Indicator, 2, 2),
}
