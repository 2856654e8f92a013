"""symgrad's symbolic core: activations, models and losses as sympy expressions, step-by-step
derivatives, a safe parser for typed formulas, and LaTeX / text / JSON printers."""
from __future__ import annotations

from .derive import Derivation, Step, derive
from .errors import DerivationError, ModelError, ParseError, SymgradError, UnsafeInputError

__all__ = ["derive", "Derivation", "Step", "SymgradError", "ParseError", "UnsafeInputError",
           "ModelError", "DerivationError"]
