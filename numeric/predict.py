"""Predictions of a trained model and classifier accuracy, from the objective's symbolic outputs ŷ."""
from __future__ import annotations

import numpy as np
import sympy

from symbolic.errors import SymgradError

from .compile import per_example
from .stable import stabilize


def model_outputs(objective) -> tuple[sympy.Expr, ...]:
    """The objective's predictions ŷ: a model's own, or for a typed loss quadratic in its data column y
    (a squared error, plus any terms without y) the ŷ that minimizes it, −b/(2a); () when there is none.

    >>> model_outputs(objective_from("1/2*(y - (w*x + b))**2"))  # doctest: +SKIP
    (b + w*x,)
    """
    outputs = tuple(getattr(objective, "outputs", ()) or ())
    if outputs:
        return outputs
    y = next((s for s in getattr(objective, "data", ()) if getattr(s, "name", "") == "y"
              and isinstance(s, sympy.Symbol)), None)
    if y is None:
        return ()
    try:
        poly = sympy.Poly(sympy.expand(objective.expression), y)
    except sympy.PolynomialError:
        return ()
    if poly.degree() != 2:
        return ()
    a, b = poly.coeff_monomial(y**2), poly.coeff_monomial(y)
    if not (a.is_number and a > 0):
        return ()
    return (sympy.simplify(-b / (2 * a)),)


def predict_outputs(objective, parameters: dict[str, float], columns) -> np.ndarray:
    """ŷ for every row: shape (n,) for one output, (n, k) for k outputs (``model_outputs``)."""
    outputs = model_outputs(objective)
    if not outputs:
        raise SymgradError("this objective has no model outputs to predict with (use a built-in --model)")
    exprs = [per_example(o).xreplace({s: sympy.Float(parameters[s.name]) for s in o.free_symbols
                                      if s.name in parameters}) for o in outputs]
    data = sorted({s for e in exprs for s in e.free_symbols}, key=lambda s: s.name)
    missing = [d.name for d in data if d.name not in columns]
    if missing:
        raise SymgradError(f"the data has no column {missing[0]!r}")
    f = sympy.lambdify(data, [stabilize(e) for e in exprs], modules="numpy", cse=True)
    n = len(next(iter(columns.values())))
    values = [np.broadcast_to(v, (n,)) for v in f(*[np.asarray(columns[d.name], dtype=float) for d in data])]
    return values[0] if len(values) == 1 else np.stack(values, axis=1)


#: a Task's prediction rule → its outputs as labels in the data's own convention (0/1, or 0..k−1)
PREDICTION_RULES = {
    "argmax": lambda out: np.argmax(out, axis=1).astype(float),
    "threshold": lambda out: (out > 0.5).astype(float),
    "sign": lambda out: (out >= 0).astype(float),
}


def _classifier_task(objective):
    task = getattr(objective, "task_record", None)
    if task is None or task.prediction not in PREDICTION_RULES:
        raise SymgradError("accuracy needs a classifier (logistic, softmax, or a hinge / cross-entropy loss)")
    return task


def predict_labels(objective, parameters: dict[str, float], columns) -> np.ndarray:
    """Class labels in the data's own convention (0/1 for binary, 0..k−1 for k classes), by the task's rule."""
    task = _classifier_task(objective)
    return PREDICTION_RULES[task.prediction](predict_outputs(objective, parameters, columns))


def accuracy(objective, parameters: dict[str, float], columns) -> float:
    """The fraction of rows whose predicted label equals the label column y."""
    labels = np.asarray(columns["y"], dtype=float)
    if _classifier_task(objective).labels == "pm1" and set(np.unique(labels)) <= {-1.0, 1.0}:
        labels = (labels + 1) / 2  # predictions come back as 0/1
    return float(np.mean(predict_labels(objective, parameters, columns) == labels))
