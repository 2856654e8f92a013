"""Every elementwise activation of the registry on every numeric backend: values and gradients.

Each activation f runs in an objective with a linear form, a bias slope, a parameter outside the form
and a penalty, ½(y − c·f(w₁x₁ + w₂x₂ + b))² + λw₁², compiled by numpy, fused and jax, and checked
against sympy.diff of the same expression evaluated row by row and against central differences;
and in a small matrix-form network on numpy, fused and jax, checked against central differences.
Adding an activation to ``symbolic.activations`` adds its cases here.
"""
from __future__ import annotations

import importlib.util

import numpy as np
import pytest
import sympy

from numeric.compile import compile_objective
from numeric.evaluate import compile_expression
from numeric.mlp import mlp_objective
from symbolic.activations import SCALAR_ACTIVATIONS
from symbolic.matrix import MLPSpec

BACKENDS = ["numpy", "fused"] + (["jax"] if importlib.util.find_spec("jax") else [])
NAMES = list(SCALAR_ACTIVATIONS)

x1, x2, y = sympy.symbols("x1 x2 y", real=True)
w1, w2, b, c, lam = sympy.symbols("w1 w2 b c lambda", real=True)
PARAMETERS = [w1, w2, b, c]
CONSTANTS = {"lambda": 0.1}


def _objective(name: str) -> sympy.Expr:
    f = SCALAR_ACTIVATIONS[name]
    return (y - c * f(w1 * x1 + w2 * x2 + b)) ** 2 / 2 + lam * w1 ** 2


def _data(n: int, rng) -> dict[str, np.ndarray]:
    return {"x1": rng.normal(size=n), "x2": rng.normal(size=n), "y": rng.normal(size=n)}


def _mean_of(expr: sympy.Expr, cols, theta) -> float:
    """The mean over the rows of ``expr``, evaluated directly (no decomposition, no backend)."""
    symbols = [x1, x2, y, *PARAMETERS, lam]
    values = [cols["x1"], cols["x2"], cols["y"], *theta, CONSTANTS["lambda"]]
    out = compile_expression(expr, symbols)(*values)
    return float(np.mean(np.broadcast_to(out, cols["y"].shape)))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", NAMES)
def test_objective_value_and_gradient_equal_sympy_diff_and_finite_differences(name, backend):
    expr = _objective(name)
    compiled = compile_objective(expr, [p.name for p in PARAMETERS], CONSTANTS, backend=backend)
    assert compiled.backend == backend
    assert len(compiled.forms) == 1  # w₁x₁ + w₂x₂ + b became a matrix product
    rng = np.random.default_rng(NAMES.index(name))
    cols = _data(40, rng)
    batch = compiled.batch(cols)
    theta = rng.normal(size=4) * 0.8
    value, grad = compiled.value_and_grad(theta, batch)
    assert value == pytest.approx(_mean_of(expr, cols, theta), rel=1e-10, abs=1e-12)
    h = 1e-6
    for k, p in enumerate(PARAMETERS):
        assert grad[k] == pytest.approx(_mean_of(sympy.diff(expr, p), cols, theta), rel=1e-9, abs=1e-12), p
        e = np.zeros(4)
        e[k] = h
        numeric = (compiled.loss(theta + e, batch) - compiled.loss(theta - e, batch)) / (2 * h)
        assert grad[k] == pytest.approx(numeric, rel=1e-5, abs=1e-7), p


@pytest.mark.parametrize("name", NAMES)
def test_numpy_is_finite_and_silent_at_logits_of_1000(name):
    compiled = compile_objective(_objective(name), [p.name for p in PARAMETERS], CONSTANTS)
    batch = compiled.batch({"x1": np.array([1.0, -1.0, 0.5, -0.5]), "x2": np.zeros(4), "y": np.ones(4)})
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        value, grad = compiled.value_and_grad(np.array([1000.0, 0.0, 0.0, 1.0]), batch)
    assert np.isfinite(value) and np.all(np.isfinite(grad))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("layers, loss", [((3, 5, 4, 2), "cross_entropy"), ((3, 4, 2), "squared")])
def test_network_gradient_equals_finite_differences(name, backend, layers, loss):
    spec = MLPSpec.build(layers, name, loss, "l2")
    model = mlp_objective(spec, 0.01, backend)
    assert model.backend == backend
    rng = np.random.default_rng(7)
    X = rng.normal(size=(30, layers[0]))
    targets = rng.integers(0, layers[-1], 30) if loss == "cross_entropy" else rng.normal(size=(30, layers[-1]))
    batch = model.batch(X, targets)
    theta = model.initial(3) + 0.1 * rng.normal(size=model.size)
    value, grad = model.value_and_grad(theta, batch)
    reference = mlp_objective(spec, 0.01, "numpy")
    assert value == pytest.approx(reference.loss(theta, batch), rel=1e-12)
    h = 1e-6
    for k in range(model.size):
        e = np.zeros_like(theta)
        e[k] = h
        numeric = (reference.loss(theta + e, batch) - reference.loss(theta - e, batch)) / (2 * h)
        assert grad[k] == pytest.approx(numeric, rel=1e-5, abs=1e-8), model.parameters


@pytest.mark.parametrize("name", NAMES)
def test_network_on_numpy_is_silent_at_inputs_of_1000(name):
    model = mlp_objective(MLPSpec.build((3, 4, 2), name, "cross_entropy"), 0.0, "numpy")
    rng = np.random.default_rng(1)
    batch = model.batch(rng.normal(size=(20, 3)) * 1000, rng.integers(0, 2, 20))
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        value, grad = model.value_and_grad(model.initial(0) * 10, batch)
    assert np.isfinite(value) and np.all(np.isfinite(grad))
