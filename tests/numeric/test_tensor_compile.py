"""Compiled matrix objectives (numeric.tensor): loss and gradients equal the exact values of
symbolic.tensor.evaluate and central differences, at random sizes with every dim distinct; finite at
logits ±1000 with warnings as errors; one shared forward pass; JAX gives the same numbers."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy

from numeric.tensor import compile_text
from numeric.tensor.program import Program
from symbolic.tensor import tree as t
from symbolic.tensor.evaluate import value as exact_value
from symbolic.tensor.shapes import ShapeError, dim

#: every dim distinct and no matrix square unless it must be, so a lost transpose cannot hide
SIZES = {"n": 7, "d": 3, "k": 4, "h": 5, "m": 6}

#: (loss, shapes, wrt)
OBJECTIVES = [
    ("norm(X@w - y)**2/n + lambda*w@w", "X:n,d w:d y:n", "w"),
    ("sum(log(1 + exp(-y*(X@w))))/n + lambda*w@w", "X:n,d w:d y:n:pm1", "w"),
    ("-sum(y*log(sigmoid(X@w)) + (1 - y)*log(1 - sigmoid(X@w)))/n", "X:n,d w:d y:n:binary", "w"),
    ("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", "W"),
    ("-sum(Y*log(softmax(tanh(X@W1)@W2)))/n", "X:n,d Y:n,k:onehot W1:d,h W2:h,k", "W1,W2"),
    ("sum(logsumexp(X@W)) - sum(Y*(X@W))", "X:n,d Y:n,k:onehot W:d,k", "W"),
    ("logsumexp(X@w) + sum(softmax(X@w)*y)", "X:n,d w:d y:n", "w"),
    ("sum((X@W + b)**2)/n", "X:n,d W:d,k b:k", "W,b"),
    ("logdet(A.T@A + eye(d))", "A:m,d", "A"),
    ("trace(inv(S)@B) + det(S)", "S:d,d B:d,d", "S"),
    ("norm(A@x) + x@C@x", "A:m,d x:d C:d,d", "A,x,C"),
    ("logdet(S) + r@inv(S)@r", "S:d,d:spd r:d", "S,r"),
    ("mean((X@W - Z)**2) + norm(W)**2 + sum(sigmoid(X@W))", "X:n,d W:d,k Z:n,k", "W"),
    ("sum(log(sigmoid(y*(X@w)))) + sum(softplus(X@w)) - sum(relu(X@w + 50))", "X:n,d w:d y:n:pm1", "w"),
]


def _parsed(loss, shapes, wrt):
    from symbolic.tensor.parse import parse_objective
    from symbolic.tensor.shapes import parse_shapes
    return parse_objective(loss, parse_shapes(shapes)), wrt.split(",")


def _values(compiled, rng, scale=1.0):
    """Random values for every tensor at SIZES: one-hot rows, ±1 and 0/1 labels, well-conditioned squares."""
    out = {}
    for name, var in compiled.inputs.items():
        rows, cols = (int(sympy.sympify(s).subs({dim(k): v for k, v in SIZES.items()})) for s in var.shape)
        if var.domain == "onehot":
            out[name] = np.eye(cols)[rng.integers(0, cols, size=rows)]
        elif var.domain == "pm1":
            out[name] = rng.choice([-1.0, 1.0], size=rows)
        elif var.domain == "binary":
            out[name] = rng.choice([0.0, 1.0], size=rows)
        elif rows == cols and rows > 1:
            a = rng.normal(size=(rows, rows)) * 0.3
            out[name] = np.eye(rows) * 2 + (a @ a.T if var.domain == "spd" else a)
        elif var.is_scalar:
            out[name] = 0.3
        else:
            out[name] = rng.normal(size=(rows,) if cols == 1 else (rows, cols)) * scale
    return out


def _exact(node, values, rational=False):
    """The value in sympy at 30 digits (``rational``: the inputs as exact fractions, for values like 1 − σ(1000))."""
    def matrix(v):
        m = sympy.Matrix(np.reshape(v, (-1, 1)) if np.ndim(v) == 1 else np.atleast_2d(v))
        return m.applyfunc(lambda x: sympy.Rational(float(x))) if rational else m
    env = {k: matrix(v) for k, v in values.items()}
    dims = {dim(k): v for k, v in SIZES.items()}
    out = exact_value(node, env, dims).evalf(600 if rational else 30)  # 1 − σ(1000) needs 435 digits
    return np.array(out.tolist(), dtype=float)


@pytest.mark.parametrize("loss,shapes,wrt", OBJECTIVES)
def test_compiled_loss_and_gradients_equal_exact_values_and_central_differences(loss, shapes, wrt):
    tree, names = _parsed(loss, shapes, wrt)
    compiled = compile_text(loss, shapes, names)
    values = _values(compiled, np.random.default_rng(len(loss)))
    value, grads = compiled.value_and_grad(values)
    assert value == pytest.approx(float(_exact(tree, values)[0, 0]), rel=1e-10, abs=1e-10)
    for name in names:
        exact = _exact(compiled.gradients[name], values).reshape(np.shape(grads[name]))
        np.testing.assert_allclose(grads[name], exact, rtol=1e-9, atol=1e-10)
        # central differences of the compiled loss, entry by entry: independent of the engine's rules
        base = np.array(values[name], dtype=float)
        numeric = np.zeros_like(base)
        h = 1e-6
        for index in np.ndindex(base.shape):
            up, down = base.copy(), base.copy()
            up[index] += h
            down[index] -= h
            numeric[index] = (compiled.value({**values, name: up}) - compiled.value({**values, name: down})) / (2 * h)
        np.testing.assert_allclose(grads[name], numeric, rtol=1e-5, atol=1e-6)
    assert compiled.value(values) == value and all(np.array_equal(compiled.gradient(values)[k], grads[k]) for k in names)


STABLE = [
    # (loss, shapes, wrt): evaluated where the logits are +1000 and −1000
    ("sum(log(1 + exp(-y*(X@w))))/n", "X:n,d w:d y:n:pm1", "w"),
    ("-sum(y*log(sigmoid(X@w)) + (1 - y)*log(1 - sigmoid(X@w)))/n", "X:n,d w:d y:n:binary", "w"),
    ("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", "W"),
    ("sum(logsumexp(X@W))/n", "X:n,d W:d,k", "W"),
    ("log(sum(exp(X@w)))", "X:n,d w:d", "w"),
    ("sum(log(sigmoid(X@w)))", "X:n,d w:d", "w"),
]


@pytest.mark.parametrize("loss,shapes,wrt", STABLE)
def test_finite_at_logits_of_a_thousand_with_warnings_as_errors(loss, shapes, wrt):
    compiled = compile_text(loss, shapes, wrt.split(","))
    rng = np.random.default_rng(1)
    values = _values(compiled, rng)
    n = SIZES["n"]
    values["X"] = np.where(np.arange(n)[:, None] % 2 == 0, 1.0, -1.0) * np.ones((n, SIZES["d"]))
    param = wrt
    values[param] = np.full(np.shape(values[param]), 1000.0 / SIZES["d"])
    if np.ndim(values[param]) == 2:
        values[param][:, 0] *= -1  # logits +1000 and −1000 in every row
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value, grads = compiled.value_and_grad(values)
    assert np.isfinite(value) and np.all(np.isfinite(grads[param]))
    # the same value in exact arithmetic (sympy at 30 digits): large, but not overflowed or lost
    tree, _ = _parsed(loss, shapes, wrt)
    assert value == pytest.approx(float(_exact(tree, values, rational=True)[0, 0]), rel=1e-12, abs=1e-9)
    for name in (param,):
        exact = _exact(compiled.gradients[name], values, rational=True).reshape(np.shape(grads[name]))
        np.testing.assert_allclose(grads[name], exact, rtol=1e-9, atol=1e-12)


def test_loss_and_gradient_share_the_forward_products():
    compiled = compile_text("-sum(Y*log(softmax(tanh(X@W1)@W2)))/n", "X:n,d Y:n,k:onehot W1:d,h W2:h,k", ["W1", "W2"])
    steps = compiled.program.steps
    products = [s for s in steps if s.op == "matmul" and all(steps[a].op != "fill" for a in s.args)]
    # X@W1, tanh(·)@W2 forward; Xᵀ(…), tanh(·)ᵀ(…), (…)W2ᵀ backward: five products, each once
    assert len(products) == 5
    exps = [s for s in compiled.program.steps if s.op == "shifted_exp"]
    assert len(exps) == 1  # log softmax in the loss and softmax in the gradient share one exponential
    logistic = compile_text("sum(log(1 + exp(-y*(X@w))))/n", "X:n,d w:d y:n:pm1", ["w"])
    assert len([s for s in logistic.program.steps if s.op == "matmul"]) == 2  # Xw and Xᵀ(…)
    assert not [s for s in logistic.program.steps if s.op == "f" and s.attrs[0] in ("exp", "log")]  # softplus, σ


def test_a_chain_is_multiplied_in_the_cheap_order():
    n, d = dim("n"), dim("d")
    X, w = t.Var("X", (n, d)), t.Var("w", (d, 1))
    program = Program([t.MatMul(t.MatMul(t.Transpose(X), X), w)])
    final = program.steps[program.roots[0]]
    left, right = (program.steps[a] for a in final.args)
    assert left.op == "transpose" and right.op == "matmul" and right.shape == (n, 1)  # Xᵀ(Xw), never XᵀX


def test_all_ones_tensors_never_become_arrays_or_products():
    compiled = compile_text("sum((X@W + b)**2)/n", "X:n,d W:d,k b:k", ["W", "b"])
    rng = np.random.default_rng(0)
    X, W, b = rng.normal(size=(500, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    value, grads = compiled.value_and_grad({"X": X, "W": W, "b": b})
    r = X @ W + b
    assert value == pytest.approx(np.sum(r ** 2) / 500)
    np.testing.assert_allclose(grads["b"], 2 * r.sum(axis=0) / 500)
    np.testing.assert_allclose(grads["W"], 2 * X.T @ r / 500)


def test_dims_come_from_the_data_and_a_mismatch_is_one_line():
    compiled = compile_text("norm(X@w - y)**2/n", "X:n,d w:d y:n", ["w"])
    rng = np.random.default_rng(0)
    for n, d in ((5, 2), (40, 7)):  # one compile, any sizes
        X, w, y = rng.normal(size=(n, d)), rng.normal(size=d), rng.normal(size=n)
        value, grads = compiled.value_and_grad({"X": X, "w": w, "y": y})
        assert value == pytest.approx(np.sum((X @ w - y) ** 2) / n)
        np.testing.assert_allclose(grads["w"], 2 * X.T @ (X @ w - y) / n)
    with pytest.raises(ShapeError, match=r"y is declared n but the data gives 6 × 1: n is 5 from X and 6 from y"):
        compiled.value({"X": np.ones((5, 2)), "w": np.ones(2), "y": np.ones(6)})
    with pytest.raises(ShapeError, match="w is declared d"):
        compiled.value({"X": np.ones((5, 2)), "w": np.ones((2, 2)), "y": np.ones(5)})


def test_a_dim_read_from_a_parameter_and_one_no_array_shows():
    compiled = compile_text("-sum(Y*log(softmax(tanh(X@W1)@W2)))/n", "X:n,d Y:n,k:onehot W1:d,h W2:h,k", ["W1"])
    rng = np.random.default_rng(0)
    values = {"X": rng.normal(size=(6, 3)), "Y": np.eye(2)[[0, 1, 0, 1, 1, 0]], "W1": rng.normal(size=(3, 4)),
              "W2": rng.normal(size=(4, 2))}
    assert np.isfinite(compiled.value(values))  # h = 4 from W1's value
    ones = compile_text("norm(w) + sum(ones(h))", "w:d u:h", ["w"])  # u declares h, the loss does not use it
    with pytest.raises(ShapeError, match="dimension h is not fixed by the data"):
        ones.value({"w": np.ones(3)})
    assert ones.value({"w": np.ones(4)}, dims={"h": 5}) == pytest.approx(2 + 5)


@pytest.mark.parametrize("loss,shapes,wrt", [OBJECTIVES[1], OBJECTIVES[4], OBJECTIVES[9]])
def test_jax_gives_the_same_numbers(loss, shapes, wrt):
    pytest.importorskip("jax")
    names = wrt.split(",")
    ours = compile_text(loss, shapes, names)
    theirs = compile_text(loss, shapes, names, backend="jax")
    values = _values(ours, np.random.default_rng(3))
    v1, g1 = ours.value_and_grad(values)
    v2, g2 = theirs.value_and_grad(values)
    assert v2 == pytest.approx(v1, rel=1e-12)
    for name in names:
        np.testing.assert_allclose(g2[name], g1[name], rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("loss,shapes,wrt", [OBJECTIVES[1], OBJECTIVES[4], OBJECTIVES[7], OBJECTIVES[11]])
def test_the_printed_numpy_code_computes_the_same_numbers(loss, shapes, wrt):
    import scipy.special
    names = wrt.split(",")
    compiled = compile_text(loss, shapes, names)
    source = compiled.source()
    assert source.startswith("def objective(") and "for " not in source  # no loops, one line per step
    namespace = {"np": np, "scipy": scipy}
    exec(compile(source, "<objective>", "exec"), namespace)  # our own generated text, never user input
    values = _values(compiled, np.random.default_rng(5))
    columns = {k: (np.reshape(v, (-1, 1)) if np.ndim(v) == 1 else v) for k, v in values.items()}
    args = [columns[name] for name in compiled.inputs]
    loss_value, *grads = namespace["objective"](*args)
    value, expected = compiled.value_and_grad(values)
    assert float(np.reshape(loss_value, ())) == pytest.approx(value, rel=1e-12)
    for name, g in zip(names, grads):
        np.testing.assert_allclose(np.reshape(g, np.shape(expected[name])), expected[name], rtol=1e-10, atol=1e-12)
