"""``symgrad grade``: a whole class's answers from a CSV, one verdict per row, a summary per question.

Rows are (student, loss, wrt, answer[, notation, shapes, where]).  A filled ``shapes`` cell makes the
row a vector/matrix question (``X:n,d w:d y:n``); ``where`` holds the answer's own names, one
``NAME = EXPR`` per line or separated by ``;``.  A malformed row is reported as an error in its
row and the batch goes on; derivations are cached per (loss, wrt), so a class of 1,000 costs little
more than its distinct questions.
"""
from __future__ import annotations

import csv
import io
import re
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
    p.add_argument("answers", help="CSV with a header: student, loss, wrt, answer (optional: notation, shapes, where)")
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
            shapes = (row.get("shapes") or "").strip()
            where = tuple(w.strip() for w in re.split(r"[;\n]", row.get("where") or "") if w.strip())
            if shapes:
                return self._tensor(out, answer, notation, shapes, where)
            if notation not in NOTATIONS:
                raise SymgradError(f"notation must be one of {', '.join(NOTATIONS)}")
            obj, wrt, expected = self.expected(out["loss"], out["wrt"])
            key = (out["loss"], out["wrt"], answer, notation)
            if key not in self.verdicts:
                self.verdicts[key] = (check_derivation(obj, wrt, answer, expected=expected)
                                      if looks_like_derivation(answer) else
                                      check(obj, wrt, answer, notation, expected=expected, where=where))
            verdict = self.verdicts[key]
        except SymgradError as err:
            out["error"] = str(err)
            return out
        return _fill(out, verdict)

    def _tensor(self, out: dict, answer: str, notation: str, shapes: str, where: tuple) -> dict:
        """A vector/matrix row (the check_tensor verdict); errors stay in the row."""
        from symbolic.tensor.answer import NOTATIONS as TENSOR_NOTATIONS, check_tensor
        from symbolic.tensor.chain import check_tensor_derivation
        if notation not in TENSOR_NOTATIONS:
            raise SymgradError(f"notation must be one of {', '.join(TENSOR_NOTATIONS)}")
        key = (out["loss"], out["wrt"], answer, notation, shapes, where)
        if key not in self.verdicts:
            try:
                self.verdicts[key] = (check_tensor_derivation(out["loss"], shapes, out["wrt"], answer, where)
                                      if notation != "numpy" and looks_like_derivation(answer) else
                                      check_tensor(out["loss"], shapes, out["wrt"], answer, notation, where))
            except SymgradError as err:
                self.verdicts[key] = err
        verdict = self.verdicts[key]
        if isinstance(verdict, SymgradError):
            out["error"] = str(verdict)
            return out
        return _fill(out, verdict)


def _fill(out: dict, verdict) -> dict:
    """The report row's verdict, diagnosis, detail and counterexample."""
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
