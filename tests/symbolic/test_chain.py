"""Checking a whole derivation line by line: splitting, left-hand sides, derivative operators, the first wrong step."""
from __future__ import annotations

import time

import pytest
import sympy

from symbolic.activations import Sigmoid
from symbolic.check import check_derivation
from symbolic.check.chain import differentiate, looks_like_derivation, split_steps
from symbolic.errors import ParseError, UnsafeInputError
from symbolic.models import from_text, neuron_objective
from symbolic.names import symbol
from tests.system_tools import RUNAWAY_SECONDS

NEURON = neuron_objective()
SQUARE = from_text("(w*x - y)**2", ["w"])
CUBE = from_text("x**3", ["x"])
SIGMOID = from_text("sigmoid(x)", ["x"])
omega, b, x, y, lam, w = (symbol(n) for n in ("omega", "b", "x", "y", "lambda", "w"))
s = Sigmoid(omega * x + b)
TRUE_OMEGA = sympy.diff(NEURON.expression, omega)  # independent of derive()
S, P = r"\sigma(\omega x + b)", r"\sigma'(\omega x + b)"
D_OMEGA = r"\frac{\partial L}{\partial \omega}"
LECTURE = rf"\frac{{1}}{{2}}\cdot 2(y - {S})\cdot {P}\cdot x\cdot(-1) + 2\lambda\omega"
SLIP = rf"(y - {S}){P} x + 2\lambda\omega"  # the minus of ∂(y − σ)/∂ω lost
CHAIN_RULE = r"\frac{\partial L}{\partial z}\cdot\frac{\partial z}{\partial \omega}"


def verdicts(chain) -> list[str]:
    return [step.verdict for step in chain.steps]


# -- splitting ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("latex, steps", [
    ("a = b = c", ("a", "b", "c")),
    (r"\begin{align*} f'(x) &= 3x^2 \tag{1} \\ &= 3x \cdot x. \end{align*}", ("f'(x)", "3x^2", r"3x \cdot x")),
    (r"\begin{align} f'(x) &= 3x^2 \label{eq:one} \\ &= 3x \cdot x \nonumber \end{align}",
     ("f'(x)", "3x^2", r"3x \cdot x")),
    (r"\begin{aligned}[t] f'(x) &= 3x^2, \notag \\[4pt] &= 3x\cdot x; \end{aligned}", ("f'(x)", "3x^2", r"3x\cdot x")),
    (r"\begin{equation*} f'(x) = 3x^2 \tag*{(a)} \end{equation*}", ("f'(x)", "3x^2")),
    (r"$$ f'(x) = 3x^2 \quad \text{(power rule)} = 3x\cdot x $$", ("f'(x)", "3x^2", r"3x\cdot x")),
    (r"\[ f'(x) = 3x^2 \qquad \text{where } x = 2 \]", ("f'(x)", "3x^2")),
    (r"f'(x) = 3x^2 \quad (\text{with } x \neq 0)", ("f'(x)", "3x^2")),
    (r"f'(x) &= 3x^2 \quad \text{by the power rule} \\ &= \text{ReLU}(x)", ("f'(x)", "3x^2", r"\text{ReLU}(x)")),
    ("% from my notes\nf'(x) = % why\n 3x^2 % done", ("f'(x)", "3x^2")),
    (r"f'(x) = \\ & 3x^2 \\ &= 3 x \\ &\quad \cdot x", ("f'(x)", "3x^2", r"3 x \cdot x")),
    (r"f'(x) &= 3x \\ &\quad + 2x \\ &\quad - x", ("f'(x)", "3x + 2x - x")),
    (r"L = \mathbb{1}[y = 1] x = \sum_{i=1}^{n} x_i", ("L", r"\mathbb{1}[y = 1] x", r"\sum_{i=1}^{n} x_i")),
])
def test_split_steps(latex, steps):
    assert split_steps(latex) == steps


@pytest.mark.parametrize("latex, message", [
    ("= 2x", "starts with '='"),
    ("a == b", "empty step"),
    ("a = b =", "ends with '='"),
    (r"f'(x) = 3x^2 \\ 3x", "neither starts with '='"),
    (r"\begin{tikzpicture} a = b \end{tikzpicture}", "may only sit in"),
    (r"f'(x) = \tag{1", "unmatched"),
    (r"\quad \text{nothing}", "empty"),
])
def test_malformed_derivations_are_one_clear_error(latex, message):
    with pytest.raises(ParseError, match=message) as info:
        split_steps(latex)
    assert not isinstance(info.value, UnsafeInputError)


