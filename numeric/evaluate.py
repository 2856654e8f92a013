"""Compile a sympy expression to a numpy function, and central finite differences to check it."""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import sympy


def compile_expression(expr: sympy.Expr, args: Sequence[sympy.Symbol]) -> Callable[..., np.ndarray]:
    """A numpy function of ``args`` (positional, vectorized), using each activation's stable numpy code."""
    return sympy.lambdify(list(args), expr, modules="numpy", cse=True)


def central_difference(f: Callable[..., float], point: Sequence[float], i: int, h: float = 1e-6) -> float:
    """(f(θ + h·e_i) − f(θ − h·e_i)) / 2h: the i-th partial derivative of f at ``point``, numerically."""
    up, down = list(point), list(point)
    up[i] += h
    down[i] -= h
    return (f(*up) - f(*down)) / (2 * h)
