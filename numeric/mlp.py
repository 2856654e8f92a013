"""Matrix-form networks: pick a backend's network by name and train it.

The network classes live with their backends (``network.py`` holds the shared base and the numpy
reference, ``fused/mlp.py`` and ``jax_backend.py`` the others); ``backends.py`` names them.
"""
from __future__ import annotations

import numpy as np

from symbolic.errors import SymgradError
from symbolic.matrix import MLPSpec

from .network import MLPObjective, NumpyOps

__all__ = ["MLPObjective", "NumpyOps", "mlp_objective", "train_mlp"]


def mlp_objective(spec: MLPSpec, lam: float = 0.0, backend: str = "auto", rows: int | None = None,
                  epochs: int | None = None) -> MLPObjective:
    """The network on a backend: numpy, fused (numba elementwise kernels), jax, or auto (``backends.choose``,
    by the work when ``rows`` and ``epochs`` are given)."""
    from .backends import network_class
    weights = sum(a * b for a, b in zip(spec.layers, spec.layers[1:])) if rows is not None and epochs else None
    return network_class(backend, rows, weights, epochs)(spec, lam)


def train_mlp(spec: MLPSpec, X, y, *, lam: float = 0.0, optimizer: str = "adam", learning_rate: float | None = None,
              epochs: int = 300, batch_size: int | None = None, seed: int = 0, gradient_tolerance: float = 1e-6,
              loss_tolerance: float = 0.0, dtype=np.float64, callbacks=(), backend: str = "auto"):
    """Train a matrix-form network; returns (MLPObjective, TrainResult)."""
    from .train import optimize
    if epochs < 1:
        raise SymgradError("epochs must be at least 1")
    from .backends import thread_limits
    model = mlp_objective(spec, lam, backend, rows=len(X), epochs=epochs)
    batch = model.batch(X, y, dtype)
    rows = min(batch_size or len(X), len(X))
    flops = 6 * rows * sum(a * b for a, b in zip(spec.layers, spec.layers[1:]))  # forward + two backward products
    with thread_limits(model.backend, flops):
        return model, optimize(model.value_and_grad, model.initial(seed, dtype), batch, model.parameters,
                               optimizer=optimizer, learning_rate=learning_rate, epochs=epochs, batch_size=batch_size,
                               seed=seed, gradient_tolerance=gradient_tolerance, loss_tolerance=loss_tolerance,
                               callbacks=callbacks)
