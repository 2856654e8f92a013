"""Regularizers on the weights only (never the biases): λ‖w‖² and λ|w|, in the ``REGULARIZERS`` table."""
from __future__ import annotations

import sympy


def none(lam, weights):
    """No regularization."""
    return sympy.S.Zero


def l2(lam, weights):
    """λ‖w‖² = λ Σ w_i²."""
    return lam * sympy.Add(*(w**2 for w in weights))


def l1(lam, weights):
    """λ|w| = λ Σ |w_i|."""
    return lam * sympy.Add(*(sympy.Abs(w) for w in weights))


REGULARIZERS = {"none": none, "l2": l2, "l1": l1}

#: λ when a built-in model is trained with --reg l2 (or l1) and no --set lambda=…: weak, so it only
#: keeps weights finite on separable data (the lecture's λ‖w‖² next to a mean loss of order 1)
DEFAULT_STRENGTH = 1e-4
