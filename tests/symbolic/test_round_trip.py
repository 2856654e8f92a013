"""What derive prints, check reads back as correct: every built-in model, LaTeX and text, per example
and as an empirical risk, for every parameter."""
from __future__ import annotations

import pytest

from symbolic import derive
from symbolic.check import check
from symbolic.models.spec import ObjectiveSpec, build
from symbolic.render.json import derivation_json

SPECS = [
    ObjectiveSpec(model="neuron", reg="l2"),
    ObjectiveSpec(model="neuron", activation="tanh", loss="hinge", reg="l1"),
    ObjectiveSpec(model="linear", features=2, reg="l2"),
    ObjectiveSpec(model="logistic", features=2, reg="l2"),
    ObjectiveSpec(model="softmax", features=1, classes=2),
    ObjectiveSpec(model="two_layer", features=2, hidden=2, biases=True),
    ObjectiveSpec(model="neuron", risk=True),
    ObjectiveSpec(model="linear", features=1, risk=True),
    ObjectiveSpec(model="logistic", features=2, risk=True),
    ObjectiveSpec(model="softmax", features=1, classes=2, risk=True),
]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.model}{'-risk' if s.risk else ''}-{s.loss or ''}")
def test_derived_latex_and_text_check_back_as_correct(spec):
    obj = build(spec)
    for name, d in list(derive(obj).items())[:3]:
        printed = derivation_json(d)
        for notation, key in (("latex", "latex"), ("text", "text")):
            v = check(obj, name, printed[key], notation, expected=d.gradient)
            assert v.verdict == "correct", (name, key, printed[key], v.evidence)
        if not spec.risk:  # the compact form in derive's own inner names (z, z₂, ŷ), read back by check
            v = check(obj, name, printed["compact_latex"], "latex")
            assert v.verdict == "correct", (name, printed["compact_latex"], v.evidence)
