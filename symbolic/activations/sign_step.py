"""The lecture's ±1 step: sign_step(z) = 1 if z ≥ 0, else −1; its derivative is 0 for z ≠ 0."""
from __future__ import annotations

import mpmath
import sympy

from .base import Activation


class SignStep(Activation):
    """sign_step(z) = 1 for z ≥ 0 and −1 otherwise (the lecture's step activation)."""

    name = "sign_step"
    latex_name = r"\operatorname{step}_{\pm}"
    description = "the lecture's +-1 step: 1 if z >= 0, else -1"
    derivative_note = r"\operatorname{step}_{\pm}'(z) = 0 \text{ for } z \neq 0 \text{ (undefined at } z = 0\text{; taken as 0)}"
    nargs = 1
    unicode_name = "step±"
    magnitude = "bounded"

    @classmethod
    def eval(cls, z):
        if z.is_nonnegative:
            return sympy.S.One
        if z.is_negative:
            return sympy.S.NegativeOne
        return None

    def fdiff(self, argindex=1):
        return sympy.S.Zero

    def elementary(self):
        return 2 * sympy.Heaviside(self.args[0], 1) - 1

    def numpy_code(self, args):
        return f"(2.0*numpy.heaviside({args[0]}, 1.0) - 1.0)"

    @classmethod
    def mpmath_value(cls, z):
        return mpmath.mpf(1) if z >= 0 else mpmath.mpf(-1)

    def jax_code(self, args):
        return f"jax.numpy.where(({args[0]}) >= 0, 1.0, -1.0)"

    def scalar_code(self, args):
        return f"(1.0 if ({args[0]}) >= 0.0 else -1.0)"

    def kink_arguments(self):
        return (self.args[0],)
