"""latexify-py on a syntax tree (never on a running function): a student's gradient function or
symgrad's own gradient-descent step as LaTeX."""
from __future__ import annotations

import ast
import re

from latexify import codegen

#: names Python cannot spell, written the way students do, and how they should print
_SPELLINGS = {"lamda": r"\lambda", "lam": r"\lambda", "lmbda": r"\lambda"}


def _greek(latex: str) -> str:
    for name, symbol in _SPELLINGS.items():
        latex = re.sub(rf"\\mathrm{{{name}}}", lambda _m: symbol, latex)
        latex = re.sub(rf"(?<![\\A-Za-z]){name}(?![A-Za-z_])", lambda _m: symbol, latex)
    return latex


def function_latex(tree: ast.Module) -> str:
    """``f(x, y) = …`` for a one-return function, via latexify's FunctionCodegen."""
    return _greek(codegen.FunctionCodegen(use_math_symbols=True, use_signature=True,
                                          use_set_symbols=False).visit(tree))


def algorithm_latex(tree: ast.Module) -> str:
    """An ``algorithmic`` environment (needs algpseudocode) for a multi-step function."""
    return _greek(codegen.AlgorithmicCodegen(use_math_symbols=True, use_set_symbols=False).visit(tree))
