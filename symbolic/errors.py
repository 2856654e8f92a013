"""The small error hierarchy: the CLI turns any SymgradError into one line on stderr and exit 2."""
from __future__ import annotations


class SymgradError(Exception):
    """Base of every error symgrad reports to a user (bad input, not a bug)."""


class ParseError(SymgradError):
    """The text is not a well-formed expression in symgrad's notation."""


class UnknownFunctionError(ParseError):
    """A call of a name that no function in the registry has (``foo(w*x)``)."""


class UnsafeInputError(ParseError):
    """The text asks for something outside the allowlist (attributes, unknown names, huge powers, ...)."""


class ModelError(SymgradError):
    """A built-in model, loss or regularizer was asked for with impossible options."""


class DerivationError(SymgradError):
    """The expression cannot be differentiated with respect to what was asked."""
