"""Benchmark, one run, side by side: numpy backend, fused backend, hand-written numpy, PyTorch and
JAX-jit where installed, and the floor (reading the data once; for the MLP its matrix products alone).

Run: python benchmarks/backends.py [--quick]     (float64; best of k runs; compile costs reported)
Targets: fused ≤ 0.8× JAX-jit for the neuron and logistic regression, ≤ 1.0× for the MLP.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
from scipy.special import expit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mlp_numpy import hand_written  # noqa: E402
from timing import best_of as _best  # noqa: E402


def best_of(f, repeat):
    return _best(f, repeat, warm=True)

from numeric.backends import compile_with  # noqa: E402
from numeric.mlp import mlp_objective  # noqa: E402
from symbolic.matrix import MLPSpec  # noqa: E402
from symbolic.models import MODELS, neuron_objective, objective  # noqa: E402




def _jax():
    try:
        import jax
        import jax.numpy as jnp
        jax.config.update("jax_enable_x64", True)
        return jax, jnp
    except ImportError:
        return None, None


def _torch():
    try:
        import torch
        return torch
    except ImportError:
        return None


def neuron(n, repeat):
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=n), rng.uniform(size=n)
    lam, w, b = 0.01, 0.5, 0.1
    rows = {}
    for backend in ("numpy", "fused"):
        start = time.perf_counter()
        c = compile_with(backend, neuron_objective(), constants={"lambda": lam})
        compile_time = time.perf_counter() - start
        batch = c.batch({"x": x, "y": y})
        theta = np.array([w, b])
        rows[f"{backend} backend"] = (best_of(lambda: c.value_and_grad(theta, batch), repeat), compile_time)

    def hand():
        s = expit(w * x + b)
        r = y - s
        d = r * s * (1 - s)
        return 0.5 * np.mean(r * r) + lam * w * w, -np.mean(d * x) + 2 * lam * w, -np.mean(d)
    rows["hand-written numpy"] = (best_of(hand, repeat), 0.0)
    torch = _torch()
    if torch:
        tx, ty = torch.tensor(x), torch.tensor(y)
        tp = torch.tensor([w, b], dtype=torch.float64, requires_grad=True)

        def run():
            tp.grad = None
            s = torch.sigmoid(tp[0] * tx + tp[1])
            (0.5 * torch.mean((ty - s) ** 2) + lam * tp[0] ** 2).backward()
        rows["PyTorch"] = (best_of(run, repeat), 0.0)
    jax, jnp = _jax()
    if jax:
        jx, jy = jnp.asarray(x), jnp.asarray(y)
        g = jax.jit(jax.value_and_grad(lambda p: 0.5 * jnp.mean((jy - jax.nn.sigmoid(p[0] * jx + p[1])) ** 2)
                                       + lam * p[0] ** 2))
        jp = jnp.asarray([w, b])
        rows["JAX jit"] = (best_of(lambda: jax.block_until_ready(g(jp)), repeat), 0.0)
    rows["floor: read x and y once"] = (best_of(lambda: (np.add.reduce(x), np.add.reduce(y)), repeat), 0.0)
    return f"neuron σ(ωx+b), squared + λω², n = {n:,}", rows


def logistic(n, d, repeat):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(n, d))
    y = (rng.uniform(size=n) < 0.5).astype(float)
    w, b = rng.normal(size=d) * 0.01, 0.1
    obj = objective(MODELS["logistic"](features=d), "binary_cross_entropy", "none")
    cols = {**{f"x{j + 1}": X[:, j] for j in range(d)}, "y": y}
    rows = {}
    for backend in ("numpy", "fused"):
        start = time.perf_counter()
        c = compile_with(backend, obj)
        compile_time = time.perf_counter() - start
        batch = c.batch(cols)
        batch.matrix([f"x{j + 1}" for j in range(d)])
        theta = np.concatenate([w, [b]])
        rows[f"{backend} backend"] = (best_of(lambda: c.value_and_grad(theta, batch), repeat), compile_time)

    def hand():
        z = X @ w + b
        r = expit(z) - y
        return np.mean(np.logaddexp(0, -z) + (1 - y) * z), X.T @ r / n, np.mean(r)
    rows["hand-written numpy"] = (best_of(hand, repeat), 0.0)
    torch = _torch()
    if torch:
        tX, ty = torch.tensor(X), torch.tensor(y)
        tw, tb = torch.tensor(w, requires_grad=True), torch.tensor(b, dtype=torch.float64, requires_grad=True)

        def run():
            tw.grad = tb.grad = None
            torch.nn.functional.binary_cross_entropy_with_logits(tX @ tw + tb, ty).backward()
        rows["PyTorch"] = (best_of(run, repeat), 0.0)
    jax, jnp = _jax()
    if jax:
        jX, jy = jnp.asarray(X), jnp.asarray(y)

        def loss(p):
            z = jX @ p[:-1] + p[-1]
            return jnp.mean(jnp.logaddexp(0, -z) + (1 - jy) * z)
        g = jax.jit(jax.value_and_grad(loss))
        jp = jnp.asarray(np.concatenate([w, [b]]))
        rows["JAX jit"] = (best_of(lambda: jax.block_until_ready(g(jp)), repeat), 0.0)
    rows["floor: read X once"] = (best_of(lambda: np.add.reduce(X, axis=None), repeat), 0.0)
    return f"logistic regression, d = {d}, n = {n:,}", rows


def mlp(n, repeat):
    rng = np.random.default_rng(2)
    d, h, k = 784, 128, 10
    X = rng.normal(size=(n, d))
    labels = rng.integers(0, k, n)
    spec = MLPSpec.build((d, h, k), "sigmoid", "cross_entropy")
    rows = {}
    for backend in ("numpy", "fused"):
        start = time.perf_counter()
        m = mlp_objective(spec, 0.0, backend)
        compile_time = time.perf_counter() - start
        batch = m.batch(X, labels)
        theta = m.initial(0)
        rows[f"{backend} backend"] = (best_of(lambda: m.value_and_grad(theta, batch), repeat), compile_time)
    p = m.unflatten(theta)
    Y = batch.matrix(["Y"])

    def hand():
        return hand_written(X, Y, p["W1"], p["b1"], p["W2"], p["b2"])
    rows["hand-written numpy"] = (best_of(hand, repeat), 0.0)
    torch = _torch()
    if torch:
        tX, tY = torch.tensor(X), torch.tensor(labels)
        tp = {key: torch.tensor(v, requires_grad=True) for key, v in p.items()}

        def run():
            for v in tp.values():
                v.grad = None
            out = torch.sigmoid(tX @ tp["W1"] + tp["b1"]) @ tp["W2"] + tp["b2"]
            torch.nn.functional.cross_entropy(out, tY).backward()
        rows["PyTorch"] = (best_of(run, repeat), 0.0)
    jax, jnp = _jax()
    if jax:
        jX, jY = jnp.asarray(X), jnp.asarray(Y)

        def loss(q):
            out = jax.nn.sigmoid(jX @ q["W1"] + q["b1"]) @ q["W2"] + q["b2"]
            return -jnp.mean(jnp.sum(jY * jax.nn.log_softmax(out), axis=1))
        g = jax.jit(jax.value_and_grad(loss))
        jp = {key: jnp.asarray(v) for key, v in p.items()}
        rows["JAX jit"] = (best_of(lambda: jax.block_until_ready(g(jp)), repeat), 0.0)
    D1 = np.empty((n, h))
    rows["floor: its matrix products alone"] = (best_of(lambda: (X @ p["W1"], X.T @ D1, D1 @ p["W2"]), repeat), 0.0)
    return f"MLP 784-128-10 sigmoid, softmax cross-entropy, n = {n:,}", rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small sizes (for the test suite)")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, float64")
    cases = [neuron(20_000 if args.quick else 2_000_000, repeat),
             logistic(2_000 if args.quick else 60_000, 64 if args.quick else 784, repeat),
             mlp(1_000 if args.quick else 60_000, 3 if args.quick else 5)]
    for title, rows in cases:
        print(f"\n{title}")
        ref = rows.get("JAX jit", rows["hand-written numpy"])[0]
        ref_name = "JAX jit" if "JAX jit" in rows else "hand-written numpy"
        for name, (t, compile_time) in rows.items():
            extra = f"   (first compile {compile_time:.2f} s)" if compile_time > 0.05 else ""
            print(f"  {name:34s} {t * 1e3:9.2f} ms   {t / ref:5.2f}× {ref_name}{extra}")


if __name__ == "__main__":
    main()
