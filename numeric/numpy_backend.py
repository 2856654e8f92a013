"""The numpy backend's kernels: one lambdified function of the per-example outputs, vectorized over
the rows, with common-subexpression elimination and each function's stable numpy code from the
registry; linear forms are BLAS products X·w and ∂ℓ/∂z·X."""
from __future__ import annotations

import numpy as np
import sympy

from .batch import Batch
from .decompose import Sums, lean
from .printers import lambdify_with
from .protocol import Kernels, Prepared


def _split_coefficients(exprs, data):
    """(c, x, e) with expr = c·x·e for a number c and a data column x (or None).

    The sum of c·x·e is c·(x·e), a dot product: no pass for the constant, none for the product.
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


class NumpyPrepared(Prepared):
    """The batch's columns and the forms' input matrices (built once by the Batch)."""

    def __init__(self, batch: Batch, data, inputs):
        super().__init__(batch)
        self.by_name = batch.columns
        self.columns = [batch.columns[d] for d in data]
        self.matrices = [batch.matrix(names) for names in inputs]


class NumpyKernels(Kernels):
    """Sums over the rows with numpy: one lambdified call, then dot products and BLAS products."""

    name = "numpy"

    def __init__(self, decomposition, assembly):
        super().__init__(decomposition, assembly)
        d = decomposition
        params, consts, data = list(d.parameters), list(d.constants), list(d.data)
        zs = [f.symbol for f in d.forms]
        self._data = tuple(x.name for x in data)
        scales, columns, outputs = zip(*_split_coefficients([lean(o) for o in d.outputs()], set(data)))
        self._scales, self._columns = scales, columns
        self._sample = lambdify_with("numpy", [params[k] for k in d.sample_params] + zs + data + consts,
                                     [lean(e) for e in outputs], cse=True)
        self._needs_dz = [bool(s) for s in assembly.bias_slopes]

    def prepare(self, batch: Batch) -> NumpyPrepared:
        """The columns and matrices, as the Batch holds them."""
        return NumpyPrepared(batch, self._data, self.assembly.inputs)

    def sums(self, theta, biases, prepared: NumpyPrepared) -> Sums:
        """One vectorized pass for the per-example outputs; Xᵀ·∂ℓ/∂z as one BLAS product per form."""
        a = self.assembly
        zs = [X @ theta[widx] + bias for X, widx, bias in zip(prepared.matrices, a.weight_index, biases)]
        out = self._sample(*theta[a.sample_index], *zs, *prepared.columns, *a.constants)
        n, nz = prepared.n, len(zs)
        loss = self._sum(0, out[0], prepared)
        sample = np.array([self._sum(k, out[k], prepared) for k in range(1 + nz, len(out))])
        dz_sums, weights = np.zeros(nz), []
        for m in range(nz):
            k = 1 + m
            dz = np.broadcast_to(out[k], (n,))
            dz = self._scales[k] * (dz * prepared.by_name[self._columns[k]] if self._columns[k] else dz)
            weights.append(dz @ prepared.matrices[m])
            if self._needs_dz[m]:
                dz_sums[m] = np.sum(dz)
        return Sums(loss, sample, dz_sums, tuple(weights))

    def _sum(self, k: int, values, prepared: NumpyPrepared) -> float:
        scale, column = self._scales[k], self._columns[k]
        if column is None:
            return scale * float(np.sum(np.broadcast_to(values, (prepared.n,))))
        values = np.broadcast_to(values, (prepared.n,))
        # einsum, not np.dot: a 1-D dot goes through BLAS, whose thread start-up costs more than the sum
        return scale * float(np.einsum("i,i->", prepared.by_name[column], values))
