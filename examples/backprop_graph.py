"""Back propagation on a computation graph: forward pass, backward pass, the sum over children.

Builds the graph of the single neuron L(ω, b) = ½(y − σ(ωx + b))² + λω², runs both passes at the
lecture's point ω = 0.5, b = 0.1, x = 2, y = 1, λ = 0.01 and prints every node's value, local derivatives
and adjoint ū = ∂L/∂u, then each backward sum term by term; checks the result against the step-by-step
derivation.  Then the lecture's f(u) = z(v(u), w(u)) with v = u², w = sin u, where u has two children.
Draws both graphs with Graphviz as `examples/out/neuron_graph.svg` and `examples/out/f_of_u_graph.svg`
(without Graphviz's `dot` it says so and goes on).

Run from the repo root: `python examples/backprop_graph.py`.  The notebook `examples/backprop_graph.ipynb`
is generated from this file by `python examples/make_notebooks.py`.
"""
from __future__ import annotations

# %%
import math
from pathlib import Path

import sympy

from numeric import compile_expression
from symbolic import SymgradError, derive
from symbolic.graph import build_graph, run_passes
from symbolic.graph.picture import render
from symbolic.graph.tables import text_table
from symbolic.models import Objective, neuron_objective

# the notebook runs in examples/, the script from the repo root: both write into examples/out/
OUT = Path("examples/out") if Path("examples").is_dir() else Path("out")
OUT.mkdir(exist_ok=True)  # pictures are written only into a folder that exists


def draw(passes, path: Path) -> None:
    """Render the passes with Graphviz, or say why not (the tables above hold the same numbers)."""
    try:
        print("drew", render(passes, path))
    except SymgradError as err:
        print(f"no picture: {err}")


# %% [markdown]
# ## The single neuron as a graph
#
# $z = \omega x + b$, $a = \sigma(z)$, $r = y - a$, $\mathcal{L} = \frac{1}{2} r^2 + \lambda \omega^2$.
#
# **Forward pass:** for each node, compute $v_i$ using $\text{Parents}(v_i)$.
#
# **Backward:** for each node $u$,
# $\frac{\partial \mathcal{L}}{\partial u} = \sum_{v \in \text{children}(u)} \frac{\partial \mathcal{L}}{\partial v} \cdot \frac{\partial v}{\partial u}$,
# starting from $\frac{\partial \mathcal{L}}{\partial \mathcal{L}} = 1$.
# $\omega$ has two children ($z$ and $\mathcal{L}$ itself, through $\lambda \omega^2$), so its adjoint is a sum of two terms.

# %%
neuron = neuron_objective()
point = {"omega": 0.5, "b": 0.1, "x": 2.0, "y": 1.0, "lambda": 0.01}
passes = run_passes(build_graph(neuron, ["omega", "b"]), point)
print(text_table(passes))

# %% [markdown]
# The backward pass gives the same numbers as the derivation
# $\frac{\partial \mathcal{L}}{\partial \omega} = 2\lambda\omega - (y - \sigma(z))\,\sigma(z)(1 - \sigma(z))\,x$:

# %%
variables = sorted(neuron.expression.free_symbols, key=lambda s: s.name)
values = [point[v.name] for v in variables]
for name, derivation in derive(neuron, ["omega", "b"]).items():
    derived = float(compile_expression(derivation.gradient, variables)(*values))
    backward = passes.gradient()[name]
    print(f"∂L/∂{'ω' if name == 'omega' else name}: backward pass {backward:.10f}, derivation {derived:.10f}")
    assert math.isclose(backward, derived, rel_tol=1e-12)

# %%
draw(passes, OUT / "neuron_graph.svg")

# %% [markdown]
# ![the neuron's graph](out/neuron_graph.svg)
#
# ## f(u) = z(v(u), w(u))
#
# With $v = u^2$ and $w = \sin u$, $f = v \cdot w$.  Every sympy operation is a node (`"full"` granularity);
# naming the inner expressions $v$ and $w$ makes the graph use the lecture's names, and `output="z"` names
# the top node $z$ as the lecture does.  $u$ has two children, so
# $\frac{\partial z}{\partial u} = \frac{\partial z}{\partial v} \cdot \frac{\partial v}{\partial u} + \frac{\partial z}{\partial w} \cdot \frac{\partial w}{\partial u}$,
# where $v = u^2$ alone would give $\frac{\partial \mathcal{L}}{\partial u} = \frac{\partial \mathcal{L}}{\partial v} \cdot \frac{\partial v}{\partial u}$
# with $\frac{dv}{du} = 2u$.

# %%
u, v, w = sympy.symbols("u v w", real=True)
f = Objective(u**2 * sympy.sin(u), parameters=(u,), data=(), name="f(u)", hints=((v, u**2), (w, sympy.sin(u))))
f_passes = run_passes(build_graph(f, ["u"], "full", output="z"), {"u": 1.0})
print(text_table(f_passes))

# %%
exact = sympy.diff(f.expression, u)
print(f"sympy.diff: df/du = {exact} = {float(exact.subs(u, 1.0)):.10f} at u = 1")
print(f"backward:   df/du = {f_passes.gradient()['u']:.10f}")
assert math.isclose(f_passes.gradient()["u"], float(exact.subs(u, 1.0)), rel_tol=1e-12)
draw(f_passes, OUT / "f_of_u_graph.svg")

# %% [markdown]
# ![the graph of f(u)](out/f_of_u_graph.svg)
