"""symgrad's numeric side: symbolic forms compiled to numpy (it may import ``symbolic``, never the reverse)."""
from __future__ import annotations

from .compile import CompiledObjective, compile_objective
from .evaluate import central_difference, compile_expression
from .gradcheck import GradientCheck, check_gradients
from .optimize import OPTIMIZERS, TrainResult
from .train import train

__all__ = ["compile_objective", "CompiledObjective", "check_gradients", "GradientCheck", "train", "TrainResult",
           "OPTIMIZERS", "compile_expression", "central_difference"]
