"""The lecture's indicator 1[y = j] (1 if the label y is class j, else 0), as a sympy Function."""
from __future__ import annotations

import mpmath
import sympy

from .functions.base import Function


class Indicator(Function):
    """indicator(y, j) = 1[y = j]; constant with respect to every parameter (labels are data)."""

    nargs = 2
    name = "indicator"
    latex_name = r"\mathbb{1}"
    unicode_name = "1"
    arity = (2, 2)
    magnitude = "bounded"
    description = "indicator(y, j) = 1 if y = j else 0"
    derivative_rule = (r"\frac{\partial}{\partial u} 1[u = v] = 0 \quad (u \ne v)", "∂/∂u 1[u = v] = 0 (u ≠ v)")

    @classmethod
    def mpmath_value(cls, y, j):
        return mpmath.mpf(1 if y == j else 0)

    def numpy_code(self, args):
        return f"numpy.equal({args[0]}, {args[1]}).astype(float)"

    def jax_code(self, args):
        return f"jax.numpy.where(({args[0]}) == ({args[1]}), 1.0, 0.0)"

    def scalar_code(self, args):
        return f"(1.0 if ({args[0]}) == ({args[1]}) else 0.0)"

    @classmethod
    def eval(cls, y, j):
        if y.is_number and j.is_number:
            return sympy.S.One if sympy.Eq(y, j) is sympy.true else sympy.S.Zero
        return None

    def fdiff(self, argindex=1):
        return sympy.S.Zero  # a step in the labels; labels are never differentiated

    def elementary(self) -> sympy.Expr:
        """1[y = j] as a sympy KroneckerDelta."""
        return sympy.KroneckerDelta(*self.args)

    def _eval_rewrite_as_elementary(self, y, j, **hints):
        return sympy.KroneckerDelta(y, j)

    def _eval_evalf(self, prec):
        y, j = (a.evalf(sympy.libmpf.prec_to_dps(prec)) for a in self.args)
        return sympy.Float(1 if y == j else 0) if y.is_number and j.is_number else None

    def _eval_is_real(self):
        return True

    def _sympystr(self, printer):
        return f"indicator({printer._print(self.args[0])}, {printer._print(self.args[1])})"

    def _unicodestr(self, printer):
        return f"1[{printer._print(self.args[0])} = {printer._print(self.args[1])}]"

    def _latex(self, printer, exp=None):
        body = rf"\mathbb{{1}}\left[{printer._print(self.args[0])} = {printer._print(self.args[1])}\right]"
        return body if exp is None else rf"{body}^{{{exp}}}"

