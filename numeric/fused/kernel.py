"""The fused backend: one numba kernel computes the mean loss and every gradient in a single pass
over the data, rows split across cores; each sample's row of a linear form is read once for
z = w·x and again, from cache, for the weights' gradient."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy

from symbolic.errors import SymgradError

from ..batch import Batch
from ..compile import lean
from ..stable import stabilize
from .cache import load_module, timed
from .printer import HELPERS, ScalarPrinter, exp_tables, lse_helper

_TABLES = exp_tables()

HEADER = "import math\nimport numpy as np\nimport numba\n"


def _kernel_source(d, params, data, consts) -> tuple[str, list]:
    """Source of ``kernel(theta, consts, columns…, matrices…)`` → sums of [loss, Σ∂ℓ/∂z…, ∂ℓ/∂p…, ∂ℓ/∂w…]."""
    forms, sample_params = d.forms, d.sample_params
    zs = [f.symbol for f in forms]
    outputs = [lean(o) for o in d.outputs()]
    replacements, reduced = sympy.cse(outputs, symbols=sympy.numbered_symbols("t"))
    names = {p: f"p{k}" for k, p in enumerate(params)} | {d: f"d{k}" for k, d in enumerate(data)} | \
            {c: f"k{k}" for k, c in enumerate(consts)} | {z: f"z{m}" for m, z in enumerate(zs)}
    printer = ScalarPrinter(names)
    body = [f"            {printer._print(s)} = {printer.doprint(stabilize(e))}" for s, e in replacements]
    n_scalar = 1 + len(zs) + len(sample_params)
    body += [f"            a{k} += {printer.doprint(stabilize(e))}" for k, e in enumerate(reduced)]
    weight_offsets, offset = [], n_scalar
    for m, f in enumerate(forms):
        weight_offsets.append(offset)
        body.append(f"            for j in range({len(f.weights)}):")
        body.append(f"                g[j + {offset}] += out_z{m} * X{m}[i, j]")
        offset += len(f.weights)
    # ∂ℓ/∂z of each form is output 1 + m; keep its per-sample value for the weights
    for m in range(len(forms)):
        body.insert(len(replacements) + 0, f"            out_z{m} = {printer.doprint(stabilize(reduced[1 + m]))}")
    columns = ", ".join(f"d{k}_col" for k in range(len(data)))
    matrices = ", ".join(f"X{m}" for m in range(len(forms)))
    args = ", ".join(a for a in ("theta", "consts", "chunks", "pow2", "t64", columns, matrices,
                                 ", ".join(f"widx{m}" for m in range(len(forms)))) if a)
    lines = [HEADER, HELPERS] + [lse_helper(k) for k in sorted(printer.lse_sizes)]
    lines.append("\n@numba.njit(parallel=True, cache=True, fastmath=FASTMATH)")
    lines.append(f"def kernel({args}):")
    lines.append(f"    n = {'d0_col' if data else 'X0'}.shape[0]")
    lines += [f"    p{k} = theta[{k}]" for k in range(len(params))]
    lines += [f"    k{k} = consts[{k}]" for k in range(len(consts))]
    for m, f in enumerate(forms):
        lines.append(f"    w{m} = theta[widx{m}]")
        bias = printer.doprint(f.bias) if f.bias != 0 else "0.0"
        lines.append(f"    bias{m} = {bias}")
    lines.append(f"    width = {offset}")
    if not forms:
        # no weight vectors: a plain parallel reduction over the rows (numba vectorizes it best)
        lines += [f"    a{k} = 0.0" for k in range(n_scalar)]
        lines.append("    for i in numba.prange(n):")
        lines += [f"        d{k} = d{k}_col[i]" for k in range(len(data))]
        lines += [line[4:] for line in body]
        lines.append("    out = np.empty(width)")
        lines += [f"    out[{k}] = a{k}" for k in range(n_scalar)]
        lines.append("    return out")
        source = "\n".join(lines) + "\n"
        return source, weight_offsets
    lines.append("    acc = np.zeros((chunks, width))")
    lines.append("    for c in numba.prange(chunks):")
    lines.append("        lo = c * n // chunks")
    lines.append("        hi = (c + 1) * n // chunks")
    lines += [f"        a{k} = 0.0" for k in range(n_scalar)]
    lines.append("        g = np.zeros(width)")
    lines.append("        for i in range(lo, hi):")
    lines += [f"            d{k} = d{k}_col[i]" for k in range(len(data))]
    for m, f in enumerate(forms):
        lines.append(f"            z{m} = bias{m}")
        lines.append(f"            for j in range({len(f.weights)}):")
        lines.append(f"                z{m} += X{m}[i, j] * w{m}[j]")
    lines += body
    lines += [f"        acc[c, {k}] = a{k}" for k in range(n_scalar)]
    lines.append(f"        for j in range({n_scalar}, width):")
    lines.append("            acc[c, j] = g[j]")
    lines.append("    return acc.sum(axis=0)")
    source = "\n".join(lines) + "\n"
    return source, weight_offsets


@dataclass
class FusedObjective:
    """The same ``value_and_grad(theta, batch)`` as the numpy backend, from one fused numba kernel."""

    parameters: tuple[str, ...]
    data: tuple[str, ...]
    constants: dict
    source: str
    compile_seconds: float = 0.0

    def batch(self, columns, dtype=np.float64) -> Batch:
        """The data as a Batch (same checks as the numpy backend)."""
        return self._numpy.batch(columns, dtype)

    def value_and_grad(self, theta, batch: Batch):
        """Mean loss plus penalty, and the gradient, from one pass over the batch."""
        theta = np.ascontiguousarray(theta, dtype=np.float64)
        consts = np.array([self.constants[c] for c in self._const_names], dtype=np.float64)
        cols = [batch.columns[d] for d in self.data]
        mats = [batch.matrix([x.name for x in f.inputs]) for f in self._forms]
        import numba
        chunks = max(1, min(batch.n, numba.get_num_threads() * 8))
        sums = self._kernel(theta, consts, chunks, *_TABLES, *cols, *mats, *self._widx)
        n = batch.n
        grad = np.zeros(len(self.parameters))
        loss = sums[0] / n
        nz = len(self._forms)
        for k, value in zip(self._sample_params, sums[1 + nz:1 + nz + len(self._sample_params)]):
            grad[k] += value / n
        for m, form in enumerate(self._forms):
            grad[self._widx[m]] += sums[self._offsets[m]:self._offsets[m] + len(form.weights)] / n
            for name, slope in self._slopes[m]:
                grad[self.parameters.index(name)] += slope(*theta, *consts) * sums[1 + m] / n
        pen = self._penalty(*theta, *consts)
        loss += float(pen[0])
        grad += np.array([float(g) for g in pen[1:]])
        return float(loss), grad.astype(batch.dtype, copy=False)

    def loss(self, theta, batch) -> float:
        """Mean loss plus penalty."""
        return self.value_and_grad(theta, batch)[0]

    def gradient(self, theta, batch):
        """The gradient vector."""
        return self.value_and_grad(theta, batch)[1]


def compile_fused(objective, parameters=None, constants=None) -> FusedObjective:
    """The fused kernel for a per-example objective (compiled on first use, cached across runs)."""
    try:
        import numba  # noqa: F401
    except ImportError:  # pragma: no cover - numba is a dependency
        raise SymgradError("the fused backend needs numba (pip install numba)") from None
    from ..compile import compile_objective, decompose
    reference = compile_objective(objective, parameters, constants)
    d = decompose(objective, parameters, constants)
    params, consts, data, forms, sample_params = (list(d.parameters), list(d.constants), list(d.data), d.forms,
                                                  list(d.sample_params))
    source, offsets = _kernel_source(d, params, data, consts)
    module = load_module(source)
    fused = FusedObjective(reference.parameters, reference.data, reference.constants, source)
    fused._numpy, fused._forms, fused._offsets = reference, forms, offsets
    fused._const_names = tuple(c.name for c in consts)
    fused._sample_params = sample_params
    fused._widx = [np.array([reference.parameters.index(w.name) for w in f.weights], dtype=np.int64) for f in forms]
    fused._slopes = reference._bias_slopes
    fused._penalty = reference._penalty
    fused._kernel = module.kernel
    # compile now (numba's disk cache makes later runs fast) and report the cost
    probe = Batch({d.name: np.zeros(2) for d in data})
    for f in forms:
        probe.matrix([x.name for x in f.inputs])
    _, fused.compile_seconds = timed(lambda: fused.value_and_grad(np.zeros(len(params)), probe))
    return fused
