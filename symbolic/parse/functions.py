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
from .guards import maximum, minimum, square_root


class FunctionEntry(NamedTuple):
    """How to build a call, how many arguments it takes, and the NumberGuard check its arguments pass."""

    build: Callable[..., sympy.Expr]
    min_args: int
    max_args: int
    guard: str = ""


#: the generic activation σ of a loss written with ``sigma(…)``
GENERIC_SIGMA = GenericSigma

FUNCTIONS: dict[str, FunctionEntry] = {
    **{name: FunctionEntry(cls, 2 if name == "softmax" else 1, 64 if name == "softmax" else 1)
       for name, cls in ACTIVATIONS.items()},
    "sigma": FunctionEntry(GENERIC_SIGMA, 1, 1),
    "sigma_prime": FunctionEntry(SigmaPrime, 1, 1),
    "exp": FunctionEntry(sympy.exp, 1, 1, "check_growth"),
    "log": FunctionEntry(sympy.log, 1, 1),
    "ln": FunctionEntry(sympy.log, 1, 1),
    "sqrt": FunctionEntry(square_root, 1, 1, "check_root"),
    "abs": FunctionEntry(sympy.Abs, 1, 1),
    "Abs": FunctionEntry(sympy.Abs, 1, 1),
    "max": FunctionEntry(maximum, 2, 16),
    "Max": FunctionEntry(maximum, 2, 16),
    "min": FunctionEntry(minimum, 2, 16),
    "Min": FunctionEntry(minimum, 2, 16),
    "sin": FunctionEntry(sympy.sin, 1, 1, "check_periodic"),
    "cos": FunctionEntry(sympy.cos, 1, 1, "check_periodic"),
    "tan": FunctionEntry(sympy.tan, 1, 1, "check_periodic"),
    "cosh": FunctionEntry(sympy.cosh, 1, 1, "check_growth"),
    "sinh": FunctionEntry(sympy.sinh, 1, 1, "check_growth"),
    "sign": FunctionEntry(sympy.sign, 1, 1),
    "indicator": FunctionEntry(Indicator, 2, 2),
}
