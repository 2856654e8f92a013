"""The lecture's models, losses and regularizers, and ``objective()`` that puts them together."""
from __future__ import annotations

import sympy

from ..errors import ModelError
from ..indicator import Indicator
from ..names import index, indexed, symbol
from .builders import MODELS, linear_regression, logistic_regression, neuron, softmax_regression, two_layer_net
from .losses import LOSSES
from .objective import Model, Objective
from .regularizers import REGULARIZERS


def _pick(table: dict, name: str, what: str):
    try:
        return table[name]
    except KeyError:
        raise ModelError(f"unknown {what} {name!r} (choose from {', '.join(table)})") from None


def objective(model: Model, loss: str = "squared", reg: str = "none", empirical_risk: bool = False) -> Objective:
    """Model + loss + regularizer as one Objective.

    With ``empirical_risk`` the loss is the lecture's (1/n) Σ_i ℓ(y_i, ŷ_i) over indexed data
    x[i], y[i]; otherwise it is the loss of one example (x, y).  The regularizer λ‖w‖² or λ|w| is
    added once, on the weights only.
    """
    y = symbol("y")
    lam = symbol("lambda")
    per_example = _pick(LOSSES, loss, "loss")(y, model.outputs)
    penalty = _pick(REGULARIZERS, reg, "regularizer")(lam, model.weights)
    hints = model.intermediates
    data: tuple = model.inputs + (y,)
    if empirical_risk:
        i = index("i")
        n = sympy.Symbol("n", integer=True, positive=True)
        to_indexed = {s: indexed(s.name)[i] for s in data}
        per_example = sympy.Sum(per_example.xreplace(to_indexed), (i, 1, n)) / n
        hints = tuple((symbol(name.name + "_i"), inner.xreplace(to_indexed)) for name, inner in hints)
        data = tuple(indexed(s.name) for s in data)
    constants = (lam,) if reg != "none" else ()
    identities = ()
    if loss == "cross_entropy" and not empirical_risk:
        k = len(model.outputs)  # the label is one of the k classes: the indicators sum to 1
        identities = ((Indicator(y, k), 1 - sympy.Add(*(Indicator(y, j) for j in range(1, k)))),)
    title = f"{model.name.replace('_', ' ')}, {loss.replace('_', ' ')} loss" + \
        ("" if reg == "none" else f", {reg.upper()} regularization") + (", empirical risk" if empirical_risk else "")
    task = {"squared": "regression", "cross_entropy": "classes", "binary_cross_entropy": "binary",
            "hinge": "signs"}[loss]
    return Objective(per_example + penalty, model.parameters, data, constants, title, hints, identities,
                     model.outputs, task)


def neuron_objective(activation: str = "sigmoid") -> Objective:
    """The lecture's L(ω, b) = ½(y − σ(ωx + b))² + λω²."""
    return objective(neuron(activation), "squared", "l2")


__all__ = ["from_text", "MODELS", "LOSSES", "REGULARIZERS", "Model", "Objective", "objective", "neuron_objective",
           "linear_regression", "logistic_regression", "softmax_regression", "neuron", "two_layer_net"]


def from_text(text: str, wrt: list[str]) -> Objective:
    """An Objective from a typed loss (parsed safely); ``wrt`` names its parameters."""
    from ..errors import DerivationError
    from ..parse import parse_expression
    expr = parse_expression(text)
    by_name = {s.name: s for s in expr.free_symbols}
    missing = [w for w in wrt if w not in by_name]
    if missing:
        known = ", ".join(sorted(by_name)) or "none"
        raise DerivationError(f"the loss has no variable {missing[0]!r} to differentiate by (its variables: {known})")
    params = tuple(by_name[w] for w in wrt)
    data = tuple(s for n, s in sorted(by_name.items()) if n not in wrt) + tuple(sorted(expr.atoms(sympy.IndexedBase), key=str))
    return Objective(expr, params, data, name="loss")
