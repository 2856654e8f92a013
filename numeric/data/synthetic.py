"""Seeded synthetic data for the lecture's examples: the same (n, seed, params) always gives the same data.

Each generator is ``(n, seed, **params) -> Dataset`` with features ``x1..xd`` and label ``y``; the true
parameters it used are in ``dataset.truth``.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from .dataset import Dataset

DEFAULT_N = 200


def _rng(n: int, seed: int) -> np.random.Generator:
    """The generator for ``seed`` (ValueError unless n ≥ 1 and seed ≥ 0 are whole numbers)."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive whole number, got {n!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a whole number ≥ 0, got {seed!r}")
    return np.random.default_rng(seed)


def _non_negative(name: str, value: float) -> float:
    """``value`` as a float (ValueError if negative)."""
    if value < 0:
        raise ValueError(f"{name} must be ≥ 0, got {value!r}")
    return float(value)


def _weights(rng: np.random.Generator, d: int, w: Sequence[float] | None, scale: float) -> np.ndarray:
    """The given weights, or d drawn from N(0, scale²) (ValueError if d or the length of w is wrong)."""
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 1:
        raise ValueError(f"d must be a positive whole number, got {d!r}")
    weights = scale * rng.standard_normal(d) if w is None else np.atleast_1d(np.asarray(w, dtype=float))
    if weights.shape != (d,):
        raise ValueError(f"w has {weights.size} entries, d is {d}")
    return weights


def _features(X: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    """Columns x1..xd from the n×d matrix, then y."""
    return {**{f"x{j + 1}": X[:, j] for j in range(X.shape[1])}, "y": y}


def _classes(k: int) -> tuple[float, ...]:
    """The labels 0.0 … k−1."""
    return tuple(float(c) for c in range(k))


def linear(n: int = DEFAULT_N, seed: int = 0, w: float = 2.0, b: float = -1.0, noise: float = 0.5) -> Dataset:
    """1-D regression: y = w·x + b + noise·ε, x uniform on [−3, 3], ε standard normal."""
    rng = _rng(n, seed)
    x = rng.uniform(-3.0, 3.0, n)
    y = w * x + b + _non_negative("noise", noise) * rng.standard_normal(n)
    return Dataset({"x1": x, "y": y}, target="y", name="linear",
                   truth={"w": float(w), "b": float(b), "noise": float(noise)})


def linear_d(n: int = DEFAULT_N, seed: int = 0, d: int = 3, noise: float = 0.1,
             w: Sequence[float] | None = None, b: float = 0.5) -> Dataset:
    """d-feature regression: y = w·x + b + noise·ε, x standard normal, w drawn from the seed unless given."""
    rng = _rng(n, seed)
    true_w = _weights(rng, d, w, scale=1.0)
    X = rng.standard_normal((n, d))
    y = X @ true_w + b + _non_negative("noise", noise) * rng.standard_normal(n)
    return Dataset(_features(X, y), target="y", name="linear_d",
                   truth={"w": tuple(true_w.tolist()), "b": float(b), "noise": float(noise)})


def logistic(n: int = DEFAULT_N, seed: int = 0, d: int = 2,
             w: Sequence[float] | None = None, b: float = 0.0) -> Dataset:
    """Binary labels from a logistic model: P(y = 1 | x) = σ(w·x + b), x standard normal."""
    rng = _rng(n, seed)
    true_w = _weights(rng, d, w, scale=2.0)
    X = rng.standard_normal((n, d))
    p = 0.5 * (1.0 + np.tanh(0.5 * (X @ true_w + b)))  # σ(z), without overflow for large |z|
    y = (rng.uniform(size=n) < p).astype(float)
    return Dataset(_features(X, y), target="y", name="logistic", classes=_classes(2),
                   truth={"w": tuple(true_w.tolist()), "b": float(b)})


def blobs(n: int = DEFAULT_N, seed: int = 0, k: int = 3, spread: float = 0.7, radius: float = 3.0) -> Dataset:
    """k round clusters in 2-D, centres evenly on a circle, as equal in size as n allows; labels 0..k−1."""
    rng = _rng(n, seed)
    if k < 2:
        raise ValueError(f"k must be at least 2, got {k!r}")
    angles = 2 * np.pi * np.arange(k) / k
    centers = radius * np.column_stack([np.cos(angles), np.sin(angles)])
    labels = rng.permutation(np.arange(n) % k)
    X = centers[labels] + _non_negative("spread", spread) * rng.standard_normal((n, 2))
    return Dataset(_features(X, labels.astype(float)), target="y", name="blobs", classes=_classes(k),
                   truth={"centers": tuple(map(tuple, centers.tolist())), "spread": float(spread)})


def xor(n: int = DEFAULT_N, seed: int = 0, spread: float = 0.35) -> Dataset:
    """XOR in 2-D: four clusters at (±1, ±1); label 1 where the signs of x1 and x2 differ."""
    rng = _rng(n, seed)
    corners = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0]])
    which = rng.permutation(np.arange(n) % 4)
    X = corners[which] + _non_negative("spread", spread) * rng.standard_normal((n, 2))
    y = (which >= 2).astype(float)  # the last two corners have signs that differ
    return Dataset(_features(X, y), target="y", name="xor", classes=_classes(2),
                   truth={"corners": tuple(map(tuple, corners.tolist())), "spread": float(spread)})


