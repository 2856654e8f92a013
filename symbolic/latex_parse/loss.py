"""A loss as the user writes it, in either notation: ``parse_loss("\\frac{1}{2}(y - \\sigma(wx+b))^2 + \\lambda w^2")``.

Typed text goes to the text parser; LaTeX (or pasted Unicode math, or text that only the LaTeX grammar
reads, such as ``2 lambda w``) goes through the answer grammar with no names given, so every letter is
a new variable and ``\\sigma`` is the sigmoid.  A left-hand side ``L(w, b) =`` is dropped.
"""
from __future__ import annotations

import re

import sympy

from ..errors import ParseError, UnknownFunctionError, UnsafeInputError
from ..functions import text_spellings
from ..names import CONSTANTS, GREEK
from ..parse import Formula, parse_formula
from .context import LatexContext
from .detect import looks_like_latex
from .paste import clean_pasted


def parse_loss(text: str) -> Formula:
    """The loss and the names written in it (ParseError / UnsafeInputError as the parsers say)."""
    from . import parse_latex_answer
    cleaned = clean_pasted(text)
    sides = _top_level_sides(cleaned)
    if not looks_like_latex(cleaned) and len(sides) == 1:
        try:
            return parse_formula(cleaned)
        except (UnsafeInputError, UnknownFunctionError):
            raise  # a refusal (lambda, conditionals) is final, and foo(w*x) is not f·o·o·(w·x)
        except ParseError as text_error:
            if _unknown_words(cleaned):
                raise  # "x if x else x" is not a product of letters
            try:
                return _formula(parse_latex_answer(cleaned, LatexContext()))
            except ParseError:
                raise text_error from None
    if len(sides) > 2:
        raise ParseError("the loss must be one expression (at most one '=', after a name such as L(w) =)")
    return _formula(parse_latex_answer(sides[-1], LatexContext()))


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _unknown_words(text: str) -> list[str]:
    """Words of two or more letters that name no function, Greek letter or constant: in a loss, where every
    letter is a new variable, reading them letter by letter would invent variables nobody wrote."""
    known = set(text_spellings()) | set(GREEK) | set(CONSTANTS) | {"e"}
    words = []
    for word in _WORD.findall(text):
        stem = word.rstrip("0123456789").split("_")[0]
        if len(stem) > 1 and stem not in known and stem.lower() not in known:
            words.append(word)
    return words


def _top_level_sides(text: str) -> list[str]:
    """``text`` split at each ``=`` outside brackets and braces (``\\sum_{i=1}`` stays whole)."""
    parts, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char in "{([":
            depth += 1
        elif char in "})]":
            depth = max(depth - 1, 0)
        elif char == "=" and depth == 0 and text[position - 1:position] not in "<>!=" \
                and text[position + 1:position + 2] != "=":
            parts.append(text[start:position])
            start = position + 1
    return parts + [text[start:]]


def _formula(expr: sympy.Expr) -> Formula:
    names = {s.name for s in expr.free_symbols if s.is_Symbol} | {str(b.label) for b in expr.atoms(sympy.IndexedBase)}
    return Formula(expr, frozenset(names))
