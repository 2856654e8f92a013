"""Backends by name, and the choice of the fastest one available (overridable everywhere)."""
from __future__ import annotations

from importlib.util import find_spec

from symbolic.errors import SymgradError


def _numpy(objective, parameters=None, constants=None):
    from .compile import compile_objective
    return compile_objective(objective, parameters, constants)


def _fused(objective, parameters=None, constants=None):
    from .fused.kernel import compile_fused
    return compile_fused(objective, parameters, constants)


def _jax(objective, parameters=None, constants=None):
    from .jax_backend import JaxObjective
    return JaxObjective(objective, parameters, constants)


#: name → (compile function, the package it needs)
BACKENDS = {"numpy": (_numpy, "numpy"), "fused": (_fused, "numba"), "jax": (_jax, "jax")}


def available() -> list[str]:
    """The backends whose package is installed."""
    return [name for name, (_, package) in BACKENDS.items() if find_spec(package) is not None]


def best() -> str:
    """The fastest available on a CPU: fused (numba), else numpy.  JAX is chosen explicitly (GPUs)."""
    return "fused" if "fused" in available() else "numpy"


def compile_with(backend: str, objective, parameters=None, constants=None):
    """Compile with a named backend ("auto" picks ``best()``)."""
    name = best() if backend == "auto" else backend
    if name not in BACKENDS:
        raise SymgradError(f"unknown backend {backend!r} (choose from auto, {', '.join(BACKENDS)})")
    if name not in available():
        raise SymgradError(f"the {name} backend needs the package {BACKENDS[name][1]!r}, which is not installed")
    return BACKENDS[name][0](objective, parameters, constants)
