"""Update rules, one class each, and the ``UPDATES`` registry (L-BFGS lives in ``lbfgs.py``).

Each rule is ``init(theta) → state`` and ``step(theta, gradient, state) → (theta, state)``: the
lecture's w ← w − α∇L(w), with momentum, or Adam.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class GradientDescent:
    """w ← w − α ∇L(w), exactly as in the lecture."""

    learning_rate: float = 0.1

    def init(self, theta):
        return None

    def step(self, theta, gradient, state):
        return theta - self.learning_rate * gradient, state


@dataclass(frozen=True)
class Momentum:
    """v ← βv + ∇L(w); w ← w − αv (heavy ball)."""

    learning_rate: float = 0.1
    beta: float = 0.9

    def init(self, theta):
        return np.zeros_like(theta)

    def step(self, theta, gradient, velocity):
        velocity = self.beta * velocity + gradient
        return theta - self.learning_rate * velocity, velocity


@dataclass(frozen=True)
class Adam:
    """Adam (Kingma & Ba) with bias-corrected first and second moments."""

    learning_rate: float = 0.01
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8

    def init(self, theta):
        return (np.zeros_like(theta), np.zeros_like(theta), 0)

    def step(self, theta, gradient, state):
        m, v, t = state
        t += 1
        m = self.beta1 * m + (1 - self.beta1) * gradient
        v = self.beta2 * v + (1 - self.beta2) * gradient**2
        m_hat, v_hat = m / (1 - self.beta1**t), v / (1 - self.beta2**t)
        return theta - self.learning_rate * m_hat / (np.sqrt(v_hat) + self.eps), (m, v, t)


#: optimizer name → (update rule class, uses minibatches by default)
UPDATES = {"gd": (GradientDescent, False), "sgd": (GradientDescent, True),
           "momentum": (Momentum, False), "adam": (Adam, False)}
