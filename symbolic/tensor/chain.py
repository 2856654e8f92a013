"""Check a whole derivation of a vector or matrix gradient line by line (an align block, A = B = C).

The steps are split as for scalar derivations (``symbolic.check.chain_split``); a first step that is a
left-hand side (∂L/∂W, ∇_W L) must name the parameter asked for; every other step is read as a typed
expression and judged twice — against the true gradient and against the step before it — by the same
verdict as a single answer.  A step whose shapes do not fit is wrong with diagnosis ``shape``.
"""
from __future__ import annotations

import re

from ..check.chain_records import STEP_VERDICTS, ChainVerdict, StepResult
from ..check.chain_split import _short, split_steps
from ..check.records import Diagnosis
from ..errors import ParseError
from . import tree as t
from .answer import _parse_auto, only_known_names, question, where_names
from .shapes import ShapeError
from .verdict import TensorCheckSettings, TensorVerdict, compare

_LHS = re.compile(r"^\s*(?:\\frac\s*\{\s*\\partial\s*(?:\\mathcal\s*\{?\s*L\s*\}?|L|J|E|C|\\ell|f)\s*\}\s*"
                  r"\{\s*\\partial\s*(?P<a>.+?)\s*\}|\\nabla_\s*\{?(?P<b>[^{}]+?)\}?\s*(?:\\mathcal\s*\{?\s*L\s*\}?|L|J"
                  r"|E|C|\\ell|f)?(?:\s*\([^)]*\))?|(?:d|\\partial)\s*(?:L|J)\s*/\s*(?:d|\\partial)\s*(?P<c>\w+)"
                  r"|∂L/∂(?P<d>\w+))\s*$")


_BARE_NAME = re.compile(r"\\?[A-Za-z]+\s*(?:_\s*\{?\s*\w+\s*\}?)?\s*(?:\^\s*\{?\s*\(\s*\w+\s*\)\s*\}?)?")


def left_hand_side(step: str, wrt: str | None = None, variables=()) -> str | None:
    r"""The variable a step such as ∂L/∂W, ∇_w L, \nabla_{\mathbf{w}} J(w) names (``wrt`` for a bare ∇L),
    or None when the step is an expression."""
    m = _LHS.match(step)
    if m:
        return next(g for g in m.groups() if g)
    text = step.strip()
    nabla = re.match(r"\\nabla\s*(_\s*)?", text)
    if nabla:
        if nabla.group(1):
            group = _braced(text, nabla.end())
            variable, rest = (group[0], text[group[1]:]) if group else (text[nabla.end():nabla.end() + 1],
                                                                           text[nabla.end() + 1:])
        else:
            variable, rest = wrt, text[nabla.end():]
        return variable if _names_the_loss(rest) else None
    if text.startswith("\\frac"):
        top = _braced(text, len("\\frac"))
        bottom = _braced(text, top[1]) if top else None
        if bottom and not text[bottom[1]:].strip():
            n = re.match(r"^(?:\\partial|d)\s*(.*)$", top[0].strip(), re.S)
            d = re.match(r"^(?:\\partial|d)\s*(.*)$", bottom[0].strip(), re.S)
            if n and d and (_names_the_loss(n.group(1)) or _a_name_for_the_loss(n.group(1), variables)):
                return d.group(1)
    return None


def _a_name_for_the_loss(text: str, variables) -> bool:
    r"""∂φ/∂x, ∂\ell/∂w: one bare symbol that is none of the loss's own variables names the loss."""
    bare = text.strip()
    if not re.fullmatch(r"\\?[A-Za-z]+", bare) or (bare.startswith("\\") is False and len(bare) > 1):
        return False
    return bare.lstrip("\\") not in variables


def _names_the_loss(text: str) -> bool:
    r"""L, J(w), \mathcal{L}(\theta), \ell: a name for the loss, perhaps with its arguments."""
    bare = re.sub(r"\\(left|right)", "", text).strip()
    bare = re.sub(r"\(.*\)$", "", bare).strip()
    return bare.replace(" ", "") in {x.replace(" ", "") for x in _LOSS_NAMES} | {r"\mathcal{l}", r"\mathcal{J}"}


def _braced(text: str, start: int) -> tuple[str, int] | None:
    """The contents of the {…} group opening at ``start`` and the index after it."""
    if start >= len(text) or text[start] != "{":
        return None
    depth = 0
    for k in range(start, len(text)):
        depth += text[k] == "{"
        depth -= text[k] == "}"
        if depth == 0:
            return text[start + 1:k], k + 1
    return None


_LOSS_NAMES = {"L", "J", "E", "C", "f", r"\ell", r"\mathcal{L}", r"\mathcal L", r"\mathcal{J}"}


def operator_step(step: str) -> tuple[str, str] | None:
    found = _operator_step(step)
    return None if found is None or _names_the_loss(found[0]) else found


def _operator_step(step: str) -> tuple[str, str] | None:
    r"""(expression, variable) of a step that applies a derivative to an expression: ∇ₓ xᵀAx,
    \frac{\partial}{\partial x} xᵀa, \frac{\partial xᵀAx}{\partial x}; None for any other step."""
    text = step.strip()
    m = re.match(r"\\nabla_\s*", text)
    if m:
        group = _braced(text, m.end())
        variable, rest = (group[0], text[group[1]:]) if group else (text[m.end()], text[m.end() + 1:])
        rest = rest.strip()
        return (rest, variable) if rest and rest.strip("() ") not in _LOSS_NAMES else None
    if not text.startswith("\\frac"):
        return None
    top = _braced(text, len("\\frac"))
    bottom = _braced(text, top[1]) if top else None
    if not bottom:
        return None
    numerator, denominator, rest = top[0].strip(), bottom[0].strip(), text[bottom[1]:].strip()
    d = re.match(r"^(?:\\partial|d)\s*(.*)$", denominator)
    n = re.match(r"^(?:\\partial|d)\s*(.*)$", numerator, re.S)
    if not d or not n:
        return None
    inner = n.group(1).strip()
    if inner and not rest:
        return (inner, d.group(1)) if inner not in _LOSS_NAMES and not re.fullmatch(r"\w", inner) else None
    if not inner and rest:
        return rest, d.group(1)
    return None


