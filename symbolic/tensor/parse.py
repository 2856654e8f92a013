"""Typed matrix objectives from text, with numpy's meaning: ``norm(X@w - y)**2 + lambda*w@w``.

The text goes through Python's ``ast`` and an allowlist of node types (one ``visit_<Node>`` each);
nothing is ever evaluated.  Shapes come from ``parse_shapes``; a name without a shape is a scalar,
a dimension name (``n``) is a number.  Vectors are columns; ``v@w`` of two vectors is the inner
product vᵀw and ``v@M`` is Mᵀv, as in numpy; ``.T`` of a vector makes a row.
"""
from __future__ import annotations

import ast
import warnings

import sympy

from ..errors import ParseError, UnsafeInputError
from ..names import CONSTANTS, GREEK, check_identifier
from ..parse.limits import LIMITS, Limits
from ..parse import check_syntax_size
from ..parse.tokens import PLACEHOLDERS, RENAMED, preprocess
from . import tree as t
from .shapes import Shape, ShapeError, dim

#: functions of this notation (after np./np.linalg. prefixes are dropped) → builder method name
STRUCTURAL = {
    "sum": "_sum", "mean": "_mean", "softmax": "_unary", "logsumexp": "_unary", "norm": "_unary",
    "trace": "_unary", "det": "_unary", "logdet": "_unary", "inv": "_unary", "diag": "_unary",
    "transpose": "_unary", "sqrt": "_unary", "outer": "_binary", "dot": "_binary", "matmul": "_binary",
    "maximum": "_maximum", "ones": "_constant_tensor", "zeros": "_constant_tensor", "eye": "_eye",
}
#: registry functions that make no sense entry by entry here (several arguments, indices, complex parts)
_NOT_ELEMENTWISE = {"indicator", "softmax", "max", "min", "sigma_prime", "Heaviside", "KroneckerDelta",
                    "re", "im", "sqrt", "linear"}
_PREFIXES = ("np.linalg.", "numpy.linalg.", "np.", "numpy.", "scipy.special.")
MAX_NESTING = 100


def _where(node: ast.AST) -> str:
    return f"(column {getattr(node, 'col_offset', 0) + 1})"


def elementwise_functions() -> dict[str, str]:
    """Every spelling accepted entry by entry → the registry's canonical name."""
    from ..functions import FUNCTIONS
    out = {}
    for name, info in FUNCTIONS.items():
        if name in _NOT_ELEMENTWISE or info.arity[0] != 1:
            continue
        for spelling in (name, *info.text_names):
            out[spelling] = name
    return out


