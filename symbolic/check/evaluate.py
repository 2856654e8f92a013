"""Evaluate a sympy expression at a point with mpmath at high precision, by walking the tree.

Each function's value comes from its record in the function registry (no lambdify, no code
generation).  A value that is undefined (log of a negative, division by zero, complex) raises
``Undefined`` so the caller can skip that point.  Abstract functions (a generic σ) are given a fixed, randomly chosen smooth
stand-in, with its exact derivative, so identities that hold for every σ are tested on one.
"""
from __future__ import annotations

from typing import Mapping

import mpmath
import sympy

from ..functions import Undefined, UnsupportedFunction, lookup
from ..functions.values import real
from ..generic import GenericSigma, SigmaPrime

__all__ = ["Evaluator", "StandIn", "Undefined"]

_real = real


#: a value bigger than 2**(2**16) says nothing a gradient check can use, and exp of one makes mpmath
#: shift a mantissa by that many bits (MemoryError, or minutes): such a point is skipped instead
_MAX_MAGNITUDE = 2**16


def _sized(value):
    """``value``, or Undefined if it is too large to compute with (see _MAX_MAGNITUDE)."""
    if mpmath.mag(value) > _MAX_MAGNITUDE:
        raise Undefined("too large to evaluate")
    return value


def _pow(base, e):
    if base == 0 and e < 0:
        raise Undefined("division by zero")
    if base < 0 and not mpmath.isint(e):
        raise Undefined("fractional power of a negative number")
    return base ** e


class StandIn:
    """A smooth function with known derivatives, standing in for an abstract σ: a·tanh(t) + b·t + c."""

    def __init__(self, seed: int):
        import random
        r = random.Random(seed)
        self.a, self.b, self.c = (mpmath.mpf(r.uniform(0.5, 1.5)) for _ in range(3))

    def __call__(self, t, order: int = 0):
        if order == 0:
            return self.a * mpmath.tanh(t) + self.b * t + self.c
        return self.a * mpmath.diff(mpmath.tanh, t, order) + (self.b if order == 1 else 0)


class Evaluator:
    """Evaluates expressions at one point: ``Evaluator(point)(expr)``; values are mpmath reals."""

    def __init__(self, point: Mapping[sympy.Basic, object], stand_in: StandIn | None = None):
        self.point = point
        self.stand_in = stand_in or StandIn(0)

    def __call__(self, expr: sympy.Basic):
        return _real(self.value(expr))

    def value(self, e: sympy.Basic):
        if e.is_Number:
            if e.is_Rational:
                return mpmath.mpf(e.p) / e.q
            if e in (sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
                raise Undefined("infinite")
            return mpmath.mpf(str(e))
        if e in self.point:
            return self.point[e]
        if e is sympy.pi:
            return +mpmath.pi
        if e is sympy.E:
            return +mpmath.e
        if e.is_Symbol or e.is_Indexed:
            raise KeyError(f"no value for {e}")
        if e.is_Add:
            return mpmath.fsum(self.value(a) for a in e.args)
        if e.is_Mul:
            out = mpmath.mpf(1)
            for a in e.args:
                out *= self.value(a)
            return out
        if e.is_Pow:
            return _pow(_sized(_real(self.value(e.base))), _sized(_real(self.value(e.exp))))
        if isinstance(e, sympy.Sum):
            return self._sum(e)
        if isinstance(e, sympy.Subs):
            return self._subs(e)
        if isinstance(e, sympy.Derivative):
            return self._derivative(e)
        if isinstance(e, GenericSigma):
            return self.stand_in(self.value(e.args[0]))
        if isinstance(e, SigmaPrime):
            return self.stand_in(self.value(e.args[0]), 1)
        if isinstance(e, sympy.core.function.AppliedUndef):
            return self.stand_in(*(self.value(a) for a in e.args))
        info = lookup(e)
        if info is None or info.mpmath is None:
            raise UnsupportedFunction(f"cannot evaluate {type(e).__name__}: no high-precision value in the function registry")
        return info.mpmath(*(_sized(self.value(a)) for a in e.args))

    def _sum(self, e: sympy.Sum):
        (i, lo, hi), = e.limits
        lo, hi = int(self.value(lo)), int(self.value(hi))
        if hi - lo > 10_000:
            raise Undefined("sum too long to evaluate")
        total = mpmath.mpf(0)
        for k in range(lo, hi + 1):
            total += self.value(e.function.xreplace({i: sympy.Integer(k)}))
        return total

    def _subs(self, e: sympy.Subs):
        # σ'(z) as sympy writes it: Subs(Derivative(σ(t), t), t, z)
        inner, variables, values = e.args
        if isinstance(inner, sympy.Derivative) and isinstance(inner.expr, sympy.core.function.AppliedUndef):
            order = sum(c for _, c in inner.variable_count)
            return self.stand_in(self.value(values[0]), order)
        return self.value(e.doit())

    def _derivative(self, e: sympy.Derivative):
        if isinstance(e.expr, sympy.core.function.AppliedUndef) and len(e.expr.args) == 1 and e.expr.args[0].is_Symbol:
            order = sum(c for _, c in e.variable_count)
            return self.stand_in(self.value(e.expr.args[0]), order)
        return self.value(e.doit())
