"""Steps as data: every step names registered rules and records what it rewrote, and the JSON has it all."""
from __future__ import annotations

import json

import pytest
import sympy

from symbolic import derive
from symbolic.derive import Step
from symbolic.derive.display import Pending
from symbolic.derive.registry import REGISTRY, Rule, rule
from symbolic.models import neuron_objective
from symbolic.parse import FUNCTIONS, parse_expression
from symbolic.render.json import derivations_json, line_value
from symbolic.render.latex import latex
from tests.symbolic.test_derive import CASES, _id, build

#: the printed phrases of today's derivations, which the registry must keep word for word
PHRASES = {"constant": "constant", "variable": "variable", "linear": "linear", "sum_rule": "sum rule",
           "sum_over_data": "sum rule", "constant_factor": "constant factor", "product_rule": "product rule",
           "power_rule": "power rule", "exponential_rule": "exponential rule", "chain_rule": "chain rule",
           "activation_derivative": "activation derivative", "derivative_of_abs": "derivative of Abs",
           "derivative_of_max": "derivative of Max", "derivative_of_log": "derivative of log"}


@pytest.mark.parametrize("rule_id, phrase", PHRASES.items())
def test_registry_keeps_the_printed_phrases(rule_id, phrase):
    assert rule(rule_id).name == phrase
    assert rule(rule_id).statement_latex and rule(rule_id).statement_unicode


def test_every_registry_entry_is_filed_under_its_id():
    assert all(key == r.id for key, r in REGISTRY.items())
    assert all(isinstance(r, Rule) for r in REGISTRY.values())


def test_an_unknown_rule_is_an_error_where_the_step_is_built():
    with pytest.raises(ValueError, match="unknown rule 'chain rul'"):
        Step(("chain rul",), sympy.Symbol("x"))
    with pytest.raises(ValueError, match="not the registered one"):
        Step((Rule("chain_rule", "chain rule", "", ""),), sympy.Symbol("x"))
    with pytest.raises(TypeError):
        Step("chain_rule", sympy.Symbol("x"))
    assert Step(("chain_rule",), sympy.Symbol("x")).rules == (REGISTRY["chain_rule"],)


def _contains(line: sympy.Expr, part: sympy.Expr, path) -> bool:
    node = line
    for i in path:
        node = node.args[i]
    return node == part


def _check_steps(d):
    lhs = Pending(d.objective, d.parameter)
    previous = lhs
    for step in d.steps:
        assert step.rules and all(REGISTRY[r.id] is r for r in step.rules)
        assert step.rewrites, (step.rule, step.expression)
        for w in step.rewrites:
            assert w.rules and all(REGISTRY[r.id] is r for r in w.rules)
            assert set(w.rules) <= set(step.rules) or [r.id for r in w.rules] == ["constant"]
            # before is a part of the previous line, after a part of this one, at the paths recorded
            assert w.before_path is not None and _contains(previous, w.before, w.before_path), (w.before, previous)
            if w.after_path is None:
                # a factor 1 the line dropped, or a lone symbol that moved: any x would be a guess
                assert w.after.is_Atom or w.after.is_Indexed, (w.after, step.expression)
            else:
                assert _contains(step.expression, w.after, w.after_path)
        previous = step.expression


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_every_step_names_registered_rules_and_what_it_rewrote(case):
    for d in derive(build(case)).values():
        _check_steps(d)


@pytest.mark.parametrize("case", [c for c in CASES if not c[4]][::4], ids=_id)
def test_each_rewrite_is_an_equality(case):
    for d in derive(build(case)).values():
        for step in d.steps:
            for w in step.rewrites:
                before, after = line_value(d, w.before), line_value(d, w.after)
                assert sympy.simplify(before - after) == 0, (w.rule, w.before, w.after)


def _check_json(data):
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    for g in data["gradients"].values():
        for s in g["steps"]:
            assert set(s) >= {"rule", "latex", "unicode", "rules", "expression", "definitions", "rewrites",
                              "marked_latex", "previous_marked_latex"}
            assert s["rule"] == ", ".join(dict.fromkeys(r["name"] for r in s["rules"]))
            assert all(REGISTRY[r["id"]].to_json() == r for r in s["rules"])
            assert s["expression"]["latex"] == s["latex"]
            texts = [s["expression"]["text"]] + [d["text"] for d in s["definitions"]]
            for k, w in enumerate(s["rewrites"]):
                assert set(w) >= {"rule", "rules", "label", "target", "before", "after", "before_path", "after_path"}
                assert all(r in REGISTRY for r in w["rules"])
                assert w["label"] == f"symgrad-rewrite-{k}"
                # marking is best effort: a part the layout prints from a rebuilt object (1/u) stays unmarked
                if rf"\htmlClass{{{w['label']}}}{{" in s["marked_latex"]:
                    assert w["after_path"] is not None
                texts += [w[part]["text"] for part in ("target", "before", "after")]
            for text in texts:
                parse_expression(text)  # every "text" parses back


@pytest.mark.parametrize("case", [c for c in CASES if c[0] != "two_layer"][::5] + [CASES[-1]], ids=_id)
def test_the_json_of_every_step_is_complete_and_parses_back(case):
    obj = build(case)
    _check_json(derivations_json(obj.expression, derive(obj)))


