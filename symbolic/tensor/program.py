"""A whole numpy gradient function read into a typed tree by symbolic interpretation (cs231n style)::

    def softmax_loss_vectorized(W, X, y, reg):
        scores = X.dot(W)
        probs = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
        dscores = probs
        dscores[np.arange(X.shape[0]), y] -= 1
        dW = X.T.dot(dscores) / X.shape[0] + reg * W
        return loss, dW

Each statement binds names to typed trees (``numpy_expr``); nothing is imported or run.  Parameters
bind to the declared shapes (others are scalars such as ``reg``), ``import numpy as np`` and docstrings
are skipped, helper functions defined above are inlined, and numpy's in-place semantics are kept
(``dscores = probs`` then ``dscores[…] -= 1`` changes both).  Loops, lambdas, comprehensions, attribute
writes and calls outside the allowlist are one error naming the construct and its line.  A statement
that cannot be read (often the loss's own lines) only fails the reading if the gradient needs it.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, replace

from ..errors import ParseError, UnsafeInputError
from ..parse.limits import LIMITS, Limits
from . import numpy_array as na
from . import tree as t
from .numpy_array import Array
from .numpy_expr import NONE, Dims, Many, Namespace, NumpyReader, Text, kind_of, scalar_parameter
from .parse import read_syntax
from .shapes import Shape, ShapeError

MAX_STATEMENTS = 200
MAX_RUN = 2000            # statements run, helpers inlined included
MAX_TREE = 5000           # nodes of a value's tree written out (shared subtrees counted each time)
MAX_TREE_DEPTH = 150
#: a file may be longer than one expression; the per-expression checks still apply to the whole tree
FILE_LIMITS = replace(LIMITS, max_length=20000, max_nodes=20000)

#: syntax a program may contain at all (expressions are further limited by ``NumpyReader``)
ALLOWED = {
    "Module", "FunctionDef", "arguments", "arg", "Expr", "Assign", "AugAssign", "Return", "Pass", "If",
    "Import", "ImportFrom", "alias", "Name", "Load", "Store", "Constant", "Tuple", "List", "Dict", "Attribute",
    "Subscript", "Slice", "Index", "Call", "keyword", "BinOp", "UnaryOp", "Compare", "Add", "Sub", "Mult", "Div",
    "Pow", "MatMult", "BitAnd", "BitXor", "USub", "UAdd", "Invert", "Gt", "Lt", "GtE", "LtE", "Is", "IsNot",
    "Eq", "NotEq", "FloorDiv", "Mod", "BitOr", "Not", "ExtSlice",
}
#: how a refused construct is named in the error
NAMED = {
    "For": "a for loop", "While": "a while loop", "Lambda": "a lambda", "ListComp": "a list comprehension",
    "SetComp": "a set comprehension", "DictComp": "a dict comprehension", "GeneratorExp": "a generator expression",
    "With": "a with block", "Try": "a try block", "ClassDef": "a class", "Global": "global", "Nonlocal": "nonlocal",
    "Delete": "del", "Raise": "raise", "Assert": "assert", "AsyncFunctionDef": "an async function",
    "Yield": "yield", "YieldFrom": "yield", "Await": "await", "Starred": "a starred expression",
    "JoinedStr": "an f-string", "NamedExpr": ":=", "IfExp": "a conditional expression (a if c else b)",
    "BoolOp": "and/or", "AnnAssign": "an annotated assignment", "Set": "a set",
}
MODULES_OK = ("numpy", "scipy.special", "math")
#: ``from random import shuffle`` and friends at the top of course files: skipped
IGNORED_MODULES = ("random", "builtins", "past.builtins", "__future__", "typing")


@dataclass(frozen=True)
class Program:
    """What a gradient function was read as: the returned gradient, where it came from, the names bound."""

    gradient: t.Node
    value: Array
    function: str | None
    returned: str
    bound: tuple
    notes: tuple

    @property
    def shape(self) -> str:
        """numpy's shape of the gradient, e.g. ``(d, k)``."""
        return self.value.describe()


@dataclass(frozen=True)
class Deferred:
    """A name whose statement could not be read: reading the name raises that error."""

    error: Exception


class _Buffer:
    """One array's storage, shared by the names that alias it (numpy's ``a = b``)."""

    def __init__(self, value, view_of=None):
        self.value = value
        self.view_of = view_of


