"""The leaky ReLU max(z, αz) with slope α for z < 0 (default 0.01, PyTorch's negative_slope)."""
from __future__ import annotations

import mpmath
import sympy

from .base import Activation
from .step import Step

#: PyTorch's default negative slope
DEFAULT_SLOPE = sympy.Rational(1, 100)


class LeakyReLU(Activation):
    """leaky_relu(z, α) = z for z > 0 and αz otherwise; ``leaky_relu(z)`` takes α = 0.01."""

    name = "leaky_relu"
    latex_name = r"\operatorname{LeakyReLU}"
    unicode_name = "LeakyReLU"
    text_names = ("leakyrelu", "lrelu")
    latex_names = ("leaky_relu", "lrelu", "leakyrelu")
    description = "leaky ReLU: z for z > 0, alpha*z otherwise (alpha = 0.01 unless given)"
    derivative_note = r"\operatorname{LeakyReLU}'(z) = 1 \text{ for } z > 0,\ \alpha \text{ for } z < 0 \text{ (we take } \alpha \text{ at } z = 0)"
    nargs = (1, 2)
    arity = (1, 2)

    @classmethod
    def eval(cls, z, slope=None):
        if slope is None:
            return cls(z, DEFAULT_SLOPE)
        if z.is_number and z.is_real and slope.is_number:
            return sympy.Max(z, slope * z) if slope <= 1 else sympy.Min(z, slope * z)
        if z.is_nonnegative:
            return z
        if z.is_negative:
            return slope * z
        return None

    @property
    def slope(self) -> sympy.Expr:
        """α, the slope for z < 0."""
        return self.args[1]

    def fdiff(self, argindex=1):
        z, slope = self.args
        if argindex == 1:
            return slope + (1 - slope) * Step(z)
        return z * (1 - Step(z))  # ∂/∂α: z where z ≤ 0

    def elementary(self):
        z, slope = self.args
        return z * sympy.Heaviside(z, 0) + slope * z * (1 - sympy.Heaviside(z, 0))

    @classmethod
    def mpmath_value(cls, z, slope=mpmath.mpf("0.01")):
        return z if z > 0 else slope * z

    def numpy_code(self, args):
        return f"numpy.where(({args[0]}) > 0, {args[0]}, ({args[1]})*({args[0]}))"

    def jax_code(self, args):
        return f"jax.numpy.where(({args[0]}) > 0, {args[0]}, ({args[1]})*({args[0]}))"

    def scalar_code(self, args):
        return f"(({args[0]}) if ({args[0]}) > 0.0 else ({args[1]})*({args[0]}))"

    def _sympystr(self, printer):
        z = printer._print(self.args[0])
        return f"leaky_relu({z})" if self.slope == DEFAULT_SLOPE else f"leaky_relu({z}, {printer._print(self.slope)})"

    def _latex(self, printer, exp=None):
        head = self.latex_name if exp is None else f"{self.latex_name}^{{{exp}}}"
        inner = printer._print(self.args[0])
        if self.slope != DEFAULT_SLOPE:
            inner += ", " + printer._print(self.slope)
        return rf"{head}\!\left({inner}\right)"

    def kink_arguments(self):
        return (self.args[0],)
