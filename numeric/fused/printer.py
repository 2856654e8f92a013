"""Scalar Python for numba: one sample at a time, math module functions, stable helpers for σ,
log σ and log-sum-exp (numba compiles the helpers in ``HELPERS`` into the kernel)."""
from __future__ import annotations

import sympy
from sympy.printing.pycode import PythonCodePrinter

from symbolic.activations import ReLU, Sigmoid, SignStep, Softmax, Step, Tanh
from symbolic.indicator import Indicator

from ..stable import LogSigmoid, LogSoftmax

HELPERS = '''
FASTMATH = {"reassoc", "contract", "nsz", "arcp"}  # vectorizable sums; no approximate functions
INV_LN2_64 = 92.33248261689366
LN2_64_HI = 0.010830424696249145
LN2_64_LO = 2.2710706323036886e-19


@numba.njit(cache=True, inline="always", fastmath=FASTMATH)
def _exp(z, pow2, t64):
    # e^z = 2^(k/64) e^r, |r| <= ln2/128: a table of 2^(j/64), a degree-6 polynomial, a table of 2^m;
    # no library call, so the loop vectorizes (within 1e-15 of math.exp)
    z = min(max(z, -740.0), 709.0)
    kf = math.floor(z * INV_LN2_64 + 0.5)
    r = z - kf * LN2_64_HI - kf * LN2_64_LO
    k = np.int64(kf)
    p = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))))
    return p * t64[k & 63] * pow2[(k >> 6) + 1100]


@numba.njit(cache=True, inline="always", fastmath=FASTMATH)
def _sigmoid(z, pow2, t64):
    return 1.0 / (1.0 + _exp(-z, pow2, t64))


@numba.njit(cache=True, inline="always", fastmath=FASTMATH)
def _log_sigmoid(z, pow2, t64):
    # log σ(z) = min(z, 0) − log(1 + e^{−|z|}): finite for every z
    return min(z, 0.0) - math.log1p(_exp(-abs(z), pow2, t64))


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
    total = " + ".join(f"_exp(z{i} - m, pow2, t64)" for i in range(k))
    return (f'\n@numba.njit(cache=True, inline="always", fastmath=FASTMATH)\ndef _lse{k}({args}, pow2, t64):\n'
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
        return f"_sigmoid({self._print(expr.args[0])}, pow2, t64)"

    def _print_LogSigmoid(self, expr):
        return f"_log_sigmoid({self._print(expr.args[0])}, pow2, t64)"

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
        return f"_lse{len(logits)}({', '.join(self._print(z) for z in logits)}, pow2, t64)"

    def _print_Softmax(self, expr):
        return f"_exp({self._print(expr.logits[expr.index - 1])} - {self._lse(expr.logits)}, pow2, t64)"

    def _print_LogSoftmax(self, expr):
        logits = expr.args[1:]
        return f"({self._print(logits[int(expr.args[0]) - 1])} - {self._lse(logits)})"

    def _print_exp(self, expr):
        return f"_exp({self._print(expr.args[0])}, pow2, t64)"

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


def exp_tables():
    """(2^m for m in −1100..1099, 2^(j/64) for j in 0..63): the tables ``_exp`` reads."""
    import math

    import numpy as np
    pow2 = np.array([math.ldexp(1.0, m) if m < 1024 else math.inf for m in range(-1100, 1100)])
    return pow2, np.array([2.0 ** (j / 64) for j in range(64)])


SUPPORTED = (Sigmoid, Tanh, ReLU, Step, SignStep, Softmax, Indicator, LogSigmoid, LogSoftmax)
