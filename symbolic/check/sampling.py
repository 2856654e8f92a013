"""Random test points: negative, small, moderate and large values; labels as class numbers.

Values stay within |v| ≤ 40 so that saturated activations (σ(1000) = 1 to 50 digits) do not hide
a difference; indexed data y[k] gets values on demand as a sum is evaluated.
"""
from __future__ import annotations

import random

import mpmath
import sympy

from ..indicator import Indicator

#: (low, high) magnitude bands, each used with both signs
_BANDS = ((0.05, 1.0), (0.5, 3.0), (1e-3, 0.05), (3.0, 40.0))


class Point(dict):
    """A point: symbol → mpmath value, creating values for indexed data (y[3]) the first time asked."""

    def __init__(self, rng: random.Random, labels: dict, **kw):
        super().__init__(**kw)
        self.rng, self.labels = rng, labels

    def __missing__(self, key):
        if isinstance(key, sympy.Indexed):
            base = key.base.label
            value = self._draw(base) if base not in self.labels else mpmath.mpf(self.rng.choice(self.labels[base]))
            self[key] = value
            return value
        raise KeyError(key)

    def __contains__(self, key):
        return dict.__contains__(self, key) or isinstance(key, sympy.Indexed)

    def _draw(self, _):
        low, high = self.rng.choice(_BANDS)
        return mpmath.mpf(self.rng.choice((-1, 1)) * self.rng.uniform(low, high))


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


def points(variables, exprs, count: int, seed: int = 0):
    """``count`` reproducible random points for the given symbols."""
    rng = random.Random(seed)
    labels = label_values(*exprs)
    for _ in range(count):
        p = Point(rng, labels)
        for v in variables:
            if v in labels:
                p[v] = mpmath.mpf(rng.choice(labels[v]))
            elif v.is_integer:
                p[v] = mpmath.mpf(rng.randint(1, 4))
            else:
                p[v] = p._draw(v)
        yield p
