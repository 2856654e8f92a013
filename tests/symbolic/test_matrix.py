"""Matrix-form backprop: the equations, and their proof at small sizes — every entry of the
matrix-form gradient equals sympy.diff of the scalar-expanded objective, exactly."""
from __future__ import annotations

import time

import pytest
import sympy

from symbolic.activations import Softmax, activation
from symbolic.matrix import MLPSpec, SympyOps, forward_backward, matrix_derivation
from symbolic.errors import ModelError


def _symbols(name, rows, cols):
    return sympy.Matrix(rows, cols, lambda i, j: sympy.Symbol(f"{name}_{i + 1}{j + 1}", real=True))


def _scalar_objective(spec, params, X, Y, lam):
    """The objective written entry by entry with explicit sums: independent of the matrix code."""
    n, L = X.shape[0], spec.depth
    total = sympy.S.Zero
    for i in range(n):
        a = list(X.row(i))
        for l in range(1, L + 1):
            W = params[f"W{l}"]
            z = [sum((a[p] * W[p, q] for p in range(W.shape[0])), sympy.S.Zero)
                 + (params[f"b{l}"][q] if spec.biases else 0) for q in range(W.shape[1])]
            a = [activation(spec.activations[l - 1])(v) for v in z] if l < L else z
        if spec.loss == "cross_entropy":
            total += -sum(Y[i, j] * sympy.log(Softmax(j + 1, *a)) for j in range(len(a))) / n
        else:
            total += sum((a[j] - Y[i, j]) ** 2 for j in range(len(a))) / (2 * n)
    if spec.reg == "l2":
        total += lam * sum(sum(w**2 for w in params[f"W{l}"]) for l in range(1, L + 1))
    return total


@pytest.mark.parametrize("layers, act, loss, reg", [
    ((3, 2, 2), "sigmoid", "cross_entropy", "l2"),
    ((3, 2, 2), "tanh", "squared", "none"),
    ((2, 2, 2, 2), "sigmoid", "cross_entropy", "none"),
    ((3, 2, 1), "linear", "squared", "l2"),
    ((2, 3), None, "cross_entropy", "l2"),  # softmax regression
])
def test_matrix_gradient_equals_sympy_diff_entry_by_entry(layers, act, loss, reg):
    spec = MLPSpec.build(layers, act or "sigmoid", loss, reg)
    n = 2
    X = _symbols("x", n, layers[0])
    # one-hot labels for cross-entropy (the δ = Ŷ − Y simplification needs rows summing to 1)
    Y = sympy.Matrix(n, layers[-1], lambda i, j: 1 if j == i % layers[-1] else 0) if loss == "cross_entropy" \
        else _symbols("y", n, layers[-1])
    lam = sympy.Symbol("lambda", positive=True)
    params = {}
    for name, shape in spec.shapes().items():
        params[name] = _symbols(name, *shape) if len(shape) == 2 else _symbols(name, shape[0], 1)
    loss_expr, grads = forward_backward(spec, params, X, Y, lam, SympyOps())
    scalar = _scalar_objective(spec, params, X, Y, lam)
    assert sympy.expand(loss_expr - scalar) == 0
    for name, grad in grads.items():
        entries = params[name]
        for idx in range(len(entries)):
            exact = sympy.diff(scalar, entries[idx])
            diff = sympy.expand(grad[idx] - exact)
            if diff != 0:
                diff = sympy.simplify(diff.rewrite("elementary"))
            assert diff == 0, (name, idx)


def test_derivation_time_does_not_grow_with_sizes():
    started = time.perf_counter()
    small = matrix_derivation(MLPSpec.build([3, 2, 2], "sigmoid", "cross_entropy", "l2"))
    t_small = time.perf_counter() - started
    started = time.perf_counter()
    big = matrix_derivation(MLPSpec.build([784, 128, 10], "sigmoid", "cross_entropy", "l2"))
    t_big = time.perf_counter() - started
    assert len(small.backward) == len(big.backward) and t_big < 2.0 + 10 * t_small
    assert big.gradients[0].shape == r"784 \times 128"


def test_the_textbook_equations():
    d = matrix_derivation(MLPSpec.build([784, 128, 10], "sigmoid", "cross_entropy", "l2"))
    text = d.to_text()
    assert "δ⁽²⁾ = (Ŷ − Y)/n" in text
    assert "∂L/∂W⁽¹⁾ = Xᵀ·δ⁽¹⁾ + 2λW⁽¹⁾" in text
    assert "∂L/∂W⁽²⁾ = A⁽¹⁾ᵀ·δ⁽²⁾ + 2λW⁽²⁾" in text
    assert "∂L/∂b⁽²⁾ = δ⁽²⁾ᵀ·1" in text
    assert "(δ⁽²⁾·W⁽²⁾ᵀ) ⊙ (A⁽¹⁾ ⊙ (1 - A⁽¹⁾))" in text
    latex = d.to_latex()
    assert r"\odot" in latex and r"{b^{(1)}}^\top" in latex
    data = d.to_json()
    assert data["parameters"]["W1"] == [784, 128]
    assert [g["shape"] for g in data["gradients"]][:2] == [r"784 \times 128", "128"]


@pytest.mark.parametrize("args, message", [
    (([3], "sigmoid"), "at least two"),
    (([3, 2, 2], "nope"), "unknown activation"),
    (([3, 2, 2], "sigmoid", "hinge"), "cross_entropy or squared"),
    (([3, 1], "sigmoid", "cross_entropy"), "2 output classes"),
])
def test_bad_specs(args, message):
    with pytest.raises(ModelError, match=message):
        MLPSpec.build(*args)


def test_every_matrix_equation_names_a_registered_rule():
    from symbolic.derive.registry import REGISTRY
    from symbolic.matrix import MLPSpec, matrix_derivation
    d = matrix_derivation(MLPSpec.build([4, 3, 3, 2], ["relu", "tanh"], "cross_entropy", "l2"))
    data = d.to_json()
    assert [e["rule"]["id"] for e in data["forward"]] == ["forward_pass"] * 6
    assert data["loss"]["rule"]["id"] == "loss_definition"
    assert [e["rule"]["id"] for e in data["backward"]] == ["output_delta", "backprop_delta", "backprop_delta"]
    assert {e["rule"]["id"] for e in data["gradients"]} == {"weight_gradient", "bias_gradient"}
    assert all(e.rule is REGISTRY[e.rule.id] for e in (*d.forward, d.loss, *d.backward, *d.gradients))
