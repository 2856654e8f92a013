"""Figures for training and for the lecture's activations; each function returns a matplotlib Figure.

Nothing here shows a window: ``save(fig, "loss.png")`` writes PNG or SVG by the suffix.
"""
from __future__ import annotations

from .figures import FORMATS, activation_with_derivative, decision_boundary_2d, fit_1d, loss_curve, render, save

__all__ = ["loss_curve", "fit_1d", "decision_boundary_2d", "activation_with_derivative", "save", "render", "FORMATS"]
