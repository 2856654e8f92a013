"""Scalar Python for numba: one sample at a time.  Every function prints from its registry record's
scalar code (``math.`` functions and the kernels' table-driven ``_exp``); ``HELPERS`` is the
kernel infrastructure numba compiles into every kernel (fastmath flags, ``_exp`` and its tables),
and ``lse_helpers`` adds the max-shifted log-sum-exp of k scalars for each k the code calls."""
from __future__ import annotations

import re

import sympy
from sympy.printing.pycode import PythonCodePrinter

from symbolic.functions.printing import RegistryPrinting

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
'''


def lse_helper(k: int) -> str:
    """log Σ e^{z_i} for k scalars, max-shifted (generated once per k)."""
    args = ", ".join(f"z{i}" for i in range(k))
    m = "max(" + args + ")" if k > 1 else "z0"
    total = " + ".join(f"_exp(z{i} - m, pow2, t64)" for i in range(k))
    return (f'\n@numba.njit(cache=True, inline="always", fastmath=FASTMATH)\ndef _lse{k}({args}, pow2, t64):\n'
            f"    m = {m}\n    return m + math.log({total})\n")


_LSE_CALL = re.compile(r"\b_lse(\d+)\(")


def lse_helpers(code: str) -> str:
    """The ``_lse{k}`` helpers that generated ``code`` calls (the registry's scalar code for
    softmax and log softmax names them; the kernel defines each k it finds)."""
    return "".join(lse_helper(k) for k in sorted({int(k) for k in _LSE_CALL.findall(code)}))


class ScalarPrinter(RegistryPrinting, PythonCodePrinter):
    """Python for one sample: every function from the registry's scalar code, numbers as floats."""

    backend = "scalar"

    def __init__(self, names: dict[sympy.Symbol, str]):
        super().__init__({"fully_qualified_modules": True})
        self.names = names

    def _print_Symbol(self, expr):
        return self.names.get(expr, expr.name)

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

