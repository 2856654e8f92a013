"""``build(spec)``: the one place that decides what an objective named by a front end means.

``derive``, ``check``, ``graph``, ``train`` and the homework builder translate their arguments into an
``ObjectiveSpec`` and call ``build``; defaults (logistic → binary cross-entropy), which options a model
takes, and "a typed loss or a model, not both" live here and nowhere else.

    >>> build(ObjectiveSpec(model="logistic", features=2)).loss
    'binary_cross_entropy'
    >>> [str(p) for p in build(ObjectiveSpec(formula="(y - w*x - b)**2", wrt=("w", "b"))).parameters]
    ['w', 'b']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import ModelError
from .builders import MODELS
from .objective import Objective

#: ``--model`` choices: the scalar models of the registry, and the matrix-form network
NETWORK = "mlp"
MODEL_NAMES = (*MODELS, NETWORK)

#: the options that shape a model (the rest of the spec says which objective of it)
_OPTIONS = ("activation", "loss", "reg", "features", "classes", "hidden", "biases", "risk", "layers")


@dataclass(frozen=True)
class ObjectiveSpec:
    """What a front end asks for: a built-in ``model`` with its options, or a typed ``formula`` with ``wrt``.

    ``None`` means "the library's default". ``data_features`` / ``data_classes`` are the sizes of the
    data the objective will meet (``train``): they fill in ``features`` / ``classes`` where the model
    takes them and are checked against what the spec gives.
    """

    model: str | None = None
    formula: str | None = None
    wrt: tuple[str, ...] = ()
    activation: str | tuple[str, ...] | None = None
    loss: str | None = None
    reg: str | None = None
    features: int | None = None
    classes: int | None = None
    hidden: int | None = None
    biases: bool = False
    risk: bool = False
    layers: tuple[int, ...] = ()
    data_features: int | None = None
    data_classes: int | None = None


def build(spec: ObjectiveSpec):
    """The Objective the spec names (an ``MLPSpec`` for the matrix-form ``mlp``); ModelError if it names none."""
    if not isinstance(spec, ObjectiveSpec):
        raise TypeError("build takes an ObjectiveSpec")
    if spec.model and spec.formula:
        raise ModelError("give either a loss or --model, not both")
    if spec.model == NETWORK:
        return _network(spec)
    if spec.model:
        return _model(spec)
    if spec.formula:
        _refuse(spec, (), "a typed loss", "write it into the formula, or use a built-in --model")
        if not spec.wrt:
            raise ModelError("say which parameters to differentiate by: --wrt w,b")
        from . import from_text
        return from_text(spec.formula, list(spec.wrt))
    raise ModelError("give a loss, e.g. '(y - w*x)**2' --wrt w, or a built-in --model")


def parameter_names(text: str) -> tuple[str, ...]:
    """``"w, b"`` → ("w", "b"); commas inside brackets stay (``"W[1,2],b"`` → ("W[1,2]", "b"))."""
    out = tuple(n.strip() for n in re.split(r",(?![^\[]*\])", text) if n.strip())
    if not out:
        raise ModelError("--wrt needs at least one parameter name")
    return out


def _given(value) -> bool:
    """Whether an option was given: not None/False/() (by identity: ``--features 0`` is given, and wrong)."""
    return value is not None and value is not False and value != ()


def _refuse(spec: ObjectiveSpec, allowed, what: str, hint: str) -> None:
    for name in _OPTIONS:
        if name not in allowed and _given(getattr(spec, name)):
            raise ModelError(f"{what} takes no {name} option ({hint})")


def _model(spec: ObjectiveSpec) -> Objective:
    from . import _pick, objective, parameters_of
    record = _pick(MODELS, spec.model, "model")
    _refuse(spec, record.options + ("loss", "reg", "risk"), f"the {record.name} model",
            f"its options: {', '.join(record.options + ('loss', 'reg', 'risk'))}")
    options = {k: getattr(spec, k) for k in record.options if _given(getattr(spec, k))}
    for key, data_size, what in (("features", spec.data_features, "feature columns"),
                                 ("classes", spec.data_classes, "classes")):
        if data_size is None or key not in record.options:
            continue
        if options.setdefault(key, data_size) != data_size:
            raise ModelError(f"the model has {options[key]} {key} but the data has {data_size} {what}")
    built = objective(record(**options), spec.loss or record.default_loss, spec.reg or "none",
                      empirical_risk=spec.risk)
    built = replace(built, model=record.name)
    if spec.wrt:
        built = replace(built, parameters=parameters_of(built.expression, spec.wrt))
    return built


def _network(spec: ObjectiveSpec):
    from ..matrix import MLPSpec
    _refuse(spec, ("activation", "loss", "reg", "features", "classes", "layers"), "the mlp model",
            "its sizes are --layers d,h,...,k")
    if not spec.layers:
        raise ModelError("--model mlp needs --layers, e.g. --layers 784,128,10")
    layers = tuple(spec.layers)
    loss = spec.loss or "cross_entropy"
    for given in (spec.features, spec.data_features):
        if given is not None and layers[0] != given:
            raise ModelError(f"--layers starts with {layers[0]} inputs but the data has {given} feature columns")
    for given in (spec.classes, spec.data_classes if loss == "cross_entropy" else None):
        if given is not None and layers[-1] != given:
            raise ModelError(f"--layers ends with {layers[-1]} outputs but the data has {given} classes")
    activation = spec.activation or "sigmoid"
    acts = [a.strip() for a in activation.split(",")] if isinstance(activation, str) else list(activation)
    activations = acts * (len(layers) - 2) if len(acts) == 1 else acts
    return MLPSpec.build(layers, activations, loss, spec.reg or "none")


__all__ = ["ObjectiveSpec", "build", "parameter_names", "MODEL_NAMES", "NETWORK"]
