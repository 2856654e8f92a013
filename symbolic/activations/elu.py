"""The exponential linear unit: z for z > 0, e^z − 1 otherwise (α = 1, PyTorch's default)."""
from __future__ import annotations

import mpmath
import sympy

from .base import Activation


class ELU(Activation):
    """elu(z) = z for z > 0 and e^z − 1 otherwise; elu'(z) = e^{min(z, 0)}."""

    name = "elu"
    latex_name = r"\operatorname{ELU}"
    unicode_name = "ELU"
    description = "exponential linear unit: z for z > 0, e^z - 1 otherwise"
    derivative_note = r"\operatorname{ELU}'(z) = 1 \text{ for } z > 0,\ e^{z} \text{ for } z \le 0"
    nargs = 1
    magnitude = "not_larger"

    @classmethod
    def eval(cls, z):
        if z.is_number and z.is_real:
            return z if z > 0 else sympy.exp(z) - 1
        if z.is_nonnegative:
            return z
        return None

    def fdiff(self, argindex=1):
        return sympy.exp(sympy.Min(self.args[0], 0))

    def elementary(self):
        z = self.args[0]
        return z * sympy.Heaviside(z, 0) + (sympy.exp(z) - 1) * (1 - sympy.Heaviside(z, 0))

    @classmethod
    def mpmath_value(cls, z):
        return z if z > 0 else mpmath.expm1(z)

    def numpy_code(self, args):
        return f"numpy.where(({args[0]}) > 0, {args[0]}, numpy.expm1(numpy.minimum({args[0]}, 0.0)))"

    def jax_code(self, args):
        return f"jax.nn.elu({args[0]})"

    def scalar_code(self, args):
        return f"(({args[0]}) if ({args[0]}) > 0.0 else math.expm1({args[0]}))"

    def kink_arguments(self):
        return (self.args[0],)
