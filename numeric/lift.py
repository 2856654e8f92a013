"""Find the linear forms z = Σ_j w_j x_j + b of an objective, so they compile to one matrix product.

Backprop through a linear layer: the per-sample derivative ∂ℓ/∂z is computed once, and every weight's
gradient is the BLAS product Xᵀ·(∂ℓ/∂z)/n instead of one elementwise pass over the data per weight.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy


@dataclass(frozen=True)
class LinearForm:
    """z = Σ_j weights[j]·inputs[j] + bias, with weights parameters and inputs data columns."""

    symbol: sympy.Symbol
    expression: sympy.Expr
    weights: tuple[sympy.Symbol, ...]
    inputs: tuple[sympy.Symbol, ...]
    bias: sympy.Expr


def _as_form(add: sympy.Add, params: set, data: set):
    weights, inputs, rest = [], [], []
    for term in add.args:
        factors = term.as_ordered_factors() if term.is_Mul else [term]
        if len(factors) == 2 and {factors[0], factors[1]} & params and {factors[0], factors[1]} & data:
            p = factors[0] if factors[0] in params else factors[1]
            x = factors[1] if p is factors[0] else factors[0]
            if p in weights:
                return None
            weights.append(p)
            inputs.append(x)
        elif not (term.free_symbols & data):
            rest.append(term)
        else:
            return None
    if len(weights) < 2:
        return None  # a single product gains nothing from a matrix product
    return weights, inputs, sympy.Add(*rest)


def find_linear_forms(expr: sympy.Expr, params, data) -> tuple[sympy.Expr, tuple[LinearForm, ...]]:
    """The expression with each linear form replaced by a symbol, and the forms found.

    Only forms whose weights appear nowhere else in ``expr`` are lifted, so that the gradient of a
    weight is exactly the form's input times ∂ℓ/∂z.
    """
    params, data = set(params), set(data)
    forms: list[LinearForm] = []
    for add in sorted(expr.atoms(sympy.Add), key=lambda a: (-len(a.args), sympy.default_sort_key(a))):
        found = _as_form(add, params, data)
        if not found or any(add in f.expression.atoms(sympy.Add) or add == f.expression for f in forms):
            continue
        weights, inputs, bias = found
        if any(set(weights) & set(f.weights) for f in forms):
            continue
        z = sympy.Symbol(f"_z{len(forms)}", real=True)
        lifted = expr.xreplace({add: z})
        if lifted.free_symbols & set(weights):
            continue  # a weight also used outside the form: keep the plain path
        forms.append(LinearForm(z, add, tuple(weights), tuple(inputs), bias))
        expr = lifted
    return expr, tuple(forms)
