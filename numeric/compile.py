"""Compile an objective to numpy: the mean loss and every parameter's gradient over a dataset in one call.

The objective's per-example part ℓ and its data-free penalty R are split; linear forms
z = Σ_j w_j x_j + b become matrix products (see ``lift.py``); the remaining scalar work is one
lambdified function with common-subexpression elimination, vectorized over samples, written with
the activations' stable numpy code and the stable log rewrites of ``stable.py``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import numpy as np
import sympy

from symbolic.errors import SymgradError

from .batch import Batch
from .lift import LinearForm, find_linear_forms
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
    """The cheaper of the expression and its expansion (BCE's gradient expands to σ(z) − y)."""
    expr = stabilize(expr)
    if sympy.count_ops(expr) > 200:
        return expr
    expanded = sympy.expand(expr)
    return expanded if sympy.count_ops(expanded) < sympy.count_ops(expr) else expr


def _lambdify(args, exprs):
    return sympy.lambdify(args, [lean(e) for e in exprs], modules="numpy", cse=True)


def _split_coefficients(exprs, data):
    """(c, x, e) with expr = c·x·e for a number c and a data column x (or None).

    The mean of c·x·e is c·(x·e)/n, a dot product: no pass for the constant, none for the product.
    """
    out = []
    for e in exprs:
        c, rest = sympy.sympify(e).as_coeff_Mul()
        column = next((f for f in sympy.Mul.make_args(rest) if f in data), None) if rest.is_Mul else None
        if column is not None:
            rest = rest / column
        out.append((float(c), column.name if column is not None else None, rest) if c != 0
                   else (0.0, None, sympy.S.Zero))
    return out


@dataclass(frozen=True)
class CompiledObjective:
    """``value_and_grad(theta, batch)`` → (mean loss, gradient vector) for one objective."""

    parameters: tuple[str, ...]
    data: tuple[str, ...]
    constants: dict = field(default_factory=dict)
    per_example: sympy.Expr = sympy.S.Zero
    penalty: sympy.Expr = sympy.S.Zero
    forms: tuple[LinearForm, ...] = ()
    _sample: Callable | None = None
    _sample_params: tuple[int, ...] = ()
    _bias_slopes: tuple = ()
    _penalty: Callable | None = None
    _scales: tuple[float, ...] = ()
    _columns: tuple[str | None, ...] = ()

    def batch(self, columns: Mapping[str, np.ndarray], dtype=np.float64) -> Batch:
        """The data as a Batch, checking that every column the loss needs is there."""
        missing = [d for d in self.data if d not in columns]
        if missing:
            raise SymgradError(f"the data has no column {missing[0]!r} (the loss needs {', '.join(self.data)}; "
                               f"the data has {', '.join(columns) or 'none'})")
        return columns if isinstance(columns, Batch) else Batch({d: columns[d] for d in self.data}, dtype)

    def value_and_grad(self, theta: np.ndarray, batch: Batch) -> tuple[float, np.ndarray]:
        """Mean loss over the batch plus penalty, and its gradient with respect to every parameter."""
        theta = np.asarray(theta, dtype=batch.dtype)
        values = dict(zip(self.parameters, theta))
        consts = [self.constants[c] for c in self._const_names]
        zs = []
        for form in self.forms:
            w = np.array([values[p.name] for p in form.weights], dtype=batch.dtype)
            bias = self._bias_value(form, values)
            zs.append(batch.matrix([x.name for x in form.inputs]) @ w + bias)
        rest = [values[self.parameters[k]] for k in self._sample_params]
        cols = [batch.columns[d] for d in self.data]
        out = self._sample(*rest, *zs, *cols, *consts)
        n = batch.n
        out = [self._reduce(k, c, column, o, batch) for k, (c, column, o) in enumerate(zip(self._scales, self._columns, out))]
        loss = float(out[0])
        grad = np.zeros(len(self.parameters), dtype=batch.dtype)
        for k, g in zip(self._sample_params, out[1 + len(self.forms):]):
            grad[k] += g
        index = {p: k for k, p in enumerate(self.parameters)}
        for m, form in enumerate(self.forms):
            dz = out[1 + m]
            x = batch.matrix([x.name for x in form.inputs])
            grad[[index[p.name] for p in form.weights]] += (dz @ x) / n
            for name, slope in self._bias_slopes[m]:
                grad[index[name]] += slope(*theta, *consts) * np.mean(dz)
        pen = self._penalty(*theta, *consts)
        loss += float(pen[0])
        grad += np.array([float(g) for g in pen[1:]], dtype=batch.dtype)
        return loss, grad

    def _reduce(self, k: int, scale: float, column: str | None, values, batch: Batch):
        """Output k as the compiled function needs it: a mean (loss, gradients) or a per-sample ∂ℓ/∂z."""
        n = batch.n
        if 0 < k <= len(self.forms):  # ∂ℓ/∂z of a linear form: per sample
            values = np.broadcast_to(values, (n,))
            return scale * (values * batch.columns[column] if column else values)
        if column is None:
            return scale * np.mean(values)
        values = np.broadcast_to(values, (n,))
        # einsum, not np.dot: a 1-D dot goes through BLAS, whose thread start-up costs more than the sum
        return scale * float(np.einsum("i,i->", batch.columns[column], values)) / n

    def loss(self, theta, batch) -> float:
        """Mean loss plus penalty."""
        return self.value_and_grad(theta, batch)[0]

    def gradient(self, theta, batch) -> np.ndarray:
        """The gradient vector, in the order of ``parameters``."""
        return self.value_and_grad(theta, batch)[1]

    @property
    def _const_names(self) -> tuple[str, ...]:
        return tuple(sorted(self.constants))

    def _bias_value(self, form, values):
        bias = form.bias
        if bias == 0:
            return 0.0
        sub = {s: values.get(s.name, self.constants.get(s.name)) for s in bias.free_symbols}
        return float(bias.xreplace({k: sympy.Float(v) for k, v in sub.items()}))


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
        """[ℓ, ∂ℓ/∂z for each form, ∂ℓ/∂θ for each sample parameter]: what a kernel computes per example."""
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


def compile_objective(objective, parameters: Sequence[str] | None = None,
                      constants: Mapping[str, float] | None = None) -> CompiledObjective:
    """Compile an Objective (or expression) to numpy; symbols that are neither parameters nor constants are data."""
    d = decompose(objective, parameters, constants)
    constants = dict(constants or {})
    params, consts, data = list(d.parameters), list(d.constants), list(d.data)
    zs = [f.symbol for f in d.forms]
    scales, weights, outputs = zip(*_split_coefficients([lean(o) for o in d.outputs()], set(data)))
    sample = _lambdify([params[k] for k in d.sample_params] + zs + data + consts, outputs)
    slopes = tuple(tuple((p.name, sympy.lambdify(params + consts, sympy.diff(f.bias, p), "numpy"))
                         for p in params if f.bias.has(p)) for f in d.forms)
    pen = _lambdify(params + consts, [d.penalty] + [sympy.diff(d.penalty, p) for p in params])
    return CompiledObjective(tuple(p.name for p in params), tuple(x.name for x in data),
                             {c.name: constants[c.name] for c in consts}, d.per_example, d.penalty, d.forms, sample,
                             d.sample_params, slopes, pen, tuple(scales), tuple(weights))
