"""The allowlist of callable names, read off the function registry (``symbolic.functions``).

One table: spelling → (constructor, smallest and largest number of arguments, guard).  The parser,
the help text and the tests loop over it.  ``sigma`` is an abstract activation σ (a generic
function): its derivative stays σ'(z).
"""
from __future__ import annotations

from typing import Callable, NamedTuple

import sympy

from ..functions import text_spellings
from ..generic import GenericSigma


class FunctionEntry(NamedTuple):
    """How to build a call, how many arguments it takes, and the NumberGuard check its arguments pass."""

    build: Callable[..., sympy.Expr]
    min_args: int
    max_args: int
    guard: str = ""


#: the generic activation σ of a loss written with ``sigma(…)``
GENERIC_SIGMA = GenericSigma

FUNCTIONS: dict[str, FunctionEntry] = {
    spelling: FunctionEntry(info.constructor, *info.arity, info.guard)
    for spelling, info in text_spellings().items()
}