class TensorBuilder:
    """Builds a typed tree from an ``ast.Expression``; every refused construct is one error naming it."""

    def __init__(self, shapes: dict[str, Shape], source: str, limits: Limits = LIMITS):
        self.shapes = shapes
        self.source = source
        self.limits = limits
        self.dims = {str(s): s for sh in shapes.values() for s in sh.dims if isinstance(s, sympy.Symbol)}
        self.functions = elementwise_functions()

    def visit(self, node: ast.AST) -> t.Node:
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise UnsafeInputError(f"not allowed: {type(node).__name__} {_where(node)}")
        try:
            return method(node)
        except ShapeError as err:
            if "(column" in str(err):
                raise
            raise ShapeError(f"{err} {_where(node)}") from None

    def visit_Expression(self, node):
        return self.visit(node.body)

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise UnsafeInputError(f"not allowed: the constant {value!r} {_where(node)}")
        text = ast.get_source_segment(self.source, node) or repr(value)
        if sum(c.isdigit() for c in text) > self.limits.max_digits:
            raise UnsafeInputError(f"number too long: at most {self.limits.max_digits} digits {_where(node)}")
        if isinstance(value, float):
            if not (value == 0 or 10 ** -self.limits.max_literal_exponent <= abs(value)
                    <= 10 ** self.limits.max_literal_exponent):
                raise UnsafeInputError(f"number out of range {_where(node)}")
            return t.Const(sympy.Rational(text.replace("_", "")))
        return t.Const(sympy.Integer(value))

    def visit_Name(self, node):
        name = PLACEHOLDERS.get(node.id, node.id)
        if name in self.shapes:
            sh = self.shapes[name]
            return t.Var(name, (sh.rows, sh.cols), sh.domain)
        if name in self.dims:
            return t.Const(self.dims[name])
        if name in CONSTANTS:
            return t.Const(CONSTANTS[name])
        if (name in STRUCTURAL or name in self.functions) and name not in GREEK:
            raise ParseError(f"{name} is a function: call it, e.g. {name}(x) {_where(node)}")
        try:
            check_identifier(name)
        except UnsafeInputError as err:
            raise UnsafeInputError(f"{err} {_where(node)}") from None
        return t.Var(name)

    def visit_Attribute(self, node):
        if node.attr == "T":
            return t.transposed(self.visit(node.value)) if not self.visit(node.value).is_scalar \
                else self.visit(node.value)
        raise UnsafeInputError(f"not allowed: attribute .{node.attr} (only .T, the transpose) {_where(node)}")

    def visit_UnaryOp(self, node):
        operand = self.visit(node.operand)
        if isinstance(node.op, ast.USub):
            if isinstance(operand, t.Const):
                return t.Const(-operand.value)
            return t.neg(operand)
        if isinstance(node.op, ast.UAdd):
            return operand
        raise UnsafeInputError(f"not allowed: the operator {type(node.op).__name__} {_where(node)}")

    def visit_BinOp(self, node):
        op = type(node.op).__name__
        if op not in ("Add", "Sub", "Mult", "Div", "Pow", "MatMult"):
            raise UnsafeInputError(f"not allowed: the operator {op} {_where(node)}")
        left, right = self.visit(node.left), self.visit(node.right)
        return getattr(self, f"_{op.lower()}")(left, right, node)

    # ---- broadcasting, numpy's rules for scalars and for a vector against the rows of a matrix
    def _broadcast(self, left, right, what: str):
        if left.shape == right.shape:
            return left, right
        if left.is_scalar:
            return self._spread(left, right.shape), right
        if right.is_scalar:
            return left, self._spread(right, left.shape)
        matrix = lambda x: not (x.is_column or x.is_row or x.is_scalar)  # noqa: E731
        if matrix(left) and right.is_column and right.rows == left.cols:  # numpy: a vector spreads over rows
            return left, t.MatMul(t.Ones((left.rows, 1)), t.transposed(right))
        if matrix(right) and left.is_column and left.rows == right.cols:
            return t.MatMul(t.Ones((right.rows, 1)), t.transposed(left)), right
        if matrix(right) and left.is_row and right.cols == left.cols:
            return t.MatMul(t.Ones((right.rows, 1)), left), right
        if matrix(left) and right.is_row and left.cols == right.cols:
            return left, t.MatMul(t.Ones((left.rows, 1)), right)
        raise t._err(what, left, right)

    @staticmethod
    def _spread(scalar, shape):
        ones = t.Ones(shape)
        return ones if scalar == t.Const(1) else t.Scale(scalar, ones)

    def _add(self, left, right, node):
        if left.is_scalar and right.is_scalar and isinstance(left, t.Const) and isinstance(right, t.Const):
            return t.Const(left.value + right.value)
        left, right = self._broadcast(left, right, "cannot add")
        return t.Add((left, right))

    def _sub(self, left, right, node):
        if isinstance(left, t.Const) and isinstance(right, t.Const):
            return t.Const(left.value - right.value)
        if left.shape != right.shape and not (left.is_scalar or right.is_scalar):
            left, right = self._broadcast(left, right, "cannot add")
        return self._add(left, t.Const(-right.value) if isinstance(right, t.Const) else t.neg(right), node)

    def _mult(self, left, right, node):
        if isinstance(left, t.Const) and isinstance(right, t.Const):
            return t.Const(left.value * right.value)
        if right.is_scalar and (not left.is_scalar or isinstance(right, t.Const)):
            return t.Scale(right, left)
        if left.is_scalar:
            return t.Scale(left, right)
        left, right = self._broadcast(left, right, "cannot multiply entry by entry")
        return t.Hadamard(left, right)

    def _div(self, left, right, node):
        if isinstance(right, t.Const):
            if right.value == 0:
                raise ParseError(f"division by zero {_where(node)}")
            return self._mult(left, t.Const(1 / right.value), node)
        return self._mult(left, t.Power(right, -1), node)

    def _pow(self, base, exponent, node):
        if not isinstance(exponent, t.Const) or not exponent.value.is_Rational:
            raise ParseError(f"powers need a constant number as exponent (x**2, x**0.5) {_where(node)}")
        if abs(exponent.value) > self.limits.max_exponent:
            raise UnsafeInputError(f"exponent too large: at most {self.limits.max_exponent} {_where(node)}")
        if isinstance(base, t.Const):
            if base.value.is_number and abs(base.value) > 10**6 and abs(exponent.value) > 10:
                raise UnsafeInputError(f"number too large {_where(node)}")
            if base.value == 0 and exponent.value < 0:
                raise ParseError(f"division by zero {_where(node)}")
            return t.Const(base.value ** exponent.value)
        return t.Power(base, exponent.value)

    def _matmult(self, left, right, node):
        if left.is_scalar or right.is_scalar:
            raise t._err("@ needs vectors or matrices, not", left, right)
        if left.is_column and right.is_column:  # numpy: the inner product of two vectors
            if left.rows != right.rows:
                raise t._err("cannot multiply", left, right)
            return t.MatMul(t.transposed(left), right)
        if left.is_column and not right.is_row:  # numpy: v @ M = Mᵀv for a 1-D v
            if left.rows != right.rows:
                raise t._err("cannot multiply", left, right)
            return t.transposed(t.MatMul(t.transposed(left), right))
        return t.MatMul(left, right)

    # ---- calls
    def visit_Call(self, node):
        name = self._function_name(node.func)
        for kw in node.keywords:
            if kw.arg != "axis" or name not in ("sum", "mean"):
                raise UnsafeInputError(f"not allowed: keyword argument {kw.arg}= in {name} {_where(node)}")
        if name in STRUCTURAL:
            return getattr(self, STRUCTURAL[name])(name, node)
        canonical = self.functions.get(name)
        if canonical is None:
            known = ", ".join(sorted(set(STRUCTURAL) | set(self.functions)))
            raise ParseError(f"unknown function {name!r} {_where(node)} (known: {known})")
        (arg,) = self._args(name, node, 1)
        return t.Elementwise(canonical, arg)

    def _function_name(self, func) -> str:
        if isinstance(func, ast.Name):
            return func.id
        parts = []
        while isinstance(func, ast.Attribute):
            parts.append(func.attr)
            func = func.value
        if isinstance(func, ast.Name):
            dotted = ".".join([func.id, *reversed(parts)])
            for prefix in _PREFIXES:
                if dotted.startswith(prefix) and "." not in dotted[len(prefix):]:
                    return dotted[len(prefix):]
        raise UnsafeInputError(f"not allowed: calling anything but a function name (np.sum, norm, …) {_where(func)}")

    def _args(self, name, node, count):
        if len(node.args) != count:
            raise ParseError(f"{name} takes {count} argument(s), not {len(node.args)} {_where(node)}")
        return [self.visit(a) for a in node.args]

    def _axis(self, name, node):
        if not node.keywords and len(node.args) == 1:
            return None
        value = node.keywords[0].value if node.keywords else (node.args[1] if len(node.args) == 2 else None)
        if len(node.args) + len(node.keywords) != 2 or not isinstance(value, ast.Constant) or \
                value.value not in (0, 1) or isinstance(value.value, bool):
            raise ParseError(f"{name}(E) or {name}(E, axis=0 or 1) {_where(node)}")
        return value.value

    def _sum(self, name, node):
        axis = self._axis(name, node)
        arg = self.visit(node.args[0])
        return arg if arg.is_scalar and axis is None else t.Sum(arg, axis)

    def _mean(self, name, node):
        total = self._sum("mean", node)
        arg = total.arg if isinstance(total, t.Sum) else total
        count = {None: arg.rows * arg.cols, 0: arg.rows, 1: arg.cols}[total.axis if isinstance(total, t.Sum) else None]
        return total if count == 1 else t.Scale(t.Const(1 / count), total)

    def _unary(self, name, node):
        (arg,) = self._args(name, node, 1)
        if name == "sqrt":
            return t.Power(arg, sympy.Rational(1, 2))
        if name == "transpose":
            return arg if arg.is_scalar else t.transposed(arg)
        if name == "diag":
            if arg.is_column:
                return t.Diag(arg)
            return t.DiagPart(arg)
        if name in ("softmax", "logsumexp") and arg.is_scalar:
            raise t._err(f"{name} needs a vector or a matrix, not", arg)
        cls = {"softmax": t.Softmax, "logsumexp": t.LogSumExp, "norm": t.Norm2, "trace": t.Trace, "det": t.Det,
               "logdet": t.LogDet, "inv": t.Inverse}[name]
        if arg.is_scalar and name == "inv":
            return t.Power(arg, -1)
        return cls(arg)

    def _binary(self, name, node):
        left, right = self._args(name, node, 2)
        if name == "outer":
            if not (left.is_column and right.is_column):
                raise t._err("outer needs two vectors, not", left, right)
            return t.MatMul(left, t.transposed(right))
        if left.is_scalar or right.is_scalar:
            return self._mult(left, right, node)
        return self._matmult(left, right, node)

    def _maximum(self, name, node):
        left, right = self._args(name, node, 2)
        if left == t.Const(0):
            return t.Elementwise("relu", right)
        if right == t.Const(0):
            return t.Elementwise("relu", left)
        raise ParseError(f"maximum is supported as maximum(0, E) (the ReLU) {_where(node)}")

    def _dims_of(self, node: ast.AST):
        items = node.elts if isinstance(node, ast.Tuple) else [node]
        if not 1 <= len(items) <= 2:
            raise ParseError(f"a shape has one or two dims {_where(node)}")
        dims = []
        for item in items:
            if isinstance(item, ast.Name) and item.id in self.dims:
                dims.append(self.dims[item.id])
            elif isinstance(item, ast.Constant) and type(item.value) is int and 1 <= item.value <= 10**6:
                dims.append(sympy.Integer(item.value))
            else:
                raise ParseError(f"a dim is a declared dimension name or a whole number {_where(item)}")
        return (dims[0], sympy.Integer(1)) if len(dims) == 1 else tuple(dims)

    def _constant_tensor(self, name, node):
        if len(node.args) == 2:
            shape = self._dims_of(ast.Tuple(elts=node.args))
        elif len(node.args) == 1:
            shape = self._dims_of(node.args[0])
        else:
            raise ParseError(f"{name}(n) or {name}((n, k)) {_where(node)}")
        if shape == (1, 1):
            return t.Const(1 if name == "ones" else 0)
        return t.Ones(shape) if name == "ones" else t.Zeros(shape)

    def _eye(self, name, node):
        if len(node.args) != 1:
            raise ParseError(f"eye(n) takes one dim {_where(node)}")
        return t.Identity(self._dims_of(node.args[0])[0])


