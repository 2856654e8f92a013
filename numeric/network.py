"""Matrix-form networks: the base every backend's network shares, and the numpy reference.

``MLPObjective`` runs the backprop equations of ``symbolic.matrix`` on numpy (BLAS products, no
Python loops over weights or samples, the forward intermediates computed once and reused
backward).  The fused and jax networks subclass it and replace ``prepare`` (their state for one
batch: device arrays, scratch buffers, labels) and ``value_of`` (the pass itself).  Each
activation is its class's own code: f and f' = ``local_derivative(z, a)`` lambdified with the
functions' numpy code from the registry; nothing here names a particular activation.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy

from symbolic.activations import activation
from symbolic.errors import SymgradError
from symbolic.matrix import MLPSpec, forward_backward

from .batch import Batch
from .printers import lambdify_with
from .protocol import Prepared, PreparedCache

Z, A = sympy.Symbol("z", real=True), sympy.Symbol("a", real=True)


def local_derivative(name: str) -> sympy.Expr:
    """f'(z) of the activation, written with a = f(z) where its class can (σ' = a(1 − a))."""
    return activation(name).local_derivative(Z, A)


@lru_cache(maxsize=None)
def _activation(name: str):
    return lambdify_with("numpy", [Z], activation(name)(Z))


@lru_cache(maxsize=None)
def _derivative(name: str):
    return lambdify_with("numpy", [Z, A], local_derivative(name))


class NumpyOps:
    """Arrays with numpy: BLAS for products, the activations' own stable numpy code elementwise."""

    def matmul(self, a, b):
        return a @ b

    def T(self, a):
        return a.T

    def add_bias(self, z, b):
        z += b  # z is a fresh product: add in place, no extra n × h pass
        return z

    def hadamard(self, a, b):
        return a * b

    def activate(self, name, z):
        return _activation(name)(z)

    def activation_derivative(self, name, z, a):
        out = _derivative(name)(z, a)
        return np.broadcast_to(out, z.shape) if np.ndim(out) < 2 else out

    def softmax(self, z):
        m = z.max(axis=1, keepdims=True)
        e = np.exp(z - m)
        e /= e.sum(axis=1, keepdims=True)
        return e

    def log_softmax(self, z):
        m = z.max(axis=1, keepdims=True)
        shifted = z - m
        return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))

    def sum(self, a):
        return float(np.sum(a))

    def column_sums(self, a):
        return a.sum(axis=0)

    def scale(self, c, a):
        return c * a

    def sub(self, a, b):
        return a - b

    def add(self, a, b):
        return a + b


class NetworkPrepared(Prepared):
    """A network's batch: the inputs X (n × d) and targets Y (n × k)."""

    def __init__(self, batch: Batch):
        super().__init__(batch)
        self.X, self.Y = batch.matrix(["X"]), batch.matrix(["Y"])


class MLPObjective:
    """``value_and_grad(theta, batch)`` for an MLP, theta the flat vector of every W⁽ℓ⁾ and b⁽ℓ⁾ (numpy)."""

    task = "matrix"
    outputs = ()
    backend = "numpy"

    def __init__(self, spec: MLPSpec, lam: float = 0.0):
        self.spec, self.lam = spec, float(lam)
        if spec.reg == "l2" and not lam:
            raise SymgradError("an L2-regularized network needs λ: --set lambda=0.001")
        self.shapes = spec.shapes()
        self.parameters = tuple(self.shapes)
        self._ops = NumpyOps()
        self._prepared = PreparedCache(self.prepare)

    @property
    def size(self) -> int:
        """Total number of parameters."""
        return self.spec.parameter_count

    def unflatten(self, theta: np.ndarray) -> dict[str, np.ndarray]:
        """The flat vector as named arrays (views, no copies)."""
        out, k = {}, 0
        for name, shape in self.shapes.items():
            count = int(np.prod(shape))
            out[name] = theta[k:k + count].reshape(shape)
            k += count
        return out

    def flatten(self, arrays: dict[str, np.ndarray]) -> np.ndarray:
        """Named arrays as one flat vector, in ``parameters`` order."""
        return np.concatenate([np.asarray(arrays[n]).ravel() for n in self.parameters])

    def initial(self, seed: int = 0, dtype=np.float64) -> np.ndarray:
        """Glorot-uniform weights, zero biases."""
        rng = np.random.default_rng(seed)
        parts = []
        for name, shape in self.shapes.items():
            if name.startswith("W"):
                limit = np.sqrt(6.0 / (shape[0] + shape[1]))
                parts.append(rng.uniform(-limit, limit, size=shape).ravel())
            else:
                parts.append(np.zeros(shape))
        return np.concatenate(parts).astype(dtype)

    def batch(self, X: np.ndarray, y: np.ndarray, dtype=np.float64) -> Batch:
        """Data as a Batch: the matrix X (n × d) and the targets Y (one-hot n × k, or n × k values)."""
        X = np.ascontiguousarray(X, dtype=dtype)
        if X.ndim != 2 or X.shape[1] != self.spec.layers[0]:
            raise SymgradError(f"the network takes {self.spec.layers[0]} inputs, the data has "
                               f"{X.shape[1] if X.ndim == 2 else 1} feature columns")
        k = self.spec.layers[-1]
        y = np.asarray(y)
        if self.spec.loss == "cross_entropy":
            labels = y.astype(int)
            if labels.min() < 0 or labels.max() >= k:
                raise SymgradError(f"class labels must be 0..{k - 1} for {k} outputs")
            Y = np.zeros((len(labels), k), dtype=dtype)
            Y[np.arange(len(labels)), labels] = 1
        else:
            Y = y.reshape(len(y), -1).astype(dtype)
        b = Batch({}, dtype)
        b.n, b._matrices = len(X), {("X",): X, ("Y",): Y}
        return b

    def prepare(self, batch: Batch) -> Prepared:
        """The batch as this backend reads it (numpy: X and Y as they are)."""
        return NetworkPrepared(batch)

    def value_and_grad(self, theta: np.ndarray, batch) -> tuple[float, np.ndarray]:
        """Mean loss plus penalty, and the flat gradient (``batch`` a Batch or its prepared form)."""
        return self.value_of(np.asarray(theta), self._prepared(batch))

    def value_of(self, theta: np.ndarray, prepared) -> tuple[float, np.ndarray]:
        """The forward and backward pass on a prepared batch."""
        params = self.unflatten(np.asarray(theta, dtype=prepared.dtype))
        loss, grads = forward_backward(self.spec, params, prepared.X, prepared.Y, self.lam, self._ops)
        return float(loss), self.flatten(grads)

    def loss(self, theta, batch) -> float:
        """The loss alone."""
        return self.value_and_grad(theta, batch)[0]

    def predict(self, theta: np.ndarray, X: np.ndarray) -> np.ndarray:
        """Class labels (argmax) for cross-entropy, outputs for squared loss."""
        params = self.unflatten(np.asarray(theta, dtype=float))
        A = np.asarray(X, dtype=float)
        for l in range(1, self.spec.depth + 1):
            A = A @ params[f"W{l}"] + (params[f"b{l}"] if self.spec.biases else 0)
            if l < self.spec.depth:
                A = NumpyOps().activate(self.spec.activations[l - 1], A)
        return A.argmax(axis=1).astype(float) if self.spec.loss == "cross_entropy" else A
