"""Benchmark: the corpus of real vector and matrix answers (tests/corpus/tensor_answers.py) through
``symbolic.tensor.answer.check_tensor``.

Run: python benchmarks/tensor_corpus.py [--only latex|numpy] [--json] [--quiet]

Prints the right rate overall and per notation, false-correct, false-incorrect, undecided, refused (a
SymgradError: the reader or checker declined the input; each with its one-line message) and crashed (any
other exception, which is a bug), the median and worst time per check, how often the diagnosis kind
matches the expected one, the refusals grouped by message, and every entry that is not right (source,
answer, expected, got, diagnosis).  Exit status 0 whatever the rates; 1 only when the corpus itself is
malformed.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from symbolic.errors import SymgradError  # noqa: E402
from symbolic.tensor.answer import check_tensor  # noqa: E402
from tests.corpus.tensor_answers import ANSWERS  # noqa: E402

KEYS = {"source", "loss", "shapes", "wrt", "answer", "notation", "where", "verdict", "diagnosis"}
VERDICTS = {"correct", "incorrect"}
KINDS = {None, "sign", "missing_term", "extra_term", "factor", "transpose", "shape", "other"}
NOTATIONS = {"latex", "numpy", "text", "auto"}


@dataclass(frozen=True)
class Outcome:
    """One entry's result: ``got`` is a verdict, ``refused`` or ``crashed``."""

    index: int
    entry: dict
    got: str
    kind: str | None
    detail: str
    seconds: float

    @property
    def right(self) -> bool:
        return self.got == self.entry["verdict"]


def malformed(entries) -> list[str]:
    """Entries that break the corpus's own contract (missing keys, unknown verdicts or kinds)."""
    bad = []
    for i, e in enumerate(entries):
        if set(e) != KEYS:
            bad.append(f"#{i}: keys {sorted(set(e) ^ KEYS)}")
        elif e["verdict"] not in VERDICTS or e["diagnosis"] not in KINDS or e["notation"] not in NOTATIONS:
            bad.append(f"#{i}: verdict/diagnosis/notation {e['verdict']}/{e['diagnosis']}/{e['notation']}")
        elif (e["verdict"] == "correct") != (e["diagnosis"] is None):
            bad.append(f"#{i}: a correct answer has no diagnosis, an incorrect one has one")
        elif not isinstance(e["where"], list):
            bad.append(f"#{i}: where must be a list")
    return bad


