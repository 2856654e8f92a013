"""Where piecewise answers switch piece, and test points on both sides of every switch.

An answer that differs from the truth only on a region (``step(1 − 2wxy)`` for ``step(1 − wxy)``)
agrees at most random points.  The kinks of both sides — the arguments of steps, signs, |·|,
max/min (as the function registry lists them) and the conditions of Piecewise — bound those
regions: for each kink g and a few base points, one variable of g is moved to a root of g (found
by scanning and bisection) and the sides are compared just before and after it, at several
distances, so every region between two kinks is visited.
"""
from __future__ import annotations

from dataclasses import dataclass

import mpmath
import sympy

from ..functions import Undefined, lookup
from .evaluate import Evaluator

#: where to look for sign changes of a kink along one variable
_GRID = tuple(sorted({s * v for v in (0.0, 0.02, 0.1, 0.3, 0.6, 1.0, 1.5, 2.2, 3.3, 5.0, 8.0, 13.0, 20.0, 40.0)
                      for s in (-1, 1)}))
#: distances from a root, relative to max(1, |root|)
_OFFSETS = (1e-9, 1e-4, 1e-2, 0.1)
#: at most this many kinks, base points tried per kink, (base, variable) pairs with roots per kink,
#: and roots per variable (bounded work)
MAX_KINKS, BASES, CROSSINGS, ROOTS = 24, 8, 2, 2


@dataclass(frozen=True)
class Kinks:
    """The kink arguments of two expressions, with summation indices fixed at their first value."""

    arguments: tuple[sympy.Expr, ...]

    def __len__(self) -> int:
        return len(self.arguments)


def kinks_of(*exprs: sympy.Expr) -> Kinks:
    """Every distinct kink argument in the expressions (registry kinks and Piecewise conditions)."""
    found: list[sympy.Expr] = []

    def add(g: sympy.Expr, fixed: dict) -> None:
        g = sympy.sympify(g).xreplace(fixed)
        if g.free_symbols and g not in found and -g not in found:
            found.append(g)

    def walk(e: sympy.Basic, fixed: dict) -> None:
        if isinstance(e, sympy.Sum):
            fixed = dict(fixed)
            for i, lo, _ in e.limits:
                fixed[i] = lo if lo.is_Integer else sympy.Integer(1)
        if isinstance(e, sympy.Piecewise):
            for _, cond in e.args:
                for rel in cond.atoms(sympy.core.relational.Relational):
                    add(rel.lhs - rel.rhs, fixed)
        elif isinstance(e, sympy.core.function.Application):
            info = lookup(e)
            if info is not None and info.kinks is not None:
                for g in info.kinks(e):
                    add(g, fixed)
        for a in e.args:
            walk(a, fixed)

    for expr in exprs:
        walk(expr, {})
    return Kinks(tuple(found[:MAX_KINKS]))


def _unknowns(g: sympy.Expr) -> list[sympy.Basic]:
    """What a root can be found along: plain symbols and indexed data with a fixed index."""
    return sorted({*g.atoms(sympy.Indexed), *(s for s in g.free_symbols
                                              if not any(s in ix.atoms() for ix in g.atoms(sympy.Indexed)))},
                  key=str)


def _value(g: sympy.Expr, point) -> mpmath.mpf | None:
    try:
        return Evaluator(point)(g)
    except (Undefined, ZeroDivisionError, ValueError, OverflowError, KeyError):
        return None


def _roots(g: sympy.Expr, point, v) -> list:
    """Roots of t ↦ g(point with v = t), found by a sign change on a grid and bisection."""
    def at(t):
        p = point.copy_with({v: mpmath.mpf(t)})
        return _value(g, p)

    base = float(point[v])
    grid = sorted(set(_GRID) | {base})
    values = [(t, at(t)) for t in grid]
    roots = []
    for (t0, g0), (t1, g1) in zip(values, values[1:]):
        if g0 is None or g1 is None:
            continue
        if g0 == 0:
            roots.append(mpmath.mpf(t0))
            continue
        if (g0 < 0) == (g1 < 0):
            continue
        lo, hi, glo = mpmath.mpf(t0), mpmath.mpf(t1), g0
        for _ in range(60):
            mid = (lo + hi) / 2
            gm = at(mid)
            if gm is None:
                break
            if (gm < 0) == (glo < 0):
                lo, glo = mid, gm
            else:
                hi = mid
        roots.append((lo + hi) / 2)
    roots.sort(key=lambda r: abs(r - base))
    return roots[:ROOTS]


def points_near_kinks(kinks: Kinks, bases: list) -> tuple[list, int]:
    """Test points just before and after every root of every kink, and how many kinks had roots."""
    out, crossed = [], 0
    for g in kinks.arguments:
        found = 0
        pairs = ((base, v) for base in bases[:BASES] for v in _unknowns(g)[:4])
        for base, v in pairs:
            roots = _roots(g, base, v)
            for r in roots:
                scale = max(mpmath.mpf(1), abs(r))
                for offset in _OFFSETS:
                    for side in (-1, 1):
                        out.append(base.copy_with({v: r + side * offset * scale}))
            found += bool(roots)
            if found >= CROSSINGS:
                break
        crossed += found > 0
    return out, crossed


def at_a_kink(kinks: Kinks, point, digits: int) -> bool:
    """Whether some kink argument is (numerically) zero here: such a point decides nothing."""
    tiny = mpmath.mpf(10) ** (-(digits // 2))
    for g in kinks.arguments:
        value = _value(g, point)
        if value is not None and abs(value) < tiny:
            return True
    return False
