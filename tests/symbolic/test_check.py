"""The verdict machinery: never a false "correct", the lecture's typical mistakes named correctly."""
from __future__ import annotations

import time

import pytest
import sympy

from symbolic import derive
from symbolic.activations import Sigmoid, Tanh
from symbolic.check import CheckSettings, compare
from symbolic.check.exact import TIMEOUT, ZERO, is_zero_within
from symbolic.indicator import Indicator
from symbolic.models import MODELS, neuron_objective, objective
from symbolic.names import symbol

omega, b, x, y, lam = (symbol(n) for n in ("omega", "b", "x", "y", "lambda"))
s = Sigmoid(omega * x + b)
sp_ = s * (1 - s)
half = sympy.Rational(1, 2)
GRAD = derive(neuron_objective(), ["omega", "b"])
E_OMEGA, E_B = GRAD["omega"].gradient, GRAD["b"].gradient


@pytest.mark.parametrize("answer", [
    half * 2 * (y - s) * sp_ * x * (-1) + 2 * lam * omega,     # the lecture's form, with the sign
    (s - y) * s * (1 - s) * x + 2 * lam * omega,
    2 * lam * omega - x * (y - s) * s + x * (y - s) * s**2,    # expanded
    -(y - s) * x * sp_ + lam * omega * 2,
])
def test_correct_forms_of_the_neuron_gradient(answer):
    v = compare(E_OMEGA, answer)
    assert v.verdict == "correct" and v.diagnosis is None and v.counterexample is None
    assert "exact" in v.evidence


@pytest.mark.parametrize("expected, answer, kind, term", [
    (E_OMEGA, half * 2 * (y - s) * sp_ * x + 2 * lam * omega, "sign", r"x"),          # lost minus of (y − ŷ)'
    (E_OMEGA, -(y - s) * sp_ * x, "missing_term", r"2 \lambda \omega"),               # forgot 2λω
    (E_B, -(y - s) * sp_ + 2 * lam * b, "extra_term", r"2 \lambda b"),                # regularized the bias
    (E_OMEGA, -(y - s) * s * x + 2 * lam * omega, "other", r"\sigma"),                # wrong σ'
    (E_OMEGA, -(y - s) * sp_ + 2 * lam * omega, "factor", r"\sigma"),                 # missing chain factor x
    (E_OMEGA, -2 * (y - s) * sp_ * x + 2 * lam * omega, "factor", r"2"),              # a stray 2
    (E_OMEGA, (y - s) * sp_ * x - 2 * lam * omega, "sign", None),                     # whole answer negated
    (E_OMEGA, -(y - s) * sp_ * x + lam * omega, "factor", r"\lambda \omega"),         # λω instead of 2λω
])
def test_the_lectures_typical_mistakes_are_named(expected, answer, kind, term):
    v = compare(expected, answer)
    assert v.verdict == "incorrect"
    assert v.diagnosis.kind == kind, v.diagnosis
    if term:
        assert term in v.diagnosis.term_latex
    ce = v.counterexample
    assert ce is not None and float(ce.expected) != pytest.approx(float(ce.answer))


def test_the_whole_answer_negated_is_a_sign_error_on_the_whole():
    v = compare(E_OMEGA, -E_OMEGA)
    assert v.diagnosis.kind == "sign" and "whole answer" in v.diagnosis.detail


def test_numeric_agreement_alone_never_accepts_a_tiny_offset():
    v = compare(3 * x**2, 3 * x**2 + sympy.Rational(1, 10**9))
    assert v.verdict == "incorrect" and v.diagnosis.kind == "extra_term"


def test_sqrt_of_square_is_not_the_variable():
    v = compare(x, sympy.sqrt(x**2))
    assert v.verdict == "incorrect"
    assert float(v.counterexample.point[0][1]) < 0  # shown at a negative x


def test_points_where_a_side_is_undefined_are_skipped():
    # log(x) is undefined for x ≤ 0: those points are skipped, the rest decide
    v = compare(1 / x, sympy.diff(sympy.log(x), x) + 0 * x)
    assert v.verdict == "correct"
    v = compare(sympy.log(x), sympy.log(x) + x * 1e-30)
    assert v.verdict == "incorrect"


def test_undecided_when_almost_nowhere_defined():
    # both sides only defined for x in a tiny band: too few valid points and no exact proof
    weird = sympy.sqrt(-(x - sympy.Rational(1, 10**6)) * (x + sympy.Rational(1, 10**6)))
    v = compare(weird, weird + sympy.sin(weird) * 0 + sympy.Abs(weird) - weird)
    assert v.verdict in ("correct", "undecided")
    assert v.verdict != "incorrect"


def test_a_hanging_simplification_is_killed_and_numeric_evidence_decides():
    big = (x + y + b + omega + lam + 1) ** 30  # expanding this has 324,632 terms
    started = time.perf_counter()
    assert is_zero_within(big * (1 + x) - big - big * x, 0.5) == TIMEOUT
    assert time.perf_counter() - started < 5
    started = time.perf_counter()
    v = compare(big, big * (1 + x) - big * x, CheckSettings(exact_seconds=0.5))
    assert v.verdict == "correct" and "timed out" in v.evidence
    assert time.perf_counter() - started < 5
    w = compare(big, big * (1 + x) - big * x + x, CheckSettings(exact_seconds=0.5))
    assert w.verdict == "incorrect" and w.diagnosis.kind == "extra_term"


def test_exact_check_proves_a_rewritten_identity():
    assert is_zero_within(sympy.sin(x) ** 2 + sympy.cos(x) ** 2 - 1, 5) == ZERO


def test_generic_sigma_answer_with_abstract_derivative():
    from symbolic.generic import GenericSigma as sigma, SigmaPrime
    loss = half * (y - sigma(omega * x + b)) ** 2
    expected = sympy.diff(loss, omega)
    sigma_prime = SigmaPrime(omega * x + b)
    assert compare(expected, -(y - sigma(omega * x + b)) * sigma_prime * x).verdict == "correct"
    v = compare(expected, (y - sigma(omega * x + b)) * sigma_prime * x)
    assert v.verdict == "incorrect" and v.diagnosis.kind == "sign"


def test_softmax_answer_using_that_labels_are_classes():
    obj = objective(MODELS["softmax"](features=1, classes=3), "cross_entropy", "none")
    expected = derive(obj, ["w1"])["w1"].gradient
    yhat1 = obj.intermediates and [e for e, n in obj.intermediates.items() if n.name == "yhat1"][0]
    assert compare(expected, (yhat1 - Indicator(y, 1)) * x).verdict == "correct"
    assert compare(expected, (Indicator(y, 1) - yhat1) * x).diagnosis.kind == "sign"


def test_tanh_identity_is_accepted():
    z = omega * x + b
    assert compare(sympy.diff(Tanh(z), omega), x / sympy.cosh(z) ** 2).verdict == "correct"
    assert compare(sympy.diff(Tanh(z), omega), x * (1 - Tanh(z) ** 2)).verdict == "correct"
