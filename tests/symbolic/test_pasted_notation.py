"""Notation pasted from notes and Q&A pages: Unicode, delimiters, words, indicators, piecewise blocks, names."""
from __future__ import annotations

import pytest
import sympy

from symbolic.activations import ACTIVATIONS, Sigmoid, Tanh
from symbolic.activations.step import Step
from symbolic.check import check
from symbolic.errors import ParseError
from symbolic.indicator import Indicator
from symbolic.latex_parse import LatexContext, parse_latex_answer
from symbolic.latex_parse.paste import clean_pasted
from symbolic.models import from_text
from symbolic.names import indexed, symbol

Relu = ACTIVATIONS["relu"]
w, b, x, y, z, lam, omega, sigma, mu = (symbol(n) for n in "w b x y z lambda omega sigma mu".split())
j = symbol("j")
X1 = indexed("x1")
i = sympy.Symbol("i", integer=True)
CONTEXT = LatexContext({s.name: s for s in (w, b, x, y, z, lam, omega, j)})
GAUSS = LatexContext({s.name: s for s in (x, mu, sigma)})
DATA = LatexContext({"x1": X1, "w": w})


@pytest.mark.parametrize("pasted, cleaned", [
    ("−(y − ŷ)·x + 2λw", r"-(y - \hat{y})\cdot x + 2\lambda w"),
    ("$2x$.", "2x"),
    ("$$2x$$", "2x"),
    (r"\(2x\)", "2x"),
    (r"\[2x\],", "2x"),
    ("2\u00a0x", "2 x"),
    ("x² ≥ 0", r"x^{2} \geq  0"),
])
def test_pasted_text_is_cleaned_to_plain_latex(pasted, cleaned):
    assert clean_pasted(pasted) == cleaned


@pytest.mark.parametrize("latex, context, expected", [
    ("−2λω", CONTEXT, -2 * lam * omega),
    ("σ(z)(1 − σ(z))", CONTEXT, Sigmoid(z) * (1 - Sigmoid(z))),
    (r"tanh(z) + sigmoid(z)", CONTEXT, Tanh(z) + Sigmoid(z)),
    ("2 lambda omega", CONTEXT, 2 * lam * omega),
    (r"\mathbb{1}[z > 0]", CONTEXT, Step(z)),
    (r"\mathbb{1}_{z>0}", CONTEXT, Step(z)),
    (r"\mathbf{1}\{z \geq 0\}", CONTEXT, sympy.Heaviside(z, 1)),
    (r"\mathbb{I}(z < 0)", CONTEXT, Step(-z)),
    (r"1(z \le 0)", CONTEXT, sympy.Heaviside(-z, 1)),
    (r"[z > 0]", CONTEXT, Step(z)),
    ("indicator(z > 0)", CONTEXT, Step(z)),
    ("(z > 0) x", CONTEXT, Step(z) * x),
    (r"\mathbb{1}[y \neq j]", CONTEXT, 1 - Indicator(y, j)),
    (r"\mathbb{1}[y = j]", CONTEXT, Indicator(y, j)),
    (r"H(z)", CONTEXT, Step(z)),
    (r"\text{ReLU}'(z)", CONTEXT, Step(z)),
    (r"relu(z)", CONTEXT, Relu(z)),
    (r"{1 \over 2} x", CONTEXT, x / 2),
    (r"\mathop{ReLU}(z)", CONTEXT, Relu(z)),
    (r"w^T x", CONTEXT, w * x),
    (r"\begin{cases} x & \text{if } z > 0 \\ 0 & \text{otherwise} \end{cases}", CONTEXT, x * Step(z)),
    (r"\frac{1}{\sigma}", GAUSS, 1 / sigma),
    ("σ²", GAUSS, sigma**2),
    (r"x_1[i]", DATA, X1[i]),
    (r"x^{(i)}_1", DATA, X1[i]),
    (r"x_{i1}", DATA, X1[i]),
    (r"x_{i,1}", DATA, X1[i]),
])
def test_real_notation_reads_as_the_loss_means_it(latex, context, expected):
    assert sympy.simplify(parse_latex_answer(latex, context) - expected) == 0


def test_a_piecewise_otherwise_row_takes_what_the_others_leave():
    value = parse_latex_answer(r"\begin{cases} 1 & z > 0 \\ -1 & \text{otherwise} \end{cases}", CONTEXT)
    assert value.subs(z, 2) == 1 and value.subs(z, -2) == -1


@pytest.mark.parametrize("answer, words", [
    (r"\begin{cases} x & z > 0 \text{ and } y > 0 \\ 0 & \text{otherwise} \end{cases}", "one comparison per row"),
    (r"\begin{cases} x & z > 0 \\ 0 & z < 0", r"\end{cases}"),
    (r"{1 \over", "braces"),
])
def test_what_is_not_understood_is_one_line_saying_what_to_write(answer, words):
    with pytest.raises(ParseError) as error:
        parse_latex_answer(answer, CONTEXT)
    assert words in str(error.value) and "\n" not in str(error.value)


NEURON = from_text("1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2", ["omega"])


@pytest.mark.parametrize("answer, verdict", [
    (r"\frac{\partial L}{\partial \omega} = (\sigma(z) - y)\sigma(z)(1-\sigma(z))x + 2\lambda\omega", "correct"),
    (r"\frac{\partial L}{\partial b} = (\sigma(z) - y)\sigma(z)(1-\sigma(z))x + 2\lambda\omega", "incorrect"),
    ("dL/domega = (a - y) a (1 - a) x + 2 lambda omega", "correct"),
    (r"\nabla_\omega L = (\hat y - y)\hat y (1 - \hat y) x + 2\lambda\omega", "correct"),
    (r"\partial_\omega L = \frac{1}{2}\cdot 2(\sigma(z) - y)\sigma'(z)x + 2\lambda\omega = (\sigma(z) - y)\sigma'(z)x + 2\lambda\omega",
     "correct"),
])
def test_a_left_hand_side_must_name_the_parameter_asked_for(answer, verdict):
    assert check(NEURON, "omega", answer).verdict == verdict


def test_where_declares_the_students_own_names():
    answer = r"(a_j^L - y)\,a_j^L(1 - a_j^L)\,x + 2\lambda\omega"
    assert check(NEURON, "omega", answer, where=(r"a_j^L = \sigma(\omega x + b)",)).verdict == "correct"


@pytest.mark.parametrize("loss", [
    r"\frac{1}{2}(y - \sigma(\omega x+b))^2 + \lambda \omega^2",
    "½(y − σ(ωx + b))² + λω²".replace("½", r"\frac{1}{2}"),
])
def test_a_loss_may_be_written_in_latex(loss):
    objective = from_text(loss, ["omega"])
    assert sympy.simplify(objective.expression - NEURON.expression) == 0
