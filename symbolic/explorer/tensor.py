"""Vectors and matrices (a request with ``shapes``, e.g. ``"X:n,d w:d y:n"``): ``symbolic.tensor``'s derivation
and checks, as ``symgrad derive/check --shapes`` give them, in the page's reply format."""
from __future__ import annotations

from ..errors import SymgradError
from ..models import parameter_names
from .replies import text_field


def _wrt(request: dict) -> list[str]:
    names = list(parameter_names(text_field(request, "wrt", required=False) or ""))  # ModelError when empty
    return names


def derive_tensor(request: dict) -> dict:
    """The reply of ``derive`` for a typed loss with shapes: each gradient's backward steps as full equations."""
    from ..tensor.derivation import derive_text
    if request.get("model"):
        raise SymgradError("shapes go with a typed loss, not a built-in model")
    d = derive_text(text_field(request, "loss"), text_field(request, "shapes"), _wrt(request))
    data = d.to_json()
    definitions = [{"rule": "definition", "latex": f"{item['latex_name']} = {item['latex']}"
                    if "latex_name" in item else f"{item['name']} = {item['latex']}", "full": True}
                   for item in data.get("definitions", [])]
    gradients = {}
    for name, g in data["gradients"].items():
        steps = definitions + [{"rule": s["rule"], "full": True, "shape": s["shape"],
                                "latex": rf"\frac{{\partial \mathcal{{L}}}}{{\partial {s['target']}}} = {s['latex']}"}
                               for s in g["steps"]]
        gradients[name] = {"text": g["text"], "latex": g["latex"], "parameter_latex": name, "steps": steps,
                           "align": d.to_latex(True), "note": f"shape {g['shape']}"}
    return {"title": "loss", "loss": data["loss"], "gradients": gradients, "shapes": data["shapes"],
            "form": "tensor"}


def check_tensor_answer(request: dict) -> dict:
    """``check --shapes``'s verdict (shape errors first, then values at several sizes)."""
    from ..tensor.answer import check_tensor
    wrt = _wrt(request)
    if len(wrt) != 1:
        raise SymgradError("check one parameter at a time: name one in 'with respect to'")
    return check_tensor(text_field(request, "loss"), text_field(request, "shapes"), wrt[0],
                        text_field(request, "answer"), request.get("notation") or "auto",
                        tuple(request.get("where") or ())).to_json()


def check_tensor_chain(request: dict) -> dict:
    """Each line of a pasted vector/matrix derivation marked."""
    from ..tensor.chain import check_tensor_derivation
    wrt = _wrt(request)
    if len(wrt) != 1:
        raise SymgradError("check one parameter at a time: name one in 'with respect to'")
    return check_tensor_derivation(text_field(request, "loss"), text_field(request, "shapes"), wrt[0],
                                   text_field(request, "derivation"), tuple(request.get("where") or ())).to_json()
