"""The functions an answer may apply, one table line each, and how a head like ``\\tanh^2`` or ``\\sigma'`` applies."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import sympy

from ..activations import Sigmoid, Softmax
from ..errors import ParseError
from ..functions import FUNCTIONS as REGISTRY
from ..generic import GenericSigma


@dataclass(frozen=True)
class FunctionSpec:
    """How to build one function: its LaTeX (for messages), the sympy callable, and its arity."""

    latex: str
    apply: Callable[..., sympy.Expr]
    arity: tuple[int, int] = (1, 1)  # smallest and largest number of arguments


#: function key (from notation.py: the registry's canonical name) → spec
FUNCTIONS: dict[str, FunctionSpec] = {
    info.name: FunctionSpec(info.latex, info.constructor, info.arity)
    for info in REGISTRY.values() if info.cls is not None
}


#: what ``\sigma`` means, by LatexContext.sigma (the generic σ is the one symbolic.generic derives with)
SIGMAS: dict[str, Callable[..., sympy.Expr]] = {
    "sigmoid": Sigmoid,
    "generic": GenericSigma,
}


@dataclass(frozen=True)
class Head:
    """A function name with its scripts: ``\\log_2``, ``\\sigma''``, ``\\tanh^2``, ``\\operatorname{softmax}_1``."""

    key: str
    column: int
    subscript: tuple[str, ...] = ()
    primes: int = 0
    power: sympy.Expr | None = None


def spec_for(key: str, sigma: str) -> FunctionSpec:
    """The spec of a function key; ``sigma`` follows the context."""
    if key == "sigma":
        return FunctionSpec(r"\sigma", SIGMAS[sigma])
    return FUNCTIONS[key]


def apply_head(head: Head, args: list[sympy.Expr], sigma: str) -> sympy.Expr:
    """Apply a function head to its arguments (derivative and power included)."""
    spec = spec_for(head.key, sigma)
    where = f"{spec.latex} at column {head.column}"
    if head.key == "softmax":
        return _softmax(head, args, where)
    if head.subscript and head.key != "log":
        raise ParseError(f"{where} takes no subscript")
    low, high = spec.arity
    if not low <= len(args) <= high:
        wanted = {1: "one argument", 2: "two arguments"}.get(low, f"{low} arguments") if low == high else \
            f"{low} to {high} arguments"
        raise ParseError(f"{where} takes {wanted}, not {len(args)}")
    if head.primes:
        if low != 1:
            raise ParseError(f"{where}: a prime (derivative) needs a function of one argument")
        value = derivative(spec.apply, args[0], head.primes)
    elif head.subscript:
        value = sympy.log(args[0], _integer(head.subscript, where))
    else:
        value = spec.apply(*args)
    return value if head.power is None else value ** head.power


def derivative(function: Callable[..., sympy.Expr], at: sympy.Expr, order: int) -> sympy.Expr:
    """f^(order)(at) as sympy.diff writes it: σ(1−σ), SigmaPrime(at) or Subs(Derivative(f(t), t), t, at)."""
    general = _general_derivative(function, order)
    if at._diff_wrt or not general.has(sympy.Derivative):
        return general.xreplace({_T: at})
    return sympy.Subs(general, _T, at)


_T = sympy.Dummy("t")


@lru_cache(maxsize=64)
def _general_derivative(function: Callable[..., sympy.Expr], order: int) -> sympy.Expr:
    """f^(order)(t) for the placeholder t (cached: sympy.diff is slow next to parsing)."""
    return sympy.diff(function(_T), _T, order)


def _softmax(head: Head, args: list[sympy.Expr], where: str) -> sympy.Expr:
    """``\\operatorname{softmax}_j(z_1, …, z_k)`` with a number j."""
    if head.primes or head.power is not None:
        raise ParseError(f"{where}: primes and powers on softmax are not supported")
    try:
        return Softmax(_integer(head.subscript, where), *args)
    except ValueError as error:
        raise ParseError(f"{where}: {error}") from None


def _integer(subscript: tuple[str, ...], where: str) -> sympy.Integer:
    """A subscript that must be a number (softmax output, log base)."""
    text = "".join(subscript)
    if not text.isdigit():
        raise ParseError(f"{where} needs a number as its subscript, e.g. _{{1}}, not {text or 'nothing'!r}")
    return sympy.Integer(text)
