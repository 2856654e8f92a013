"""L-BFGS through scipy.optimize, driven by the compiled loss-and-gradient function."""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from ..errors import DivergenceError
from .records import EpochInfo, TrainResult


def run_lbfgs(value_and_grad, theta0, batch, names: Sequence[str], *, epochs: int,
              gradient_tolerance: float = 1e-8, loss_tolerance: float = 0.0,
              callbacks: Sequence[Callable[[EpochInfo], None]] = ()) -> TrainResult:
    """Full-batch L-BFGS for at most ``epochs`` iterations; one callback call per iteration."""
    losses, history = [], [np.array(theta0, dtype=float)]
    last = {}

    def fun(theta):
        loss, grad = value_and_grad(theta, batch)
        last["grad"] = grad
        if not np.isfinite(loss) or not np.all(np.isfinite(grad)):
            raise DivergenceError(f"L-BFGS reached a point where the loss is not finite (iteration {len(losses) + 1})",
                                  epoch=len(losses) + 1, last_parameters=history[-1])
        return float(loss), np.asarray(grad, dtype=float)

    def on_iteration(intermediate_result):  # scipy passes the OptimizeResult under this exact name
        theta = np.asarray(intermediate_result.x, dtype=float)
        losses.append(float(intermediate_result.fun))
        history.append(theta.copy())
        for callback in callbacks:
            callback(EpochInfo(len(losses), losses[-1], float(np.linalg.norm(last["grad"])), theta))

    from scipy.optimize import minimize  # here: scipy.optimize takes ~0.3 s to import, and only lbfgs needs it
    result = minimize(fun, np.asarray(theta0, dtype=float), jac=True, method="L-BFGS-B", callback=on_iteration,
                      options={"maxiter": epochs, "gtol": gradient_tolerance or 1e-8,
                               "ftol": loss_tolerance or 2.2e-9})
    if not losses:
        losses.append(float(result.fun))
        history.append(np.asarray(result.x))
    return TrainResult(tuple(names), np.asarray(result.x), tuple(losses), np.array(history),
                       f"L-BFGS: {result.message}", len(losses), "lbfgs")
