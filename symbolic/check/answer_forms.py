"""Answers pasted with more than the right-hand side: ``\\frac{\\partial L}{\\partial w} = …``, ``dL/dw = …``,
or a whole chain ``A = B = C`` — the left-hand side is checked to name the parameter asked for, as a
derivation's step 0 is, and a chain is checked as a derivation (its verdict is the final line's)."""
from __future__ import annotations

import dataclasses
import re

import sympy

from ..names import GREEK
from .records import Verdict

#: a Greek letter spelled out in a typed left-hand side (dL/domega)
_GREEK_WORD = re.compile(r"(?:(?<=\bd)|(?<![\\A-Za-z]))(%s)(?![A-Za-z])" % "|".join(sorted(GREEK, key=len, reverse=True)))


def split_sides(answer: str) -> list[str]:
    """``answer`` split at each ``=`` outside brackets, braces and ``\\begin … \\end`` blocks (not ``<=``, ``==``)."""
    return _split(answer)


def _split(text: str, skip_blocks: bool = False) -> list[str]:
    parts, depth, start, block = [], 0, 0, 0
    position = 0
    while position < len(text):
        if text.startswith("\\begin", position):
            block += 1
        elif text.startswith("\\end", position):
            block -= 1
        char = text[position]
        if char == "\\" and position + 1 < len(text) and text[position + 1] in "{}[]()":
            position += 2
            continue
        if char in "{([":
            depth += 1
        elif char in "})]":
            depth = max(depth - 1, 0)
        elif char == "=" and depth == 0 and block <= 0 and text[position - 1:position] not in "<>!" \
                and text[position + 1:position + 2] != "=":
            parts.append(text[start:position])
            start = position + 1
        position += 1
    return parts + [text[start:]]


def check_with_sides(objective, wrt: str, answer: str, check_one, settings, expected: sympy.Expr) -> Verdict | None:
    """The verdict on an answer written with a left-hand side or as a chain; None when it has no ``=``.

    ``check_one(text)`` judges one right-hand side (the ordinary answer check).
    """
    from .chain import check_derivation, judge_left_hand_side  # chain reads steps with answer.py's helpers
    sides = [s.strip() for s in split_sides(answer)]
    if len(sides) < 2 or not all(sides):
        return None
    from .answer_names import answer_hints
    if dataclasses.is_dataclass(objective):  # the inner names z, a, ŷ of a typed loss, as for one answer
        objective = dataclasses.replace(objective, hints=answer_hints(objective))
    if len(sides) > 2 or "&" in answer or "\\\\" in answer.replace("\\\\[", ""):
        chain = check_derivation(objective, wrt, answer, settings, expected)
        wrong_lhs = chain.steps[0].verdict == "wrong" and chain.first_wrong_step == 0
        return _with_left_hand_side(chain.final, chain.steps[0]) if wrong_lhs else chain.final
    lhs = judge_left_hand_side(objective, wrt, _GREEK_WORD.sub(r"\\\1 ", sides[0]), settings, expected)
    if lhs is None:  # "2w x = 2 x w": two expressions, the last is the answer
        chain = check_derivation(objective, wrt, answer, settings, expected)
        return chain.final
    verdict = check_one(sides[1])
    return _with_left_hand_side(verdict, lhs) if lhs.verdict == "wrong" else verdict


def _with_left_hand_side(verdict: Verdict, lhs) -> Verdict:
    """``verdict`` made incorrect by a left-hand side that names another derivative."""
    return dataclasses.replace(verdict, verdict="incorrect", diagnosis=lhs.diagnosis,
                               counterexample=lhs.counterexample or verdict.counterexample)
