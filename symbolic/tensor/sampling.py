"""Random sizes and values for typed tensors, respecting their domains, seeded per draw and per name.

Sizes: every symbolic dim gets a different whole number (no two dims equal, nothing square that is
not declared square), so a lost transpose changes the shape or the values.  Values: reals of mixed
sizes and signs; ``pos`` positive, ``prob`` in (0, 1), ``binary`` 0/1, ``pm1`` ±1, ``onehot`` rows
with one 1, ``sym`` symmetric, ``spd`` AAᵀ + I.  Every draw has its own generator, keyed by the
seed, the draw's number and the name, so results never depend on the order of a walk.
"""
from __future__ import annotations

import random
import zlib

import mpmath
import sympy

from .shapes import Shape

#: the sizes dims take (distinct within a draw); small so that exact expansion stays cheap
SIZES = (2, 3, 4, 5, 6)


def rng(seed: int, number: int, key: str) -> random.Random:
    return random.Random(zlib.crc32(f"{seed}/{number}/{key}".encode()))


def symbolic_dims(shapes: dict[str, Shape], extra=()) -> list[sympy.Symbol]:
    """The dim symbols of the declarations and of ``extra`` expressions, in a fixed order."""
    found = {d for s in shapes.values() for x in s.dims for d in sympy.sympify(x).free_symbols}
    for e in extra:
        found |= sympy.sympify(e).free_symbols
    return sorted(found, key=str)


def draw_sizes(dims: list[sympy.Symbol], seed: int, number: int, smallest: bool = False) -> dict:
    """dim → size, all different; ``smallest`` gives the smallest distinct sizes (for exact expansion)."""
    if len(dims) > len(SIZES):
        pool = list(range(2, 2 + len(dims)))
    else:
        pool = list(SIZES)
    if smallest:
        chosen = pool[:len(dims)]
        rng(seed, number, "sizes").shuffle(chosen)
    else:
        chosen = rng(seed, number, "sizes").sample(pool, len(dims))
    return dict(zip(dims, [sympy.Integer(c) for c in chosen]))


def _real(r: random.Random) -> mpmath.mpf:
    low, high = r.choice(((0.1, 1.0), (0.5, 2.0), (0.02, 0.2), (1.0, 3.0)))
    return mpmath.mpf(r.choice((-1, 1)) * r.uniform(low, high))


def draw_value(name: str, shape: tuple[int, int], domain: str | None, seed: int, number: int) -> list:
    """A rows × cols value for the tensor ``name``."""
    r = rng(seed, number, name)
    rows, cols = shape
    if domain == "onehot":
        out = []
        for _ in range(rows):
            row = [mpmath.mpf(0)] * cols
            row[r.randrange(cols)] = mpmath.mpf(1)
            out.append(row)
        return out
    if domain in ("sym", "spd"):
        a = [[_real(r) for _ in range(cols)] for _ in range(rows)]
        if domain == "sym":
            return [[(a[i][j] + a[j][i]) / 2 for j in range(cols)] for i in range(rows)]
        return [[mpmath.fsum(a[i][k] * a[j][k] for k in range(cols)) + (i == j) for j in range(cols)]
                for i in range(rows)]
    pick = {
        "pos": lambda: mpmath.mpf(r.uniform(0.2, 3.0)),
        "prob": lambda: mpmath.mpf(r.uniform(0.05, 0.95)),
        "binary": lambda: mpmath.mpf(r.choice((0, 1))),
        "pm1": lambda: mpmath.mpf(r.choice((-1, 1))),
    }.get(domain, lambda: _real(r))
    return [[pick() for _ in range(cols)] for _ in range(rows)]


def draw_point(variables: dict, shapes: dict[str, Shape], sizes: dict, seed: int, number: int) -> dict:
    """name → value for every variable of the trees (``variables``: name → Var), at the given sizes."""
    env = {}
    for name, var in variables.items():
        rows, cols = (int(sympy.sympify(d).xreplace(sizes)) for d in var.shape)
        domain = shapes[name].domain if name in shapes else getattr(var, "domain", None)
        env[name] = draw_value(name, (rows, cols), domain, seed, number)
    return env
