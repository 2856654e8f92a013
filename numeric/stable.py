"""Rewrites that keep compiled losses finite at extreme logits: log σ(z), log(1 − σ(z)), log softmax.

``log(sigmoid(z))`` computed as written is log(0) = −inf at z = −1000; as ``LogSigmoid`` it is
−log(1 + e^{−z}) through ``logaddexp``.  The rewrite table is applied before lambdify.
"""
from __future__ import annotations

import sympy

from symbolic.activations import Sigmoid, Softmax


class LogSigmoid(sympy.Function):
    """log σ(z) = −log(1 + e^{−z}), computed with log-sum-exp."""

    nargs = 1

    def fdiff(self, argindex=1):
        return 1 - Sigmoid(self.args[0])

    def _numpycode(self, printer):
        return f"(-numpy.logaddexp(0, -({printer._print(self.args[0])})))"


class LogSoftmax(sympy.Function):
    """log softmax_j(z) = z_j − log Σ_i e^{z_i}, computed with log-sum-exp."""

    nargs = None

    def _numpycode(self, printer):
        j = int(self.args[0])
        logits = [printer._print(z) for z in self.args[1:]]
        lse = f"numpy.logaddexp.reduce(numpy.broadcast_arrays({', '.join(logits)}), axis=0)"
        return f"(({logits[j - 1]}) - {lse})"


def _stable_log(arg: sympy.Expr):
    if isinstance(arg, Sigmoid):
        return LogSigmoid(arg.args[0])
    if isinstance(arg, Softmax):
        return LogSoftmax(*arg.args)
    if arg.is_Add and len(arg.args) == 2 and sympy.S.One in arg.args:
        other = arg.args[0] if arg.args[1] == 1 else arg.args[1]
        if other.is_Mul and other.args[0] == -1 and len(other.args) == 2 and isinstance(other.args[1], Sigmoid):
            u = other.args[1].args[0]
            return LogSigmoid(u) - u  # log(1 − σ(u)) = log σ(u) − u, so BCE collapses to one log σ
    return None


def stabilize(expr: sympy.Expr) -> sympy.Expr:
    """The expression with every log of a sigmoid or softmax replaced by its stable form."""
    def rewrite(e):
        better = _stable_log(e.args[0])
        return better if better is not None else e
    return expr.replace(lambda e: isinstance(e, sympy.log), rewrite)
