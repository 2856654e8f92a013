"""The bounds that keep any typed string from hanging the process or exhausting memory."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Checked before or while parsing, never after an expensive sympy operation."""

    max_length: int = 2000
    max_depth: int = 60
    max_nodes: int = 2000
    max_digits: int = 30
    max_literal_exponent: int = 30
    max_exponent: int = 1000
    max_result_digits: int = 1000
    max_sum_bound: int = 1000000


LIMITS = Limits()
