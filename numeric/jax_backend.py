"""The JAX backend: the same decomposed objective and the same network equations, lambdified to
jax.numpy (every function from the registry's jax code) and jit-compiled, so a user with a GPU
trains there.  Linear forms stay matrix products (X @ w); the data moves to the device once per
batch, in the prepared batch."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from symbolic.activations import activation
from symbolic.errors import SymgradError
from symbolic.matrix import MLPSpec, forward_backward

from .batch import Batch
from .decompose import Sums, lean
from .network import A, MLPObjective, NetworkPrepared, NumpyOps, Z, local_derivative
from .printers import lambdify_with
from .protocol import Kernels, Prepared
from .stable import stabilize


def load_jax():
    """jax and jax.numpy with 64-bit floats, or one clear error when JAX is not installed."""
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:
        raise SymgradError("the jax backend needs JAX (pip install jax)") from None
    jax.config.update("jax_enable_x64", True)
    return jax, jnp


class JaxPrepared(Prepared):
    """The batch's columns and the forms' input matrices on JAX's default device."""

    def __init__(self, batch: Batch, data, inputs):
        super().__init__(batch)
        _, jnp = load_jax()
        self.columns = [jnp.asarray(batch.columns[d]) for d in data]
        self.matrices = [jnp.asarray(batch.matrix(names)) for names in inputs]


class JaxKernels(Kernels):
    """The sums over the rows as one jit-compiled JAX function."""

    name = "jax"

    def __init__(self, decomposition, assembly):
        super().__init__(decomposition, assembly)
        jax, jnp = load_jax()
        self._jnp = jnp
        d = decomposition
        params, consts, data = list(d.parameters), list(d.constants), list(d.data)
        zs = [f.symbol for f in d.forms]
        self._data = tuple(x.name for x in data)
        sample = lambdify_with("jax", [params[k] for k in d.sample_params] + zs + data + consts,
                               [stabilize(lean(o)) for o in d.outputs()])
        widx = [jnp.asarray(w) for w in assembly.weight_index]
        sample_index = [int(k) for k in d.sample_params]
        nz = len(zs)

        def run(theta, biases, consts_, columns, matrices):
            n = columns[0].shape[0] if columns else matrices[0].shape[0]

            def rows(v):
                return jnp.broadcast_to(v, (n,))
            zvals = [matrices[m] @ theta[widx[m]] + biases[m] for m in range(nz)]
            out = sample(*(theta[k] for k in sample_index), *zvals, *columns, *consts_)
            dz = [rows(out[1 + m]) for m in range(nz)]
            sample_sums = jnp.stack([jnp.sum(rows(g)) for g in out[1 + nz:]]) if sample_index else jnp.zeros(0)
            dz_sums = jnp.stack([jnp.sum(v) for v in dz]) if nz else jnp.zeros(0)
            return jnp.sum(rows(out[0])), sample_sums, dz_sums, [matrices[m].T @ dz[m] for m in range(nz)]

        self._run = jax.jit(run)

    def prepare(self, batch: Batch) -> JaxPrepared:
        """The data on the device, once per batch."""
        return JaxPrepared(batch, self._data, self.assembly.inputs)

    def sums(self, theta, biases, prepared: JaxPrepared) -> Sums:
        """The jitted pass on the device; the sums come back to the host."""
        jnp = self._jnp
        consts = jnp.asarray(self.assembly.constants, dtype=prepared.dtype)
        loss, sample, dz, weights = self._run(jnp.asarray(theta), jnp.asarray(biases, dtype=prepared.dtype),
                                              consts, prepared.columns, prepared.matrices)
        return Sums(float(loss), np.asarray(sample), np.asarray(dz), tuple(np.asarray(w) for w in weights))


@lru_cache(maxsize=None)
def _activation(name: str):
    return lambdify_with("jax", [Z], activation(name)(Z))


@lru_cache(maxsize=None)
def _derivative(name: str):
    return lambdify_with("jax", [Z, A], local_derivative(name))


class JaxOps(NumpyOps):
    """The same equations on jax.numpy (no in-place updates), activations from the registry's jax code."""

    def __init__(self):
        self.jax, self.jnp = load_jax()

    def add_bias(self, z, b):
        return z + b

    def activate(self, name, z):
        return self.jnp.broadcast_to(_activation(name)(z), z.shape)

    def activation_derivative(self, name, z, a):
        return self.jnp.broadcast_to(_derivative(name)(z, a), z.shape)

    def softmax(self, z):
        return self.jax.nn.softmax(z, axis=1)

    def log_softmax(self, z):
        return self.jax.nn.log_softmax(z, axis=1)

    def sum(self, a):
        return self.jnp.sum(a)


class JaxNetworkPrepared(NetworkPrepared):
    """X and Y on JAX's default device."""

    def __init__(self, batch: Batch):
        super().__init__(batch)
        _, jnp = load_jax()
        self.X, self.Y = jnp.asarray(self.X), jnp.asarray(self.Y)


class JaxMLP(MLPObjective):
    """MLPObjective with the forward/backward equations jit-compiled by JAX."""

    backend = "jax"

    def __init__(self, spec: MLPSpec, lam: float = 0.0):
        super().__init__(spec, lam)
        jax, self._jnp = load_jax()
        ops = JaxOps()

        def run(params, X, Y):
            return forward_backward(spec, params, X, Y, self.lam, ops)
        self._run = jax.jit(run)

    def prepare(self, batch: Batch) -> JaxNetworkPrepared:
        """The data on the device, once per batch."""
        return JaxNetworkPrepared(batch)

    def value_of(self, theta, prepared: JaxNetworkPrepared):
        """Forward and backward on JAX's default device."""
        jnp = self._jnp
        params = {k: jnp.asarray(v) for k, v in self.unflatten(np.asarray(theta, dtype=prepared.dtype)).items()}
        loss, grads = self._run(params, prepared.X, prepared.Y)
        return float(loss), self.flatten({k: np.asarray(v) for k, v in grads.items()})
