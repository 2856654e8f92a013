"""Compile a typed matrix objective and its gradients to numpy (or JAX) and evaluate them on arrays.

The gradients are the engine's (``symbolic.tensor.engine.gradients``, the forms ``derive`` prints);
objective and gradients are stabilized (``stable.py``) and lowered to one program (``program.py``)
whose steps run as numpy's BLAS products and vectorized functions (``ops.py``), or the same steps
under ``jax.jit``.  Dims (n, d, k) are read from the arrays' shapes at call time.

    >>> f = compile_text("sum(log(1 + exp(-y*(X@w))))/n", "X:n,d w:d y:n:pm1", ["w"])
    >>> loss, grads = f.value_and_grad({"X": X, "y": y, "w": w})      # doctest: +SKIP
"""
from __future__ import annotations

import time
from typing import Mapping, Sequence

import numpy as np

from symbolic.errors import SymgradError
from symbolic.tensor import tree as t
from symbolic.tensor.engine import gradients as engine_gradients
from symbolic.tensor.shapes import ShapeError, describe

from .runner import Runner
from .stable import stabilize, unstable


class CompiledTensor:
    """The objective and its gradients as one compiled program: ``value_and_grad(values)`` → (loss, {name: ∇}).

    ``values`` maps every tensor in the objective to an array (vectors 1-D or n × 1, scalars as numbers);
    gradients come back in the shape of their tensor (1-D for a vector, a float for a scalar).
    """

    def __init__(self, objective: t.Node, wrt: Sequence[str], gradients: Mapping[str, t.Node] | None = None,
                 backend: str = "numpy", shapes: Mapping[str, object] | None = None):
        if not objective.is_scalar:
            raise ShapeError(f"the objective must be a scalar, not {describe(objective.shape)}")
        start = time.perf_counter()
        self.objective, self.wrt, self.backend = objective, tuple(wrt), backend
        self.gradients = dict(gradients) if gradients is not None else _gradients(objective, self.wrt, shapes or {})
        memo: dict = {}
        stable_objective = stabilize(objective, memo)
        computed = {w: stabilize(self.gradients[w], memo) for w in self.wrt}
        #: the gradients that divide by an underflowing value are taken of the stabilized objective instead
        self.restated = tuple(w for w in self.wrt if unstable(computed[w]))
        if self.restated:
            again = engine_gradients(stable_objective, list(self.restated))
            computed.update({w: stabilize(again[w], memo) for w in self.restated})
        roots = [stable_objective] + [computed[w] for w in self.wrt]
        self.runner = Runner(roots, backend)
        self.program, self.inputs = self.runner.program, self.runner.inputs
        found = t.variables(objective)
        self.shapes = {w: found[w].shape if w in found else self.gradients[w].shape for w in self.wrt}
        self.compile_seconds = time.perf_counter() - start

    def source(self) -> str:
        """The program as readable numpy code: ``def objective(X, w, y, lambda_): … return loss, grad_w``."""
        from .source import numpy_source
        return numpy_source(self.program, ["loss"] + [f"grad_{w}" for w in self.wrt])

    def _finish(self, outputs, with_loss: bool):
        loss = float(np.asarray(outputs[0]).reshape(())) if with_loss else None
        grads = {}
        for name, g in zip(self.wrt, outputs[1:] if with_loss else outputs):
            g = np.array(g, dtype=float)
            var_shape = self.shapes[name]
            grads[name] = float(g.reshape(())) if var_shape == (t.ONE, t.ONE) else \
                (g.reshape(-1) if var_shape[1] == t.ONE else g)
        return loss, grads

    def value_and_grad(self, values: Mapping[str, object], dims: Mapping[str, int] | None = None):
        """(loss, {name: gradient}) at these values; ``dims`` fixes dims no array shows (a hidden width)."""
        return self._finish(self.runner.outputs(values, None, dims), True)

    def value(self, values: Mapping[str, object], dims: Mapping[str, int] | None = None) -> float:
        """The objective's value alone (only the steps it needs run)."""
        return self._finish(self.runner.outputs(values, (0,), dims), True)[0]

    def gradient(self, values: Mapping[str, object], dims: Mapping[str, int] | None = None) -> dict:
        """The gradients alone."""
        return self._finish(self.runner.outputs(values, tuple(range(1, len(self.wrt) + 1)), dims), False)[1]


def _gradients(objective: t.Node, wrt: Sequence[str], shapes: Mapping[str, object]) -> dict[str, t.Node]:
    """The engine's gradients (what ``derive`` prints); a zero tensor for a declared name the objective lacks."""
    found = t.variables(objective)
    for name in wrt:
        if name not in found and name not in shapes:
            raise SymgradError(f"{name} does not occur in the objective")
    present = [w for w in wrt if w in found]
    out = engine_gradients(objective, present) if present else {}
    for name in wrt:
        if name not in out:
            out[name] = t.Zeros((shapes[name].rows, shapes[name].cols))
    return out


def compile_tensor(objective: t.Node, wrt: Sequence[str], backend: str = "numpy",
                   shapes: Mapping[str, object] | None = None) -> CompiledTensor:
    """The compiled objective and gradients wrt ``wrt`` (gradients from the engine, as ``derive`` prints them)."""
    return CompiledTensor(objective, wrt, backend=backend, shapes=shapes)


def compile_text(loss: str, shapes: str, wrt: Sequence[str], backend: str = "numpy") -> CompiledTensor:
    """``compile_text("norm(X@w - y)**2", "X:n,d w:d y:n", ["w"])``: parsed safely, derived, compiled."""
    from symbolic.tensor.parse import parse_objective
    from symbolic.tensor.shapes import parse_shapes
    parsed = parse_shapes(shapes)
    return CompiledTensor(parse_objective(loss, parsed), wrt, backend=backend, shapes=parsed)
