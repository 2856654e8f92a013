"""Every answer of the real-answer corpus gets the verdict it deserves (tests/corpus/real_answers.py)."""
from __future__ import annotations

import pytest

from tests.corpus.real_answers import ANSWERS
from tests.corpus.runner import judge_all


@pytest.fixture(scope="module")
def outcomes():
    return judge_all(ANSWERS)


def test_the_corpus_is_large_and_has_wrong_answers():
    wrong = sum(a.verdict == "incorrect" for a in ANSWERS)
    assert len(ANSWERS) >= 150 and wrong >= 0.2 * len(ANSWERS)
    assert all(a.source for a in ANSWERS)


def test_every_real_answer_gets_its_verdict(outcomes):
    mismatches = [f"{o.answer.answer!r} d/d{o.answer.wrt} of {o.answer.loss}: expected {o.answer.verdict}, "
                  f"got {o.verdict} {o.detail}" for o in outcomes if o.verdict != o.answer.verdict]
    assert not mismatches, "\n".join(mismatches)


def test_no_answer_is_refused_or_undecided(outcomes):
    assert [o.answer.answer for o in outcomes if o.verdict in ("refused", "undecided")] == []
