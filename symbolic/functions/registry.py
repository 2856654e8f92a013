"""The one registry of functions: symgrad's own classes and sympy's, each with its FunctionInfo.

Both parsers take their allowlists from here, the mpmath evaluator its values, and every printer
and backend its code; nothing else names a particular function.
"""
from __future__ import annotations

from ..activations import ACTIVATIONS
from ..generic import GenericSigma, SigmaPrime
from ..indicator import Indicator
from .base import Function
from .elementary import ELEMENTARY
from .errors import UnsupportedFunction
from .info import FunctionInfo

#: every function by canonical name, activations first (in the lecture's order)
FUNCTIONS: dict[str, FunctionInfo] = {
    **{name: cls.info() for name, cls in ACTIVATIONS.items()},
    **{cls.name: cls.info() for cls in (Indicator, GenericSigma, SigmaPrime)},
    **{info.name: info for info in ELEMENTARY if info.name not in ACTIVATIONS},
}

#: sympy class → its record (sympy's tanh has a record of its own, without spellings)
BY_CLASS: dict[type, FunctionInfo] = {
    **{info.cls: info for info in ELEMENTARY if info.cls is not None},
    **{info.cls: info for info in FUNCTIONS.values() if info.cls is not None},
}


def info_for(what) -> FunctionInfo:
    """The record of a function class or application (``UnsupportedFunction`` when unknown).

    A ``Function`` subclass defined elsewhere (numeric's stable log σ) carries its own record.
    """
    cls = what if isinstance(what, type) else type(what)
    found = BY_CLASS.get(cls)
    if found is not None:
        return found
    if issubclass(cls, Function):
        return cls.info()
    raise UnsupportedFunction(f"symgrad does not know the function {cls.__name__}")


def lookup(what) -> FunctionInfo | None:
    """Like ``info_for`` but None for a node that is not a known function (Add, Symbol, Pow)."""
    try:
        return info_for(what)
    except UnsupportedFunction:
        return None


def text_spellings() -> dict[str, FunctionInfo]:
    """Every name the text parser accepts → its record."""
    return {spelling: info for info in FUNCTIONS.values() for spelling in info.text_names}


def latex_commands() -> dict[str, FunctionInfo]:
    """LaTeX control words (``arcsin`` of ``\\arcsin``) → record."""
    return {word: info for info in FUNCTIONS.values() for word in info.latex_commands}


def latex_operator_names() -> dict[str, FunctionInfo]:
    """Names accepted in ``\\operatorname{…}`` (lower case; the control words too) → record."""
    return {word.lower(): info for info in FUNCTIONS.values()
            for word in (*info.latex_commands, *info.latex_operator_names)}


def classes_with_magnitude(kind: str) -> tuple[type, ...]:
    """The function classes whose magnitude is ``kind`` (for the parse guards)."""
    return tuple(cls for cls, info in BY_CLASS.items() if info.magnitude == kind)
