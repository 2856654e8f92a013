"""Training a compiled matrix objective with the existing optimizers (``numeric.train.optimize``).

The parameters (vectors and matrices) are flattened into one vector θ for the optimizers and
unflattened for the compiled program; the data tensors are a ``TensorBatch`` (rows taken together
for minibatches).  Parameters start small and random (normal, σ = 0.1, seeded).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import sympy

from symbolic.tensor.shapes import ShapeError

from .compile import CompiledTensor
from .runner import bind_dims

#: standard deviation of the random initial parameters
INIT_SCALE = 0.1


class TensorBatch:
    """Data tensors with the examples along their rows: ``n`` rows, ``take(rows)`` for a minibatch."""

    def __init__(self, arrays: Mapping[str, np.ndarray], dtype=np.float64):
        self.dtype = np.dtype(dtype)
        self.arrays = {k: np.asarray(v, dtype=self.dtype) for k, v in arrays.items()}
        rows = {len(v) for v in self.arrays.values()}
        if len(rows) > 1:
            raise ValueError(f"data tensors have different numbers of rows: {sorted(rows)}")
        self.n = rows.pop() if rows else 0

    def take(self, rows: np.ndarray) -> "TensorBatch":
        """The rows ``rows`` of every tensor."""
        out = TensorBatch.__new__(TensorBatch)
        out.dtype, out.arrays, out.n = self.dtype, {k: v[rows] for k, v in self.arrays.items()}, len(rows)
        return out


def entry_names(name: str, shape: tuple[int, int], vector: bool) -> list[str]:
    """``w[1]`` … for a vector, ``W[1,2]`` … for a matrix (1-based), ``b`` for a scalar."""
    rows, cols = shape
    if rows == cols == 1 and not vector:
        return [name]
    if vector:
        return [f"{name}[{i + 1}]" for i in range(rows)]
    return [f"{name}[{i + 1},{j + 1}]" for i in range(rows) for j in range(cols)]


@dataclass(frozen=True)
class Layout:
    """Where each parameter lies in θ: its concrete shape and its slice."""

    names: tuple[str, ...]
    shapes: tuple[tuple[int, int], ...]
    vectors: tuple[bool, ...]

    @property
    def size(self) -> int:
        return sum(r * c for r, c in self.shapes)

    def entries(self) -> tuple[str, ...]:
        """One name per entry of θ."""
        return tuple(e for n, s, v in zip(self.names, self.shapes, self.vectors) for e in entry_names(n, s, v))

    def unflatten(self, theta: np.ndarray) -> dict[str, np.ndarray | float]:
        """θ → {name: array} (vectors 1-D, scalars 0-d views)."""
        out, start = {}, 0
        for name, (r, c), vector in zip(self.names, self.shapes, self.vectors):
            part = theta[start:start + r * c]
            out[name] = part if vector else (part.reshape(()) if r == c == 1 else part.reshape(r, c))
            start += r * c
        return out

    def flatten(self, grads: Mapping[str, object]) -> np.ndarray:
        return np.concatenate([np.ravel(grads[n]) for n in self.names]) if self.names else np.zeros(0)


class TensorModel:
    """A compiled objective with its data fixed in kind: ``value_and_grad(theta, batch)`` for the optimizers."""

    def __init__(self, compiled: CompiledTensor, batch: TensorBatch, constants: Mapping[str, float] | None = None,
                 dims: Mapping[str, int] | None = None):
        self.compiled = compiled
        self.constants = {k: float(v) for k, v in (constants or {}).items() if k in compiled.inputs}
        self.dims = dict(dims or {})
        data_inputs = {k: v for k, v in compiled.inputs.items() if k in batch.arrays}
        bound, _ = bind_dims(data_inputs, batch.arrays, self.dims)
        bound.update({sympy.Symbol(k, integer=True, positive=True): int(v) for k, v in self.dims.items()})
        shapes, vectors = [], []
        for name in compiled.wrt:
            declared = compiled.shapes[name]
            concrete = []
            for d in declared:
                value = sympy.sympify(d).subs(bound)
                if not value.is_Integer:
                    missing = sorted(map(str, value.free_symbols))[0]
                    raise ShapeError(f"dimension {missing} of {name} is not fixed by the data: declare it as a number "
                                     f"in --shapes or give it with --set {missing}=…")
                concrete.append(int(value))
            shapes.append(tuple(concrete))
            vectors.append(declared[1] == 1 and declared[0] != 1)
        self.layout = Layout(tuple(compiled.wrt), tuple(shapes), tuple(vectors))
        self.parameters = self.layout.entries()

    def initial(self, seed: int = 0, dtype=np.float64) -> np.ndarray:
        """Small random parameters, seeded."""
        return np.random.default_rng(seed).normal(0.0, INIT_SCALE, size=self.layout.size).astype(dtype)

    def values(self, theta: np.ndarray, batch: TensorBatch) -> dict:
        return {**batch.arrays, **self.constants, **self.layout.unflatten(np.asarray(theta))}

    def value_and_grad(self, theta: np.ndarray, batch: TensorBatch) -> tuple[float, np.ndarray]:
        """The loss and its gradient as one vector in θ's order."""
        loss, grads = self.compiled.value_and_grad(self.values(theta, batch), self.dims)
        return loss, self.layout.flatten(grads).astype(batch.dtype, copy=False)


def train_tensor(model: TensorModel, batch: TensorBatch, *, optimizer: str = "gd", learning_rate: float | None = None,
                 epochs: int = 200, batch_size: int | None = None, seed: int = 0, gradient_tolerance: float = 1e-6,
                 loss_tolerance: float = 0.0, callbacks: Sequence = (), task: str = ""):
    """Minimize the model's objective over ``batch`` with a named optimizer; the TrainResult (DivergenceError if it diverges)."""
    from ..train import optimize
    return optimize(model.value_and_grad, model.initial(seed, batch.dtype), batch, model.parameters,
                    optimizer=optimizer, learning_rate=learning_rate, epochs=epochs, batch_size=batch_size, seed=seed,
                    gradient_tolerance=gradient_tolerance, loss_tolerance=loss_tolerance, callbacks=callbacks, task=task)
