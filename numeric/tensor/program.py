"""A typed tree lowered to a flat program: one step per distinct node, shared by every output.

Structurally equal subtrees are one step (common subexpressions once: the loss and its gradients share
the forward pass), matrix chains are associated the cheap way (Xᵀ(Xw), not (XᵀX)w), and softmax and
logsumexp of the same logits (so log softmax too) share one max-shifted exponential.  ``schedule(outputs)``
lists the steps those outputs need, with each intermediate released after its last use.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from symbolic.tensor import tree as t

#: what a symbolic dim counts as when the association of a chain is chosen (a literal 1 stays 1)
TYPICAL_DIM = 1000


@dataclass(frozen=True)
class Step:
    """One operation: its name (a method of ``ops.Ops``), its input steps, fixed attributes, its shape."""

    op: str
    args: tuple[int, ...]
    attrs: tuple
    shape: tuple


@dataclass(frozen=True)
class Schedule:
    """The steps some outputs need, in order, and the slots free after each step."""

    order: tuple[int, ...]
    release: tuple[tuple[int, ...], ...]
    outputs: tuple[int, ...]


#: tree node type → step op (the nodes with attributes or special lowering are handled in ``_lower``)
_SIMPLE = {t.MatMul: "matmul", t.Transpose: "transpose", t.Scale: "scale", t.Hadamard: "mul",
           t.Norm2: "norm", t.Trace: "trace", t.Det: "det", t.LogDet: "logdet", t.Inverse: "inv",
           t.Diag: "diag", t.DiagPart: "diagonal"}
#: the projections of one max-shifted exponential
_SOFTMAX_FAMILY = {t.Softmax: "softmax", t.LogSumExp: "logsumexp"}


def _size(d) -> int:
    d = sympy.sympify(d)
    return int(d) if d.is_Integer else TYPICAL_DIM


def associate(factors: list[t.Node]) -> t.Node:
    """The product of ``factors`` with the fewest multiplications (matrix-chain order), dims at ``TYPICAL_DIM``."""
    k = len(factors)
    dims = [_size(factors[0].rows)] + [_size(f.cols) for f in factors]
    cost = [[0] * k for _ in range(k)]
    split = [[0] * k for _ in range(k)]
    for length in range(2, k + 1):
        for i in range(k - length + 1):
            j = i + length - 1
            cost[i][j] = None
            for m in range(i, j):
                c = cost[i][m] + cost[m + 1][j] + dims[i] * dims[m + 1] * dims[j + 1]
                if cost[i][j] is None or c < cost[i][j]:
                    cost[i][j], split[i][j] = c, m

    def build(i, j):
        return factors[i] if i == j else t.MatMul(build(i, split[i][j]), build(split[i][j] + 1, j))
    return build(0, k - 1)


def _negated(n: t.Node) -> t.Node | None:
    return n.arg if isinstance(n, t.Scale) and n.scalar == t.Const(-1) else None


def _chain(n: t.Node) -> list[t.Node]:
    return _chain(n.left) + _chain(n.right) if isinstance(n, t.MatMul) else [n]


class Program:
    """The steps of several roots (loss first, then the gradients) with shared subexpressions."""

    def __init__(self, roots: list[t.Node]):
        self.steps: list[Step] = []
        self._index: dict[tuple, int] = {}
        self._memo: dict[t.Node, int] = {}
        self.inputs: dict[str, t.Var] = {}
        self.roots = tuple(self._lower(r) for r in roots)

    def _emit(self, op: str, args: tuple[int, ...], attrs: tuple, shape) -> int:
        key = (op, args, attrs, shape)  # 𝟏ₙ and 𝟏ₖ are one op with different shapes
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = len(self.steps)
            self.steps.append(Step(op, args, attrs, shape))
        return found

    def _lower(self, n: t.Node) -> int:
        done = self._memo.get(n)
        if done is not None:
            return done
        if isinstance(n, t.MatMul) and len(_chain(n)) > 2:
            n2 = associate(_chain(n))
            out = self._lower_node(n2) if n2 != n else self._lower_node(n)
        else:
            out = self._lower_node(n)
        self._memo[n] = out
        return out

    def _lower_node(self, n: t.Node) -> int:
        if isinstance(n, t.Var):
            self.inputs[n.name] = n
            return self._emit("input", (), (n.name,), n.shape)
        if isinstance(n, t.Const):
            return self._emit("const", (), (n.value,), n.shape)
        if isinstance(n, (t.Ones, t.Zeros)):
            return self._emit("fill", (), (1 if isinstance(n, t.Ones) else 0,), n.shape)
        if isinstance(n, t.Identity):
            return self._emit("eye", (), (n.n,), n.shape)
        if isinstance(n, t.Adjoint):
            raise ValueError("an adjoint placeholder cannot be computed")
        if isinstance(n, t.MatMul) and len(_chain(n)) > 2:
            left, right = self._lower(n.left), self._lower(n.right)  # already associated by ``_lower``
            return self._emit("matmul", (left, right), (), n.shape)
        if isinstance(n, t.Add):  # a − b, not a + (−1)b: one pass over the entries instead of two
            signs = tuple(-1 if _negated(term) is not None else 1 for term in n.terms)
            args = tuple(self._lower(_negated(term) if sign < 0 else term) for term, sign in zip(n.terms, signs))
            return self._emit("add", args, signs, n.shape)
        args = tuple(self._lower(c) for c in n.children())
        if type(n) in _SIMPLE:
            return self._emit(_SIMPLE[type(n)], args, (), n.shape)
        if isinstance(n, t.Elementwise):
            return self._emit("f", args, (n.function, n.order), n.shape)
        if isinstance(n, t.Power):
            return self._emit("power", args, (n.exponent,), n.shape)
        if isinstance(n, t.Sum):
            return self._emit("sum", args, (n.axis,), n.shape)
        if type(n) in _SOFTMAX_FAMILY:
            axis = 0 if (n.arg.is_column or n.arg.is_scalar) else 1
            parts = self._emit("shifted_exp", args, (axis,), n.arg.shape)
            return self._emit(_SOFTMAX_FAMILY[type(n)], (args[0], parts), (axis,), n.shape)
        raise TypeError(f"cannot compile {type(n).__name__}")

    def schedule(self, outputs: tuple[int, ...]) -> Schedule:
        """The steps ``outputs`` need, in order; each slot released after its last use (outputs kept)."""
        needed: set[int] = set()
        stack = list(outputs)
        while stack:
            i = stack.pop()
            if i not in needed:
                needed.add(i)
                stack.extend(self.steps[i].args)
        order = tuple(sorted(needed))
        last: dict[int, int] = {}
        for position, i in enumerate(order):
            for a in self.steps[i].args:
                last[a] = position
        release = [[] for _ in order]
        for slot, position in last.items():
            if slot not in outputs:
                release[position].append(slot)
        return Schedule(order, tuple(tuple(r) for r in release), tuple(outputs))
