"""The logistic sigmoid σ(z) = 1/(1 + e^{−z}), with σ' = σ(1 − σ)."""
from __future__ import annotations

import mpmath
import sympy

from .base import Activation


class Sigmoid(Activation):
    """σ(z) = 1 / (1 + exp(−z))."""

    name = "sigmoid"
    latex_name = r"\sigma"
    description = "logistic sigmoid 1/(1+e^{-z}), values in (0, 1)"
    derivative_note = r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))"
    nargs = 1
    unicode_name = "σ"
    python_name = "sigma"
    text_names = ("logistic", "expit")
    latex_names = ("sigmoid", "logistic")
    magnitude = "bounded"

    @classmethod
    def eval(cls, z):
        if z.is_zero:
            return sympy.S.Half
        if z.is_Float:
            return 1 / (1 + sympy.exp(-z))
        return None

    def fdiff(self, argindex=1):
        return self * (1 - self)

    def elementary(self):
        return 1 / (1 + sympy.exp(-self.args[0]))

    def numpy_code(self, args):
        # scipy's expit: one exp, stable at ±1000 and exact to the last bit
        return f"scipy.special.expit({args[0]})"

    @classmethod
    def mpmath_value(cls, z):
        return 1 / (1 + mpmath.exp(-z))

    def jax_code(self, args):
        return f"jax.nn.sigmoid({args[0]})"

    def scalar_code(self, args):
        return f"1.0/(1.0 + _exp(-({args[0]}), pow2, t64))"

    def _eval_is_positive(self):
        return True if self.args[0].is_real else None