def _line(node) -> str:
    return f"(line {getattr(node, 'lineno', '?')})"


def _refuse(node, what: str, why: str = ""):
    raise UnsafeInputError(f"not allowed: {what} {_line(node)}" + (f": {why}" if why else ""))


def check_allowed(module: ast.Module) -> None:
    """Every construct of the file is on the allowlist (one error naming the first that is not)."""
    statements = 0
    statement_calls = {id(s.value) for s in ast.walk(module) if isinstance(s, ast.Expr)}
    for node in ast.walk(module):
        kind = type(node).__name__
        if isinstance(node, ast.stmt):
            statements += 1
            if statements > MAX_STATEMENTS:
                raise UnsafeInputError(f"program too long: at most {MAX_STATEMENTS} statements")
        if kind not in ALLOWED:
            _refuse(node, NAMED.get(kind, kind))
        for name in _identifiers(node):
            if "__" in name:  # _gradient is a name like any other; nothing here is ever run
                _refuse(node, f"the name {name!r}")
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            _refuse(node, f"attribute .{node.attr}")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            _check_import(node)
        if isinstance(node, ast.FunctionDef):
            if node.decorator_list:
                _refuse(node, "a decorator")
            a = node.args
            if a.vararg or a.kwarg or a.kwonlyargs or getattr(a, "posonlyargs", None):
                _refuse(node, "*args, **kwargs or keyword-only parameters")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                "exec", "eval", "open", "compile", "getattr", "setattr", "delattr", "globals", "locals", "vars",
                "input", "__import__", "breakpoint", "type", "dir", "help", "exit", "quit"):
            _refuse(node, f"calling {node.func.id}()")
        if _is_print(node) and id(node) not in statement_calls:
            _refuse(node, "print() inside an expression")
        if isinstance(node, ast.If) and not _is_none_test(node.test) and not _is_branch_return(node):
            _refuse(node, "an if statement (only `if y is None:` and if/elif/else that each return are read)")
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                for part in ast.walk(target):
                    if isinstance(part, ast.Attribute) and isinstance(part.ctx, ast.Store):
                        _refuse(node, "writing an attribute")


def _identifiers(node) -> list[str]:
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, ast.FunctionDef):
        return [node.name]
    if isinstance(node, ast.keyword) and node.arg:
        return [node.arg]
    if isinstance(node, ast.alias):
        return [n for n in (node.name, node.asname) if n]
    return []


def _check_import(node) -> None:
    """numpy and a few harmless course-file imports are skipped (never imported); anything else is refused.
    ``from helpers import sigmoid`` is read as the registry's sigmoid (the only meaning the name has here)."""
    if isinstance(node, ast.ImportFrom):
        if node.level:
            _refuse(node, "a relative import")
        module, names = node.module or "", [a.name for a in node.names]
        if any(module == m or module.startswith(m + ".") for m in MODULES_OK + IGNORED_MODULES):
            return
        from .parse import elementwise_functions
        if names and all(n in elementwise_functions() for n in names):
            return
        _refuse(node, f"importing from {module}", "only numpy and scipy.special are read, never imported")
    for alias in node.names:
        if not any(alias.name == m or alias.name.startswith(m + ".") for m in MODULES_OK):
            _refuse(node, f"importing {alias.name}", "only numpy and scipy.special are read, never imported")


def _is_print(node) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"


def _is_branch_return(node: ast.If) -> bool:
    """``if x > 0: return 1 / elif x < 0: return -1 / else: return 0``: every branch one return (a helper
    applied entry by entry, np.vectorize's way, which reads as np.where)."""
    if not (len(node.body) == 1 and isinstance(node.body[0], ast.Return) and node.body[0].value is not None):
        return False
    rest = node.orelse
    if len(rest) == 1 and isinstance(rest[0], ast.Return) and rest[0].value is not None:
        return True
    return len(rest) == 1 and isinstance(rest[0], ast.If) and _is_branch_return(rest[0])


def _is_none_test(test) -> bool:
    return isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Is, ast.IsNot)) \
        and isinstance(test.left, ast.Name) and isinstance(test.comparators[0], ast.Constant) \
        and test.comparators[0].value is None


