"""How the passes name things: ∂v/∂u is the local derivative along one edge; ū is the adjoint of u.

The adjoint ū = ∂L/∂u is the total derivative of the output L through every path from u (the
backward pass sums it over u's children: ū = Σ_v v̄·∂v/∂u).  Writing it with a bar, as automatic
differentiation texts do, keeps it apart from a local partial such as ∂L/∂ω = 2λω on the edge ω → L.
"""
from __future__ import annotations

import unicodedata

import sympy

from ..render.latex import latex
from ..render.text import text

_MACRON = "\u0304"


def adjoint_text(symbol: sympy.Symbol) -> str:
    """ū for u, z̄₂ for z₂, ω̄ for ω (a combining bar over the name's first letter and its accents)."""
    name = text(symbol)
    stem = 1
    while stem < len(name) and 0x300 <= ord(name[stem]) <= 0x36F:  # keep ŷ's hat with its letter
        stem += 1
    return unicodedata.normalize("NFC", name[:stem] + _MACRON + name[stem:])  # ū as one character where one exists


def adjoint_latex(symbol: sympy.Symbol) -> str:
    """``\\bar{u}``."""
    return rf"\bar{{{latex(symbol)}}}"


def legend(output: sympy.Symbol) -> str:
    """One line saying what the bar means, in the output's own name."""
    out = text(output)
    return (f"notation: ū = ∂{out}/∂u is the total derivative of {out} through every path from u (the adjoint); "
            f"∂v/∂u: the local derivative along one edge")
