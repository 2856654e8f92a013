"""Which tensor of a typed objective is which part of a dataset: X the features, y the labels, Y one-hot labels.

Labels follow the declared domain: ``y:n:pm1`` maps two classes to −1/+1, ``y:n:binary`` to 0/1, any
other y keeps the data's values; ``Y:n,k:onehot`` is the one-hot matrix of the class labels (k from
the data).  Every other tensor is a parameter (``--wrt``) or a number set by name (``--set lambda=0.01``);
anything else is one error naming it.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from symbolic.errors import SymgradError
from symbolic.tensor import tree as t
from symbolic.tensor.shapes import describe

from ..errors import DataError

#: the data names and what each holds
ROLES = {"X": "the feature matrix (n × d)", "y": "the labels (n)", "Y": "the labels one-hot (n × k)"}


def _roles_text() -> str:
    return ", ".join(f"{name}: {what}" for name, what in ROLES.items())


def check_names(inputs: Mapping[str, t.Var], wrt: Sequence[str], settings: Mapping[str, float]) -> None:
    """Every tensor of the objective is data, a parameter or set; a parameter is not data (SymgradError)."""
    for name in wrt:
        if name in ROLES:
            raise SymgradError(f"{name} is data ({ROLES[name]}); it cannot be trained: --wrt names the parameters")
    for name, var in inputs.items():
        if name in ROLES or name in wrt:
            continue
        if name in settings and var.is_scalar:
            continue
        what = "scalar" if var.is_scalar else describe(var.shape)
        fix = f"give it with --set {name}=…" if var.is_scalar else f"add it to --wrt to train it"
        raise SymgradError(f"the loss uses {name} ({what}), which is neither data ({_roles_text()}) nor a parameter "
                           f"(--wrt) nor set: {fix}")


def _two_classes(name: str, domain: str, labels: np.ndarray) -> np.ndarray:
    values = np.unique(labels)
    if values.size != 2:
        raise DataError(f"{name} is declared {domain} (two classes) but the data has {values.size} classes")
    low = labels == values[0]
    return np.where(low, -1.0 if domain == "pm1" else 0.0, 1.0)


def class_indices(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the sorted distinct labels, each label's index among them)."""
    values, index = np.unique(labels, return_inverse=True)
    return values, index


def data_arrays(inputs: Mapping[str, t.Var], X: np.ndarray, labels: np.ndarray | None,
                classes: Sequence[float] | None = None) -> dict[str, np.ndarray]:
    """The arrays of the data tensors the objective uses, from a feature matrix and the label column.

    ``classes`` fixes the class order and count for one-hot labels (the training part's, so a test part
    with a class missing still has k columns).
    """
    out: dict[str, np.ndarray] = {}
    for name, var in inputs.items():
        if name not in ROLES:
            continue
        if name == "X":
            if var.is_column or var.is_scalar:
                raise SymgradError(f"X is the feature matrix: declare it X:n,d, not {describe(var.shape)}")
            out["X"] = np.asarray(X, dtype=float)
            continue
        if labels is None:
            raise DataError(f"the loss uses {name} ({ROLES[name]}) but the data has no label column")
        labels = np.asarray(labels, dtype=float)
        if name == "y":
            if not var.is_column:
                raise SymgradError(f"y is the label vector: declare it y:n, not {describe(var.shape)}")
            out["y"] = _two_classes("y", var.domain, labels) if var.domain in ("pm1", "binary") else labels
        else:
            if var.is_column or var.is_scalar:
                raise SymgradError(f"Y is the one-hot label matrix: declare it Y:n,k:onehot, not {describe(var.shape)}")
            values = np.unique(labels) if classes is None else np.asarray(classes, dtype=float)
            index = np.searchsorted(values, labels)
            if np.any(index >= values.size) or np.any(values[np.minimum(index, values.size - 1)] != labels):
                raise DataError("the test part has a class the training part lacks")
            out["Y"] = np.eye(values.size)[index]
    return out
