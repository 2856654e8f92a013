"""Notebook numpy expressions read into typed trees: ``X.T.dot(X.dot(w) - y)``, ``np.dot(X.T, P - Y)``,
``np.sum(x, axis=1, keepdims=True)``, ``(z > 0).astype(float)``, ``x[:, None]`` …

Python's ``ast`` reads the text; one ``visit_<Node>`` per allowed node and tables of the allowed
numpy functions and array methods decide the meaning, with numpy's shapes and broadcasting
(``numpy_array``).  Nothing is imported or run.  ``np.max(s, axis=1, keepdims=True)`` (the shift that
keeps a softmax stable) is read as an arbitrary per-row constant ``max1``: a correct answer does not
depend on it, and the checks draw it at random like any input.
"""
from __future__ import annotations

import ast

import sympy

from ..errors import ParseError, UnsafeInputError
from ..names import check_identifier
from ..parse.limits import LIMITS, Limits
from ..parse.tokens import PLACEHOLDERS
from . import numpy_array as na
from . import tree as t
from .numpy_array import Array
from .numpy_calls import NONE, Dims, Many, Namespace, NumpyCalls, Text, kind_of
from .parse import elementwise_functions, read_syntax
from .shapes import Shape, ShapeError

#: the modules whose functions are read (``np.linalg.norm`` → ``norm``); ``np.random.…`` is not one
NUMPY_MODULES = ("np", "numpy", "np.linalg", "numpy.linalg", "scipy.special")
#: functions the typed-text notation writes without a module (numpy's own spelling, or scipy.special's)
BARE = ("softmax", "logsumexp", "logdet", "inv", "det", "trace", "norm", "outer", "diag", "dot", "maximum",
        "minimum", "ones", "zeros", "eye", "exp", "log", "sqrt", "mean", "transpose", "where", "heaviside")


def where(node: ast.AST, lines: bool) -> str:
    col = getattr(node, "col_offset", 0) + 1
    return f"(line {getattr(node, 'lineno', 1)}, column {col})" if lines else f"(column {col})"


def _located(text: str) -> bool:
    return "(column " in text or "(line " in text


def scalar_parameter(name: str, node=None, reader=None) -> t.Var:
    """An undeclared name is a number (reg, lam); ``lambda_`` is the loss's ``lambda``, as in the text notation."""
    name = PLACEHOLDERS.get(name, name)
    try:
        check_identifier(name)
    except UnsafeInputError as err:
        raise (reader.fail(UnsafeInputError, str(err), node) if reader else err) from None
    return t.Var(name)


