"""How many digits a comparison needs so that no difference of the answer's own size hides below it.

``2x + 10^{-60}`` agrees with ``2x`` to 50 digits.  The working precision is raised by the digits
of every exact constant in either side (10^{-60} has 61) and by the spread of the sizes of their
top-level terms at a few points (a term e^{-200} next to a term of size 1), so any difference the
answer itself could carry is far above the comparison's noise.  Past ``MAX_DIGITS`` the numbers
cannot settle it: the caller says undecided unless the exact check proved equality.
"""
from __future__ import annotations

import math

import mpmath
import sympy

from ..functions import Undefined
from .evaluate import Evaluator

#: the most digits a check works at
MAX_DIGITS = 600
#: digits kept above the largest constant or spread of term sizes
MARGIN = 10


def constant_digits(*exprs: sympy.Expr) -> int:
    """The most digits of any exact constant's numerator or denominator, or of a float's exponent."""
    most = 0
    for expr in exprs:
        for number in expr.atoms(sympy.Number):
            if number.is_Rational and number.p:
                most = max(most, len(str(abs(number.p))), len(str(number.q)))
            elif number.is_Float and number:
                _, exponent = mpmath.frexp(mpmath.mpf(number))
                most = max(most, int(abs(exponent) * math.log10(2)) + 1)
    return most


def term_spread(exprs, points, stand_in) -> int:
    """Digits between the largest and the smallest nonzero top-level term, over the given points."""
    spread = 0.0
    for point in points:
        sizes = []
        for expr in exprs:
            for term in sympy.Add.make_args(expr):
                try:
                    v = abs(Evaluator(point, stand_in)(term))
                except (Undefined, ZeroDivisionError, ValueError, OverflowError, KeyError):
                    continue
                if v:
                    sizes.append(float(mpmath.log10(v)))
        if len(sizes) > 1:
            spread = max(spread, max(sizes) - min(sizes))
    return int(math.ceil(spread))


def needed_digits(base_digits: int, exprs, points, stand_in) -> int:
    """The working precision for comparing ``exprs``: base digits plus what their constants and terms need."""
    with mpmath.workdps(base_digits):
        extra = max(constant_digits(*exprs), term_spread(exprs, points, stand_in))
    return base_digits + (extra + MARGIN if extra > 3 else 0)
