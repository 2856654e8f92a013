"""Computation graphs: build the DAG of an objective, run the forward and backward passes, and show
them as tables (text, Markdown, LaTeX, JSON) and Graphviz pictures."""
from __future__ import annotations

from .build import GRANULARITIES, build_graph
from .passes import GraphError, adjoint_expression, run_passes
from .records import Accumulation, Edge, Graph, GraphNode, Passes

__all__ = ["build_graph", "run_passes", "adjoint_expression", "GraphError", "GRANULARITIES",
           "Graph", "GraphNode", "Edge", "Passes", "Accumulation"]
