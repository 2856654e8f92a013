"""The lecture's two passes.  Forward: each node from its parents.  Backward: for each node u,
∂L/∂u = Σ_{v ∈ children(u)} ∂L/∂v · ∂v/∂u, starting from ∂L/∂L = 1, every term recorded."""
from __future__ import annotations

from typing import Mapping

import mpmath
import sympy

from ..check.evaluate import Evaluator, Undefined
from ..errors import SymgradError
from .records import Accumulation, Graph, Passes


class GraphError(SymgradError):
    """The point is not usable: a missing or unknown variable, or a node undefined there."""


def _checked_point(graph: Graph, point: Mapping[str, float]) -> dict:
    leaves = {n.symbol.name: n for n in graph.nodes if n.kind != "operation" and not n.expression.is_Number}
    unknown = sorted(set(point) - set(leaves))
    if unknown:
        raise GraphError(f"the loss has no variable {unknown[0]!r} (its variables: {', '.join(sorted(leaves))})")
    missing = sorted(set(leaves) - set(point))
    if missing:
        raise GraphError(f"give a value for {', '.join(missing)} (e.g. --at {missing[0]}=1)")
    return {leaves[k].symbol: mpmath.mpf(v) for k, v in point.items()}


def run_passes(graph: Graph, point: Mapping[str, float]) -> Passes:
    """Forward values and backward adjoints of every node at ``point`` (name → value)."""
    with mpmath.workdps(30):
        env = _checked_point(graph, point)
        values = []
        for node in graph.nodes:
            try:
                value = env[node.symbol] if node.kind != "operation" else Evaluator(env)(node.local)
            except (Undefined, ZeroDivisionError, ValueError, OverflowError) as err:
                raise GraphError(f"the loss is undefined at this point: node {node.symbol} = "
                                 f"{sympy.sstr(node.local)} ({err})") from None
            env[node.symbol] = value
            values.append(value)
        adjoints = [mpmath.mpf(0)] * len(graph.nodes)
        symbolic = [sympy.S.Zero] * len(graph.nodes)
        adjoints[-1], symbolic[-1] = mpmath.mpf(1), sympy.S.One
        records = []
        for edge in sorted(graph.edges, key=lambda e: -e.child):  # children before their parents
            try:
                local = Evaluator(env)(edge.local_derivative)
            except (Undefined, ZeroDivisionError, ValueError, OverflowError) as err:
                raise GraphError(f"∂{graph.nodes[edge.child].symbol}/∂{graph.nodes[edge.parent].symbol} is undefined "
                                 f"at this point ({err})") from None
            term = adjoints[edge.child] * local
            adjoints[edge.parent] += term
            symbolic[edge.parent] += _adjoint_symbol(graph, edge.child) * edge.local_derivative
            records.append(Accumulation(edge.parent, edge.child, float(local), float(term), edge.local_derivative))
    return Passes(graph, tuple((k, float(v)) for k, v in point.items()), tuple(float(v) for v in values),
                  tuple(float(a) for a in adjoints), tuple(symbolic), tuple(records))


def _adjoint_symbol(graph: Graph, node_id: int) -> sympy.Expr:
    """∂L/∂v as a symbol named after the node (``dL_da``); the root's is 1."""
    if node_id == len(graph.nodes) - 1:
        return sympy.S.One
    return sympy.Symbol(f"dL_d{graph.nodes[node_id].symbol.name}", real=True)


def adjoint_expression(passes: Passes, node_id: int) -> sympy.Expr:
    """∂L/∂u written out in the leaves' variables: the symbolic backward pass, unrolled."""
    graph = passes.graph
    table = {}
    for node in reversed(graph.nodes[:-1]):
        table[_adjoint_symbol(graph, node.id)] = passes.symbolic_adjoints[node.id]
    expr = passes.symbolic_adjoints[node_id]
    for _ in range(len(graph.nodes)):
        new = expr.xreplace(table)
        if new == expr:
            break
        expr = new
    return expr.xreplace({n.symbol: n.expression for n in graph.nodes if n.kind == "operation"})
