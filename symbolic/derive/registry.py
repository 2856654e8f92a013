"""The registry of differentiation rules: one small record per rule a derivation step may name.

A step names its rules by id (``"chain_rule"``); the record says how the rule is printed today
("chain rule", the phrase in brackets after a line), what it states (∂/∂w f(g(w)) = f'(g(w))·g'(w))
and why it holds, so a front end can show the rule next to the part of the line it rewrote.  An id
that is not registered here is an error where the step is built, never a silently printed string.

    >>> rule("power_rule").name
    'power rule'
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy


@dataclass(frozen=True)
class Rule:
    """One differentiation rule: its id, the phrase a step prints, and its statement."""

    id: str
    #: the phrase printed after a line: "chain rule"
    name: str
    statement_latex: str
    statement_unicode: str
    description: str = ""

    def to_json(self) -> dict:
        """``{"id", "name", "statement_latex", "statement_unicode", "description"}``."""
        return {"id": self.id, "name": self.name, "statement_latex": self.statement_latex,
                "statement_unicode": self.statement_unicode, "description": self.description}


_D = r"\frac{\partial}{\partial w}"

_RULES = (
    Rule("constant", "constant", rf"{_D} c = 0", "∂c/∂w = 0",
         "anything free of w (data, other parameters, λ) has derivative 0"),
    Rule("variable", "variable", r"\frac{\partial w}{\partial w} = 1", "∂w/∂w = 1",
         "the parameter itself has derivative 1"),
    Rule("linear", "linear", rf"{_D} \left(a w + c\right) = a", "∂/∂w (a·w + c) = a",
         "an expression linear in w has its slope as derivative, in one step"),
    Rule("sum_rule", "sum rule", rf"{_D} \left(u + v\right) = {_D} u + {_D} v", "∂/∂w (u + v) = ∂u/∂w + ∂v/∂w",
         "a sum is differentiated term by term; terms free of w vanish"),
    Rule("sum_over_data", "sum rule",
         rf"{_D} \sum_{{i}} f_{{i}} = \sum_{{i}} {_D} f_{{i}}", "∂/∂w Σᵢ fᵢ = Σᵢ ∂fᵢ/∂w",
         "the empirical risk is differentiated example by example"),
    Rule("constant_factor", "constant factor", rf"{_D} \left(c u\right) = c \, {_D} u", "∂/∂w (c·u) = c·∂u/∂w",
         "a factor free of w stays in front of the derivative"),
    Rule("product_rule", "product rule", rf"{_D} \left(u v\right) = {_D} u \cdot v + u \cdot {_D} v",
         "∂/∂w (u·v) = ∂u/∂w·v + u·∂v/∂w", "one term per factor, that factor differentiated"),
    Rule("power_rule", "power rule", rf"{_D} u^{{n}} = n u^{{n - 1}} \, {_D} u", "∂/∂w uⁿ = n·uⁿ⁻¹·∂u/∂w",
         "a power with an exponent free of w (with the chain rule when u is not w)"),
    Rule("exponential_rule", "exponential rule", rf"{_D} a^{{v}} = a^{{v}} \log a \, {_D} v",
         "∂/∂w aᵛ = aᵛ·log(a)·∂v/∂w", "a base free of w raised to a power that depends on w"),
    Rule("chain_rule", "chain rule", rf"{_D} f\left(g(w)\right) = f'\left(g(w)\right) \, {_D} g(w)",
         "∂/∂w f(g(w)) = f'(g(w))·∂g/∂w", "outer derivative at the inner expression, times the inner derivative"),
    Rule("activation_derivative", "activation derivative", r"\sigma'(z) = \sigma(z) \left(1 - \sigma(z)\right)",
         "σ'(z) = σ(z)·(1 − σ(z))", "the activation's own derivative (shown: the sigmoid's)"),
    # the matrix form of a network (rows are examples): what each equation of symbolic.matrix states
    Rule("forward_pass", "forward pass", r"Z^{(\ell)} = A^{(\ell-1)} W^{(\ell)} + \mathbf{1} b^{(\ell)\top},\ "
         r"A^{(\ell)} = f\left(Z^{(\ell)}\right)", "Z⁽ℓ⁾ = A⁽ℓ⁻¹⁾·W⁽ℓ⁾ + 1·b⁽ℓ⁾ᵀ, A⁽ℓ⁾ = f(Z⁽ℓ⁾)",
         "each layer from its parents: a matrix product, then the activation entry by entry"),
    Rule("loss_definition", "loss", r"\mathcal{L} = \frac{1}{n} \sum_i \ell\left(y_i, \hat{y}_i\right) + \lambda R(W)",
         "L = (1/n) Σᵢ ℓ(yᵢ, ŷᵢ) + λR(W)", "the mean loss over the rows, plus the penalty on the weights"),
    Rule("output_delta", "output δ", r"\delta^{(L)} = \frac{\partial \mathcal{L}}{\partial Z^{(L)}}",
         "δ⁽ᴸ⁾ = ∂L/∂Z⁽ᴸ⁾", "softmax with cross-entropy, or a linear output with squared error, give (Ŷ − Y)/n"),
    Rule("backprop_delta", "backward pass",
         r"\delta^{(\ell-1)} = \left(\delta^{(\ell)} W^{(\ell)\top}\right) \odot f'\left(Z^{(\ell-1)}\right)",
         "δ⁽ℓ⁻¹⁾ = (δ⁽ℓ⁾·W⁽ℓ⁾ᵀ) ⊙ f'(Z⁽ℓ⁻¹⁾)", "the chain rule through a layer: sum over children, then the activation"),
    Rule("weight_gradient", "weight gradient",
         r"\frac{\partial \mathcal{L}}{\partial W^{(\ell)}} = A^{(\ell-1)\top} \delta^{(\ell)} + 2\lambda W^{(\ell)}",
         "∂L/∂W⁽ℓ⁾ = A⁽ℓ⁻¹⁾ᵀ·δ⁽ℓ⁾ + 2λW⁽ℓ⁾", "every row's contribution summed by one matrix product"),
    Rule("bias_gradient", "bias gradient", r"\frac{\partial \mathcal{L}}{\partial b^{(\ell)}} = \delta^{(\ell)\top} \mathbf{1}",
         "∂L/∂b⁽ℓ⁾ = δ⁽ℓ⁾ᵀ·1", "a bias is added to every row: its gradient is the column sums of δ"),
)

def _function_rules() -> tuple[Rule, ...]:
    """One rule per function whose record states its derivative (the function registry is its home)."""
    from ..functions import BY_CLASS
    return tuple(Rule(f"derivative_of_{cls.__name__.lower()}", f"derivative of {cls.__name__}", *info.derivative,
                      f"the derivative of {cls.__name__}, outer part of the chain rule")
                 for cls, info in BY_CLASS.items() if info.derivative is not None)


_RULES += _function_rules()

#: id → rule; every rule a step names is one of these
REGISTRY: dict[str, Rule] = {r.id: r for r in _RULES}


def rule(rule_id: str | Rule) -> Rule:
    """The registered rule with this id (a Rule passes through if it is the registered one)."""
    if isinstance(rule_id, Rule):
        if REGISTRY.get(rule_id.id) != rule_id:
            raise ValueError(f"rule {rule_id.id!r} is not the registered one")
        return rule_id
    try:
        return REGISTRY[rule_id]
    except (KeyError, TypeError):
        raise ValueError(f"unknown rule {rule_id!r}; registered: {', '.join(REGISTRY)}") from None


def function_rule_id(application: sympy.Expr) -> str | None:
    """The id of the rule for the outer derivative of a function that is not an activation (None if none)."""
    rule_id = f"derivative_of_{type(application).__name__.lower()}"
    return rule_id if rule_id in REGISTRY else None
