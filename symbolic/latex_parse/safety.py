"""Limits on untrusted answers, checked cheaply before and after parsing so every rejection is fast."""
from __future__ import annotations

import math

import sympy
from lark import Tree

from ..errors import ParseError, UnsafeInputError

MAX_LENGTH = 4000
MAX_NESTING = 60
MAX_TREE_DEPTH = 250
MAX_DIGITS = 30
MAX_EXPONENT = 1000
MAX_RESULT_DIGITS = 1000

#: characters TeX gives special powers (math shift, comments, macro parameters)
FORBIDDEN_CHARACTERS = {"$": "math shift '$'", "%": "comment '%'", "#": "macro parameter '#'"}
OPENERS, CLOSERS = "{([", "})]"
ONE_EXPRESSION = "the answer must be one expression; write only the right-hand side (no '=', '&' or '\\\\')"


def precheck(latex: str) -> None:
    """Reject, in one linear scan, input that is too long, too deep or uses TeX's special characters."""
    if not isinstance(latex, str):
        raise TypeError(f"a LaTeX answer must be a str, not {type(latex).__name__}")
    if len(latex) > MAX_LENGTH:
        raise UnsafeInputError(f"the answer is {len(latex)} characters long; at most {MAX_LENGTH} are allowed")
    depth = 0
    for column, char in enumerate(latex, start=1):
        if char in OPENERS:
            depth += 1
            if depth > MAX_NESTING:
                raise UnsafeInputError(f"brackets nested deeper than {MAX_NESTING} levels at column {column}")
        elif char in CLOSERS:
            depth = max(depth - 1, 0)
        elif char in FORBIDDEN_CHARACTERS:
            raise UnsafeInputError(f"the {FORBIDDEN_CHARACTERS[char]} is not allowed (column {column})")
        elif char == "&" or latex.startswith("\\\\", column - 1):
            raise ParseError(f"{ONE_EXPRESSION}; found {char * (1 if char == '&' else 2)!r} at column {column}")


def check_number(digits: str, column: int) -> None:
    """A numeric literal has at most MAX_DIGITS digits."""
    if sum(c.isdigit() for c in digits) > MAX_DIGITS:
        raise UnsafeInputError(f"the number at column {column} has more than {MAX_DIGITS} digits")


def check_tree_depth(tree: Tree) -> None:
    """The parse tree is at most MAX_TREE_DEPTH deep (``\\sin\\sin\\sin…x``, ``----x``), checked without recursion."""
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            raise UnsafeInputError(f"the expression is nested more than {MAX_TREE_DEPTH} levels deep")
        stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tree))


def _log10(number: sympy.Rational) -> float:
    """log10 of the larger of numerator and denominator, from their bit lengths (no big arithmetic)."""
    p, q = abs(int(number.p)), int(number.q)
    return max(p.bit_length(), q.bit_length()) * math.log10(2)


def check_power(base: sympy.Expr, exponent: sympy.Expr, column: int) -> None:
    """Numeric exponents stay within ±MAX_EXPONENT and number**number within 10**MAX_RESULT_DIGITS."""
    if not exponent.is_number:
        return
    value = exponent if exponent.is_Number else exponent.evalf(15)
    if value.is_Number and abs(value) > MAX_EXPONENT:
        raise UnsafeInputError(f"the exponent at column {column} is larger than {MAX_EXPONENT} in size")
    if base == 0 and value.is_Number and value.is_negative:
        raise ParseError(f"division by zero: 0 to a negative power at column {column}")
    if base.is_Rational and value.is_Number and abs(float(value)) * _log10(base) > MAX_RESULT_DIGITS:
        raise UnsafeInputError(f"the power at column {column} is a number larger than 10^{MAX_RESULT_DIGITS}")


def check_divisor(divisor: sympy.Expr, column: int) -> None:
    """Dividing by something that is zero as written is an error, not zoo."""
    if divisor == 0:
        raise ParseError(f"division by zero at column {column}")


_NOT_FINITE_REAL = {sympy.zoo: "an infinite value", sympy.oo: "an infinite value", -sympy.oo: "an infinite value",
                    sympy.nan: "an undefined value (nan)", sympy.I: "an imaginary number"}


def check_result(expr: sympy.Expr) -> sympy.Expr:
    """The parsed answer is finite, real as written, and has no number beyond 10**MAX_RESULT_DIGITS."""
    if not isinstance(expr, sympy.Expr):
        raise ParseError("the answer is not an expression")
    for value, what in _NOT_FINITE_REAL.items():
        if expr.has(value):
            raise ParseError(f"the answer evaluates to {what} (e.g. division by zero, log 0 or a root of a negative number)")
    for atom in expr.atoms(sympy.Rational):
        if _log10(atom) > MAX_RESULT_DIGITS:
            raise UnsafeInputError(f"the answer contains a number larger than 10^{MAX_RESULT_DIGITS}")
    return expr
