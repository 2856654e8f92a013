"""Gradient descent on the lecture's single neuron L(ω, b) = ½(y − σ(ωx + b))² + λω².

Derives ∂L/∂ω and ∂L/∂b step by step, checks that the derived formulas are the gradient the trainer
follows, trains by full-batch gradient descent w ← w − α∇L(w) on seeded synthetic data with λ = 0.01,
records the loss after every epoch through a callback, and saves the loss curve and the fitted neuron
as `examples/out/neuron_loss.png` and `examples/out/neuron_fit.png`.

Run from the repo root: `python examples/gradient_descent_neuron.py`.  The notebook
`examples/gradient_descent_neuron.ipynb` is generated from this file by `python examples/make_notebooks.py`.
"""
from __future__ import annotations

# %%
from pathlib import Path

import numpy as np

from numeric import compile_expression, compile_objective, train
from numeric.data import synthetic
from numeric.plots import fit_1d, loss_curve, save
from numeric.predict import predict_outputs
from symbolic import derive
from symbolic.models import neuron_objective

# the notebook runs in examples/, the script from the repo root: both write into examples/out/
OUT = Path("examples/out") if Path("examples").is_dir() else Path("out")
OUT.mkdir(exist_ok=True)  # pictures are written only into a folder that exists

# %% [markdown]
# ## Good models exist.  How do we find good models?  Gradient Descent!
#
# One neuron: $z = \omega x + b$, $f(z) = \sigma(z)$, and the loss with the regularizer on the weight only:
#
# $$\mathcal{L}(\omega, b) = \frac{1}{2} (y - \sigma(\omega x + b))^2 + \lambda \omega^2$$
#
# The chain rule gives $\frac{\partial \mathcal{L}}{\partial \omega}$ and $\frac{\partial \mathcal{L}}{\partial b}$,
# line by line:

# %%
neuron = neuron_objective()
derivations = derive(neuron, ["omega", "b"])
for derivation in derivations.values():
    print(derivation.to_text(), end="\n\n")

# %% [markdown]
# Note the minus sign: $\frac{\partial}{\partial \omega}(y - \sigma(\omega x + b)) = -\sigma'(\omega x + b)\cdot x$.
#
# ## The data
#
# 200 points $x$ with labels $y \in \{0, 1\}$ drawn with probability $\sigma(3x - 1)$ of being 1.
# The built-in neuron calls its input `x`; the data call it `x1`.

# %%
points = synthetic("logistic", n=200, seed=0, d=1, w=(3.0,), b=-1.0)
columns = {"x": points.columns["x1"], "y": points.y}
print(points, "truth:", points.truth, f"fraction of y = 1: {points.y.mean():.3f}")

# %% [markdown]
# ## The derived gradient is the one gradient descent follows
#
# Training minimizes the mean loss over the data, so $\nabla \mathcal{L}$ is the derived formula averaged
# over the 200 points.  Compare it with the trainer's compiled gradient at $\omega = 0.5$, $b = 0.1$:

# %%
LAMBDA = 0.01
variables = sorted(neuron.expression.free_symbols, key=lambda s: s.name)  # b, lambda, omega, x, y
at = {"omega": 0.5, "b": 0.1, "lambda": LAMBDA, **columns}
derived = [float(np.mean(compile_expression(derivations[name].gradient, variables)(*[at[v.name] for v in variables])))
           for name in ("omega", "b")]
compiled = compile_objective(neuron, constants={"lambda": LAMBDA})
_, trainer = compiled.value_and_grad(np.array([at["omega"], at["b"]]), compiled.batch(columns))
print(f"derived, averaged: ∂L/∂ω = {derived[0]:.10f}, ∂L/∂b = {derived[1]:.10f}")
print(f"trainer's:         ∂L/∂ω = {trainer[0]:.10f}, ∂L/∂b = {trainer[1]:.10f}")
assert np.allclose(derived, trainer, rtol=1e-9, atol=1e-12)

# %% [markdown]
# ## Gradient descent
#
# Repeat $w \leftarrow w - \alpha \nabla \mathcal{L}(w)$ (α the learning rate).  The trainer reports
# every epoch to its callbacks; ours records the loss.

# %%
recorded: list[float] = []


def record_loss(info) -> None:
    """Keep the loss of every epoch (the trainer calls this after each one)."""
    recorded.append(info.loss)


result = train(neuron, columns, constants={"lambda": LAMBDA}, optimizer="gd", learning_rate=1.0, epochs=300,
               callbacks=[record_loss])
print(f"{result.epochs} epochs ({result.stop_reason})")
for epoch in (1, 10, 30, 100, len(recorded)):
    print(f"  epoch {epoch:>3}: loss {recorded[epoch - 1]:.6f}")
learned = result.parameter_dict()
print(f"learned ω = {learned['omega']:.4f}, b = {learned['b']:.4f}")
assert recorded == list(result.loss_history) and recorded[-1] < recorded[0]

# %% [markdown]
# The squared loss and the penalty λω² keep ω smaller than the 3 the labels were drawn with.

# %%
print("saved", save(loss_curve(recorded, title="Single neuron: gradient descent, α = 1"), OUT / "neuron_loss.png"))
fit = fit_1d(columns["x"], columns["y"], lambda xs: predict_outputs(neuron, learned, {"x": np.ravel(xs)}),
             title=f"σ(ωx + b) with ω = {learned['omega']:.2f}, b = {learned['b']:.2f}")
print("saved", save(fit, OUT / "neuron_fit.png"))

# %% [markdown]
# ![loss curve](out/neuron_loss.png)
# ![fitted neuron](out/neuron_fit.png)
