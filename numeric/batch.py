"""Data as the compiled functions see it: named columns, with their matrices built once and reused."""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np


class Batch:
    """Named data columns of equal length; ``matrix(names)`` stacks columns once and caches it."""

    def __init__(self, columns: Mapping[str, np.ndarray], dtype=np.float64):
        self.dtype = np.dtype(dtype)
        self.columns = {k: np.asarray(v, dtype=self.dtype) for k, v in columns.items()}
        lengths = {len(v) for v in self.columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"data columns have different lengths: {sorted(lengths)}")
        self.n = lengths.pop() if lengths else 0
        self._matrices: dict[tuple[str, ...], np.ndarray] = {}

    def matrix(self, names: Sequence[str]) -> np.ndarray:
        """The n×d matrix of these columns (C-contiguous, built on first use)."""
        key = tuple(names)
        if key not in self._matrices:
            self._matrices[key] = np.ascontiguousarray(np.column_stack([self.columns[k] for k in key]))
        return self._matrices[key]

    def take(self, rows: np.ndarray) -> "Batch":
        """The rows ``rows`` of every column (and of every cached matrix)."""
        out = Batch.__new__(Batch)
        out.dtype = self.dtype
        out.columns = {k: v[rows] for k, v in self.columns.items()}
        out.n = len(rows)
        out._matrices = {k: m[rows] for k, m in self._matrices.items()}
        return out
