"""The Gaussian error linear unit z·Φ(z) = z/2·(1 + erf(z/√2)) (exact, PyTorch's default)."""
from __future__ import annotations

import mpmath
import sympy

from .base import Activation


class GELU(Activation):
    """gelu(z) = z Φ(z), with Φ the standard normal CDF; gelu'(z) = Φ(z) + z φ(z)."""

    name = "gelu"
    latex_name = r"\operatorname{GELU}"
    unicode_name = "GELU"
    description = "Gaussian error linear unit z*Phi(z)"
    derivative_note = r"\operatorname{GELU}'(z) = \Phi(z) + z\,\varphi(z)"
    nargs = 1
    magnitude = "not_larger"

    @classmethod
    def eval(cls, z):
        if z.is_zero:
            return sympy.S.Zero
        return None

    def fdiff(self, argindex=1):
        z = self.args[0]
        return (1 + sympy.erf(z / sympy.sqrt(2))) / 2 + z * sympy.exp(-z**2 / 2) / sympy.sqrt(2 * sympy.pi)

    def elementary(self):
        z = self.args[0]
        return z * (1 + sympy.erf(z / sympy.sqrt(2))) / 2

    @classmethod
    def mpmath_value(cls, z):
        return z * (1 + mpmath.erf(z / mpmath.sqrt(2))) / 2

    def numpy_code(self, args):
        return f"0.5*({args[0]})*(1.0 + scipy.special.erf(({args[0]})*0.7071067811865476))"

    def jax_code(self, args):
        return f"jax.nn.gelu({args[0]}, approximate=False)"

    def scalar_code(self, args):
        return f"0.5*({args[0]})*(1.0 + math.erf(({args[0]})*0.7071067811865476))"
