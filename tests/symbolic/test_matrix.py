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
    assert [e.text_rhs for e in big.backward] == [e.text_rhs for e in small.backward]


def test_the_textbook_equations():
    d = matrix_derivation(MLPSpec.build([784, 128, 10], "sigmoid", "cross_entropy", "l2"))
    text = d.to_text()
    assert "δ⁽²⁾ = (1/n)(Ŷ − Y)" in text
    assert "∂L/∂W⁽¹⁾ = Xᵀδ⁽¹⁾ + 2λ·W⁽¹⁾" in text
    assert "∂L/∂W⁽²⁾ = A⁽¹⁾ᵀδ⁽²⁾ + 2λ·W⁽²⁾" in text
    assert "∂L/∂b⁽²⁾ = δ⁽²⁾ᵀ𝟏" in text
    assert "δ⁽¹⁾ = (δ⁽²⁾·W⁽²⁾ᵀ) ⊙ σ′(Z⁽¹⁾) = (δ⁽²⁾·W⁽²⁾ᵀ) ⊙ A⁽¹⁾ ⊙ (1 − A⁽¹⁾)" in text
    latex = d.to_latex()
    assert r"\odot" in latex and r"{b^{(1)}}^{\top}" in latex and "}^{(1)}^" not in latex
    data = d.to_json()
    assert data["parameters"]["W1"] == [784, 128]
    assert [g["shape"] for g in data["gradients"]][:2] == [r"784 \times 128", "128"]


def test_the_lectures_column_convention():
    d = matrix_derivation(MLPSpec.build([784, 128, 10], "sigmoid", "cross_entropy", "none", convention="columns"))
    text = d.to_text()
    assert "z⁽¹⁾ = W⁽¹⁾·x + b⁽¹⁾" in text and "[128]" in text
    assert "δ⁽²⁾ = ŷ − y" in text
    assert "δ⁽¹⁾ = (W⁽²⁾ᵀδ⁽²⁾) ⊙ σ′(z⁽¹⁾) = (W⁽²⁾ᵀδ⁽²⁾) ⊙ a⁽¹⁾ ⊙ (1 − a⁽¹⁾)" in text
    assert "∂L/∂W⁽¹⁾ = δ⁽¹⁾·xᵀ" in text and "[128 × 784]" in text
    assert "∂L/∂b⁽¹⁾ = δ⁽¹⁾ " in text
    assert "L = −yᵀlog(ŷ) = logsumexp(z⁽²⁾) − yᵀz⁽²⁾" in text
    assert d.to_json()["parameters"]["W1"] == [128, 784]


# ---- every equation from the engine equals central differences, depth 1..4, both conventions -----------

def _cut(n, target, var):
    from symbolic.tensor.simplify import rebuild
    if n == target:
        return var
    kids = n.children()
    return rebuild(n, [_cut(c, target, var) for c in kids]) if kids else n


_NETS = [  # (layers, activations, loss, reg, biases)
    ((4, 3), (), "cross_entropy", "l2", True),
    ((4, 5, 3), ("sigmoid",), "cross_entropy", "none", True),
    ((4, 5, 2), ("tanh",), "squared", "l2", False),
    ((3, 5, 4, 2), ("tanh", "softplus"), "cross_entropy", "l2", True),
    ((3, 5, 4, 6, 2), ("sigmoid", "tanh", "silu"), "squared", "none", True),
    ((3, 4, 5, 6, 2), ("elu", "sigmoid", "tanh"), "cross_entropy", "none", False),
]


