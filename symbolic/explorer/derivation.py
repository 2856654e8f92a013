"""The derivation as the page shows it: each line's LaTeX and rule, the align* block, the final gradient."""
from __future__ import annotations

from .. import derive as derive_all
from ..render.json import derivations_json
from ..render.latex import latex
from .objective import objective_of


def derive(request: dict) -> dict:
    """``{"title", "loss": {text, latex}, "gradients": {name: {text, latex, steps, align, note}}}``.

    ``steps`` are ``symgrad derive --format json``'s (``rule``, ``latex``, ``marked_latex``, …); ``align``
    is the same ``align*`` block ``symgrad derive --steps --format latex`` prints.
    """
    if request.get("shapes"):
        from .tensor import derive_tensor
        return derive_tensor(request)
    obj = objective_of(request)
    derivations = derive_all(obj)
    data = derivations_json(obj.expression, derivations)
    gradients = {}
    for (name, entry), d in zip(data["gradients"].items(), derivations.values()):
        gradients[name] = {**entry, "parameter_latex": latex(d.parameter), "align": d.to_latex()}
    return {"title": obj.name, "loss": data["loss"], "gradients": gradients,
            "variables": sorted(s.name for s in obj.expression.free_symbols)}
