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
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import sympy

from symbolic.errors import SymgradError
from symbolic.tensor import tree as t
from symbolic.tensor.engine import gradients as engine_gradients
from symbolic.tensor.shapes import ShapeError, describe

from .ops import Ops, elementwise
from .program import Program, Step
from .stable import stabilize, unstable

BACKENDS = ("numpy", "jax")


@dataclass(frozen=True)
class BoundStep:
    """A step at concrete dims: its shape, its inputs' shapes, and its attributes with numbers filled in."""

    op: str
    args: tuple[int, ...]
    attrs: tuple
    shape: tuple[int, int]
    arg_shapes: tuple[tuple[int, int], ...]


def _jax():
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:
        raise SymgradError("the jax backend needs JAX (pip install jax)") from None
    jax.config.update("jax_enable_x64", True)
    return jax, jnp


def bind_dims(inputs: Mapping[str, t.Var], values: Mapping[str, object], dims: Mapping[str, int] | None = None):
    """(dims, arrays): each dim read from the arrays' shapes, each array as rows × cols (ShapeError on a mismatch)."""
    bound: dict[sympy.Symbol, int] = {sympy.Symbol(k, integer=True, positive=True): int(v) for k, v in (dims or {}).items()}
    source: dict[sympy.Symbol, str] = {d: "--set" for d in bound}
    arrays = {}
    for name, var in inputs.items():
        if name not in values:
            raise SymgradError(f"no value for {name} ({describe(var.shape)})")
        v = values[name]
        shape = tuple(getattr(v, "shape", np.shape(v)))
        if var.is_scalar:
            if int(np.prod(shape)) != 1:
                raise ShapeError(f"{name} is a scalar but its value has shape {shape}")
            arrays[name] = v.reshape(()) if hasattr(v, "reshape") else float(v)
            continue
        if var.is_column and len(shape) == 1:
            shape = (shape[0], 1)
            v = v.reshape(shape)
        if len(shape) != 2:
            raise ShapeError(f"{name} is declared {describe(var.shape)} but its value has shape {shape}")
        for declared, actual in zip(var.shape, shape):
            if declared.is_Integer:
                if int(declared) != actual:
                    raise ShapeError(f"{name} is declared {describe(var.shape)} but the data gives "
                                     f"{' × '.join(map(str, shape))}")
            elif declared in bound and bound[declared] != actual:
                raise ShapeError(f"{name} is declared {describe(var.shape)} but the data gives "
                                 f"{' × '.join(map(str, shape))}: {declared} is {bound[declared]} from "
                                 f"{source[declared]} and {actual} from {name}")
            else:
                bound[declared] = actual
                source[declared] = name
        arrays[name] = v
    return bound, arrays


