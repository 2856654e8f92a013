"""Compiled loss and gradients: equal to the symbolic gradient, to finite differences, stable at ±1000."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

from numeric.compile import compile_objective, per_example
from numeric.evaluate import compile_expression
from symbolic import derive
from symbolic.models import MODELS, from_text, neuron_objective, objective

CASES = [
    ("neuron", {"activation": "sigmoid"}, "squared", "l2"),
    ("neuron", {"activation": "tanh"}, "squared", "l1"),
    ("neuron", {"activation": "relu"}, "hinge", "none"),
    ("linear", {"features": 3}, "squared", "l2"),
    ("logistic", {"features": 4}, "binary_cross_entropy", "l2"),
    ("softmax", {"features": 2, "classes": 3}, "cross_entropy", "l2"),
    ("two_layer", {"activation": "sigmoid", "features": 2, "hidden": 2, "biases": True}, "squared", "l2"),
]


def _data(obj, n, rng, scale=1.0):
    compiled = compile_objective(obj, constants={"lambda": 0.05})
    cols = {d: rng.normal(size=n) * scale for d in compiled.data}
    if "y" in cols:
        cols["y"] = rng.integers(1, 4, size=n).astype(float) if obj.task == "classes" else \
            rng.integers(0, 2, size=n).astype(float)
    return compiled, cols


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[2]}-{c[3]}")
def test_gradient_equals_symbolic_gradient_and_finite_differences(case):
    name, kwargs, loss, reg = case
    obj = objective(MODELS[name](**kwargs), loss, reg)
    rng = np.random.default_rng(1)
    compiled, cols = _data(obj, 64, rng)
    batch = compiled.batch(cols)
    theta = rng.normal(size=len(compiled.parameters))
    value, grad = compiled.value_and_grad(theta, batch)
    # 1) the symbolic derivation, evaluated row by row and averaged
    symbols = sorted(obj.expression.free_symbols, key=lambda s: s.name)
    point = dict(zip(compiled.parameters, theta)) | {"lambda": 0.05}
    derivations = derive(obj)
    for k, p in enumerate(compiled.parameters):
        f = compile_expression(derivations[p].gradient, symbols)
        args = [cols[s.name] if s.name in cols else point[s.name] for s in symbols]
        assert grad[k] == pytest.approx(float(np.mean(np.broadcast_to(f(*args), (64,)))), rel=1e-9, abs=1e-12)
    # 2) central finite differences of the compiled loss
    h = 1e-6
    for k in range(len(theta)):
        e = np.zeros_like(theta)
        e[k] = h
        numeric = (compiled.loss(theta + e, batch) - compiled.loss(theta - e, batch)) / (2 * h)
        assert grad[k] == pytest.approx(numeric, rel=1e-5, abs=1e-7)
    # and the loss is the mean per-example loss plus the penalty
    f = compile_expression(per_example(obj.expression), symbols)
    args = [cols[s.name] if s.name in cols else point[s.name] for s in symbols]
    assert value == pytest.approx(float(np.mean(f(*args))), rel=1e-10)


@pytest.mark.parametrize("case", CASES[:6], ids=lambda c: f"{c[0]}-{c[2]}")
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_finite_and_silent_at_logits_of_1000(case, dtype):
    name, kwargs, loss, reg = case
    obj = objective(MODELS[name](**kwargs), loss, reg)
    rng = np.random.default_rng(2)
    compiled, cols = _data(obj, 50, rng)
    batch = compiled.batch(cols, dtype)
    for theta in (np.full(len(compiled.parameters), 1000.0 / 3), np.full(len(compiled.parameters), -1000.0 / 3)):
        with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
            warnings.simplefilter("error")
            value, grad = compiled.value_and_grad(theta * np.sign(rng.normal(size=len(theta))), batch)
        assert np.isfinite(value) and np.all(np.isfinite(grad))
        assert grad.dtype == dtype


def test_binary_cross_entropy_at_extreme_logits_has_the_exact_value():
    obj = objective(MODELS["logistic"](features=1), "binary_cross_entropy", "none")
    compiled = compile_objective(obj)
    batch = compiled.batch({"x": np.array([1.0, 1.0]), "y": np.array([0.0, 1.0])})
    value, grad = compiled.value_and_grad(np.array([-1000.0, 0.0]), batch)
    # z = −1000: label 0 costs log(1 + e^{−1000}) ≈ 0, label 1 costs 1000
    assert value == pytest.approx(500.0)
    assert grad == pytest.approx([-0.5, -0.5])


def test_linear_forms_become_matrix_products():
    obj = objective(MODELS["logistic"](features=5), "binary_cross_entropy", "l2")
    compiled = compile_objective(obj, constants={"lambda": 0.1})
    assert len(compiled.forms) == 1 and len(compiled.forms[0].weights) == 5
    assert compile_objective(neuron_objective(), constants={"lambda": 0.1}).forms == ()


def test_typed_loss_with_sum_over_data():
    obj = from_text("Sum(1/2*(y[i] - w*x[i] - b)**2, (i, 1, n))/n + lambda*w**2", ["w", "b"])
    compiled = compile_objective(obj, constants={"lambda": 0.5})
    assert compiled.data == ("x", "y")
    x = np.array([1.0, 2.0, 3.0])
    y = np.array([2.0, 4.0, 6.5])
    value, grad = compiled.value_and_grad(np.array([2.0, 0.0]), compiled.batch({"x": x, "y": y}))
    assert value == pytest.approx(np.mean(0.5 * (y - 2 * x) ** 2) + 0.5 * 4)
    assert grad == pytest.approx([np.mean(-(y - 2 * x) * x) + 2.0, np.mean(-(y - 2 * x))])


def test_missing_column_is_a_clear_error():
    from symbolic.errors import SymgradError
    compiled = compile_objective(neuron_objective(), constants={"lambda": 0.1})
    with pytest.raises(SymgradError, match="no column 'y'"):
        compiled.batch({"x": np.ones(3)})


def test_users_can_check_gradients_like_autograd():
    from numeric import check_gradients
    obj = objective(MODELS["softmax"](features=2, classes=3), "cross_entropy", "l2")
    rng = np.random.default_rng(5)
    compiled, cols = _data(obj, 40, rng)
    checks = check_gradients(compiled, rng.normal(size=len(compiled.parameters)), compiled.batch(cols))
    assert [c.parameter for c in checks] == list(compiled.parameters)
    assert all(c.ok for c in checks), checks
    assert all(c.analytic == pytest.approx(c.numeric, rel=1e-5, abs=1e-8) for c in checks)