@pytest.mark.parametrize("answer, derivation", [
    ("2x", False), (r"\mathbb{1}[y = j] x", False), (r"\sum_{i=1}^{n} x_i", False), ("w = 2", False),
    ("a = b = c", True), (r"\frac{\partial L}{\partial w} = 2x", True), ("dw = 2x", True), ("f'(x) = 3x^2", True),
    ("x &= 2", True), (r"2x \\ 3", True), (r"\begin{align*} 2x \end{align*}", True),
])
def test_looks_like_derivation(answer, derivation):
    assert looks_like_derivation(answer) is derivation


# -- left-hand sides ------------------------------------------------------------------------------------

RIGHT = {"w": "2(wx - y)x", "x": "3x^2", "omega": r"-(y - \sigma(z))\sigma'(z)x + 2\lambda\omega"}


@pytest.mark.parametrize("objective, wrt, lhs", [
    (SQUARE, "w", r"\frac{\partial L}{\partial w}"),
    (SQUARE, "w", r"\frac{\partial \mathcal{L}}{\partial w}"),
    (SQUARE, "w", r"\dfrac{dL}{dw}"),
    (SQUARE, "w", r"\frac{\mathrm{d}L}{\mathrm{d}w}"),
    (SQUARE, "w", r"\frac{\partial L(w)}{\partial w}"),
    (SQUARE, "w", r"\frac{\partial}{\partial w} L"),
    (SQUARE, "w", r"\frac{\partial}{\partial w}\mathcal{L}(w)"),
    (SQUARE, "w", r"\partial_w L"),
    (SQUARE, "w", r"\partial_{w} \mathcal{L}"),
    (SQUARE, "w", r"\nabla_w L"),
    (SQUARE, "w", r"\nabla_{w} J(w)"),
    (SQUARE, "w", r"\partial L / \partial w"),
    (SQUARE, "w", "dL/dw"),
    (SQUARE, "w", "dw"),
    (SQUARE, "w", r"\mathrm{d}w"),
    (SQUARE, "w", "L'(w)"),
    (CUBE, "x", "f'(x)"),
    (CUBE, "x", r"f^{\prime}(x)"),
    (CUBE, "x", r"\ell'(x)"),
    (CUBE, "x", r"\frac{d}{dx} f(x)"),
    (CUBE, "x", r"\frac{d}{dx} f"),
    (CUBE, "x", r"\nabla f(x)"),
    (NEURON, "omega", D_OMEGA),
    (NEURON, "omega", r"d\omega"),
    (NEURON, "omega", r"\nabla_{\omega}\mathcal{L}(\omega, b)"),
])
def test_every_left_hand_side_notation_names_the_derivative(objective, wrt, lhs):
    chain = check_derivation(objective, wrt, f"{lhs} = {RIGHT[wrt]}")
    assert [step.latex for step in chain.steps] == [lhs, RIGHT[wrt]]
    assert verdicts(chain) == ["ok", "ok"] and chain.first_wrong_step is None
    assert chain.final_verdict == "correct" and chain.exit_code == 0


@pytest.mark.parametrize("lhs, detail", [
    (r"\frac{\partial L}{\partial b}", "differentiates by b, not ω"),
    (r"\partial_b L", "differentiates by b, not ω"),
    (r"\frac{\partial L}{\partial x}", "differentiates by x, not ω"),
    ("db", "differentiates by b, not ω"),
    (r"\frac{\partial L}{\partial \theta}", "the loss has no variable θ"),
    (r"\frac{\partial y}{\partial \omega}", "differentiates y, not the loss"),
])
def test_a_left_hand_side_for_the_wrong_parameter_is_the_first_wrong_step(lhs, detail):
    chain = check_derivation(NEURON, "omega", f"{lhs} = {RIGHT['omega']}")
    assert chain.steps[0].verdict == "wrong" and chain.first_wrong_step == 0
    assert chain.steps[0].diagnosis.kind == "other" and detail in chain.steps[0].diagnosis.detail
    assert chain.steps[0].diagnosis.term_latex == lhs
    # the right-hand side is ∂L/∂ω, but the student claims it is another derivative: not an answer
    assert chain.steps[1].verdict == "ok" and chain.final_verdict == "incorrect" and chain.exit_code == 1


