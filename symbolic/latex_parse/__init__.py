"""Students' LaTeX answers → sympy, safely: ``parse_latex_answer(r"2\\lambda w_3", context)``.

The pipeline, one pass per file: safety.precheck (length, nesting, TeX's special characters) →
lexer.tokenize (the allowlist in notation.py) → arrange (TeX's argument rules, ``|`` sides) →
grammar (lark LALR) → safety.check_tree → transformer (names through context.py, functions
through functions.py) → safety.check_result. Nothing is ever evaluated as code.

Readings worth knowing: ``\\sigma`` is always the activation (alone it is an error: it needs an
argument); a function without parentheses takes one factor (``\\sin 2x`` = sin(2)·x); bare braces
only group visually, as in TeX; ``e`` is Euler's number and ``n`` the positive integer count unless
the context names them; ``\\sum_i`` runs from 1 to n; ``\\max``/``\\min`` of symbols stay unevaluated.
"""
from __future__ import annotations

import re

import sympy
from lark import Tree
from lark.exceptions import UnexpectedInput, VisitError

from ..errors import ParseError, SymgradError, UnsafeInputError
from .arrange import arrange
from .context import LatexContext
from .detect import looks_like_latex
from .grammar import parser
from .lexer import tokenize
from .messages import explain
from .paste import clean_pasted
from .piecewise import Row, rewrite_over, split_piecewise
from .safety import MAX_LENGTH, check_result, check_tree, precheck
from .transformer import ToSympy


def parse_latex_answer(latex: str, context: LatexContext | None = None) -> sympy.Expr:
    """One LaTeX expression → sympy in the loss's names from ``context``; ParseError/UnsafeInputError if bad.

    >>> parse_latex_answer(r"\\frac{1}{2} e^{-z}")
    exp(-z)/2
    """
    context = LatexContext() if context is None else context
    if isinstance(latex, str) and len(latex) <= MAX_LENGTH:
        latex = rewrite_over(clean_pasted(latex))
        latex, blocks = split_piecewise(latex, lambda k: rf"\Xi_{{{800 + k}}}")
        if blocks:
            return _with_piecewise(latex, blocks, context)
    precheck(latex)
    if not latex.strip():
        raise ParseError("the answer is empty")
    latex = _scalar_notation(latex, context)
    tokens = arrange(tokenize(latex, frozenset(context.symbols)))
    try:
        tree = parser().parse(tokens)
    except UnexpectedInput as error:
        raise explain(error, tokens, latex) from None
    check_tree(tree)
    try:
        expr = ToSympy(context, _summation_indices(tree)).transform(tree)
    except VisitError as error:
        raise _unwrap(error.orig_exc) from None
    return check_result(expr)


def _with_piecewise(latex: str, blocks: list[tuple[Row, ...]], context: LatexContext) -> sympy.Expr:
    """The answer with each piecewise block as Σ value·1[condition] (``otherwise``: 1 − Σ of the others)."""
    values = {}
    for k, rows in enumerate(blocks):
        indicators = [parse_latex_answer(rf"\mathbb{{1}}\left[{row.condition}\right]", context)
                      for row in rows if row.condition is not None]
        total, conditioned = sympy.S.Zero, iter(indicators)
        for row in rows:
            value = parse_latex_answer(row.value, context)
            total += value * (next(conditioned) if row.condition is not None else 1 - sympy.Add(*indicators))
        values[f"Xi{800 + k}"] = total
    placeholders = {name: sympy.Dummy(name) for name in values}
    inner = LatexContext({**context.symbols, **placeholders}, context.sigma)
    expr = parse_latex_answer(latex, inner)
    return expr.xreplace({placeholders[name]: value for name, value in values.items()})


_TRANSPOSE = re.compile(r"\^\s*(?:\{\s*(?:T|\\top|\\intercal|\\mathsf\s*\{T\}|\\mathrm\s*\{T\})\s*\}"
                        r"|T|\\top(?![A-Za-z])|\\intercal(?![A-Za-z]))")
_BRACKET_INDEX = re.compile(r"(?<![\\A-Za-z])([A-Za-z])(?:_\{?(\d+)\}?)?\s*\[\s*([a-z]|\d+)\s*\]")


def _scalar_notation(latex: str, context: LatexContext) -> str:
    """Vector notation that means the same for the scalars of a loss: ``w^T x`` (no T in the loss) is w x, and
    ``x_1[i]``, ``x[i]`` of the loss's indexed data are ``x_1^{(i)}``, ``x^{(i)}``."""
    if "T" not in context.symbols:
        latex = _TRANSPOSE.sub(" ", latex)

    def index(match: re.Match) -> str:
        letter, number, at = match[1], match[2] or "", match[3]
        if isinstance(context.symbols.get(letter + number), sympy.IndexedBase):
            return f"{letter}_{{{number}}}^{{({at})}}" if number else f"{letter}^{{({at})}}"
        return match[0]
    return _BRACKET_INDEX.sub(index, latex)


def _summation_indices(tree: Tree) -> frozenset[str]:
    """The letters bound by some ``\\sum_{i…}`` in the answer (they read as integer indices everywhere)."""
    bounds = tree.find_pred(lambda t: t.data in ("lower_bound", "index_only"))
    return frozenset(str(token) for t in bounds for token in t.children if getattr(token, "type", "") == "LETTER")


def _unwrap(error: BaseException) -> BaseException:
    """Errors raised while building sympy objects, as the user-facing errors they are."""
    if isinstance(error, SymgradError):
        return error
    if isinstance(error, RecursionError):
        return UnsafeInputError("the expression is nested too deeply")
    if isinstance(error, (ValueError, TypeError, ArithmeticError)):
        return ParseError(f"cannot build the expression: {error}")
    return error


__all__ = ["LatexContext", "parse_latex_answer", "looks_like_latex"]
