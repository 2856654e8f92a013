"""Check an answer or a whole derivation: ``symgrad check``'s verdicts, as its ``--json`` writes them."""
from __future__ import annotations

from ..check import check, check_derivation
from ..errors import SymgradError
from .objective import objective_of
from .replies import text_field


def _one_parameter(request: dict) -> tuple:
    obj = objective_of(request)
    if len(obj.parameters) != 1:
        raise SymgradError("check one parameter at a time: name one in 'with respect to'")
    return obj, obj.parameters[0].name


def check_answer(request: dict) -> dict:
    """The verdict on ``answer`` (LaTeX or text) as ∂L/∂``wrt``: ``symgrad check --json``'s dict."""
    if request.get("shapes"):
        from .tensor import check_tensor_answer
        return check_tensor_answer(request)
    obj, wrt = _one_parameter(request)
    where = request.get("where") or ()
    if not isinstance(where, (list, tuple)) or not all(isinstance(w, str) for w in where):
        raise SymgradError("'where' must be a list of NAME = EXPR lines")
    return check(obj, wrt, text_field(request, "answer"), request.get("notation") or "auto",
                 where=tuple(where)).to_json()


def check_chain(request: dict) -> dict:
    """Each line of a pasted derivation (``A = B = C`` or an align* block) marked; the first wrong line."""
    if request.get("shapes"):
        from .tensor import check_tensor_chain
        return check_tensor_chain(request)
    obj, wrt = _one_parameter(request)
    return check_derivation(obj, wrt, text_field(request, "derivation")).to_json()
