"""Benchmark: the corpus of real vector and matrix answers (tests/corpus/tensor_answers.py) through
``symbolic.tensor.answer.check_tensor``.

Run: python benchmarks/tensor_corpus.py [--only latex|numpy] [--json] [--quiet]
     python benchmarks/tensor_corpus.py --truth   (checks the corpus itself; no symgrad involved)

Prints the right rate overall and per notation, false-correct, false-incorrect, undecided, refused (a
SymgradError: the reader or checker declined the input; each with its one-line message) and crashed (any
other exception, which is a bug), the median and worst time per check, how often the diagnosis kind
matches the expected one, the refusals grouped by message, and every entry that is not right (source,
answer, expected, got, diagnosis).  Exit status 0 whatever the rates; 1 only when the corpus itself is
malformed.

``--truth`` checks the expected verdicts themselves: at random sizes (all dims distinct) and values
(domains respected) it compares every answer with central differences of the loss in float64 numpy
(numpy answers run as written, LaTeX answers through their numpy twin in ``TRUTH``); an answer numpy
cannot evaluate at those shapes counts as incorrect.  It runs the corpus's own text, never user input.
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
from tests.corpus.tensor_answers import ANSWERS, TRUTH, TRUTH_WHERE  # noqa: E402

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
    print(f"tensor corpus ({s.get('corpus', 'tests/corpus/tensor_answers.py')}): {n} answers, {s['real']} real, "
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


# ---------------------------------------------------------------------------------------------------
# --truth: the expected verdicts against numpy central differences (the corpus's own text only)
# ---------------------------------------------------------------------------------------------------
TRUTH_DIMS = dict(n=7, d=4, k=3, h=5, m=6, q=8, K=9, p=2, r=10, N=11, l=12, D=13, M=3)
#: scalars the corpora's losses use without declaring them
TRUTH_SCALARS = ("reg", "lam", "lambd", "lmb", "alpha", "coef", "llambda", "th0", "lambdaa", "lambda_", "sigma",
                 "mu", "b", "y", "yn")


def _numpy_namespace():
    import numpy as np

    def softmax(z):
        z = np.asarray(z, float)
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    return dict(np=np, numpy=np, softmax=softmax, sigmoid=sigmoid, relu=lambda z: np.maximum(0, z),
                sigmoid_prime=lambda z: sigmoid(z) * (1 - sigmoid(z)), log=np.log, exp=np.exp, sum=np.sum,
                mean=np.mean, maximum=np.maximum, ones=np.ones, norm=np.linalg.norm, trace=np.trace,
                inv=np.linalg.inv, det=np.linalg.det, logdet=lambda m: np.log(abs(np.linalg.det(m))),
                outer=np.outer, abs=np.abs, tanh=np.tanh)


def _arrays(shapes: str, rng) -> dict:
    import numpy as np
    out = {}
    for item in shapes.split():
        name, dims, *domain = item.split(":")
        shape = tuple(int(x) if x.isdigit() else TRUTH_DIMS[x] for x in dims.split(","))
        a = rng.normal(size=shape)
        kind = domain[0] if domain else None
        if kind == "onehot":
            a = np.eye(shape[1])[rng.integers(0, shape[1], size=shape[0])]
        elif kind == "binary":
            a = rng.integers(0, 2, size=shape).astype(float)
        elif kind == "pm1":
            a = rng.choice([-1.0, 1.0], size=shape)
        elif kind == "sym":
            a = a + a.T
        elif kind == "spd":
            a = a @ a.T + shape[0] * np.eye(shape[0])
        elif kind == "pos":
            a = np.abs(a) + 0.5
        out[name] = a
    return out


def _run_program(src: str, ns: dict):
    import ast
    tree = ast.parse(src)
    if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
        return eval(compile(ast.Expression(tree.body[0].value), "<corpus>", "eval"), ns)
    exec(compile(tree, "<corpus>", "exec"), ns)  # the corpus's own text, never user input
    if isinstance(tree.body[-1], ast.FunctionDef):  # a gradient function: call it with the names it takes
        f = tree.body[-1]
        return ns[f.name](*[ns[a.arg] for a in f.args.args])
    last = [s for s in tree.body if isinstance(s, (ast.Assign, ast.AugAssign))][-1]
    target = last.targets[0] if isinstance(last, ast.Assign) else last.target
    if isinstance(target, ast.Subscript):
        return ns[target.value.id][target.slice.value]
    return ns[target.id]


def truth(index: int, e: dict, seed: int = 0, corpus=None) -> str:
    """'correct', 'incorrect' or 'incorrect (shape)' for the entry by numpy at distinct sizes."""
    import numpy as np
    rng = np.random.default_rng(seed + index)
    ns = _numpy_namespace()
    ns.update(TRUTH_DIMS)
    ns.update(_arrays(e["shapes"], rng))
    ns["expit"] = ns["sigmoid"]
    for name in TRUTH_SCALARS:
        ns.setdefault(name, float(rng.uniform(0.3, 1.2)))
    loss = re.sub(r"\blambda\b", "lambda_", e["loss"])
    x = np.array(ns[e["wrt"]], float)
    ns[e["wrt"]] = x
    value = lambda: float(np.sum(eval(loss, ns)))  # noqa: E731
    grad, step = np.zeros_like(x), 1e-6
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + step
        up = value()
        x[i] = old - step
        grad[i] = (up - value()) / (2 * step)
        x[i] = old
    ans = dict(ns)
    if e["notation"] == "latex":
        ans.update({k: v.reshape(-1, 1) for k, v in ns.items() if isinstance(v, np.ndarray) and v.ndim == 1})
        grad = grad.reshape(-1, 1) if grad.ndim == 1 else grad
        table, where_table = (corpus.TRUTH, corpus.TRUTH_WHERE) if corpus is not None else (TRUTH, TRUTH_WHERE)
        definitions, program = where_table.get(tuple(e["where"]), ()), table[e["answer"]]
    else:
        definitions, program = e["where"], e["answer"]
    try:
        for line in definitions:
            name, expr = line.split("=", 1)
            ans[name.strip()] = eval(re.sub(r"\blambda\b", "lambda_", expr), ans)
        got = np.asarray(_run_program(program, ans), float)
    except (ValueError, IndexError) as err:  # numpy refuses the shapes
        return f"incorrect (shape: {one_line(err, 60)})"
    if got.shape != grad.shape:
        return f"incorrect (shape {got.shape}, gradient {grad.shape})"
    return "correct" if np.allclose(got, grad, rtol=1e-4, atol=1e-5) else "incorrect"


def check_truth(entries, corpus=None) -> int:
    wrong = 0
    for i, e in enumerate(entries):
        got = truth(i, e, corpus=corpus)
        if got.split()[0] != e["verdict"]:
            wrong += 1
            print(f"#{i} expected {e['verdict']}, numpy says {got}: {one_line(e['source'], 90)} d/d{e['wrt']}")
    print(f"{len(entries)} expected verdicts checked against numpy central differences: {wrong} disagree")
    return 1 if wrong else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["latex", "numpy"], help="only the entries in this notation")
    ap.add_argument("--json", action="store_true", help="print the summary and every outcome as JSON")
    ap.add_argument("--quiet", action="store_true", help="the summary and refusals only")
    ap.add_argument("--truth", action="store_true", help="check the expected verdicts with numpy instead")
    ap.add_argument("--corpus", choices=["main", "heldout", "third"], default="main",
                    help="tests/corpus/tensor_answers.py (main), tensor_answers_heldout.py or tensor_answers_third.py "
                         "(each gathered apart from the others)")
    args = ap.parse_args(argv)
    import importlib
    corpus = importlib.import_module("tests.corpus.tensor_answers" + ("" if args.corpus == "main" else f"_{args.corpus}"))
    entries = corpus.ANSWERS
    bad = malformed(entries)
    if bad:
        print("malformed corpus:\n  " + "\n  ".join(bad))
        return 1
    if args.truth:
        return check_truth(entries, corpus)
    chosen = [(i, e) for i, e in enumerate(entries) if not args.only or e["notation"] == args.only]
    outcomes = [judge(i, e) for i, e in chosen]
    s = summary(outcomes)
    s["corpus"] = corpus.__name__.replace(".", "/") + ".py"
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
