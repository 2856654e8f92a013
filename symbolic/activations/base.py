"""What every activation shares beyond being a symgrad Function: its derivative as the lecture writes it.

An activation is a ``symbolic.functions.Function`` subclass (derivative, names, LaTeX, mpmath,
numpy, jax and fused scalar code side by side in its class) that also says how backprop reuses
its output: ``local_derivative(z, a)`` is f'(z) written with a = f(z) where possible.
"""
from __future__ import annotations

from typing import ClassVar

import sympy

from ..functions.base import Function


class Activation(Function):
    """Base class of the lecture's activations (one argument unless a subclass says otherwise)."""

    #: the derivative as the lecture writes it, in LaTeX, with the value at 0 where it matters
    derivative_note: ClassVar[str] = ""
    #: True for an activation applied to one number at a time (all but softmax)
    elementwise: ClassVar[bool] = True

    @classmethod
    def local_derivative(cls, z: sympy.Symbol, a: sympy.Symbol) -> sympy.Expr:
        """f'(z) written with the output a = f(z) where possible (σ' = a(1 − a)): what backprop reuses."""
        return sympy.diff(cls(z), z).xreplace({cls(z): a})

    def _eval_is_real(self):
        return all(a.is_real for a in self.args) or None
