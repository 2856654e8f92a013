"""Rewrites that keep compiled losses finite at extreme logits: log σ(z), log(1 − σ(z)), log softmax.

``log(sigmoid(z))`` computed as written is log(0) = −inf at z = −1000; as ``LogSigmoid`` it is
−log(1 + e^{−z}) through ``logaddexp``.  ``LogSigmoid`` and ``LogSoftmax`` are symgrad
``Function`` classes: each carries its own numpy, jax and fused scalar code and its mpmath value,
so every printer and backend prints them from the function registry like any other function.
Which function a log becomes is asked of the class inside the log (``stable_log``), so this
module never needs to know about more than the two classes it defines.
"""
from __future__ import annotations

import mpmath
import sympy

from symbolic.activations import Sigmoid, Softmax
from symbolic.functions import Function


class LogSigmoid(Function):
    """log σ(z) = −log(1 + e^{−z}), computed with log-sum-exp."""

    name = "log_sigmoid"
    latex_name = r"\log\sigma"
    description = "log sigmoid, finite for every z"
    nargs = 1

    def fdiff(self, argindex=1):
        return 1 - Sigmoid(self.args[0])

    def elementary(self):
        return -sympy.log(1 + sympy.exp(-self.args[0]))

    @classmethod
    def mpmath_value(cls, z):
        return -mpmath.log1p(mpmath.exp(-z))

    def numpy_code(self, args):
        return f"-numpy.logaddexp(0, -({args[0]}))"

    def jax_code(self, args):
        return f"jax.nn.log_sigmoid({args[0]})"

    def scalar_code(self, args):
        # min(z, 0) − log(1 + e^{−|z|}): finite for every z
        z = args[0]
        return f"(min({z}, 0.0) - math.log1p(_exp(-abs({z}), pow2, t64)))"


class LogSoftmax(Function):
    """log softmax_j(z) = z_j − log Σ_i e^{z_i}, computed with log-sum-exp (j counts from 1)."""

    name = "log_softmax"
    latex_name = r"\log\operatorname{softmax}"
    description = "log softmax(j, z1, ..., zk), finite at any logits"
    nargs = None
    arity = (2, 64)

    @property
    def index(self) -> int:
        """The output j (1-based)."""
        return int(self.args[0])

    def fdiff(self, argindex=1):
        if argindex == 1:
            raise sympy.ArgumentIndexError(self, argindex)
        i = argindex - 1
        return sympy.KroneckerDelta(i, self.index) - Softmax(i, *self.args[1:])

    def elementary(self):
        logits = self.args[1:]
        return logits[self.index - 1] - sympy.log(sympy.Add(*(sympy.exp(z) for z in logits)))

    @classmethod
    def mpmath_value(cls, j, *logits):
        m = max(logits)
        return logits[int(j) - 1] - m - mpmath.log(mpmath.fsum(mpmath.exp(z - m) for z in logits))

    def numpy_code(self, args):
        logits = args[1:]
        lse = f"numpy.logaddexp.reduce(numpy.broadcast_arrays({', '.join(logits)}), axis=0)"
        return f"({logits[self.index - 1]}) - {lse}"

    def jax_code(self, args):
        stacked = f"jax.numpy.stack(jax.numpy.broadcast_arrays({', '.join(args[1:])}))"
        return f"jax.nn.log_softmax({stacked}, axis=0)[{self.index - 1}]"

    def scalar_code(self, args):
        # _lse<k>: the fused kernels' max-shifted log-sum-exp of k scalars (generated per k)
        logits = args[1:]
        return f"(({logits[self.index - 1]}) - _lse{len(logits)}({', '.join(logits)}, pow2, t64))"


def _log_of_one_minus_sigmoid(arg: sympy.Expr):
    """log(1 − σ(u)) = log σ(u) − u, so binary cross-entropy collapses to one log σ."""
    if arg.is_Add and len(arg.args) == 2 and sympy.S.One in arg.args:
        other = arg.args[0] if arg.args[1] == 1 else arg.args[1]
        if other.is_Mul and other.args[0] == -1 and len(other.args) == 2 and isinstance(other.args[1], Sigmoid):
            u = other.args[1].args[0]
            return LogSigmoid(u) - u
    return None


#: the function class → its stable log, as a function of the same arguments
STABLE_LOGS = {Sigmoid: LogSigmoid, Softmax: LogSoftmax}


def stable_log(arg: sympy.Expr) -> sympy.Expr | None:
    """log(arg) in a form that stays finite, or None when there is none."""
    better = STABLE_LOGS.get(type(arg))
    if better is not None:
        return better(*arg.args)
    return _log_of_one_minus_sigmoid(arg)


def stabilize(expr: sympy.Expr) -> sympy.Expr:
    """The expression with every log of a sigmoid or softmax replaced by its stable form."""
    def rewrite(e):
        better = stable_log(e.args[0])
        return better if better is not None else e
    return expr.replace(lambda e: isinstance(e, sympy.log), rewrite)
