"""Identifiers: the strict pattern a name must match before it becomes a sympy symbol.

Names later reach generated code (lambdify, LaTeX), so only plain ASCII identifiers are allowed.
Greek letter names (``lambda``, ``omega``) stay ASCII in text and print as Greek letters in LaTeX,
which sympy's LaTeX printer does by itself.
"""
from __future__ import annotations

import builtins
import re

import sympy

from .errors import UnsafeInputError

#: a letter, then letters, digits or underscores; no leading/trailing underscore, at most 32 chars
IDENTIFIER = re.compile(r"[A-Za-z](?:[A-Za-z0-9_]{0,30}[A-Za-z0-9])?")

GREEK = frozenset(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
    "sigma tau upsilon phi chi psi omega".split()
)

#: names that are not symbols: constants of the notation
CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "E": sympy.E}


#: names that generated code (lambdify) or Python itself already uses: never symbols
RESERVED = frozenset(n for n in dir(builtins) if not n.startswith("_")) | frozenset(
    "numpy np math mpmath scipy sympy jax torch os sys builtins".split())


def check_identifier(name: str) -> str:
    """Return ``name`` if it is an allowed identifier, else raise UnsafeInputError."""
    if not isinstance(name, str) or not IDENTIFIER.fullmatch(name) or "__" in name:
        raise UnsafeInputError(f"name {name!r} is not allowed (letters, digits and single underscores, at most 32 characters)")
    if name in RESERVED:
        raise UnsafeInputError(f"name {name!r} is reserved (a Python or library name); choose another")
    return name


def symbol(name: str, **assumptions) -> sympy.Symbol:
    """A real sympy Symbol for a checked identifier (every quantity in the course is real)."""
    return sympy.Symbol(check_identifier(name), real=True, **assumptions)


def symbols(*names: str) -> tuple[sympy.Symbol, ...]:
    """Several real symbols at once."""
    return tuple(symbol(n) for n in names)


def indexed(name: str) -> sympy.IndexedBase:
    """A real IndexedBase for indexed data such as ``y[i]``."""
    return sympy.IndexedBase(check_identifier(name), real=True)


def index(name: str) -> sympy.Idx | sympy.Symbol:
    """An integer summation index such as ``i``."""
    return sympy.Symbol(check_identifier(name), integer=True)
