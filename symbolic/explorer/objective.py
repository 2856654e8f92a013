"""What a request names: a typed loss, or a built-in model from the picker (``build`` decides what it means)."""
from __future__ import annotations

from ..activations import ACTIVATIONS
from ..errors import SymgradError
from ..models import LOSSES, MODELS, REGULARIZERS, Objective, ObjectiveSpec, build, parameter_names
from .replies import text_field

#: the picker's options, passed to ObjectiveSpec as they are (numbers and flags by type)
_WHOLE = ("features", "classes", "hidden")


def catalog(request: dict | None = None) -> dict:
    """The picker's entries: models (with their options and loss), activations, losses, regularizers."""
    return {"models": [{"name": name, "summary": record.summary, "default_loss": record.default_loss,
                        "options": list(record.options)} for name, record in MODELS.items()],
            "activations": [name for name, cls in ACTIVATIONS.items() if cls.elementwise],
            "losses": list(LOSSES), "regularizers": list(REGULARIZERS)}


def spec_of(request: dict, wrt: str | None = None) -> ObjectiveSpec:
    """The ObjectiveSpec of a request's ``loss`` (text or LaTeX) or ``model`` with its options, and ``wrt``."""
    wrt = wrt if wrt is not None else text_field(request, "wrt", required=False)
    names = parameter_names(wrt) if wrt.strip() else ()
    model = request.get("model") or None
    if model:
        if not isinstance(model, str) or model not in MODELS:
            raise SymgradError(f"unknown model {model!r} (choose from {', '.join(MODELS)})")
        options = {k: _whole(request, k) for k in _WHOLE if request.get(k) not in (None, "")}
        return ObjectiveSpec(model=model, wrt=names, activation=request.get("activation") or None,
                             loss=request.get("loss_name") or None, reg=request.get("reg") or None,
                             biases=bool(request.get("biases")), risk=bool(request.get("risk")), **options)
    return ObjectiveSpec(formula=text_field(request, "loss"), wrt=names)


def objective_of(request: dict, wrt: str | None = None) -> Objective:
    """The scalar Objective a request names (SymgradError for the matrix-form network)."""
    obj = build(spec_of(request, wrt))
    if not isinstance(obj, Objective):
        raise SymgradError("the page takes scalar objectives; the matrix-form mlp is on the command line")
    return obj


def _whole(request: dict, name: str) -> int:
    value = request.get(name)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise SymgradError(f"{name} must be a whole number, got {value!r}") from None
    if not 1 <= number <= 20:
        raise SymgradError(f"{name} must be between 1 and 20")
    return number
