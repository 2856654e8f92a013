"""Limits on untrusted answers, checked cheaply before and after parsing so every rejection is fast."""
from __future__ import annotations

import math

import sympy
from lark import Tree

from ..errors import ParseError, UnsafeInputError

MAX_LENGTH = 4000
MAX_NESTING = 60
MAX_TREE_DEPTH = 150
MAX_DERIVATIVE_ORDER = 3
MAX_DERIVATIVE_NESTING = 3
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


def check_tree(tree: Tree) -> None:
    """Bound the parse tree without recursion: its depth, nested functions and nested derivatives.

    Depth keeps sympy clear of Python's recursion limit (``\\sin\\sin\\sin…x``, ``----x``); a derivative
    such as σ' = σ(1 − σ) repeats its argument, so σ'(σ'(σ'(…))) would grow exponentially.
    """
    stack = [(tree, 1, 0, 0)]
    while stack:
        node, depth, calls, derivatives = stack.pop()
        if depth > MAX_TREE_DEPTH:
            raise UnsafeInputError(f"the expression is nested more than {MAX_TREE_DEPTH} levels deep")
        if node.data in ("call", "nopar_call"):
            calls += 1
            order = _derivative_order(node.children[0])
            derivatives += order > 0
            if calls > MAX_NESTING:
                raise UnsafeInputError(f"functions are nested more than {MAX_NESTING} levels deep")
            if order > MAX_DERIVATIVE_ORDER or derivatives > MAX_DERIVATIVE_NESTING:
                raise UnsafeInputError(f"derivatives of order above {MAX_DERIVATIVE_ORDER} or nested more than "
                                       f"{MAX_DERIVATIVE_NESTING} deep (\\sigma'(\\sigma'(...))) are not supported")
        stack.extend((child, depth + 1, calls, derivatives) for child in node.children if isinstance(child, Tree))


def _derivative_order(head: Tree) -> int:
    """How many primes a function head carries."""
    return sum(getattr(token, "type", "") == "PRIME" for child in head.children
               if isinstance(child, Tree) and child.data == "primes" for token in child.children)


def _log10(number: sympy.Rational) -> float:
    """log10 of the larger of numerator and denominator (math.log10 takes big ints without converting)."""
    return math.log10(max(abs(int(number.p)), int(number.q), 1))


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


def check_product(factors: list[sympy.Expr]) -> None:
    """A product of numbers stays below 10**MAX_RESULT_DIGITS (checked before multiplying big integers)."""
    if sum(_log10(f) for f in factors if f.is_Rational) > MAX_RESULT_DIGITS:
        raise UnsafeInputError(f"the product is a number larger than 10^{MAX_RESULT_DIGITS}")


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
            raise ParseError(f"the answer evaluates to {what} "
                             "(e.g. division by zero, log 0 or a root of a negative number)")
    for atom in expr.atoms(sympy.Rational):
        if _log10(atom) > MAX_RESULT_DIGITS:
            raise UnsafeInputError(f"the answer contains a number larger than 10^{MAX_RESULT_DIGITS}")
    for power in expr.atoms(sympy.Pow):
        if power.exp.is_Number and abs(power.exp) > MAX_EXPONENT:
            raise UnsafeInputError(f"the answer has an exponent larger than {MAX_EXPONENT} in size ({power.exp})")
    return expr
