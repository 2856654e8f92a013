"""Checks that run before sympy builds a node, so that no short text can make sympy run away.

sympy evaluates while it builds, and four of its habits hang on short input:

- sign and size questions about a number (``sign(e - 1)``, ``Abs``, ``step``) call evalf, which never
  ends on a tower such as ``exp(exp(exp(exp(100))))``: every number that reaches exp, sinh, cosh or
  an irrational power must be at most ``max_exp_argument`` in size (the summation index of a Sum
  with numeric bounds counts as a number of the size of its bounds);
- ``exp(c*log(b))`` becomes the exact integer ``b**c``, so it is checked like the power ``b**c``;
- Max and Min, and powers of powers, are built as ``symbolic.functions.parse_builders`` says.

Magnitudes are upper bounds on log10|value|, computed once per subexpression (memoized), never by
evaluating anything.
"""
from __future__ import annotations

import math

import sympy
from sympy.functions.elementary.miscellaneous import MinMaxBase

from ..errors import ParseError, UnsafeInputError
from ..functions import classes_with_magnitude
from ..functions.parse_builders import build_power, maximum, minimum, square_root  # noqa: F401 - re-exported
from .limits import Limits

LOG10_E = math.log10(math.e)

#: functions whose value lies in [-1, 1] whatever their argument (the registry's magnitudes)
BOUNDED = classes_with_magnitude("bounded")
#: functions no larger than their largest argument (or 1)
NOT_LARGER = classes_with_magnitude("not_larger") + (MinMaxBase,)
#: functions that grow like exp: their numeric arguments are bounded by ``max_exp_argument``
GROWING = classes_with_magnitude("growing")


def _digits(n: int) -> float:
    """log10|n| for a nonzero integer (math.log10 takes integers of any size)."""
    return math.log10(abs(n))


def rational_digits(r: sympy.Rational) -> float:
    """An upper bound on the digits of the numerator and denominator of a rational."""
    return max(_digits(r.p), _digits(r.q)) if r.p else 0.0


