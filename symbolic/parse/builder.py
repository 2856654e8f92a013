"""The ast visitor: one ``visit_<Node>`` per allowed node type, anything else refused by name.

latexify-py's shape: the allowlist is the set of visit methods; an unsupported node raises one
clear error naming the construct and its column.
"""
from __future__ import annotations

import ast
import math

import sympy

from ..errors import ParseError, UnsafeInputError, UnknownFunctionError
from ..names import CONSTANTS, GREEK, check_identifier, index, indexed, symbol
from .functions import FUNCTIONS
from .guards import NumberGuard, build_power
from .limits import LIMITS, Limits
from .tokens import PLACEHOLDERS

#: what each refused node type is called in the error message
_NAMES = {
    "Attribute": "attribute access", "Lambda": "lambda functions", "ListComp": "comprehensions",
    "SetComp": "comprehensions", "DictComp": "comprehensions", "GeneratorExp": "comprehensions",
    "Compare": "comparisons", "BoolOp": "boolean operators", "IfExp": "conditional expressions",
    "Starred": "starred arguments", "Slice": "slices", "JoinedStr": "f-strings",
    "NamedExpr": "assignment", "List": "lists", "Dict": "dictionaries", "Set": "sets",
    "Await": "await", "Yield": "yield", "YieldFrom": "yield",
}

N_EXAMPLES = sympy.Symbol("n", integer=True, positive=True)


def _where(node: ast.AST) -> str:
    return f"(column {getattr(node, 'col_offset', 0) + 1})"


