"""Optimizers: full-batch gradient descent (the lecture's default), minibatch SGD, momentum, Adam,
and L-BFGS; all driven by a compiled loss-and-gradient function, all reporting through callbacks."""
from __future__ import annotations

from .diagnose import DIAGNOSES, diagnose
from .lbfgs import run_lbfgs
from .loop import run_epochs
from .records import EpochInfo, TrainResult
from .rules import UPDATES, Adam, GradientDescent, Momentum

OPTIMIZERS = tuple(UPDATES) + ("lbfgs",)

__all__ = ["OPTIMIZERS", "DIAGNOSES", "diagnose", "UPDATES", "run_epochs", "run_lbfgs", "EpochInfo", "TrainResult",
           "GradientDescent", "Momentum", "Adam"]