class CompiledTensor:
    """The objective and its gradients as one compiled program: ``value_and_grad(values)`` → (loss, {name: ∇}).

    ``values`` maps every tensor in the objective to an array (vectors 1-D or n × 1, scalars as numbers);
    gradients come back in the shape of their tensor (1-D for a vector, a float for a scalar).
    """

    def __init__(self, objective: t.Node, wrt: Sequence[str], gradients: Mapping[str, t.Node] | None = None,
                 backend: str = "numpy"):
        if backend not in BACKENDS:
            raise SymgradError(f"unknown backend {backend!r} for a matrix objective (choose from {', '.join(BACKENDS)})")
        if not objective.is_scalar:
            raise ShapeError(f"the objective must be a scalar, not {describe(objective.shape)}")
        start = time.perf_counter()
        self.objective, self.wrt, self.backend = objective, tuple(wrt), backend
        self.gradients = dict(gradients) if gradients is not None else engine_gradients(objective, list(wrt))
        memo: dict = {}
        stable_objective = stabilize(objective, memo)
        computed = {w: stabilize(self.gradients[w], memo) for w in self.wrt}
        #: the gradients that divide by an underflowing value are taken of the stabilized objective instead
        self.restated = tuple(w for w in self.wrt if unstable(computed[w]))
        if self.restated:
            again = engine_gradients(stable_objective, list(self.restated))
            computed.update({w: stabilize(again[w], memo) for w in self.restated})
        roots = [stable_objective] + [computed[w] for w in self.wrt]
        self.program = Program(roots)
        self.inputs = dict(self.program.inputs)
        found = t.variables(objective)
        self.shapes = {w: found[w].shape if w in found else self.gradients[w].shape for w in self.wrt}
        everything = self.program.roots
        self._schedules = {"both": self.program.schedule(everything), "value": self.program.schedule(everything[:1]),
                           "gradient": self.program.schedule(everything[1:])}
        self._bound: dict[tuple, list[BoundStep]] = {}
        self._jitted: dict[str, object] = {}
        if backend == "jax":
            self._jax, self._xp = _jax()
        else:
            self._xp = np
        self.ops = Ops(self._xp, backend)
        for step in self.program.steps:  # the registry's code for each function, lambdified once now
            if step.op == "f":
                elementwise(backend, *step.attrs)
        self.compile_seconds = time.perf_counter() - start

    # ---- binding
    def _steps_at(self, dims: dict) -> list[BoundStep]:
        key = tuple(sorted((str(k), v) for k, v in dims.items()))
        found = self._bound.get(key)
        if found is None:
            found = self._bound[key] = [self._bind_step(s, dims) for s in self.program.steps]
        return found

    def _bind_step(self, s: Step, dims) -> BoundStep:
        def size(d):
            value = sympy.sympify(d).subs(dims)
            if not value.is_Integer:
                missing = sorted(str(x) for x in value.free_symbols)
                raise ShapeError(f"dimension {missing[0]} is not fixed by the data: declare it as a number in "
                                 f"--shapes or give it with --set {missing[0]}=…")
            return int(value)
        shape = (size(s.shape[0]), size(s.shape[1]))
        attrs = s.attrs
        if s.op == "const":
            value = sympy.sympify(s.attrs[0]).subs(dims)
            if value.free_symbols:
                raise ShapeError(f"dimension {sorted(map(str, value.free_symbols))[0]} is not fixed by the data")
            attrs = (float(value),)
        arg_shapes = tuple((size(self.program.steps[a].shape[0]), size(self.program.steps[a].shape[1])) for a in s.args)
        return BoundStep(s.op, s.args, attrs, shape, arg_shapes)

    # ---- running
    def _run(self, which: str, values, dims=None):
        bound, arrays = bind_dims(self.inputs, values, dims)
        steps = self._steps_at(bound)
        schedule = self._schedules[which]
        slots: dict[int, object] = {}
        ops = self.ops
        for i, release in zip(schedule.order, schedule.release):
            s = steps[i]
            if s.op == "input":
                slots[i] = arrays[s.attrs[0]]
            else:
                slots[i] = getattr(ops, s.op)(s, *[slots[a] for a in s.args])
            for r in release:
                del slots[r]
        return [ops.full(slots[o], steps[o].shape) if steps[o].shape != (1, 1) else slots[o] for o in schedule.outputs]

    def _finish(self, outputs, with_loss: bool):
        loss = float(np.asarray(outputs[0]).reshape(())) if with_loss else None
        grads = {}
        for name, g in zip(self.wrt, outputs[1:] if with_loss else outputs):
            g = np.asarray(g, dtype=float) if self.backend == "jax" else np.array(g)
            var_shape = self.shapes[name]
            grads[name] = float(g.reshape(())) if var_shape == (t.ONE, t.ONE) else \
                (g.reshape(-1) if var_shape[1] == t.ONE else g)
        return loss, grads

    def _call(self, which: str, values, dims):
        if self.backend == "numpy":
            return self._run(which, values, dims)
        fn = self._jitted.get(which)
        if fn is None:
            fn = self._jitted[which] = self._jax.jit(lambda vals: self._run(which, vals, dims))
        jnp = self._xp
        return fn({k: jnp.asarray(values[k]) for k in self.inputs if k in values})

    def value_and_grad(self, values: Mapping[str, object], dims: Mapping[str, int] | None = None):
        """(loss, {name: gradient}) at these values; ``dims`` fixes dims no array shows (a hidden width)."""
        return self._finish(self._call("both", values, dims), True)

    def value(self, values: Mapping[str, object], dims: Mapping[str, int] | None = None) -> float:
        """The objective's value alone (only the steps it needs run)."""
        return self._finish(self._call("value", values, dims), True)[0]

    def gradient(self, values: Mapping[str, object], dims: Mapping[str, int] | None = None) -> dict:
        """The gradients alone."""
        return self._finish(self._call("gradient", values, dims), False)[1]


def compile_tensor(objective: t.Node, wrt: Sequence[str], backend: str = "numpy") -> CompiledTensor:
    """The compiled objective and gradients wrt ``wrt`` (gradients from the engine, as ``derive`` prints them)."""
    return CompiledTensor(objective, wrt, backend=backend)


def compile_text(loss: str, shapes: str, wrt: Sequence[str], backend: str = "numpy") -> CompiledTensor:
    """``compile_text("norm(X@w - y)**2", "X:n,d w:d y:n", ["w"])``: parsed safely, derived, compiled."""
    from symbolic.tensor.derivation import derive
    from symbolic.tensor.parse import parse_objective
    from symbolic.tensor.shapes import parse_shapes
    parsed = parse_shapes(shapes)
    tree = parse_objective(loss, parsed)
    derivation = derive(tree, parsed, list(wrt))
    return CompiledTensor(tree, wrt, derivation.gradients, backend)