def one_line(text: str, width: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def judge(index: int, e: dict) -> Outcome:
    start = time.perf_counter()
    try:
        v = check_tensor(e["loss"], e["shapes"], e["wrt"], e["answer"], e["notation"], where=e["where"])
        got, kind = v.verdict, (v.diagnosis.kind if v.diagnosis else None)
        detail = v.diagnosis.detail if v.diagnosis else ""
    except SymgradError as err:
        got, kind, detail = "refused", None, f"{type(err).__name__}: {err}"
    except Exception as err:  # noqa: BLE001 - a crash is a finding, not the end of the run
        got, kind, detail = "crashed", None, f"{type(err).__name__}: {err}"
    return Outcome(index, e, got, kind, one_line(detail), time.perf_counter() - start)


def group_key(detail: str) -> str:
    """A refusal message without its positions and quoted fragments, so alike refusals group together."""
    s = re.sub(r"\(column \d+\)", "", detail)
    s = re.sub(r"'[^']*'|\"[^\"]*\"", "…", s)
    s = re.sub(r"\b\d+\b", "N", s)
    return one_line(s, 120)


def summary(outcomes: list[Outcome]) -> dict:
    n = len(outcomes)
    rate = lambda xs: (sum(o.right for o in xs) / len(xs)) if xs else float("nan")  # noqa: E731
    times = [o.seconds for o in outcomes]
    wrong_expected = [o for o in outcomes if o.entry["verdict"] == "incorrect" and o.got == "incorrect"]
    return {
        "answers": n,
        "real": sum(not o.entry["source"].startswith("variant of") for o in outcomes),
        "expected_incorrect": sum(o.entry["verdict"] == "incorrect" for o in outcomes),
        "right": rate(outcomes),
        "right_by_notation": {k: rate([o for o in outcomes if o.entry["notation"] == k])
                              for k in sorted({o.entry["notation"] for o in outcomes})},
        "right_real": rate([o for o in outcomes if not o.entry["source"].startswith("variant of")]),
        "false_correct": sum(o.got == "correct" and o.entry["verdict"] != "correct" for o in outcomes),
        "false_incorrect": sum(o.got == "incorrect" and o.entry["verdict"] != "incorrect" for o in outcomes),
        "undecided": sum(o.got == "undecided" for o in outcomes),
        "refused": sum(o.got == "refused" for o in outcomes),
        "crashed": sum(o.got == "crashed" for o in outcomes),
        "diagnosis_agrees": (sum(o.kind == o.entry["diagnosis"] for o in wrong_expected), len(wrong_expected)),
        "median_s": statistics.median(times) if times else 0.0,
        "worst_s": max(times) if times else 0.0,
        "refusals": Counter(group_key(o.detail) for o in outcomes if o.got in ("refused", "crashed")),
    }


def report(outcomes: list[Outcome], s: dict, quiet: bool) -> None:
    pct = lambda x: f"{x:.1%}"  # noqa: E731
    n = s["answers"]
    print(f"tensor corpus (tests/corpus/tensor_answers.py): {n} answers, {s['real']} real, "
          f"{s['expected_incorrect'] / n:.0%} of them wrong")
    by = ", ".join(f"{k} {pct(v)}" for k, v in s["right_by_notation"].items())
    print(f"  right {pct(s['right'])} ({by}; real answers {pct(s['right_real'])})")
    print(f"  false-correct {s['false_correct']}, false-incorrect {s['false_incorrect']}, "
          f"undecided {s['undecided']}, refused {s['refused']}, crashed {s['crashed']}")
    agree, of = s["diagnosis_agrees"]
    print(f"  diagnosis kind as expected on {agree}/{of} answers judged incorrect")
    print(f"  median {s['median_s'] * 1000:.1f} ms, worst {s['worst_s'] * 1000:.1f} ms per check")
    if s["refusals"]:
        print("refusals and crashes, grouped by message:")
        for msg, count in s["refusals"].most_common():
            print(f"  {count:4d}  {msg}")
    if quiet:
        return
    print("not right:")
    for o in outcomes:
        if o.right and (o.entry["diagnosis"] is None or o.kind == o.entry["diagnosis"]):
            continue
        e = o.entry
        mark = "DIAGNOSIS" if o.right else "NOT RIGHT"
        print(f"- {mark} #{o.index} [{e['notation']}] d/d{e['wrt']} of {e['loss']}")
        print(f"    source:   {one_line(e['source'], 140)}")
        print(f"    answer:   {one_line(e['answer'], 140)}")
        print(f"    expected: {e['verdict']}/{e['diagnosis']}   got: {o.got}/{o.kind}   {o.detail}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["latex", "numpy"], help="only the entries in this notation")
    ap.add_argument("--json", action="store_true", help="print the summary and every outcome as JSON")
    ap.add_argument("--quiet", action="store_true", help="the summary and refusals only")
    args = ap.parse_args(argv)
    bad = malformed(ANSWERS)
    if bad:
        print("malformed corpus:\n  " + "\n  ".join(bad))
        return 1
    chosen = [(i, e) for i, e in enumerate(ANSWERS) if not args.only or e["notation"] == args.only]
    outcomes = [judge(i, e) for i, e in chosen]
    s = summary(outcomes)
    if args.json:
        out = dict(s, refusals=dict(s["refusals"]),
                   outcomes=[{"index": o.index, "source": o.entry["source"], "notation": o.entry["notation"],
                              "wrt": o.entry["wrt"], "expected": o.entry["verdict"],
                              "expected_diagnosis": o.entry["diagnosis"], "got": o.got, "diagnosis": o.kind,
                              "detail": o.detail, "seconds": round(o.seconds, 4)} for o in outcomes])
        print(json.dumps(out, indent=1, ensure_ascii=False))
    else:
        report(outcomes, s, args.quiet)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # benchmarks/tensor_corpus.py | head
        sys.stderr.close()
        sys.exit(141)
