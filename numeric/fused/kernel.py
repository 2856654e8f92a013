"""The fused backend: one numba kernel computes the mean loss and every gradient in a single pass
over the data, rows split across cores; each sample's row of a linear form is read once for
z = w·x and again, from cache, for the weights' gradient."""
from __future__ import annotations

import numpy as np
import sympy

from ..batch import Batch
from ..decompose import Sums, lean
from ..protocol import Kernels, Prepared
from ..stable import stabilize
from .cache import load_module, timed
from .printer import HELPERS, ScalarPrinter, exp_tables, lse_helpers

_TABLES = exp_tables()

HEADER = "import math\nimport numpy as np\nimport numba\n"


def _kernel_source(d, params, data, consts) -> tuple[str, list]:
    """Source of ``kernel(theta, consts, biases, chunks, pow2, t64, columns…, matrices…, weight indices…)``
    → sums of [loss, Σ∂ℓ/∂z…, ∂ℓ/∂p…, ∂ℓ/∂w…], and where each form's weight sums start."""
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
    args = ", ".join(a for a in ("theta", "consts", "biases", "chunks", "pow2", "t64", columns, matrices,
                                 ", ".join(f"widx{m}" for m in range(len(forms)))) if a)
    lines = [HEADER, HELPERS, lse_helpers("\n".join(body))]
    lines.append("\n@numba.njit(parallel=True, cache=True, fastmath=FASTMATH)")
    lines.append(f"def kernel({args}):")
    lines.append(f"    n = {'d0_col' if data else 'X0'}.shape[0]")
    lines += [f"    p{k} = theta[{k}]" for k in range(len(params))]
    lines += [f"    k{k} = consts[{k}]" for k in range(len(consts))]
    for m, f in enumerate(forms):
        lines.append(f"    w{m} = theta[widx{m}]")
        lines.append(f"    bias{m} = biases[{m}]")
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


class FusedPrepared(Prepared):
    """The batch as the kernel reads it: float64 columns and matrices, and the number of row chunks."""

    def __init__(self, batch: Batch, data, inputs):
        super().__init__(batch)
        import numba
        self.columns = [np.ascontiguousarray(batch.columns[d], dtype=np.float64) for d in data]
        self.matrices = [np.ascontiguousarray(batch.matrix(names), dtype=np.float64) for names in inputs]
        self.chunks = max(1, min(batch.n, numba.get_num_threads() * 8))


class FusedKernels(Kernels):
    """The sums over the rows from one fused numba kernel (compiled on first use, cached across runs)."""

    name = "fused"

    def __init__(self, decomposition, assembly):
        super().__init__(decomposition, assembly)
        d = decomposition
        self._data = tuple(x.name for x in d.data)
        self.source, self._offsets = _kernel_source(d, list(d.parameters), list(d.data), list(d.constants))
        self._kernel = load_module(self.source).kernel
        self._widx = list(assembly.weight_index)
        self._consts = np.array(assembly.constants, dtype=np.float64)
        self._nz, self._ns = len(d.forms), len(d.sample_params)
        # compile now (numba's disk cache makes later runs fast) and report the cost
        probe = Batch({x.name: np.zeros(2) for x in d.data})
        for names in assembly.inputs:
            probe.matrix(names)
        theta = np.zeros(len(d.parameters))
        _, self.compile_seconds = timed(lambda: self.sums(theta, assembly.biases(theta), self.prepare(probe)))

    def prepare(self, batch: Batch) -> FusedPrepared:
        """float64 copies where the batch is not float64 already (the kernel is compiled for float64)."""
        return FusedPrepared(batch, self._data, self.assembly.inputs)

    def sums(self, theta, biases, prepared: FusedPrepared) -> Sums:
        """One parallel pass over the rows."""
        theta = np.ascontiguousarray(theta, dtype=np.float64)
        out = self._kernel(theta, self._consts, np.array(biases, dtype=np.float64), prepared.chunks, *_TABLES,
                           *prepared.columns, *prepared.matrices, *self._widx)
        nz, ns = self._nz, self._ns
        weights = tuple(out[o:o + len(w)] for o, w in zip(self._offsets, self._widx))
        return Sums(out[0], out[1 + nz:1 + nz + ns], out[1:1 + nz], weights)