@pytest.mark.parametrize("convention", ["rows", "columns"])
@pytest.mark.parametrize("net", _NETS, ids=lambda c: "-".join(map(str, c[0])) + f"-{c[2]}")
def test_every_equation_equals_central_differences(net, convention):
    import numpy as np
    from symbolic.tensor import tree as t
    from symbolic.tensor.models import mlp_tree
    from tests.symbolic.test_tensor import np_value
    layers, acts, loss, reg, biases = net
    spec = MLPSpec(layers, acts, loss, reg, biases, convention)
    d = matrix_derivation(spec)
    tree = mlp_tree(layers, acts, loss, reg, biases, convention)
    dims = {sympy.Symbol("n", integer=True, positive=True): 7}
    rng = np.random.default_rng(len(layers))
    env = {}
    for var in t.variables(tree.objective).values():
        rows, cols = (int(sympy.sympify(x).subs(dims)) for x in var.shape)
        if var.domain == "onehot":
            env[var.name] = np.eye(rows)[:, [rng.integers(rows)]] if cols == 1 else np.eye(cols)[rng.integers(cols, size=rows)]
        else:
            env[var.name] = rng.normal(size=(rows, cols)) * (0.3 if var.name == "lambda" else 1)
    f = lambda root, extra=None: np_value(root, {**env, **(extra or {})}, dims)  # noqa: E731
    value = f(tree.objective)[0, 0]

    def central(root, node):
        """∂L/∂node by central differences, the graph cut at node."""
        cut = t.Var("__cut", node.shape)
        cut_root = _cut(root, node, cut)
        base = f(node)
        out = np.zeros_like(base)
        for idx in np.ndindex(base.shape):
            plus, minus = base.copy(), base.copy()
            plus[idx] += 1e-6
            minus[idx] -= 1e-6
            out[idx] = (f(cut_root, {"__cut": plus})[0, 0] - f(cut_root, {"__cut": minus})[0, 0]) / 2e-6
        return out

    rows = convention == "rows"
    sup = str.maketrans("()0123456789", "⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹")
    named = {("X" if rows else "x"): env[tree.inputs.name], ("Y" if rows else "y"): env[tree.labels.name]}
    if reg == "l2":
        named["λ"] = env["lambda"]
    for l, (W, z) in enumerate(zip(tree.weights, tree.pre), start=1):
        named[f"W({l})".translate(sup)] = env[W.name]
        named[f"{'Z' if rows else 'z'}({l})".translate(sup)] = f(z)
        named[f"δ({l})".translate(sup)] = central(tree.objective, z)
        if biases:
            named[f"b({l})".translate(sup)] = env[tree.biases[l - 1].name]
    for l, a in enumerate(tree.post, start=1):
        named[f"{'A' if rows else 'a'}({l})".translate(sup)] = f(a)
    named["Ŷ" if rows else "ŷ"] = f(tree.output)
    check = lambda form, expected: np.testing.assert_allclose(  # noqa: E731
        np_value(form, named, dims), expected, rtol=1e-5, atol=1e-7)

    for e in d.forward:
        for form in e.forms:
            check(form, named[e.text_lhs])
    for form in d.loss.forms:
        check(form, [[value]])
    assert len(d.backward) == spec.depth
    for e in d.backward:
        assert e.forms
        for form in e.forms:
            check(form, named[e.text_lhs])
    parameters = {f"∂L/∂W({l})".translate(sup): W for l, W in enumerate(tree.weights, start=1)}
    parameters |= {f"∂L/∂b({l})".translate(sup): b for l, b in enumerate(tree.biases, start=1)}
    assert {e.text_lhs for e in d.gradients} == set(parameters)
    for e in d.gradients:
        for form in e.forms:
            check(form, central(tree.objective, parameters[e.text_lhs]))


def test_cost_is_the_same_at_every_depth_step():
    """Each layer is one engine run on the graph cut at the next Z: the equations of layer ℓ do not grow with depth."""
    short = matrix_derivation(MLPSpec.build([5, 4, 4, 3], "tanh"))
    deep = matrix_derivation(MLPSpec.build([5] + [4] * 8 + [3], "tanh"))
    assert deep.backward[-1].text_rhs == short.backward[-1].text_rhs
    assert max(len(e.text_rhs) for e in deep.backward) == max(len(e.text_rhs) for e in short.backward)


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
