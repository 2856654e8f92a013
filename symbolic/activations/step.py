"""The lecture's 0/1 step: step(z) = 1 if z > 0, else 0; its derivative is 0 for z ≠ 0."""
from __future__ import annotations

import sympy

from ..functions.values import heaviside
from .base import Activation


class Step(Activation):
    """step(z) = 1 for z > 0 and 0 otherwise (so step(0) = 0, as in the lecture)."""

    name = "step"
    latex_name = r"\operatorname{step}"
    description = "0/1 step: 1 if z > 0, else 0"
    derivative_note = r"\operatorname{step}'(z) = 0 \text{ for } z \neq 0 \text{ (undefined at } z = 0\text{; taken as 0)}"
    nargs = 1
    latex_names = ("heaviside",)
    magnitude = "bounded"

    @classmethod
    def eval(cls, z):
        if z.is_positive:
            return sympy.S.One
        if z.is_nonpositive:
            return sympy.S.Zero
        return None

    def fdiff(self, argindex=1):
        return sympy.S.Zero

    def elementary(self):
        return sympy.Heaviside(self.args[0], 0)

    def numpy_code(self, args):
        return f"numpy.heaviside({args[0]}, 0.0)"

    @classmethod
    def mpmath_value(cls, z):
        return heaviside(z, 0)

    def jax_code(self, args):
        return f"jax.numpy.where(({args[0]}) > 0, 1.0, 0.0)"

    def scalar_code(self, args):
        return f"(1.0 if ({args[0]}) > 0.0 else 0.0)"

    def kink_arguments(self):
        return (self.args[0],)
