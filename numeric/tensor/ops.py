"""The kernels of the program's steps, written once over an array module (numpy or jax.numpy).

Values are 2-D arrays (vectors are n × 1 columns) or scalars.  A value may be *reduced*: smaller than
its step's shape and standing for its broadcast (𝟏ₙ is the scalar 1, 𝟏ₙvᵀ the row vᵀ), so that the
all-ones tensors the derivation writes never become memory or matrix products: 𝟏ᵀB is a column sum.
Entry-by-entry functions come from the function registry (``numeric.printers.lambdify_with``).
"""
from __future__ import annotations

from functools import lru_cache

import sympy


@lru_cache(maxsize=None)
def elementwise(backend: str, function: str, order: int):
    """f (order 0) or its order-th derivative entry by entry, as a numpy or jax function of one array."""
    from numeric.printers import lambdify_with
    from symbolic.functions import FUNCTIONS
    u = sympy.Symbol("u", real=True)
    expr = FUNCTIONS[function].constructor(u)
    if order:
        expr = sympy.diff(expr, u, order)
    return lambdify_with(backend, [u], expr)


def _shape(v) -> tuple[int, int]:
    s = getattr(v, "shape", ())
    return (1, 1) if len(s) == 0 else tuple(s)


class Ops:
    """One method per step op: ``op(step, *values)`` → value, ``step`` a ``BoundStep`` (concrete shapes and
    attributes); ``xp`` is numpy or jax.numpy."""

    def __init__(self, xp, backend: str):
        self.xp, self.backend = xp, backend

    # ---- reduced values
    def full(self, v, shape):
        """The value as an array of exactly ``shape`` (a broadcast view when reduced)."""
        if _shape(v) == shape and getattr(v, "ndim", 0) == 2:
            return v
        return self.xp.broadcast_to(self.xp.reshape(self.xp.asarray(v), _shape(v)), shape)

    def total(self, v, shape, axis):
        """Σ over ``axis`` (None: all entries) of v broadcast to ``shape``, dims kept, without broadcasting it."""
        s = _shape(v)
        v = self.xp.reshape(self.xp.asarray(v), s)
        axes = (0, 1) if axis is None else (axis,)
        out = v
        for a in axes:
            out = out.sum(axis=a, keepdims=True) if s[a] == shape[a] else out * shape[a]
        return out

    # ---- leaves (an input is looked up by the runner; a constant's value is bound with the dims)
    def const(self, step):
        return step.attrs[0]

    def fill(self, step):
        return float(step.attrs[0])

    def eye(self, step):
        return self.xp.eye(step.shape[0])

    # ---- arithmetic (numpy's broadcasting is exactly the reduced values' meaning)
    def add(self, step, *terms):
        signs = step.attrs
        out = terms[0] if signs[0] > 0 else -terms[0]
        for sign, term in zip(signs[1:], terms[1:]):
            out = out + term if sign > 0 else out - term
        return out

    def scale(self, step, c, a):
        return c * a

    def mul(self, step, a, b):
        return a * b

    def power(self, step, a):
        p = step.attrs[0]
        if p == -1:
            return 1.0 / a
        if p == sympy.Rational(1, 2):
            return self.xp.sqrt(a)
        return a ** (int(p) if p.is_Integer else float(p))

    def f(self, step, a):
        return elementwise(self.backend, step.attrs[0], step.attrs[1])(a)

    def transpose(self, step, a):
        return a.T if getattr(a, "ndim", 0) == 2 else a

    def matmul(self, step, a, b):
        sa, sb = step.arg_shapes
        ra, rb = _shape(a), _shape(b)
        if ra == sa and rb == sb:
            return self.full(a, sa) @ self.full(b, sb)
        if ra != sa:
            if ra[1] == 1:                      # A = a𝟏ᵀ: AB = a (𝟏ᵀB)
                return self.xp.reshape(self.xp.asarray(a), ra) * self.total(b, sb, 0)
            return a @ self.full(b, sb)         # A = 𝟏aᵀ (a row): AB = 𝟏(aB)
        if rb[0] == 1:                          # B = 𝟏bᵀ: AB = (A𝟏)bᵀ
            return self.total(a, sa, 1) * self.xp.reshape(self.xp.asarray(b), rb)
        return a @ b                            # B = b𝟏ᵀ: AB = (Ab)𝟏ᵀ

    # ---- reductions and matrix functions
    def sum(self, step, a):
        (sa,) = step.arg_shapes
        axis = step.attrs[0]
        out = self.total(a, sa, axis)
        if axis is None:
            return out[0, 0]
        return out.T if axis == 0 else out

    def norm(self, step, a):
        (sa,) = step.arg_shapes
        return self.xp.sqrt(self.total(a * a, sa, None)[0, 0])

    def trace(self, step, a):
        return self.xp.trace(self.full(a, step.arg_shapes[0]))

    def det(self, step, a):
        return self.xp.linalg.det(self.full(a, step.arg_shapes[0]))

    def logdet(self, step, a):
        sign, value = self.xp.linalg.slogdet(self.full(a, step.arg_shapes[0]))
        return self.xp.where(sign > 0, value, self.xp.nan)  # log of a non-positive determinant has no real value

    def inv(self, step, a):
        return self.xp.linalg.inv(self.full(a, step.arg_shapes[0]))

    def diag(self, step, a):
        return self.xp.diag(self.full(a, step.arg_shapes[0])[:, 0])

    def diagonal(self, step, a):
        return self.xp.diagonal(self.full(a, step.arg_shapes[0]))[:, None]

    # ---- softmax and logsumexp from one max-shifted exponential
    def shifted_exp(self, step, z):
        z = self.full(z, step.shape)
        m = z.max(axis=step.attrs[0], keepdims=True)
        shifted = z - m
        e = self.xp.exp(shifted)
        return m, shifted, e, e.sum(axis=step.attrs[0], keepdims=True)

    def softmax(self, step, z, parts):
        _, _, e, s = parts
        return e / s

    def logsumexp(self, step, z, parts):
        m, _, _, s = parts
        out = m + self.xp.log(s)
        return out[0, 0] if step.attrs[0] == 0 else out
