"""The live preview: a loss or an answer as LaTeX while it is typed, or the parser's own error and column."""
from __future__ import annotations

from ..errors import SymgradError
from ..latex_parse.loss import parse_loss
from ..render.latex import latex
from .replies import text_field


def preview(request: dict) -> dict:
    """``{"latex", "variables"}`` of the typed ``text``: a loss (``"as": "loss"``, text or LaTeX; numpy's
    meaning with ``shapes``), or an answer (``"as": "answer"``) read as ``check`` reads it, in the request's
    objective's names (z written out)."""
    text = text_field(request, "text")
    if request.get("shapes") and request.get("as") != "answer":
        from ..tensor.parse import parse_objective
        from ..tensor.printing import latex as tensor_latex
        from ..tensor.shapes import parse_shapes
        shapes = parse_shapes(text_field(request, "shapes"))
        return {"latex": tensor_latex(parse_objective(text, shapes)), "variables": sorted(shapes)}
    if request.get("as") == "answer":
        from ..check import parse_answer
        from .objective import objective_of
        try:
            obj = objective_of(request)
        except SymgradError:
            obj = None  # no objective yet: read the answer's letters as a loss's
        if obj is not None:
            expr = parse_answer(text, obj, request.get("notation") or "auto")
            return {"latex": latex(expr), "variables": sorted(s.name for s in expr.free_symbols)}
    expr = parse_loss(text).expression
    return {"latex": latex(expr), "variables": sorted(s.name for s in expr.free_symbols)}
