"""How the parsers build the few functions whose plain sympy constructor would run away on short input.

- Max and Min compare every pair of arguments (again and again when nested): with symbolic
  arguments they are built unevaluated, with sorted arguments, as sympy's own printer reads them;
- a power of a power with a non-integer exponent, ``((x - log(y))**2)**(1/2)``, makes sympy take
  arguments and real parts recursively: when the inner base is not known to be real the outer
  power is built unevaluated (``sqrt`` is such a power).
"""
from __future__ import annotations

import sympy
from sympy.functions.elementary.miscellaneous import MinMaxBase


def build_power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    """``base**exponent``, unevaluated when sympy would take real parts of a not-known-real base."""
    if exponent.is_integer is not True and any(
            factor.is_Pow and factor.base.is_extended_real is not True for factor in sympy.Mul.make_args(base)):
        return sympy.Pow(base, exponent, evaluate=False)
    return sympy.Pow(base, exponent)


def _min_or_max(cls: type[MinMaxBase]):
    def build(*args: sympy.Expr) -> sympy.Expr:
        # pairwise comparisons of symbolic arguments cost seconds when nested: leave them to the reader
        return cls(*args, evaluate=all(a.is_Rational for a in args))
    build.__name__ = cls.__name__
    build.__doc__ = f"sympy.{cls.__name__}, evaluated only for rational arguments."
    return build


maximum = _min_or_max(sympy.Max)
minimum = _min_or_max(sympy.Min)


def square_root(z: sympy.Expr) -> sympy.Expr:
    """sqrt(z), built like the power z**(1/2)."""
    return build_power(z, sympy.S.Half)