class NumberGuard:
    """Magnitudes of the numbers built so far, and the checks that refuse dangerous ones."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self._magnitudes: dict[sympy.Basic, float | None] = {}
        self._indices: dict[sympy.Symbol, float] = {}

    # -- magnitudes ---------------------------------------------------------------------------
    def magnitude(self, expr: sympy.Basic) -> float | None:
        """An upper bound on log10|expr| if expr is a number (math.inf if unknown), None if it has symbols."""
        if expr in self._magnitudes:
            return self._magnitudes[expr]
        result = self._estimate(expr)
        self._magnitudes[expr] = result
        return result

    def enter_sum(self, limits: list[tuple[sympy.Symbol, sympy.Expr, sympy.Expr]]) -> tuple:
        """Treat the indices of a Sum with numeric bounds as numbers of that size; returns the state to restore."""
        saved = (self._magnitudes, dict(self._indices))
        for i, lower, upper in limits:
            bounds = (self.magnitude(lower), self.magnitude(upper))
            if None in bounds:
                self._indices.pop(i, None)
            else:
                self._indices[i] = max(max(bounds), 0.0)
        self._magnitudes = {}
        return saved

    def leave_sum(self, saved: tuple) -> None:
        """Back to the magnitudes outside the Sum."""
        self._magnitudes, self._indices = saved

    def _estimate(self, expr: sympy.Basic) -> float | None:
        if expr.is_Rational:
            return -math.inf if expr.p == 0 else _digits(expr.p)
        if expr in self._indices:
            return self._indices[expr]
        if expr.is_NumberSymbol or expr is sympy.S.ImaginaryUnit:
            return 1.0
        if expr.is_Atom:
            return math.inf if expr.is_number else None
        if isinstance(expr, (sympy.Indexed, sympy.Tuple)):
            return None
        parts = [self.magnitude(arg) for arg in expr.args]
        if any(part is None for part in parts):
            return None
        if isinstance(expr, sympy.Sum):
            return math.inf  # a numeric Sum: too costly to bound, so it never reaches exp
        if expr.is_Add:
            return max(parts) + math.log10(len(parts))
        if expr.is_Mul:
            return sum(parts)
        if expr.is_Pow:
            return self._power_magnitude(expr.base, expr.exp, parts[0], parts[1])
        if isinstance(expr, GROWING):
            return _grow(parts[0])
        if isinstance(expr, sympy.log):
            return math.log10(math.log(10) * max(parts[0], 1.0) + 4) if math.isfinite(parts[0]) else math.inf
        if isinstance(expr, BOUNDED):
            return 0.0
        if isinstance(expr, NOT_LARGER):
            return max(max(parts), 0.0)
        return math.inf

    def _power_magnitude(self, base, exponent, base_size: float, exponent_size: float) -> float:
        if exponent.is_Rational:
            if exponent.is_zero:
                return 0.0
            if exponent > 0:
                return float(exponent) * base_size
            if base.is_Rational:
                return abs(float(exponent)) * rational_digits(base)
            return 0.0 if base.is_NumberSymbol else math.inf
        # b**e = exp(e*ln b): |e*log10 b| is at most 10**exponent_size * (digits of b)
        if base.is_Rational:
            base_log = rational_digits(base)
        elif base.is_NumberSymbol:
            base_log = 1.0
        else:
            return math.inf
        return 0.0 if base_log == 0 else _grow(exponent_size + math.log10(base_log / LOG10_E))

    # -- checks --------------------------------------------------------------------------------
    def check_power(self, base: sympy.Expr, exponent: sympy.Expr) -> None:
        """Refuse 0**negative, huge or too fine exponents, and exact results over max_result_digits."""
        lim = self.limits
        if exponent.is_negative and base.is_zero:  # is_zero can be slow on nested powers: ask only when needed
            raise ParseError("division by zero: 0 to a negative power")
        if base is sympy.E:
            self.check_growth(exponent)
            return
        exponent_size = self.magnitude(exponent)
        if exponent.is_Rational:
            if abs(exponent) > lim.max_exponent:
                raise UnsafeInputError(f"power too large: exponents are limited to {lim.max_exponent}")
            if exponent.q > lim.max_exponent:
                raise UnsafeInputError(f"power too fine: exponent denominators are limited to {lim.max_exponent}")
        elif exponent_size is not None and exponent_size > math.log10(lim.max_exponent):
            raise UnsafeInputError(f"power too large: exponents are limited to {lim.max_exponent}")
        # sympy raises a product's numeric factor to the power exactly: (10**29*x)**1000
        numeric = base if self.magnitude(base) is not None else base.as_coeff_Mul()[0]
        base_size = self.magnitude(numeric)
        if exponent_size is None or base_size in (None, -math.inf):
            return
        size = self._power_magnitude(numeric, exponent, base_size, exponent_size)
        if math.isfinite(size) and size > lim.max_result_digits:  # math.inf: not computed exactly by sympy
            shown = f"about {size:.0f}" if size < 1e15 else "astronomically many"
            raise UnsafeInputError(f"power too large: the number would have {shown} digits "
                                   f"(at most {lim.max_result_digits})")
        if numeric.is_Rational and not exponent.is_integer and rational_digits(numeric) > lim.max_root_digits:
            raise UnsafeInputError(f"power too large: roots of numbers over {lim.max_root_digits} digits are refused")

    def check_root(self, z: sympy.Expr) -> None:
        """sqrt(z) is checked as z**(1/2)."""
        self.check_power(z, sympy.S.Half)

    def check_growth(self, *args: sympy.Expr) -> None:
        """Arguments of exp, sinh, cosh: every numeric term at most max_exp_argument, exp(c*log(b)) as b**c."""
        limit = self.limits.max_exp_argument
        for arg in args:
            for term in sympy.Add.make_args(arg):
                size = self.magnitude(term)
                if size is not None and size > math.log10(limit):
                    raise UnsafeInputError(f"number too large inside exp, sinh or cosh (at most {limit} in size)")
                if term.has(sympy.log):
                    for factor in sympy.Mul.make_args(term):
                        if isinstance(factor, sympy.log):  # sympy turns exp(c*log(b)) into b**c
                            self.check_power(factor.args[0], term / factor)

    def check_periodic(self, *args: sympy.Expr) -> None:
        """Arguments of sin, cos, tan: evalf reduces them modulo pi, so at most max_result_digits digits."""
        for arg in args:
            size = self.magnitude(arg)
            if size is not None and size > self.limits.max_result_digits:
                raise UnsafeInputError(f"number too large inside sin, cos or tan "
                                       f"(at most {self.limits.max_result_digits} digits)")

    def check_size(self, value: sympy.Expr) -> sympy.Expr:
        """Refuse exact numbers over max_result_digits digits (in a value or as its leading coefficient)."""
        coefficient = value.as_coeff_Mul()[0] if value.is_Mul else value.as_coeff_Add()[0] if value.is_Add else value
        if coefficient.is_Rational and rational_digits(coefficient) > self.limits.max_result_digits + 1:
            raise UnsafeInputError(f"number too large: more than {self.limits.max_result_digits} digits")
        return value


def _grow(size: float) -> float:
    """Magnitude of exp(a) (or sinh, cosh) for |a| ≤ 10**size; finite, since math.inf means unknown."""
    return LOG10_E * 10 ** min(size, 300.0) if math.isfinite(size) else math.inf
