"""The lecture's single neuron, derived step by step (run: python examples/derive_neuron.py).

L(ω, b) = ½(y − σ(ωx + b))² + λω²; prints ∂L/∂ω and ∂L/∂b line by line, then checks the
gradient against central finite differences at one point.  The notebook `examples/derive_neuron.ipynb`
is generated from this file by `python examples/make_notebooks.py`.
"""
from __future__ import annotations

# %%
from numeric import central_difference, compile_expression
from symbolic import derive
from symbolic.models import neuron_objective

# %% [markdown]
# ## The single neuron
#
# $z = \omega x + b$, $f(z) = \sigma(z)$ and
# $\mathcal{L}(\omega, b) = \frac{1}{2} (y - \sigma(\omega x + b))^2 + \lambda \omega^2$.
# Each line of the derivation names the rule it used.

# %%
objective = neuron_objective("sigmoid")
derivations = derive(objective, ["omega", "b"])
for derivation in derivations.values():
    print(derivation.to_text(), end="\n\n")

# %% [markdown]
# ## Checked numerically
#
# At the lecture's point, the derived gradient and central finite differences
# $\frac{\mathcal{L}(\theta + h e_i) - \mathcal{L}(\theta - h e_i)}{2h}$ agree:

# %%
variables = sorted(objective.expression.free_symbols, key=lambda s: s.name)
point = {"b": 0.1, "lambda": 0.01, "omega": 0.5, "x": 2.0, "y": 1.0}
values = [point[v.name] for v in variables]
loss = compile_expression(objective.expression, variables)
for name, derivation in derivations.items():
    exact = compile_expression(derivation.gradient, variables)(*values)
    numeric = central_difference(loss, values, [v.name for v in variables].index(name))
    print(f"∂L/∂{name} at {point}: derived {exact:.10f}, finite differences {numeric:.10f}")
