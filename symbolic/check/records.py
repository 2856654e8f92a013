"""Immutable results of a check: the verdict, and for a wrong answer the diagnosis and a counterexample."""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy

#: the closed set of diagnosis kinds
DIAGNOSES = ("sign", "missing_term", "extra_term", "factor", "transpose", "shape", "other")
VERDICTS = ("correct", "incorrect", "undecided")


@dataclass(frozen=True)
class Diagnosis:
    """What is wrong with an answer: one of ``DIAGNOSES``, in words, and the offending term."""

    kind: str
    detail: str
    term_latex: str | None = None

    def to_json(self) -> dict:
        """``{"kind", "detail", "term_latex"}``."""
        return {"kind": self.kind, "detail": self.detail, "term_latex": self.term_latex}


@dataclass(frozen=True)
class Counterexample:
    """A point where the answer and the true gradient differ, with both values."""

    point: tuple[tuple[str, str], ...]
    expected: str
    answer: str

    def to_json(self) -> dict:
        """``{"point": {name: value}, "expected": value, "answer": value}`` (values as decimal strings)."""
        return {"point": dict(self.point), "expected": self.expected, "answer": self.answer}


#: what the exact symbolic check found
EXACT_OUTCOMES = ("proved", "refuted", "timed out", "inconclusive", "not tried")


@dataclass(frozen=True)
class Evidence:
    """How a verdict was reached, as data: the exact check's outcome and what the numbers covered."""

    #: one of EXACT_OUTCOMES
    exact: str = "not tried"
    #: random points where both sides were defined
    points: int = 0
    #: the working precision, in digits
    digits: int = 0
    #: kink arguments (steps, signs, |·|, max, conditions) found in either side
    kinks: int = 0
    #: kinks along which a switch was found and sampled on both sides
    kinks_crossed: int = 0
    #: test points placed just before and after those switches (defined for both sides)
    region_points: int = 0

    def to_json(self) -> dict:
        """``{"exact", "points", "digits", "kinks", "kinks_crossed", "region_points"}``."""
        return {"exact": self.exact, "points": self.points, "digits": self.digits, "kinks": self.kinks,
                "kinks_crossed": self.kinks_crossed, "region_points": self.region_points}


def why_lines(diagnosis: Diagnosis | None, counterexample: Counterexample | None) -> list[str]:
    """The diagnosis and counterexample lines every verdict prints under its expected and answer lines."""
    lines = []
    if diagnosis:
        lines.append(f"  diagnosis: {diagnosis.kind}: {diagnosis.detail}")
    if counterexample:
        at = ", ".join(f"{k}={v}" for k, v in counterexample.point)
        lines.append(f"  counterexample: at {at}: expected {counterexample.expected}, answer {counterexample.answer}")
    return lines


@dataclass(frozen=True)
class Verdict:
    """correct / incorrect / undecided for one answer, with the evidence behind it."""

    verdict: str
    expected: sympy.Expr
    answer: sympy.Expr
    evidence: str
    diagnosis: Diagnosis | None = None
    counterexample: Counterexample | None = None
    points_tested: int = 0
    extra: dict = field(default_factory=dict, compare=False)
    how: Evidence = field(default_factory=Evidence)

    @property
    def exit_code(self) -> int:
        """The CLI's exit code: 0 correct, 1 incorrect, 3 undecided."""
        return {"correct": 0, "incorrect": 1, "undecided": 3}[self.verdict]

    def to_json(self) -> dict:
        """The JSON contract of ``symgrad check --json``."""
        from ..render.json import expression_json
        return {
            "verdict": self.verdict,
            "expected": expression_json(self.expected),
            "answer": expression_json(self.answer),
            "diagnosis": self.diagnosis.to_json() if self.diagnosis else None,
            "counterexample": self.counterexample.to_json() if self.counterexample else None,
            "evidence": self.evidence,
            "how": self.how.to_json(),
        }

    def _repr_latex_(self) -> str:
        from ..render.latex import latex
        mark = {"correct": r"\checkmark", "incorrect": r"\times", "undecided": "?"}[self.verdict]
        return rf"$\text{{{self.verdict}}}\ {mark}:\quad {latex(self.answer)}$"

    def __str__(self) -> str:
        from ..render.text import text
        lines = [f"{self.verdict} ({self.evidence})", f"  expected: {text(self.expected)}",
                 f"  answer:   {text(self.answer)}"]
        return "\n".join(lines + why_lines(self.diagnosis, self.counterexample))