def tree_size(root: t.Node) -> tuple[int, int]:
    """(nodes written out, depth) of a tree, each shared subtree counted every time it appears."""
    memo: dict[int, tuple[int, int]] = {}
    stack = [(root, False)]
    while stack:
        n, done = stack.pop()
        if id(n) in memo:
            continue
        kids = n.children()
        if done:
            size = 1 + sum(memo[id(c)][0] for c in kids)
            depth = 1 + max((memo[id(c)][1] for c in kids), default=0)
            memo[id(n)] = (min(size, 10 * MAX_TREE), depth)
            continue
        stack.append((n, True))
        stack.extend((c, False) for c in kids if id(c) not in memo)
    return memo[id(root)]


class _Scope:
    """The names a statement sees: the function's locals, then the module's (each name → a buffer)."""

    def __init__(self, names: dict, outer: dict | None):
        self.names = names
        self.outer = outer or {}

    def buffer(self, name):
        return self.names.get(name) or self.outer.get(name)

    def __contains__(self, name):
        return name in self.names or name in self.outer

    def __getitem__(self, name):
        value = self.buffer(name).value
        if isinstance(value, Deferred):
            raise value.error
        return value


class _Return(Exception):
    def __init__(self, value, node):
        self.value, self.node = value, node


class Interpreter:
    """Runs the allowed statements over typed values (never as Python)."""

    def __init__(self, shapes: dict[str, Shape], source: str, functions: dict, limits: Limits = LIMITS):
        self.shapes = shapes
        self.functions = functions
        self.reader = NumpyReader(shapes, source, limits, program=True, calls={})
        self.reader.visit_Call = self._visit_call(self.reader.visit_Call)
        self.globals: dict = {}
        self.run = 0
        self.depth = 0

    # ---- names and buffers
    def bind(self, scope: _Scope, name: str, value, node, view_of=None):
        if isinstance(value, Array):
            size, depth = tree_size(value.node)
            if size > MAX_TREE or depth > MAX_TREE_DEPTH:
                raise UnsafeInputError(f"{name} grows too large a formula (more than {MAX_TREE} parts) {_line(node)}")
        scope.names[name] = _Buffer(value, view_of)

    def mutate(self, scope: _Scope, name: str, value, node):
        """An in-place change of ``name``'s array: every alias sees it; a view of it (or it a view) is refused."""
        buf = scope.buffer(name)
        if buf is None:
            raise ParseError(f"name {name!r} is not defined {_line(node)}")
        views = [n for n, b in {**scope.outer, **scope.names}.items() if b.view_of is buf]
        if buf.view_of is not None or views:
            raise ParseError(f"{name} shares memory with {views[0] if views else 'another array'} (a view: .T, "
                             f"reshape, [:, None]); changing it in place changes both: write .copy() {_line(node)}")
        old = buf.value
        if isinstance(old, Array) and isinstance(value, Array) and old.shape != value.shape:
            raise ShapeError(f"in-place: numpy cannot store {value.describe()} into {name} {old.describe()} "
                             f"{_line(node)}")
        if isinstance(value, Array):
            size, depth = tree_size(value.node)
            if size > MAX_TREE or depth > MAX_TREE_DEPTH:
                raise UnsafeInputError(f"{name} grows too large a formula (more than {MAX_TREE} parts) {_line(node)}")
        buf.value = value

    def _view_base(self, scope: _Scope, node):
        """The buffer a view expression looks into (``b.T``, ``b.reshape(…)``, ``b[:, None]``), if any."""
        while True:
            if isinstance(node, ast.Name):
                return scope.buffer(node.id)
            if isinstance(node, ast.Attribute) and node.attr == "T":
                node = node.value
            elif isinstance(node, ast.Subscript) and all(
                    self.reader.index_kind(i) != "other"
                    for i in (node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice])):
                node = node.value  # basic indexing ([:, None]) is a view; a[np.arange(N), y] is a copy
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("reshape", "ravel", "squeeze", "transpose") and \
                    self.reader.dotted(node.func) is None:
                node = node.func.value
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args and \
                    self.reader.dotted(node.func) in ("np.reshape", "np.transpose", "np.ravel", "np.squeeze",
                                                       "np.asarray", "numpy.reshape", "numpy.transpose"):
                node = node.args[0]
            else:
                return None

    # ---- calls to helper functions defined in the file
    def _visit_call(self, original):
        def visit_call(node):
            func = node.func
            if isinstance(func, ast.Name) and func.id in self.functions and func.id not in self.reader.env:
                return self.call(self.functions[func.id], node)
            if isinstance(func, ast.Call) and self.reader.dotted(func.func) in ("np.vectorize", "numpy.vectorize") \
                    and len(func.args) == 1 and isinstance(func.args[0], ast.Name) and func.args[0].id in self.functions:
                return self.call(self.functions[func.args[0].id], node)  # np.vectorize(sign)(w)
            return original(node)
        return visit_call

    def call(self, fdef: ast.FunctionDef, node: ast.Call):
        if self.depth > len(self.functions):
            raise UnsafeInputError(f"{fdef.name} calls itself: recursion is not read {_line(node)}")
        caller = self.reader.env
        params = [a.arg for a in fdef.args.args]
        if len(node.args) > len(params):
            raise ParseError(f"{fdef.name} takes {len(params)} arguments, not {len(node.args)} {_line(node)}")
        scope = _Scope({}, self.globals)
        given = dict(zip(params, node.args))
        for kw in node.keywords:
            if kw.arg not in params or kw.arg in given:
                raise ParseError(f"{fdef.name}() got an unexpected argument {kw.arg}= {_line(node)}")
            given[kw.arg] = kw.value
        defaults = dict(zip(params[len(params) - len(fdef.args.defaults):], fdef.args.defaults))
        for name in params:
            if name in given:
                arg = given[name]
                buf = caller.buffer(arg.id) if isinstance(arg, ast.Name) and arg.id in caller else None
                scope.names[name] = buf if buf is not None else _Buffer(self.reader.visit(arg))
            elif name in defaults:
                scope.names[name] = _Buffer(self.reader.visit(defaults[name]))
            else:
                raise ParseError(f"{fdef.name}() is missing the argument {name} {_line(node)}")
        self.depth += 1
        try:
            value, _ = self.body(fdef.body, scope)
        finally:
            self.depth -= 1
            self.reader.env = caller
        if value is None:
            raise ParseError(f"{fdef.name} returns nothing {_line(node)}")
        return value

    # ---- statements
    def body(self, statements, scope: _Scope):
        """Run statements; (the returned value, its Return node) or (None, None)."""
        self.reader.env = scope
        try:
            for stmt in statements:
                self.run += 1
                if self.run > MAX_RUN:
                    raise UnsafeInputError(f"program runs too many statements (more than {MAX_RUN})")
                self.statement(stmt, scope)
        except _Return as done:
            return done.value, done.node
        return None, None

    def statement(self, stmt, scope: _Scope):
        kind = type(stmt).__name__
        if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Pass, ast.FunctionDef)):
            return
        if isinstance(stmt, ast.Expr):
            if isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
                return  # a docstring
            if _is_print(stmt.value):
                return  # print(…) changes nothing; its arguments passed the allowlist and are never run
            raise UnsafeInputError(f"not allowed: an expression statement (its value is lost) {_line(stmt)}")
        if isinstance(stmt, ast.Return):
            if isinstance(stmt.value, ast.Tuple):  # return loss, dW: a loss that cannot be read is no obstacle
                value = Many(tuple(self._value(e, scope) for e in stmt.value.elts))
            else:
                value = NONE if stmt.value is None else self.reader.visit(stmt.value)
            raise _Return(value, stmt)
        if isinstance(stmt, ast.If) and not _is_none_test(stmt.test):
            raise _Return(self._branches(stmt), stmt)
        if isinstance(stmt, ast.If):
            value = scope[stmt.test.left.id] if stmt.test.left.id in scope else NONE
            is_none = value is NONE
            taken = is_none if isinstance(stmt.test.ops[0], ast.Is) else not is_none
            value, node = self.body(stmt.body if taken else stmt.orelse, scope)
            self.reader.env = scope
            if node is not None:
                raise _Return(value, node)
            return
        if isinstance(stmt, ast.Assign):
            return self.assign(stmt, scope)
        if isinstance(stmt, ast.AugAssign):
            return self.augmented(stmt, scope)
        raise UnsafeInputError(f"not allowed: {NAMED.get(kind, kind)} {_line(stmt)}")

    def _branches(self, stmt: ast.If):
        """if/elif/else each returning: np.where(test, this, the rest), entry by entry."""
        condition = self.reader.visit(stmt.test)
        this = self.reader.visit(stmt.body[0].value)
        rest = stmt.orelse[0]
        other = self._branches(rest) if isinstance(rest, ast.If) else self.reader.visit(rest.value)
        return na.where(condition, this, other)

    def _value(self, node, scope):
        """The value of an expression; a ParseError becomes a Deferred (raised only if it is needed)."""
        try:
            if isinstance(node, ast.Dict):
                return self._dict(node)
            if isinstance(node, ast.List):
                return Many(tuple(self.reader.visit(e) for e in node.elts))
            return self.reader.visit(node)
        except UnsafeInputError:
            raise
        except ParseError as err:
            return Deferred(err)

    def _dict(self, node):
        out = {}
        for key, value in zip(node.keys, node.values):
            k = self.reader.visit(key) if key is not None else None
            if not isinstance(k, Text):
                raise ParseError(f"dictionary keys must be strings {_line(node)}")
            out[k.value] = self.reader.visit(value)
        return out

    def assign(self, stmt: ast.Assign, scope: _Scope):
        v = stmt.value
        if isinstance(v, ast.Call) and self.reader.dotted(v.func) in ("np.vectorize", "numpy.vectorize") and \
                len(v.args) == 1 and isinstance(v.args[0], ast.Name) and v.args[0].id in self.functions and \
                len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            self.functions[stmt.targets[0].id] = self.functions[v.args[0].id]  # vec_sign = np.vectorize(sign)
            return
        value = self._value(stmt.value, scope)
        for target in stmt.targets:
            self._store(target, value, stmt, scope)
        names = [tg.id for tg in stmt.targets if isinstance(tg, ast.Name)]
        if len(names) > 1:  # a = b = np.zeros(…): one array under two names
            for name in names[1:]:
                scope.names[name] = scope.names[names[0]]

    def _store(self, target, value, stmt, scope):
        if isinstance(target, ast.Name):
            base = self._view_base(scope, stmt.value) if isinstance(stmt, ast.Assign) else None
            if isinstance(stmt.value, ast.Name) and base is not None:
                scope.names[target.id] = base  # numpy: a second name for the same array
            else:
                self.bind(scope, target.id, value, stmt, view_of=base)
            return
        if isinstance(target, (ast.Tuple, ast.List)):
            if isinstance(value, Deferred):
                items = [value] * len(target.elts)
            elif isinstance(value, Dims):
                items = [na.const(d) for d in value.dims]
            elif isinstance(value, Many):
                items = list(value.items)
            else:
                raise ParseError(f"cannot unpack {kind_of(value)} into {len(target.elts)} names {_line(stmt)}")
            if len(items) != len(target.elts):
                raise ParseError(f"cannot unpack {len(items)} values into {len(target.elts)} names {_line(stmt)}")
            for part, item in zip(target.elts, items):
                if not isinstance(part, ast.Name):
                    raise UnsafeInputError(f"not allowed: unpacking into anything but names {_line(stmt)}")
                self.bind(scope, part.id, item, stmt)
            return
        if isinstance(target, ast.Subscript):
            return self._store_item(target, "", value, stmt, scope)
        raise UnsafeInputError(f"not allowed: assigning to {type(target).__name__} {_line(stmt)}")

    def _store_item(self, target: ast.Subscript, op: str, value, stmt, scope):
        """``grads['W'] = …``, ``d[np.arange(N), y] -= 1``, ``dz[z <= 0] = 0``."""
        if not isinstance(target.value, ast.Name):
            raise UnsafeInputError(f"not allowed: assigning into {type(target.value).__name__} {_line(stmt)}")
        name = target.value.id
        if name not in scope:
            raise ParseError(f"name {name!r} is not defined {_line(stmt)}")
        try:
            current = scope[name]
        except ParseError as err:
            self.mutate(scope, name, Deferred(err), stmt)
            return
        try:
            if isinstance(value, Deferred):
                raise value.error
            new = self._item_value(current, target, op, value, stmt)
        except UnsafeInputError:
            raise
        except ParseError as err:
            if isinstance(current, dict):
                key = self.reader.visit(target.slice)
                current[getattr(key, "value", "?")] = Deferred(err)
                return
            new = Deferred(err)
        self.mutate(scope, name, new, stmt)

    def _item_value(self, current, target, op, value, stmt):
        index = target.slice
        if isinstance(current, dict):
            key = self.reader.visit(index)
            if not isinstance(key, Text):
                raise ParseError(f"dictionary keys must be strings {_line(stmt)}")
            if op:
                if key.value not in current:
                    raise ParseError(f"no entry {key.value!r} in the dictionary {_line(stmt)}")
                value = self._combine(current[key.value], op, value, stmt)
            out = dict(current)
            out[key.value] = value
            return out
        if not isinstance(current, Array):
            raise ParseError(f"cannot assign into {kind_of(current)} {_line(stmt)}")
        if not isinstance(value, Array):
            raise ParseError(f"cannot store {kind_of(value)} into an array {_line(stmt)}")
        items = index.elts if isinstance(index, ast.Tuple) else [index]
        if len(items) == 2 and self.reader.is_row_range(items[0]):
            onehot = self.reader.onehot(items[1], current, target)
            return na.put(current, onehot, {"": "", "Add": "+", "Sub": "-", "Mult": "*"}.get(op, op), value)
        if len(items) == 1 and not op:
            mask = self.reader.visit(index)
            if isinstance(mask, Array) and mask.boolean:
                return na.put_mask(current, mask, value)
        if len(items) <= 2 and all(self.reader.index_kind(i) == "all" for i in items) and not op:
            out = na.add(na.mul(current, na.const(0)), value)  # a[:] = v fills the array
            return Array(out.node, current.ndim)
        raise ParseError(f"assigning into single entries, rows or columns is not supported (only "
                         f"a[np.arange(N), y] op= v, a[mask] = v and dict keys) {_line(stmt)}")

    def _combine(self, current, op: str, value, stmt):
        if not (isinstance(current, Array) and isinstance(value, Array)):
            raise ParseError(f"cannot {op} {kind_of(value)} {_line(stmt)}")
        if op == "Pow":
            return self.reader.power(current, value, stmt)
        ops = {"Add": na.add, "Sub": na.sub, "Mult": na.mul, "Div": na.div, "MatMult": na.matmul}
        if op not in ops:
            raise UnsafeInputError(f"not allowed: the operator {op}= {_line(stmt)}")
        return ops[op](current, value)

    def augmented(self, stmt: ast.AugAssign, scope: _Scope):
        op = type(stmt.op).__name__
        value = self._value(stmt.value, scope)
        if isinstance(stmt.target, ast.Subscript):
            return self._store_item(stmt.target, op, value, stmt, scope)
        if not isinstance(stmt.target, ast.Name):
            raise UnsafeInputError(f"not allowed: {op}= into {type(stmt.target).__name__} {_line(stmt)}")
        name = stmt.target.id
        if name not in scope:
            raise ParseError(f"name {name!r} is not defined {_line(stmt)}")
        try:
            current = scope[name]
            if isinstance(value, Deferred):
                raise value.error
            new = self._combine(current, op, value, stmt)
        except UnsafeInputError:
            raise
        except ParseError as err:
            self.bind(scope, name, Deferred(err), stmt)
            return
        if isinstance(current, Array) and current.ndim > 0:
            self.mutate(scope, name, new, stmt)  # numpy's += changes the array in place
        else:
            self.bind(scope, name, new, stmt)  # a number is rebound


