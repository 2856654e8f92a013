"""symgrad's numeric side: symbolic forms compiled to numpy (it may import ``symbolic``, never the reverse).

The public names load on first use (PEP 562), so importing a light submodule such as
``numeric.errors`` does not pull in numpy's compiler, the optimizers and scipy.
"""
from __future__ import annotations

import importlib
import sys
import types

_PUBLIC = {
    "compile_objective": ".compile", "CompiledObjective": ".compile",
    "compile_expression": ".evaluate", "central_difference": ".evaluate",
    "check_gradients": ".gradcheck", "GradientCheck": ".gradcheck",
    "OPTIMIZERS": ".optimize", "TrainResult": ".optimize",
    "train": ".train",
}

__all__ = list(_PUBLIC)


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_PUBLIC[name], __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))


class _Package(types.ModuleType):
    """Keeps ``numeric.train`` the function: importing the submodule ``numeric.train`` sets the
    package attribute to the module, which an eager ``from .train import train`` used to undo."""

    def __setattr__(self, name: str, value) -> None:
        if isinstance(value, types.ModuleType) and _PUBLIC.get(name) == "." + name:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
