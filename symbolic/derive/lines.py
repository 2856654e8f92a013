"""Turn a derivation tree into lines: line k applies the rules of every node at depth k − 1."""
from __future__ import annotations

import sympy

from .records import Rewrite, Step
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
    rename = _renamer(known)
    previous = _render(tree, 0, rename, wrt)  # ∂L/∂w itself, the left-hand side
    for k in range(1, max(by_depth) + 2):
        applied = by_depth.get(k - 1, [])
        rules = tuple(dict.fromkeys(r for n in applied for r in n.rules if r.id != "constant" or len(applied) == 1))
        new = tuple(_with_dependencies(dict.fromkeys(d for n in applied for d in n.definitions if d not in known),
                                       known, hints))
        befores = [_render(n, 0, rename, wrt) for n in applied]
        known.extend(new)
        rename = _renamer(known)
        line = _render(tree, k, rename, wrt)
        afters = [_render(n, 1, rename, wrt) for n in applied]
        before_paths = _locate(previous, befores)
        after_paths = _locate_after(line, afters, before_paths)
        rewrites = tuple(Rewrite(n.rules, _target(before), before, after, p_before, p_after)
                         for n, before, after, p_before, p_after
                         in zip(applied, befores, afters, before_paths, after_paths))
        steps.append(Step(rules, line, new, rewrites))
        previous = line
    return tuple(steps), tuple(known)


def _target(before: sympy.Expr) -> sympy.Expr:
    from .display import Pending, Prime
    if isinstance(before, Pending):
        return before.expr
    if isinstance(before, Prime):
        return before.application
    return before


def paths_to(expr: sympy.Expr, part: sympy.Expr):
    """Every position of ``part`` in ``expr``, as tuples of ``args`` indices, left to right."""
    stack = [(expr, ())]
    while stack:
        node, path = stack.pop()
        if node == part:
            yield path
            continue
        stack.extend(reversed([(a, path + (i,)) for i, a in enumerate(node.args)]))


def _locate(line: sympy.Expr, parts) -> list[tuple[int, ...] | None]:
    """The position of each part in the line, the k-th of equal parts at their k-th occurrence."""
    found: dict[sympy.Expr, list] = {}
    out = []
    for part in parts:
        if part not in found:
            found[part] = list(paths_to(line, part))
        out.append(found[part].pop(0) if found[part] else None)
    return out


def _at(expr: sympy.Expr, path) -> sympy.Expr | None:
    for i in path:
        if i >= len(expr.args):
            return None
        expr = expr.args[i]
    return expr


def _locate_after(line: sympy.Expr, afters, before_paths) -> list[tuple[int, ...] | None]:
    """Where each rewritten part ended up: where it was, if the line kept its shape there (it
    usually does: the lines around a rewrite are written by the same rules); else the first free
    place it occurs, except for a lone symbol or number, which could as well be any other x or 1."""
    out, taken = [None] * len(afters), set()
    for k, (after, path) in enumerate(zip(afters, before_paths)):
        if path is not None and _at(line, path) == after:
            out[k] = path
            taken.add(path)
    for k, after in enumerate(afters):
        if out[k] is None and not (after.is_Atom or after.is_Indexed):
            out[k] = next((p for p in paths_to(line, after) if p not in taken), None)
            taken.add(out[k])
    return out
