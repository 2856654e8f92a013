"""One home per function: every function symgrad reads, prints, evaluates or compiles, in one registry.

A symgrad function is a class (``symbolic.functions.Function``: the activations, the indicator,
the generic σ) that carries its derivative, its names in text, LaTeX and unicode, its mpmath
value and its numpy, jax and fused scalar code; sympy's own functions (exp, log, Max, …) have
one line each in ``elementary.py``.  ``FUNCTIONS`` (by name) and ``info_for(cls)`` are what the
parsers, the evaluator, the printers and the backends read.

The registry names are loaded on first use: the activation classes import ``Function`` from
here, and the registry imports the activations.
"""
from __future__ import annotations

from .base import Function
from .errors import Undefined, UnsupportedFunction
from .info import BACKENDS, FunctionInfo

_REGISTRY_NAMES = ("BY_CLASS", "FUNCTIONS", "classes_with_magnitude", "info_for", "latex_commands",
                   "latex_operator_names", "lookup", "text_spellings")


def __getattr__(name: str):
    if name in _REGISTRY_NAMES:
        from . import registry
        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Function", "FunctionInfo", "BACKENDS", "Undefined", "UnsupportedFunction", *_REGISTRY_NAMES]
