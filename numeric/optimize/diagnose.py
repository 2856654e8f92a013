"""What a stop reason does not say: a vanishing gradient at a saturated point, weights running away on separable data.

Each diagnosis is one small function of the finished ``TrainResult`` (and a probe of the gradient) returning
a sentence or None;
``DIAGNOSES`` lists them and ``diagnose`` runs them all.
"""
from __future__ import annotations

import numpy as np

from .records import TrainResult

#: a log-loss near 0 with a parameter this large (features standardized: logits of tens) means separated classes
LARGE_WEIGHT = 10.0
#: a log-loss this close to 0 on the training data means every example is classified with a huge margin
SEPARATED_LOSS = 1e-3
#: the probe's step, relative to the parameters' norm, and the curvature ‖∇L(θ + h)‖/‖h‖ below which the loss is flat
FLAT_PROBE = 0.01
FLAT_CURVATURE = 1e-6
#: tasks whose loss is a log-likelihood: it reaches 0 only as the weights go to infinity
LOG_LOSS_TASKS = ("binary", "classes")


def _largest(result: TrainResult) -> tuple[str, float]:
    """The name and value of the parameter largest in magnitude."""
    values = np.asarray(result.parameters, dtype=float)
    k = int(np.argmax(np.abs(values)))
    return result.parameter_names[k], float(values[k])


def saturated_stop(result: TrainResult, task: str = "", gradient_norm_at=None) -> str | None:
    """A stop on a vanishing gradient where the loss stays flat a long way around: a saturated point, not a minimum.

    At a minimum the gradient grows again a step away (the loss curves up); where a sigmoid or a softmax
    is saturated it stays ~0 however far one moves.  The probe steps 1% of the parameters' size (at least
    0.01) in a fixed random direction.
    """
    if gradient_norm_at is None or not result.stop_reason.startswith("gradient norm") or result.parameters.size == 0:
        return None
    theta = np.asarray(result.parameters, dtype=float)
    direction = np.random.default_rng(0).normal(size=theta.size)
    step = FLAT_PROBE * max(1.0, float(np.linalg.norm(theta))) * direction / np.linalg.norm(direction)
    curvature = gradient_norm_at(theta + step) / np.linalg.norm(step)
    if not curvature < FLAT_CURVATURE:
        return None
    name, value = _largest(result)
    return (f"the gradient vanished on a flat, saturated region, not at a minimum (|{name}| = {abs(value):.3g}; "
            f"the loss {result.final_loss:.4g} does not change around it); try a smaller learning rate")


def separable_data(result: TrainResult, task: str = "", gradient_norm_at=None) -> str | None:
    """A log-loss near 0 with very large weights: the training data are separable, so no finite minimum exists."""
    if task not in LOG_LOSS_TASKS or not result.loss_history or result.parameters.size == 0:
        return None
    name, value = _largest(result)
    if not (0 <= result.final_loss < SEPARATED_LOSS and abs(value) > LARGE_WEIGHT):
        return None
    return (f"the training data are linearly separable: the loss goes to 0 ({result.final_loss:.3g}) only as the "
            f"weights grow without bound (|{name}| = {abs(value):.4g}), so these values are arbitrary; add a "
            f"regularizer (--reg l2 --set lambda=0.01) or train fewer epochs")


#: every diagnosis, in the order its sentence is printed
DIAGNOSES = (saturated_stop, separable_data)


def diagnose(result: TrainResult, task: str = "", gradient_norm_at=None) -> tuple[str, ...]:
    """The warnings that apply to ``result``: ``task`` is the objective's task name ("" if unknown),
    ``gradient_norm_at(theta)`` the full-batch gradient norm (for the flatness probe; None skips it)."""
    return tuple(w for w in (d(result, task, gradient_norm_at) for d in DIAGNOSES) if w)
