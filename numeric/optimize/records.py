"""Immutable records of training: what each epoch reports to callbacks, and the final result."""
from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class EpochInfo:
    """What a callback sees after each epoch."""

    epoch: int
    loss: float
    gradient_norm: float
    parameters: np.ndarray


@dataclass(frozen=True)
class TrainResult:
    """Final parameters, the parameter and loss history, and why training stopped."""

    parameter_names: tuple[str, ...]
    parameters: np.ndarray
    loss_history: tuple[float, ...]
    parameter_history: np.ndarray
    stop_reason: str
    epochs: int
    optimizer: str
    #: what a user should know about the result beyond the stop reason (a saturated point, separable data)
    warnings: tuple[str, ...] = ()

    @property
    def final_loss(self) -> float:
        """The loss at the last recorded epoch."""
        return self.loss_history[-1] if self.loss_history else float("nan")

    def parameter_dict(self) -> dict[str, float]:
        """Parameter name → final value."""
        return {n: float(v) for n, v in zip(self.parameter_names, self.parameters)}

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{n}</td><td>{v:.6g}</td></tr>" for n, v in self.parameter_dict().items())
        notes = "".join(f"<p><b>warning:</b> {html.escape(w)}</p>" for w in self.warnings)
        return (f"<p>{self.optimizer}: {self.epochs} epochs, final loss {self.final_loss:.6g} "
                f"({html.escape(self.stop_reason)})</p>{notes}<table><tr><th>parameter</th><th>value</th></tr>{rows}</table>")
