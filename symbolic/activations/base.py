"""What every activation class shares: its text name, LaTeX name, printing and numeric evaluation.

An activation is a sympy ``Function`` subclass that carries, side by side, its derivative
(``fdiff``), its LaTeX (``latex_name``), its elementary form (``elementary``, used to check
derivations against plain sympy and to evaluate at high precision) and numerically stable numpy
code (``numpy_code``).  Subclasses set the class attributes and implement those two methods.
"""
from __future__ import annotations

from typing import ClassVar

import sympy


class Activation(sympy.Function):
    """Base class of the lecture's activations (one argument unless a subclass says otherwise)."""

    #: the name users type and the str printer writes (``sigmoid``)
    name: ClassVar[str] = ""
    #: LaTeX for the function name (``\\sigma``)
    latex_name: ClassVar[str] = ""
    #: one line for help texts and documents
    description: ClassVar[str] = ""
    #: the derivative as the lecture writes it, in LaTeX, with the value at 0 where it matters
    derivative_note: ClassVar[str] = ""

    @classmethod
    def local_derivative(cls, z: sympy.Symbol, a: sympy.Symbol) -> sympy.Expr:
        """f'(z) written with the output a = f(z) where possible (σ' = a(1 − a)): what backprop reuses."""
        return sympy.diff(cls(z), z).xreplace({cls(z): a})

    def elementary(self) -> sympy.Expr:
        """This application rewritten with sympy's own functions (exp, Max, Heaviside, ...)."""
        raise NotImplementedError

    def numpy_code(self, args: list[str]) -> str:
        """Numerically stable numpy code, given the already printed arguments."""
        raise NotImplementedError

    # -- printing -----------------------------------------------------------------------------
    def _sympystr(self, printer) -> str:
        return f"{self.name}({', '.join(printer._print(a) for a in self.args)})"

    def _latex(self, printer, exp=None) -> str:
        inner = ", ".join(printer._print(a) for a in self.args)
        head = self.latex_name if exp is None else f"{self.latex_name}^{{{exp}}}"
        return rf"{head}\!\left({inner}\right)"

    def _numpycode(self, printer) -> str:
        # parenthesized so that x/sigmoid(x) never prints as x/1/(...)
        return "(" + self.numpy_code([printer._print(a) for a in self.args]) + ")"

    # -- evaluation ---------------------------------------------------------------------------
    def _eval_rewrite_as_elementary(self, *args, **hints):
        return self.func(*args).elementary()

    def _eval_evalf(self, prec):
        return self.elementary()._eval_evalf(prec)

    def _eval_is_real(self):
        return all(a.is_real for a in self.args) or None
