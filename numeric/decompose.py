"""An objective taken apart once, the way every backend compiles it, and put back together once.

``decompose`` splits the mean loss into its per-example part ℓ and its data-free penalty R, and
lifts the linear forms z = Σ wⱼxⱼ + b out of ℓ (``lift.py``).  A backend's kernel then only sums,
over the rows of a batch, ℓ, ∂ℓ/∂z of each form, Xᵀ·∂ℓ/∂z and ∂ℓ/∂θ of the parameters used
outside the forms (a ``Sums``).  ``Assembly`` does the rest, the same for every backend: the
forms' weight vectors and biases from θ, the mean, the bias slopes ∂b/∂θ · Σ∂ℓ/∂z, and R with
its gradient.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import sympy

from symbolic.errors import SymgradError

from .lift import LinearForm, find_linear_forms
from .printers import lambdify_with
from .stable import stabilize


def per_example(expr: sympy.Expr) -> sympy.Expr:
    """(1/n) Σ_i f(x[i], y[i]) + R → f(x, y) + R: the loss of one example, data as plain symbols."""
    for s in expr.atoms(sympy.Sum):
        n = s.limits[0][2]
        expr = expr.xreplace({s: s.function * n})
    table = {ix: sympy.Symbol(str(ix.base), real=True) for ix in expr.atoms(sympy.Indexed)}
    return expr.xreplace(table)


def split_penalty(expr: sympy.Expr, data: set) -> tuple[sympy.Expr, sympy.Expr]:
    """(ℓ, R): the terms that use data, and the data-free terms added once (the regularizer)."""
    terms = sympy.Add.make_args(sympy.expand(expr, deep=False, mul=False, multinomial=False, power_exp=False))
    per = sympy.Add(*(t for t in terms if t.free_symbols & data))
    penalty = sympy.Add(*(t for t in terms if not t.free_symbols & data))
    return per, penalty


def lean(expr: sympy.Expr) -> sympy.Expr:
    """The stable form of the expression, expanded when that is cheaper (BCE's gradient expands to σ(z) − y)."""
    expr = stabilize(expr)
    if sympy.count_ops(expr) > 200:
        return expr
    expanded = sympy.expand(expr)
    return expanded if sympy.count_ops(expanded) < sympy.count_ops(expr) else expr


@dataclass(frozen=True)
class Decomposition:
    """An objective split the way every backend compiles it: per-example loss ℓ with its linear forms
    lifted out (z = Σ wⱼxⱼ + b), and the data-free penalty R."""

    parameters: tuple[sympy.Symbol, ...]
    data: tuple[sympy.Symbol, ...]
    constants: tuple[sympy.Symbol, ...]
    per_example: sympy.Expr
    penalty: sympy.Expr
    lifted: sympy.Expr
    forms: tuple[LinearForm, ...]
    #: indices of the parameters that ℓ uses outside its linear forms
    sample_params: tuple[int, ...]

    def outputs(self) -> list[sympy.Expr]:
        """[ℓ, ∂ℓ/∂z for each form, ∂ℓ/∂θ for each sample parameter]: what a kernel sums over the rows."""
        zs = [f.symbol for f in self.forms]
        return [self.lifted] + [sympy.diff(self.lifted, z) for z in zs] + \
            [sympy.diff(self.lifted, self.parameters[k]) for k in self.sample_params]


def decompose(objective, parameters: Sequence[str] | None = None,
              constants: Mapping[str, float] | None = None) -> Decomposition:
    """Split an Objective (or expression); symbols that are neither parameters nor constants are data."""
    expr = per_example(getattr(objective, "expression", objective))
    if parameters is None:
        parameters = [p.name for p in objective.parameters]
    constants = dict(constants or {})
    by_name = {s.name: s for s in expr.free_symbols}
    unknown = [p for p in parameters if p not in by_name]
    if unknown:
        raise SymgradError(f"the loss has no parameter {unknown[0]!r} (its variables: {', '.join(sorted(by_name))})")
    params = tuple(by_name[p] for p in parameters)
    consts = tuple(by_name[c] for c in sorted(constants) if c in by_name)
    data = tuple(sorted((s for s in expr.free_symbols if s.name not in parameters and s.name not in constants),
                        key=lambda s: s.name))
    per, penalty = split_penalty(expr, set(data))
    lifted, forms = find_linear_forms(per, params, data)
    sample_params = tuple(k for k, p in enumerate(params) if lifted.has(p))
    return Decomposition(params, data, consts, per, penalty, lifted, forms, sample_params)


@dataclass(frozen=True)
class Sums:
    """What a backend's kernel computes over the rows of a batch (sums, not means)."""

    #: Σ ℓ
    loss: float
    #: Σ ∂ℓ/∂θ_k for each sample parameter (``Decomposition.sample_params``)
    sample: np.ndarray
    #: Σ ∂ℓ/∂z_m for each linear form (only read for forms whose bias has parameters)
    dz: np.ndarray
    #: X_mᵀ·∂ℓ/∂z_m for each linear form
    weights: tuple[np.ndarray, ...]


class Assembly:
    """The parts of value_and_grad that do not touch the data, in numpy, shared by every backend."""

    def __init__(self, d: Decomposition, constants: Mapping[str, float]):
        params, consts = list(d.parameters), list(d.constants)
        index = {p: k for k, p in enumerate(params)}
        self.size = len(params)
        self.constants = [float(constants[c.name]) for c in consts]
        self.sample_index = np.array(d.sample_params, dtype=np.int64)
        #: the parameter indices of each form's weights, in the order of its inputs
        self.weight_index = tuple(np.array([index[w] for w in f.weights], dtype=np.int64) for f in d.forms)
        self.inputs = tuple(tuple(x.name for x in f.inputs) for f in d.forms)
        args = params + consts
        self._biases = lambdify_with("numpy", args, [f.bias for f in d.forms]) if d.forms else None
        #: per form: (parameter index, ∂b/∂θ as a function of θ and the constants)
        self.bias_slopes = tuple(tuple((index[p], lambdify_with("numpy", args, sympy.diff(f.bias, p)))
                                       for p in params if f.bias.has(p)) for f in d.forms)
        self._penalty = lambdify_with("numpy", args, [lean(e) for e in [d.penalty] + [sympy.diff(d.penalty, p)
                                                                                  for p in params]], cse=True)

    def biases(self, theta: np.ndarray) -> list[float]:
        """Each linear form's bias b(θ)."""
        if self._biases is None:
            return []
        return [float(b) for b in self._biases(*theta, *self.constants)]

    def finish(self, theta: np.ndarray, sums: Sums, n: int, dtype) -> tuple[float, np.ndarray]:
        """(mean loss + R, its gradient) from the kernel's sums over n rows."""
        grad = np.zeros(self.size)
        grad[self.sample_index] += np.asarray(sums.sample, dtype=np.float64) / n
        for m, widx in enumerate(self.weight_index):
            grad[widx] += np.asarray(sums.weights[m], dtype=np.float64) / n
            for k, slope in self.bias_slopes[m]:
                grad[k] += float(slope(*theta, *self.constants)) * float(sums.dz[m]) / n
        penalty = self._penalty(*theta, *self.constants)
        grad += np.array([float(g) for g in penalty[1:]])
        return float(sums.loss) / n + float(penalty[0]), grad.astype(dtype, copy=False)
