"""Build the DAG of an objective: one node per distinct subexpression, leaves for its symbols.

Two granularities.  ``full``: every sympy operation is a node.  ``student`` (the default): the steps
a student draws — linear forms (z = ωx + b), activations (a = σ(z)), sums (r = y − a) and the loss —
with products and powers of leaves and constant factors folded into the node that uses them.
"""
from __future__ import annotations

import sympy

from ..errors import SymgradError
from ..names import GREEK
from .records import Edge, Graph, GraphNode

#: how operation nodes are named in student granularity, by what they compute
_PREFIX = {"function": "a", "add": "r", "mul": "m", "pow": "p"}
GRANULARITIES = ("student", "full")


def _kind(expr) -> str:
    if isinstance(expr, (sympy.Function, sympy.Max, sympy.Min)):
        return "function"
    if expr.is_Add:
        return "add"
    if expr.is_Mul:
        return "mul"
    if expr.is_Pow:
        return "pow"
    return "other"


def _is_leaf(expr) -> bool:
    return expr.is_Symbol or expr.is_Number or expr.is_Indexed or expr in (sympy.pi, sympy.E)


def _operands(expr):
    """The sub-expressions an operation reads (numbers are folded into the operation)."""
    if isinstance(expr, sympy.Sum):
        raise SymgradError("graphs of sums over data are not drawn: give one example (x, y) instead of x[i], y[i]")
    return [a for a in expr.args if not a.is_Number]


def _trivial(expr, is_node) -> bool:
    """Student granularity folds these into the node that uses them: products and powers of leaves
    (ωx, λω²), constant multiples (−a, ½r²) and numeric powers (r²)."""
    inner = [a for a in expr.args if not a.is_Number]
    if expr.is_Mul:
        return all(_leafy(a) for a in inner) or len(inner) == 1
    if expr.is_Pow:
        return expr.exp.is_Number or all(_leafy(a) for a in inner)
    return False


def _leafy(expr) -> bool:
    """A leaf, or a product or power of leaves (λω², 2λ)."""
    return _is_leaf(expr) or ((expr.is_Mul or expr.is_Pow) and all(_leafy(a) for a in expr.args))


def build_graph(objective, parameters=None, granularity: str = "student", output: str = "L") -> Graph:
    """The computation graph of an Objective (or expression), in topological order."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {GRANULARITIES}")
    expr = getattr(objective, "expression", objective)
    if expr.has(sympy.Sum) or expr.has(sympy.Indexed):
        raise SymgradError("graphs of sums over data are not drawn: give one example (x, y) instead of x[i], y[i]")
    if parameters is None:
        parameters = [p.name for p in getattr(objective, "parameters", ())]
    hints = {inner: name for name, inner in getattr(objective, "hints", ())}
    constants = {s.name for s in getattr(objective, "constants", ())}

    # which subexpressions are nodes
    chosen: dict[sympy.Expr, None] = {}

    def visit(e, top=False):
        if _is_leaf(e):
            if not e.is_Number:
                chosen.setdefault(e, None)
            return
        for a in _operands(e):
            visit(a)
        if top or granularity == "full" or not _trivial(e, chosen) or e in hints:
            chosen.setdefault(e, None)

    visit(expr, top=True)
    order = _topological(list(chosen), expr)
    names = _names(order, hints, expr, parameters, output)
    index = {e: k for k, e in enumerate(order)}
    symbol_of = {e: names[e] for e in order}
    nodes, edges = [], []
    for k, e in enumerate(order):
        if _is_leaf(e):
            kind = "parameter" if str(e) in parameters else (
                "constant" if str(e) in constants or str(e) in GREEK or e.is_Number else "data")
            nodes.append(GraphNode(k, symbol_of[e], kind, e, symbol_of[e]))
            continue
        local = _local(e, symbol_of)
        parents = tuple(sorted({index[p] for p in _direct_parents(e, chosen)}))
        nodes.append(GraphNode(k, symbol_of[e], "operation", e, local, parents))
        for p in parents:
            edges.append(Edge(p, k, sympy.diff(local, symbol_of[order[p]])))
    return Graph(tuple(nodes), tuple(edges), tuple(parameters))


def _direct_parents(e, chosen):
    """The chosen subexpressions nearest below ``e`` (its parents in the graph)."""
    out = []
    stack = list(_operands(e))
    while stack:
        a = stack.pop()
        if a in chosen:
            out.append(a)
        else:
            stack.extend(_operands(a))
    return out


def _local(e, symbol_of):
    """``e`` written with its parents' symbols: rebuild bottom-up, replacing chosen subexpressions."""
    def rebuild(a, top=False):
        if not top and a in symbol_of:
            return symbol_of[a]
        if not a.args or a.is_Number:
            return a
        return a.func(*(rebuild(x) for x in a.args))
    return rebuild(e, top=True)


def _topological(chosen, root):
    """Leaves first (parameters, then data), then operations by depth, the root last."""
    depth = {}

    def d(e):
        if e not in depth:
            depth[e] = 0 if _is_leaf(e) else 1 + max((d(a) for a in _operands(e)), default=0)
        return depth[e]
    for e in chosen:
        d(e)
    return sorted(chosen, key=lambda e: (e == root, depth[e], sympy.default_sort_key(e)))


def _names(order, hints, root, parameters, output="L"):
    """Leaves keep their names; the loss is ``output`` (L, or the lecture's z); hinted nodes take the lecture's name; an activation's
    input is z, an activation a, other sums r (residuals), products m, powers p."""
    taken = {str(e) for e in order if _is_leaf(e)}
    inputs = {a for e in order if _kind(e) == "function" for a in e.args}
    names, counters = {}, {}
    for e in order:
        if _is_leaf(e):
            names[e] = e if e.is_Symbol else sympy.Symbol(str(e), real=True)
            continue
        if e == root:
            name = output
        elif e in hints:
            name = hints[e].name
        else:
            prefix = "z" if e in inputs and not _is_leaf(e) else _PREFIX.get(_kind(e), "v")
            counters[prefix] = counters.get(prefix, 0) + 1
            name = prefix if counters[prefix] == 1 else f"{prefix}{counters[prefix]}"
        while name in taken:
            counters[name] = counters.get(name, 1) + 1
            name = f"{name}_{counters[name]}"
        taken.add(name)
        names[e] = sympy.Symbol(name, real=True)
    return names