#: what a tensor expression may not contain: several statements or assignments (``axis=0`` is a keyword)
_FORBIDDEN = (";", ":=", "@=")


def _checked_text(text: str, limits: Limits, what: str = "expression") -> str:
    """The length, emptiness and bracket-nesting checks every reader makes before ``ast`` sees the text."""
    if not isinstance(text, str):
        raise TypeError(f"the {what} must be a string")
    if len(text) > limits.max_length:
        raise UnsafeInputError(f"{what} too long: at most {limits.max_length} characters")
    if not text.strip():
        raise ParseError(f"the {what} is empty")
    depth = deepest = 0
    for c in text:
        depth += c in "([{"
        depth -= c in ")]}"
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        raise UnsafeInputError(f"{what} nested too deeply: at most {MAX_NESTING} parentheses")
    return text


def _ast(source: str, mode: str, what: str) -> ast.AST:
    try:
        with warnings.catch_warnings():  # "invalid decimal literal" and friends: the error or the reading says it
            warnings.simplefilter("ignore")
            return ast.parse(source, mode=mode)
    except SyntaxError as err:
        where = f"line {err.lineno}, column {err.offset or 0}" if mode == "exec" else f"column {err.offset or 0}"
        raise ParseError(f"cannot read the {what}: {err.msg} ({where})") from None
    except (RecursionError, MemoryError, ValueError):
        raise UnsafeInputError(f"{what} too complex to read") from None


