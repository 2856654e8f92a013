"""softplus(z) = log(1 + e^z), a smooth ReLU, with softplus' = σ."""
from __future__ import annotations

import mpmath
import sympy

from .base import Activation
from .sigmoid import Sigmoid


class Softplus(Activation):
    """softplus(z) = log(1 + exp(z)) (PyTorch's ``Softplus`` with β = 1)."""

    name = "softplus"
    latex_name = r"\operatorname{softplus}"
    description = "smooth ReLU log(1 + e^z), values in (0, inf)"
    derivative_note = r"\operatorname{softplus}'(z) = \sigma(z)"
    nargs = 1
    guard = "check_growth"

    @classmethod
    def eval(cls, z):
        if z.is_zero:
            return sympy.log(2)
        return None

    def fdiff(self, argindex=1):
        return Sigmoid(self.args[0])

    def elementary(self):
        return sympy.log(1 + sympy.exp(self.args[0]))

    @classmethod
    def mpmath_value(cls, z):
        return mpmath.log1p(mpmath.exp(z))

    def numpy_code(self, args):
        return f"numpy.logaddexp(0.0, {args[0]})"  # finite at ±1000

    def jax_code(self, args):
        return f"jax.nn.softplus({args[0]})"

    def scalar_code(self, args):
        z = args[0]
        return f"(max({z}, 0.0) + math.log1p(_exp(-abs({z}), pow2, t64)))"

    def _eval_is_positive(self):
        return True if self.args[0].is_real else None
