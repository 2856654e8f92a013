"""Decide whether an answer equals the true gradient: randomized high-precision numeric testing
plus an exact symbolic check under a hard time bound; never a false "correct".

The numbers are trusted only as far as they can see: the working precision grows with the
answer's own constants and term sizes (``precision.py``), and piecewise sides are compared on both
sides of every kink (``kinks.py``).  "correct" needs a proof, or agreement everywhere tested with
every kink crossed; what cannot be settled is "undecided".  Points and seeds derive from the
inputs, so the same question always gets the same verdict.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

import mpmath
import sympy

from .diagnose import diagnose
from .evaluate import Evaluator, StandIn, Undefined
from .exact import NONZERO, REFUTED, TIMEOUT, ZERO, is_zero_within
from .kinks import at_a_kink, kinks_of, points_near_kinks
from .precision import MAX_DIGITS, needed_digits
from .records import Counterexample, Evidence, Verdict
from .sampling import points

_FAILURES = (Undefined, ZeroDivisionError, ValueError, OverflowError)
_EXACT = {ZERO: "proved", REFUTED: "refuted", TIMEOUT: "timed out", NONZERO: "inconclusive"}


@dataclass(frozen=True)
class CheckSettings:
    """How hard to look: test points, working precision (digits), the exact check's time bound."""

    points: int = 24
    digits: int = 50
    min_valid: int = 8
    exact_seconds: float = 2.0
    seed: int = 20261126


def _agree(a, b, digits) -> bool:
    return abs(a - b) <= mpmath.mpf(10) ** (-(digits - 15)) * max(1, abs(a), abs(b))


def _variables(*exprs):
    out = set()
    for e in exprs:
        out |= {s for s in e.free_symbols if not any(s in ix.indices for ix in e.atoms(sympy.Indexed))}
    summation = {lim[0] for e in exprs for s in e.atoms(sympy.Sum) for lim in s.limits}
    return sorted(out - summation, key=lambda s: s.name)


def _seed(settings: CheckSettings, expected: sympy.Expr, answer: sympy.Expr) -> int:
    """A seed from the question itself: deterministic across runs and hash seeds."""
    return zlib.crc32(f"{settings.seed}|{sympy.srepr(expected)}|{sympy.srepr(answer)}".encode())


def _magnitude(point, exprs, stand_in) -> float:
    try:
        return max(abs(float(Evaluator(point, stand_in)(e))) for e in exprs)
    except _FAILURES:
        return float("inf")


class _Sides:
    """Both sides evaluated at points, at one precision, skipping points where either is undefined."""

    def __init__(self, expected, answer, stand_in, digits, kinks):
        self.expected, self.answer, self.stand_in, self.digits, self.kinks = expected, answer, stand_in, digits, kinks
        self.valid, self.differences = [], []

    def test(self, point) -> bool:
        """Evaluate at ``point``; True if it was usable (defined on both sides, not on a kink)."""
        try:
            e = Evaluator(point, self.stand_in)(self.expected)
            a = Evaluator(point, self.stand_in)(self.answer)
        except _FAILURES:
            return False
        if self.kinks.arguments and at_a_kink(self.kinks, point, self.digits):
            return False
        self.valid.append(point)
        if not _agree(e, a, self.digits):
            self.differences.append((point, e, a))
        return True


