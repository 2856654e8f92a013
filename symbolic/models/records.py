"""Registry records: what a task asks of the labels, what a loss is, what a built-in model is.

Each table (``TASKS`` here, ``LOSSES`` in losses.py, ``MODELS`` in builders.py) holds one small
frozen record per entry; the CLI's choices, ``build(spec)``, the numeric prediction code and the
parametrized tests all read the same records.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .objective import Model


@dataclass(frozen=True)
class Task:
    """A kind of learning problem: the labels its loss expects and how a prediction becomes a label.

    ``labels``: ``"real"`` (any number), ``"binary"`` (0 or 1), ``"classes"`` (1..k in the loss; data
    labelled 0..k−1 is shifted by one) or ``"pm1"`` (−1 or +1; data labelled 0/1 is mapped).
    ``prediction``: ``"value"`` (ŷ itself), ``"threshold"`` (class 1 when ŷ > ½), ``"argmax"`` (the most
    probable of the k classes) or ``"sign"`` (class +1 when the score ŷ ≥ 0).
    """

    name: str
    labels: str
    prediction: str
    description: str

    @property
    def classifier(self) -> bool:
        """Whether predictions are class labels (so accuracy means something)."""
        return self.prediction != "value"


#: task name → Task; ``Objective.task`` is one of these names ("" for a typed loss)
TASKS = {t.name: t for t in (
    Task("regression", "real", "value", "a real-valued target"),
    Task("binary", "binary", "threshold", "two classes labelled 0 and 1"),
    Task("classes", "classes", "argmax", "k classes labelled 1..k (0..k-1 in the data is shifted)"),
    Task("signs", "pm1", "sign", "two classes labelled -1 and +1 (0/1 in the data is mapped)"),
)}


@dataclass(frozen=True)
class LossRecord:
    """A loss ℓ(y, ŷ): its expression builder and the task (hence the labels) it defines."""

    name: str
    build: Callable
    task: str

    def __call__(self, y, outputs):
        """ℓ(y, ŷ) as a sympy expression (``outputs`` is the model's ŷ, or ŷ_1..ŷ_k)."""
        return self.build(y, outputs)

    @property
    def labels(self) -> str:
        """The label values the loss expects: real, binary, classes or pm1."""
        return TASKS[self.task].labels


@dataclass(frozen=True)
class ModelRecord:
    """A built-in model: its builder, the options the builder takes, and the loss it comes with."""

    name: str
    build: Callable[..., Model]
    default_loss: str
    options: tuple[str, ...]

    def __call__(self, **options) -> Model:
        """The Model with these options (``MODELS["softmax"](classes=3)``)."""
        return self.build(**options)

    @property
    def summary(self) -> str:
        """The builder's one-line description."""
        return (self.build.__doc__ or self.name).strip().splitlines()[0]

    @property
    def task(self) -> Task:
        """The task of the model with its default loss (logistic: binary, softmax: classes)."""
        from .losses import LOSSES
        return TASKS[LOSSES[self.default_loss].task]

    @property
    def labels(self) -> str:
        """The label convention of the default loss."""
        return self.task.labels

    @property
    def prediction(self) -> str:
        """How the model's output becomes a prediction (value, threshold, argmax, sign)."""
        return self.task.prediction
