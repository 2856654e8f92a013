"""A student's numeric gradient, a Python function in a file, read as a sympy expression — without
running it: the file's syntax tree is checked against the text parser's allowlist and evaluated on
symbols.  ``np.exp``/``math.exp`` and friends map to the same function registry as typed formulas."""
from __future__ import annotations

import ast
from dataclasses import dataclass

import sympy

from ..errors import ParseError, UnsafeInputError
from ..names import CONSTANTS
from ..parse.builder import Builder, _where
from ..parse.functions import FUNCTIONS
from ..parse.limits import LIMITS

MAX_SOURCE = 20_000
#: modules whose functions a gradient file may call, and the names it may import them as
MODULES = {"numpy", "np", "math"}
#: parameter spellings for names that are Python keywords
KEYWORD_NAMES = {"lam": "lambda", "lamda": "lambda", "lmbda": "lambda", "lambda_": "lambda"}


@dataclass(frozen=True)
class FunctionAnswer:
    """The function's name, arguments, its syntax tree (for latexify) and the returned expression."""

    name: str
    arguments: tuple[str, ...]
    tree: ast.Module
    expression: sympy.Expr


class _FunctionBuilder(Builder):
    """The text parser's visitor, plus local variables and module-qualified calls (np.exp)."""

    def __init__(self, env: dict[str, sympy.Expr], modules: set[str]):
        super().__init__(LIMITS)
        self.env, self.modules = env, modules

    def visit_Name(self, node):
        if node.id in self.env:
            return self.env[node.id]
        if node.id in CONSTANTS:
            return CONSTANTS[node.id]
        raise ParseError(f"the function uses {node.id!r}, which is neither an argument nor assigned before {_where(node)}")

    def visit_Attribute(self, node):
        if isinstance(node.value, ast.Name) and node.value.id in self.modules and node.attr in ("pi", "e"):
            return sympy.pi if node.attr == "pi" else sympy.E
        raise UnsafeInputError(f"not allowed: attribute access {_where(node)}")

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in self.modules:
            name = func.attr  # numpy's spellings (maximum, expit, arctan) are in the function registry
            if name not in FUNCTIONS:
                raise ParseError(f"{func.value.id}.{func.attr} is not a function symgrad knows {_where(node)}")
            node = ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=node.args, keywords=node.keywords,
                            lineno=node.lineno, col_offset=node.col_offset)
        return super().visit_Call(node)


def _imports(module: ast.Module) -> tuple[set[str], set[str]]:
    modules, names = set(), set()
    for stmt in module.body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name not in ("numpy", "math"):
                    raise UnsafeInputError(f"not allowed: import {alias.name} (line {stmt.lineno}); only numpy and math")
                modules.add(alias.asname or alias.name)
        elif isinstance(stmt, ast.ImportFrom):
            if stmt.module not in ("numpy", "math", "scipy.special"):
                raise UnsafeInputError(f"not allowed: from {stmt.module} import (line {stmt.lineno})")
            for alias in stmt.names:
                if alias.asname:
                    raise UnsafeInputError(f"not allowed: renamed import (line {stmt.lineno})")
                names.add(alias.name)
        elif isinstance(stmt, ast.FunctionDef) or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
                                                   and isinstance(stmt.value.value, str)):
            continue
        else:
            raise UnsafeInputError(f"not allowed at the top of the file: {type(stmt).__name__} (line {stmt.lineno}); "
                                   "only imports of numpy/math and function definitions")
    return modules, names


def read_function(source: str, symbols: dict[str, sympy.Basic], name: str | None = None) -> FunctionAnswer:
    """The returned value of the function ``name`` (or the only/last one) as a sympy expression.

    Arguments map to the loss's symbols by name (``lam``/``lamda`` mean λ).
    """
    if len(source) > MAX_SOURCE:
        raise UnsafeInputError(f"the file is longer than {MAX_SOURCE} characters")
    try:
        module = ast.parse(source)
    except SyntaxError as err:
        raise ParseError(f"syntax error in the file at line {err.lineno}: {err.msg}") from None
    except (RecursionError, MemoryError, ValueError):
        raise UnsafeInputError("the file is nested too deeply") from None
    modules, imported = _imports(module)
    functions = [s for s in module.body if isinstance(s, ast.FunctionDef)]
    if name:
        functions = [f for f in functions if f.name == name]
    if not functions:
        raise ParseError(f"the file defines no function{f' named {name!r}' if name else ''}")
    fn = functions[-1]
    if fn.decorator_list or fn.args.vararg or fn.args.kwarg or fn.args.kwonlyargs or fn.args.defaults:
        raise UnsafeInputError(f"function {fn.name}: only plain positional arguments, no decorators or defaults")
    env = {}
    for arg in fn.args.args:
        target = KEYWORD_NAMES.get(arg.arg, arg.arg)
        if target not in symbols:
            raise ParseError(f"function {fn.name} takes {arg.arg!r}, which the loss does not have "
                             f"(its variables: {', '.join(sorted(symbols))})")
        env[arg.arg] = symbols[target]
    builder = _FunctionBuilder(env, modules | {"numpy", "np", "math"} & modules)
    builder.source = source
    for stmt in fn.body:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            continue
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            env[stmt.targets[0].id] = builder.visit(stmt.value)
        elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id in env:
            env[stmt.target.id] = builder.visit(ast.BinOp(left=ast.Name(id=stmt.target.id, ctx=ast.Load()),
                                                          op=stmt.op, right=stmt.value,
                                                          lineno=stmt.lineno, col_offset=stmt.col_offset))
        elif isinstance(stmt, ast.Return) and stmt.value is not None:
            result = builder.visit(stmt.value)
            return FunctionAnswer(fn.name, tuple(a.arg for a in fn.args.args), ast.Module(body=[fn], type_ignores=[]),
                                  result)
        else:
            raise UnsafeInputError(f"not allowed in function {fn.name}: {type(stmt).__name__} (line {stmt.lineno}); "
                                   "use assignments and one return")
    raise ParseError(f"function {fn.name} returns nothing")
