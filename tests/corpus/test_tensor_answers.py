"""The vector/matrix corpus (tests/corpus/tensor_answers.py): real answers from course notes, homework and
Q&A plus single-slip variants.  No verdict may be wrong in either direction; the right rate may only rise.
The expected verdicts themselves are checked against numpy central differences (``--truth``)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.corpus.tensor_answers import ANSWERS

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("tensor_corpus", ROOT / "benchmarks" / "tensor_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["tensor_corpus"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def outcomes():
    bench = _bench()
    return [bench.judge(k, e) for k, e in enumerate(ANSWERS)]


def test_no_verdict_is_wrong_in_either_direction(outcomes):
    false_correct = [o for o in outcomes if o.got == "correct" and o.entry["verdict"] != "correct"]
    false_incorrect = [o for o in outcomes if o.got == "incorrect" and o.entry["verdict"] != "incorrect"]
    assert not false_correct, [(o.entry["source"], o.entry["answer"]) for o in false_correct]
    assert not false_incorrect, [(o.entry["source"], o.entry["answer"], o.detail) for o in false_incorrect]
    assert not [o for o in outcomes if o.got == "crashed"], [o.detail for o in outcomes if o.got == "crashed"]


def test_right_rates_hold(outcomes):
    s = _bench().summary(outcomes)
    assert s["answers"] >= 200 and s["real"] >= 120
    assert s["right"] >= 0.90, s["right"]
    assert s["right_by_notation"]["numpy"] >= 0.97, s["right_by_notation"]
    assert s["right_by_notation"]["latex"] >= 0.85, s["right_by_notation"]
    assert s["undecided"] <= 0.03 * s["answers"]


def test_expected_verdicts_agree_with_central_differences():
    assert _bench().check_truth(ANSWERS) == 0
