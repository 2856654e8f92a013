"""The hyperbolic tangent, with tanh' = 1 − tanh²."""
from __future__ import annotations

import mpmath
import sympy

from .base import Activation


class Tanh(Activation):
    """tanh(z) = (e^z − e^{−z}) / (e^z + e^{−z})."""

    name = "tanh"
    latex_name = r"\tanh"
    description = "hyperbolic tangent, values in (-1, 1)"
    derivative_note = r"\tanh'(z) = 1 - \tanh^2(z)"
    nargs = 1
    magnitude = "bounded"

    @classmethod
    def eval(cls, z):
        if z.is_zero:
            return sympy.S.Zero
        if z.is_Float:
            return sympy.tanh(z)
        return None

    def fdiff(self, argindex=1):
        return 1 - self**2

    def elementary(self):
        return sympy.tanh(self.args[0])

    def numpy_code(self, args):
        return f"numpy.tanh({args[0]})"

    @classmethod
    def mpmath_value(cls, z):
        return mpmath.tanh(z)

    def jax_code(self, args):
        return f"jax.numpy.tanh({args[0]})"

    def scalar_code(self, args):
        return f"math.tanh({args[0]})"
