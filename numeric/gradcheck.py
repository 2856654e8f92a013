"""Check a compiled gradient yourself, like autograd's check_grads: analytic vs central differences."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class GradientCheck:
    """One parameter's analytic gradient, its central-difference estimate, and their relative error."""

    parameter: str
    analytic: float
    numeric: float
    relative_error: float

    @property
    def ok(self) -> bool:
        """Agreement to 1e-6 relative (or 1e-9 absolute near zero)."""
        return self.relative_error < 1e-6 or abs(self.analytic - self.numeric) < 1e-9


def check_gradients(compiled, theta, batch, step: float = 1e-6) -> tuple[GradientCheck, ...]:
    """Compare ``compiled``'s gradient at ``theta`` with central differences, per parameter, in float64."""
    theta = np.asarray(theta, dtype=np.float64)
    if getattr(batch, "dtype", np.float64) != np.float64:
        raise ValueError("check gradients on float64 data (float32 differences are too coarse)")
    _, grad = compiled.value_and_grad(theta, batch)
    out = []
    for k, name in enumerate(compiled.parameters):
        e = np.zeros_like(theta)
        e[k] = step
        numeric = (compiled.loss(theta + e, batch) - compiled.loss(theta - e, batch)) / (2 * step)
        scale = max(abs(grad[k]), abs(numeric), 1e-300)
        out.append(GradientCheck(name, float(grad[k]), float(numeric), abs(grad[k] - numeric) / scale))
    return tuple(out)
