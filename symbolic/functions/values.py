"""mpmath helpers shared by the functions' high-precision values: undefined points raise ``Undefined``."""
from __future__ import annotations

import mpmath

from .errors import Undefined


def real(v):
    """A real mpmath value (a complex one with a negligible imaginary part is rounded to real)."""
    if isinstance(v, mpmath.mpc):
        if abs(v.imag) > mpmath.mpf(10) ** (-mpmath.mp.dps + 5) * max(1, abs(v.real)):
            raise Undefined("complex value")
        v = v.real
    if not mpmath.isfinite(v):
        raise Undefined("not finite")
    return v


def log(v):
    """Natural log of a positive number."""
    if v <= 0:
        raise Undefined("log of a non-positive number")
    return mpmath.log(v)


def heaviside(z, at_zero=mpmath.mpf(0.5)):
    """1 for z > 0, 0 for z < 0, ``at_zero`` at 0."""
    return mpmath.mpf(1) if z > 0 else (mpmath.mpf(0) if z < 0 else at_zero)


def one_if(condition: bool):
    """1 or 0 as an mpmath number."""
    return mpmath.mpf(1 if condition else 0)


def within(v, lo, hi, what: str):
    """v when lo ≤ v ≤ hi (inverse trigonometric functions), else ``Undefined``."""
    if not lo <= v <= hi:
        raise Undefined(f"{what} outside [{lo}, {hi}]")
    return v
