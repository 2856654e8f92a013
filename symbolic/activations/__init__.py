"""The lecture's activations, one class each, and the one registry table that lists them.

Each class is a ``symbolic.functions.Function``: derivative, names, LaTeX, mpmath, numpy, jax and
fused scalar code side by side.  The function registry (``symbolic.functions``), hence both
parsers, every printer and every backend, and the parametrized tests loop over ``ACTIVATIONS``:
adding an activation is one class and one line here (tests/test_function_registry.py shows it).
"""
from __future__ import annotations

from .base import Activation
from .elu import ELU
from .gelu import GELU
from .leaky_relu import LeakyReLU
from .linear import Linear
from .relu import ReLU
from .sigmoid import Sigmoid
from .sign_step import SignStep
from .silu import SiLU
from .softmax import Softmax
from .softplus import Softplus
from .step import Step
from .tanh import Tanh

#: name → class, in the lecture's order
ACTIVATIONS: dict[str, type[Activation]] = {
    cls.name: cls for cls in (Linear, Sigmoid, Tanh, ReLU, Step, SignStep, Softmax,
                               Softplus, LeakyReLU, ELU, GELU, SiLU)
}

#: the elementwise activations (everything but softmax)
SCALAR_ACTIVATIONS: dict[str, type[Activation]] = {
    name: cls for name, cls in ACTIVATIONS.items() if cls.elementwise
}


def activation(name: str) -> type[Activation]:
    """The activation class registered under ``name`` (ValueError listing the known names)."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; known: {', '.join(ACTIVATIONS)}") from None


__all__ = ["ACTIVATIONS", "SCALAR_ACTIVATIONS", "Activation", "activation",
           "Linear", "Sigmoid", "Tanh", "ReLU", "Step", "SignStep", "Softmax",
           "Softplus", "LeakyReLU", "ELU", "GELU", "SiLU"]