def _lambda_as_a_name(source: str) -> str:
    """``lambda*w`` (the regularization strength, as the loss writes it) reads as the name ``lambda_``; a real
    ``lambda x: …`` stays a lambda (and the allowlist refuses it)."""
    if "lambda" not in source:
        return source
    import io
    import tokenize
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return source
    significant = [k for k, tok in enumerate(toks) if tok.type not in (tokenize.NL, tokenize.COMMENT)]
    out = list(toks)
    for position, k in enumerate(significant):
        tok = toks[k]
        if tok.type == tokenize.NAME and tok.string == "lambda":
            after = toks[significant[position + 1]] if position + 1 < len(significant) else None
            if after is None or not (after.type == tokenize.NAME or after.string == ":"):
                out[k] = tok._replace(string=RENAMED["lambda"])
    if out == toks:
        return source
    try:
        return tokenize.untokenize(out)
    except ValueError:
        return source


def read_syntax(text: str, limits: Limits = LIMITS, mode: str = "eval", what: str = "expression"):
    """(source, syntax tree) of Python-spelled numpy code, bounded, without this notation's rewrites
    (``^`` stays exclusive or, strings are allowed for keys and dtypes); the caller's allowlist decides."""
    source = _checked_text(text, limits, what)
    source = source.strip() if mode == "eval" else source
    source = _lambda_as_a_name(source)
    syntax = _ast(source, mode, what)
    check_syntax_size(syntax, limits)
    return source, syntax


