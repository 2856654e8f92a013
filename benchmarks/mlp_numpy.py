"""Benchmark: the compiled matrix-form gradient of a 784-128-10 sigmoid MLP with softmax
cross-entropy on n synthetic rows (float64), against a hand-written numpy backprop of the same
network in the same run (target: compiled ≤ 1.0×), and PyTorch / JAX where installed.

Run: python benchmarks/mlp_numpy.py [--quick]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy.special import expit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_of  # noqa: E402

from numeric.mlp import MLPObjective  # noqa: E402
from symbolic.matrix import MLPSpec  # noqa: E402




def hand_written(X, Y, W1, b1, W2, b2):
    """The textbook numpy backprop, written by hand."""
    n = X.shape[0]
    Z1 = X @ W1
    Z1 += b1
    A1 = expit(Z1)
    Z2 = A1 @ W2
    Z2 += b2
    Z2 -= Z2.max(axis=1, keepdims=True)
    E = np.exp(Z2)
    S = E.sum(axis=1, keepdims=True)
    loss = -np.sum(Y * (Z2 - np.log(S))) / n
    D2 = (E / S - Y) / n
    gW2, gb2 = A1.T @ D2, D2.sum(axis=0)
    D1 = (D2 @ W2.T) * (A1 * (1 - A1))
    gW1, gb1 = X.T @ D1, D1.sum(axis=0)
    return loss, gW1, gb1, gW2, gb2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n, d, h, k = (2_000, 784, 128, 10) if args.quick else (60_000, 784, 128, 10)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, d))
    labels = rng.integers(0, k, n)
    model = MLPObjective(MLPSpec.build((d, h, k), "sigmoid", "cross_entropy"))
    batch = model.batch(X, labels)
    theta = model.initial(0)
    p = model.unflatten(theta)
    Y = batch.matrix(["Y"])
    ours_value, ours_grad = model.value_and_grad(theta, batch)
    ref = hand_written(X, Y, p["W1"], p["b1"], p["W2"], p["b2"])
    assert np.isclose(ours_value, ref[0], rtol=1e-12)
    assert np.allclose(ours_grad, np.concatenate([g.ravel() for g in ref[1:]]), rtol=1e-9, atol=1e-14)
    repeat = 3 if args.quick else 5
    t_hand = best_of(lambda: hand_written(X, Y, p["W1"], p["b1"], p["W2"], p["b2"]), repeat)
    t_ours = best_of(lambda: model.value_and_grad(theta, batch), repeat)
    t_mm = best_of(lambda: (X @ p["W1"], X.T @ np.empty((n, h))), repeat)
    print(f"784-128-10 sigmoid MLP, softmax cross-entropy, n = {n}, float64")
    print(f"  hand-written numpy backprop {t_hand * 1e3:8.1f} ms   1.00x")
    print(f"  compiled (symgrad)          {t_ours * 1e3:8.1f} ms   {t_ours / t_hand:.2f}x")
    print(f"  floor: the two big matrix products alone {t_mm * 1e3:8.1f} ms   {t_mm / t_hand:.2f}x")
    try:
        import torch
        tX, tY = torch.tensor(X), torch.tensor(labels)
        tp = {k2: torch.tensor(v, requires_grad=True) for k2, v in p.items()}

        def run_torch():
            for v in tp.values():
                v.grad = None
            out = torch.sigmoid(tX @ tp["W1"] + tp["b1"]) @ tp["W2"] + tp["b2"]
            torch.nn.functional.cross_entropy(out, tY).backward()
        t = best_of(run_torch, repeat)
        print(f"  PyTorch autograd            {t * 1e3:8.1f} ms   {t / t_hand:.2f}x")
    except ImportError:
        print("  PyTorch: not installed")
    try:
        import jax
        import jax.numpy as jnp
        jax.config.update("jax_enable_x64", True)
        jX, jY = jnp.asarray(X), jnp.asarray(Y)

        def loss(q):
            out = jax.nn.sigmoid(jX @ q["W1"] + q["b1"]) @ q["W2"] + q["b2"]
            return -jnp.mean(jnp.sum(jY * jax.nn.log_softmax(out), axis=1))
        g = jax.jit(jax.value_and_grad(loss))
        jp = {k2: jnp.asarray(v) for k2, v in p.items()}
        jax.block_until_ready(g(jp))
        t = best_of(lambda: jax.block_until_ready(g(jp)), repeat)
        print(f"  JAX jit                     {t * 1e3:8.1f} ms   {t / t_hand:.2f}x")
    except ImportError:
        print("  JAX: not installed")


if __name__ == "__main__":
    main()
