"""Every derived gradient, for every model × loss × activation, checked two independent ways:
against sympy.diff of the same objective, and against central finite differences."""
from __future__ import annotations

import numpy as np
import pytest
import sympy

from symbolic import derive
from symbolic.activations import SCALAR_ACTIVATIONS, Sigmoid
from symbolic.derive import Pending, Prime
from symbolic.models import MODELS, neuron_objective, objective
from symbolic.names import symbol
from tests.checks import concrete, finite_difference_matches, symbolically_equal

CASES = (
    [("linear", {"features": d}, loss, reg, risk)
     for d in (1, 2) for loss in ("squared", "hinge") for reg in ("none", "l2", "l1") for risk in (False, True)]
    + [("logistic", {"features": d}, loss, "l2", risk)
       for d in (1, 2) for loss in ("binary_cross_entropy", "squared") for risk in (False, True)]
    + [("softmax", {"features": d, "classes": k}, "cross_entropy", reg, risk)
       for d, k in ((1, 3), (2, 2)) for reg in ("none", "l2") for risk in (False, True)]
    + [("neuron", {"activation": a}, loss, reg, False)
       for a in SCALAR_ACTIVATIONS for loss in ("squared", "hinge") for reg in ("l2", "l1")]
    + [("neuron", {"activation": "sigmoid"}, "binary_cross_entropy", "l2", risk) for risk in (False, True)]
    + [("neuron", {"activation": a}, "squared", "l2", True) for a in ("sigmoid", "tanh", "relu")]
    + [("two_layer", {"activation": a, "features": 2, "hidden": 2, "biases": biases}, "squared", "l2", False)
       for a in SCALAR_ACTIVATIONS for biases in (False, True)]
)


def _id(case):
    model, kwargs, loss, reg, risk = case
    return "-".join([model, *(f"{k}={v}" for k, v in kwargs.items()), loss, reg] + (["risk"] if risk else []))


def build(case):
    model, kwargs, loss, reg, risk = case
    return objective(MODELS[model](**kwargs), loss, reg, empirical_risk=risk)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_gradient_equals_sympy_diff_and_finite_differences(case):
    obj = build(case)
    rng = np.random.default_rng(abs(hash(_id(case))) % 2**32)
    derivations = derive(obj)
    assert list(derivations) == [p.name for p in obj.parameters]
    for d in derivations.values():
        reference = sympy.diff(obj.expression, d.parameter).doit()
        assert symbolically_equal(d.gradient, reference), (d.parameter, d.gradient, reference)
        finite_difference_matches(obj.expression, d.gradient, d.parameter, rng)


def _at_random_point(expr, rng):
    expr_c, variables = concrete(expr)
    point = {v: sympy.Float(rng.uniform(-1.5, 1.5)) for v in variables}
    return complex(expr_c.xreplace(point).evalf(30))


@pytest.mark.parametrize("case", [c for c in CASES if not c[4]][::3], ids=_id)
def test_every_line_of_the_derivation_equals_the_gradient(case):
    obj = build(case)
    rng = np.random.default_rng(7)
    for d in derive(obj).values():
        assert d.steps, "a derivation has at least one line"
        for step in d.steps:
            line = d.substitute_names(step.expression).doit()
            assert not line.has(Pending) and not line.has(Prime)
            seed = rng.integers(1 << 30)
            value = _at_random_point(line, np.random.default_rng(seed))
            target = _at_random_point(d.gradient, np.random.default_rng(seed))
            assert value == pytest.approx(target, rel=1e-9, abs=1e-12), (step.rule, step.expression)


omega, b, x, y, lam = (symbol(n) for n in ("omega", "b", "x", "y", "lambda"))
z = symbol("z")


def test_the_neuron_is_derived_the_way_the_lecture_does_it():
    d = derive(neuron_objective(), ["omega"])["omega"]
    assert [s.rule for s in d.steps] == [
        "sum rule", "constant factor, power rule", "sum rule, constant factor, chain rule",
        "activation derivative, linear"]
    assert d.steps[2].definitions == ((z, omega * x + b),)
    s = Sigmoid(z)
    assert sympy.expand(d.compact - (2 * lam * omega - (y - s) * s * (1 - s) * x)) == 0
    latex = d.to_latex()
    assert r"\frac{1}{2} \cdot 2 \left(y - \sigma\!\left(z\right)\right)" in latex
    assert r"\sigma'\!\left(z\right) \cdot \frac{\partial z}{\partial \omega}" in latex
    assert r"\text{(sum rule, constant factor, chain rule, where $z = \omega x + b$)}" in latex
    text = d.to_text()
    assert "σ'(z)·∂z/∂ω" in text and "where z = ω·x + b" in text


def test_the_lectures_handwritten_lines_one_right_one_missing_a_sign():
    derivations = derive(neuron_objective(), ["omega", "b"])
    sig = Sigmoid(omega * x + b)
    sigma_prime = sig * (1 - sig)
    lecture_omega = sympy.Rational(1, 2) * 2 * (y - sig) * sigma_prime * x + 2 * lam * omega
    lecture_b = sympy.Rational(1, 2) * 2 * (y - sig) * sigma_prime * (-1)
    assert symbolically_equal(derivations["b"].gradient, lecture_b)
    # the notes drop the −1 from the inner derivative of (y − σ(ωx + b)) in the ω line
    assert not symbolically_equal(derivations["omega"].gradient, lecture_omega)
    assert symbolically_equal(derivations["omega"].gradient,
                              lecture_omega - 2 * (y - sig) * sigma_prime * x)


def test_compact_form_never_uses_exponentials():
    for a in ("sigmoid", "tanh"):
        for d in derive(neuron_objective(a)).values():
            assert not d.gradient.has(sympy.exp) and not d.compact.has(sympy.exp)


def test_softmax_cross_entropy_compact_form_is_prediction_minus_indicator():
    obj = objective(MODELS["softmax"](features=1, classes=3), "cross_entropy", "none")
    d = derive(obj, ["w1"])["w1"]
    yhat1, x_ = symbol("yhat1"), symbol("x")
    from symbolic.indicator import Indicator
    assert sympy.expand(d.compact - (yhat1 - Indicator(y, 1)) * x_) == 0


def test_regularizer_never_touches_biases():
    for name in ("linear", "logistic", "neuron"):
        obj = objective(MODELS[name](), "squared", "l2")
        grad_b = derive(obj, ["b"])["b"].gradient
        assert not grad_b.has(lam)


def test_unknown_parameter_is_a_clear_error():
    from symbolic.errors import DerivationError
    with pytest.raises(DerivationError, match="no variable 'theta'"):
        derive(neuron_objective(), ["theta"])
