"""Typed vector and matrix objectives, derived step by step with shapes (``symgrad derive --shapes``).

``parse_shapes`` reads the shapes, ``parse_objective`` the loss with numpy's meaning, ``derive``
runs the reverse-mode matrix calculus (one rule per operation in ``rules.RULES``) and brings the
gradients to textbook form.  Printing is in ``printing`` (unicode, text that parses back, LaTeX).
"""
from __future__ import annotations

from .parse import parse, parse_objective
from .shapes import DOMAINS, Shape, ShapeError, parse_shapes

__all__ = ["DOMAINS", "Shape", "ShapeError", "parse", "parse_objective", "parse_shapes"]
