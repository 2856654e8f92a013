"""The computation graph of a typed vector/matrix objective (a graph request with ``shapes``): the engine of
``symgrad graph LOSS --shapes … --at … --seed S`` (``symbolic.tensor.graph``), in the page's reply format."""
from __future__ import annotations

import sympy

from ..errors import SymgradError
from ..models import parameter_names
from .replies import text_field

#: the largest seed the page sends (the CLI takes any int; the page's input stays a small whole number)
MAX_SEED = 2 ** 31 - 1


def tensor_graph_reply(request: dict) -> dict:
    """``{"form": "tensor", "dot", "graph" (symgrad graph --shapes --format json), "table", "backward",
    "gradients", "dims", "scalars", "point", "seed", "max_size"}``.

    The point sets dimensions and scalars (others in it are left out, as the scalar graph leaves out
    names that are not leaves); a dimension not set takes the CLI's default, a scalar not set is drawn.
    """
    from ..tensor import parse_objective, parse_shapes
    from ..tensor import graph as tg
    from ..tensor import tree as t
    from ..tensor.printing import latex
    from .graph import _number
    if request.get("model"):
        raise SymgradError("shapes go with a typed loss, not a built-in model")
    wrt = text_field(request, "wrt", required=False)
    root = parse_objective(text_field(request, "loss"), parse_shapes(text_field(request, "shapes")))
    built = tg.tensor_graph(root, list(parameter_names(wrt)) if wrt.strip() else None)
    variables = t.variables(root)
    scalars = sorted(name for name, var in variables.items() if var.is_scalar)
    dims = sorted({str(s) for n in t.walk(root) for d in n.shape for s in sympy.sympify(d).free_symbols})
    given = request.get("point") or {}
    if not isinstance(given, dict):
        raise SymgradError("the point must map names to numbers")
    point = {name: _number(given, name) for name in (*dims, *scalars) if name in given}
    for name in dims:
        if name in point and (point[name] != int(point[name]) or not 1 <= point[name] <= tg.MAX_SIZE):
            raise SymgradError(f"the dimension {name} must be a whole number from 1 to {tg.MAX_SIZE}")
    graph = tg.at_point(built, point, _seed(request.get("seed", 0)))
    table = tg.text_table(graph).splitlines()
    edges = table.index("backward edges (each input's adjoint is the sum over the operations that use it):")
    grads = table.index("gradients (in the inputs' terms):")
    used = dict(graph.point)
    shown = tg.rows(graph)
    rows = [{"name": n.name, "kind": n.kind, "label_latex": r[0], "expression_latex": None if n.kind != "operation"
             else r[1], "shape": n.shape, "value": s[4], "adjoint_latex": r[5] or None, "adjoint_value": s[6] or None}
            for n, r, s in zip(graph.nodes, tg.rows(graph, latex), shown)]
    return {"form": "tensor", "dot": tg.dot_source(graph), "graph": tg.to_json(graph), "table": rows,
            "backward_title": table[edges], "backward": [line.strip() for line in table[edges + 1:grads] if line.strip()],
            "gradients": [line.strip() for line in table[grads + 1:] if line.startswith("  ")],
            "dims": [{"name": name, "value": int(used[name])} for name in dims],
            "scalars": [{"name": name, "latex": latex(t.Var(name)), "value": _scalar(graph, name),
                         "drawn": name not in point} for name in scalars],
            "point": {**{name: int(used[name]) for name in dims}, **{k: point[k] for k in scalars if k in point}},
            "seed": _seed(request.get("seed", 0)), "max_size": tg.MAX_SIZE}


def _seed(value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise SymgradError(f"the seed must be a whole number from 0 to {MAX_SEED}")
    try:
        number = int(value) if not isinstance(value, float) or value.is_integer() else -1
    except ValueError:
        number = -1
    if not 0 <= number <= MAX_SEED:
        raise SymgradError(f"the seed must be a whole number from 0 to {MAX_SEED}")
    return number


def _scalar(graph, name: str) -> float:
    """The value a scalar variable took (set, or drawn with the seed)."""
    return float(graph.values[graph.node(name).id][0, 0])
