"""The operations the LaTeX reader builds with: the text parser's own, reached through a thin subclass.

``LatexBuilder`` is ``TensorBuilder`` fed with small ``ast`` nodes whose leaves are already-built
trees, so ``+ - * / **``, ``@``, broadcasting, constant folding, number limits and the functions
(``trace``, ``softmax``, ``maximum(0, E)``, the registry's elementwise names) keep one home.  Only the
readings LaTeX adds live here: juxtaposition and ``\\cdot`` (a matrix product by shapes), ``⊙``, and
``\\mathbf{1}`` / ``I`` whose size is read from what they meet (``Pending``).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

import sympy

from ..errors import ParseError
from . import tree as t
from .parse import TensorBuilder
from .shapes import describe

_OPS = {"+": ast.Add, "-": ast.Sub, "*": ast.Mult, "/": ast.Div, "**": ast.Pow, "@": ast.MatMult}


def _at(node: ast.AST, column: int) -> ast.AST:
    node.col_offset = column - 1
    return node


@dataclass(frozen=True)
class Pending:
    """``\\mathbf{1}`` (``ones``) or ``I`` (``identity``) whose size comes from what it meets; ``row`` after ᵀ."""

    kind: str
    column: int
    row: bool = False
    factor: t.Node | None = None
    right: t.Node | None = None  # 1 μᵀ: the row it multiplies, resolved when the sum gives the rows

    def show(self) -> str:
        return r"\mathbf{1}" if self.kind == "ones" else "I"


class LatexBuilder(TensorBuilder):
    """TensorBuilder whose ``visit`` passes finished trees through (the leaves of the ast nodes built here)."""

    def visit(self, node):
        if isinstance(node, t.Node):
            return node
        return super().visit(node)

    # ---- the text parser's operations -------------------------------------------------------------
    def binary(self, op: str, left: t.Node, right: t.Node, column: int) -> t.Node:
        return self.visit(_at(ast.BinOp(left=left, op=_OPS[op](), right=right), column))

    def negate(self, operand: t.Node, column: int) -> t.Node:
        return self.visit(_at(ast.UnaryOp(op=ast.USub(), operand=operand), column))

    def call(self, name: str, args: list, column: int, axis: int | None = None) -> t.Node:
        keywords = [] if axis is None else [ast.keyword(arg="axis", value=ast.Constant(axis))]
        return self.visit(_at(ast.Call(func=ast.Name(id=name), args=list(args), keywords=keywords), column))

    def number(self, text: str, column: int) -> t.Node:
        value = float(text) if any(c in text for c in ".eE") else int(text)
        return self.visit(_at(ast.Constant(value=value), column))

    def name(self, identifier: str, column: int) -> t.Node:
        return self.visit(_at(ast.Name(id=identifier), column))

    # ---- what LaTeX adds ------------------------------------------------------------------------
    def juxtapose(self, left, right, column: int):
        """``2\\lambda w``, ``X^T(Xw - y)``, ``\\delta x^T``: a scalar scales, two tensors are a matrix product."""
        if isinstance(left, Pending) and left.kind == "ones" and not left.row and left.right is None and \
                isinstance(right, t.Node) and right.is_row:
            return Pending("ones", left.column, False, left.factor, right)
        left, right = self.meet(left, right, "product", column)
        if left.is_scalar or right.is_scalar:
            return self.binary("*", left, right, column)
        if isinstance(left, t.Scale):  # (cA)B = c(AB): the scalar stays in front, as the text parser has it
            return self.binary("*", left.scalar, self.juxtapose(left.arg, right, column), column)
        return self.matrix_product(left, right, column)

    def dot(self, left, right, column: int):
        """``a \\cdot b``: a scalar product, a matrix product, or uᵀv of two vectors of one length."""
        left, right = self.meet(left, right, "product", column)
        if not (left.is_scalar or right.is_scalar) and left.cols != right.rows and \
                left.is_column and left.shape == right.shape:
            return self.binary("@", left, right, column)  # numpy's v @ v: the inner product
        return self.juxtapose(left, right, column)

    def times(self, left, right, column: int, sign: str):
        """``*`` and ``\\times`` multiply by a scalar; between two tensors they could mean ⊙, × or the product."""
        if isinstance(left, Pending) and left.kind == "ones" and not left.row and left.right is None and \
                isinstance(right, t.Node) and right.is_row:
            return Pending("ones", left.column, False, left.factor, right)
        left, right = self.meet(left, right, "product", column)
        if left.is_scalar or right.is_scalar:
            return self.binary("*", left, right, column)
        raise ParseError(f"{sign} between two tensors at column {column} is ambiguous: write \\odot for the "
                         r"entrywise product, or \cdot or nothing for the matrix product")

    def hadamard(self, left, right, column: int, divide: bool = False):
        """``a \\odot b`` (``\\circ``) of one shape, or by a scalar; ``\\oslash`` divides entry by entry."""
        left, right = self.meet(left, right, "sum", column)
        if left.is_scalar or right.is_scalar:
            return self.binary("/" if divide else "*", left, right, column)
        if left.shape != right.shape:
            raise self.where(t._err("cannot multiply entry by entry", left, right), column)
        return self.binary("/" if divide else "*", left, right, column)

    def add(self, left, right, column: int, sign: str = "+"):
        left, right = self.meet(left, right, "sum", column)
        return self.binary(sign, left, right, column)

    def matrix_product(self, left: t.Node, right: t.Node, column: int) -> t.Node:
        if left.cols != right.rows:
            raise self.where(t._err("cannot multiply", left, right), column)
        return t.MatMul(left, right)

    @staticmethod
    def where(error: Exception, column: int) -> Exception:
        return type(error)(f"{error} (column {column})")

    # ---- \mathbf{1} and I --------------------------------------------------------------------------
    def meet(self, left, right, how: str, column: int):
        """Give a Pending its size from the other operand (``how``: a sum, ⊙ or a product)."""
        if isinstance(left, Pending) and isinstance(right, Pending):
            raise ParseError(f"cannot tell the sizes of {left.show()} and {right.show()} at column {column}; "
                             r"write \mathbf{1}_n or I_d")
        if isinstance(left, Pending):
            return self.resolve(left, self._size(left, right, how, "left"), column), right
        if isinstance(right, Pending):
            return left, self.resolve(right, self._size(right, left, how, "right"), column)
        return left, right

    def _size(self, pending: Pending, other: t.Node, how: str, side: str):
        if how == "sum" or other.is_scalar:
            return other.shape if not other.is_scalar else None
        if pending.kind == "identity":
            return (other.rows,) * 2 if side == "left" else (other.cols,) * 2
        if side == "left":
            return (sympy.Integer(1), other.rows) if pending.row else None
        return (other.cols, sympy.Integer(1)) if not pending.row else None

    def resolve(self, pending: Pending, shape, column: int | None = None) -> t.Node:
        """The tree of a Pending at ``shape`` (None: the size cannot be read)."""
        if shape is None:
            raise ParseError(f"cannot tell the size of {pending.show()} at column {pending.column}; "
                             r"write \mathbf{1}_n, I_d or declare it")
        if pending.kind == "identity":
            if shape[0] != shape[1]:
                raise ParseError(f"I at column {pending.column} would have to be {describe(shape)}, not square")
            node = t.Identity(shape[0])
        elif pending.right is not None:
            if pending.right.cols != shape[1]:
                raise ParseError(f"{pending.show()} at column {pending.column} times a row of {pending.right.cols} "
                                 f"entries cannot be {describe(shape)}")
            node = t.MatMul(t.Ones((shape[0], sympy.Integer(1))), pending.right)
        else:
            node = t.Const(1) if shape == (1, 1) else t.Ones(shape)
        return node if pending.factor is None else self.binary("*", pending.factor, node, pending.column)

    def scale_pending(self, factor: t.Node, pending: Pending, column: int) -> Pending:
        if not factor.is_scalar:
            raise ParseError(f"cannot tell the size of {pending.show()} at column {pending.column}; "
                             r"write \mathbf{1}_n or I_d")
        total = factor if pending.factor is None else self.binary("*", factor, pending.factor, column)
        return Pending(pending.kind, pending.column, pending.row, total, pending.right)
