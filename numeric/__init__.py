"""symgrad's numeric side: symbolic forms compiled to numpy (it may import ``symbolic``, never the reverse)."""
from __future__ import annotations

from .evaluate import central_difference, compile_expression

__all__ = ["compile_expression", "central_difference"]
