"""Backends by name, loaded lazily, and the one place that decides what ``auto`` means.

Each backend is a module named in ``BACKENDS``: its ``Kernels`` class for objectives (the
``protocol.Kernels`` interface) and its class for matrix-form networks.  Nothing here imports
numba or jax; a backend's module is imported when it is first used.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib.util import find_spec

from symbolic.errors import SymgradError

#: from this many rows on, ``auto`` compiles objectives with fused kernels (see ``choose``)
AUTO_FUSED_ROWS = 100_000


@dataclass(frozen=True)
class Backend:
    """A backend: the package it needs and where its kernels live ("module:attribute")."""

    name: str
    package: str
    kernels: str
    network: str


#: name → Backend, in the order ``available`` lists them
BACKENDS: dict[str, Backend] = {
    "numpy": Backend("numpy", "numpy", "numeric.numpy_backend:NumpyKernels", "numeric.network:MLPObjective"),
    "fused": Backend("fused", "numba", "numeric.fused.kernel:FusedKernels", "numeric.fused.mlp:FusedMLP"),
    "jax": Backend("jax", "jax", "numeric.jax_backend:JaxKernels", "numeric.jax_backend:JaxMLP"),
}


def available() -> list[str]:
    """The backends whose package is installed."""
    return [name for name, b in BACKENDS.items() if find_spec(b.package) is not None]


def choose(kind: str = "objective", rows: int | None = None) -> str:
    """The backend ``auto`` stands for: ``kind`` is "objective" or "network", ``rows`` the data size.

    The rule, from ``benchmarks/backends.py`` (2-core x86-64, float64): a fused kernel runs the
    neuron at n = 2,000,000 in 1.3 ms against numpy's 26 ms and logistic regression (d = 784,
    n = 60,000) in 12 ms against 28 ms, but its first compile costs 0.3–1.5 s (then ~0.05 s from the
    disk cache).  So:

    - objectives: ``fused`` when numba is installed and there are at least ``AUTO_FUSED_ROWS``
      (100,000) rows, or the size is not known (``rows=None``); ``numpy`` otherwise, where a
      step costs about a millisecond and the compile would not pay for itself;
    - networks: ``fused`` whenever numba is installed (0.84× numpy for a 784-128-10 MLP at
      n = 60,000: it fuses the elementwise work between the BLAS products), else ``numpy``;
    - ``jax`` is never automatic: on a CPU fused is at or below JAX-jit; ask for it on a GPU.
    """
    if kind not in ("objective", "network"):
        raise ValueError(f"kind must be 'objective' or 'network', not {kind!r}")
    if "fused" not in available():
        return "numpy"
    if kind == "objective" and rows is not None and rows < AUTO_FUSED_ROWS:
        return "numpy"
    return "fused"


def best() -> str:
    """The fastest backend available for large data (``choose()``)."""
    return choose()


def resolve(backend: str, kind: str = "objective", rows: int | None = None) -> Backend:
    """The Backend named (``auto`` through ``choose``), checking that its package is installed."""
    name = choose(kind, rows) if backend == "auto" else backend
    if name not in BACKENDS:
        raise SymgradError(f"unknown backend {backend!r} (choose from auto, {', '.join(BACKENDS)})")
    if name not in available():
        raise SymgradError(f"the {name} backend needs the package {BACKENDS[name].package!r}, which is not installed")
    return BACKENDS[name]


def _load(reference: str):
    module, attribute = reference.split(":")
    return getattr(importlib.import_module(module), attribute)


def kernels_class(backend: str, rows: int | None = None):
    """The ``protocol.Kernels`` class of a backend (its module imported now)."""
    return _load(resolve(backend, "objective", rows).kernels)


def network_class(backend: str):
    """The matrix-form network class of a backend (its module imported now)."""
    return _load(resolve(backend, "network").network)


def compile_with(backend: str, objective, parameters=None, constants=None, rows: int | None = None):
    """Compile an objective with a named backend (``auto``: ``choose("objective", rows)``)."""
    from .compile import compile_objective
    return compile_objective(objective, parameters, constants, backend=resolve(backend, "objective", rows).name)
