"""The bounds that keep any typed string from hanging the process or exhausting memory."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Checked before or while parsing, never after an expensive sympy operation."""

    max_length: int = 2000             # characters of input
    max_depth: int = 200               # nesting of the syntax tree (a sum of k terms nests k deep)
    max_nodes: int = 2000              # nodes of the syntax tree
    max_digits: int = 30               # digits of one numeric literal
    max_literal_exponent: int = 30     # 1e30 at most in scientific notation
    max_exponent: int = 1000           # |n| in x**n for a numeric n
    max_result_digits: int = 1000      # a number**number may not exceed 10**1000
    max_sum_bound: int = 1000000       # numeric bounds of Sum(…, (i, a, b))
    max_exp_argument: int = 2000       # |a| of a number a inside exp/sinh/cosh (stops exp(exp(exp(…))) towers)
    max_root_digits: int = 100         # digits of N in N**(1/k): sympy factors N, slow when huge
    max_build_seconds: float = 0.5     # sympy work to build the expression (backstop, see deadline.py)


LIMITS = Limits()
