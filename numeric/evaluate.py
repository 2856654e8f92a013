"""Compile a sympy expression to a numpy function, and central finite differences to check it."""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import sympy

from .printers import lambdify_with


def compile_expression(expr: sympy.Expr, args: Sequence[sympy.Symbol]) -> Callable[..., np.ndarray]:
    """A numpy function of ``args`` (positional, vectorized), every function's stable numpy code from the registry."""
    return lambdify_with("numpy", list(args), expr, cse=True)


def central_difference(f: Callable[..., float], point: Sequence[float], i: int, h: float = 1e-6) -> float:
    """(f(θ + h·e_i) − f(θ − h·e_i)) / 2h: the i-th partial derivative of f at ``point``, numerically."""
    up, down = list(point), list(point)
    up[i] += h
    down[i] -= h
    return (f(*up) - f(*down)) / (2 * h)
