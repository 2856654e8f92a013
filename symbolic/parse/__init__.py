"""Typed formulas → sympy, safely: ``parse_expression("1/2*(y - sigmoid(omega*x + b))^2")``.

Pipeline: bound the length → tokenize (``^`` → ``**``, ``lambda`` renamed) → ``ast.parse`` →
bound depth and size → the allowlist visitor builds sympy → refuse infinities.  User text never
reaches eval, exec, sympify or parse_expr.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

import sympy

from ..errors import ParseError, UnsafeInputError
from .builder import Builder
from .deadline import BuildTimeout, deadline
from .functions import FUNCTIONS, GENERIC_SIGMA
from .limits import LIMITS, Limits
from .tokens import preprocess


def check_syntax_size(tree: ast.AST, limits: Limits) -> None:
    """Depth and size of the syntax tree, iteratively (no recursion to blow up)."""
    stack, count = [(tree, 1)], 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > limits.max_depth:
            raise UnsafeInputError(f"formula nested too deeply (more than {limits.max_depth} levels)")
        if count > limits.max_nodes:
            raise UnsafeInputError(f"formula too large (more than {limits.max_nodes} parts)")
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


@dataclass(frozen=True)
class Formula:
    """A parsed formula and the variable names as typed (``b`` in ``w*x - b + b``, though sympy cancels it)."""

    expression: sympy.Expr
    written: frozenset[str]


def parse_expression(text: str, limits: Limits = LIMITS) -> sympy.Expr:
    """One typed formula as a sympy expression (ParseError / UnsafeInputError on anything else)."""
    return parse_formula(text, limits).expression


def parse_formula(text: str, limits: Limits = LIMITS) -> Formula:
    """One typed formula with the names written in it (the same checks as ``parse_expression``)."""
    if not isinstance(text, str):
        raise TypeError("parse_expression takes a string")
    if len(text) > limits.max_length:
        raise UnsafeInputError(f"formula too long: {len(text)} characters (at most {limits.max_length})")
    if "\x00" in text:
        raise UnsafeInputError("formula contains a NUL character")
    if not text.strip():
        raise ParseError("the formula is empty")
    if not text.isascii():
        bad = next(c for c in text if not c.isascii())
        raise UnsafeInputError(f"character {bad!r} is not allowed (column {text.index(bad) + 1}); use ASCII names like omega")
    source = preprocess(text.strip())
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as err:
        raise ParseError(f"syntax error at column {err.offset or 0}: {err.msg}") from None
    except (RecursionError, MemoryError, ValueError):
        raise UnsafeInputError("formula nested too deeply or too large") from None
    check_syntax_size(tree, limits)
    builder = Builder(limits)
    builder.source = source
    try:
        with deadline(limits.max_build_seconds):
            expr = builder.visit(tree)
            undefined = expr.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan)
    except BuildTimeout:
        raise UnsafeInputError(f"formula too costly to build (more than {limits.max_build_seconds:g} s of "
                               "sympy work); simplify or split it") from None
    except RecursionError:
        raise UnsafeInputError("formula nested too deeply") from None
    except (ArithmeticError, ValueError) as err:  # e.g. OverflowError from sympy: still the user's input
        raise ParseError(f"cannot build this formula: {err}") from None
    if not isinstance(expr, sympy.Expr):
        raise ParseError("not an expression")
    if undefined:
        raise ParseError("division by zero (the formula is infinite or undefined)")
    return Formula(expr, frozenset(builder.written))


__all__ = ["parse_expression", "parse_formula", "Formula", "FUNCTIONS", "GENERIC_SIGMA", "LIMITS", "Limits"]