def _variable(text: str) -> str:
    from .answer import _name_of
    return _name_of(re.sub(r"\\(mathbf|boldsymbol|bm|vec)\s*\{([^{}]*)\}", r"\2", text))


def _unreadable_left_side(step, shapes, names, objective, wrt) -> str | None:
    """A first step that names the derivative without a usable value — f', ∂ log p(x | μ, L)/∂x — stands for the
    true derivative (as in scalar derivations); the variable it names, or None."""
    if re.fullmatch(r"\s*[A-Za-z]\w*\s*'+\s*(\([^()]*\))?\s*", step):
        return wrt
    operated = operator_step(step)
    if operated is None:
        return None
    try:
        _differentiated(operated, shapes, names, objective, wrt, 0)
    except ParseError:
        return operated[1]
    return None


def _differentiated(operated, shapes, names, objective, wrt, number) -> t.Node:
    """The value of a step ∂/∂v (expression): the expression read, then differentiated by the engine."""
    from .engine import gradients
    expression, variable = operated
    name = _variable(variable)
    tree = only_known_names(_parse_auto(expression, shapes, names, "latex", wrt, objective), objective,
                            f"step {number}")
    if not tree.is_scalar:
        raise ParseError(f"step {number}: the derivative of a non-scalar expression is not a gradient")
    if name not in t.variables(tree):
        raise ParseError(f"step {number}: the expression does not depend on {name}")
    return gradients(tree, [name])[name]


def check_tensor_derivation(loss, shapes, wrt: str, latex: str, where=(),
                            settings: TensorCheckSettings = TensorCheckSettings()) -> ChainVerdict:
    """Each step of a derivation of ∂L/∂``wrt`` against the step before it, and the last against the truth."""
    shapes, objective, expected, names = question(loss, shapes, wrt)
    names = where_names(list(where), shapes, names, "auto", wrt, objective)
    from .latex_tokens import COMMANDS, derivative_spellings
    steps = split_steps(derivative_spellings(latex), COMMANDS | {"|", "mid"})
    if len(steps) >= 3 and _BARE_NAME.fullmatch(steps[0].strip()) and \
            left_hand_side(steps[1], wrt, set(t.variables(objective))) is not None:
        steps = steps[1:]  # δ₁ = ∂J/∂θ = …: the name the writer gives the derivative, then the derivative
    results: list[StepResult] = []
    values: list[t.Node | None] = []
    for number, step in enumerate(steps):
        named = left_hand_side(step, wrt, set(t.variables(objective))) if number == 0 else None
        if number == 0 and named is None and len(steps) > 1:
            named = _unreadable_left_side(step, shapes, names, objective, wrt)
        if named is not None:
            if len(steps) == 1:
                raise ParseError(f"the derivation is only its left-hand side '{_short(step)}'; write what it equals")
            variable = _variable(named)
            if variable != wrt:
                detail = f"the left-hand side differentiates by {variable}, not {wrt}"
                results.append(StepResult(step, "wrong", Diagnosis("other", detail, step)))
            else:
                results.append(StepResult(step, "ok"))
            values.append(expected)
            continue
        try:
            operated = operator_step(step)
            if operated is not None:
                value = _differentiated(operated, shapes, names, objective, wrt, number)
            else:
                value = only_known_names(_parse_auto(step, shapes, names, "auto", wrt, objective, expected.shape),
                                         objective,
                                         f"step {number}")
        except ShapeError as err:
            results.append(StepResult(step, "wrong", Diagnosis("shape", f"the shapes do not fit: {err}", step),
                                      follows="wrong" if values else None))
            values.append(None)
            continue
        except ParseError as err:
            raise type(err)(f"step {number} ({_short(step)}): {err}") from None
        truth = compare(expected, value, shapes, wrt, settings)
        previous = values[-1] if values else None
        if previous is None:
            follows = None if not values else "wrong"
        elif value == previous:
            follows = "ok"
        else:
            follows = STEP_VERDICTS[compare(previous, value, shapes, wrt, settings).verdict] \
                if previous.shape == value.shape else "wrong"
        results.append(StepResult(step, STEP_VERDICTS[truth.verdict], truth.diagnosis, truth.counterexample, follows))
        values.append(value)
    last = values[-1]
    if last is None:
        final = TensorVerdict("incorrect", wrt, expected, None, "shapes", results[-1].diagnosis)
    else:
        final = compare(expected, last, shapes, wrt, settings)
    if results[0].verdict == "wrong" and left_hand_side(steps[0], wrt, set(t.variables(objective))) is not None:
        final = TensorVerdict("incorrect", wrt, expected, last, "the left-hand side names another derivative",
                              results[0].diagnosis, answer_shape=final.answer_shape)
    first_wrong = next((k for k, r in enumerate(results) if r.verdict == "wrong"), None)
    return ChainVerdict(tuple(results), first_wrong, final.verdict, final)
