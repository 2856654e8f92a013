"""What a trained typed objective predicts: the logits it feeds to softmax, the score it multiplies with ±1 labels.

``score_node`` finds that node in the objective (it depends on X and the parameters, not on the
labels); ``predicted_labels`` turns its values into labels the way the objective reads them
(argmax of the logits, the sign of a margin, σ(z) > 1/2 for 0/1 labels).
"""
from __future__ import annotations

import numpy as np

from symbolic.tensor import tree as t
from symbolic.tensor.engine import depending

#: functions whose argument is the score of a 0/1 or ±1 label
_LINKS = ("sigmoid", "softplus", "tanh")


def _labels_factor(n: t.Node) -> bool:
    """n is y, −y or cy: the label vector times a constant."""
    while isinstance(n, t.Scale) and not depending(n.scalar, {"y"}):
        n = n.arg
    return isinstance(n, t.Var) and n.name == "y"


def score_node(objective: t.Node, label: str, domain: str | None) -> t.Node | None:
    """The node whose values predict the labels (``label`` "Y" one-hot, "y" with ±1 or 0/1 labels), or None."""
    nodes = t.walk(objective)
    on_labels = depending(objective, {label})
    uses_x = depending(objective, {"X"})
    fits = lambda n: n in uses_x and n not in on_labels  # noqa: E731
    if label == "Y":
        for n in reversed(nodes):
            if isinstance(n, (t.Softmax, t.LogSumExp)) and not n.arg.is_column and fits(n.arg):
                return n.arg
        return None
    if domain not in ("pm1", "binary"):
        return None
    margins = [n.right if _labels_factor(n.left) else n.left for n in reversed(nodes)
               if isinstance(n, t.Hadamard) and (_labels_factor(n.left) or _labels_factor(n.right))]
    links = [n.arg for n in reversed(nodes) if isinstance(n, t.Elementwise) and n.function in _LINKS and not n.order]
    order = margins + links if domain == "pm1" else links + margins
    return next((n for n in order if n.is_column and fits(n)), None)


def predicted_labels(scores: np.ndarray, label: str, domain: str | None) -> np.ndarray:
    """Labels as the data tensors hold them: class indices for Y, ±1 or 0/1 for y."""
    scores = np.asarray(scores, dtype=float)
    if label == "Y":
        return np.argmax(scores, axis=1)
    positive = scores.reshape(-1) > 0
    return np.where(positive, 1.0, -1.0 if domain == "pm1" else 0.0)
