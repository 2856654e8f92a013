"""The typed expression tree: small frozen nodes, each knowing its shape (rows, cols).

Vectors are columns (n × 1), scalars are 1 × 1.  Constructing a node checks the shapes of its
inputs and raises one ``ShapeError`` naming both operands and their shapes.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

import sympy

from .shapes import ShapeError, describe

ONE = sympy.Integer(1)


def _show(node: "Node") -> str:
    from .printing import unicode
    try:
        return unicode(node)
    except Exception:  # a message must never fail because a printer did
        return type(node).__name__


def _err(what: str, *nodes: "Node") -> ShapeError:
    shown = " and ".join(f"{_show(n)} ({describe(n.shape)})" for n in nodes)
    return ShapeError(f"{what} {shown}")


class Node:
    """Base of every node: structural equality and a cached hash (subtrees are shared freely)."""

    shape: tuple

    def children(self) -> tuple["Node", ...]:
        return tuple(getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), Node)) + \
            tuple(c for f in fields(self) if isinstance(getattr(self, f.name), tuple)
                  for c in getattr(self, f.name) if isinstance(c, Node))

    def _key(self):
        return (type(self),) + tuple(getattr(self, f.name) for f in fields(self) if f.name != "shape" or
                                     isinstance(self, (Var, Adjoint, Ones, Zeros)))

    def __hash__(self) -> int:
        h = self.__dict__.get("_hash")
        if h is None:
            h = hash(self._key())
            object.__setattr__(self, "_hash", h)
        return h

    def __eq__(self, other) -> bool:
        if self is other:
            return True
        if type(self) is not type(other) or hash(self) != hash(other):
            return False
        return self._key() == other._key()

    @property
    def rows(self):
        return self.shape[0]

    @property
    def cols(self):
        return self.shape[1]

    @property
    def is_scalar(self) -> bool:
        return self.shape == (ONE, ONE)

    @property
    def is_column(self) -> bool:
        return self.shape[1] == ONE and not self.is_scalar

    @property
    def is_row(self) -> bool:
        return self.shape[0] == ONE and not self.is_scalar

    @property
    def is_square(self) -> bool:
        return self.shape[0] == self.shape[1]


node = dataclass(frozen=True, eq=False)


def _set_shape(n: Node, shape) -> None:
    object.__setattr__(n, "shape", (sympy.sympify(shape[0]), sympy.sympify(shape[1])))


@node
class Var(Node):
    """A named input: a scalar (λ), a vector (w: d) or a matrix (X: n × d), with its domain."""
    name: str
    shape: tuple = (ONE, ONE)
    domain: str | None = None


@node
class Adjoint(Node):
    """∂L/∂v of a named intermediate v, a placeholder in the steps."""
    name: str
    shape: tuple = (ONE, ONE)


@node
class Const(Node):
    """A scalar number or a scalar expression of dims (1/n)."""
    value: sympy.Expr
    shape: tuple = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "value", sympy.sympify(self.value))
        _set_shape(self, (ONE, ONE))


@node
class Ones(Node):
    """The all-ones vector 1ₙ (or an all-ones rows × cols matrix)."""
    shape: tuple


@node
class Zeros(Node):
    """The zero tensor of a shape (the gradient of something that does not depend on it)."""
    shape: tuple


@node
class Identity(Node):
    """The n × n identity."""
    n: sympy.Expr
    shape: tuple = field(init=False)

    def __post_init__(self):
        _set_shape(self, (self.n, self.n))


@node
class MatMul(Node):
    """The matrix product AB."""
    left: Node
    right: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        if self.left.cols != self.right.rows:
            raise _err("cannot multiply", self.left, self.right)
        _set_shape(self, (self.left.rows, self.right.cols))


@node
class Transpose(Node):
    """Aᵀ."""
    arg: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        _set_shape(self, (self.arg.cols, self.arg.rows))


def transposed(n: Node) -> Node:
    """nᵀ, with (Aᵀ)ᵀ folded back to A as it is built (the parser's v @ M and v @ u make such pairs)."""
    return n.arg if isinstance(n, Transpose) else Transpose(n)


@node
class Add(Node):
    """A sum of terms of one shape."""
    terms: tuple
    shape: tuple = field(init=False)

    def __post_init__(self):
        first = self.terms[0]
        for t in self.terms[1:]:
            if t.shape != first.shape:
                raise _err("cannot add", first, t)
        _set_shape(self, first.shape)


@node
class Scale(Node):
    """A scalar times a tensor: cA."""
    scalar: Node
    arg: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        if not self.scalar.is_scalar:
            raise _err("not a scalar factor:", self.scalar)
        _set_shape(self, self.arg.shape)


@node
class Elementwise(Node):
    """f applied entry by entry (f from symbolic.functions; ``order`` 1 is its derivative f′)."""
    function: str
    arg: Node
    order: int = 0
    shape: tuple = field(init=False)

    def __post_init__(self):
        _set_shape(self, self.arg.shape)


@node
class Hadamard(Node):
    """The entrywise product A ⊙ B."""
    left: Node
    right: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        if self.left.shape != self.right.shape:
            raise _err("cannot multiply entry by entry", self.left, self.right)
        _set_shape(self, self.left.shape)


@node
class Power(Node):
    """A entry by entry to a constant power."""
    arg: Node
    exponent: sympy.Expr
    shape: tuple = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "exponent", sympy.sympify(self.exponent))
        _set_shape(self, self.arg.shape)


