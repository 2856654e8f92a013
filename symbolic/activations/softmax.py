"""Softmax over a vector of logits: softmax(j, z_1, …, z_k) = e^{z_j} / Σ_i e^{z_i} (j counts from 1).

Its Jacobian is ∂ŷ_j/∂z_i = ŷ_j (1[i = j] − ŷ_i).
"""
from __future__ import annotations

import mpmath
import sympy

from .base import Activation


class Softmax(Activation):
    """softmax(j, z_1, ..., z_k): the j-th output (1-based) of softmax over the logits z_1..z_k."""

    name = "softmax"
    latex_name = r"\operatorname{softmax}"
    description = "softmax(j, z1, ..., zk): the j-th output of softmax over k logits"
    derivative_note = r"\frac{\partial \hat y_j}{\partial z_i} = \hat y_j\,(\mathbb{1}[i = j] - \hat y_i)"
    nargs = None
    arity = (2, 64)
    elementwise = False
    magnitude = "bounded"

    @classmethod
    def eval(cls, j, *logits):
        if not logits:
            raise ValueError("softmax needs an index and at least one logit: softmax(j, z1, ..., zk)")
        if not (j.is_Integer and 1 <= int(j) <= len(logits)):
            raise ValueError(f"softmax index must be an integer from 1 to {len(logits)}, got {j}")
        if len(logits) == 1:
            return sympy.S.One
        return None

    @property
    def index(self) -> int:
        """The output j (1-based)."""
        return int(self.args[0])

    @property
    def logits(self) -> tuple[sympy.Expr, ...]:
        """The logits z_1..z_k."""
        return self.args[1:]

    def fdiff(self, argindex=1):
        if argindex == 1:
            raise sympy.ArgumentIndexError(self, argindex)
        i = argindex - 1
        return self * (sympy.KroneckerDelta(i, self.index) - Softmax(i, *self.logits))

    def elementary(self):
        exps = [sympy.exp(z) for z in self.logits]
        return exps[self.index - 1] / sympy.Add(*exps)

    def numpy_code(self, args):
        logits = args[1:]
        j = int(self.args[0])
        # e^{z_j − logsumexp(z)}: finite at logits of ±1000 (log-sum-exp)
        lse = f"numpy.logaddexp.reduce(numpy.broadcast_arrays({', '.join(logits)}), axis=0)"
        return f"numpy.exp(({logits[j - 1]}) - {lse})"

    @classmethod
    def mpmath_value(cls, j, *logits):
        m = max(logits)
        exps = [mpmath.exp(z - m) for z in logits]
        return exps[int(j) - 1] / mpmath.fsum(exps)

    def jax_code(self, args):
        stacked = f"jax.numpy.stack(jax.numpy.broadcast_arrays({', '.join(args[1:])}))"
        return f"jax.nn.softmax({stacked}, axis=0)[{self.index - 1}]"

    def scalar_code(self, args):
        # _lse<k> is the fused kernels' max-shifted log-sum-exp of k scalars (generated per k)
        logits = args[1:]
        return f"_exp(({logits[self.index - 1]}) - _lse{len(logits)}({', '.join(logits)}, pow2, t64), pow2, t64)"

    def _unicodestr(self, printer):
        subscript = str(self.index).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
        return f"softmax{subscript}({', '.join(printer._print(z) for z in self.logits)})"

    def _sympystr(self, printer):
        return f"softmax({', '.join(printer._print(a) for a in self.args)})"

    def _latex(self, printer, exp=None):
        head = rf"{self.latex_name}_{{{self.index}}}"
        if exp is not None:
            head = rf"{head}^{{{exp}}}"
        return rf"{head}\left({', '.join(printer._print(z) for z in self.logits)}\right)"
