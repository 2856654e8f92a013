"""Backends by name, loaded lazily, and the one place that decides what ``auto`` means.

Each backend is a module named in ``BACKENDS``: its ``Kernels`` class for objectives (the
``protocol.Kernels`` interface) and its class for matrix-form networks.  Nothing here imports
numba or jax; a backend's module is imported when it is first used.
"""
from __future__ import annotations

import contextlib
import importlib
from dataclasses import dataclass
from importlib.util import find_spec

from symbolic.errors import SymgradError

#: from this many rows on, ``auto`` compiles objectives with fused kernels when the work is not known (``choose``)
AUTO_FUSED_ROWS = 100_000
#: measured on the 2-core dev machine (``choose``): a fused kernel's first compile, seconds, ≈ a + b·d
FUSED_COMPILE_SECONDS = (6.4, 0.0174)
#: and what it saves per row and epoch against numpy, seconds, ≈ a + b·d (neuron: 25 ns; d = 784: 268 ns)
FUSED_SAVING_PER_ROW = (25e-9, 0.31e-9)
#: a network's fused kernels: their first compile (seconds; then ~0.3 s from the disk cache), and what they save
#: per row and epoch against numpy, ≈ a + b·weights (digits' 64-32-10: 0.4 µs; 784-128-10: 1.15 µs)
FUSED_NETWORK_COMPILE_SECONDS = 8.0
FUSED_NETWORK_SAVING_PER_ROW = (0.4e-6, 7.5e-12)
#: a network whose matrix products take fewer flops per gradient call runs BLAS on one thread (``thread_limits``)
BLAS_ONE_THREAD_BELOW_FLOPS = 1e9


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


def choose(kind: str = "objective", rows: int | None = None, features: int | None = None,
           epochs: int | None = None) -> str:
    """The backend ``auto`` stands for: ``kind`` is "objective" or "network", ``rows`` the data size,
    ``features`` and ``epochs`` (when known) the rest of the work.

    The rule, from ``benchmarks/backends.py`` and first compiles timed on the 2-core x86-64 dev
    machine (float64): a fused kernel runs the neuron at n = 2,000,000 in 1.3 ms against numpy's 26 ms
    and logistic regression (d = 784, n = 60,000) in 12 ms against 28 ms, but its first compile took
    6.9 s at d = 30 and 20 s at d = 784 (then ~0.05 s from the disk cache).  So:

    - objectives with the work known: ``fused`` only when the time it saves, epochs × rows × (25 ns +
      0.31 ns·d), exceeds its first compile, 6.4 s + 17 ms·d (``FUSED_SAVING_PER_ROW``,
      ``FUSED_COMPILE_SECONDS``): never for the bundled datasets, yes for the neuron on 2,000,000 rows;
    - objectives with only ``rows``: ``fused`` from ``AUTO_FUSED_ROWS`` (100,000) rows, or the size not
      known (``rows=None``); ``numpy`` otherwise;
    - networks with the work known (``features`` is then the number of weights): ``fused`` only when
      epochs × rows × (0.4 µs + 7.5 ps·weights) exceeds its first compile, 8 s (digits' 64-32-10 MLP,
      300 epochs: saves 0.2 s, so numpy; 784-128-10 on 60,000 rows: saves 21 s, so fused);
    - networks otherwise: ``fused`` whenever numba is installed (784-128-10 at n = 60,000: 0.84× numpy),
      BLAS kept from fighting numba's threads by ``thread_limits``; else ``numpy``;
    - ``jax`` is never automatic: on a CPU fused is at or below JAX-jit; ask for it on a GPU.
    """
    if kind not in ("objective", "network"):
        raise ValueError(f"kind must be 'objective' or 'network', not {kind!r}")
    if "fused" not in available():
        return "numpy"
    if kind == "network" and rows is not None and features is not None and epochs is not None:
        saving = epochs * rows * (FUSED_NETWORK_SAVING_PER_ROW[0] + FUSED_NETWORK_SAVING_PER_ROW[1] * features)
        return "fused" if saving > FUSED_NETWORK_COMPILE_SECONDS else "numpy"
    if kind == "objective" and rows is not None and features is not None and epochs is not None:
        saving = epochs * rows * (FUSED_SAVING_PER_ROW[0] + FUSED_SAVING_PER_ROW[1] * features)
        compile_seconds = FUSED_COMPILE_SECONDS[0] + FUSED_COMPILE_SECONDS[1] * features
        return "fused" if saving > compile_seconds else "numpy"
    if kind == "objective" and rows is not None and rows < AUTO_FUSED_ROWS:
        return "numpy"
    return "fused"


def thread_limits(backend: str, flops_per_call: float):
    """A context in which a network's two thread pools do not fight.

    numba's OpenMP threads and OpenBLAS's each spin on every core after their work; on small products
    they steal the cores from each other, and a parallel region waits for its slowest thread (digits'
    64-32-10 MLP, 2 cores: 14–120 ms a step with both pools threaded, 0.8–0.9 ms with both on one
    thread, numpy 0.84–1.3 ms).  Below ``BLAS_ONE_THREAD_BELOW_FLOPS`` (measured: a 784-128-10 step at
    n = 5,000, 3·10⁹ flops, is 14% faster with BLAS threaded) the fused backend runs both on one thread,
    numpy its BLAS (digits' MLP on numpy: 2.97 s → 2.56 s for the whole command).
    """
    if backend not in ("fused", "numpy") or flops_per_call >= BLAS_ONE_THREAD_BELOW_FLOPS:
        return contextlib.nullcontext()
    return _one_thread_each(numba_too=backend == "fused")


@contextlib.contextmanager
def _one_thread_each(numba_too: bool):
    """BLAS on one thread, and numba too when its kernels run (restored afterwards)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn brings it
        threadpool_limits = None
    numba = None
    if numba_too:
        import numba
    before = numba.get_num_threads() if numba else None
    if numba:
        numba.set_num_threads(1)
    try:
        if threadpool_limits is None:
            yield
        else:
            with threadpool_limits(limits=1, user_api="blas"):
                yield
    finally:
        if numba:
            numba.set_num_threads(before)


def best() -> str:
    """The fastest backend available for large data (``choose()``)."""
    return choose()


def resolve(backend: str, kind: str = "objective", rows: int | None = None, features: int | None = None,
            epochs: int | None = None) -> Backend:
    """The Backend named (``auto`` through ``choose``), checking that its package is installed."""
    name = choose(kind, rows, features, epochs) if backend == "auto" else backend
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


def network_class(backend: str, rows: int | None = None, weights: int | None = None, epochs: int | None = None):
    """The matrix-form network class of a backend (its module imported now; ``auto`` by the work if given)."""
    return _load(resolve(backend, "network", rows, weights, epochs).network)


def compile_with(backend: str, objective, parameters=None, constants=None, rows: int | None = None,
                 epochs: int | None = None):
    """Compile an objective with a named backend (``auto``: ``choose("objective", rows, d, epochs)``, d its parameters)."""
    from .compile import compile_objective
    features = len(parameters) if parameters is not None and epochs is not None else None
    if features is None and epochs is not None:
        features = len(getattr(objective, "parameters", ()))
    name = resolve(backend, "objective", rows, features, epochs).name
    return compile_objective(objective, parameters, constants, backend=name)