def test_the_wrong_parameter_stands_for_its_own_derivative():
    # ∂L/∂b = (a correct ∂L/∂b): the step follows from its left-hand side, the final line is not ∂L/∂ω
    chain = check_derivation(NEURON, "omega", rf"\frac{{\partial L}}{{\partial b}} = -(y - {S}){P}")
    assert verdicts(chain) == ["wrong", "wrong"] and chain.steps[1].follows == "ok"
    assert chain.final_verdict == "incorrect" and chain.exit_code == 1
    ce = chain.steps[0].counterexample
    point = {symbol(k): sympy.Float(v, 15) for k, v in ce.point}
    assert float(ce.expected) == pytest.approx(float(TRUE_OMEGA.evalf(subs=point)), rel=1e-9)
    assert float(ce.answer) == pytest.approx(float(sympy.diff(NEURON.expression, b).evalf(subs=point)), rel=1e-9)


@pytest.mark.parametrize("objective, derivation, steps", [
    (SIGMOID, r"\sigma'(x) = \sigma(x)(1 - \sigma(x))", ["ok", "ok"]),    # the activation's derivative is the loss's
    (CUBE, r"\tanh'(x) = 3x^2", ["wrong", "ok"]),                          # ... and here it is not
    (SIGMOID, r"\sigma'(w) = \sigma(x)(1 - \sigma(x))", ["wrong", "ok"]),     # nor is the variable
])
def test_an_activation_prime_as_left_hand_side(objective, derivation, steps):
    chain = check_derivation(objective, "x", derivation)
    # the right-hand side is the derivative, but a wrong left-hand side makes the claim wrong
    assert verdicts(chain) == steps
    assert chain.final_verdict == ("correct" if steps[0] == "ok" else "incorrect")
    if steps[0] == "wrong":
        assert chain.steps[0].diagnosis.kind == "other" and "left-hand side" in chain.steps[0].diagnosis.detail


# -- derivative operators inside steps ----------------------------------------------------------------

@pytest.mark.parametrize("step", [
    r"\frac{\partial}{\partial w}(wx - y)^2",
    r"\frac{\partial}{\partial w}\left( wx - y \right)^2",
    r"\frac{d}{dw}\left[(wx - y)^2\right]",
    r"\frac{\partial (wx - y)^2}{\partial w}",
    r"\partial_w (wx - y)^2",
    r"\partial_{w}\big((wx - y)^2\big)",
    r"\partial / \partial w \, (wx - y)^2",
    r"2(wx - y)\cdot\frac{\partial}{\partial w}(wx - y)",
    r"2(wx - y)\,\partial_w(wx) - 2(wx - y)\frac{\partial y}{\partial w}",
    r"\frac{\partial}{\partial w} w^2x^2 - \frac{\partial}{\partial w} 2wxy + \frac{d}{dw} y^2",
])
def test_unevaluated_derivatives_are_taken_before_comparing(step):
    chain = check_derivation(SQUARE, "w", rf"\frac{{\partial L}}{{\partial w}} = {step} = 2x(wx - y)")
    assert verdicts(chain) == ["ok", "ok", "ok"] and chain.final_verdict == "correct"


@pytest.mark.parametrize("step, verdict", [
    (r"\frac{\partial}{\partial w}(wx - y)^2", "ok"),
    (r"(wx - y)^2", "wrong"),               # the operator is not dropped
    (r"\frac{\partial}{\partial x}(wx - y)^2", "wrong"),  # nor its variable ignored
])
def test_the_operator_line_itself_is_judged(step, verdict):
    chain = check_derivation(SQUARE, "w", rf"\frac{{\partial L}}{{\partial w}} = {step}")
    assert chain.steps[1].verdict == verdict


