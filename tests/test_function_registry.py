"""One home per function: every registry entry works in every consumer.

For every activation: derive (against sympy.diff of its elementary form and central differences),
check (the derived answer typed as text and as LaTeX is "correct", a wrong one "incorrect"), graph
(the backward pass equals the derivation).  Every spelling either parser accepts can be evaluated
at high precision and compiled to numpy; every function entry has code for every backend.
"""
from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy

from numeric import central_difference, compile_expression
from symbolic import derive
from symbolic.activations import ACTIVATIONS, SCALAR_ACTIVATIONS
from symbolic.check import check
from symbolic.check.evaluate import Evaluator
from symbolic.functions import BACKENDS, BY_CLASS, FUNCTIONS, Function, Undefined, info_for
from symbolic.graph import build_graph, run_passes
from symbolic.latex_parse import LatexContext, parse_latex_answer
from symbolic.latex_parse.notation import FUNCTION_COMMANDS, FUNCTION_OPERATOR_NAMES
from symbolic.models import neuron, objective
from symbolic.parse import FUNCTIONS as TEXT_FUNCTIONS
from symbolic.parse import parse_expression
from tests.checks import almost_everywhere

NONLINEAR = sorted(n for n in SCALAR_ACTIVATIONS if n != "linear")
#: the activations PyTorch users expect, each added as one class plus one registry line
NEW = ("softplus", "leaky_relu", "elu", "gelu", "silu")
#: abstract functions: no value of their own (a stand-in is used in checks), no compiled code
ABSTRACT = ("sigma", "sigma_prime")
#: points away from every kink
POINTS = (-2.3, -0.4, 0.6, 1.7)


def test_the_pytorch_activations_are_registered():
    for name in NEW:
        assert name in ACTIVATIONS and name in FUNCTIONS and name in TEXT_FUNCTIONS
        assert FUNCTIONS[name].cls is ACTIVATIONS[name]


