"""sympy's own functions, one table line each: names, LaTeX, magnitude, mpmath, numpy, jax and scalar code.

The symgrad functions (activations, the indicator, the generic σ) carry the same record in their
classes; this table is the one home for the functions sympy defines.
"""
from __future__ import annotations

import dataclasses

import mpmath
import sympy

from . import values
from .info import FunctionInfo, first_argument, nested, pairwise, template
from .parse_builders import maximum, minimum, square_root


def _entry(name, cls, *, latex, mp, numpy, jax, scalar, text=None, commands=(), operators=(), unicode=None,
           python=None, arity=(1, 1), build=None, guard="", magnitude="", description="", kinks=None,
           derivative=None) -> FunctionInfo:
    def code(pattern):
        return template(pattern) if isinstance(pattern, str) else pattern
    return FunctionInfo(
        name=name, cls=cls, build=build, arity=arity, latex=latex, unicode=unicode or name, python=python or name,
        text_names=(name,) if text is None else text, latex_commands=commands, latex_operator_names=operators,
        mpmath=mp, numpy=code(numpy), jax=code(jax), scalar=code(scalar), guard=guard, magnitude=magnitude,
        description=description, kinks=kinks, derivative=derivative)


def _math(name, cls, mp, *, numpy_name=None, commands=None, text=None, guard="", magnitude="", scalar=None,
          domain=None, derivative=None, numpy=None, jax=None, latex=None):
    np_name = numpy_name or name
    mp_value = mp if domain is None else (lambda v, _mp=mp, _d=domain: _mp(values.within(v, *_d, name)))
    return _entry(name, cls, latex=latex or f"\\{commands[0] if commands else name}", mp=mp_value,
                  numpy=numpy or f"numpy.{np_name}({{0}})", jax=jax or f"jax.numpy.{np_name}({{0}})",
                  scalar=scalar or f"math.{name}({{0}})", text=text,
                  commands=tuple(commands) if commands is not None else (name,), operators=(name,), guard=guard,
                  magnitude=magnitude, derivative=derivative)


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


_ENTRIES: tuple[FunctionInfo, ...] = (
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
    _math("sech", sympy.sech, mpmath.sech, numpy="1.0/numpy.cosh({0})", jax="1.0/jax.numpy.cosh({0})",
          scalar="1.0/math.cosh({0})", commands=(), guard="check_growth", magnitude="bounded"),
    _math("coth", sympy.coth, mpmath.coth, numpy="1.0/numpy.tanh({0})", jax="1.0/jax.numpy.tanh({0})",
          scalar="1.0/math.tanh({0})", commands=("coth",), guard="check_growth"),
    _math("sec", sympy.sec, mpmath.sec, numpy="1.0/numpy.cos({0})", jax="1.0/jax.numpy.cos({0})",
          scalar="1.0/math.cos({0})", commands=("sec",), guard="check_periodic"),
    _math("csc", sympy.csc, mpmath.csc, numpy="1.0/numpy.sin({0})", jax="1.0/jax.numpy.sin({0})",
          scalar="1.0/math.sin({0})", commands=("csc",), guard="check_periodic"),
    _math("cot", sympy.cot, mpmath.cot, numpy="1.0/numpy.tan({0})", jax="1.0/jax.numpy.tan({0})",
          scalar="1.0/math.tan({0})", commands=("cot",), guard="check_periodic"),
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

#: each function's derivative as a derivation step states it (outer part of the chain rule)
_DERIVATIVES = {
    "exp": (r"\frac{d}{du} e^{u} = e^{u}", "d/du eᵘ = eᵘ"),
    "log": (r"\frac{d}{du} \log u = \frac{1}{u}", "d/du log(u) = 1/u"),
    "sin": (r"\frac{d}{du} \sin u = \cos u", "d/du sin(u) = cos(u)"),
    "cos": (r"\frac{d}{du} \cos u = -\sin u", "d/du cos(u) = −sin(u)"),
    "tan": (r"\frac{d}{du} \tan u = 1 + \tan^{2} u", "d/du tan(u) = 1 + tan(u)²"),
    "sinh": (r"\frac{d}{du} \sinh u = \cosh u", "d/du sinh(u) = cosh(u)"),
    "cosh": (r"\frac{d}{du} \cosh u = \sinh u", "d/du cosh(u) = sinh(u)"),
    "sech": (r"\frac{d}{du} \operatorname{sech} u = -\operatorname{sech} u \tanh u", "d/du sech(u) = −sech(u)·tanh(u)"),
    "coth": (r"\frac{d}{du} \coth u = 1 - \coth^{2} u", "d/du coth(u) = 1 − coth(u)²"),
    "sec": (r"\frac{d}{du} \sec u = \sec u \tan u", "d/du sec(u) = sec(u)·tan(u)"),
    "csc": (r"\frac{d}{du} \csc u = -\csc u \cot u", "d/du csc(u) = −csc(u)·cot(u)"),
    "cot": (r"\frac{d}{du} \cot u = -1 - \cot^{2} u", "d/du cot(u) = −1 − cot(u)²"),
    "asin": (r"\frac{d}{du} \arcsin u = \frac{1}{\sqrt{1 - u^{2}}}", "d/du asin(u) = 1/√(1 − u²)"),
    "acos": (r"\frac{d}{du} \arccos u = -\frac{1}{\sqrt{1 - u^{2}}}", "d/du acos(u) = −1/√(1 − u²)"),
    "atan": (r"\frac{d}{du} \arctan u = \frac{1}{1 + u^{2}}", "d/du atan(u) = 1/(1 + u²)"),
    "erf": (r"\frac{d}{du} \operatorname{erf} u = \frac{2}{\sqrt{\pi}} e^{-u^{2}}", "d/du erf(u) = 2/√π·e^(−u²)"),
    "abs": (r"\frac{d}{du} \left|u\right| = \operatorname{sign}(u)", "d/du |u| = sign(u)"),
    "sign": (r"\frac{d}{du} \operatorname{sign}(u) = 0 \quad (u \ne 0)", "d/du sign(u) = 0 (u ≠ 0)"),
    "max": (r"\frac{\partial}{\partial u} \max(u, v) = \operatorname{step}(u - v)", "∂/∂u max(u, v) = step(u − v)"),
    "min": (r"\frac{\partial}{\partial u} \min(u, v) = \operatorname{step}(v - u)", "∂/∂u min(u, v) = step(v − u)"),
}

ELEMENTARY: tuple[FunctionInfo, ...] = tuple(
    dataclasses.replace(info, derivative=_DERIVATIVES[info.name]) if info.name in _DERIVATIVES else info
    for info in _ENTRIES)