#: the neuron demo's steps as ``symgrad derive --model neuron --activation sigmoid --loss squared
#: --reg l2 --steps --format json`` printed them before steps became data
NEURON_OMEGA_STEPS = [
    {"rule": "sum rule",
     "latex": r"\frac{\partial}{\partial \omega}\left[\frac{1}{2} \left(y - \sigma\!\left(\omega x + b\right)\right)^{2}\right]"
              r" + \frac{\partial}{\partial \omega}\left[\lambda \omega^{2}\right]",
     "unicode": "∂/∂ω[1/2·(y - σ(ω·x + b))²] + ∂/∂ω[λ·ω²]"},
    {"rule": "constant factor, power rule",
     "latex": r"\frac{1}{2} \cdot 2 \left(y - \sigma\!\left(\omega x + b\right)\right) \cdot \frac{\partial}{\partial \omega}"
              r"\left[y - \sigma\!\left(\omega x + b\right)\right] + 2 \lambda \omega",
     "unicode": "1/2·2·(y - σ(ω·x + b))·∂/∂ω[y - σ(ω·x + b)] + 2·λ·ω"},
    {"rule": "sum rule, constant factor, chain rule",
     "latex": r"\frac{1}{2} \cdot 2 \left(y - \sigma\!\left(z\right)\right) \left(-\sigma'\!\left(z\right) \cdot "
              r"\frac{\partial z}{\partial \omega}\right) + 2 \lambda \omega",
     "unicode": "1/2·2·(y - σ(z))·(-σ'(z)·∂z/∂ω) + 2·λ·ω"},
    {"rule": "activation derivative, linear",
     "latex": r"\frac{1}{2} \cdot 2 \left(y - \sigma\!\left(z\right)\right) \left(-\sigma\!\left(z\right) "
              r"\left(1 - \sigma\!\left(z\right)\right) x\right) + 2 \lambda \omega",
     "unicode": "1/2·2·(y - σ(z))·(-σ(z)·(1 - σ(z))·x) + 2·λ·ω"},
]


def test_the_neuron_demo_keeps_its_old_fields_and_gains_the_new_ones():
    obj = neuron_objective()
    data = derivations_json(obj.expression, derive(obj, ["omega", "b"]))
    steps = data["gradients"]["omega"]["steps"]
    assert [{k: s[k] for k in ("rule", "latex", "unicode")} for s in steps] == NEURON_OMEGA_STEPS
    assert set(data["gradients"]["omega"]) >= {"text", "latex", "compact_latex", "definitions", "steps"}
    _check_json(data)
    chain = steps[2]
    assert [r["id"] for r in chain["rules"]] == ["sum_rule", "constant_factor", "chain_rule"]
    assert chain["definitions"] == [{"name": "z", "text": "b + omega*x", "latex": r"\omega x + b"}]
    (w,) = chain["rewrites"]
    assert w["rules"] == ["sum_rule", "constant_factor", "chain_rule"]
    assert w["before"]["latex"] == r"\frac{\partial}{\partial \omega}\left[y - \sigma\!\left(\omega x + b\right)\right]"
    assert w["target"]["latex"] == r"y - \sigma\!\left(\omega x + b\right)"
    assert w["after"]["latex"] == r"-\sigma'\!\left(z\right) \cdot \frac{\partial z}{\partial \omega}"
    assert parse_expression(w["target"]["text"]) == parse_expression("y - sigmoid(omega*x + b)")
    last = steps[3]
    assert [(v["rules"], v["before"]["latex"], v["after"]["latex"]) for v in last["rewrites"]] == [
        (["activation_derivative"], r"\sigma'\!\left(z\right)", r"\sigma\!\left(z\right) \left(1 - \sigma\!\left(z\right)\right)"),
        (["linear"], r"\frac{\partial z}{\partial \omega}", "x")]
    assert r"\htmlClass{symgrad-rewrite-1}{x}" in last["marked_latex"]
    assert r"\htmlClass{symgrad-rewrite-1}{\frac{\partial z}{\partial \omega}}" in last["previous_marked_latex"]
    assert last["previous_marked_latex"].replace(r"\htmlClass{symgrad-rewrite-0}{", "", 1) != steps[2]["latex"]


def test_marking_never_changes_the_layout():
    for d in derive(neuron_objective("tanh")).values():
        data_steps = derivations_json(d.objective, {"p": d})["gradients"]["p"]["steps"]
        for s, step in zip(data_steps, d.steps):
            assert s["latex"] == latex(step.expression)
            assert "htmlClass" not in s["latex"] and s["marked_latex"].count(r"\htmlClass{") <= len(s["rewrites"])


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_function_the_parser_knows_has_a_registered_rule(name):
    entry = FUNCTIONS[name]
    args = "1, w*x + 1, y" if name == "softmax" else ", ".join(["w*x + 1"] + ["y"] * (entry.min_args - 1))
    loss = parse_expression(f"{name}({args})")
    (d,) = derive(loss, ["w"]).values()
    assert all(REGISTRY[r.id] is r for s in d.steps for r in s.rules)
    _check_steps(d)
