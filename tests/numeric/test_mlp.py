"""Matrix-form networks in numpy: finite differences at real sizes, float32, and the CLI on digits."""
from __future__ import annotations

import json

import numpy as np
import pytest

from numeric.mlp import MLPObjective, train_mlp
from symbolic.matrix import MLPSpec
from tests.cli import run_cli as _run


@pytest.mark.parametrize("layers, act, loss, reg", [
    ((64, 32, 10), "sigmoid", "cross_entropy", "l2"),
    ((20, 16, 8, 4), "tanh", "cross_entropy", "none"),
    ((10, 12, 3), "relu", "squared", "l2"),
])
def test_gradient_matches_finite_differences_at_real_sizes(layers, act, loss, reg):
    rng = np.random.default_rng(0)
    model = MLPObjective(MLPSpec.build(layers, act, loss, reg), lam=0.01)
    X = rng.normal(size=(200, layers[0]))
    y = rng.integers(0, layers[-1], 200) if loss == "cross_entropy" else rng.normal(size=(200, layers[-1]))
    batch = model.batch(X, y)
    theta = model.initial(1) + 0.05 * rng.normal(size=model.size)
    _, grad = model.value_and_grad(theta, batch)
    assert grad.shape == (model.size,)
    for k in rng.choice(model.size, size=25, replace=False):  # a sample of coordinates
        e = np.zeros_like(theta)
        e[k] = 1e-6
        numeric = (model.loss(theta + e, batch) - model.loss(theta - e, batch)) / 2e-6
        assert grad[k] == pytest.approx(numeric, rel=1e-5, abs=1e-8)


def test_float32_and_extreme_logits():
    model = MLPObjective(MLPSpec.build((5, 4, 3), "sigmoid", "cross_entropy", "none"))
    rng = np.random.default_rng(2)
    batch = model.batch(rng.normal(size=(30, 5)) * 1000, rng.integers(0, 3, 30), np.float32)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        value, grad = model.value_and_grad(model.initial(0, np.float32) * 100, batch)
    assert np.isfinite(value) and np.all(np.isfinite(grad)) and grad.dtype == np.float32


def test_training_reduces_the_loss_and_fits_xor():
    rng = np.random.default_rng(3)
    X = rng.uniform(-1, 1, size=(400, 2))
    y = ((X[:, 0] > 0) ^ (X[:, 1] > 0)).astype(float)
    model, result = train_mlp(MLPSpec.build((2, 16, 2), "tanh", "cross_entropy"), X, y, epochs=400,
                              learning_rate=0.05)
    assert result.loss_history[-1] < 0.5 * result.loss_history[0]
    assert np.mean(model.predict(result.parameters, X) == y) > 0.95




def test_mlp_on_digits_reaches_95_percent(capsys):
    code, out, err = _run(capsys, "train", "--model", "mlp", "--layers", "64,32,10", "--data", "digits", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["accuracy"]["test"] >= 0.95
    assert report["parameters"]["W1"]["shape"] == [64, 32]


def test_softmax_regression_on_digits_is_within_a_point_of_scikit_learn(capsys):
    from sklearn.linear_model import LogisticRegression
    from numeric.data import load_builtin
    from numeric.data.prepare import Standardizer, train_test_split
    data = load_builtin("digits")
    train, test = train_test_split(data, 0.25, seed=0)
    scaler = Standardizer.fit(train)
    train, test = scaler.transform(train), scaler.transform(test)
    reference = LogisticRegression(max_iter=5000).fit(train.X, train.y).score(test.X, test.y)
    lam = 1 / (2 * train.n)  # scikit-learn's C = 1 as a mean-loss penalty
    code, out, err = _run(capsys, "train", "--model", "mlp", "--layers", "64,10", "--data", "digits",
                          "--optimizer", "lbfgs", "--epochs", "500", "--reg", "l2", "--set", f"lambda={lam}", "--json")
    assert code == 0, err
    assert json.loads(out)["accuracy"]["test"] >= reference - 0.01


@pytest.mark.parametrize("argv, message", [
    (["train", "--model", "mlp", "--data", "digits"], "--layers"),
    (["train", "--model", "mlp", "--layers", "60,10", "--data", "digits"], "64 feature columns"),
    (["train", "--model", "mlp", "--layers", "64,5", "--data", "digits"], "10 classes"),
    (["train", "--model", "mlp", "--layers", "64,x,10", "--data", "digits"], "whole numbers"),
    (["derive", "--model", "mlp", "--layers", "3,2,2", "--activation", "relu,tanh"], "activations"),
])
def test_mlp_bad_input(capsys, argv, message):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and message in err and err.count("\n") == 1, err
