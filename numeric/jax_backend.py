"""The JAX backend: the same symbolic per-example loss and gradients, lambdified to jax.numpy and
jit-compiled, so a user with a GPU trains there.  Linear forms stay matrix products (X @ w)."""
from __future__ import annotations

import numpy as np
import sympy

from symbolic.errors import SymgradError

from .batch import Batch
from .compile import compile_objective, decompose, lean
from .stable import stabilize


def _namespace():
    import jax
    import jax.numpy as jnp

    def softmax(j, *logits):
        stacked = jnp.stack(jnp.broadcast_arrays(*logits))
        return jax.nn.softmax(stacked, axis=0)[int(j) - 1]

    def log_softmax(j, *logits):
        stacked = jnp.stack(jnp.broadcast_arrays(*logits))
        return jax.nn.log_softmax(stacked, axis=0)[int(j) - 1]

    return {"Sigmoid": jax.nn.sigmoid, "Tanh": jnp.tanh, "ReLU": lambda z: jnp.maximum(z, 0.0),
            "Step": lambda z: jnp.where(z > 0, 1.0, 0.0), "SignStep": lambda z: jnp.where(z >= 0, 1.0, -1.0),
            "Indicator": lambda y, j: jnp.where(y == j, 1.0, 0.0), "LogSigmoid": jax.nn.log_sigmoid,
            "Softmax": softmax, "LogSoftmax": log_softmax, "GenericSigma": None}


class JaxObjective:
    """``value_and_grad(theta, batch)`` with the symbolic gradients evaluated by jit-compiled JAX."""

    def __init__(self, objective, parameters=None, constants=None):
        try:
            import jax
            import jax.numpy as jnp
        except ImportError:
            raise SymgradError("the jax backend needs JAX (pip install jax)") from None
        jax.config.update("jax_enable_x64", True)
        reference = compile_objective(objective, parameters, constants)
        self.parameters, self.data, self.constants = reference.parameters, reference.data, reference.constants
        self._reference = reference
        d = decompose(objective, parameters, constants)
        params, consts, data, forms, lifted = list(d.parameters), list(d.constants), list(d.data), d.forms, d.lifted
        penalty, zs = d.penalty, [f.symbol for f in d.forms]
        outputs = [lifted] + [sympy.diff(lifted, z) for z in zs] + [sympy.diff(lifted, p) for p in params]
        modules = [_namespace(), "jax"]
        sample = sympy.lambdify(params + zs + data + consts, [stabilize(lean(o)) for o in outputs], modules=modules)
        pen = sympy.lambdify(params + consts, [penalty] + [sympy.diff(penalty, p) for p in params], modules=modules)
        index = {p: k for k, p in enumerate(self.parameters)}
        widx = [jnp.array([index[w.name] for w in f.weights]) for f in forms]
        biases = [sympy.lambdify(params + consts, f.bias, modules=modules) for f in forms]
        slopes = [[(index[p.name], sympy.lambdify(params + consts, sympy.diff(f.bias, p), modules=modules))
                   for p in params if f.bias.has(p)] for f in forms]
        nparams, nz = len(params), len(forms)

        def value_and_grad(theta, consts_, columns, matrices):
            n = columns[0].shape[0] if columns else matrices[0].shape[0]
            zvals = [matrices[m] @ theta[widx[m]] + biases[m](*theta, *consts_) for m in range(nz)]
            out = sample(*theta, *zvals, *columns, *consts_)
            loss = jnp.mean(jnp.broadcast_to(out[0], (n,)))
            grad = jnp.stack([jnp.mean(jnp.broadcast_to(g, (n,))) for g in out[1 + nz:]]) if nparams else jnp.zeros(0)
            for m in range(nz):
                dz = jnp.broadcast_to(out[1 + m], (n,))
                grad = grad.at[widx[m]].add(matrices[m].T @ dz / n)
                for k, slope in slopes[m]:
                    grad = grad.at[k].add(slope(*theta, *consts_) * jnp.mean(dz))
            p = pen(*theta, *consts_)
            return loss + p[0], grad + jnp.stack([jnp.asarray(g, dtype=grad.dtype) for g in p[1:]])

        self._forms = forms
        self._jitted = jax.jit(value_and_grad)
        self._jnp = jnp

    def batch(self, columns, dtype=np.float64) -> Batch:
        """The data as a Batch (same checks as the numpy backend)."""
        return self._reference.batch(columns, dtype)

    def value_and_grad(self, theta, batch: Batch):
        """Mean loss plus penalty, and the gradient (computed on JAX's default device)."""
        jnp = self._jnp
        device = batch.__dict__.setdefault("_jax", {})
        if "columns" not in device:
            device["columns"] = [jnp.asarray(batch.columns[d]) for d in self.data]
            device["matrices"] = [jnp.asarray(batch.matrix([x.name for x in f.inputs])) for f in self._forms]
        consts = jnp.asarray([self.constants[c] for c in sorted(self.constants)], dtype=batch.dtype)
        loss, grad = self._jitted(jnp.asarray(theta, dtype=batch.dtype), consts, device["columns"], device["matrices"])
        return float(loss), np.asarray(grad, dtype=batch.dtype)

    def loss(self, theta, batch) -> float:
        """Mean loss plus penalty."""
        return self.value_and_grad(theta, batch)[0]
