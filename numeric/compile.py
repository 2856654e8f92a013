"""Compile an objective: the mean loss and every parameter's gradient over a dataset in one call.

The objective is decomposed once (``decompose.py``: per-example part ℓ, linear forms z = Σ wⱼxⱼ + b
lifted out as matrix products, data-free penalty R); a backend supplies only the kernels that sum
over the rows (``protocol.Kernels``: numpy here by default, fused numba or JAX by name, see
``backends.py``), and ``CompiledObjective`` puts the result together the same way for all of them.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from symbolic.errors import SymgradError

from .batch import Batch
from .decompose import Assembly, Decomposition, decompose, lean, per_example, split_penalty
from .protocol import Kernels, PreparedCache

__all__ = ["CompiledObjective", "compile_objective", "decompose", "Decomposition", "lean", "per_example",
           "split_penalty"]


class CompiledObjective:
    """``value_and_grad(theta, batch)`` → (mean loss, gradient vector) for one objective, on one backend."""

    def __init__(self, decomposition: Decomposition, constants: Mapping[str, float], kernels: Kernels):
        d = decomposition
        self.decomposition, self.kernels = d, kernels
        self.parameters = tuple(p.name for p in d.parameters)
        self.data = tuple(x.name for x in d.data)
        self.constants = {c.name: constants[c.name] for c in d.constants}
        self.per_example, self.penalty, self.forms = d.per_example, d.penalty, d.forms
        self.backend = kernels.name
        self._assembly = kernels.assembly
        self.prepare = PreparedCache(kernels.prepare)

    @property
    def compile_seconds(self) -> float:
        """Seconds the backend's first compile took."""
        return self.kernels.compile_seconds

    def batch(self, columns: Mapping[str, np.ndarray], dtype=np.float64) -> Batch:
        """The data as a Batch, checking that every column the loss needs is there."""
        missing = [d for d in self.data if d not in columns]
        if missing:
            raise SymgradError(f"the data has no column {missing[0]!r} (the loss needs {', '.join(self.data)}; "
                               f"the data has {', '.join(columns) or 'none'})")
        return columns if isinstance(columns, Batch) else Batch({d: columns[d] for d in self.data}, dtype)

    def value_and_grad(self, theta: np.ndarray, batch) -> tuple[float, np.ndarray]:
        """Mean loss over the batch (a Batch or its prepared form) plus penalty, and the gradient."""
        prepared = self.prepare(batch)
        theta = np.asarray(theta, dtype=np.float64)
        biases = self._assembly.biases(theta)
        # the kernels compute in the batch's dtype (float32 data trains in float32)
        sums = self.kernels.sums(theta.astype(prepared.dtype, copy=False), biases, prepared)
        return self._assembly.finish(theta, sums, prepared.n, prepared.dtype)

    def loss(self, theta, batch) -> float:
        """Mean loss plus penalty."""
        return self.value_and_grad(theta, batch)[0]

    def gradient(self, theta, batch) -> np.ndarray:
        """The gradient vector, in the order of ``parameters``."""
        return self.value_and_grad(theta, batch)[1]


def compile_objective(objective, parameters: Sequence[str] | None = None,
                      constants: Mapping[str, float] | None = None, backend: str = "numpy") -> CompiledObjective:
    """Compile an Objective (or expression); symbols that are neither parameters nor constants are data.

    ``backend`` names the kernels (numpy, fused, jax, or auto; see ``backends.choose``).
    """
    from .backends import kernels_class
    d = decompose(objective, parameters, constants)
    constants = dict(constants or {})
    kernels = kernels_class(backend)(d, Assembly(d, constants))
    return CompiledObjective(d, constants, kernels)