@pytest.mark.parametrize("objective, wrt, derivation, steps", [
    # the chain rule through the model's inner name z = ωx + b; the direct term 2λω is not in ∂L/∂z·∂z/∂ω
    (NEURON, "omega", rf"{D_OMEGA} = {CHAIN_RULE} + 2\lambda\omega = -(y - \sigma(z))\sigma'(z)\,x + 2\lambda\omega",
     ["ok", "ok", "ok"]),
    (NEURON, "omega", rf"{D_OMEGA} = {CHAIN_RULE}", ["ok", "wrong"]),
    # an operator inside a sum over the data: x_i in the operand is the loss's x[i]
    (from_text("Sum((y[i] - w*x[i])**2, (i, 1, n))/n", ["w"]), "w",
     r"\frac{\partial L}{\partial w} = \frac{1}{n}\sum_{i=1}^{n} \frac{\partial}{\partial w}(y_i - w x_i)^2 "
     r"= -\frac{2}{n}\sum_{i=1}^{n}(y_i - w x_i)x_i", ["ok", "ok", "ok"]),
])
def test_operators_through_inner_names_and_sums(objective, wrt, derivation, steps):
    chain = check_derivation(objective, wrt, derivation)
    assert verdicts(chain) == steps
    assert chain.final_verdict == ("correct" if steps[-1] == "ok" else "incorrect")


@pytest.mark.parametrize("expr, variable, hints, expected", [
    (Sigmoid(symbol("z")), symbol("z"), NEURON.hints, s * (1 - s)),                    # ∂σ(z)/∂z, z held
    (Sigmoid(symbol("z")), omega, NEURON.hints, s * (1 - s) * x),                      # ∂σ(z)/∂ω, z written out
    (NEURON.expression, symbol("z"), NEURON.hints, -(y - s) * s * (1 - s)),            # ∂L/∂z
    ((w * x - y) ** 2, w, (), 2 * x * (w * x - y)),
])
def test_differentiate_holds_inner_names(expr, variable, hints, expected):
    got = differentiate(expr, variable, hints).xreplace(dict(hints))
    assert sympy.simplify(got - expected) == 0
    point = {omega: 0.3, b: -0.2, x: 1.7, y: 0.4, w: 0.9, lam: 0.1}
    assert float(got.evalf(subs=point)) == pytest.approx(float(expected.evalf(subs=point)), rel=1e-12)


# -- the required chains -------------------------------------------------------------------------------

def _neuron(*lines: str) -> str:
    return rf"\begin{{align*}} {D_OMEGA} &= " + r" \\ &= ".join(lines) + r" \end{align*}"