# ---- choosing the function and the returned gradient -------------------------------------------------

def _gradient_names(wrt: str) -> list[str]:
    return [f"d{wrt}", f"grad_{wrt}", f"{wrt}_grad", f"grad{wrt}", f"d_{wrt}", f"dL_d{wrt}", f"dJ_d{wrt}",
            f"g{wrt}", f"grad_{wrt.lower()}", f"d{wrt.lower()}", f"gradient_{wrt}"]


def _declared(name: str, sh: Shape) -> Array:
    return na.from_declared(t.Var(name, (sh.rows, sh.cols), sh.domain), getattr(sh, "ndim", None))


def _main(functions: dict, module: ast.Module):
    called = {n.func.id for n in ast.walk(module) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    candidates = [f for f in functions.values() if f.name not in called]
    return candidates[-1] if candidates else list(functions.values())[-1]


def _choose(value, node, wrt: str | None, shapes: dict[str, Shape]):
    """The gradient among what was returned: by the key or name ``d<wrt>``, else by wrt's shape."""
    if isinstance(value, Deferred):
        raise value.error
    if isinstance(value, Array):
        return value, "the returned value"
    if isinstance(value, dict):
        keys = [k for k in ([wrt] + _gradient_names(wrt) if wrt else []) if k in value]
        if keys:
            chosen, how = value[keys[0]], f"the entry {keys[0]!r} of the returned dictionary"
        elif wrt is None and len(value) == 1:
            (key, chosen), = value.items()
            how = f"the entry {key!r} of the returned dictionary"
        else:
            raise ParseError(f"the returned dictionary has no entry {wrt!r} (it has {', '.join(map(repr, value))})")
        if isinstance(chosen, Deferred):
            raise chosen.error
        return chosen, how
    if not isinstance(value, Many):
        raise ParseError(f"the function returns {kind_of(value)}, not a gradient")
    tables = [v for v in value.items if isinstance(v, dict)]
    if len(tables) == 1 and (wrt is None or any(k in tables[0] for k in [wrt] + _gradient_names(wrt))):
        return _choose(tables[0], node, wrt, shapes)
    elements = node.value.elts if isinstance(node.value, ast.Tuple) else [None] * len(value.items)
    names = [e.id if isinstance(e, ast.Name) else None for e in elements]
    count = len(value.items)
    if wrt is not None:
        for wanted in _gradient_names(wrt):
            if wanted in names:
                k = names.index(wanted)
                return _ok(value.items[k]), f"{wanted}, the {_ordinal(k)} of {count} returned values"
    arrays = [k for k, v in enumerate(value.items) if isinstance(v, (Array, Deferred))]
    if wrt is not None and wrt in shapes:
        sh = shapes[wrt]
        fits = [k for k in arrays if isinstance(value.items[k], Array) and value.items[k].node.shape == (sh.rows, sh.cols)
                and not value.items[k].node.is_scalar]
        if len(fits) == 1:
            k = fits[0]
            return value.items[k], f"{names[k] or 'the value'}, the {_ordinal(k)} of {count} returned values " \
                                   f"(the only one of {wrt}'s shape)"
    non_scalar = [k for k in arrays if not (isinstance(value.items[k], Array) and value.items[k].ndim == 0)]
    if len(non_scalar) == 1:
        k = non_scalar[0]
        return _ok(value.items[k]), f"{names[k] or 'the value'}, the {_ordinal(k)} of {count} returned values"
    shown = ", ".join(n or "?" for n in names)
    raise ParseError(f"the function returns {count} values ({shown}): name the gradient d{wrt or 'w'} "
                     f"(or return it alone)")


def _ok(value):
    if isinstance(value, Deferred):
        raise value.error
    if not isinstance(value, Array):
        raise ParseError(f"the chosen return value is {kind_of(value)}, not an array")
    return value


def _ordinal(k: int) -> str:
    return {0: "1st", 1: "2nd", 2: "3rd"}.get(k, f"{k + 1}th")


def _lambdas_as_functions(module: ast.Module) -> None:
    """``sigmoid = lambda z: 1 / (1 + np.exp(-z))`` at the top is a helper function like a ``def``."""
    body = []
    for stmt in module.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and isinstance(stmt.value, ast.Lambda):
            lam = stmt.value
            fn = ast.FunctionDef(name=stmt.targets[0].id, args=lam.args, body=[ast.Return(value=lam.body)],
                                 decorator_list=[], returns=None, type_params=[])
            fn.from_lambda = True
            body.append(ast.fix_missing_locations(ast.copy_location(fn, stmt)))
        else:
            body.append(stmt)
    module.body = body


def read_program(text: str, shapes: dict[str, Shape], wrt: str | None = None, limits: Limits = LIMITS) -> Program:
    """Read a gradient function (or a cell of statements) into its returned gradient and its local names."""
    file_limits = replace(limits, max_length=max(limits.max_length, FILE_LIMITS.max_length),
                          max_nodes=max(limits.max_nodes, FILE_LIMITS.max_nodes))
    source, module = read_syntax(text, file_limits, mode="exec", what="program")
    _lambdas_as_functions(module)
    check_allowed(module)
    functions = {s.name: s for s in module.body if isinstance(s, ast.FunctionDef)}
    called = {n.func.id for n in ast.walk(module) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    called |= {n.id for s in module.body if not isinstance(s, ast.FunctionDef) for n in ast.walk(s)
               if isinstance(n, ast.Name)}  # np.vectorize(sign): sign is used, so a helper
    top_level_calls = any(isinstance(s, (ast.Assign, ast.AugAssign, ast.Expr)) for s in module.body)
    # the gradient function: a def nothing calls; helpers that the cell's own statements call are not it
    mains = {n: f for n, f in functions.items() if not getattr(f, "from_lambda", False)
             and not (top_level_calls and n in called)}
    for stmt in module.body:
        if isinstance(stmt, ast.FunctionDef):
            inner = [n for n in ast.walk(stmt) if isinstance(n, ast.FunctionDef) and n is not stmt]
            if inner:
                _refuse(inner[0], "a function inside a function")
    run = Interpreter(shapes, source, functions, limits)
    module_scope = _Scope(run.globals, None)
    top = [s for s in module.body if not isinstance(s, ast.FunctionDef)]
    try:
        value, node = run.body(top, module_scope)
        if value is not None:
            raise ParseError(f"return outside a function {_line(node)}")
        if mains:
            main = _main(mains, module)
            scope = _Scope({}, run.globals)
            for param in main.args.args:
                name = param.arg
                if name in shapes:
                    value = _declared(name, shapes[name])
                elif name in run.reader.dims:
                    value = na.const(run.reader.dims[name])
                elif name == "self" and param is main.args.args[0]:  # cs231n's TwoLayerNet.loss(self, X, y, reg)
                    value = Namespace({"params": {n: _declared(n, sh) for n, sh in shapes.items()}})
                else:
                    value = na.scalar(scalar_parameter(name))  # undeclared: a number (reg, lam, lr)
                scope.names[name] = _Buffer(value)
            value, node = run.body(main.body, scope)
            if value is None:
                raise ParseError(f"the function {main.name} returns nothing")
            chosen, how = _choose(value, node, wrt, shapes)
            function, bound_scope = main.name, scope
        else:
            chosen, how = _cell_result(module_scope, wrt, top)
            function, bound_scope = None, module_scope
    except RecursionError:
        raise UnsafeInputError("program nested too deeply") from None
    if not isinstance(chosen, Array):
        raise ParseError(f"the gradient is {kind_of(chosen)}, not an array")
    notes = list(run.reader.notes)
    if wrt in shapes and shapes[wrt].cols == 1 and chosen.node.shape == shapes[wrt].dims:
        declared = getattr(shapes[wrt], "ndim", None) or 1
        if declared != chosen.ndim:
            shown = f"({shapes[wrt].rows},)" if declared == 1 else f"({shapes[wrt].rows}, 1)"
            notes.append(f"the gradient is {chosen.ndim}-D {chosen.describe()}; {wrt} is {declared}-D {shown} in numpy")
    bound = tuple((n, b.value.node) for n, b in bound_scope.names.items() if isinstance(b.value, Array))
    return Program(chosen.node, chosen, function, how, bound, tuple(dict.fromkeys(notes)))


def _cell_result(scope: _Scope, wrt: str | None, top):
    """A cell without a function: the name ``d<wrt>`` (or grad), else the last assigned name."""
    for wanted in (_gradient_names(wrt) if wrt else []) + ["grad", "gradient"]:
        if wanted in scope.names:
            return _ok(scope[wanted]), f"the name {wanted}"
    assigned = [s for s in top if isinstance(s, (ast.Assign, ast.AugAssign))]
    if not assigned:
        raise ParseError("the program has no function and assigns nothing")
    last = assigned[-1].targets[0] if isinstance(assigned[-1], ast.Assign) else assigned[-1].target
    if isinstance(last, ast.Subscript) and isinstance(last.value, ast.Name) and last.value.id in scope.names:
        table = scope[last.value.id]  # cs231n's cell: grads['W1'] = …, the gradient chosen by its key
        if isinstance(table, dict):
            chosen, how = _choose(table, last, wrt, {})
            return chosen, how.replace("returned dictionary", f"dictionary {last.value.id}")
    if not isinstance(last, ast.Name):
        raise ParseError("the program's last assignment is not to a name")
    return _ok(scope[last.id]), f"the last assigned name {last.id}"


def parse_program(text: str, shapes: dict[str, Shape], wrt: str | None = None) -> t.Node:
    """The typed tree of the gradient a numpy function returns (``read_program`` has the details)."""
    return read_program(text, shapes, wrt).gradient


__all__ = ["Program", "parse_program", "read_program"]
