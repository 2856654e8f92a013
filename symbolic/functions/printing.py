"""Printing through the registry: one mixin makes any sympy code printer ask each function's record.

``RegistryPrinting`` goes in front of a sympy printer class (``NumPyPrinter``, ``PythonCodePrinter``,
``JaxPrinter``); with ``backend = "numpy"`` (or ``"jax"``, ``"scalar"``) every function application
is printed by its FunctionInfo, the result parenthesized, and the modules the code names
(``numpy.``, ``scipy.special.``, ``jax.nn.``, ``math.``) are recorded as sympy's printers do for
lambdify.  A function without code for that backend raises ``UnsupportedFunction``.
"""
from __future__ import annotations

import re

from sympy.core.function import Application

from .registry import lookup

_MODULE_REFERENCE = re.compile(r"\b((?:numpy|scipy\.special|jax\.numpy|jax\.nn|jax\.scipy\.special|math)\.\w+)")


def record_modules(printer, code: str) -> str:
    """``code`` with each module reference (``scipy.special.erf``) as the printer writes it, recorded
    so that lambdify imports it (sympy's ``_module_format``: ``erf`` when lambdify prints unqualified)."""
    if not hasattr(printer, "_module_format"):
        return code
    return _MODULE_REFERENCE.sub(lambda m: printer._module_format(m.group(1)), code)


class RegistryPrinting:
    """Mixin for sympy code printers: function applications printed from the registry."""

    #: "numpy", "jax" or "scalar"
    backend = "numpy"

    def _print(self, expr, **kwargs):
        if isinstance(expr, Application):  # sympy.Function and Max/Min
            info = lookup(expr)
            if info is not None and info.cls is not None:
                code = info.code(self.backend, expr, [self._print(a) for a in expr.args])
                return "(" + record_modules(self, code) + ")"
        return super()._print(expr, **kwargs)


def printer_class(base: type, backend: str) -> type:
    """``base`` (a sympy printer class) with function applications printed from the registry."""
    return type(f"Registry{base.__name__}", (RegistryPrinting, base), {"backend": backend})
