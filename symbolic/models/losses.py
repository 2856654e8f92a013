"""The lecture's losses ℓ(y, ŷ), one function each, and the ``LOSSES`` registry table."""
from __future__ import annotations

import sympy

from ..errors import ModelError
from ..indicator import Indicator
from .records import LossRecord


def squared(y, outputs):
    """½(y − ŷ)², for a scalar prediction."""
    (yhat,) = _scalar(outputs, "squared")
    return sympy.Rational(1, 2) * (y - yhat) ** 2


def cross_entropy(y, outputs):
    """Σ_j 1[y = j]·(−log ŷ_j), for k class probabilities and a label y ∈ {1..k}."""
    if len(outputs) < 2:
        raise ModelError("cross_entropy needs a k-class model (softmax); use binary_cross_entropy for one output")
    return sympy.Add(*(Indicator(y, j) * -sympy.log(p) for j, p in enumerate(outputs, start=1)))


def binary_cross_entropy(y, outputs):
    """−[y log ŷ + (1 − y) log(1 − ŷ)], for a probability ŷ and a label y ∈ {0, 1}."""
    (yhat,) = _scalar(outputs, "binary_cross_entropy")
    return -(y * sympy.log(yhat) + (1 - y) * sympy.log(1 - yhat))


def hinge(y, outputs):
    """max(0, 1 − y·ŷ), for a score ŷ and a label y ∈ {−1, +1}."""
    (yhat,) = _scalar(outputs, "hinge")
    return sympy.Max(0, 1 - y * yhat)


def _scalar(outputs, loss):
    if len(outputs) != 1:
        raise ModelError(f"the {loss} loss needs a model with one output, not {len(outputs)} (use cross_entropy)")
    return outputs


#: name → LossRecord (builder and task); the CLI's --loss choices and the tests loop over it
LOSSES = {r.name: r for r in (
    LossRecord("squared", squared, "regression"),
    LossRecord("cross_entropy", cross_entropy, "classes"),
    LossRecord("binary_cross_entropy", binary_cross_entropy, "binary"),
    LossRecord("hinge", hinge, "signs"),
)}
