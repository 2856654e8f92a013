"""Run ``symbolic.check.check`` over the corpus of real answers, one derivation per (loss, parameter)."""
from __future__ import annotations

import time
from typing import NamedTuple

from symbolic.check import check
from symbolic.derive import derive
from symbolic.errors import SymgradError
from symbolic.models import from_text

from .real_answers import ANSWERS, Answer


class Outcome(NamedTuple):
    answer: Answer
    verdict: str          # correct / incorrect / undecided / refused
    detail: str           # the refusal's message, or the diagnosis
    seconds: float


def judge_all(answers: list[Answer] = ANSWERS) -> list[Outcome]:
    """Every answer's verdict (``refused`` for a ParseError or other SymgradError) and the time its check took."""
    objectives, expected, outcomes = {}, {}, []
    for answer in answers:
        key = (answer.loss, answer.wrt)
        if key not in objectives:
            objectives[key] = from_text(answer.loss, [answer.wrt])
            wrt = objectives[key].parameters[0].name
            expected[key] = (wrt, derive(objectives[key], [wrt])[wrt].gradient)
        wrt, gradient = expected[key]
        start = time.perf_counter()
        try:
            result = check(objectives[key], wrt, answer.answer, expected=gradient, where=answer.where)
            verdict = result.verdict
            detail = result.diagnosis.detail if result.diagnosis else ""
        except SymgradError as error:
            verdict, detail = "refused", str(error)
        outcomes.append(Outcome(answer, verdict, detail, time.perf_counter() - start))
    return outcomes
