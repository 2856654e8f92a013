"""``train``: the third step of the recipe — gradient descent on a compiled objective over real data."""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Callable, Mapping, Sequence

import numpy as np

from symbolic.errors import SymgradError

from .errors import DataError

from .backends import AUTO_FUSED_ROWS  # noqa: F401 - what ``auto`` means is decided in backends.choose
from .batch import Batch
from .compile import CompiledObjective
from .optimize import OPTIMIZERS, UPDATES, EpochInfo, TrainResult, diagnose, run_epochs, run_lbfgs

#: default learning rate per optimizer
DEFAULT_LEARNING_RATE = {"gd": 0.1, "sgd": 0.05, "momentum": 0.05, "adam": 0.01, "lbfgs": None}


def columns_of(data) -> Mapping[str, np.ndarray]:
    """Named columns from a Dataset, a Batch or a plain mapping."""
    if isinstance(data, Batch):
        return data.columns
    cols = getattr(data, "columns", data)
    if not isinstance(cols, Mapping):
        raise TypeError("data must be a mapping of column name to array, a Batch or a Dataset")
    return cols


def _label_kind(values: np.ndarray) -> str:
    """What distinct label values (sorted) look like, as a Task's ``labels``: binary, pm1, classes or real."""
    whole = bool(np.all(values == np.round(values)))
    if whole and set(values.tolist()) <= {0.0, 1.0}:
        return "binary"
    if whole and set(values.tolist()) <= {-1.0, 1.0}:
        return "pm1"
    # class labels are consecutive: 0..k−1 or 1..k, every one present; other whole numbers are measurements
    consecutive = whole and values.min() in (0.0, 1.0) and values.max() - values.min() == values.size - 1
    return "classes" if consecutive else "real"


def _fix_for(kind: str) -> str:
    """The first built-in model (else loss) in the registry whose label convention fits labels of this kind."""
    from symbolic.models import LOSSES, MODELS
    for name, record in MODELS.items():
        if record.labels == kind:
            return f"use --model {name}"
    return next((f"use --loss {name}" for name, record in LOSSES.items() if record.labels == kind),
                "relabel the data")


def _seen(kind: str, values: np.ndarray) -> str:
    shown = ", ".join(f"{v:g}" for v in values[:4]) + (", …" if values.size > 4 else "")
    if kind in ("classes", "binary", "pm1"):
        return f"{values.size} classes ({shown})"
    return f"{values.size} distinct real values ({shown})"


def label_convention(task: str, labels: np.ndarray, classes: int | None = None,
                     loss: str = "") -> tuple[np.ndarray, Callable[[np.ndarray], np.ndarray]]:
    """Labels as the task's loss expects them (classes 1..k, signs ±1) and the map back to the data's own.

    The labels are checked against the task's record (``symbolic.models.TASKS``): binary losses take 0/1,
    ``classes`` takes 0..k−1 or 1..k (``classes`` is k when known), signs take ±1 or 0/1, regression any
    finite number.  A mismatch is a DataError naming the model whose convention fits the labels.
    """
    from symbolic.models import TASKS
    labels = np.asarray(labels, dtype=float)
    record = TASKS.get(task)
    if record is None or not labels.size:
        return labels, lambda v: v
    if not np.all(np.isfinite(labels)):
        raise DataError("the label column y has values that are not finite numbers")
    values = np.unique(labels)
    kind = _label_kind(values)
    what = loss or task
    if record.labels == "real":
        return labels, lambda v: v
    fits = {"binary": kind == "binary", "pm1": kind in ("pm1", "binary"),
            "classes": kind in ("binary", "classes") and values.min() <= 1}[record.labels]
    if not fits:
        raise DataError(f"{what} expects {record.description}, but y has {_seen(kind, values)}: {_fix_for(kind)}")
    if record.labels == "classes":
        shifted = labels + 1 if values.min() == 0 else labels
        if classes is not None and shifted.max() > classes:
            raise DataError(f"the model has {classes} classes but y has {values.size} ({_seen(kind, values)}): "
                            f"use --classes {int(shifted.max())}")
        return (shifted, (lambda v: v - 1)) if values.min() == 0 else (labels, lambda v: v)
    if record.labels == "pm1" and kind == "binary":
        return 2 * labels - 1, lambda v: (v + 1) / 2
    return labels, lambda v: v


def _batches(batch: Batch, batch_size: int | None, seed: int):
    rng = np.random.default_rng(seed)

    def batches(epoch):
        if not batch_size or batch_size >= batch.n:
            yield batch
            return
        order = rng.permutation(batch.n)
        for start in range(0, batch.n, batch_size):
            yield batch.take(order[start:start + batch_size])
    return batches