CHAINS = {
    # (objective, wrt, derivation): (step verdicts, first wrong step, final verdict, first wrong diagnosis)
    "the lecture's single neuron": (
        NEURON, "omega", _neuron(LECTURE, rf"-(y - {S}){S}(1 - {S})x + 2\lambda\omega"),
        ["ok", "ok", "ok"], None, "correct", None),
    "the lecture's neuron through every operator": (
        NEURON, "omega", _neuron(
            rf"\frac{{\partial}}{{\partial \omega}}\left[\frac{{1}}{{2}}(y - {S})^2\right]"
            r" + \frac{\partial}{\partial\omega}\lambda\omega^2 \tag{1}",
            r"\frac12 \cdot 2 (y - \sigma(z)) \cdot \frac{\partial}{\partial \omega}\left(y - \sigma(z)\right)"
            r" + 2\lambda\omega"
            r" \quad\text{(chain rule)}",
            r"(y - \sigma(z))\cdot\left(-\sigma'(z)\, \frac{\partial z}{\partial \omega}\right) + 2\lambda\omega"
            r" \label{eq:chain}",
            r"-(y-\sigma(z))\sigma(z)(1-\sigma(z))x + 2\lambda\omega."),
        ["ok", "ok", "ok", "ok", "ok"], None, "correct", None),
    "a sign slip in the middle, carried to the end": (
        NEURON, "omega", _neuron(LECTURE, SLIP, rf"(y - {S}){S}(1 - {S})x + 2\lambda\omega"),
        ["ok", "ok", "wrong", "wrong"], 2, "incorrect", "sign"),
    "a wrong middle line with a right final line": (
        NEURON, "omega", _neuron(LECTURE, SLIP, rf"-(y - {S}){S}(1 - {S})x + 2\lambda\omega"),
        ["ok", "ok", "wrong", "ok"], 2, "correct", "sign"),
    "a square dropped by the chain rule": (
        NEURON, "omega", _neuron(
            rf"\frac{{\partial}}{{\partial\omega}}\left[\frac{{1}}{{2}}(y - {S})^2\right] + 2\lambda\omega",
            rf"\frac{{1}}{{2}}(y - {S})\cdot(-{P} x) + 2\lambda\omega",
            rf"-\frac{{1}}{{2}}(y - {S}){S}(1 - {S})x + 2\lambda\omega"),
        ["ok", "ok", "wrong", "wrong"], 2, "incorrect", "factor"),
    "a square wrongly kept by the chain rule": (
        NEURON, "omega", _neuron(
            rf"\frac{{\partial}}{{\partial\omega}}\left[\frac{{1}}{{2}}(y - {S})^2\right] + 2\lambda\omega",
            rf"\frac{{1}}{{2}}\cdot 2(y - {S})^2\cdot(-{P} x) + 2\lambda\omega",
            rf"-(y - {S})^2 {P} x + 2\lambda\omega"),
        ["ok", "ok", "wrong", "wrong"], 2, "incorrect", "other"),
    "a wrong denominator": (
        from_text("1/(1 + exp(-w*x))", ["w"]), "w",
        r"\frac{dL}{dw} = -\frac{1}{(1 + e^{-wx})^2}\cdot\frac{d}{dw}\left(1 + e^{-wx}\right) "
        r"= \frac{x e^{-wx}}{(1 + e^{-wx})^2} = \frac{x e^{-wx}}{1 + e^{-wx}}",
        ["ok", "ok", "ok", "wrong"], 3, "incorrect", "other"),
    "a correct chain through adding and subtracting 1": (
        SIGMOID, "x",
        r"\sigma'(x) = \frac{d}{dx}\frac{1}{1+e^{-x}} = \frac{e^{-x}}{(1+e^{-x})^2} "
        r"= \frac{1 + e^{-x} - 1}{(1 + e^{-x})^2} "
        r"= \frac{1}{1 + e^{-x}} - \frac{1}{(1+e^{-x})^2} = \sigma(x)(1 - \sigma(x))",
        ["ok"] * 6, None, "correct", None),
    "a correct chain through adding and subtracting 1, inside the operator": (
        from_text("w/(1 + w)", ["w"]), "w",
        r"\frac{d}{dw}\frac{w}{1+w} = \frac{d}{dw}\frac{1 + w - 1}{1 + w} = \frac{d}{dw}\left(1 - \frac{1}{1+w}\right) "
        r"= \frac{1}{(1+w)^2}",
        ["ok"] * 4, None, "correct", None),
    "a wrong first line without a left-hand side": (
        SQUARE, "w", "2(wx - y) = 2x(wx - y)", ["wrong", "ok"], 0, "correct", "factor"),
    "undecided steps are not wrong": (
        from_text("x**2", ["x"]), "x",
        r"f'(x) = 2x = \sqrt{-1 - x^2} = 2x", ["ok", "ok", "undecided", "ok"], None, "correct", None),
}


@pytest.mark.parametrize("name", list(CHAINS))
def test_the_required_chains(name):
    objective, wrt, latex, steps, first_wrong, final, kind = CHAINS[name]
    chain = check_derivation(objective, wrt, latex)
    assert verdicts(chain) == steps
    assert chain.first_wrong_step == first_wrong
    assert chain.final_verdict == final == chain.final.verdict
    assert chain.exit_code == {"correct": 0, "incorrect": 1, "undecided": 3}[final]
    if first_wrong is None:
        assert all(step.diagnosis is None for step in chain.steps if step.verdict == "ok")
    else:
        wrong = chain.steps[first_wrong]
        assert wrong.diagnosis.kind == kind
        assert float(wrong.counterexample.expected) != pytest.approx(float(wrong.counterexample.answer))


def test_the_sign_slip_is_named_and_its_counterexample_is_real():
    chain = check_derivation(NEURON, "omega", _neuron(LECTURE, SLIP))
    wrong = chain.steps[2]
    assert wrong.diagnosis.kind == "sign" and "wrong sign" in wrong.diagnosis.detail
    # both values recomputed independently: sympy.diff of the loss, and the student's line built by hand
    point = {symbol(k): sympy.Float(v, 15) for k, v in wrong.counterexample.point}
    student = (y - s) * s * (1 - s) * x + 2 * lam * omega
    assert float(wrong.counterexample.expected) == pytest.approx(float(TRUE_OMEGA.evalf(subs=point)), rel=1e-9)
    assert float(wrong.counterexample.answer) == pytest.approx(float(student.evalf(subs=point)), rel=1e-9)


