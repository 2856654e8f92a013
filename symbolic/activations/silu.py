"""SiLU (swish) z·σ(z), with silu' = σ(z)(1 + z(1 − σ(z)))."""
from __future__ import annotations

import mpmath
import sympy

from .base import Activation
from .sigmoid import Sigmoid


class SiLU(Activation):
    """silu(z) = z σ(z) (PyTorch's ``SiLU``, also called swish)."""

    name = "silu"
    latex_name = r"\operatorname{SiLU}"
    unicode_name = "SiLU"
    text_names = ("swish",)
    latex_names = ("swish",)
    description = "sigmoid linear unit (swish) z*sigmoid(z)"
    derivative_note = r"\operatorname{SiLU}'(z) = \sigma(z)\,(1 + z\,(1 - \sigma(z)))"
    nargs = 1
    magnitude = "not_larger"

    @classmethod
    def eval(cls, z):
        if z.is_zero:
            return sympy.S.Zero
        return None

    def fdiff(self, argindex=1):
        z = self.args[0]
        return Sigmoid(z) * (1 + z * (1 - Sigmoid(z)))

    def elementary(self):
        z = self.args[0]
        return z / (1 + sympy.exp(-z))

    @classmethod
    def mpmath_value(cls, z):
        return z / (1 + mpmath.exp(-z))

    def numpy_code(self, args):
        return f"({args[0]})*numpy.exp(-numpy.logaddexp(0.0, -({args[0]})))"

    def jax_code(self, args):
        return f"jax.nn.silu({args[0]})"

    def scalar_code(self, args):
        return f"({args[0]})/(1.0 + _exp(-({args[0]}), pow2, t64))"
