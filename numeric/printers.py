"""sympy's code printers with every function printed from the function registry, for lambdify.

``lambdify_with("jax", args, exprs)`` is ``sympy.lambdify`` whose printer asks each function's
record (``symbolic.functions``) for its jax code; the modules the code names are imported by
lambdify itself.  Every numpy and jax evaluation in ``numeric`` goes through here, so sympy's
own functions (exp, erf, Max, Heaviside) print from the registry too: ``erf`` is scipy's, not
math's scalar one.
"""
from __future__ import annotations

from functools import lru_cache

import sympy

#: the lambdify settings sympy itself uses (unqualified names, imported by lambdify)
_SETTINGS = {"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True,
             "user_functions": {}}


@lru_cache(maxsize=None)
def _printer_class(backend: str) -> type:
    from sympy.printing.numpy import JaxPrinter, NumPyPrinter

    from symbolic.functions.printing import printer_class
    base = {"numpy": NumPyPrinter, "jax": JaxPrinter}[backend]
    return printer_class(base, backend)


def registry_printer(backend: str):
    """A fresh printer for lambdify: sympy's numpy or jax printer, functions from the registry."""
    return _printer_class(backend)(dict(_SETTINGS))


def lambdify_with(backend: str, args, exprs, cse: bool = False):
    """``sympy.lambdify`` for "numpy" or "jax", every function application printed from the registry."""
    return sympy.lambdify(args, exprs, modules=backend, printer=registry_printer(backend), cse=cse)
