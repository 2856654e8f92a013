"""Matrix-form networks compiled to numpy: the same backprop equations, BLAS products, no Python
loops over weights or samples, the forward intermediates computed once and reused backward."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy

from symbolic.activations import activation
from symbolic.errors import SymgradError
from symbolic.matrix import MLPSpec, forward_backward

from .batch import Batch


@lru_cache(maxsize=None)
def _activation(name: str):
    z = sympy.Symbol("z", real=True)
    return sympy.lambdify(z, activation(name)(z), modules="numpy")


@lru_cache(maxsize=None)
def _derivative(name: str):
    z, a = sympy.Symbol("z", real=True), sympy.Symbol("a", real=True)
    local = activation(name).local_derivative(z, a)
    return sympy.lambdify((z, a), local, modules="numpy")


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


class MLPObjective:
    """``value_and_grad(theta, batch)`` for an MLP, theta the flat vector of every W⁽ℓ⁾ and b⁽ℓ⁾."""

    task = "matrix"
    outputs = ()

    def __init__(self, spec: MLPSpec, lam: float = 0.0):
        self.spec, self.lam = spec, float(lam)
        if spec.reg == "l2" and not lam:
            raise SymgradError("an L2-regularized network needs λ: --set lambda=0.001")
        self.shapes = spec.shapes()
        self.parameters = tuple(self.shapes)
        self._ops = NumpyOps()
        self._Y_cache: dict[int, np.ndarray] = {}

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

    def value_and_grad(self, theta: np.ndarray, batch: Batch) -> tuple[float, np.ndarray]:
        """Mean loss plus penalty, and the flat gradient."""
        params = self.unflatten(np.asarray(theta, dtype=batch.dtype))
        loss, grads = forward_backward(self.spec, params, batch.matrix(["X"]), batch.matrix(["Y"]), self.lam,
                                       self._ops)
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
                A = self._ops.activate(self.spec.activations[l - 1], A)
        return A.argmax(axis=1).astype(float) if self.spec.loss == "cross_entropy" else A


def mlp_objective(spec: MLPSpec, lam: float = 0.0, backend: str = "auto") -> MLPObjective:
    """The network with a backend: numpy, fused (numba elementwise kernels) or jax ("auto": fused if numba)."""
    from .backends import available
    name = ("fused" if "fused" in available() else "numpy") if backend == "auto" else backend
    if name == "fused":
        from .fused.mlp import FusedMLP
        return FusedMLP(spec, lam)
    if name == "jax":
        return JaxMLP(spec, lam)
    if name != "numpy":
        raise SymgradError(f"unknown backend {backend!r} (choose from auto, numpy, fused, jax)")
    return MLPObjective(spec, lam)


class JaxOps(NumpyOps):
    """The same equations on jax.numpy (no in-place updates)."""

    def __init__(self):
        import jax
        import jax.numpy as jnp
        self.jax, self.jnp = jax, jnp

    def add_bias(self, z, b):
        return z + b

    def activate(self, name, z):
        from .jax_backend import _namespace
        return _namespace()[type(activation(name)(sympy.Symbol("z"))).__name__](z) if name != "linear" else z

    def activation_derivative(self, name, z, a):
        local = {"sigmoid": lambda: a * (1 - a), "tanh": lambda: 1 - a * a, "relu": lambda: (z > 0) * 1.0,
                 "linear": lambda: self.jnp.ones_like(z), "step": lambda: self.jnp.zeros_like(z),
                 "sign_step": lambda: self.jnp.zeros_like(z)}
        return local[name]()

    def softmax(self, z):
        return self.jax.nn.softmax(z, axis=1)

    def log_softmax(self, z):
        return self.jax.nn.log_softmax(z, axis=1)

    def sum(self, a):
        return self.jnp.sum(a)


class JaxMLP(MLPObjective):
    """MLPObjective with the forward/backward equations jit-compiled by JAX."""

    def __init__(self, spec: MLPSpec, lam: float = 0.0):
        super().__init__(spec, lam)
        try:
            import jax
        except ImportError:
            raise SymgradError("the jax backend needs JAX (pip install jax)") from None
        jax.config.update("jax_enable_x64", True)
        ops = JaxOps()

        def run(params, X, Y):
            return forward_backward(spec, params, X, Y, self.lam, ops)
        self._run = jax.jit(run)

    def value_and_grad(self, theta, batch):
        """Forward and backward on JAX's default device."""
        import jax.numpy as jnp
        device = batch.__dict__.setdefault("_jax", {})
        if "X" not in device:
            device["X"], device["Y"] = jnp.asarray(batch.matrix(["X"])), jnp.asarray(batch.matrix(["Y"]))
        params = {k: jnp.asarray(v) for k, v in self.unflatten(np.asarray(theta, dtype=batch.dtype)).items()}
        loss, grads = self._run(params, device["X"], device["Y"])
        return float(loss), self.flatten({k: np.asarray(v) for k, v in grads.items()})


def train_mlp(spec: MLPSpec, X, y, *, lam: float = 0.0, optimizer: str = "adam", learning_rate: float | None = None,
              epochs: int = 300, batch_size: int | None = None, seed: int = 0, gradient_tolerance: float = 1e-6,
              loss_tolerance: float = 0.0, dtype=np.float64, callbacks=(), backend: str = "auto"):
    """Train a matrix-form network; returns (MLPObjective, TrainResult)."""
    from .train import optimize
    if epochs < 1:
        raise SymgradError("epochs must be at least 1")
    model = mlp_objective(spec, lam, backend)
    batch = model.batch(X, y, dtype)
    return model, optimize(model.value_and_grad, model.initial(seed, dtype), batch, model.parameters,
                           optimizer=optimizer, learning_rate=learning_rate, epochs=epochs, batch_size=batch_size,
                           seed=seed, gradient_tolerance=gradient_tolerance, loss_tolerance=loss_tolerance,
                           callbacks=callbacks)
