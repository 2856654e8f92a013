"""Immutable results of checking a derivation line by line: one StepResult per step, and the ChainVerdict."""
from __future__ import annotations

from dataclasses import dataclass

from .records import Counterexample, Diagnosis, Verdict

#: a step's verdict, from the verdict of comparing it with the truth (or with the step before it)
STEP_VERDICTS = {"correct": "ok", "incorrect": "wrong", "undecided": "undecided"}


@dataclass(frozen=True)
class StepResult:
    """One step as written, with two judgments: ``verdict`` — does it equal the true derivative (step 0,
    a left-hand side: does it name the derivative asked for) — and ``follows`` — does it equal the
    step before it (None for the first step).  Diagnosis and counterexample are against the truth."""

    latex: str
    verdict: str
    diagnosis: Diagnosis | None = None
    counterexample: Counterexample | None = None
    follows: str | None = None

    @property
    def note(self) -> str | None:
        """A right step reached from a wrong one says so."""
        if self.follows == "wrong" and self.verdict == "ok":
            return "right again, but it does not follow from the step before"
        return None

    def to_json(self) -> dict:
        """``{"latex", "verdict", "follows", "note", "diagnosis", "counterexample"}`` (the last two null
        for a step that is ok)."""
        return {"latex": self.latex, "verdict": self.verdict, "follows": self.follows, "note": self.note,
                "diagnosis": self.diagnosis.to_json() if self.diagnosis else None,
                "counterexample": self.counterexample.to_json() if self.counterexample else None}


@dataclass(frozen=True)
class ChainVerdict:
    """Every step's result, the first wrong step (the left-hand side is step 0) and the final line's verdict."""

    steps: tuple[StepResult, ...]
    first_wrong_step: int | None
    final_verdict: str
    final: Verdict

    @property
    def exit_code(self) -> int:
        """The CLI's exit code, by the final verdict: 0 correct, 1 incorrect, 3 undecided."""
        return self.final.exit_code

    def to_json(self) -> dict:
        """The JSON contract of ``symgrad check --derivation --json`` (``final``: the final line's check)."""
        return {"steps": [s.to_json() for s in self.steps], "first_wrong_step": self.first_wrong_step,
                "final_verdict": self.final_verdict, "final": self.final.to_json()}

    def __str__(self) -> str:
        width = max(len(s.verdict) for s in self.steps)
        lines = [f"{k:>3}  {s.verdict:<{width}}  {s.latex}" + (f"    [{s.note}]" if s.note else "")
                 for k, s in enumerate(self.steps)]
        if self.first_wrong_step is not None:
            wrong = self.steps[self.first_wrong_step]
            lines.append(f"first wrong step: {self.first_wrong_step}")
            if wrong.diagnosis:
                lines.append(f"  diagnosis: {wrong.diagnosis.kind}: {wrong.diagnosis.detail}")
            if wrong.counterexample:
                ce = wrong.counterexample
                at = ", ".join(f"{k}={v}" for k, v in ce.point)
                lines.append(f"  counterexample: at {at}: expected {ce.expected}, this step {ce.answer}")
        final = str(self.final) if self.final_verdict != "correct" else f"{self.final_verdict} ({self.final.evidence})"
        lines.append(f"final: {final}")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        mark = {"ok": "✓", "wrong": "✗", "undecided": "?"}
        rows = ["| step | verdict | line |", "|---:|:---|:---|"]
        rows += [f"| {k} | {mark[s.verdict]} {s.verdict} | ${_cell(s.latex)}$ |" for k, s in enumerate(self.steps)]
        if self.first_wrong_step is not None:
            wrong = self.steps[self.first_wrong_step]
            rows.append(f"\n**first wrong step: {self.first_wrong_step}**"
                        + (f" — {wrong.diagnosis.kind}: {wrong.diagnosis.detail}" if wrong.diagnosis else ""))
        rows.append(f"\n**final: {self.final_verdict}** ({self.final.evidence})")
        return "\n".join(rows)


def _cell(latex: str) -> str:
    """LaTeX inside a markdown table cell: a bare ``|`` would end the cell."""
    return latex.replace("|", r"\|")
