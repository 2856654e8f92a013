"""The vector/matrix corpora gathered apart from the first (tensor_answers_heldout.py: other courses, books, Q&A,
notebooks; tensor_answers_third.py: CS224n word2vec, Clark's notes, 11-785, Cornell ridge, Coursera ports), to
measure how the readers and the verdict generalize: no wrong verdict either way, the right rate held, and every
expected verdict agreeing with numpy central differences."""
from __future__ import annotations

import importlib

import pytest

from tests.corpus.test_tensor_answers import _bench

#: corpus module → (the fewest answers it holds, the right rate it keeps)
CORPORA = {"tests.corpus.tensor_answers_heldout": (120, 0.90), "tests.corpus.tensor_answers_third": (90, 0.90)}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def judged(request):
    corpus = importlib.import_module(request.param)
    bench = _bench()
    return request.param, corpus, [bench.judge(k, e) for k, e in enumerate(corpus.ANSWERS)]


def test_no_verdict_is_wrong_in_either_direction(judged):
    _, _, outcomes = judged
    assert not [o.entry["answer"] for o in outcomes if o.got == "correct" and o.entry["verdict"] != "correct"]
    assert not [o.entry["answer"] for o in outcomes if o.got == "incorrect" and o.entry["verdict"] != "incorrect"]
    assert not [o.detail for o in outcomes if o.got == "crashed"]


def test_right_rate_holds(judged):
    name, _, outcomes = judged
    fewest, rate = CORPORA[name]
    s = _bench().summary(outcomes)
    assert s["answers"] >= fewest and s["right"] >= rate, s["right"]


def test_expected_verdicts_agree_with_central_differences(judged):
    _, corpus, _ = judged
    assert _bench().check_truth(corpus.ANSWERS, corpus) == 0
