"""Built-in models as typed matrix objectives: --model linear|logistic|softmax --vector, and the MLP tree
of symbolic/tensor/models.py in both conventions (its equations are checked in test_matrix.py)."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import sympy

from symbolic.errors import ModelError
from symbolic.tensor import parse_objective, parse_shapes
from symbolic.tensor import tree as t
from symbolic.tensor.derivation import derive_text
from symbolic.tensor.engine import gradients
from symbolic.tensor.models import VECTOR_MODELS, mlp_tree, vector_model
from symbolic.tensor.printing import unicode
from tests.symbolic.test_tensor import _random, np_value

#: (model, reg, parameter, its gradient in textbook form)
TEXTBOOK = [
    ("linear", None, "w", "(1/n)Xᵀ(Xw + b − y)"),
    ("linear", "l2", "w", "2λw + (1/n)Xᵀ(Xw + b − y)"),
    ("logistic", None, "w", "(1/n)Xᵀ(σ(Xw + b) − y)"),
    ("logistic", "l2", "w", "2λw + (1/n)Xᵀ(σ(Xw + b) − y)"),
    ("softmax", None, "W", "(1/n)Xᵀ(softmax(XW + 𝟏bᵀ) − Y)"),
    ("softmax", None, "b", "(1/n)(softmax(XW + 𝟏bᵀ) − Y)ᵀ𝟏"),
]


@pytest.mark.parametrize("model, reg, name, expected", TEXTBOOK)
def test_vector_models_in_textbook_form(model, reg, name, expected):
    loss, shapes, wrt = vector_model(model, reg)
    assert unicode(derive_text(loss, shapes, list(wrt)).gradients[name]) == expected


@pytest.mark.parametrize("model", sorted(VECTOR_MODELS))
@pytest.mark.parametrize("reg", [None, "l2", "l1"])
def test_vector_models_match_central_differences(model, reg):
    loss, shapes_text, wrt = vector_model(model, reg)
    shapes = parse_shapes(shapes_text)
    root = parse_objective(loss, shapes)
    grads = gradients(root, list(wrt))
    dims = {sympy.Symbol(s, integer=True, positive=True): v for s, v in (("n", 6), ("d", 3), ("k", 4))}
    rng = np.random.default_rng(5)
    env = {name: _random(*(int(sympy.sympify(x).subs(dims)) for x in var.shape), var.domain, rng)
           for name, var in t.variables(root).items()}
    for name in wrt:
        ours, base = np_value(grads[name], env, dims), env[name]
        numeric = np.zeros_like(base)
        for idx in np.ndindex(base.shape):
            plus, minus = base.copy(), base.copy()
            plus[idx] += 1e-6
            minus[idx] -= 1e-6
            numeric[idx] = (np_value(root, {**env, name: plus}, dims)[0, 0]
                            - np_value(root, {**env, name: minus}, dims)[0, 0]) / 2e-6
        np.testing.assert_allclose(ours, numeric, rtol=1e-5, atol=1e-7)


def test_logistic_vector_loss_is_binary_cross_entropy():
    loss, shapes_text, _ = vector_model("logistic")
    shapes = parse_shapes(shapes_text)
    dims = {sympy.Symbol(s, integer=True, positive=True): v for s, v in (("n", 5), ("d", 3))}
    rng = np.random.default_rng(0)
    X, w, y, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 1)), rng.integers(0, 2, (5, 1)).astype(float), 0.3
    ours = np_value(parse_objective(loss, shapes), {"X": X, "w": w, "y": y, "b": np.array([[b]])}, dims)[0, 0]
    p = 1 / (1 + np.exp(-(X @ w + b)))
    assert ours == pytest.approx(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def test_vector_model_sizes_and_refusals():
    assert vector_model("softmax", features=4, classes=3)[1] == "X:n,4 W:4,3 b:3 Y:n,3:onehot"
    for args, words in [(("neuron",), "--vector takes"), (("logistic", "elastic"), "--reg"),
                        (("linear", None, None, 3), "--classes"), (("linear", None, 0), "from 1")]:
        with pytest.raises(ModelError, match=words):
            vector_model(*args)


@pytest.mark.parametrize("convention, w1, z1", [("rows", (4, 3), ("n", 3)), ("columns", (3, 4), (3, 1))])
def test_mlp_tree_shapes_follow_the_convention(convention, w1, z1):
    net = mlp_tree((4, 3, 2), ("tanh",), "cross_entropy", "l2", True, convention)
    assert net.weights[0].shape == tuple(sympy.Integer(s) for s in w1)
    assert tuple(str(s) for s in net.pre[0].shape) == tuple(str(s) for s in z1)
    assert net.objective.is_scalar and net.lam is not None and len(net.post) == 1
    with pytest.raises(ModelError, match="rows or columns"):
        mlp_tree((4, 2), (), convention="diagonal")


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "symgrad", *args], capture_output=True, text=True)


def test_cli_vector_and_convention():
    out = _cli("derive", "--model", "logistic", "--vector", "--reg", "l2", "--wrt", "w")
    assert out.returncode == 0, out.stderr
    assert "∂L/∂w = 2λw + (1/n)Xᵀ(σ(Xw + b) − y)    (d)" in out.stdout
    out = _cli("derive", "--model", "mlp", "--layers", "5,4,3", "--convention", "columns")
    assert out.returncode == 0 and "∂L/∂W⁽¹⁾ = δ⁽¹⁾·xᵀ" in out.stdout and "[4 × 5]" in out.stdout
    for bad in (["derive", "--model", "neuron", "--convention", "columns"], ["derive", "--model", "neuron", "--vector"],
                ["derive", "--model", "mlp", "--layers", "3,2", "--convention", "diagonal"]):
        out = _cli(*bad)
        assert out.returncode == 2 and out.stderr.count("\n") == 1, (bad, out.stderr)
