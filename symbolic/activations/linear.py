"""The identity activation σ(z) = z (a network with it is linear): it evaluates to its argument."""
from __future__ import annotations

import sympy

from .base import Activation


class Linear(Activation):
    """linear(z) = z; applying it returns z itself, so it never shows in a derivation."""

    name = "linear"
    latex_name = r"\operatorname{id}"
    description = "identity z (no nonlinearity)"
    derivative_note = r"\operatorname{id}'(z) = 1"
    nargs = 1
    latex_names = ("id", "identity")

    @classmethod
    def eval(cls, z):
        return z

    def fdiff(self, argindex=1):  # pragma: no cover - eval always returns the argument
        return sympy.S.One

    def elementary(self):  # pragma: no cover
        return self.args[0]

    def numpy_code(self, args):  # pragma: no cover
        return args[0]

    @classmethod
    def mpmath_value(cls, z):  # pragma: no cover - eval always returns the argument
        return z

    def jax_code(self, args):  # pragma: no cover
        return args[0]

    def scalar_code(self, args):  # pragma: no cover
        return args[0]
