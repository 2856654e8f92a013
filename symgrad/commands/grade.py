"""``symgrad grade``: a whole class's answers from a CSV, one verdict per row, a summary per question.

Rows are (student, loss, wrt, answer[, notation]).  A malformed row is reported as an error in its
row and the batch goes on; derivations are cached per (loss, wrt), so a class of 1,000 costs little
more than its distinct questions.
"""
from __future__ import annotations

import csv
import io
import sys
from collections import Counter, defaultdict
from pathlib import Path

from symbolic.check import NOTATIONS, check, check_derivation
from symbolic.check.chain import looks_like_derivation
from symbolic.check.chain_records import ChainVerdict
from symbolic.derive import derive
from symbolic.errors import SymgradError
from symbolic.models import ObjectiveSpec, build

from ..files import write_atomic

REQUIRED = ("student", "loss", "wrt", "answer")
REPORT = ("row", "student", "loss", "wrt", "verdict", "diagnosis", "detail", "counterexample", "error")
MAX_BYTES = 20 * 1024 * 1024


def add_arguments(p) -> None:
    """Arguments of ``symgrad grade``."""
    p.add_argument("answers", help="CSV with a header: student, loss, wrt, answer (optional: notation)")
    p.add_argument("-o", "--output", help="per-row report CSV (default: ANSWERS.report.csv)")


def read_rows(path: Path) -> list[dict]:
    """The CSV's rows as dicts (SymgradError for a missing, empty, huge or header-less file)."""
    if path.stat().st_size > MAX_BYTES:
        raise SymgradError(f"{path}: larger than {MAX_BYTES // 2**20} MB")
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    if not text.strip():
        raise SymgradError(f"{path}: the file is empty")
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise SymgradError(f"{path}: the header lacks column(s) {', '.join(missing)} (need {', '.join(REQUIRED)})")
    reader.fieldnames = header
    try:
        return list(reader)
    except csv.Error as err:  # e.g. a cell over the csv module's 128 KB limit
        raise SymgradError(f"{path}: {err}") from None


class Grader:
    """Grades rows, caching each question's objective and true gradient."""

    def __init__(self):
        self.questions: dict[tuple[str, str], object] = {}
        self.verdicts: dict[tuple[str, str, str, str], object] = {}  # the same answer twice: one check

    def expected(self, loss: str, wrt: str):
        key = (loss, wrt)
        if key not in self.questions:
            try:
                obj = build(ObjectiveSpec(formula=loss, wrt=(wrt,)))
                if len(obj.parameters) != 1:
                    raise SymgradError(f"{wrt} names {len(obj.parameters)} entries; grade one per row, e.g. "
                                       f"{obj.parameters[0].name}")
                name = obj.parameters[0].name
                self.questions[key] = (obj, name, derive(obj, [name])[name].gradient)
            except SymgradError as err:
                self.questions[key] = err
        cached = self.questions[key]
        if isinstance(cached, SymgradError):
            raise cached
        return cached

    def grade(self, number: int, row: dict) -> dict:
        """One report row; errors of this row stay in this row."""
        out = {"row": number, "student": (row.get("student") or "").strip(), "loss": (row.get("loss") or "").strip(),
               "wrt": (row.get("wrt") or "").strip(), "verdict": "error", "diagnosis": "", "detail": "",
               "counterexample": "", "error": ""}
        try:
            if None in row or any(row.get(c) is None for c in REQUIRED):
                raise SymgradError("the row has the wrong number of cells")
            answer, notation = (row.get("answer") or "").strip(), (row.get("notation") or "auto").strip() or "auto"
            if not (out["loss"] and out["wrt"] and answer):
                raise SymgradError("loss, wrt and answer must all be filled in")
            if notation not in NOTATIONS:
                raise SymgradError(f"notation must be one of {', '.join(NOTATIONS)}")
            obj, wrt, expected = self.expected(out["loss"], out["wrt"])
            key = (out["loss"], out["wrt"], answer, notation)
            if key not in self.verdicts:
                self.verdicts[key] = (check_derivation(obj, wrt, answer, expected=expected)
                                      if looks_like_derivation(answer) else
                                      check(obj, wrt, answer, notation, expected=expected))
            verdict = self.verdicts[key]
        except SymgradError as err:
            out["error"] = str(err)
            return out
        if isinstance(verdict, ChainVerdict):  # the final line's verdict, and where the steps first went wrong
            out["detail"] = _chain_detail(verdict)
            verdict = verdict.final
        out["verdict"] = verdict.verdict
        if verdict.diagnosis:
            out["diagnosis"] = verdict.diagnosis.kind
            out["detail"] = "; ".join(d for d in (out["detail"], verdict.diagnosis.detail) if d)
        if verdict.counterexample:
            ce = verdict.counterexample
            at = " ".join(f"{k}={v}" for k, v in ce.point)
            out["counterexample"] = f"at {at}: expected {ce.expected}, answer {ce.answer}"
        return out


def _chain_detail(chain) -> str:
    """``first wrong step: 2 (diagnosis)`` for a derivation with a wrong step, else nothing."""
    if chain.first_wrong_step is None:
        return ""
    wrong = chain.steps[chain.first_wrong_step]
    return f"first wrong step: {chain.first_wrong_step}" + (f" ({wrong.diagnosis.detail})" if wrong.diagnosis else "")


def summary(report: list[dict]) -> str:
    """Per question: how many rows, verdict counts, the most common diagnoses."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in report:
        groups[(r["loss"], r["wrt"])].append(r)
    lines = []
    for (loss, wrt), rows in groups.items():
        counts = Counter(r["verdict"] for r in rows)
        kinds = Counter(r["diagnosis"] for r in rows if r["diagnosis"])
        lines.append(f"∂/∂{wrt or '?'} of {loss or '(missing loss)'}: {len(rows)} answers")
        lines.append("  " + ", ".join(f"{v}: {counts.get(v, 0)}" for v in ("correct", "incorrect", "undecided", "error")))
        if kinds:
            lines.append("  mistakes: " + ", ".join(f"{k} ×{c}" for k, c in kinds.most_common()))
    return "\n".join(lines)


def run(args) -> int:
    """Grade every row, write the report atomically, print the summary."""
    path = Path(args.answers)
    rows = read_rows(path)
    grader = Grader()
    try:
        from tqdm import tqdm
        progress = tqdm(rows, desc="grading", unit="answer", disable=None, file=sys.stderr)
    except ImportError:  # pragma: no cover - tqdm is a dependency
        progress = rows
    report = [grader.grade(k, row) for k, row in enumerate(progress, start=2)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REPORT)
    writer.writeheader()
    writer.writerows(report)
    target = Path(args.output) if args.output else path.with_suffix(".report.csv")
    write_atomic(target, buffer.getvalue())
    print(summary(report))
    print(f"report: {target}")
    return 0
