"""Decide whether an answer equals the true gradient: randomized high-precision numeric testing
plus an exact symbolic check under a hard time bound; never a false "correct"."""
from __future__ import annotations

from dataclasses import dataclass

import mpmath
import sympy

from .diagnose import diagnose
from .evaluate import Evaluator, StandIn, Undefined
from .exact import NONZERO, TIMEOUT, ZERO, is_zero_within
from .records import Counterexample, Verdict
from .sampling import points


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


def _magnitude(point, exprs, stand_in) -> float:
    try:
        return max(abs(float(Evaluator(point, stand_in)(e))) for e in exprs)
    except (Undefined, ZeroDivisionError, ValueError, OverflowError):
        return float("inf")


def compare(expected: sympy.Expr, answer: sympy.Expr, settings: CheckSettings = CheckSettings()) -> Verdict:
    """The verdict on ``answer`` as a claim that it equals ``expected``."""
    # no doit(): it would try closed forms of sums over data; the evaluator handles Σ, Subs, Derivative
    variables = _variables(expected, answer)
    stand_in = StandIn(settings.seed)
    valid, differences = [], []
    with mpmath.workdps(settings.digits):
        for point in points(variables, (expected, answer), settings.points, settings.seed):
            try:
                e = Evaluator(point, stand_in)(expected)
                a = Evaluator(point, stand_in)(answer)
            except (Undefined, ZeroDivisionError, ValueError, OverflowError):
                continue
            valid.append(point)
            if not _agree(e, a, settings.digits):
                differences.append((point, e, a))
        if differences:
            # show the most convincing point: the largest relative difference
            point, e, a = max(differences, key=lambda d: (all(abs(v) <= 3 for v in d[0].values()),
                                                          abs(d[2] - d[1]) / max(1, abs(d[1]))))

            # diagnose where the working precision resolves a difference of single terms
            calm = [p for p in valid if _magnitude(p, (expected, answer), stand_in) < 1e12]
            probe = calm if len(calm) >= 3 else valid

            def values(expr):
                out = []
                for p in probe:
                    try:
                        out.append(Evaluator(p, stand_in)(expr))
                    except (Undefined, ZeroDivisionError, ValueError, OverflowError):
                        out.append(mpmath.mpf(0))
                return out

            diagnosis = diagnose(expected, answer, values)
            shown = tuple((str(k), mpmath.nstr(v, 12)) for k, v in point.items())
            return Verdict("incorrect", expected, answer, f"numeric ({len(valid)} points)", diagnosis,
                           Counterexample(shown, mpmath.nstr(e, 15), mpmath.nstr(a, 15)), len(valid))
    exact = is_zero_within(answer - expected, settings.exact_seconds)
    if exact == ZERO:
        return Verdict("correct", expected, answer, f"exact and numeric ({len(valid)} points)", points_tested=len(valid))
    if len(valid) >= settings.min_valid:
        how = "timed out" if exact == TIMEOUT else "inconclusive"
        return Verdict("correct", expected, answer,
                       f"numeric ({len(valid)} points at {settings.digits} digits; exact check {how})",
                       points_tested=len(valid))
    return Verdict("undecided", expected, answer,
                   f"only {len(valid)} of {settings.points} test points were defined for both sides"
                   + ("" if exact == NONZERO else f"; exact check {exact}"), points_tested=len(valid))
