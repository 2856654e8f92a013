"""The JSON contract later tools rely on: loss and gradients, each as text (parses back) and LaTeX."""
from __future__ import annotations

import sympy

from .latex import latex
from .text import text as unicode_text


def expression_json(expr: sympy.Expr) -> dict:
    """``{"text": …, "latex": …}``: text in the parser's notation (round-trips), LaTeX for documents."""
    return {"text": sympy.sstr(expr), "latex": latex(expr)}


def derivation_json(derivation) -> dict:
    """One gradient: exact text/LaTeX, the compact form with its definitions, and the steps."""
    return {
        **expression_json(derivation.gradient),
        "compact_latex": latex(derivation.compact),
        "definitions": [{"name": str(n), **expression_json(e)} for n, e in derivation.definitions],
        "note": derivation.note or None,
        "steps": [{"rule": s.rule, "latex": latex(s.expression), "unicode": unicode_text(s.expression)}
                  for s in derivation.steps],
    }


def derivations_json(loss: sympy.Expr, derivations: dict) -> dict:
    """``{"loss": {...}, "gradients": {param: {...}}}`` for ``symgrad derive --format json``."""
    return {"loss": expression_json(loss),
            "gradients": {name: derivation_json(d) for name, d in derivations.items()}}
