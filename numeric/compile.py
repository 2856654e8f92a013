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

__all__ = ["CompiledObjective", "as_objective", "compile_objective", "decompose", "Decomposition", "lean", "per_example",
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

    def value_and_grad(self, theta, batch) -> tuple[float, np.ndarray]:
        """Mean loss over the batch plus penalty, and the gradient (in the order of ``parameters``).

        ``batch`` is a Batch (``self.batch(columns)``, prepared once and reused), its prepared form, or a
        plain mapping of column name to array; ``theta`` a vector or a mapping of parameter name to value.

            >>> f = compile_objective("(w*x - y)^2", ["w"])
            >>> f.value_and_grad({"w": 2.0}, {"x": [1.0, 2.0], "y": [2.0, 3.0]})
            (0.5, array([2.]))
        """
        if isinstance(batch, Mapping) and not isinstance(batch, Batch):
            batch = self.batch(batch)
        prepared = self.prepare(batch)
        theta = self._vector(theta)
        biases = self._assembly.biases(theta)
        # the kernels compute in the batch's dtype (float32 data trains in float32)
        sums = self.kernels.sums(theta.astype(prepared.dtype, copy=False), biases, prepared)
        return self._assembly.finish(theta, sums, prepared.n, prepared.dtype)

    def _vector(self, theta) -> np.ndarray:
        if isinstance(theta, Mapping):
            missing = [p for p in self.parameters if p not in theta]
            extra = [k for k in theta if k not in self.parameters]
            if missing or extra:
                raise ValueError(f"theta must give exactly the parameters {', '.join(self.parameters)}"
                                 + (f"; missing {', '.join(missing)}" if missing else "")
                                 + (f"; unknown {', '.join(map(str, extra))}" if extra else ""))
            return np.array([theta[p] for p in self.parameters], dtype=np.float64)
        theta = np.asarray(theta, dtype=np.float64)
        if theta.shape != (len(self.parameters),):
            raise ValueError(f"theta must be a vector of {len(self.parameters)} values ({', '.join(self.parameters)}), "
                             f"not shape {theta.shape}")
        return theta

    def loss(self, theta, batch) -> float:
        """Mean loss plus penalty."""
        return self.value_and_grad(theta, batch)[0]

    def gradient(self, theta, batch) -> np.ndarray:
        """The gradient vector, in the order of ``parameters``."""
        return self.value_and_grad(theta, batch)[1]


def compile_objective(objective, parameters: Sequence[str] | None = None,
                      constants: Mapping[str, float] | None = None, backend: str = "numpy") -> CompiledObjective:
    """Compile an Objective, a sympy expression or a typed loss; symbols neither parameters nor constants are data.

    A typed loss (``"1/2*(y - w*x)^2"``, text or LaTeX) is read by the safe parser, never evaluated, and
    needs ``parameters``. ``backend`` names the kernels (numpy, fused, jax, or auto; see ``backends.choose``).
    """
    from .backends import kernels_class
    objective = as_objective(objective, parameters)
    d = decompose(objective, parameters, constants)
    constants = dict(constants or {})
    kernels = kernels_class(backend)(d, Assembly(d, constants))
    return CompiledObjective(d, constants, kernels)


def as_objective(objective, parameters: Sequence[str] | None = None):
    """A typed loss as an Objective (``symbolic.models.from_text``: parsed, never evaluated); anything else as is."""
    if not isinstance(objective, str):
        return objective
    if isinstance(parameters, str) or not parameters:
        raise ValueError("a typed loss needs its parameters as a list of names, e.g. parameters=['w', 'b']")
    from symbolic.models import from_text
    return from_text(objective, list(parameters))
