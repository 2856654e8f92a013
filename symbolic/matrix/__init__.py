"""Networks in matrix form: the MLP spec, its backprop equations with shapes, and one executable
version of the same equations for any array backend (numpy for training, sympy for proofs)."""
from __future__ import annotations

from .backprop import SympyOps, forward_backward
from .derivation import Equation, MatrixDerivation, matrix_derivation
from .spec import MATRIX_LOSSES, MATRIX_REGULARIZERS, MLPSpec

__all__ = ["forward_backward", "SympyOps", "MLPSpec", "matrix_derivation", "MatrixDerivation", "Equation", "MATRIX_LOSSES", "MATRIX_REGULARIZERS"]
