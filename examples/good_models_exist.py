"""Good models exist: sums of step bumps approximate a function as closely as we like.

A bump step(x − x_k) − step(x − x_{k+1}) is 1 on (x_k, x_{k+1}] and 0 elsewhere: two step neurons.
Weighting K bumps by the target's value at their middles approximates sin on [0, 2π]; this prints the
largest error for K = 2, 4, …, 128 bumps (it halves each time K doubles), saves the target and three
approximations as `examples/out/good_models_exist.png`, and fits the `step_function` staircase data
exactly with one step per breakpoint.

Run from the repo root: `python examples/good_models_exist.py`.  The notebook
`examples/good_models_exist.ipynb` is generated from this file by `python examples/make_notebooks.py`.
"""
from __future__ import annotations

# %%
from pathlib import Path

import numpy as np
import sympy
from matplotlib.figure import Figure

from numeric import compile_expression
from numeric.data import synthetic
from numeric.plots import save
from symbolic.activations import Step

# the notebook runs in examples/, the script from the repo root: both write into examples/out/
OUT = Path("examples/out") if Path("examples").is_dir() else Path("out")
OUT.mkdir(exist_ok=True)  # pictures are written only into a folder that exists

# %% [markdown]
# ## Do neural networks fit everything?
#
# How about this function?  Take the lecture's 0/1 step
# $\text{step}(x) = \begin{cases} 1 & \text{if } x > 0 \\ 0 & \text{else} \end{cases}$.
# The difference $\text{step}(x - x_1) - \text{step}(x - x_2)$ is a bump: 1 between $x_1$ and $x_2$,
# 0 elsewhere.  With $\sigma = \text{step}$ and $u_i = x - x_i$ it is $\sigma(u_1) - \sigma(u_2)$: two hidden
# neurons.  A sum of bumps $\sum_k c_k (\text{step}(x - x_k) - \text{step}(x - x_{k+1}))$, each as high as the
# target at its middle, is a one-hidden-layer network with step activations.

# %%
x = sympy.Symbol("x", real=True)


def bump_heights(target, low: float, high: float, count: int) -> list[tuple[float, float, float]]:
    """(c_k, x_k, x_{k+1}) for ``count`` equal pieces of [low, high], c_k = target at the middle."""
    edges = np.linspace(low, high, count + 1)
    return [(float(target((left + right) / 2)), float(left), float(right)) for left, right in zip(edges, edges[1:])]


def bumps(target, low: float, high: float, count: int) -> sympy.Expr:
    """Σ_k c_k·(step(x − x_k) − step(x − x_{k+1})) as one sympy expression."""
    return sympy.Add(*(sympy.Float(c) * (Step(x - sympy.Float(left)) - Step(x - sympy.Float(right)))
                       for c, left, right in bump_heights(target, low, high, count)))


print("four bumps, one per quarter of [0, 2π]:")
for c, left, right in bump_heights(np.sin, 0.0, 2 * np.pi, 4):
    print(f"  {c:+.4f}·(step(x - {left:.4f}) - step(x - {right:.4f}))")

# %% [markdown]
# ## More bumps, smaller error
#
# The largest error on a fine grid of $[0, 2\pi]$: halving the width of the bumps halves it.

# %%
grid = np.linspace(0.0, 2 * np.pi, 20_001)
approximations, errors = {}, []
print(f"{'bumps':>5}  {'max error':>9}")
for count in (2, 4, 8, 16, 32, 64, 128):
    approximations[count] = compile_expression(bumps(np.sin, 0.0, 2 * np.pi, count), [x])
    errors.append(float(np.max(np.abs(approximations[count](grid) - np.sin(grid)))))
    print(f"{count:>5}  {errors[-1]:>9.4f}")
assert all(later < earlier for earlier, later in zip(errors, errors[1:])), "the error must shrink"

# %%
fig = Figure(figsize=(6.4, 4.4), layout="constrained")
ax = fig.add_subplot()
ax.plot(grid, np.sin(grid), color="black", linewidth=2.5, label="target sin(x)")
for count, color in zip((4, 8, 32), ("tab:orange", "tab:green", "tab:blue")):
    ax.plot(grid, approximations[count](grid), color=color, linewidth=1.3, label=f"{count} bumps")
ax.set_title("Good models exist: sums of step bumps approximate sin")
ax.set_xlabel("x")
ax.set_ylabel("f(x)")
ax.grid(True, alpha=0.3)
ax.legend(loc="lower left")
print("saved", save(fig, OUT / "good_models_exist.png"))

# %% [markdown]
# ![target and approximations](out/good_models_exist.png)
#
# ## A staircase is a sum of steps, exactly
#
# The `step_function` data follow a staircase (plus a little noise).  One step per breakpoint, each as
# high as the jump there, reproduces it: what is left is the noise.

# %%
stairs = synthetic("step_function", n=200, seed=0)
breakpoints, heights = stairs.truth["breakpoints"], stairs.truth["heights"]
staircase = heights[0] + sympy.Add(*(sympy.Float(after - before) * Step(x - sympy.Float(t))
                                     for t, before, after in zip(breakpoints, heights, heights[1:])))
residual = compile_expression(staircase, [x])(stairs.columns["x1"]) - stairs.y
print("staircase:", staircase)
print(f"RMS error on the data {np.sqrt(np.mean(residual ** 2)):.4f} (noise {stairs.truth['noise']})")

# %% [markdown]
# Good models exist.  How do we find good models?  Gradient descent! (next: `gradient_descent_neuron`)
