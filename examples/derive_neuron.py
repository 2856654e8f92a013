"""The lecture's single neuron, derived step by step (run: python examples/derive_neuron.py).

L(ω, b) = ½(y − σ(ωx + b))² + λω²; prints ∂L/∂ω and ∂L/∂b line by line, then checks the
gradient against central finite differences at one point.
"""
from __future__ import annotations

from numeric import central_difference, compile_expression
from symbolic import derive
from symbolic.models import neuron_objective

objective = neuron_objective("sigmoid")
derivations = derive(objective, ["omega", "b"])
for derivation in derivations.values():
    print(derivation.to_text(), end="\n\n")

variables = sorted(objective.expression.free_symbols, key=lambda s: s.name)
point = {"b": 0.1, "lambda": 0.01, "omega": 0.5, "x": 2.0, "y": 1.0}
values = [point[v.name] for v in variables]
loss = compile_expression(objective.expression, variables)
for name, derivation in derivations.items():
    exact = compile_expression(derivation.gradient, variables)(*values)
    numeric = central_difference(loss, values, [v.name for v in variables].index(name))
    print(f"∂L/∂{name} at {point}: derived {exact:.10f}, finite differences {numeric:.10f}")