def compare(expected: sympy.Expr, answer: sympy.Expr, settings: CheckSettings = CheckSettings()) -> Verdict:
    """The verdict on ``answer`` as a claim that it equals ``expected``."""
    # no doit(): it would try closed forms of sums over data; the evaluator handles Σ, Subs, Derivative
    variables = _variables(expected, answer)
    stand_in = StandIn(settings.seed)
    seed = _seed(settings, expected, answer)
    kinks = kinks_of(expected, answer)
    candidates = list(points(variables, (expected, answer), settings.points, seed))
    digits = needed_digits(settings.digits, (expected, answer), candidates[:4], stand_in)
    working = min(digits, MAX_DIGITS)
    with mpmath.workdps(working):
        sides = _Sides(expected, answer, stand_in, working, kinks)
        for point in candidates:
            sides.test(point)
        random_valid = len(sides.valid)
        region, crossed = (points_near_kinks(kinks, sides.valid or candidates) if kinks.arguments else ([], 0))
        region_valid = sum(sides.test(p) for p in region) if not sides.differences else 0
        how = Evidence(points=random_valid, digits=working, kinks=len(kinks), kinks_crossed=crossed,
                       region_points=region_valid)
        if sides.differences:
            return _incorrect(expected, answer, sides, stand_in, how)
    exact = is_zero_within(answer - expected, settings.exact_seconds)
    how = Evidence(_EXACT[exact], random_valid, working, len(kinks), crossed, region_valid)
    where = f"{random_valid} points" + (f", {region_valid} on both sides of {crossed} kink{'s' * (crossed > 1)}"
                                        if crossed else "")
    if exact == ZERO:
        return Verdict("correct", expected, answer, f"exact and numeric ({where})", points_tested=random_valid, how=how)
    if exact == REFUTED:
        return Verdict("incorrect", expected, answer, "exact: the difference is a nonzero constant",
                       diagnosis=None, points_tested=random_valid, how=how)
    numbers_suffice = digits <= MAX_DIGITS and random_valid >= settings.min_valid and \
        (not kinks.arguments or region_valid > 0 or crossed == 0)
    if numbers_suffice:
        return Verdict("correct", expected, answer,
                       f"numeric ({where} at {working} digits; exact check {how.exact})",
                       points_tested=random_valid, how=how)
    if digits > MAX_DIGITS:
        why = f"its constants need more than {MAX_DIGITS} digits to compare and the exact check was {how.exact}"
    elif random_valid < settings.min_valid:
        why = f"only {random_valid} of {settings.points} test points were defined for both sides"
    else:
        why = "no test point on both sides of its kinks was defined"
    return Verdict("undecided", expected, answer, why + ("" if "exact" in why else f"; exact check {how.exact}"),
                   points_tested=random_valid, how=how)


def _incorrect(expected, answer, sides: _Sides, stand_in, how: Evidence) -> Verdict:
    """The verdict for a difference found: the most convincing point and a diagnosis."""
    # show the most convincing point: the largest relative difference among modest values
    point, e, a = max(sides.differences, key=lambda d: (all(abs(v) <= 3 for v in d[0].values()),
                                                        abs(d[2] - d[1]) / max(1, abs(d[1]))))
    # diagnose where the working precision resolves a difference of single terms
    calm = [p for p in sides.valid if _magnitude(p, (expected, answer), stand_in) < 1e12]
    probe = calm if len(calm) >= 3 else sides.valid

    def values(expr):
        out = []
        for p in probe:
            try:
                out.append(Evaluator(p, stand_in)(expr))
            except _FAILURES:
                out.append(mpmath.mpf(0))
        return out

    diagnosis = diagnose(expected, answer, values)
    shown = tuple((str(k), mpmath.nstr(v, 12)) for k, v in point.items())
    # enough digits that the two values shown differ (2x + 10^-60 against 2x)
    gap = abs(a - e) / max(abs(e), abs(a), mpmath.mpf(10) ** -300)
    digits = min(max(15, int(-mpmath.log10(gap)) + 3) if gap else 15, sides.digits)
    evidence = f"numeric ({how.points} points" + (f", {how.region_points} beside kinks" if how.region_points else "") + ")"
    return Verdict("incorrect", expected, answer, evidence, diagnosis,
                   Counterexample(shown, mpmath.nstr(e, digits), mpmath.nstr(a, digits)), how.points,
                   how=Evidence("not tried", how.points, how.digits, how.kinks, how.kinks_crossed, how.region_points))
