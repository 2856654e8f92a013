"""A generic activation σ (any differentiable function): σ(z), and σ'(z) kept abstract.

A loss written with ``sigma(…)`` means "some activation"; its derivative stays σ'(z), which prints
as such, parses back from text as ``sigma_prime(z)``, and is evaluated in checks on a stand-in
function with known derivatives (so it has no mpmath value and no compiled code of its own).
"""
from __future__ import annotations

from .functions.base import Function


class GenericSigma(Function):
    """σ(z) for an unspecified activation; dσ/dz = σ'(z)."""

    nargs = 1
    name = "sigma"
    latex_name = r"\sigma"
    unicode_name = "σ"
    description = "an unspecified activation; its derivative stays sigma'(z)"

    def fdiff(self, argindex=1):
        return SigmaPrime(self.args[0])

    def _eval_is_real(self):
        return self.args[0].is_real

    def _latex(self, printer, exp=None):
        head = r"\sigma" if exp is None else rf"\sigma^{{{exp}}}"
        return rf"{head}\!\left({printer._print(self.args[0])}\right)"


class SigmaPrime(Function):
    """σ'(z), the derivative of a generic activation (its own derivative stays symbolic)."""

    nargs = 1
    name = "sigma_prime"
    latex_name = r"\sigma'"
    unicode_name = "σ'"
    description = "the derivative of the unspecified activation sigma"
    derivative_rule = (r"\frac{d}{du} \sigma'(u) = \sigma''(u)", "d/du σ'(u) = σ''(u)")

    def _eval_is_real(self):
        return self.args[0].is_real

    def _latex(self, printer, exp=None):
        head = r"\sigma'" if exp is None else rf"\sigma'^{{{exp}}}"
        return rf"{head}\!\left({printer._print(self.args[0])}\right)"
