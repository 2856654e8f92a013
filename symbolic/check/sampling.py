"""Random test points: negative, small, moderate and large values; labels as class numbers.

Values stay within |v| ≤ 40 so that saturated activations (σ(1000) = 1 to 50 digits) do not hide
a difference; indexed data y[k] gets values on demand as a sum is evaluated.  Every value is drawn
from its own generator, seeded by the run's seed, the point's number and the variable's name, so
a verdict never depends on the order in which an expression happens to be walked.  Variables
that bound a sum (the n of Σ_{i=1}^{n}) are whole numbers wherever they appear.
"""
from __future__ import annotations

import random
import zlib

import mpmath
import sympy

from ..indicator import Indicator

#: (low, high) magnitude bands, each used with both signs
_BANDS = ((0.05, 1.0), (0.5, 3.0), (1e-3, 0.05), (3.0, 40.0))
#: the values a sum bound takes
_COUNTS = (1, 2, 3, 4)


def _rng(seed: int, number: int, key) -> random.Random:
    return random.Random(zlib.crc32(f"{seed}/{number}/{key}".encode()))


class Point(dict):
    """A point: symbol → mpmath value, creating values for indexed data (y[3]) the first time asked."""

    def __init__(self, seed: int, number: int, labels: dict, integers: frozenset = frozenset(), **kw):
        super().__init__(**kw)
        self.seed, self.number, self.labels, self.integers = seed, number, labels, integers

    def __missing__(self, key):
        if isinstance(key, sympy.Indexed):
            value = self.draw(key, key.base.label)
            self[key] = value
            return value
        raise KeyError(key)

    def __contains__(self, key):
        return dict.__contains__(self, key) or isinstance(key, sympy.Indexed)

    def draw(self, key, kind=None) -> mpmath.mpf:
        """A value for ``key``: a class number for a label, a count for a sum bound, else a real."""
        kind = key if kind is None else kind
        rng = _rng(self.seed, self.number, key)
        if kind in self.labels:
            return mpmath.mpf(rng.choice(self.labels[kind]))
        if kind in self.integers or getattr(kind, "is_integer", False):
            return mpmath.mpf(rng.choice(_COUNTS))
        low, high = rng.choice(_BANDS)
        return mpmath.mpf(rng.choice((-1, 1)) * rng.uniform(low, high))

    def copy_with(self, values: dict) -> "Point":
        """This point with some values replaced (indexed data drawn so far are kept)."""
        out = Point(self.seed, self.number, self.labels, self.integers)
        dict.update(out, self)
        dict.update(out, values)
        return out


def label_values(*exprs: sympy.Expr) -> dict:
    """Symbols compared with class numbers in 1[y = j] get values from those class numbers."""
    labels: dict = {}
    for expr in exprs:
        for ind in expr.atoms(Indicator):
            y, j = ind.args
            key = y.base.label if isinstance(y, sympy.Indexed) else y
            if j.is_Integer:
                labels.setdefault(key, set()).add(int(j))
    return {k: sorted(v) for k, v in labels.items()}  # labels are among the classes, as the loss assumes


def sum_bounds(*exprs: sympy.Expr) -> frozenset:
    """The symbols that bound a sum anywhere in the expressions: they count, so they are integers."""
    return frozenset(s for e in exprs for total in e.atoms(sympy.Sum) for _, lo, hi in total.limits
                     for s in (lo.free_symbols | hi.free_symbols))


def points(variables, exprs, count: int, seed: int = 0):
    """``count`` reproducible random points for the given symbols."""
    labels = label_values(*exprs)
    integers = sum_bounds(*exprs)
    for number in range(count):
        p = Point(seed, number, labels, integers)
        for v in variables:
            p[v] = p.draw(v)
        yield p
