"""The gradient-descent step w ← w − α∇L(w) as Python source, generated from the derived gradients:
the function the homework renders with latexify is the function that runs.

Functions are called by their readable Python names from the function registry (``sigma``,
``relu``, ``exp``); ``update_function`` runs the source with each name bound to that function's
numpy code from the same registry.
"""
from __future__ import annotations

import ast
import math
from functools import lru_cache

import numpy as np
import sympy
from sympy.printing.pycode import PythonCodePrinter

from symbolic.functions import lookup

from .printers import lambdify_with
from .stable import LogSigmoid, LogSoftmax

#: names Python cannot use, as they appear in generated code
PY_NAMES = {"lambda": "lamda"}


class _Printer(PythonCodePrinter):
    """Plain Python with every known function called by its registry name (sigma, relu, …) — readable, latexify-able."""

    def _print(self, expr, **kwargs):
        if isinstance(expr, sympy.Function):
            info = lookup(expr)
            if info is not None and info.cls is not None:
                return f"{info.python}({', '.join(self._print(a) for a in expr.args)})"
        return super()._print(expr, **kwargs)

    def _print_Function(self, expr):
        return f"{type(expr).__name__}({', '.join(self._print(a) for a in expr.args)})"

    def _print_Symbol(self, expr):
        return PY_NAMES.get(expr.name, expr.name)


def update_source(derivations: dict, learning_rate: str = "alpha") -> str:
    """``def gradient_descent_step(params…, data…, alpha): grad_w = …; w = w − alpha·grad_w; return …``."""
    printer = _Printer()
    params = list(derivations)
    symbols = sorted({s for d in derivations.values() for s in d.objective.free_symbols}, key=lambda s: s.name)
    others = [printer._print(s) for s in symbols if s.name not in params]
    arguments = [PY_NAMES.get(p, p) for p in params] + others + [learning_rate]
    lines = [f"def gradient_descent_step({', '.join(arguments)}):"]
    defined = []
    for d in derivations.values():  # the inner names of the derivation first: z = omega*x + b
        for name, inner in d.definitions:
            if (name, inner) not in defined:
                defined.append((name, inner))
                lines.append(f"    {printer._print(name)} = {printer.doprint(inner.xreplace({i: n for n, i in defined[:-1]}))}")
    for name, d in derivations.items():
        lines.append(f"    grad_{PY_NAMES.get(name, name)} = {printer.doprint(d.compact)}")
    for name in params:
        p = PY_NAMES.get(name, name)
        lines.append(f"    {p} = {p} - {learning_rate} * grad_{p}")
    lines.append(f"    return {', '.join(PY_NAMES.get(p, p) for p in params)}")
    source = "\n".join(lines) + "\n"
    ast.parse(source)  # generated from parsed expressions and checked names: always valid Python
    return source


def numpy_function(info):
    """The function of a registry record as a numpy callable of any number of arguments.

    Integer arguments (softmax's index j) are fixed in the code; the others are arrays.
    """
    @lru_cache(maxsize=None)
    def compiled(fixed: tuple):
        symbols = [sympy.Symbol(f"a{k}", real=True) for k in range(len(fixed))]
        args = [s if v is None else sympy.Integer(v) for s, v in zip(symbols, fixed)]
        free = [s for s, v in zip(symbols, fixed) if v is None]
        return lambdify_with("numpy", free, info.cls(*args))

    def call(*values):
        fixed = tuple(v if isinstance(v, int) else None for v in values)
        return compiled(fixed)(*(v for v in values if not isinstance(v, int)))
    call.__name__ = info.python
    return call


@lru_cache(maxsize=1)
def numpy_namespace() -> dict:
    """Readable Python name → numpy callable, for every registry function that has numpy code."""
    from symbolic.functions import BY_CLASS, FUNCTIONS
    records = [*BY_CLASS.values(), *FUNCTIONS.values()]  # the named records win a shared name
    namespace = {info.python: numpy_function(info) for info in records if info.cls is not None and info.numpy}
    # sympy prints x**(1/2) as math.sqrt(x): the same on arrays
    return namespace | {"sqrt": np.sqrt, "math": math}


def update_function(source: str):
    """The step as a numpy function (our own generated source, never user text)."""
    namespace = dict(numpy_namespace())
    exec(compile(source, "<gradient_descent_step>", "exec"), namespace)  # noqa: S102 - generated code
    return namespace["gradient_descent_step"]


__all__ = ["update_source", "update_function", "numpy_namespace", "LogSigmoid", "LogSoftmax"]