def test_numeric_agreement_alone_never_passes_a_step():
    chain = check_derivation(CUBE, "x", r"f'(x) = 3x^2 = 3x^2 + 10^{-9} = 3x^2")
    assert verdicts(chain) == ["ok", "ok", "wrong", "ok"] and chain.first_wrong_step == 2
    assert chain.steps[2].diagnosis.kind == "extra_term"
    assert [s.follows for s in chain.steps] == [None, "ok", "wrong", "wrong"]
    assert chain.steps[3].note == "right again, but it does not follow from the step before"


# -- records -------------------------------------------------------------------------------------------

def test_terminal_json_and_markdown():
    chain = check_derivation(NEURON, "omega", _neuron(LECTURE, SLIP))
    lines = str(chain).splitlines()
    assert lines[:4] == [f"  0  ok     {D_OMEGA}", f"  1  ok     {LECTURE}", f"  2  wrong  {SLIP}",
                         "first wrong step: 2"]
    assert lines[4].startswith("  diagnosis: sign: the term (y - σ(ω·x + b))·σ(ω·x + b)·(1 - σ(ω·x + b))·x")
    assert lines[5].startswith("  counterexample: at b=") and ": expected " in lines[5]
    before, after = lines[5].split(": expected ")[1].split(", this step ")
    assert float(before) != float(after)
    assert lines[6] == "final: incorrect (numeric (24 points))"
    data = chain.to_json()
    assert set(data) >= {"steps", "first_wrong_step", "final_verdict"}
    assert [set(step) >= {"latex", "verdict", "diagnosis"} for step in data["steps"]] == [True] * 3
    assert data["first_wrong_step"] == 2 and data["final_verdict"] == "incorrect"
    assert data["steps"][0] == {"latex": D_OMEGA, "verdict": "ok", "follows": None, "note": None,
                                "diagnosis": None, "counterexample": None}
    assert [s["follows"] for s in data["steps"]] == [None, "ok", "wrong"]
    assert data["steps"][2]["diagnosis"]["kind"] == "sign"
    markdown = chain._repr_markdown_()
    assert markdown.startswith("| step | verdict | line |") and "**first wrong step: 2**" in markdown
    assert "**final: incorrect**" in markdown


# -- hostile input -------------------------------------------------------------------------------------

@pytest.mark.parametrize("latex, error, message", [
    (r"\frac{\partial L}{\partial w} = \input{/etc/passwd}", UnsafeInputError, r"\\input"),
    (r"dw = 2x \quad \text{see \input{notes}}", UnsafeInputError, r"\\input"),
    (r"\def\x{1} dw = 2x", UnsafeInputError, r"\\def"),
    (r"dw = 2x #1", UnsafeInputError, "#"),
    ("dw = " + "x + " * 50_000 + "x", UnsafeInputError, "characters long"),   # 200 KB
    ("dw = " + "x\n" * 10_000, UnsafeInputError, "lines"),                  # 10 000 lines, under 20 KB
    (r"dw = 2x \\ " * 150, UnsafeInputError, "lines"),
    ("= ".join(["2wx"] * 102), UnsafeInputError, "steps"),
    ("dw = " + "{" * 100 + "x" + "}" * 100, UnsafeInputError, "nested"),
    ("dw = " + r"\partial_w(" * 5 + "w" + ")" * 5, UnsafeInputError, "derivative operators"),
    ("dw = " + " + ".join([r"\partial_w(w)"] * 30), UnsafeInputError, "derivative operators"),
    (r"dw = \frac{\partial^2 L}{\partial w^2}", ParseError, "first derivatives"),
    (r"dw = \partial L", ParseError, "cannot read the derivative"),
    (r"dw = \frac{\partial}{\partial w}", ParseError, "nothing to differentiate"),
    (r"\frac{\partial L}{\partial w}", ParseError, "only its left-hand side"),
    (r"dw = 2x = 2t", ParseError, "step 2 .*the answer uses t"),
])
def test_hostile_or_broken_input_is_rejected_fast(latex, error, message):
    start = time.perf_counter()
    with pytest.raises(error, match=message):
        check_derivation(SQUARE, "w", latex)
    assert time.perf_counter() - start < RUNAWAY_SECONDS