def parse(text: str, shapes: dict[str, Shape], limits: Limits = LIMITS) -> t.Node:
    """The typed tree of ``text`` (a scalar objective or any tensor expression), shapes checked."""
    if not isinstance(text, str):
        raise TypeError("the objective must be a string")
    _checked_text(text, limits)
    source = preprocess(text.strip(), _FORBIDDEN).strip()
    syntax = _ast(source, "eval", "expression")
    check_syntax_size(syntax, limits)
    try:
        return TensorBuilder(shapes, source, limits).visit(syntax)
    except RecursionError:
        raise UnsafeInputError("expression nested too deeply") from None


def parse_numpy(text: str, shapes: dict[str, Shape], limits: Limits = LIMITS) -> t.Node:
    """The typed tree of numpy code (``X.T.dot(X.dot(w) - y)``) with numpy's exact meaning: 1-D
    arrays, broadcasting, ``keepdims`` (see ``numpy_expr``)."""
    from .numpy_expr import parse_numpy as read
    return read(text, shapes, limits)


def parse_objective(text: str, shapes: dict[str, Shape], limits: Limits = LIMITS) -> t.Node:
    """Like ``parse``, but the result must be a scalar (the objective L); LaTeX (``\\frac{1}{n}\\|Xw - y\\|^2``)
    is read by the LaTeX reader."""
    if isinstance(text, str) and any(c in text for c in "\\^{}$"):
        from .latex import parse_latex
        tree = parse_latex(text, shapes, limits=limits)
    else:
        tree = parse(text, shapes, limits)
    from .simplify import scalars_first
    tree = scalars_first(tree)  # (λw)ᵀw is λ(wᵀw) before anything is named, drawn or compiled
    if not tree.is_scalar:
        from .printing import unicode
        from .shapes import describe
        raise ShapeError(f"the objective must be a scalar, but {unicode(tree)} is {describe(tree.shape)}; "
                         "wrap it in sum(…) or norm(…)**2")
    return tree


__all__ = ["parse", "parse_numpy", "parse_objective", "read_syntax", "dim"]
