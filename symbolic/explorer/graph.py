"""The computation graph at a point: the DOT that ``symgrad graph --render x.dot`` writes, and the passes."""
from __future__ import annotations

import math

from ..errors import SymgradError
from ..graph import GRANULARITIES, build_graph, run_passes
from ..graph.picture import dot_source
from ..graph.tables import text_table
from .objective import objective_of

#: a variable the point does not set starts here (the README's neuron point where it names one)
_START = {"omega": 0.5, "w": 0.5, "b": 0.1, "x": 2.0, "y": 1.0, "lambda": 0.01}


def graph(request: dict) -> dict:
    """``{"dot", "passes" (symgrad graph --format json), "backward": [lines], "point"}``.

    ``wrt`` defaults to every variable of a typed loss, as on the command line.  A request with ``shapes``
    is a vector/matrix objective: ``tensor_graph.tensor_graph_reply``.
    """
    if request.get("shapes"):  # vectors and matrices: symgrad graph --shapes
        from .tensor_graph import tensor_graph_reply
        return tensor_graph_reply(request)
    wrt = request.get("wrt") or None
    if not wrt and not request.get("model"):
        from ..latex_parse.loss import parse_loss
        from .replies import text_field
        wrt = ",".join(sorted(s.name for s in parse_loss(text_field(request, "loss")).expression.free_symbols))
    obj = objective_of(request, wrt)
    granularity = request.get("granularity") or "student"
    if granularity not in GRANULARITIES:
        raise SymgradError(f"granularity is one of {', '.join(GRANULARITIES)}")
    built = build_graph(obj, granularity=granularity)
    leaves = [n.symbol.name for n in built.nodes if n.kind != "operation"]
    point = {name: _number(request.get("point") or {}, name) for name in leaves}
    passes = run_passes(built, point)
    table = text_table(passes).splitlines()
    start = next(i for i, line in enumerate(table) if line.startswith("backward pass"))
    backward = [line.strip() for line in table[start + 1:] if line.startswith("  ")]
    return {"dot": dot_source(passes), "passes": passes.to_json(), "backward": backward,
            "backward_title": table[start], "point": point}


def _number(point: dict, name: str) -> float:
    if not isinstance(point, dict):
        raise SymgradError("the point must map names to numbers")
    value = point.get(name, _START.get(name, 0.5))
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise SymgradError(f"the value of {name} must be a number, got {value!r}") from None
    if not math.isfinite(number) or abs(number) > 1e6:
        raise SymgradError(f"the value of {name} must be a finite number of at most 1e6 in size")
    return number
