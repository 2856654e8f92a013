"""Tell a LaTeX answer from symgrad's plain text notation (``2*w*x``), so callers can pick the parser."""
from __future__ import annotations

import re

#: any of these marks the text as LaTeX: a command, a brace, TeX's math shift, or ``x^{…}``/``x_{…}``
_LATEX_MARKS = re.compile(r"\\[A-Za-z,;:! {}|]|[{}$]")


def looks_like_latex(text: str) -> bool:
    """True for ``\\frac{1}{2}``, ``e^{-z}``, ``\\sigma(z)``; False for ``2*w*x`` or ``sigmoid(z)``."""
    return isinstance(text, str) and _LATEX_MARKS.search(text) is not None
