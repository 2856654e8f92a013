"""The third vector/matrix corpus, gathered apart from the other two (CS224n word2vec, Clark's notes, 11-785, Cornell ridge, Coursera ports) to
measure how the readers and the verdict generalize: no wrong verdict either way, the right rate held."""
from __future__ import annotations

import pytest

from tests.corpus.test_tensor_answers import _bench
from tests.corpus import tensor_answers_third as corpus


@pytest.fixture(scope="module")
def outcomes():
    bench = _bench()
    return [bench.judge(k, e) for k, e in enumerate(corpus.ANSWERS)]


def test_no_verdict_is_wrong_in_either_direction(outcomes):
    assert not [o for o in outcomes if o.got == "correct" and o.entry["verdict"] != "correct"]
    assert not [o for o in outcomes if o.got == "incorrect" and o.entry["verdict"] != "incorrect"]
    assert not [o for o in outcomes if o.got == "crashed"]


def test_right_rate_holds(outcomes):
    s = _bench().summary(outcomes)
    assert s["answers"] >= 90 and s["right"] >= 0.90, s["right"]


def test_expected_verdicts_agree_with_central_differences():
    assert _bench().check_truth(corpus.ANSWERS, corpus) == 0
