"""Built-in models as typed matrix objectives: the vector forms of linear, logistic and softmax
regression (``vector_model``) and the MLP of any depth in either convention (``mlp_tree``).

Columns (the lecture's): one example x ∈ ℝᵈ, z⁽ℓ⁾ = W⁽ℓ⁾a⁽ℓ⁻¹⁾ + b⁽ℓ⁾ with W⁽ℓ⁾ of shape n_ℓ × n_{ℓ−1}.
Rows (numpy's): X of shape n × d, one example per row, Z⁽ℓ⁾ = A⁽ℓ⁻¹⁾W⁽ℓ⁾ + 𝟏b⁽ℓ⁾ᵀ, W⁽ℓ⁾ n_{ℓ−1} × n_ℓ.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..errors import ModelError
from . import tree as t
from .shapes import dim

CONVENTIONS = ("rows", "columns")

#: --model NAME --vector: (loss text, shapes, parameters); the loss is the scalar model's, summed over rows
VECTOR_MODELS = {
    "linear": ("sum((X@w + b - y)**2)/(2*n)", "X:n,d w:d y:n", ("w", "b")),
    # binary cross-entropy for y ∈ {0, 1}: −y log σ(z) − (1 − y) log(1 − σ(z)) = softplus(z) − yz
    "logistic": ("sum(softplus(X@w + b) - y*(X@w + b))/n", "X:n,d w:d y:n:binary", ("w", "b")),
    "softmax": ("-sum(Y*log(softmax(X@W + b)))/n", "X:n,d W:d,k b:k Y:n,k:onehot", ("W", "b")),
}
_PENALTY = {"l2": "lambda*sum({w}**2)", "l1": "lambda*sum(abs({w}))"}


def vector_model(name: str, reg: str | None = None, features: int | None = None,
                 classes: int | None = None) -> tuple[str, str, tuple[str, ...]]:
    """(loss, shapes, wrt) of a built-in model in vector form, e.g. ``vector_model("logistic", "l2")``;
    the penalty is on the weights, never the bias; ``features`` / ``classes`` fix d / k."""
    if name not in VECTOR_MODELS:
        raise ModelError(f"--vector takes --model {', '.join(VECTOR_MODELS)}, not {name!r}")
    loss, shapes, wrt = VECTOR_MODELS[name]
    if classes is not None and name != "softmax":
        raise ModelError(f"--classes is for --model softmax, not {name}")
    for letter, size in (("d", features), ("k", classes)):
        if size is not None:
            if not 1 <= size <= 100_000:
                raise ModelError(f"{'--features' if letter == 'd' else '--classes'} must be from 1 to 100000")
            shapes = " ".join(":".join([e.split(":")[0], ",".join(str(size) if x == letter else x
                                                                  for x in e.split(":")[1].split(","))]
                                       + e.split(":")[2:]) for e in shapes.split())
    if reg and reg != "none":
        if reg not in _PENALTY:
            raise ModelError(f"--vector takes --reg {' or '.join(_PENALTY)}, not {reg!r}")
        loss = f"{loss} + {_PENALTY[reg].format(w=wrt[0])}"
    return loss, shapes, wrt


@dataclass(frozen=True)
class MLPTree:
    """An MLP objective as a tree, with handles on the nodes the lecture names."""

    objective: t.Node
    convention: str
    inputs: t.Var                      # X (rows) or x (columns)
    labels: t.Var                      # Y or y
    weights: tuple[t.Var, ...]         # W⁽¹⁾ … W⁽ᴸ⁾
    biases: tuple[t.Var, ...]          # b⁽¹⁾ … (empty without biases)
    pre: tuple[t.Node, ...]            # Z⁽¹⁾ … Z⁽ᴸ⁾ (pre-activations)
    post: tuple[t.Node, ...]           # A⁽¹⁾ … A⁽ᴸ⁻¹⁾ (hidden activations)
    output: t.Node                     # Ŷ: softmax(Z⁽ᴸ⁾) or Z⁽ᴸ⁾
    lam: t.Var | None                  # λ of the l2 penalty
    data: t.Node                       # the data term (the objective less the penalty)


def mlp_tree(layers, activations, loss: str = "cross_entropy", reg: str = "none", biases: bool = True,
             convention: str = "rows") -> MLPTree:
    """The objective of an MLP with sizes ``layers`` = (d, h₁, …, k) as a typed tree (sizes stay symbols' values:
    the tree, and so the derivation, is the same size for 3-2-2 as for 784-128-10)."""
    if convention not in CONVENTIONS:
        raise ModelError(f"--convention is rows or columns, not {convention!r}")
    rows = convention == "rows"
    n = dim("n")
    sizes = [sympy.Integer(s) for s in layers]
    L = len(sizes) - 1
    X = t.Var("X", (n, sizes[0])) if rows else t.Var("x", (sizes[0], t.ONE))
    a, pre, post, weights, bs = X, [], [], [], []
    for l in range(1, L + 1):
        W = t.Var(f"W{l}", (sizes[l - 1], sizes[l]) if rows else (sizes[l], sizes[l - 1]))
        z = t.MatMul(a, W) if rows else t.MatMul(W, a)
        if biases:
            b = t.Var(f"b{l}", (sizes[l], t.ONE))
            z = t.Add((z, t.MatMul(t.Ones((n, t.ONE)), t.Transpose(b)) if rows else b))
            bs.append(b)
        weights.append(W)
        pre.append(z)
        if l < L:
            a = t.Elementwise(activations[l - 1], z)
            post.append(a)
    zL = pre[-1]
    Y = t.Var("Y", (n, sizes[-1]), "onehot") if rows else t.Var("y", (sizes[-1], t.ONE), "onehot")
    if loss == "cross_entropy":
        output = t.Softmax(zL)
        if rows:
            data = t.Scale(t.Const(-1 / n), t.Sum(t.Hadamard(Y, t.Elementwise("log", output))))
        else:  # −yᵀ log softmax(z) = logsumexp(z) − yᵀz for a one-hot y (its entries sum to 1)
            data = t.Add((t.LogSumExp(zL), t.neg(t.MatMul(t.Transpose(Y), zL))))
    elif loss == "squared":
        output = zL
        half = t.Const(sympy.Rational(1, 2) / n) if rows else t.Const(sympy.Rational(1, 2))
        Y = t.Var(Y.name, Y.shape)
        data = t.Scale(half, t.Sum(t.Power(t.Add((zL, t.neg(Y))), 2)))
    else:
        raise ModelError(f"an MLP takes the loss cross_entropy or squared, not {loss!r}")
    lam, objective = None, data
    if reg == "l2":
        lam = t.Var("lambda")
        objective = t.Add((data, *[t.Scale(lam, t.Power(t.Norm2(W), 2)) for W in weights]))
    elif reg not in (None, "none"):
        raise ModelError(f"an MLP takes the regularizer none or l2, not {reg!r}")
    return MLPTree(objective, convention, X, Y, tuple(weights), tuple(bs), tuple(pre), tuple(post), output, lam, data)
