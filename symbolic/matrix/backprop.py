"""The backprop equations of ``derivation.py``, executable on any array backend.

One algorithm, two backends: numpy arrays to train (``numeric.mlp``), sympy matrices of symbols to
prove the equations right entry by entry against sympy.diff of the scalar-expanded objective.
"""
from __future__ import annotations

from typing import Mapping, Protocol

import sympy

from ..activations import Softmax, activation
from .spec import MLPSpec


class Ops(Protocol):
    """What the algorithm needs from a backend."""

    def matmul(self, a, b): ...
    def T(self, a): ...
    def add_bias(self, z, b): ...
    def hadamard(self, a, b): ...
    def activate(self, name: str, z): ...
    def activation_derivative(self, name: str, z, a): ...
    def softmax(self, z): ...
    def log_softmax(self, z): ...
    def sum(self, a): ...
    def column_sums(self, a): ...
    def scale(self, c, a): ...
    def sub(self, a, b): ...
    def add(self, a, b): ...


def forward_backward(spec: MLPSpec, params: Mapping[str, object], X, Y, lam, ops: Ops):
    """(loss, {parameter name: gradient}) by the forward pass and the δ recursion."""
    n = X.shape[0]
    L = spec.depth
    A, layers = X, [(None, X)]
    for l in range(1, L + 1):
        Z = ops.matmul(A, params[f"W{l}"])
        if spec.biases:
            Z = ops.add_bias(Z, params[f"b{l}"])
        if l < L:
            A = ops.activate(spec.activations[l - 1], Z)
            layers.append((Z, A))
    ZL = Z
    if spec.loss == "cross_entropy":
        Yhat = ops.softmax(ZL)
        loss = ops.scale(-1 / sympy.Integer(n) if isinstance(lam, sympy.Basic) else -1.0 / n,
                         ops.sum(ops.hadamard(Y, ops.log_softmax(ZL))))
    else:
        Yhat = ZL
        R = ops.sub(Yhat, Y)
        loss = ops.scale(1 / (2 * sympy.Integer(n)) if isinstance(lam, sympy.Basic) else 0.5 / n,
                         ops.sum(ops.hadamard(R, R)))
    if spec.reg == "l2":
        for l in range(1, L + 1):
            W = params[f"W{l}"]
            loss = loss + lam * ops.sum(ops.hadamard(W, W))
    inv_n = 1 / sympy.Integer(n) if isinstance(lam, sympy.Basic) else 1.0 / n
    delta = ops.scale(inv_n, ops.sub(Yhat, Y))
    grads = {}
    for l in range(L, 0, -1):
        _, A_prev = layers[l - 1]
        gW = ops.matmul(ops.T(A_prev), delta)
        if spec.reg == "l2":
            gW = ops.add(gW, ops.scale(2 * lam, params[f"W{l}"]))
        grads[f"W{l}"] = gW
        if spec.biases:
            grads[f"b{l}"] = ops.column_sums(delta)
        if l > 1:
            Z_prev, A_prev = layers[l - 1]
            back = ops.matmul(delta, ops.T(params[f"W{l}"]))
            delta = ops.hadamard(back, ops.activation_derivative(spec.activations[l - 2], Z_prev, A_prev))
    return loss, grads


class SympyOps:
    """sympy Matrices of symbols: every entry an exact expression."""

    _z, _a = sympy.Symbol("z"), sympy.Symbol("a")

    def matmul(self, a, b):
        return a * b

    def T(self, a):
        return a.T

    def add_bias(self, z, b):
        return z + sympy.ones(z.shape[0], 1) * b.T

    def hadamard(self, a, b):
        return a.multiply_elementwise(b)

    def activate(self, name, z):
        return z.applyfunc(activation(name))

    def activation_derivative(self, name, z, a):
        local = activation(name).local_derivative(self._z, self._a)
        return sympy.Matrix(z.shape[0], z.shape[1],
                            lambda i, j: local.xreplace({self._z: z[i, j], self._a: a[i, j]}))

    def softmax(self, z):
        return sympy.Matrix(z.shape[0], z.shape[1], lambda i, j: Softmax(j + 1, *z.row(i)))

    def log_softmax(self, z):
        return self.softmax(z).applyfunc(sympy.log)

    def sum(self, a):
        return sum(a, sympy.S.Zero)

    def column_sums(self, a):
        return sympy.Matrix([sum(a.col(j), sympy.S.Zero) for j in range(a.shape[1])])

    def scale(self, c, a):
        return c * a

    def sub(self, a, b):
        return a - b

    def add(self, a, b):
        return a + b
