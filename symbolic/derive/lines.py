"""Turn a derivation tree into lines: line k applies the rules of every node at depth k − 1."""
from __future__ import annotations

import sympy

from .records import Step
from .tree import Node


def _walk(node: Node, depth: int = 0):
    yield node, depth
    for child in node.children:
        yield from _walk(child, depth + 1)


def _render(node: Node, k: int, rename, wrt) -> sympy.Expr:
    if k == 0:
        return node.display(rename) if node.display else _pending(node, rename, wrt)
    if not node.children:
        return rename(node.result)
    return node.combine([_render(c, k - 1, rename, wrt) for c in node.children], rename)


def _pending(node, rename, wrt):
    from .display import Pending
    return Pending(rename(node.expr), wrt)


def _renamer(definitions):
    if not definitions:
        return lambda e: e
    mapping = {inner: name for name, inner in definitions}
    # longest inner expressions first, so that an inner expression containing another is named whole
    ordered = sorted(mapping.items(), key=lambda kv: -sympy.count_ops(kv[0]))

    def rename(expr):
        for inner, name in ordered:
            expr = expr.xreplace({inner: name})
        return expr
    return rename


def _with_dependencies(new, known, hints):
    """New definitions, plus the hinted names their inner expressions use (ŷ₁ = softmax₁(z₁, z₂, z₃))."""
    out = []
    for name, inner in new:
        for hname, hinner in hints:
            if hname != name and inner.has(hinner) and (hname, hinner) not in known and (hname, hinner) not in out:
                out.append((hname, hinner))
        if (name, inner) not in out:
            out.append((name, inner))
    return out


def steps_of(tree: Node, wrt, hints=()) -> tuple[tuple[Step, ...], tuple]:
    """The lines of the derivation, and every inner name in the order it was introduced."""
    by_depth: dict[int, list[Node]] = {}
    for node, depth in _walk(tree):
        by_depth.setdefault(depth, []).append(node)
    steps, known = [], []
    for k in range(1, max(by_depth) + 2):
        applied = by_depth.get(k - 1, [])
        rules = tuple(dict.fromkeys(r for n in applied for r in n.rules if r != "constant" or len(applied) == 1))
        new = tuple(_with_dependencies(dict.fromkeys(d for n in applied for d in n.definitions if d not in known),
                                       known, hints))
        known.extend(new)
        rename = _renamer(known)
        steps.append(Step(rules, _render(tree, k, rename, wrt), new))
    return tuple(steps), tuple(known)
