"""What can go wrong when a function is evaluated or compiled."""
from __future__ import annotations

from ..errors import SymgradError


class Undefined(ArithmeticError):
    """The expression has no real value at this point (log of a negative, division by zero)."""


class UnsupportedFunction(SymgradError):
    """A function that the registry does not know, or that a backend cannot compile."""
