"""Builders for the lecture's models, one function each, and the ``MODELS`` registry table."""
from __future__ import annotations

import sympy

from ..activations import SCALAR_ACTIVATIONS, Softmax, activation
from ..errors import ModelError
from ..names import symbol
from .objective import Model
from .records import ModelRecord

MAX_FEATURES = 4096  # scalar expansion: one symbol per weight
MAX_LAYER = 9  # the two-layer net's names like W1_12 need single-digit sizes


def _size(value: int, what: str, low: int = 1, high: int = MAX_FEATURES) -> int:
    if not isinstance(value, int) or not low <= value <= high:
        raise ModelError(f"{what} must be an integer from {low} to {high}, got {value!r}")
    return value


def _scalar_activation(name: str):
    if name not in SCALAR_ACTIVATIONS:
        raise ModelError(f"unknown activation {name!r} (choose from {', '.join(SCALAR_ACTIVATIONS)})")
    return activation(name)


def _features(d: int) -> tuple[sympy.Symbol, ...]:
    return (symbol("x"),) if d == 1 else tuple(symbol(f"x{i}") for i in range(1, d + 1))


def _weights(d: int, name: str = "w") -> tuple[sympy.Symbol, ...]:
    return (symbol(name),) if d == 1 else tuple(symbol(f"{name}{i}") for i in range(1, d + 1))


def linear_regression(features: int = 1) -> Model:
    """f_w(x) = w·x + b (scalar x, or w_1 x_1 + … + w_d x_d + b)."""
    d = _size(features, "features")
    x, w, b = _features(d), _weights(d), symbol("b")
    yhat = sympy.Add(*(wi * xi for wi, xi in zip(w, x))) + b
    return Model("linear regression", (yhat,), w + (b,), w, x)


def neuron(activation: str = "sigmoid", features: int = 1) -> Model:
    """The lecture's single neuron σ(ωx + b), with any registered scalar activation."""
    d = _size(features, "features")
    sigma = _scalar_activation(activation)
    x, w, b = _features(d), _weights(d, "omega"), symbol("b")
    z = sympy.Add(*(wi * xi for wi, xi in zip(w, x))) + b
    return Model(f"neuron ({activation})", (sigma(z),), w + (b,), w, x, ((symbol("z"), z),))


def logistic_regression(features: int = 1) -> Model:
    """Binary logistic regression ŷ = σ(w·x + b), the probability of class 1."""
    base = neuron("sigmoid", features)
    w = tuple(symbol(s.name.replace("omega", "w")) for s in base.weights)
    rename = dict(zip(base.weights, w))
    return Model("logistic regression", tuple(o.xreplace(rename) for o in base.outputs),
                 w + (symbol("b"),), w, base.inputs,
                 tuple((n, e.xreplace(rename)) for n, e in base.intermediates))


def softmax_regression(features: int = 1, classes: int = 3) -> Model:
    """k-class softmax regression ŷ_j = softmax_j(z), z_j = w_j·x + b_j (hat / shirt / shoe for k = 3)."""
    d, k = _size(features, "features"), _size(classes, "classes", 2, 100)
    x = _features(d)
    if d == 1:
        w = [(symbol(f"w{j}"),) for j in range(1, k + 1)]
    else:
        w = [tuple(symbol(f"w{j}_{i}") for i in range(1, d + 1)) for j in range(1, k + 1)]
    b = [symbol(f"b{j}") for j in range(1, k + 1)]
    z = [sympy.Add(*(wi * xi for wi, xi in zip(w[j], x))) + b[j] for j in range(k)]
    outputs = tuple(Softmax(j, *z) for j in range(1, k + 1))
    names = tuple((symbol(f"z{j + 1}"), z[j]) for j in range(k)) + \
        tuple((symbol(f"yhat{j}"), outputs[j - 1]) for j in range(1, k + 1))
    weights = tuple(s for row in w for s in row)
    return Model("softmax regression", outputs, weights + tuple(b), weights, x, names)


def two_layer_net(activation: str = "sigmoid", features: int = 2, hidden: int = 2,
                  biases: bool = False) -> Model:
    """f = wᵀσ(W⁽²⁾σ(W⁽¹⁾x)) with x ∈ ℝ^d, hidden width h, each W⁽ˡ⁾_ij its own symbol."""
    d, h = _size(features, "features", high=MAX_LAYER), _size(hidden, "hidden", high=MAX_LAYER)
    sigma = _scalar_activation(activation)
    x = tuple(symbol(f"x{j}") for j in range(1, d + 1))
    W1 = [[symbol(f"W1_{i}{j}") for j in range(1, d + 1)] for i in range(1, h + 1)]
    W2 = [[symbol(f"W2_{i}{j}") for j in range(1, h + 1)] for i in range(1, h + 1)]
    w = tuple(symbol(f"w{i}") for i in range(1, h + 1))
    b1 = tuple(symbol(f"b1_{i}") for i in range(1, h + 1)) if biases else (0,) * h
    b2 = tuple(symbol(f"b2_{i}") for i in range(1, h + 1)) if biases else (0,) * h
    z1 = [sympy.Add(*(W1[i][j] * x[j] for j in range(d))) + b1[i] for i in range(h)]
    u = [sigma(z) for z in z1]
    z2 = [sympy.Add(*(W2[i][j] * u[j] for j in range(h))) + b2[i] for i in range(h)]
    v = [sigma(z) for z in z2]
    f = sympy.Add(*(w[i] * v[i] for i in range(h)))
    weights = tuple(s for row in W1 for s in row) + tuple(s for row in W2 for s in row) + w
    bias_params = (b1 + b2) if biases else ()
    names = tuple((symbol(f"z1_{i + 1}"), z1[i]) for i in range(h)) + \
        tuple((symbol(f"z2_{i + 1}"), z2[i]) for i in range(h))
    return Model(f"two-layer net ({activation})", (f,), weights + bias_params, weights, x, names)


#: name → ModelRecord (builder, options, default loss); the CLI's --model choices and the tests loop over it
MODELS = {r.name: r for r in (
    ModelRecord("linear", linear_regression, "squared", ("features",)),
    ModelRecord("logistic", logistic_regression, "binary_cross_entropy", ("features",)),
    ModelRecord("softmax", softmax_regression, "cross_entropy", ("features", "classes")),
    ModelRecord("neuron", neuron, "squared", ("activation", "features")),
    ModelRecord("two_layer", two_layer_net, "squared", ("activation", "features", "hidden", "biases")),
)}
