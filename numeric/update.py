"""The gradient-descent step w ← w − α∇L(w) as Python source, generated from the derived gradients:
the function the homework renders with latexify is the function that runs."""
from __future__ import annotations

import ast

import numpy as np
from sympy.printing.pycode import PythonCodePrinter

from .stable import LogSigmoid, LogSoftmax

#: names Python cannot use, as they appear in generated code
PY_NAMES = {"lambda": "lamda"}


class _Printer(PythonCodePrinter):
    """Plain Python with the activations called by name (sigma, relu, …) — readable, and latexify-able."""

    def _print_Function(self, expr):
        name = getattr(expr, "name", None) or type(expr).__name__
        name = {"sigmoid": "sigma", "Abs": "abs", "Max": "max", "Min": "min"}.get(name, name)
        return f"{name}({', '.join(self._print(a) for a in expr.args)})"

    _print_Activation = _print_Function
    _print_exp = _print_log = _print_Function

    def _print_Symbol(self, expr):
        return PY_NAMES.get(expr.name, expr.name)

    def _print_Max(self, expr):
        return f"max({', '.join(self._print(a) for a in expr.args)})"

    _print_Min = _print_Max


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


def update_function(source: str):
    """The step as a numpy function (our own generated source, never user text)."""
    namespace = {"sigma": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh, "exp": np.exp, "log": np.log,
                 "relu": lambda z: np.maximum(z, 0), "step": lambda z: np.heaviside(z, 0.0), "sqrt": np.sqrt,
                 "abs": np.abs, "max": np.maximum, "min": np.minimum, "sign": np.sign,
                 "sign_step": lambda z: 2 * np.heaviside(z, 1.0) - 1, "math": __import__("math")}
    exec(compile(source, "<gradient_descent_step>", "exec"), namespace)  # noqa: S102 - generated code
    return namespace["gradient_descent_step"]


__all__ = ["update_source", "update_function", "LogSigmoid", "LogSoftmax"]