def train(objective, data, *, parameters: Sequence[str] | None = None, constants: Mapping[str, float] | None = None,
          optimizer: str = "gd", learning_rate: float | None = None, epochs: int = 100,
          batch_size: int | None = None, seed: int = 0, gradient_tolerance: float = 1e-6,
          loss_tolerance: float = 0.0, init: np.ndarray | Mapping[str, float] | None = None,
          dtype=np.float64, callbacks: Sequence[Callable[[EpochInfo], None]] = (),
          compiled: CompiledObjective | None = None, backend: str = "auto") -> TrainResult:
    """Minimize the objective's mean loss over ``data``; raises DivergenceError if training diverges.

    >>> result = train(neuron_objective(), {"x": xs, "y": ys}, constants={"lambda": 0.01})
    >>> result = train("(y - w*x - b)^2", {"x": xs, "y": ys}, parameters=["w", "b"])  # parsed, never run
    """
    from .compile import as_objective
    objective = as_objective(objective, parameters)
    if optimizer not in OPTIMIZERS:
        raise SymgradError(f"unknown optimizer {optimizer!r} (choose from {', '.join(OPTIMIZERS)})")
    if epochs < 1:
        raise SymgradError("epochs must be at least 1")
    _check_settings(learning_rate=learning_rate, seed=seed, gradient_tolerance=gradient_tolerance,
                    loss_tolerance=loss_tolerance)  # before a compile, and before the seed draws the parameters
    cols = dict(columns_of(data))
    if compiled is None:
        from .backends import compile_with
        rows = len(next(iter(cols.values()))) if cols else 0
        compiled = compile_with(backend, objective, parameters, constants, rows=rows, epochs=epochs)
    task = getattr(objective, "task", "")
    if "y" in cols and task:
        k = len(getattr(objective, "outputs", ())) if task == "classes" else None
        cols["y"], _ = label_convention(task, cols["y"], classes=k or None, loss=getattr(objective, "loss", ""))
    batch = compiled.batch(cols, dtype)
    if batch.n == 0:
        raise SymgradError("the data has no rows")
    theta0 = _initial(compiled.parameters, init, seed, dtype)
    return optimize(compiled.value_and_grad, theta0, batch, compiled.parameters, optimizer=optimizer,
                    learning_rate=learning_rate, epochs=epochs, batch_size=batch_size, seed=seed,
                    gradient_tolerance=gradient_tolerance, loss_tolerance=loss_tolerance, callbacks=callbacks,
                    task=task)


def _check_settings(learning_rate, seed, gradient_tolerance, loss_tolerance) -> None:
    """SymgradError for a setting no optimizer can use (nan, infinite, negative, not a number)."""
    def number(value) -> bool:
        return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if learning_rate is not None and not (number(learning_rate) and 0 < learning_rate < math.inf):
        raise SymgradError(f"the learning rate must be a positive finite number, got {learning_rate!r}")
    for name, value in (("gradient tolerance", gradient_tolerance), ("loss tolerance", loss_tolerance)):
        if not (number(value) and 0 <= value < math.inf):
            raise SymgradError(f"the {name} must be a finite number ≥ 0, got {value!r}")
    if not (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0):
        raise SymgradError(f"the seed must be a whole number ≥ 0, got {seed!r}")


def optimize(value_and_grad, theta0, batch: Batch, names, *, optimizer: str = "gd", learning_rate=None,
             epochs: int = 100, batch_size: int | None = None, seed: int = 0, gradient_tolerance: float = 1e-6,
             loss_tolerance: float = 0.0, callbacks=(), task: str = "") -> TrainResult:
    """Run a named optimizer on any ``value_and_grad(theta, batch)`` (scalar objectives and networks alike).

    The result's ``warnings`` say what the stop reason does not (``optimize.diagnose``; ``task`` names the
    objective's task, e.g. "binary", so that separable data can be recognized).
    """
    result = _run_optimizer(value_and_grad, theta0, batch, names, optimizer=optimizer, learning_rate=learning_rate,
                            epochs=epochs, batch_size=batch_size, seed=seed, gradient_tolerance=gradient_tolerance,
                            loss_tolerance=loss_tolerance, callbacks=callbacks)
    def gradient_norm_at(theta):
        return float(np.linalg.norm(value_and_grad(np.asarray(theta, dtype=result.parameters.dtype), batch)[1]))
    return replace(result, warnings=diagnose(result, task, gradient_norm_at))


def _run_optimizer(value_and_grad, theta0, batch, names, *, optimizer, learning_rate, epochs, batch_size, seed,
                   gradient_tolerance, loss_tolerance, callbacks) -> TrainResult:
    if optimizer not in OPTIMIZERS:
        raise SymgradError(f"unknown optimizer {optimizer!r} (choose from {', '.join(OPTIMIZERS)})")
    if epochs < 1:
        raise SymgradError("epochs must be at least 1")
    if batch_size is not None and batch_size < 1:
        raise SymgradError("the batch size must be at least 1")
    _check_settings(learning_rate=learning_rate, seed=seed, gradient_tolerance=gradient_tolerance,
                    loss_tolerance=loss_tolerance)
    if optimizer == "lbfgs":
        return run_lbfgs(value_and_grad, theta0, batch, names, epochs=epochs,
                         gradient_tolerance=gradient_tolerance, loss_tolerance=loss_tolerance, callbacks=callbacks)
    rule_class, minibatch = UPDATES[optimizer]
    rate = learning_rate if learning_rate is not None else DEFAULT_LEARNING_RATE[optimizer]
    if not rate or rate <= 0:
        raise SymgradError("the learning rate must be positive")
    size = batch_size if batch_size else (32 if minibatch else None)
    return run_epochs(value_and_grad, theta0, rule_class(learning_rate=rate), _batches(batch, size, seed),
                      names, epochs=epochs, gradient_tolerance=gradient_tolerance, loss_tolerance=loss_tolerance,
                      callbacks=callbacks, optimizer=optimizer)


def _initial(names, init, seed, dtype) -> np.ndarray:
    if init is None:
        return np.random.default_rng(seed).normal(0.0, 0.1, size=len(names)).astype(dtype)
    if isinstance(init, Mapping):
        missing = [n for n in names if n not in init]
        if missing:
            raise SymgradError(f"no initial value for {missing[0]!r}")
        return np.array([init[n] for n in names], dtype=dtype)
    init = np.asarray(init, dtype=dtype)
    if init.shape != (len(names),):
        raise SymgradError(f"init needs {len(names)} values, got shape {init.shape}")
    return init