def step_function(n: int = DEFAULT_N, seed: int = 0, breakpoints: Sequence[float] = (-2.0, -0.5, 1.0, 2.0),
                  heights: Sequence[float] = (0.0, 1.5, 0.5, 2.0, 1.0), noise: float = 0.05) -> Dataset:
    """1-D regression on [−3, 3] whose target is a staircase: heights[i] between breakpoints i−1 and i."""
    rng = _rng(n, seed)
    edges, levels = np.asarray(breakpoints, dtype=float), np.asarray(heights, dtype=float)
    if levels.shape != (edges.size + 1,) or np.any(np.diff(edges) <= 0):
        raise ValueError("breakpoints must increase and heights must have one more entry than breakpoints")
    x = rng.uniform(-3.0, 3.0, n)
    y = levels[np.searchsorted(edges, x, side="right")] + _non_negative("noise", noise) * rng.standard_normal(n)
    return Dataset({"x1": x, "y": y}, target="y", name="step_function",
                   truth={"breakpoints": tuple(edges.tolist()), "heights": tuple(levels.tolist()),
                          "noise": float(noise)})


def sine(n: int = DEFAULT_N, seed: int = 0, frequency: float = 1.0, amplitude: float = 1.0,
         noise: float = 0.1) -> Dataset:
    """1-D regression: y = amplitude·sin(frequency·x) + noise·ε, x uniform on [−π, π]."""
    rng = _rng(n, seed)
    x = rng.uniform(-np.pi, np.pi, n)
    y = amplitude * np.sin(frequency * x) + _non_negative("noise", noise) * rng.standard_normal(n)
    return Dataset({"x1": x, "y": y}, target="y", name="sine",
                   truth={"frequency": float(frequency), "amplitude": float(amplitude), "noise": float(noise)})


#: name → generator ``(n, seed, **params) -> Dataset``
SYNTHETIC: dict[str, Callable[..., Dataset]] = {
    "linear": linear,
    "linear_d": linear_d,
    "logistic": logistic,
    "blobs": blobs,
    "xor": xor,
    "step_function": step_function,
    "sine": sine,
}


def synthetic(name: str, n: int = DEFAULT_N, seed: int = 0, **params: object) -> Dataset:
    """The synthetic dataset ``name`` (ValueError listing the known names).

    >>> synthetic("linear", n=3, seed=1).truth["w"]
    2.0
    """
    if name not in SYNTHETIC:
        raise ValueError(f"unknown synthetic dataset {name!r}; known: {', '.join(SYNTHETIC)}")
    return SYNTHETIC[name](n, seed, **params)


__all__ = ["SYNTHETIC", "synthetic", *SYNTHETIC]
