"""Nonlinear activations: every scalar activation plotted with its derivative, with its LaTeX.

For each activation σ of `symbolic.activations.SCALAR_ACTIVATIONS` this prints σ(z) in LaTeX, the
derivative sympy finds from the activation's own rule, the derivative as the lecture writes it, and a
check of σ' against central finite differences; it saves σ and σ' on [−5, 5] as
`examples/out/activation_<name>.png`.

Run from the repo root: `python examples/activations.py`.  The notebook `examples/activations.ipynb`
is generated from this file by `python examples/make_notebooks.py`.
"""
from __future__ import annotations

# %%
from pathlib import Path

import numpy as np
import sympy

from numeric import central_difference, compile_expression
from numeric.plots import activation_with_derivative, save
from symbolic.activations import SCALAR_ACTIVATIONS

# the notebook runs in examples/, the script from the repo root: both write into examples/out/
OUT = Path("examples/out") if Path("examples").is_dir() else Path("out")
OUT.mkdir(exist_ok=True)  # pictures are written only into a folder that exists

# %% [markdown]
# ## Nonlinear activations!
#
# $\sigma: \mathbb{R} \rightarrow \mathbb{R}$, applied to each entry: linear $\sigma(z) = z$,
# sigmoid $\sigma(z) = \frac{1}{1 + e^{-z}}$, $\tanh$, ReLU $\sigma(z) = \max(0, z)$, and two steps:
# $\text{step}(z) = 1$ if $z > 0$ else $0$, and the lecture's $\pm 1$ step
# ($1$ if $z \geq 0$, $-1$ else).  Softmax takes a whole vector, so it is not drawn here.
#
# Each activation is one sympy function carrying its derivative, so `sympy.diff` knows σ'.

# %%
z = sympy.Symbol("z", real=True)
probes = [-2.3, -0.4, 0.7, 1.9]  # away from z = 0, where the steps and ReLU have their kink
for name, activation in SCALAR_ACTIVATIONS.items():
    derivative = sympy.diff(activation(z), z)
    f = compile_expression(activation(z), [z])
    df = compile_expression(derivative, [z])
    slopes = np.broadcast_to(df(np.array(probes)), len(probes))
    numeric = [central_difference(f, [p], 0) for p in probes]
    assert np.allclose(slopes, numeric, atol=1e-6), name
    print(f"{name}:")
    print(f"  LaTeX      {sympy.latex(activation(z))}")
    print(f"  sympy.diff {derivative}")
    print(f"  lecture    {activation.derivative_note}")
    print(f"  σ' at {probes} agrees with finite differences")
    path = save(activation_with_derivative(f, df, name), OUT / f"activation_{name}.png")
    print(f"  saved {path}")

# %% [markdown]
# The pictures (in `examples/out/` once the cell above has run):
#
# ![linear](out/activation_linear.png)
# ![sigmoid](out/activation_sigmoid.png)
# ![tanh](out/activation_tanh.png)
# ![relu](out/activation_relu.png)
# ![step](out/activation_step.png)
# ![sign_step](out/activation_sign_step.png)
#
# The steps are flat everywhere except at 0, where they jump: their derivative is 0 wherever it
# exists, so gradient descent gets no signal through them.  That is why networks trained by gradient
# descent use sigmoid, tanh or ReLU instead.