class Builder:
    """Builds a sympy expression from an ``ast.Expression`` of the allowed shape."""

    def __init__(self, limits: Limits = LIMITS):
        self.limits = limits
        self.bound: dict[str, sympy.Symbol] = {}  # summation indices in scope
        self.guard = NumberGuard(limits)
        self.written: set[str] = set()  # every variable name as typed, before sympy cancels any (b - b)

    def _build(self, node: ast.AST, build) -> sympy.Expr:
        """Run one guarded sympy construction; errors name the column, numbers stay small."""
        try:
            return self.guard.check_size(build())
        except ParseError as err:
            if "(column" in str(err):
                raise
            raise type(err)(f"{err} {_where(node)}") from None
        except (ValueError, TypeError, ArithmeticError) as err:
            raise ParseError(f"cannot build this: {err} {_where(node)}") from None

    def visit(self, node: ast.AST) -> sympy.Expr:
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            what = _NAMES.get(type(node).__name__, type(node).__name__)
            raise UnsafeInputError(f"not allowed: {what} {_where(node)}")
        return method(node)

    def visit_Compare(self, node: ast.Compare) -> sympy.Expr:
        # not dangerous, only not text notation: the LaTeX reader takes (z > 0) as an indicator
        raise ParseError(f"comparisons such as this one {_where(node)} are not expressions; write indicator(z > 0) or "
                         "\\mathbb{1}[z > 0]")

    def visit_Expression(self, node: ast.Expression) -> sympy.Expr:
        return self.visit(node.body)

    def visit_Constant(self, node: ast.Constant) -> sympy.Expr:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise UnsafeInputError(f"not allowed: the constant {value!r} {_where(node)}")
        text = ast.get_source_segment(self.source, node) or repr(value)
        digits = sum(c.isdigit() for c in text.split("e")[0].split("E")[0])
        if digits > self.limits.max_digits:
            raise UnsafeInputError(f"number too long: at most {self.limits.max_digits} digits {_where(node)}")
        if isinstance(value, float):
            if not math.isfinite(value) or (value != 0 and not 10 ** -self.limits.max_literal_exponent
                                            <= abs(value) <= 10 ** self.limits.max_literal_exponent):
                raise UnsafeInputError(f"number out of range (1e-{self.limits.max_literal_exponent} to "
                                       f"1e{self.limits.max_literal_exponent}) {_where(node)}")
            return sympy.Rational(text.replace("_", "")) if text else sympy.Rational(repr(value))
        return sympy.Integer(value)

    def visit_Name(self, node: ast.Name) -> sympy.Expr:
        name = PLACEHOLDERS.get(node.id, node.id)
        if name in FUNCTIONS and name not in self.bound and name not in GREEK:  # sigma alone: the variable σ
            raise ParseError(f"{name} is a function: call it, e.g. {name}(z) {_where(node)}")
        if name in self.bound:
            return self.bound[name]
        if name in CONSTANTS:
            return CONSTANTS[name]
        if name == "n":  # the number of examples of (1/n) Σ_i, the same symbol as in the limits
            return N_EXAMPLES
        try:
            check_identifier(name)
        except UnsafeInputError as err:
            raise UnsafeInputError(f"{err} {_where(node)}") from None
        self.written.add(name)
        return symbol(name)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> sympy.Expr:
        operand = self.visit(node.operand)
        if isinstance(node.op, ast.USub):
            return self._build(node, lambda: -operand)
        if isinstance(node.op, ast.UAdd):
            return operand
        raise UnsafeInputError(f"not allowed: the operator {type(node.op).__name__} {_where(node)}")

    def visit_BinOp(self, node: ast.BinOp) -> sympy.Expr:
        if isinstance(node.op, (ast.Add, ast.Sub)):
            return self._chain(node, (ast.Add, ast.Sub), sympy.Add)
        if isinstance(node.op, (ast.Mult, ast.Div)):
            return self._chain(node, (ast.Mult, ast.Div), sympy.Mul)
        if isinstance(node.op, ast.Pow):
            return self._power(self.visit(node.left), self.visit(node.right), node)
        raise UnsafeInputError(f"not allowed: the operator {type(node.op).__name__} {_where(node)}")

    def _chain(self, node: ast.BinOp, ops: tuple[type[ast.operator], ...], combine) -> sympy.Expr:
        """a + b - c (or a * b / c) as one sympy Add (Mul): adding term by term is quadratic."""
        operands: list[tuple[ast.operator | None, ast.expr]] = []
        while isinstance(node, ast.BinOp) and isinstance(node.op, ops):
            operands.append((node.op, node.right))
            node = node.left
        operands.append((None, node))
        terms = []
        for op, operand in reversed(operands):
            value = self.visit(operand)
            if isinstance(op, ast.Sub):
                value = self._build(operand, lambda v=value: -v)
            elif isinstance(op, ast.Div):
                if value.is_zero:
                    raise ParseError(f"division by zero {_where(operand)}")
                value = self._build(operand, lambda v=value: sympy.Pow(v, -1))
            terms.append(value)
        return self._build(node, lambda: combine(*terms))

    def _power(self, base: sympy.Expr, exponent: sympy.Expr, node) -> sympy.Expr:
        if exponent.is_number and not exponent.is_real:
            raise ParseError(f"power with a non-real exponent {_where(node)}")

        def build() -> sympy.Expr:
            self.guard.check_power(base, exponent)  # before sympy computes anything
            return build_power(base, exponent)
        return self._build(node.right, build)

    def visit_Call(self, node: ast.Call) -> sympy.Expr:
        if not isinstance(node.func, ast.Name):
            raise UnsafeInputError(f"not allowed: calling anything but a function name {_where(node)}")
        if node.keywords:
            raise UnsafeInputError(f"not allowed: keyword arguments {_where(node)}")
        name = node.func.id
        if name == "Sum":
            return self._sum(node)
        entry = FUNCTIONS.get(name)
        if entry is None:
            known = ", ".join(sorted(FUNCTIONS))
            raise UnknownFunctionError(f"unknown function {name!r} {_where(node)} (known: {known}, Sum)")
        if not entry.min_args <= len(node.args) <= entry.max_args:
            count = entry.min_args if entry.min_args == entry.max_args else f"{entry.min_args} to {entry.max_args}"
            raise ParseError(f"{name} takes {count} argument(s), not {len(node.args)} {_where(node)}")
        args = [self.visit(a) for a in node.args]

        def build() -> sympy.Expr:
            if entry.guard:
                getattr(self.guard, entry.guard)(*args)
            try:
                return entry.build(*args)
            except (ValueError, TypeError) as err:
                raise ParseError(f"{name}: {err}") from None
        return self._build(node, build)

    def visit_Subscript(self, node: ast.Subscript) -> sympy.Expr:
        if not isinstance(node.value, ast.Name):
            raise UnsafeInputError(f"not allowed: indexing anything but a data name, like y[i] {_where(node)}")
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if len(items) > 2:
            raise ParseError(f"at most two indices, like W[i, j] {_where(node)}")
        base = indexed(PLACEHOLDERS.get(node.value.id, node.value.id))
        self.written.add(str(base))
        return base[tuple(self._index(i) for i in items)]

    def _index(self, node: ast.AST) -> sympy.Expr:
        if isinstance(node, ast.Name):
            return self.bound.get(node.id) or index(check_identifier(node.id))
        if isinstance(node, ast.Constant) and type(node.value) is int and 0 <= node.value <= 10**6:
            return sympy.Integer(node.value)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            left, right = self._index(node.left), self._index(node.right)
            return left + right if isinstance(node.op, ast.Add) else left - right
        raise UnsafeInputError(f"not allowed as an index: use a name, a number or i+1 {_where(node)}")

    def _sum(self, node: ast.Call) -> sympy.Expr:
        if len(node.args) < 2:
            raise ParseError(f"Sum needs a body and limits: Sum(expr, (i, 1, n)) {_where(node)}")
        limits = []
        for lim in node.args[1:]:
            if not (isinstance(lim, ast.Tuple) and len(lim.elts) == 3 and isinstance(lim.elts[0], ast.Name)):
                raise ParseError(f"Sum limits look like (i, 1, n) {_where(lim)}")
            i = index(check_identifier(lim.elts[0].id))
            limits.append((i, self._bound(lim.elts[1]), self._bound(lim.elts[2])))
        saved = dict(self.bound)
        self.bound.update({str(i): i for i, _, _ in limits})
        magnitudes = self.guard.enter_sum(limits)  # a numeric range bounds the index inside exp(...)
        try:
            body = self.visit(node.args[0])
        finally:
            self.bound = saved
            self.guard.leave_sum(magnitudes)
        return self._build(node, lambda: sympy.Sum(body, *limits))

    def _bound(self, node: ast.AST) -> sympy.Expr:
        if isinstance(node, ast.Constant) and type(node.value) is int:
            if node.value > self.limits.max_sum_bound:
                raise UnsafeInputError(f"sum bound too large (at most {self.limits.max_sum_bound}) {_where(node)}")
            return sympy.Integer(node.value)
        if isinstance(node, ast.Name):
            name = check_identifier(node.id)
            if name == "n":
                return N_EXAMPLES
            # the same symbol as the name elsewhere in the loss (the N of /N); the checker samples
            # every sum bound as a whole number
            self.written.add(name)
            return symbol(name)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
            return -self._bound(node.operand)
        raise ParseError(f"a sum bound is a whole number or a name {_where(node)}")
