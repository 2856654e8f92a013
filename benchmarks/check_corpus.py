"""Benchmark: time per `check` over a corpus of answers (the lecture's models, right and wrong).

Run: python benchmarks/check_corpus.py   — prints the median and worst time per check, and the
verdict of each answer against the verdict we expect, so the corpus doubles as a smoke test; then the
same for the corpus of real answers (tests/corpus/real_answers.py) with its right, false-correct,
false-incorrect, undecided and refused rates.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from symbolic.check import check  # noqa: E402
from symbolic.models import from_text  # noqa: E402

NEURON = "1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2"
TANH = "1/2*(y - tanh(omega*x + b))**2 + lambda*omega**2"
RELU = "1/2*(y - relu(omega*x + b))**2"
LINEAR = "1/2*(y - (w*x + b))**2 + lambda*w**2"
LOGISTIC = "-(y*log(sigmoid(w*x + b)) + (1 - y)*log(1 - sigmoid(w*x + b)))"
GENERIC = "1/2*(y - sigma(omega*x + b))**2 + lambda*omega**2"
RISK = "Sum(1/2*(y[i] - w*x[i] - b)**2, (i, 1, n))/n"
S = r"\sigma(\omega x + b)"

#: (loss, wrt, answer, expected verdict, expected diagnosis kind or None)
CORPUS = [
    (NEURON, "omega", rf"-(y - {S}) {S} (1 - {S}) x + 2\lambda\omega", "correct", None),
    (NEURON, "omega", rf"\frac{{1}}{{2}} \cdot 2 (y - {S}) \cdot \sigma'(\omega x + b) \cdot x \cdot (-1) + 2\lambda \omega", "correct", None),
    (NEURON, "omega", rf"({S} - y)\sigma'(\omega x+b)\,x + 2\lambda\omega", "correct", None),
    (NEURON, "omega", "2*lambda*omega - x*(y - sigmoid(omega*x+b))*sigmoid(omega*x+b)*(1-sigmoid(omega*x+b))", "correct", None),
    (NEURON, "omega", rf"x {S}^2 (y - {S}) - x {S} (y - {S}) + 2 \lambda \omega", "correct", None),
    (NEURON, "omega", rf"\frac{{1}}{{2}} \cdot 2 (y - {S}) \cdot \sigma'(\omega x + b) \cdot x + 2\lambda \omega", "incorrect", "sign"),
    (NEURON, "omega", rf"-(y - {S}) \sigma'(\omega x + b) x", "incorrect", "missing_term"),
    (NEURON, "omega", rf"-(y - {S}) {S} x + 2\lambda\omega", "incorrect", "other"),
    (NEURON, "omega", rf"-(y - {S}) \sigma'(\omega x + b) + 2\lambda\omega", "incorrect", "factor"),
    (NEURON, "omega", rf"-2(y - {S}) \sigma'(\omega x + b) x + 2\lambda\omega", "incorrect", "factor"),
    (NEURON, "omega", rf"-(y - {S}) \sigma'(\omega x + b) x + \lambda\omega", "incorrect", "factor"),
    (NEURON, "omega", rf"-(y - {S}) \sigma'(\omega x + b) x + 2\lambda\omega + 2\lambda b", "incorrect", "extra_term"),
    (NEURON, "omega", rf"(y - {S}) \sigma'(\omega x + b) x - 2\lambda\omega", "incorrect", "sign"),
    (NEURON, "b", rf"-(y - {S}) \sigma'(\omega x + b)", "correct", None),
    (NEURON, "b", rf"\frac{{1}}{{2}} \cdot 2 (y - {S}) \cdot \sigma'(\omega x + b) \cdot (-1)", "correct", None),
    (NEURON, "b", rf"({S} - y) {S} (1 - {S})", "correct", None),
    (NEURON, "b", rf"-(y - {S}) \sigma'(\omega x + b) + 2\lambda b", "incorrect", "extra_term"),
    (NEURON, "b", rf"(y - {S}) \sigma'(\omega x + b)", "incorrect", "sign"),
    (NEURON, "b", rf"-(y - {S}) \sigma'(\omega x + b) x", "incorrect", "factor"),
    (NEURON, "b", rf"-(y - {S}) {S}", "incorrect", "other"),
    (NEURON, "b", "-(y - sigmoid(omega*x+b))*sigmoid(omega*x+b)*(1 - sigmoid(omega*x+b))", "correct", None),
    (TANH, "omega", r"-(y - \tanh(\omega x + b))(1 - \tanh^2(\omega x + b)) x + 2\lambda\omega", "correct", None),
    (TANH, "omega", r"-(y - \tanh(\omega x + b))\frac{x}{\cosh^2(\omega x + b)} + 2\lambda\omega", "correct", None),
    (TANH, "omega", r"(y - \tanh(\omega x + b))(1 - \tanh^2(\omega x + b)) x + 2\lambda\omega", "incorrect", "sign"),
    (TANH, "omega", r"-(y - \tanh(\omega x + b))(1 - \tanh(\omega x + b)) x + 2\lambda\omega", "incorrect", "other"),
    (TANH, "b", r"-(y - \tanh(\omega x + b))(1 - \tanh^2(\omega x + b))", "correct", None),
    (TANH, "b", r"-(y - \tanh(\omega x + b))(1 - \tanh^2(\omega x + b)) + 2\lambda b", "incorrect", "extra_term"),
    (RELU, "omega", r"-(y - \operatorname{ReLU}(\omega x + b)) \operatorname{step}(\omega x + b) x", "correct", None),
    (RELU, "omega", "-(y - relu(omega*x + b))*step(omega*x + b)*x", "correct", None),
    (RELU, "omega", r"(y - \operatorname{ReLU}(\omega x + b)) \operatorname{step}(\omega x + b) x", "incorrect", "sign"),
    (RELU, "b", r"-(y - \max(0, \omega x + b)) \operatorname{step}(\omega x + b)", "correct", None),
    (LINEAR, "w", r"-(y - w x - b) x + 2 \lambda w", "correct", None),
    (LINEAR, "w", r"(w x + b - y) x + 2 \lambda w", "correct", None),
    (LINEAR, "w", r"-(y - w x - b) x", "incorrect", "missing_term"),
    (LINEAR, "w", r"(y - w x - b) x + 2 \lambda w", "incorrect", "sign"),
    (LINEAR, "w", r"-(y - w x - b) + 2 \lambda w", "incorrect", "factor"),
    (LINEAR, "b", r"-(y - w x - b)", "correct", None),
    (LINEAR, "b", r"w x + b - y", "correct", None),
    (LINEAR, "b", r"-(y - w x - b) + 2\lambda b", "incorrect", "extra_term"),
    (LINEAR, "b", r"-(y - w x - b) x", "incorrect", "factor"),
    (LOGISTIC, "w", r"(\sigma(w x + b) - y) x", "correct", None),
    (LOGISTIC, "w", "(sigmoid(w*x + b) - y)*x", "correct", None),
    (LOGISTIC, "w", r"(y - \sigma(w x + b)) x", "incorrect", "sign"),
    (LOGISTIC, "w", r"\sigma(w x + b) - y", "incorrect", "factor"),
    (LOGISTIC, "b", r"\sigma(w x + b) - y", "correct", None),
    (LOGISTIC, "b", r"-y (1 - \sigma(w x + b)) + (1 - y)\sigma(w x + b)", "correct", None),
    (LOGISTIC, "b", r"\frac{1}{1 + e^{-(w x + b)}} - y", "correct", None),
    (LOGISTIC, "b", r"\sigma(w x + b) + y", "incorrect", None),
    (GENERIC, "omega", r"-(y - \sigma(\omega x + b)) \sigma'(\omega x + b) x + 2\lambda\omega", "correct", None),
    (GENERIC, "omega", r"(y - \sigma(\omega x + b)) \sigma'(\omega x + b) x + 2\lambda\omega", "incorrect", "sign"),
    (GENERIC, "omega", r"-(y - \sigma(\omega x + b)) \sigma'(\omega x + b) x", "incorrect", "missing_term"),
    (GENERIC, "b", r"-(y - \sigma(\omega x + b)) \sigma^\prime(\omega x + b)", "correct", None),
    (RISK, "w", r"-\frac{1}{n}\sum_{i=1}^{n} (y_i - w x_i - b) x_i", "correct", None),
    (RISK, "w", r"\frac{1}{n}\sum_{i=1}^{n} (w x_i + b - y_i) x_i", "correct", None),
    (RISK, "w", r"\frac{1}{n}\sum_{i=1}^{n} (y_i - w x_i - b) x_i", "incorrect", "sign"),
    (RISK, "b", r"-\frac{1}{n}\sum_{i=1}^{n} (y_i - w x_i - b)", "correct", None),
    (RISK, "b", "-Sum(y[i] - w*x[i] - b, (i, 1, n))/n", "correct", None),
    (RISK, "b", r"-\sum_{i=1}^{n} (y_i - w x_i - b)", "incorrect", "factor"),
]


def run(corpus=CORPUS) -> tuple[list[float], list[str]]:
    """Check every answer; the times and the mismatches with the expected verdicts."""
    times, problems = [], []
    objectives = {}
    for loss, wrt, answer, verdict, kind in corpus:
        obj = objectives.setdefault(loss, from_text(loss, [v for v in ("omega", "w", "b") if v in loss]))
        start = time.perf_counter()
        result = check(obj, wrt, answer)
        times.append(time.perf_counter() - start)
        got_kind = result.diagnosis.kind if result.diagnosis else None
        if result.verdict != verdict or (kind and got_kind != kind):
            problems.append(f"{answer!r} d/d{wrt}: expected {verdict}/{kind}, got {result.verdict}/{got_kind}")
    return times, problems


def run_real() -> dict:
    """The real-answer corpus (tests/corpus/real_answers.py): rates of each outcome and the times."""
    from tests.corpus.runner import judge_all
    outcomes = judge_all()
    total = len(outcomes)
    count = lambda test: sum(1 for o in outcomes if test(o))  # noqa: E731
    times = [o.seconds for o in outcomes]
    return {
        "answers": total,
        "wrong_share": count(lambda o: o.answer.verdict == "incorrect") / total,
        "right": count(lambda o: o.verdict == o.answer.verdict) / total,
        "false_correct": count(lambda o: o.verdict == "correct" and o.answer.verdict != "correct"),
        "false_incorrect": count(lambda o: o.verdict == "incorrect" and o.answer.verdict != "incorrect"),
        "undecided": count(lambda o: o.verdict == "undecided") / total,
        "refused": count(lambda o: o.verdict == "refused") / total,
        "median_s": statistics.median(times), "worst_s": max(times),
        "mismatches": [f"{o.answer.answer!r} d/d{o.answer.wrt}: expected {o.answer.verdict}, got {o.verdict} "
                       f"{o.detail}" for o in outcomes if o.verdict != o.answer.verdict],
    }


if __name__ == "__main__":
    times, problems = run()
    print(f"{len(times)} answers checked")
    print(f"median {statistics.median(times) * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms, "
          f"total {sum(times):.2f} s")
    for p in problems:
        print("MISMATCH", p)
    real = run_real()
    print(f"real answers (tests/corpus/real_answers.py): {real['answers']} answers, "
          f"{real['wrong_share']:.0%} of them wrong")
    print(f"  right {real['right']:.1%}, false-correct {real['false_correct']}, "
          f"false-incorrect {real['false_incorrect']}, undecided {real['undecided']:.1%}, "
          f"refused {real['refused']:.1%}")
    print(f"  median {real['median_s'] * 1000:.1f} ms, worst {real['worst_s'] * 1000:.1f} ms")
    for p in real["mismatches"]:
        print("MISMATCH", p)
    import tensor_corpus  # the vector and matrix answers (check --shapes), scored the same way
    from tests.corpus.tensor_answers import ANSWERS
    outcomes = [tensor_corpus.judge(k, e) for k, e in enumerate(ANSWERS)]
    t = tensor_corpus.summary(outcomes)
    by = ", ".join(f"{k} {v:.1%}" for k, v in t["right_by_notation"].items())
    print(f"vector/matrix answers (tests/corpus/tensor_answers.py): {t['answers']} answers, {t['real']} real, "
          f"{t['expected_incorrect'] / t['answers']:.0%} of them wrong")
    print(f"  right {t['right']:.1%} ({by}), false-correct {t['false_correct']}, false-incorrect "
          f"{t['false_incorrect']}, undecided {t['undecided'] / t['answers']:.1%}, refused {t['refused'] / t['answers']:.1%}")
    print(f"  median {t['median_s'] * 1000:.1f} ms, worst {t['worst_s'] * 1000:.1f} ms")
