"""Benchmark: the compiled gradient against a hand-written numpy gradient of the same model.

Run: python benchmarks/gradient_numpy.py [--quick]
Prints, per case, the best-of-k time of each and the ratio compiled / hand-written (target ≤ 1.1),
and PyTorch's and JAX's ratios where they are installed.  Both sides compute the mean loss and every
gradient in float64 over the whole dataset.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy.special import expit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_of  # noqa: E402

from numeric.compile import compile_objective  # noqa: E402
from symbolic.models import MODELS, neuron_objective, objective  # noqa: E402




def neuron_case(n, rng):
    x, y = rng.normal(size=n), rng.uniform(size=n)
    lam, w, b = 0.01, 0.5, 0.1
    compiled = compile_objective(neuron_objective(), constants={"lambda": lam})
    batch = compiled.batch({"x": x, "y": y})
    theta = np.array([w, b])

    def hand():
        s = expit(w * x + b)
        r = y - s
        d = r * s * (1 - s)
        return 0.5 * np.mean(r * r) + lam * w * w, -np.mean(d * x) + 2 * lam * w, -np.mean(d)

    def ours():
        return compiled.value_and_grad(theta, batch)

    check = hand()
    got = ours()
    assert np.allclose([got[0], *got[1]], check, rtol=1e-10), (got, check)
    return "neuron σ(ωx+b), squared + λω², n = %d" % n, hand, ours, None


def logistic_case(n, d, rng):
    X = rng.normal(size=(n, d))
    y = (rng.uniform(size=n) < 0.5).astype(float)
    obj = objective(MODELS["logistic"](features=d), "binary_cross_entropy", "none")
    compiled = compile_objective(obj)
    batch = compiled.batch({**{f"x{j + 1}": X[:, j] for j in range(d)}, "y": y})
    batch.matrix([f"x{j + 1}" for j in range(d)])  # the data as the matrix, built once (not timed)
    w, b = rng.normal(size=d) * 0.01, 0.1
    theta = np.concatenate([w, [b]])

    def hand():
        z = X @ w + b
        loss = np.mean(np.logaddexp(0, -z) + (1 - y) * z)
        r = expit(z) - y
        return loss, X.T @ r / n, np.mean(r)

    def ours():
        return compiled.value_and_grad(theta, batch)

    check = hand()
    got = ours()
    assert np.allclose(got[0], check[0], rtol=1e-10) and np.allclose(got[1][:-1], check[1], rtol=1e-8, atol=1e-12)
    return f"logistic regression, d = {d}, n = {n}", hand, ours, (X, y, w, b)


def torch_time(case, data, repeat):
    try:
        import torch
    except ImportError:
        return None
    if data is None:
        return None
    X, y, w, b = (torch.tensor(a) if isinstance(a, np.ndarray) else a for a in data)
    w = w.clone().requires_grad_(True)
    bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)

    def run():
        w.grad = None
        bt.grad = None
        z = X @ w + bt
        loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
        loss.backward()
    return best_of(run, repeat)


def jax_time(data, repeat):
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:
        return None
    if data is None:
        return None
    jax.config.update("jax_enable_x64", True)
    X, y, w, b = (jnp.asarray(a) for a in data)

    def loss(w, b):
        z = X @ w + b
        return jnp.mean(jnp.logaddexp(0, -z) + (1 - y) * z)
    grad = jax.jit(jax.value_and_grad(loss, argnums=(0, 1)))
    jax.block_until_ready(grad(w, b))
    return best_of(lambda: jax.block_until_ready(grad(w, b)), repeat)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small sizes (for the test suite)")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    repeat = 3 if args.quick else 7
    cases = [neuron_case(20_000 if args.quick else 2_000_000, rng),
             logistic_case(2_000 if args.quick else 60_000, 64 if args.quick else 784, rng)]
    print(f"{'case':55s} {'hand-written':>13s} {'compiled':>10s} {'ratio':>7s}")
    for name, hand, ours, data in cases:
        ours()
        hand()
        t_hand, t_ours = best_of(hand, repeat), best_of(ours, repeat)
        print(f"{name:55s} {t_hand * 1e3:10.2f} ms {t_ours * 1e3:7.2f} ms {t_ours / t_hand:6.2f}x")
        for label, t in (("PyTorch (autograd)", torch_time(name, data, repeat)), ("JAX (jit)", jax_time(data, repeat))):
            if t is not None:
                print(f"{'  ' + label:55s} {'':13s} {t * 1e3:7.2f} ms {t / t_hand:6.2f}x")


if __name__ == "__main__":
    main()
