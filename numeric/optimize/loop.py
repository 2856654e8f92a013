"""The training loop: epochs over (mini)batches, stopping rules, divergence, callbacks.

Optimizers never print or plot: progress bars and plots attach through ``callbacks``.
"""
from __future__ import annotations

from typing import Callable, Iterable, Sequence

import numpy as np

from ..errors import DivergenceError
from .records import EpochInfo, TrainResult

#: a loss more than this many times the first epoch's (and above 1e6) counts as exploding
EXPLODING = 1e8


def _diverged(loss: float, gradient: np.ndarray, first: float | None) -> str | None:
    if not np.isfinite(loss) or not np.all(np.isfinite(gradient)):
        return "the loss or gradient is no longer finite"
    if first is not None and abs(loss) > 1e6 and abs(loss) > EXPLODING * max(abs(first), 1e-12):
        return f"the loss exploded to {loss:.3g}"
    return None


def run_epochs(value_and_grad, theta0: np.ndarray, rule, batches: Callable[[int], Iterable],
               names: Sequence[str], *, epochs: int, gradient_tolerance: float = 0.0,
               loss_tolerance: float = 0.0, callbacks: Sequence[Callable[[EpochInfo], None]] = (),
               optimizer: str = "gd") -> TrainResult:
    """Apply ``rule`` for up to ``epochs`` passes; ``batches(epoch)`` yields the epoch's batches."""
    theta, state = np.array(theta0, copy=True), rule.init(theta0)
    losses, history, first, reason = [], [theta.copy()], None, f"reached {epochs} epochs"
    for epoch in range(1, epochs + 1):
        epoch_losses, grad_sq = [], 0.0
        for batch in batches(epoch):
            loss, gradient = value_and_grad(theta, batch)
            why = _diverged(loss, gradient, first)
            if why:
                partial = TrainResult(tuple(names), history[-1], tuple(losses), np.array(history),
                                      f"diverged at epoch {epoch}", epoch - 1, optimizer)
                error = DivergenceError(
                    f"training diverged at epoch {epoch}: {why}; try a smaller learning rate "
                    f"(now {getattr(rule, 'learning_rate', '?')})", epoch=epoch, last_parameters=history[-1])
                error.result = partial  # the history up to the last finite parameters
                raise error
            epoch_losses.append(loss)
            grad_sq = float(gradient @ gradient)
            theta, state = rule.step(theta, gradient, state)
        loss = float(np.mean(epoch_losses))
        first = loss if first is None else first
        losses.append(loss)
        history.append(theta.copy())
        info = EpochInfo(epoch, loss, grad_sq ** 0.5, theta)
        for callback in callbacks:
            callback(info)
        if grad_sq ** 0.5 < gradient_tolerance:
            reason = f"gradient norm {grad_sq ** 0.5:.3g} below {gradient_tolerance:g}"
            break
        if loss_tolerance and len(losses) > 1 and abs(losses[-2] - losses[-1]) < loss_tolerance:
            reason = f"loss changed less than {loss_tolerance:g}"
            break
    return TrainResult(tuple(names), theta, tuple(losses), np.array(history), reason, len(losses), optimizer)
