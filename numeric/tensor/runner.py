"""Running a lowered program on arrays: dims bound from the arrays' shapes, steps bound at those dims
(cached per size), each step's kernel called in order, intermediates released after their last use.
The JAX backend runs the same loop under ``jax.jit`` (traced once per sizes)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import sympy

from symbolic.errors import SymgradError
from symbolic.tensor import tree as t
from symbolic.tensor.shapes import ShapeError, describe

from .ops import Ops, elementwise
from .program import Program, Step

BACKENDS = ("numpy", "jax")


@dataclass(frozen=True)
class BoundStep:
    """A step at concrete dims: its shape, its inputs' shapes, and its attributes with numbers filled in."""

    op: str
    args: tuple[int, ...]
    attrs: tuple
    shape: tuple[int, int]
    arg_shapes: tuple[tuple[int, int], ...]
    #: the backend's kernel for ``op`` (None for an input, which the runner looks up)
    kernel: object = None


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


class Runner:
    """A program over some roots on one backend: ``outputs(values, which)`` → the roots' values, full shape."""

    def __init__(self, roots: list[t.Node], backend: str = "numpy"):
        if backend not in BACKENDS:
            raise SymgradError(f"unknown backend {backend!r} for a matrix objective (choose from {', '.join(BACKENDS)})")
        self.backend = backend
        self.program = Program(roots)
        self.inputs = dict(self.program.inputs)
        self._schedules: dict[tuple[int, ...], object] = {}
        self._bound: dict[tuple, list[BoundStep]] = {}
        self._jitted: dict[tuple, object] = {}
        if backend == "jax":
            from ..jax_backend import load_jax
            self._jax, xp = load_jax()
        else:
            xp = np
        self.ops = Ops(xp, backend)
        for step in self.program.steps:  # the registry's code for each function, lambdified once now
            if step.op == "f":
                elementwise(backend, *step.attrs)

    def _schedule(self, which: tuple[int, ...]):
        found = self._schedules.get(which)
        if found is None:
            outputs = tuple(self.program.roots[k] for k in which)
            found = self._schedules[which] = self.program.schedule(outputs)
        return found

    def _steps_at(self, dims: dict) -> list[BoundStep]:
        key = tuple(sorted((k.name, v) for k, v in dims.items()))
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
        kernel = None if s.op == "input" else getattr(self.ops, s.op)
        return BoundStep(s.op, s.args, attrs, shape, arg_shapes, kernel)

    def _run(self, which: tuple[int, ...], values, dims=None):
        bound, arrays = bind_dims(self.inputs, values, dims)
        steps = self._steps_at(bound)
        schedule = self._schedule(which)
        slots: dict[int, object] = {}
        for i, release in zip(schedule.order, schedule.release):
            s = steps[i]
            slots[i] = arrays[s.attrs[0]] if s.kernel is None else s.kernel(s, *[slots[a] for a in s.args])
            for r in release:
                del slots[r]
        ops = self.ops
        return [ops.full(slots[o], steps[o].shape) if steps[o].shape != (1, 1) else slots[o] for o in schedule.outputs]

    def outputs(self, values: Mapping[str, object], which: tuple[int, ...] | None = None,
                dims: Mapping[str, int] | None = None) -> list:
        """The values of the roots numbered ``which`` (default all), each in its full shape (scalars 0-d)."""
        which = tuple(range(len(self.program.roots))) if which is None else tuple(which)
        if self.backend == "numpy":
            return self._run(which, values, dims)
        jnp = self.ops.xp
        arrays = {k: jnp.asarray(values[k]) for k in self.inputs if k in values}
        key = (which, tuple(sorted((dims or {}).items())))
        fn = self._jitted.get(key)
        if fn is None:
            fn = self._jitted[key] = self._jax.jit(lambda vals: self._run(which, vals, dims))
        return [np.asarray(v) for v in fn(arrays)]
