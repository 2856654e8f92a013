"""Immutable records of a computation graph and of its forward and backward passes."""
from __future__ import annotations

from dataclasses import dataclass

import sympy


@dataclass(frozen=True)
class GraphNode:
    """One node: a leaf (parameter, data, constant) or an operation on its parents.

    ``local`` is the node's operation written with its parents' symbols (a = σ(z), r = y − a), so
    ∂v/∂u for an edge is ``diff(local, u.symbol)``; ``expression`` is the node in the leaves' terms.
    """

    id: int
    symbol: sympy.Symbol
    kind: str  # "parameter", "data", "constant" or "operation"
    expression: sympy.Expr
    local: sympy.Expr
    parents: tuple[int, ...] = ()


@dataclass(frozen=True)
class Edge:
    """Parent → child, with the local derivative ∂child/∂parent, symbolically."""

    parent: int
    child: int
    local_derivative: sympy.Expr


@dataclass(frozen=True)
class Graph:
    """The DAG of an objective in topological order (parents before children); the root is last."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[Edge, ...]
    parameters: tuple[str, ...]

    @property
    def root(self) -> GraphNode:
        """The loss node."""
        return self.nodes[-1]

    def children(self, node_id: int) -> tuple[int, ...]:
        """The nodes that use ``node_id`` as a parent."""
        return tuple(e.child for e in self.edges if e.parent == node_id)

    def node(self, name: str) -> GraphNode:
        """The node whose symbol is named ``name``."""
        for n in self.nodes:
            if n.symbol.name == name:
                return n
        raise KeyError(name)


@dataclass(frozen=True)
class Accumulation:
    """One term of the backward sum: ∂L/∂u += ∂L/∂v · ∂v/∂u, for the edge u → v."""

    parent: int
    child: int
    local_value: float
    term_value: float
    local_derivative: sympy.Expr


@dataclass(frozen=True)
class Passes:
    """A graph evaluated at a point: every node's value and adjoint, and how each adjoint was summed."""

    graph: Graph
    point: tuple[tuple[str, float], ...]
    values: tuple[float, ...]
    adjoints: tuple[float, ...]
    symbolic_adjoints: tuple[sympy.Expr, ...]
    accumulations: tuple[Accumulation, ...]

    def gradient(self) -> dict[str, float]:
        """∂L/∂θ for every parameter, from the backward pass."""
        return {n.symbol.name: self.adjoints[n.id] for n in self.graph.nodes if n.kind == "parameter"}

    def to_json(self) -> dict:
        """Nodes (id, expression, parents, value, adjoint) and the parameters' gradients."""
        from .tables import json_table
        return json_table(self)

    def _repr_svg_(self) -> str | None:
        from .picture import svg
        return svg(self)

    def _repr_markdown_(self) -> str:
        from .tables import markdown_table
        return markdown_table(self)