class NumpyReader(NumpyCalls):
    """Values of numpy expressions over declared shapes (and, in a program, over local names)."""

    def __init__(self, shapes: dict[str, Shape], source: str, limits: Limits = LIMITS, *,
                 env: dict | None = None, program: bool = False, calls: dict | None = None):
        self.shapes = shapes
        self.source = source
        self.limits = limits
        self.env = env if env is not None else {}
        self.program = program
        self.calls = calls if calls is not None else {}
        self.dims = {str(s): s for sh in shapes.values() for s in sh.dims if isinstance(s, sympy.Symbol)}
        self.functions = elementwise_functions()
        self.notes: list[str] = []
        self.maxima: dict = {}

    def at(self, node) -> str:
        return where(node, self.program)

    def fail(self, cls, message: str, node):
        return cls(f"{message} {self.at(node)}")

    # ---- dispatch
    def visit(self, node: ast.AST):
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise self.fail(UnsafeInputError, f"not allowed: {type(node).__name__}", node)
        try:
            return method(node)
        except ParseError as err:
            if _located(str(err)):
                raise
            raise type(err)(f"{err} {self.at(node)}") from None

    def array(self, node: ast.AST) -> Array:
        value = self.visit(node)
        if not isinstance(value, Array):
            raise self.fail(ParseError, f"expected an array or a number here, not {kind_of(value)}", node)
        return value

    def visit_Expression(self, node):
        return self.visit(node.body)

    def visit_Constant(self, node):
        value = node.value
        if value is None:
            return NONE
        if isinstance(value, str):
            if len(value) > 64:
                raise self.fail(UnsafeInputError, "string too long", node)
            return Text(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(UnsafeInputError, f"not allowed: the constant {value!r}", node)
        text = ast.get_source_segment(self.source, node) or repr(value)
        if sum(c.isdigit() for c in text) > self.limits.max_digits:
            raise self.fail(UnsafeInputError, f"number too long: at most {self.limits.max_digits} digits", node)
        if isinstance(value, float):
            if not (value == 0 or 10 ** -self.limits.max_literal_exponent <= abs(value)
                    <= 10 ** self.limits.max_literal_exponent):
                raise self.fail(UnsafeInputError, "number out of range", node)
            return na.const(sympy.Rational(text.replace("_", "")))
        return na.const(sympy.Integer(value))

    def visit_Tuple(self, node):
        if len(node.elts) > 16:
            raise self.fail(UnsafeInputError, "tuple too long", node)
        return Many(tuple(self.visit(e) for e in node.elts))

    visit_List = visit_Tuple

    def visit_Name(self, node):
        name = node.id
        if name in self.env:
            return self.env[name]
        if name in self.shapes:
            sh = self.shapes[name]
            return na.from_declared(t.Var(name, (sh.rows, sh.cols), sh.domain), getattr(sh, "ndim", None))
        if name in self.dims:
            return na.const(self.dims[name])
        if name in ("np", "numpy", "scipy"):
            raise self.fail(ParseError, f"{name} is a module: use its functions, e.g. np.sum(x)", node)
        if name in ("True", "False"):
            raise self.fail(ParseError, f"{name} is only allowed as keepdims=…", node)
        if self.program:
            raise self.fail(ParseError, f"name {name!r} is not defined", node)
        return na.scalar(scalar_parameter(name, node, self))

    def visit_Attribute(self, node):
        if node.attr.startswith("_"):
            raise self.fail(UnsafeInputError, f"not allowed: attribute .{node.attr}", node)
        dotted = self.dotted(node)
        if dotted is not None:
            if dotted.endswith(".pi"):
                return na.const(sympy.pi)
            if dotted.endswith(".e"):
                return na.const(sympy.E)
            if dotted.endswith(".newaxis"):
                return NONE
            raise self.fail(ParseError, f"{dotted} is not supported here (call np functions: np.sum(x))", node)
        value = self.visit(node.value)
        if isinstance(value, Array):
            if node.attr == "T":
                return na.transpose(value)
            if node.attr == "shape":
                return Dims(value.shape)
            if node.attr == "size":
                return na.const(value.node.rows * value.node.cols)
            if node.attr == "ndim":
                return na.const(value.ndim)
        if isinstance(value, Namespace) and node.attr in value.fields:
            return value.fields[node.attr]
        raise self.fail(UnsafeInputError, f"not allowed: attribute .{node.attr} of {kind_of(value)} "
                        "(.T, .shape, .size and the array methods are)", node)

    def dotted(self, node) -> str | None:
        """``np.linalg.norm`` as text when the chain starts at a numpy module name (not a local)."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Name) and node.id in ("np", "numpy", "scipy") and node.id not in self.env:
            return ".".join([node.id, *reversed(parts)])
        return None

    # ---- operators
    def visit_UnaryOp(self, node):
        operand = self.array(node.operand)
        if isinstance(node.op, ast.USub):
            return na.neg(operand)
        if isinstance(node.op, ast.UAdd):
            return operand
        if isinstance(node.op, ast.Invert) and operand.boolean:
            out = na.one_minus(operand)
            return Array(out.node, out.ndim, boolean=True)
        raise self.fail(UnsafeInputError, f"not allowed: the operator {type(node.op).__name__}", node)

    def visit_BinOp(self, node):
        op = type(node.op).__name__
        if op == "BitXor":
            raise self.fail(ParseError, "^ is exclusive or in Python: write ** for a power", node)
        if op not in ("Add", "Sub", "Mult", "Div", "Pow", "MatMult", "BitAnd"):
            raise self.fail(UnsafeInputError, f"not allowed: the operator {op}", node)
        left, right = self.array(node.left), self.array(node.right)
        if na.outer_broadcast(left, right) and op != "MatMult":
            self.notes.append(f"{left.show()} and {right.show()} broadcast to a matrix, as numpy does {self.at(node)}")
        if op == "Pow":
            return self.power(left, right, node)
        if op == "BitAnd":
            if not (left.boolean and right.boolean):
                raise self.fail(UnsafeInputError, "& is allowed between comparisons only", node)
            return na.mul(left, right)
        if op == "MatMult":
            return na.matmul(left, right, "@")
        return {"Add": na.add, "Sub": na.sub, "Mult": na.mul, "Div": na.div}[op](left, right)

    def power(self, base: Array, exponent: Array, node) -> Array:
        if na.is_const(base) and base.node.value == sympy.E and not na.is_const(exponent):
            return na.function("exp", exponent)  # np.e ** -z
        if not na.is_const(exponent) or not exponent.node.value.is_Rational:
            raise self.fail(ParseError, "powers need a constant number as exponent (x**2, x**0.5)", node)
        k = exponent.node.value
        if abs(k) > self.limits.max_exponent:
            raise self.fail(UnsafeInputError, f"exponent too large: at most {self.limits.max_exponent}", node)
        if na.is_const(base):
            b = base.node.value
            if b.is_number and abs(b) > 10**6 and abs(k) > 10:
                raise self.fail(UnsafeInputError, "number too large", node)
            if b == 0 and k < 0:
                raise self.fail(ParseError, "division by zero", node)
        return na.power(base, k)

    def visit_Compare(self, node):
        if len(node.ops) != 1:
            raise self.fail(ParseError, "one comparison at a time (a < b < c is not supported)", node)
        op = type(node.ops[0]).__name__
        if op in ("Eq", "NotEq"):
            return self._equal(self.array(node.left), op, self.array(node.comparators[0]), node)
        if op not in ("Gt", "Lt", "GtE", "LtE"):
            raise self.fail(ParseError, f"the comparison {op} is not supported (>, <, >=, <=, == are)", node)
        return na.compare(self.array(node.left), op, self.array(node.comparators[0]))

    def _equal(self, a: Array, op: str, b: Array, node) -> Array:
        """``y == 1`` of 0/1 or ±1 labels is a mask of them; ``x == 0`` of a real-valued array is 0 almost
        everywhere (a tie has probability zero); anything else is refused rather than guessed."""
        if not na.is_const(b) or not b.node.value.is_number:
            raise self.fail(ParseError, "== is supported against a number (y == 1, x == 0)", node)
        c = b.node.value
        domains = {v.domain for v in t.variables(a.node).values()}
        if isinstance(a.node, t.Var) and a.node.domain in ("binary", "pm1") and c in (0, 1, -1):
            y = Array(a.node, a.ndim)
            if a.node.domain == "binary" and c in (0, 1):
                mask = y if c == 1 else na.one_minus(y)
            elif a.node.domain == "pm1" and c in (1, -1):
                half = na.const(sympy.Rational(1, 2))
                mask = na.mul(half, na.one_minus(na.mul(na.const(-c), y)))  # (1 ± y)/2
            else:
                mask = na.mul(y, na.const(0))
        elif not domains & {"binary", "pm1", "onehot"} and not na.is_const(a):
            mask = na.mul(a, na.const(0))  # a real-valued array equals a number almost nowhere
        else:
            raise self.fail(ParseError, "== of this array is not supported (labels declared :binary or :pm1 are)", node)
        if op == "NotEq":
            mask = na.one_minus(mask)
        return Array(mask.node, mask.ndim, boolean=True)

    # ---- indexing
    def visit_Subscript(self, node):
        value = self.visit(node.value)
        index = node.slice
        if isinstance(value, Dims) and isinstance(index, ast.Slice) and index.step is None:
            lo = 0 if index.lower is None else self._int(index.lower)  # x.shape[1:]
            hi = len(value.dims) if index.upper is None else self._int(index.upper)
            return Dims(tuple(value.dims[lo:hi]))
        if isinstance(value, Dims):
            k = self._int(index)
            if not -len(value.dims) <= k < len(value.dims):
                raise self.fail(ParseError, f"shape index {k} out of range", node)
            return na.const(value.dims[k])
        if isinstance(value, Many):
            k = self._int(index)
            if not -len(value.items) <= k < len(value.items):
                raise self.fail(ParseError, f"tuple index {k} out of range", node)
            return value.items[k]
        if isinstance(value, dict):
            key = self.visit(index)
            if not isinstance(key, Text) or key.value not in value:
                raise self.fail(ParseError, f"no entry {getattr(key, 'value', key)!r} in the dictionary", node)
            return value[key.value]
        if not isinstance(value, Array):
            raise self.fail(ParseError, f"cannot index {kind_of(value)}", node)
        items = index.elts if isinstance(index, ast.Tuple) else [index]
        kinds = [self.index_kind(i) for i in items]
        if kinds == ["all"] or kinds == ["all", "all"] and value.ndim == 2:
            return value
        if value.ndim == 1 and kinds in (["all", "new"],):
            return na.to_column(value)
        if value.ndim == 1 and kinds in (["new", "all"], ["new"]):
            return na.to_row(value)
        if len(items) == 2 and self.is_row_range(items[0]):
            return na.pick(value, self.onehot(items[1], value, node))
        if value.ndim == 0:
            raise self.fail(ParseError, "cannot index a scalar", node)
        raise self.fail(ParseError, "indexing single entries, rows or columns (X[i], X[:, j]) is not supported: "
                        "write the whole-array expression", node)

    def _int(self, node) -> int:
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -self._int(node.operand)
        if isinstance(node, ast.Constant) and type(node.value) is int and abs(node.value) < 10:
            return node.value
        raise self.fail(ParseError, "expected a small whole number here", node)

    def index_kind(self, node) -> str:
        if isinstance(node, ast.Slice) and node.lower is None and node.upper is None and node.step is None:
            return "all"
        if isinstance(node, ast.Constant) and node.value is None:
            return "new"
        if isinstance(node, ast.Attribute) and self.dotted(node) in ("np.newaxis", "numpy.newaxis"):
            return "new"
        return "other"

    def is_row_range(self, node) -> bool:
        if not (isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords):
            return False
        name = self.dotted(node.func) if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        return name in ("range", "np.arange", "numpy.arange")

    def onehot(self, label: ast.AST, value: Array, node) -> t.Node:
        """The declared one-hot matrix Y behind a label vector y used as ``a[np.arange(N), y]``."""
        rows = self.array(node.slice.elts[0].args[0])
        if not na.is_const(rows) or rows.node.value != value.node.rows:
            raise self.fail(ShapeError, f"the row range must be np.arange({value.node.rows}), "
                            f"all the rows of {value.show()}", node)
        while isinstance(label, ast.Call) and isinstance(label.func, ast.Name) and label.func.id == "list" \
                and len(label.args) == 1:
            label = label.args[0]
        if not isinstance(label, ast.Name):
            raise self.fail(ParseError, "a[np.arange(N), y] needs the label vector's name as y", node)
        name = label.id
        if name in self.shapes and not self.shapes[name].cols == 1:
            raise self.fail(ParseError, f"{name} is declared as a matrix, not a vector of class labels", node)
        found = sorted(n for n, s in self.shapes.items() if s.domain == "onehot" and (s.rows, s.cols) == value.node.shape)
        if len(found) > 1:
            preferred = [n for n in found if n.lower() == name.lower()]
            found = preferred if len(preferred) == 1 else found
        if len(found) != 1:
            why = "none is" if not found else f"{', '.join(found)} are"
            raise self.fail(ParseError, f"{value.describe()}[np.arange(N), {name}] reads the label {name} of each "
                            f"row: declare the one-hot labels of that shape, e.g. --shapes '… Y:"
                            f"{value.node.rows},{value.node.cols}:onehot' ({why} declared)", node)
        sh = self.shapes[found[0]]
        note = f"{name} is read as the class labels of the one-hot {found[0]}"
        if note not in self.notes:
            self.notes.append(note)
        return t.Var(found[0], (sh.rows, sh.cols), sh.domain)

    # ---- calls
    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Call) and self.dotted(func.func) in ("np.vectorize", "numpy.vectorize") and \
                len(func.args) == 1 and isinstance(func.args[0], ast.Name) and not func.keywords:
            return self._call_name(func.args[0].id, node)  # np.vectorize(sign)(w): the helper, entry by entry
        if isinstance(func, ast.Name):
            return self._call_name(func.id, node)
        if isinstance(func, ast.Attribute):
            if func.attr.startswith("_"):
                raise self.fail(UnsafeInputError, f"not allowed: attribute .{func.attr}", func)
            dotted = self.dotted(func)
            if dotted is not None:
                return self._call_numpy(dotted, node)
            return self._call_method(func.attr, self.visit(func.value), node)
        raise self.fail(UnsafeInputError, "not allowed: calling anything but a function name or an array method", node)

    def _keywords(self, node, allowed: tuple) -> dict:
        out = {}
        for kw in node.keywords:
            if kw.arg is None or kw.arg not in allowed:
                raise self.fail(UnsafeInputError, f"not allowed: keyword argument {kw.arg}=", node)
            out[kw.arg] = kw.value
        return out

    def _reduction_args(self, node, args: list, what: str):
        """axis and keepdims of sum/mean/max, positional or keyword."""
        kw = self._keywords(node, ("axis", "keepdims", "dtype"))
        if len(args) > 2 or not args:
            raise self.fail(ParseError, f"{what}(a, axis=…, keepdims=…)", node)
        axis_node = kw.get("axis", args[1] if len(args) == 2 else None)
        axis = None
        if axis_node is not None and not (isinstance(axis_node, ast.Constant) and axis_node.value is None):
            axis = self._int(axis_node)
        keep = kw.get("keepdims")
        if keep is not None and not (isinstance(keep, ast.Constant) and isinstance(keep.value, bool)):
            raise self.fail(ParseError, "keepdims=True or keepdims=False", node)
        return axis, bool(keep.value) if keep is not None else False

    def _n_args(self, name, node, lo, hi=None):
        hi = lo if hi is None else hi
        if not lo <= len(node.args) <= hi:
            want = lo if lo == hi else f"{lo} to {hi}"
            raise self.fail(ParseError, f"{name} takes {want} argument(s), not {len(node.args)}", node)
        return node.args

    def _call_name(self, name: str, node):
        if name in self.calls and name not in self.env:
            self._keywords(node, ())
            return self.calls[name]([self.visit(a) for a in node.args], node)
        if name in ("len", "float", "abs", "sum", "max", "list"):
            return self._builtin(name, node)
        if name in BARE and name not in self.env and hasattr(self, f"np_{name}"):  # the text notation's names: softmax(Z), inv(A), outer(a, b)
            return getattr(self, f"np_{name}")(node)
        if name in self.functions:
            self._keywords(node, ())
            (arg,) = self._n_args(name, node, 1)
            return self._elementwise(name, self.array(arg), node)
        if name in ("range", "exec", "eval", "open", "compile", "getattr", "setattr", "globals", "locals",
                    "vars", "input", "print", "__import__", "type", "dir", "object", "super", "breakpoint"):
            raise self.fail(UnsafeInputError, f"not allowed: calling {name}()", node)
        raise self.fail(ParseError, f"unknown function {name!r}", node)

    def _builtin(self, name, node):
        self._keywords(node, ())
        (arg,) = self._n_args(name, node, 1)
        if name == "len" and isinstance(arg, ast.Subscript) and isinstance(arg.slice, ast.Constant) and \
                arg.slice.value == 0:  # len(a[0]): the length of a row, a size, not data
            row_of = self.array(arg.value)
            if row_of.ndim == 2:
                return na.const(row_of.shape[1])
        value = self.array(arg)
        if name == "len":
            if value.ndim == 0:
                unknown = isinstance(value.node, t.Var) and value.node.name not in self.shapes
                why = f": {value.node.name} has no declared shape (declare it, e.g. --shapes '… " \
                      f"{value.node.name}:n')" if unknown else ""
                raise self.fail(ParseError, f"len() of a scalar{why}", node)
            return na.const(value.shape[0])
        if name in ("float", "list"):
            if name == "float" and value.ndim:
                raise self.fail(ParseError, "float() of an array", node)
            return value
        if name == "abs":
            return na.function("abs", value)
        if name == "sum":  # Python's sum adds the rows of a 2-D array
            return na.total(value, 0 if value.ndim == 2 else None)
        return self._shift(value, None, False, node)

    def _elementwise(self, name: str, value: Array, node) -> Array:
        canonical = self.functions[name]
        if canonical == "sqrt":
            return na.power(value, sympy.Rational(1, 2))
        return na.function(canonical, value)

    def _shift(self, value: Array, axis, keepdims: bool, node) -> Array:
        """np.max(s, …): an arbitrary constant of the reduced shape (a softmax does not depend on it); the
        same maximum written twice is the same constant."""
        axis = na.normal_axis(value, axis)
        reduced = na.total(value, axis, False)
        key = (value.node, value.ndim, axis)
        var = self.maxima.get(key)
        if var is None:
            name = f"max{len(self.maxima) + 1}"
            while name in self.shapes or name in self.env or name in self.dims:
                name += "_"
            var = self.maxima[key] = t.Var(name, reduced.node.shape)
            each = {None: "one number", 0: "one per column", 1: "one per row"}[axis if value.ndim == 2 else None]
            self.notes.append(f"np.max {self.at(node)} is read as an arbitrary constant {name} ({each}): "
                              "a correct answer does not depend on it")
        if not keepdims:
            return Array(var, reduced.ndim)
        if axis is None:
            return Array(var, value.ndim)
        return Array(var if axis == 1 or value.ndim == 1 else t.transposed(var), value.ndim)

    def _call_numpy(self, dotted: str, node):
        module, _, name = dotted.rpartition(".")
        if module not in NUMPY_MODULES:
            raise self.fail(ParseError, f"unknown function {dotted!r}", node)
        handler = getattr(self, f"np_{name}", None)
        if handler is not None:
            return handler(node)
        if name in self.functions:
            self._keywords(node, ())
            (arg,) = self._n_args(dotted, node, 1)
            return self._elementwise(name, self.array(arg), node)
        if name == "arange":
            raise self.fail(ParseError, "np.arange is supported only as the rows of a[np.arange(N), y]", node)
        raise self.fail(ParseError, f"unknown function {dotted!r}", node)

    def _call_method(self, name: str, value, node):
        if not isinstance(value, Array):
            raise self.fail(ParseError, f"{kind_of(value)} has no method .{name}()", node)
        handler = getattr(self, f"method_{name}", None)
        if handler is None:
            raise self.fail(UnsafeInputError, f"not allowed: the method .{name}()", node)
        return handler(value, node)


def read_numpy(text: str, shapes: dict[str, Shape], limits: Limits = LIMITS) -> tuple[Array, tuple[str, ...]]:
    """The value of one numpy expression (with numpy's ndim) and the reader's notes."""
    source, syntax = read_syntax(text, limits, mode="eval")
    reader = NumpyReader(shapes, source, limits)
    try:
        value = reader.visit(syntax)
    except RecursionError:
        raise UnsafeInputError("expression nested too deeply") from None
    if not isinstance(value, Array):
        raise ParseError(f"the answer must be an array or a number, not {kind_of(value)}")
    return value, tuple(reader.notes)


def parse_numpy(text: str, shapes: dict[str, Shape], limits: Limits = LIMITS) -> t.Node:
    """The typed tree of a numpy expression (``X.T @ (X @ w - y) / n``), with numpy's meaning."""
    return read_numpy(text, shapes, limits)[0].node
