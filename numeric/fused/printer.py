"""Scalar Python for numba: one sample at a time, math module functions, stable helpers for σ,
log σ and log-sum-exp (numba compiles the helpers in ``HELPERS`` into the kernel)."""
from __future__ import annotations

import sympy
from sympy.printing.pycode import PythonCodePrinter

from symbolic.activations import ReLU, Sigmoid, SignStep, Softmax, Step, Tanh
from symbolic.indicator import Indicator

from ..stable import LogSigmoid, LogSoftmax

HELPERS = '''
@numba.njit(cache=True, inline="always")
def _sigmoid(z):
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@numba.njit(cache=True, inline="always")
def _log_sigmoid(z):
    # log σ(z) = min(z, 0) − log(1 + e^{−|z|}): finite for every z
    return min(z, 0.0) - math.log1p(math.exp(-abs(z)))


@numba.njit(cache=True, inline="always")
def _step(z):
    return 1.0 if z > 0.0 else 0.0


@numba.njit(cache=True, inline="always")
def _sign_step(z):
    return 1.0 if z >= 0.0 else -1.0
'''


def lse_helper(k: int) -> str:
    """log Σ e^{z_i} for k scalars, max-shifted (generated once per k)."""
    args = ", ".join(f"z{i}" for i in range(k))
    m = "max(" + args + ")" if k > 1 else "z0"
    total = " + ".join(f"math.exp(z{i} - m)" for i in range(k))
    return (f'\n@numba.njit(cache=True, inline="always")\ndef _lse{k}({args}):\n'
            f"    m = {m}\n    return m + math.log({total})\n")


class ScalarPrinter(PythonCodePrinter):
    """Python for one sample; records which log-sum-exp helpers the code needs."""

    def __init__(self, names: dict[sympy.Symbol, str]):
        super().__init__({"fully_qualified_modules": True})
        self.names = names
        self.lse_sizes: set[int] = set()

    def _print_Symbol(self, expr):
        return self.names.get(expr, expr.name)

    def _print_Sigmoid(self, expr):
        return f"_sigmoid({self._print(expr.args[0])})"

    def _print_LogSigmoid(self, expr):
        return f"_log_sigmoid({self._print(expr.args[0])})"

    def _print_Tanh(self, expr):
        return f"math.tanh({self._print(expr.args[0])})"

    def _print_ReLU(self, expr):
        return f"max({self._print(expr.args[0])}, 0.0)"

    def _print_Step(self, expr):
        return f"_step({self._print(expr.args[0])})"

    def _print_SignStep(self, expr):
        return f"_sign_step({self._print(expr.args[0])})"

    def _print_Heaviside(self, expr):
        return f"_step({self._print(expr.args[0])})"

    def _print_Indicator(self, expr):
        return f"(1.0 if {self._print(expr.args[0])} == {self._print(expr.args[1])} else 0.0)"

    def _lse(self, logits):
        self.lse_sizes.add(len(logits))
        return f"_lse{len(logits)}({', '.join(self._print(z) for z in logits)})"

    def _print_Softmax(self, expr):
        return f"math.exp({self._print(expr.logits[expr.index - 1])} - {self._lse(expr.logits)})"

    def _print_LogSoftmax(self, expr):
        logits = expr.args[1:]
        return f"({self._print(logits[int(expr.args[0]) - 1])} - {self._lse(logits)})"

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"

    def _print_Max(self, expr):
        return f"max({', '.join(self._print(a) for a in expr.args)})"

    def _print_Min(self, expr):
        return f"min({', '.join(self._print(a) for a in expr.args)})"

    def _print_sign(self, expr):
        a = self._print(expr.args[0])
        return f"(1.0 if {a} > 0.0 else (-1.0 if {a} < 0.0 else 0.0))"

    def _print_Pow(self, expr, rational=False):
        base, e = expr.args
        b = self._print(base)
        if e == 2:
            return f"(({b})*({b}))"
        if e == 3:
            return f"(({b})*({b})*({b}))"
        if e == -1:
            return f"(1.0/({b}))"
        if e == sympy.S.Half:
            return f"math.sqrt({b})"
        return f"(({b})**({self._print(e)}))"

    def _print_Rational(self, expr):
        return f"{float(expr.p) / float(expr.q)!r}"

    def _print_Integer(self, expr):
        return f"{float(expr)!r}"


SUPPORTED = (Sigmoid, Tanh, ReLU, Step, SignStep, Softmax, Indicator, LogSigmoid, LogSoftmax)
