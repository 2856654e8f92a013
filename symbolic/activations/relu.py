"""The rectified linear unit max(0, z), with ReLU' = step (taken as 0 at z = 0)."""
from __future__ import annotations

import sympy

from .base import Activation
from .step import Step


class ReLU(Activation):
    """ReLU(z) = max(0, z)."""

    name = "relu"
    latex_name = r"\operatorname{ReLU}"
    description = "rectified linear unit max(0, z)"
    derivative_note = r"\operatorname{ReLU}'(z) = \operatorname{step}(z)\ \text{(1 for } z > 0\text{, 0 for } z < 0\text{; we take 0 at } z = 0)"
    nargs = 1
    unicode_name = "ReLU"
    magnitude = "not_larger"

    @classmethod
    def eval(cls, z):
        if z.is_number and z.is_real:
            return sympy.Max(0, z)
        if z.is_nonnegative:
            return z
        if z.is_nonpositive:
            return sympy.S.Zero
        return None

    def fdiff(self, argindex=1):
        return Step(self.args[0])

    def elementary(self):
        return sympy.Max(0, self.args[0])

    def numpy_code(self, args):
        return f"numpy.maximum(0.0, {args[0]})"

    @classmethod
    def mpmath_value(cls, z):
        return max(z, 0)

    def jax_code(self, args):
        return f"jax.numpy.maximum({args[0]}, 0.0)"

    def scalar_code(self, args):
        return f"max({args[0]}, 0.0)"

    def kink_arguments(self):
        return (self.args[0],)
