"""Every activation: derivative in terms of itself, LaTeX, text, stable numpy code at ±1000."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy

from numeric import compile_expression
from symbolic.activations import ACTIVATIONS, SCALAR_ACTIVATIONS, ReLU, Sigmoid, SignStep, Softmax, Step, Tanh

z = sympy.Symbol("z", real=True)
NONLINEAR = {n: c for n, c in SCALAR_ACTIVATIONS.items() if n != "linear"}


@pytest.mark.parametrize("activation, derivative", [
    (Sigmoid, Sigmoid(z) * (1 - Sigmoid(z))),
    (Tanh, 1 - Tanh(z) ** 2),
    (ReLU, Step(z)),
    (Step, 0),
    (SignStep, 0),
])
def test_derivative_is_written_in_terms_of_the_activation(activation, derivative):
    assert sympy.diff(activation(z), z) == derivative


@pytest.mark.parametrize("name", sorted(NONLINEAR))
def test_derivative_agrees_with_the_elementary_form_almost_everywhere(name):
    f = NONLINEAR[name](z)
    ours = sympy.diff(f, z).rewrite("elementary")
    plain = sympy.diff(f.rewrite("elementary"), z)
    for point in (-2.5, -0.3, 0.7, 3.1):  # away from the kink at 0
        assert float(ours.subs(z, point)) == pytest.approx(float(plain.subs(z, point)), abs=1e-12)


def test_linear_is_the_identity():
    assert ACTIVATIONS["linear"](z) == z


@pytest.mark.parametrize("name", sorted(NONLINEAR))
def test_numpy_code_is_finite_and_silent_at_plus_minus_1000(name):
    f = compile_expression(NONLINEAR[name](z), [z])
    grid = np.array([-1000.0, -30.0, -1.0, 0.0, 1.0, 30.0, 1000.0])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        for dtype in (np.float64, np.float32):
            values = f(grid.astype(dtype))
            assert np.all(np.isfinite(values)) and values.dtype == dtype


@pytest.mark.parametrize("name", sorted(NONLINEAR))
def test_numpy_code_matches_high_precision_values(name):
    f = compile_expression(NONLINEAR[name](z), [z])
    for point in (-7.25, -0.5, 0.375, 4.0):
        exact = NONLINEAR[name](sympy.Rational(str(point))).evalf(40)
        assert f(np.float64(point)) == pytest.approx(float(exact), rel=1e-14)


def test_sigmoid_extremes_are_exact_limits():
    f = compile_expression(Sigmoid(z), [z])
    assert f(np.float64(-1000.0)) == 0.0 and f(np.float64(1000.0)) == 1.0 and f(np.float64(0.0)) == 0.5


@pytest.mark.parametrize("name, value_at_zero", [("relu", 0.0), ("step", 0.0), ("sign_step", 1.0), ("tanh", 0.0), ("sigmoid", 0.5)])
def test_value_at_zero_is_the_lectures_convention(name, value_at_zero):
    assert float(ACTIVATIONS[name](sympy.S.Zero)) == value_at_zero
    assert compile_expression(ACTIVATIONS[name](z), [z])(np.float64(0.0)) == value_at_zero


@pytest.mark.parametrize("name", sorted(NONLINEAR))
def test_prints_with_its_own_latex_and_text_name(name):
    cls = NONLINEAR[name]
    assert sympy.latex(cls(z)).startswith(cls.latex_name)
    assert sympy.sstr(cls(z)) == f"{name}(z)"


z1, z2, z3 = sympy.symbols("z1 z2 z3", real=True)


@pytest.mark.parametrize("i", [1, 2, 3])
@pytest.mark.parametrize("j", [1, 2, 3])
def test_softmax_jacobian(i, j):
    logits = (z1, z2, z3)
    yj = Softmax(j, *logits)
    expected = yj * ((1 if i == j else 0) - Softmax(i, *logits))
    assert sympy.expand(sympy.diff(yj, logits[i - 1]) - expected) == 0
    # and against the elementary form at a point
    point = {z1: 0.3, z2: -1.2, z3: 2.0}
    plain = sympy.diff(yj.rewrite("elementary"), logits[i - 1]).subs(point)
    assert float(expected.subs(point).rewrite("elementary")) == pytest.approx(float(plain), rel=1e-12)


def test_softmax_numpy_is_stable_and_sums_to_one():
    logits = (z1, z2, z3)
    fs = [compile_expression(Softmax(j, *logits), logits) for j in (1, 2, 3)]
    a = np.array([1000.0, -1000.0, 0.0, 3.0])
    b = np.array([-1000.0, 1000.0, 0.0, 1.0])
    c = np.array([0.0, 999.0, 0.0, -2.0])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise"):
        warnings.simplefilter("error")
        values = np.array([f(a, b, c) for f in fs])
    assert np.all(np.isfinite(values))
    np.testing.assert_allclose(values.sum(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(values[:, 0], [1.0, 0.0, 0.0], atol=1e-300)
    np.testing.assert_allclose(values[:, 2], 1 / 3, rtol=1e-12)
    exact = np.exp([3.0, 1.0, -2.0]) / np.exp([3.0, 1.0, -2.0]).sum()
    np.testing.assert_allclose(values[:, 3], exact, rtol=1e-13)


def test_softmax_rejects_a_bad_index():
    with pytest.raises(ValueError):
        Softmax(4, z1, z2, z3)
