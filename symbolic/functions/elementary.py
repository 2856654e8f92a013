"""sympy's own functions, one table line each: names, LaTeX, magnitude, mpmath, numpy, jax and scalar code.

The symgrad functions (activations, the indicator, the generic σ) carry the same record in their
classes; this table is the one home for the functions sympy defines.
"""
from __future__ import annotations

import mpmath
import sympy

from . import values
from .info import FunctionInfo, first_argument, nested, pairwise, template
from .parse_builders import maximum, minimum, square_root


def _entry(name, cls, *, latex, mp, numpy, jax, scalar, text=None, commands=(), operators=(), unicode=None,
           python=None, arity=(1, 1), build=None, guard="", magnitude="", description="", kinks=None) -> FunctionInfo:
    def code(pattern):
        return template(pattern) if isinstance(pattern, str) else pattern
    return FunctionInfo(
        name=name, cls=cls, build=build, arity=arity, latex=latex, unicode=unicode or name, python=python or name,
        text_names=(name,) if text is None else text, latex_commands=commands, latex_operator_names=operators,
        mpmath=mp, numpy=code(numpy), jax=code(jax), scalar=code(scalar), guard=guard, magnitude=magnitude,
        description=description, kinks=kinks)


def _math(name, cls, mp, *, numpy_name=None, commands=None, text=None, guard="", magnitude="", scalar=None,
          domain=None):
    np_name = numpy_name or name
    mp_value = mp if domain is None else (lambda v, _mp=mp, _d=domain: _mp(values.within(v, *_d, name)))
    return _entry(name, cls, latex=f"\\{commands[0] if commands else name}", mp=mp_value,
                  numpy=f"numpy.{np_name}({{0}})", jax=f"jax.numpy.{np_name}({{0}})",
                  scalar=scalar or f"math.{name}({{0}})", text=text,
                  commands=tuple(commands) if commands else (name,), operators=(name,), guard=guard,
                  magnitude=magnitude)


def _sign_scalar(expr, args):
    a = args[0]
    return f"(1.0 if ({a}) > 0.0 else (-1.0 if ({a}) < 0.0 else 0.0))"


def _heaviside_scalar(expr, args):
    at_zero = args[1] if len(args) > 1 else "0.5"
    return f"(1.0 if ({args[0]}) > 0.0 else (0.0 if ({args[0]}) < 0.0 else {at_zero}))"


def _heaviside_code(module):
    def code(expr, args):
        at_zero = args[1] if len(args) > 1 else "0.5"
        return f"{module}.heaviside({args[0]}, {at_zero})"
    return code


ELEMENTARY: tuple[FunctionInfo, ...] = (
    _math("exp", sympy.exp, mpmath.exp, guard="check_growth", magnitude="growing", scalar="_exp({0}, pow2, t64)"),
    _math("log", sympy.log, values.log, commands=("log", "ln"), text=("log", "ln")),
    _math("sin", sympy.sin, mpmath.sin, guard="check_periodic", magnitude="bounded"),
    _math("cos", sympy.cos, mpmath.cos, guard="check_periodic", magnitude="bounded"),
    _math("tan", sympy.tan, mpmath.tan, guard="check_periodic"),
    _math("sinh", sympy.sinh, mpmath.sinh, guard="check_growth", magnitude="growing"),
    _math("cosh", sympy.cosh, mpmath.cosh, guard="check_growth", magnitude="growing"),
    # sympy's tanh (from rewrites); typed tanh is the activation
    _math("tanh", sympy.tanh, mpmath.tanh, text=(), commands=(), magnitude="bounded"),
    _math("asin", sympy.asin, mpmath.asin, numpy_name="arcsin", commands=("arcsin",), text=("asin", "arcsin"),
          domain=(-1, 1)),
    _math("acos", sympy.acos, mpmath.acos, numpy_name="arccos", commands=("arccos",), text=("acos", "arccos"),
          domain=(-1, 1)),
    _math("atan", sympy.atan, mpmath.atan, numpy_name="arctan", commands=("arctan",), text=("atan", "arctan")),
    _entry("erf", sympy.erf, latex=r"\operatorname{erf}", mp=mpmath.erf, numpy="scipy.special.erf({0})",
           jax="jax.scipy.special.erf({0})", scalar="math.erf({0})", operators=("erf",), magnitude="bounded"),
    _entry("sqrt", None, latex=r"\sqrt", mp=None, numpy=None, jax=None, scalar=None, build=square_root,
           guard="check_root", description="square root, built as the power z**(1/2)"),
    _entry("abs", sympy.Abs, latex=r"\operatorname{abs}", mp=abs, numpy="numpy.abs({0})", jax="jax.numpy.abs({0})",
           scalar="abs({0})", text=("abs", "Abs", "absolute", "fabs"), operators=("abs",), magnitude="not_larger",
           kinks=first_argument),
    _entry("sign", sympy.sign, latex=r"\operatorname{sign}", mp=mpmath.sign, numpy="numpy.sign({0})",
           jax="jax.numpy.sign({0})", scalar=_sign_scalar, commands=("sgn",), operators=("sign", "sgn"),
           magnitude="bounded", kinks=first_argument),
    _entry("max", sympy.Max, latex=r"\max", mp=max, numpy=nested("numpy.maximum({0}, {1})"),
           jax=nested("jax.numpy.maximum({0}, {1})"), scalar=lambda e, a: f"max({', '.join(a)})",
           text=("max", "Max", "maximum"), commands=("max",), operators=("max",), arity=(2, 256), build=maximum,
           magnitude="not_larger", kinks=pairwise),
    _entry("min", sympy.Min, latex=r"\min", mp=min, numpy=nested("numpy.minimum({0}, {1})"),
           jax=nested("jax.numpy.minimum({0}, {1})"), scalar=lambda e, a: f"min({', '.join(a)})",
           text=("min", "Min", "minimum"), commands=("min",), operators=("min",), arity=(2, 256), build=minimum,
           magnitude="not_larger", kinks=pairwise),
    # produced by differentiation, never typed
    _entry("Heaviside", sympy.Heaviside, latex=r"\theta", mp=values.heaviside, numpy=_heaviside_code("numpy"),
           jax=_heaviside_code("jax.numpy"), scalar=_heaviside_scalar, text=(), arity=(1, 2), magnitude="bounded",
           kinks=first_argument),
    _entry("KroneckerDelta", sympy.KroneckerDelta, latex=r"\delta", mp=lambda i, j: values.one_if(i == j),
           numpy="numpy.equal({0}, {1}).astype(float)", jax="jax.numpy.where(({0}) == ({1}), 1.0, 0.0)",
           scalar="(1.0 if ({0}) == ({1}) else 0.0)", text=(), arity=(2, 2), magnitude="bounded"),
    _entry("re", sympy.re, latex=r"\operatorname{Re}", mp=lambda v: v, numpy="numpy.real({0})",
           jax="jax.numpy.real({0})", scalar="({0})", text=(), magnitude="not_larger"),
    _entry("im", sympy.im, latex=r"\operatorname{Im}", mp=lambda v: mpmath.mpf(0), numpy="numpy.imag({0})",
           jax="jax.numpy.imag({0})", scalar="0.0", text=(), magnitude="not_larger"),
)
