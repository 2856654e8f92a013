"""Rewrites that keep compiled objectives and gradients finite and cheap, on symbolic.tensor trees.

``stabilize`` replaces the forms that overflow as written: log(1 + eᵘ) becomes softplus(u), log σ(u)
becomes −softplus(−u), log(1 − σ(u)) becomes −softplus(u), log softmax(Z) becomes Z − logsumexp(Z)𝟏ᵀ
and log Σ eᵘ becomes logsumexp(u), all in the tree's own nodes (so the engine can differentiate the
result: ``unstable`` says when a derived gradient divides by something that underflows, and the
compiler then differentiates the stabilized objective instead).  It also pulls scalar factors out of products
(c(AB) instead of (cA)B, so that (1/n)Xᵀr scales the d-vector, not the n × d matrix), which also makes
the loss's −y ⊙ z and the gradient's −(y ⊙ z) one shared node, and distributes all-ones products over sums.
"""
from __future__ import annotations

from symbolic.tensor import tree as t
from symbolic.tensor.simplify import rebuild

#: functions whose value underflows to 0 (or whose complement does) at large logits
_UNDERFLOWING = ("exp", "sigmoid")


def _is_one(n: t.Node) -> bool:
    return n == t.Const(1) or isinstance(n, t.Ones)


def _negated(n: t.Node) -> t.Node | None:
    """u when n is −u (a Scale by −1), else None."""
    if isinstance(n, t.Scale) and n.scalar == t.Const(-1):
        return n.arg
    return None


def _elementwise(n: t.Node, name: str) -> t.Node | None:
    """The argument u when n is name(u) entry by entry, else None."""
    return n.arg if isinstance(n, t.Elementwise) and n.function == name and not n.order else None


def _softplus(u: t.Node) -> t.Node:
    return t.Elementwise("softplus", u)


def _stable_log(x: t.Node) -> t.Node | None:
    """log(x) in a form finite everywhere, or None when x has none."""
    inner = _elementwise(x, "sigmoid")
    if inner is not None:                                    # log σ(u) = −softplus(−u)
        return t.neg(_softplus(t.neg(inner)))
    if isinstance(x, t.Softmax):                              # log softmax(Z) = Z − lse(Z)𝟏ᵀ
        z, lse = x.arg, t.LogSumExp(x.arg)
        spread = t.Scale(lse, t.Ones(z.shape)) if z.is_column else t.MatMul(lse, t.Ones((1, z.cols)))
        return t.Add((z, t.neg(spread)))
    if isinstance(x, t.Sum):                                  # log Σ eᵘ
        u = _elementwise(x.arg, "exp")
        if u is not None and ((x.axis is None and (u.is_column or u.is_scalar)) or (x.axis == 1 and not u.is_column)):
            return t.LogSumExp(u)
    if isinstance(x, t.Add) and len(x.terms) == 2:
        one, other = x.terms if _is_one(x.terms[0]) else x.terms[::-1]
        if _is_one(one):
            u = _elementwise(other, "exp")
            if u is not None:                                 # log(1 + eᵘ) = softplus(u)
                return _softplus(u)
            minus = _negated(other)
            u = _elementwise(minus, "sigmoid") if minus is not None else None
            if u is not None:                                 # log(1 − σ(u)) = −softplus(u)
                return t.neg(_softplus(u))
    return None


def _pull_scalars(n: t.Node) -> t.Node:
    """c(AB) for (cA)B and A(cB), c(A ⊙ B) likewise, c Aᵀ for (cA)ᵀ: the scalar meets the smallest tensor;
    (A + B)𝟏 as A𝟏 + B𝟏, so that a product inside a sum of rows is chosen the cheap way (Wᵀ(Xᵀ𝟏), not (WᵀXᵀ)𝟏)."""
    if isinstance(n, t.MatMul):
        for side in ("left", "right"):
            part, other = (n.left, n.right) if side == "left" else (n.right, n.left)
            if isinstance(part, t.Add) and isinstance(other, t.Ones):
                return t.Add(tuple(_pull_scalars(t.MatMul(term, other) if side == "left" else t.MatMul(other, term))
                                   for term in part.terms))
    if isinstance(n, t.Transpose) and isinstance(n.arg, t.Scale):
        return t.Scale(n.arg.scalar, _pull_scalars(t.Transpose(n.arg.arg)))
    if isinstance(n, (t.MatMul, t.Hadamard)):
        for side in ("left", "right"):
            part = getattr(n, side)
            if isinstance(part, t.Scale) and not part.arg.is_scalar:
                other = n.right if side == "left" else n.left
                pair = (part.arg, other) if side == "left" else (other, part.arg)
                return t.Scale(part.scalar, _pull_scalars(type(n)(*pair)))
    return n


def stabilize(root: t.Node, memo: dict | None = None) -> t.Node:
    """``root`` with every overflowing log form replaced and scalars pulled out of products (bottom-up)."""
    memo = {} if memo is None else memo
    for n in t.walk(root):
        if n in memo:
            continue
        kids = n.children()
        m = rebuild(n, [memo[c] for c in kids]) if kids else n
        if isinstance(m, t.Elementwise) and m.function == "log" and not m.order:
            better = _stable_log(m.arg)
            m = better if better is not None else m
        memo[n] = _pull_scalars(m)
    return memo[root]


def unstable(root: t.Node) -> bool:
    """Whether ``root`` divides by a value that underflows to 0 at large logits (1/σ(z), 1/Σeᶻ, 1/(1 − σ(z)))."""
    for n in t.walk(root):
        if isinstance(n, t.Power) and n.exponent < 0 and any(
                isinstance(m, t.Softmax) or (isinstance(m, t.Elementwise) and m.function in _UNDERFLOWING)
                for m in t.walk(n.arg)):
            return True
    return False
