"""Check a whole hand derivation line by line: ``check_derivation(objective, "omega", latex)``.

One pass each: ``split_steps`` (align environments, ``\\tag``, ``\\label``, ``\\text`` remarks, punctuation,
``\\\\``, ``&`` and ``=`` → the steps as written) → ``_Reader`` (a first step such as ∂L/∂ω is the
left-hand side and names a derivative; operators such as ∂/∂θ(θx − y) are taken with sympy.diff before
the rest of the line goes to the LaTeX parser) → ``compare`` of each step with the one before it, the
left-hand side standing for the derivative it names, and of the last step with the true derivative.
Nothing is ever evaluated as code; the whole derivation is bounded in length, lines and operators.
"""
from __future__ import annotations


import sympy

from ..derive import derive
from ..errors import ParseError
from ..latex_parse.safety import precheck
from ..render.text import text as unicode_text
from .chain_records import STEP_VERDICTS, ChainVerdict, StepResult
from .records import Diagnosis, Verdict
from .verdict import CheckSettings, compare
from .chain_read import (  # noqa: F401
    _LeftHandSide,
    _Reader,
    differentiate,
)
from .chain_split import (  # noqa: F401
    _short,
    looks_like_derivation,  # re-exported for grade
    split_steps,
)

# -- checking -----------------------------------------------------------------------------------------

def check_derivation(objective, wrt: str, latex: str, settings: CheckSettings = CheckSettings(),
                     expected: sympy.Expr | None = None) -> ChainVerdict:
    """Each step of a LaTeX derivation of ∂L/∂``wrt`` against the step before it, and the last against the truth.

    >>> from symbolic.models import from_text
    >>> str(check_derivation(from_text("x**3", ["x"]), "x", r"f'(x) = 3x^2 = 3x \\cdot x")).splitlines()[-1]
    'final: correct (exact and numeric (24 points))'
    """
    steps = split_steps(latex)
    if expected is None:
        expected = derive(objective, [wrt])[wrt].gradient
    reader = _Reader(objective)
    truth_of = {str(s): s for s in objective.parameters} | reader.names
    if wrt not in truth_of:
        raise ValueError(f"the objective has no variable {wrt!r}")
    lhs = _read(steps[0], 0, reader.left_hand_side)
    if lhs is not None:
        if len(steps) == 1:
            raise ParseError(f"the derivation is only its left-hand side '{_short(steps[0])}'; write what it equals")
        value, first = _judge_left_hand_side(reader, lhs, steps[0], truth_of[wrt], expected, settings)
    else:
        value = _read(steps[0], 0, reader.value)
        first = _step(steps[0], expected, None, value, None, settings)
    results, values = [first], [value]
    for number, step in enumerate(steps[1:], start=1):
        values.append(_read(step, number, reader.value))
        # the step after a left-hand side follows from the derivative it names
        results.append(_step(step, expected, values[-2], values[-1], results[-1] if number > 1 else None,
                             settings))
    final = compare(expected, values[-1], settings)
    if lhs is not None and first.verdict == "wrong":  # ∂L/∂b when ∂L/∂ω was asked: not an answer to it
        final = Verdict("incorrect", expected, final.answer, "the left-hand side names another derivative",
                        first.diagnosis, first.counterexample, final.points_tested, how=final.how)
    first_wrong = next((k for k, r in enumerate(results) if r.verdict == "wrong"), None)
    return ChainVerdict(tuple(results), first_wrong, final.verdict, final)


def judge_left_hand_side(objective, wrt: str, latex: str, settings: CheckSettings = CheckSettings(),
                         expected: sympy.Expr | None = None) -> StepResult | None:
    """Whether ``latex`` (∂L/∂w, ∇_w L, dL/dw, ∂_w L) names the derivative by ``wrt`` (ok or wrong, as step 0 of
    a derivation is judged); None when it names no derivative."""
    reader = _Reader(objective)
    lhs = _read(latex, 0, reader.left_hand_side)
    if lhs is None:
        return None
    if expected is None:
        expected = derive(objective, [wrt])[wrt].gradient
    truth_of = {str(s): s for s in objective.parameters} | reader.names
    return _judge_left_hand_side(reader, lhs, latex, truth_of[wrt], expected, settings)[1]


def _read(step: str, number: int, read):
    """``read(step)`` after the answer parser's cheap limits, its errors saying which step they are in."""
    try:
        precheck(step)
        return read(step)
    except ParseError as error:
        raise type(error)(f"step {number} ({_short(step)}): {error}") from None


def _step(latex: str, expected: sympy.Expr, previous: sympy.Expr | None, value: sympy.Expr,
          before: StepResult | None, settings: CheckSettings) -> StepResult:
    """One step judged twice: against the truth, and against the step before it (``previous``; None for
    a first step).  An expression identical to the step before needs no test."""
    if before is not None and before.follows is not None and value == previous:
        return StepResult(latex, before.verdict, before.diagnosis, before.counterexample, "ok")
    truth = compare(expected, value, settings)
    if previous is None:
        follows = None
    elif value == previous:
        follows = "ok"
    else:
        follows = STEP_VERDICTS[compare(previous, value, settings).verdict]
    return StepResult(latex, STEP_VERDICTS[truth.verdict], truth.diagnosis, truth.counterexample, follows)


def _judge_left_hand_side(reader: _Reader, lhs: _LeftHandSide, latex: str, wrt: sympy.Expr, expected: sympy.Expr,
                          settings: CheckSettings) -> tuple[sympy.Expr, StepResult]:
    """The value a left-hand side stands for, and whether it is the derivative asked for.

    ∂L/∂b when ∂L/∂ω is asked stands for ∂L/∂b, so the next step is judged against what the student wrote;
    a left-hand side without a usable value (∂y/∂ω, a variable the loss lacks) stands for the true derivative.
    """
    variable = _read(lhs.variable, 0, reader.variable)
    if lhs.activation:
        if variable != wrt:
            return expected, _wrong(latex, f"the left-hand side differentiates by {unicode_text(variable)}, "
                                           f"not {unicode_text(wrt)}")
        value = _read(latex, 0, reader.value)
        if compare(expected, value, settings).verdict != "correct":
            return value, _wrong(latex, f"the left-hand side is {unicode_text(value)}, not the derivative of this loss")
        return value, StepResult(latex, "ok")
    if lhs.function and not reader.names_loss(lhs.function):
        return expected, _wrong(latex, f"the left-hand side differentiates {lhs.function}, not the loss")
    if variable == wrt:
        return expected, StepResult(latex, "ok")
    by = f"the left-hand side differentiates by {unicode_text(variable)}, not {unicode_text(wrt)}"
    if not (reader.loss.has(variable) or variable in dict(reader.hints)):
        return expected, _wrong(latex, f"{by}, and the loss has no variable {unicode_text(variable)}")
    value = differentiate(reader.loss, variable, reader.hints).xreplace(dict(reader.hints))
    counterexample = compare(expected, value, settings).counterexample
    return value, _wrong(latex, by, counterexample)


def _wrong(latex: str, detail: str, counterexample=None) -> StepResult:
    return StepResult(latex, "wrong", Diagnosis("other", detail, latex), counterexample)