@pytest.mark.parametrize("name", NONLINEAR)
def test_derivative_matches_sympy_diff_of_the_elementary_form_and_finite_differences(name):
    z = sympy.Symbol("z", real=True)
    f = ACTIVATIONS[name](z)
    ours = sympy.diff(f, z)
    plain = sympy.diff(f.rewrite("elementary"), z)
    g = compile_expression(ours, [z])
    F = compile_expression(f, [z])
    for point in POINTS:
        assert float(ours.subs(z, point).rewrite("elementary")) == pytest.approx(float(plain.subs(z, point)), abs=1e-12)
        assert float(g(point)) == pytest.approx(central_difference(F, [point], 0), rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("name", NONLINEAR)
def test_mpmath_value_matches_the_elementary_form(name):
    z = sympy.Symbol("z", real=True)
    f = ACTIVATIONS[name](z)
    for point in POINTS:
        ours = Evaluator({z: mpmath.mpf(point)})(f)
        plain = f.rewrite("elementary").subs(z, point).evalf(30)
        assert float(ours) == pytest.approx(float(plain), rel=1e-14, abs=1e-15)


def _neuron_derivation(name):
    obj = objective(neuron(name), "squared", "l2")
    return obj, derive(obj, ["omega", "b"])


@pytest.mark.parametrize("name", NONLINEAR)
def test_derive_the_neuron_with_every_activation(name):
    obj, derivations = _neuron_derivation(name)
    variables = sorted(obj.expression.free_symbols, key=lambda s: s.name)
    f = compile_expression(obj.expression, variables)
    rng = np.random.default_rng(3)
    for p, d in derivations.items():
        assert sympy.simplify(almost_everywhere((d.gradient - sympy.diff(obj.expression, d.parameter))
                                                .rewrite("elementary"))) == 0
        g = compile_expression(d.gradient, variables)
        for _ in range(3):
            point = list(rng.uniform(-1.5, 1.5, size=len(variables)))
            exact = float(g(*point))
            numeric = central_difference(f, point, [v.name for v in variables].index(p))
            assert exact == pytest.approx(numeric, rel=1e-5, abs=1e-7)


@pytest.mark.parametrize("name", NONLINEAR)
def test_check_accepts_the_derived_answer_as_text_and_latex_and_refuses_a_wrong_one(name):
    obj, derivations = _neuron_derivation(name)
    gradient = derivations["omega"].gradient
    assert check(obj, "omega", str(gradient), notation="text").verdict == "correct"
    assert check(obj, "omega", sympy.latex(gradient), notation="latex").verdict == "correct"
    wrong = str(gradient - 2 * sympy.Symbol("lambda") * sympy.Symbol("omega"))  # forgot the 2λω
    assert check(obj, "omega", wrong, notation="text").verdict == "incorrect"


@pytest.mark.parametrize("name", NONLINEAR)
def test_graph_backward_pass_equals_the_derivation(name):
    obj, derivations = _neuron_derivation(name)
    point = {"omega": 0.7, "b": -0.2, "x": 1.3, "y": 0.4, "lambda": 0.1}
    passes = run_passes(build_graph(obj), point)
    variables = sorted(obj.expression.free_symbols, key=lambda s: s.name)
    values = [point[v.name] for v in variables]
    for p, adjoint in passes.gradient().items():
        exact = float(compile_expression(derivations[p].gradient, variables)(*values))
        assert adjoint == pytest.approx(exact, rel=1e-10, abs=1e-12)


def test_leaky_relu_slope_defaults_to_one_hundredth_and_can_be_given():
    z = sympy.Symbol("z", real=True)
    default, steep = parse_expression("leaky_relu(z)"), parse_expression("leaky_relu(z, 0.2)")
    zs = next(iter(default.free_symbols))
    assert float(Evaluator({zs: mpmath.mpf(-2)})(default)) == pytest.approx(-0.02)
    assert float(Evaluator({zs: mpmath.mpf(-2)})(steep)) == pytest.approx(-0.4)
    assert float(Evaluator({zs: mpmath.mpf(3)})(steep)) == pytest.approx(3)
    assert str(default) == "leaky_relu(z)" and parse_expression(str(steep)) == steep
    assert sympy.diff(ACTIVATIONS["leaky_relu"](z), z).subs(z, -1) == sympy.Rational(1, 100)


def _argument_values(info, rng):
    """Arguments in the function's domain: softmax's index first, indicator's class labels."""
    low = info.arity[0]
    if info.name == "softmax":
        return [1] + [float(v) for v in rng.uniform(-0.9, 0.9, size=2)]
    if info.name in ("indicator", "KroneckerDelta"):
        return [2, 2]
    return [float(v) for v in rng.uniform(-0.9, 0.9, size=low)]


def _info_of_spelling(spelling):
    return next(i for i in FUNCTIONS.values() if spelling in i.text_names)


#: every text spelling but the abstract σ's, which has no value of its own (checks use a stand-in)
CONCRETE_SPELLINGS = sorted(s for s in TEXT_FUNCTIONS if _info_of_spelling(s).name not in ABSTRACT)


@pytest.mark.parametrize("spelling", CONCRETE_SPELLINGS)
def test_every_text_spelling_evaluates_and_compiles(spelling):
    entry = TEXT_FUNCTIONS[spelling]
    info = _info_of_spelling(spelling)
    rng = np.random.default_rng(5)
    values = _argument_values(info, rng)
    names = [f"a{k}" for k in range(len(values))]
    args = ", ".join(names if info.name != "softmax" else ["1", *names[1:]])
    expr = parse_expression(f"{spelling}({args})")
    symbols = {s.name: s for s in expr.free_symbols}
    point = {symbols[n]: mpmath.mpf(v) for n, v in zip(names, values) if n in symbols}
    value = float(Evaluator(point)(expr))
    ordered = [symbols[n] for n in names if n in symbols]
    compiled = float(compile_expression(expr, ordered)(*[float(point[s]) for s in ordered]))
    assert compiled == pytest.approx(value, rel=1e-12, abs=1e-14)
    assert entry.min_args == info.arity[0]


def _key_of_head(head):
    return FUNCTION_COMMANDS.get(head[1:]) or FUNCTION_OPERATOR_NAMES[head[len(r"\operatorname{"):-1]]


#: every LaTeX spelling but the abstract σ's and softmax's (its subscripted head has tests of its own)
LATEX_SPELLINGS = sorted(h for h in {rf"\{w}" for w in FUNCTION_COMMANDS} |
                         {rf"\operatorname{{{w}}}" for w in FUNCTION_OPERATOR_NAMES}
                         if _key_of_head(h) not in (*ABSTRACT, "softmax"))


@pytest.mark.parametrize("head", LATEX_SPELLINGS)
def test_every_latex_spelling_evaluates_and_compiles(head):
    info = FUNCTIONS[_key_of_head(head)]
    values = _argument_values(info, np.random.default_rng(6))
    names = [f"a_{k}" for k in range(len(values))]
    a = sympy.IndexedBase("a")
    context = LatexContext({"a": a})
    expr = parse_latex_answer(f"{head}({', '.join(names)})", context)
    point = {a[k]: mpmath.mpf(v) for k, v in enumerate(values)}
    try:
        value = float(Evaluator(point)(expr))
    except Undefined:
        pytest.fail(f"{head} has no value at {values}")
    plain = expr.xreplace({a[k]: sympy.Float(v, 30) for k, v in enumerate(values)})
    assert float(plain.rewrite("elementary").evalf(30)) == pytest.approx(value, rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_entry_has_a_value_and_code_for_every_backend(name):
    info = FUNCTIONS[name]
    if info.cls is None:
        assert info.build is not None  # a spelling for other nodes (sqrt builds a power)
        return
    assert info_for(info.cls) is info and BY_CLASS[info.cls] is info
    if name in ABSTRACT:
        assert info.mpmath is None and info.numpy is None
        return
    assert info.mpmath is not None and info.latex and info.unicode and info.python
    for backend in BACKENDS:
        assert getattr(info, backend) is not None, (name, backend)


def test_a_function_without_code_says_so_in_one_line():
    from symbolic.functions import UnsupportedFunction
    from symbolic.functions.printing import printer_class
    from sympy.printing.numpy import NumPyPrinter

    class Bare(Function):
        name = "bare"
        nargs = 1

    z = sympy.Symbol("z")
    with pytest.raises(UnsupportedFunction, match="bare cannot be compiled for the numpy backend"):
        printer_class(NumPyPrinter, "numpy")().doprint(Bare(z))
    with pytest.raises(UnsupportedFunction, match="cannot evaluate Bare"):
        Evaluator({z: mpmath.mpf(1)})(Bare(z))
