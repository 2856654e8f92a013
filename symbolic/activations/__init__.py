"""The lecture's activations, one class each, and the one registry table that lists them.

The parser's allowlist, the printers and the parametrized tests all loop over ``ACTIVATIONS``:
adding an activation is one class and one line here.
"""
from __future__ import annotations

from .base import Activation
from .linear import Linear
from .relu import ReLU
from .sigmoid import Sigmoid
from .sign_step import SignStep
from .softmax import Softmax
from .step import Step
from .tanh import Tanh

#: name → class, in the lecture's order
ACTIVATIONS: dict[str, type[Activation]] = {
    cls.name: cls for cls in (Linear, Sigmoid, Tanh, ReLU, Step, SignStep, Softmax)
}

#: the activations of one scalar argument (everything but softmax)
SCALAR_ACTIVATIONS: dict[str, type[Activation]] = {
    name: cls for name, cls in ACTIVATIONS.items() if cls.nargs == {1}
}


def activation(name: str) -> type[Activation]:
    """The activation class registered under ``name`` (ValueError listing the known names)."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; known: {', '.join(ACTIVATIONS)}") from None


__all__ = ["ACTIVATIONS", "SCALAR_ACTIVATIONS", "Activation", "activation",
           "Linear", "Sigmoid", "Tanh", "ReLU", "Step", "SignStep", "Softmax"]