@node
class Sum(Node):
    """The sum of all entries (axis None), of each column (axis 0) or of each row (axis 1), numpy's way."""
    arg: Node
    axis: int | None = None
    shape: tuple = field(init=False)

    def __post_init__(self):
        a = self.arg
        if self.axis is None:
            _set_shape(self, (ONE, ONE))
        elif self.axis not in (0, 1):
            raise ShapeError(f"sum over axis {self.axis}: use axis=0 or axis=1")
        elif self.axis == 1 and (a.is_column or a.is_scalar):
            raise _err("sum(…, axis=1) needs a matrix, not", a)
        else:
            _set_shape(self, (a.cols, ONE) if self.axis == 0 else (a.rows, ONE))


@node
class Norm2(Node):
    """‖v‖ (2-norm) of a vector, ‖A‖_F of a matrix."""
    arg: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        _set_shape(self, (ONE, ONE))


def _square(n: Node, what: str) -> None:
    if not n.is_square:
        raise _err(f"{what} needs a square matrix, not", n)


@node
class Trace(Node):
    """tr A."""
    arg: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        _square(self.arg, "trace")
        _set_shape(self, (ONE, ONE))


@node
class Det(Node):
    """det A."""
    arg: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        _square(self.arg, "det")
        _set_shape(self, (ONE, ONE))


@node
class LogDet(Node):
    """log det A."""
    arg: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        _square(self.arg, "logdet")
        _set_shape(self, (ONE, ONE))


@node
class Inverse(Node):
    """A⁻¹."""
    arg: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        _square(self.arg, "inv")
        _set_shape(self, self.arg.shape)


@node
class Softmax(Node):
    """softmax of a vector; of each row of a matrix (a 1 × k row is one such row)."""
    arg: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        _set_shape(self, self.arg.shape)


@node
class LogSumExp(Node):
    """log Σ exp of a vector (a scalar); of each row of a matrix (a column of row values; a row gives one)."""
    arg: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        _set_shape(self, (ONE, ONE) if self.arg.is_column or self.arg.is_scalar else (self.arg.rows, ONE))


@node
class Diag(Node):
    """diag(v): the square matrix with v on its diagonal."""
    arg: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        if not self.arg.is_column:
            raise _err("diag of a vector needs a column, not", self.arg)
        _set_shape(self, (self.arg.rows, self.arg.rows))


@node
class DiagPart(Node):
    """diag(A) of a square matrix: the vector of its diagonal."""
    arg: Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        _square(self.arg, "diag")
        _set_shape(self, (self.arg.rows, ONE))


# ---- helpers used by the parser and the rules ---------------------------------------------------------

def const(value) -> Const:
    return Const(sympy.sympify(value))


def ones_like(n: Node) -> Node:
    """1 for a scalar, the all-ones tensor of n's shape otherwise."""
    return Const(ONE) if n.is_scalar else Ones(n.shape)


def scale(c, n: Node) -> Node:
    c = c if isinstance(c, Node) else const(c)
    return Scale(c, n)


def neg(n: Node) -> Node:
    return Scale(const(-1), n)


def add(*terms: Node) -> Node:
    terms = tuple(t for t in terms if t is not None)
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else Add(terms)


def is_symmetric(n: Node) -> bool:
    """Known symmetric from domains and structure (Aᵀ = A)."""
    if isinstance(n, Var):
        return n.domain in ("sym", "spd") or n.is_scalar
    if isinstance(n, (Identity, Const)):
        return True
    if isinstance(n, Ones):
        return n.is_square
    if isinstance(n, (Inverse, Transpose, Power, Elementwise)):
        return is_symmetric(n.arg)
    if isinstance(n, Scale):
        return is_symmetric(n.arg)
    if isinstance(n, Add):
        return all(is_symmetric(t) for t in n.terms)
    if isinstance(n, Hadamard):
        return is_symmetric(n.left) and is_symmetric(n.right)
    if isinstance(n, Diag):
        return True
    if isinstance(n, MatMul):  # A Aᵀ and Aᵀ A
        return n.right == transpose_of(n.left) or n.left == transpose_of(n.right)
    return False


def transpose_of(n: Node) -> Node:
    """Aᵀ, folding (Aᵀ)ᵀ = A and Sᵀ = S for a known symmetric S."""
    if isinstance(n, Transpose):
        return n.arg
    if n.is_scalar or is_symmetric(n):
        return n
    return Transpose(n)


def walk(root: Node):
    """Every distinct node once, children before parents (post-order)."""
    seen: set = set()
    order: list = []
    stack = [(root, False)]
    while stack:
        n, done = stack.pop()
        if done:
            order.append(n)
            continue
        if n in seen:
            continue
        seen.add(n)
        stack.append((n, True))
        for c in reversed(n.children()):
            if c not in seen:
                stack.append((c, False))
    return order


def variables(root: Node) -> dict[str, Var]:
    return {n.name: n for n in walk(root) if isinstance(n, Var)}
