"""The names an answer may use besides the loss's own: the inner names ``derive`` prints (z, a, ŷ) and
the student's own (``--where 'a = \\sigma(z)'``), each standing for an expression of the loss."""
from __future__ import annotations

import dataclasses

import sympy

from ..activations import ACTIVATIONS
from ..errors import ParseError
from ..names import symbol

_ACTIVATION_CLASSES = tuple(ACTIVATIONS.values())
#: the names a prediction goes by in answers (``\hat y`` reads as yhat or y_hat, ``a`` as Nielsen writes it)
PREDICTION_NAMES = ("yhat", "y_hat", "a")


def answer_hints(objective) -> tuple[tuple[sympy.Symbol, sympy.Expr], ...]:
    """The objective's hints, plus z, a and ŷ for a loss with one activation of one argument, plus ŷ for a model
    with one prediction; a name the loss already uses is never taken."""
    hints = list(getattr(objective, "hints", ()))
    loss = objective.expression
    taken = {s.name for s in loss.free_symbols if s.is_Symbol} | {str(b) for b in loss.atoms(sympy.IndexedBase)}
    taken |= {name.name for name, _ in hints}

    def add(name: str, inner: sympy.Expr) -> None:
        if name not in taken:
            hints.append((symbol(name), inner))
            taken.add(name)

    applications = {f for f in loss.atoms(sympy.Function) if isinstance(f, _ACTIVATION_CLASSES) and len(f.args) == 1}
    arguments = {f.args[0] for f in applications}
    if len(arguments) == 1 and not next(iter(arguments)).is_Symbol:
        add("z", next(iter(arguments)))
    outputs = tuple(getattr(objective, "outputs", ()) or ())
    if len(outputs) == 1:
        prediction = outputs[0]
    elif len(applications) == 1:
        prediction = next(iter(applications))
    else:
        prediction = None
    if prediction is not None and not prediction.is_Symbol:
        for name in PREDICTION_NAMES:
            add(name, prediction)
    return tuple(hints)


def with_definitions(objective, definitions):
    """The objective with the inner names a derivation printed (z₂ = 1 − y·tanh(z)) among its hints, so
    the compact form ``derive`` shows reads back; a name the loss or its hints already use is kept."""
    hints = list(getattr(objective, "hints", ()))
    # the lecture's names (z, a, ŷ: answer_hints) keep their meaning; derive's own only fill the gaps
    taken = {name.name for name, _ in answer_hints(objective)} | \
        {s.name for s in objective.expression.free_symbols if s.is_Symbol}
    extra = [(name, inner) for name, inner in definitions if name.name not in taken]
    return dataclasses.replace(objective, hints=tuple(hints + extra)) if extra else objective


def with_where(objective, answer: str, declarations, parse) -> tuple[object, str]:
    """The objective and answer with the student's names from ``--where 'NAME = EXPR'`` put in.

    Each NAME as written (``a_j^L``, ``\\delta``; spaces and braces do not matter) is replaced in the answer
    by a placeholder that the objective's hints define as EXPR, read by ``parse(text, objective)`` in the
    loss's names (and the names declared before it).
    """
    hints = list(getattr(objective, "hints", ()))
    for k, declaration in enumerate(declarations):
        left, sep, right = declaration.partition("=")
        if not sep or not left.strip() or not right.strip() or "=" in right:
            raise ParseError(f"--where takes NAME = EXPRESSION, e.g. --where 'a = \\sigma(z)', not {declaration!r}")
        placeholder = symbol(f"Xi{700 + k}")
        current = dataclasses.replace(objective, hints=tuple(hints))
        for earlier, (name_text, _) in enumerate(_declared(declarations[:k])):
            right = replace_written(right, name_text, f"(Xi{700 + earlier})")
        hints.append((placeholder, parse(right.strip(), current)))
        answer = replace_written(answer, left.strip(), f"(Xi{700 + k})")
    return dataclasses.replace(objective, hints=tuple(hints)), answer


def _declared(declarations):
    return [tuple(part.strip() for part in d.partition("=")[::2]) for d in declarations]


def replace_written(text: str, name: str, replacement: str) -> str:
    """``text`` with every occurrence of the written ``name`` replaced, ignoring spaces and braces
    (``a_{j}^{L}`` is ``a_j^L``); a name is not matched inside a longer word or command."""
    wanted = _squeeze(name)
    if not wanted:
        return text
    out, position = [], 0
    while position < len(text):
        end = _match_at(text, position, wanted)
        if end is not None and _boundary(text, position, end):
            out.append(f" {replacement} ")
            position = end
        else:
            out.append(text[position])
            position += 1
    return "".join(out)


def _squeeze(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c not in "{}")


def _match_at(text: str, position: int, wanted: str) -> int | None:
    k, j = 0, position
    while k < len(wanted):
        if j >= len(text):
            return None
        if text[j].isspace() or text[j] in "{}":
            if k == 0:
                return None
            j += 1
            continue
        if text[j] != wanted[k]:
            return None
        j, k = j + 1, k + 1
    # a brace that closes a group the name opened (a_{j}) belongs to the name
    while j < len(text) and text[j] == "}" and text[position:j].count("{") > text[position:j].count("}"):
        j += 1
    return j


def _boundary(text: str, start: int, end: int) -> bool:
    """The match is a whole name: not after a backslash or inside a word, not followed by more subscript."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before == "\\" or (before.isalpha() and text[start].isalpha()):
        return False
    if text[end - 1].isalpha() and after.isalpha() and not text[start] == "\\":
        return False
    return after not in "_^'" or text[end - 1] in "}"


def spelled_as_loss(expr: sympy.Expr, names) -> sympy.Expr:
    """The answer's symbols that the loss spells differently (``x_1`` typed for the loss's x1) as the loss's."""
    table = {}
    for s in expr.free_symbols:
        if s.is_Symbol and s.name not in names and "_" in s.name:
            candidate = names.get(s.name.replace("_", ""))
            if isinstance(candidate, sympy.Symbol):
                table[s] = candidate
    return expr.xreplace(table) if table else expr
