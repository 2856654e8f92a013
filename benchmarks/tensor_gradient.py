"""Benchmark: compiled matrix objectives (numeric.tensor) against hand-written numpy of the same stable math.

Run: python benchmarks/tensor_gradient.py [--quick]
Prints, per case, the best-of-k time of the loss and every gradient computed by hand and by the
compiled program, the ratio compiled / hand-written (target ≤ 1.1), and the time to compile (parse,
derive, stabilize, lower) plus the first call.  Both sides work in float64 on the whole dataset and
are asserted equal first.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy.special import expit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_of  # noqa: E402

from numeric.tensor import compile_text  # noqa: E402


def _compiled(loss, shapes, wrt, values):
    """The compiled objective and the seconds from the text to a program (parse, gradients, lowering)."""
    start = time.perf_counter()
    compiled = compile_text(loss, shapes, wrt)
    return compiled, time.perf_counter() - start


def _agree(got, hand):
    loss, grads = got
    assert np.isclose(loss, hand[0], rtol=1e-10), (loss, hand[0])
    for g, h in zip(grads.values(), hand[1:]):
        assert np.allclose(g, h, rtol=1e-8, atol=1e-12)


def logistic_case(n, d, rng):
    X, y = rng.normal(size=(n, d)), rng.choice([-1.0, 1.0], size=n)
    w, lam = rng.normal(size=d) * 0.01, 0.01
    values = {"X": X, "y": y, "w": w, "lambda": lam}
    compiled, first = _compiled("sum(log(1 + exp(-y*(X@w))))/n + lambda*w@w", "X:n,d w:d y:n:pm1", ["w"], values)

    def hand():
        m = -y * (X @ w)
        return np.mean(np.logaddexp(0, m)) + lam * w @ w, -(X.T @ (y * expit(m))) / n + 2 * lam * w

    return f"logistic regression, n = {n}, d = {d}", hand, lambda: compiled.value_and_grad(values), first


def softmax_case(n, d, k, rng):
    X, Y = rng.normal(size=(n, d)), np.eye(k)[rng.integers(0, k, size=n)]
    W = rng.normal(size=(d, k)) * 0.01
    values = {"X": X, "Y": Y, "W": W}
    compiled, first = _compiled("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", ["W"], values)

    def hand():
        Z = X @ W
        Z = Z - Z.max(axis=1, keepdims=True)
        E = np.exp(Z)
        s = E.sum(axis=1, keepdims=True)
        return -np.sum(Y * (Z - np.log(s))) / n, X.T @ (E / s - Y) / n

    return f"softmax regression, n = {n}, d = {d}, k = {k}", hand, lambda: compiled.value_and_grad(values), first


def mlp_case(n, d, h, k, rng):
    X, Y = rng.normal(size=(n, d)), np.eye(k)[rng.integers(0, k, size=n)]
    W1, W2 = rng.normal(size=(d, h)) * 0.05, rng.normal(size=(h, k)) * 0.05
    values = {"X": X, "Y": Y, "W1": W1, "W2": W2}
    compiled, first = _compiled("-sum(Y*log(softmax(tanh(X@W1)@W2)))/n", "X:n,d Y:n,k:onehot W1:d,h W2:h,k",
                                ["W1", "W2"], values)

    def hand():
        A = np.tanh(X @ W1)
        Z = A @ W2
        Z = Z - Z.max(axis=1, keepdims=True)
        E = np.exp(Z)
        s = E.sum(axis=1, keepdims=True)
        D2 = (E / s - Y) / n
        D1 = (D2 @ W2.T) * (1 - A * A)
        return -np.sum(Y * (Z - np.log(s))) / n, X.T @ D1, A.T @ D2

    return (f"two-layer tanh net, n = {n}, d = {d}, h = {h}, k = {k}", hand,
            lambda: compiled.value_and_grad(values), first)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small sizes (for the test suite)")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    repeat = 3 if args.quick else 7
    n, d = (2_000, 64) if args.quick else (60_000, 784)
    cases = [logistic_case(n, d, rng), softmax_case(n, d, 10, rng), mlp_case(n, d, 32 if args.quick else 128, 10, rng)]
    print(f"{'case':56s} {'hand-written':>13s} {'compiled':>10s} {'ratio':>7s} {'compile':>9s}")
    for name, hand, ours, first in cases:
        _agree(ours(), hand())
        hand(), ours()
        # interleaved, so that a burst of other work on the machine slows both sides alike
        t_hand, t_ours = (min(times) for times in zip(*[(best_of(hand, 1), best_of(ours, 1)) for _ in range(repeat)]))
        print(f"{name:56s} {t_hand * 1e3:10.2f} ms {t_ours * 1e3:7.2f} ms {t_ours / t_hand:6.2f}x {first * 1e3:6.0f} ms")


if __name__ == "__main__":
    main()
