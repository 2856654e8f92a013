"""Shapes of typed tensors: ``parse_shapes("X:n,d w:d y:n Y:n,k:onehot A:d,d:sym")``.

Every tensor is stored as rows × cols: a vector of length n is a column n × 1 (printed ``n``), a
scalar is 1 × 1 and needs no entry.  Dims are positive integer sympy Symbols (or plain integers).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy

from ..errors import ParseError
from ..names import check_identifier

#: what a tensor's entries are known to be; the simplifier and the checks use them
DOMAINS = {
    None: "any real entries",
    "pos": "positive entries",
    "prob": "entries in (0, 1)",
    "binary": "entries 0 or 1",
    "pm1": "entries -1 or +1",
    "onehot": "one-hot rows (each row has one 1, the rest 0)",
    "sym": "a symmetric square matrix",
    "spd": "a symmetric positive definite matrix",
}

MAX_NAMES = 32
MAX_DIMS = 4           # what parse_shapes reads; the tree handles vectors and matrices (2)
MAX_TEXT = 1000
MAX_LITERAL_DIM = 10**6


class ShapeError(ParseError):
    """Shapes that do not fit: adding n to 1 × n, a product of incompatible sizes, a bad declaration."""


def dim(name: str) -> sympy.Symbol:
    """The sympy Symbol of a dimension name (``n`` is the same symbol as the scalar parser's n)."""
    return sympy.Symbol(check_identifier(name), integer=True, positive=True)


@dataclass(frozen=True)
class Shape:
    """rows × cols of one tensor and what its entries are."""

    rows: sympy.Expr
    cols: sympy.Expr
    domain: str | None = None
    #: numpy's ndim as declared: 1 for ``y:n`` (a 1-D array), 2 for ``y:n,1`` (a column array), 0 a scalar;
    #: None when not declared (the numpy reader then takes a column for a 1-D array)
    ndim: int | None = field(default=None, compare=False)

    @property
    def dims(self) -> tuple[sympy.Expr, sympy.Expr]:
        return (self.rows, self.cols)

    def __str__(self) -> str:
        return describe((self.rows, self.cols))


def is_one(d) -> bool:
    return d == 1


def describe(dims) -> str:
    """``scalar``, ``n`` (a column), ``1 × n`` (a row) or ``n × d``."""
    rows, cols = dims
    if is_one(rows) and is_one(cols):
        return "scalar"
    if is_one(cols):
        return str(rows)
    return f"{rows} × {cols}"


def _dim(token: str, where: str):
    if token.isdigit():
        value = int(token)
        if not 1 <= value <= MAX_LITERAL_DIM:
            raise ShapeError(f"dimension {token} of {where} out of range (1 to {MAX_LITERAL_DIM})")
        return sympy.Integer(value)
    try:
        return dim(token)
    except ParseError:
        raise ShapeError(f"dimension {token!r} of {where} is not a name or a whole number") from None


def parse_shapes(text: str) -> dict[str, Shape]:
    """``"X:n,d w:d"`` → {"X": Shape(n, d), "w": Shape(d, 1)}; a name per entry, dims, an optional domain."""
    if not isinstance(text, str):
        raise TypeError("shapes must be a string")
    if len(text) > MAX_TEXT:
        raise ShapeError(f"--shapes too long: at most {MAX_TEXT} characters")
    entries = [e for e in re.split(r"[\s;]+", text.strip()) if e]
    if not entries:
        raise ShapeError("--shapes is empty: write e.g. 'X:n,d w:d y:n'")
    if len(entries) > MAX_NAMES:
        raise ShapeError(f"--shapes declares too many names: at most {MAX_NAMES}")
    shapes: dict[str, Shape] = {}
    for entry in entries:
        parts = entry.split(":")
        if len(parts) not in (2, 3) or not parts[1]:
            raise ShapeError(f"cannot read {entry!r}: write name:dims[:domain], e.g. X:n,d or A:d,d:sym")
        name = parts[0]
        try:
            check_identifier(name)
        except ParseError as err:
            raise ShapeError(f"in --shapes: {err}") from None
        if name in shapes:
            raise ShapeError(f"{name} is declared twice in --shapes")
        tokens = parts[1].split(",")
        if len(tokens) > MAX_DIMS:
            raise ShapeError(f"{name} has {len(tokens)} dims: at most {MAX_DIMS}")
        if len(tokens) > 2:
            raise ShapeError(f"{name} has {len(tokens)} dims: only vectors and matrices (1 or 2 dims) are supported yet")
        dims = [_dim(t, name) for t in tokens]
        domain = parts[2] if len(parts) == 3 else None
        if domain not in DOMAINS:
            known = ", ".join(d for d in DOMAINS if d)
            raise ShapeError(f"unknown domain {domain!r} of {name} (known: {known})")
        rows, cols = (dims[0], sympy.Integer(1)) if len(dims) == 1 else dims
        if domain in ("sym", "spd") and rows != cols:
            raise ShapeError(f"{name} is declared {domain} but is {describe((rows, cols))}, not square")
        if domain == "onehot" and len(dims) != 2:
            raise ShapeError(f"{name} is declared onehot: give it rows and classes, e.g. {name}:n,k")
        shapes[name] = Shape(rows, cols, domain, len(dims))
    dim_names = {str(s) for sh in shapes.values() for s in (sh.rows, sh.cols) if isinstance(s, sympy.Symbol)}
    clash = dim_names & set(shapes)
    if clash:
        raise ShapeError(f"{sorted(clash)[0]} is both a tensor and a dimension in --shapes")
    return shapes
