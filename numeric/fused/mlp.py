"""Fused elementwise work for matrix-form networks: between the BLAS products, one numba pass does
bias + activation, one does softmax + cross-entropy + δ + bias gradient, one does δ ⊙ f'(A)."""
from __future__ import annotations

import numpy as np
import sympy

from symbolic.activations import activation
from symbolic.matrix import MLPSpec

from ..mlp import MLPObjective
from .cache import load_module
from .printer import HELPERS, ScalarPrinter, exp_tables

_TABLES = exp_tables()


def _elementwise_source(spec: MLPSpec) -> str:
    z, a = sympy.Symbol("z", real=True), sympy.Symbol("a", real=True)
    lines = ["import math\nimport numpy as np\nimport numba\n", HELPERS]
    for name in sorted(set(spec.activations)):
        cls = activation(name)
        forward = ScalarPrinter({z: "v"}).doprint(cls(z))
        local = cls.local_derivative(z, a)
        if local.has(z):  # ReLU's step(z): step(a) is the same where a = max(z, 0)
            local = local.xreplace({z: a})
        backward = ScalarPrinter({a: "u"}).doprint(local)
        lines.append(f'''
@numba.njit(parallel=True, cache=True, fastmath=FASTMATH)
def act_{name}(Z, b, pow2, t64):
    # A = f(Z + b), in place
    n, h = Z.shape
    for i in numba.prange(n):
        for j in range(h):
            v = Z[i, j] + b[j]
            Z[i, j] = {forward}


@numba.njit(parallel=True, cache=True, fastmath=FASTMATH)
def grad_{name}(D, A, pow2, t64):
    # δ = (δ Wᵀ) ⊙ f'(Z), with f' written through A = f(Z), in place
    n, h = D.shape
    for i in numba.prange(n):
        for j in range(h):
            u = A[i, j]
            D[i, j] *= {backward}
''')
    lines.append('''
@numba.njit(parallel=True, cache=True, fastmath=FASTMATH)
def softmax_xent(Z, b, labels, pow2, t64):
    # per row: logits + b, log-sum-exp, loss lse − logit_y, δ = (ŷ − Y)/n in place; returns the summed loss
    n, k = Z.shape
    total = 0.0
    for i in numba.prange(n):
        m = Z[i, 0] + b[0]
        for j in range(1, k):
            m = max(m, Z[i, j] + b[j])
        y = labels[i]
        zy = Z[i, y] + b[y]
        s = 0.0
        for j in range(k):
            e = _exp(Z[i, j] + b[j] - m, pow2, t64)
            Z[i, j] = e
            s += e
        total += m + math.log(s) - zy
        inv = 1.0 / (s * n)
        for j in range(k):
            Z[i, j] = Z[i, j] * inv
        Z[i, y] -= 1.0 / n
    return total


@numba.njit(parallel=True, cache=True, fastmath=FASTMATH)
def squared(Z, b, Y):
    # linear output: r = Z + b − Y, loss Σ r², δ = r/n in place
    n, k = Z.shape
    total = 0.0
    for i in numba.prange(n):
        for j in range(k):
            r = Z[i, j] + b[j] - Y[i, j]
            total += r * r
            Z[i, j] = r / n
    return 0.5 * total
''')
    return "\n".join(lines)


class FusedMLP(MLPObjective):
    """MLPObjective whose elementwise work runs in fused numba kernels (same equations, same API)."""

    def __init__(self, spec: MLPSpec, lam: float = 0.0):
        super().__init__(spec, lam)
        self._kernels = load_module(_elementwise_source(spec))

    def value_and_grad(self, theta, batch):
        """Forward and backward with BLAS products and fused elementwise passes."""
        spec, k = self.spec, self._kernels
        p = self.unflatten(np.asarray(theta, dtype=batch.dtype))
        X, Y = batch.matrix(["X"]), batch.matrix(["Y"])
        n, L = X.shape[0], spec.depth
        zeros = {l: np.zeros(spec.layers[l], dtype=X.dtype) for l in range(1, L + 1)}
        A, outs = X, [X]
        for l in range(1, L):
            Z = A @ p[f"W{l}"]
            getattr(k, f"act_{spec.activations[l - 1]}")(Z, p.get(f"b{l}", zeros[l]), *_TABLES)
            A = Z
            outs.append(A)
        Z = A @ p[f"W{L}"]
        bL = p.get(f"b{L}", zeros[L])
        if spec.loss == "cross_entropy":
            labels = batch.__dict__.setdefault("_labels", np.ascontiguousarray(Y.argmax(axis=1)))
            loss = k.softmax_xent(Z, bL, labels, *_TABLES) / n
        else:
            loss = k.squared(Z, bL, Y) / n
        delta, grads = Z, {}
        for l in range(L, 0, -1):
            W = p[f"W{l}"]
            gW = outs[l - 1].T @ delta
            if spec.reg == "l2":
                loss += self.lam * float(np.einsum("ij,ij->", W, W))
                gW += 2 * self.lam * W
            grads[f"W{l}"] = gW
            if spec.biases:
                grads[f"b{l}"] = delta.sum(axis=0)
            if l > 1:
                back = delta @ W.T
                getattr(k, f"grad_{spec.activations[l - 2]}")(back, outs[l - 1], *_TABLES)
                delta = back
        return float(loss), self.flatten(grads)
