"""One objective across commands: for every built-in model, ``derive``, ``check``, ``graph``, ``homework``
and ``train``'s compiled objective mean the same loss, because they all call ``build(spec)``.

``derive --format json`` is the reference: its loss and gradients, parsed back, must equal the library's
objective and sympy.diff of it; ``check`` must accept derive's own answer; ``graph``'s forward value and
adjoints at a point, and ``train``'s compiled mean loss and gradient on a small data set, must equal
derive's numbers; the homework document must print derive's loss and gradients.
"""
from __future__ import annotations

import json

import numpy as np
import pytest
import sympy

from numeric import compile_expression
from symbolic.models import LOSSES, MODELS, ObjectiveSpec, build
from symbolic.parse import parse_expression
from tests.checks import symbolically_equal
from tests.cli import run_cli as run

#: model → (its CLI options, the same options as homework TOML keys); every registry entry has a row
CASES = {
    "linear": (["--features", "2"], {"features": 2}),
    "logistic": (["--features", "2"], {"features": 2}),
    "softmax": (["--features", "2", "--classes", "3"], {"features": 2, "classes": 3}),
    "neuron": (["--features", "2", "--activation", "tanh"], {"features": 2, "activation": "tanh"}),
    "two_layer": (["--features", "2", "--hidden", "2"], {"features": 2, "hidden": 2}),
}


def test_every_model_has_a_case():
    assert set(CASES) == set(MODELS)


def _derived(capsys, name):
    code, out, err = run(capsys, "derive", "--model", name, *CASES[name][0], "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    loss = parse_expression(data["loss"]["text"])
    gradients = {p: parse_expression(g["text"]) for p, g in data["gradients"].items()}
    return data, loss, gradients


def _point(loss, name, rng):
    point = {s.name: float(rng.uniform(-1.2, 1.2)) for s in loss.free_symbols}
    point["y"] = {"classes": 2.0, "binary": 1.0, "pm1": 1.0}.get(LOSSES[MODELS[name].default_loss].labels,
                                                                point.get("y", 0.3))
    return point


def _value(expr, point):
    variables = sorted(expr.free_symbols, key=lambda s: s.name)
    return float(compile_expression(expr, variables)(*[point[v.name] for v in variables]))


@pytest.mark.parametrize("name", sorted(CASES))
def test_derive_means_the_library_objective_and_its_gradient(capsys, name):
    data, loss, gradients = _derived(capsys, name)
    built = build(ObjectiveSpec(model=name, **CASES[name][1]))
    assert built.loss == MODELS[name].default_loss  # logistic: binary cross-entropy, as train and homework
    assert symbolically_equal(loss, built.expression)
    assert list(gradients) == [p.name for p in built.parameters]
    by_name = {s.name: s for s in loss.free_symbols}
    rng = np.random.default_rng(3)
    point = _point(loss, name, rng)
    for p, gradient in gradients.items():
        truth = sympy.diff(loss, by_name[p])
        assert _value(gradient, point) == pytest.approx(_value(truth, point), rel=1e-9, abs=1e-12), p


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_accepts_the_derived_gradient_and_refuses_its_negative(capsys, name):
    data, _, gradients = _derived(capsys, name)
    p = next(iter(gradients))
    answer = data["gradients"][p]["text"]
    code, out, err = run(capsys, "check", "--model", name, *CASES[name][0], "--wrt", p, "--answer", answer, "--json")
    assert code == 0 and json.loads(out)["verdict"] == "correct", out + err
    code, out, err = run(capsys, "check", "--model", name, *CASES[name][0], "--wrt", p, "--answer",
                         f"-({answer})", "--json")
    assert code == 1 and json.loads(out)["verdict"] == "incorrect", out + err


@pytest.mark.parametrize("name", sorted(CASES))
def test_graph_forward_value_and_adjoints_are_derives_numbers(capsys, name):
    _, loss, gradients = _derived(capsys, name)
    point = _point(loss, name, np.random.default_rng(5))
    at = ",".join(f"{k}={v!r}" for k, v in point.items())
    code, out, err = run(capsys, "graph", "--model", name, *CASES[name][0], "--at", at, "--format", "json")
    assert code == 0, err
    graph = json.loads(out)
    root = graph["nodes"][-1]
    assert root["value"] == pytest.approx(_value(loss, point), rel=1e-9)
    assert set(graph["gradients"]) == set(gradients)
    for p, gradient in gradients.items():
        assert graph["gradients"][p] == pytest.approx(_value(gradient, point), rel=1e-9, abs=1e-12), p


@pytest.mark.parametrize("name", sorted(CASES))
def test_homework_prints_derives_loss_and_gradients(tmp_path, capsys, name):
    data, _, _ = _derived(capsys, name)
    keys = "\n".join(f"{k} = {json.dumps(v)}" for k, v in CASES[name][1].items())
    spec = tmp_path / "hw.toml"
    spec.write_text(f'title = "t"\n[[problem]]\nmodel = "{name}"\n{keys}\nupdate = false\n')
    code, out, err = run(capsys, "homework", str(spec), "-o", str(tmp_path / "hw.tex"))
    assert code == 0, err
    tex = (tmp_path / "hw.tex").read_text()
    assert r"\mathcal{L} = " + data["loss"]["latex"] + r" \]" in tex
    for p, g in data["gradients"].items():
        assert "} = " + g["latex"] + r"} \]" in tex, p


def _labels(name, rng, n):
    labels = LOSSES[MODELS[name].default_loss].labels
    if labels == "classes":
        return rng.integers(0, 3, size=n).astype(float)  # the data's 0..k-1; the loss sees 1..k
    if labels == "binary":
        return rng.integers(0, 2, size=n).astype(float)
    return rng.normal(size=n)


@pytest.mark.parametrize("name", sorted(CASES))
def test_train_compiles_the_objective_derive_differentiates(tmp_path, capsys, name):
    from numeric import compile_objective
    from numeric.data import load
    from numeric.train import label_convention
    from symgrad.cli import build_parser
    from symgrad.commands.train import _objective
    _, loss, gradients = _derived(capsys, name)
    rng = np.random.default_rng(8)
    n = 40
    x1, x2, y = rng.normal(size=n), rng.normal(size=n), _labels(name, rng, n)
    csv = tmp_path / "data.csv"
    csv.write_text("x1,x2,y\n" + "".join(f"{float(a)!r},{float(b)!r},{float(c)!r}\n" for a, b, c in zip(x1, x2, y)))
    assert CASES[name][0][:2] == ["--features", "2"]
    options = CASES[name][0][2:]  # train takes d = 2 from the data's feature columns
    args = build_parser(["train"]).parse_args(["train", "--model", name, *options, "--data", str(csv)])
    obj = _objective(args, load(str(csv)))
    compiled = compile_objective(obj)
    assert list(compiled.parameters) == list(gradients)
    theta = rng.uniform(-1, 1, size=len(compiled.parameters))
    labels, _ = label_convention(obj.task, y)
    value, grad = compiled.value_and_grad(theta, compiled.batch({"x1": x1, "x2": x2, "y": labels}))
    rows = [dict(zip(compiled.parameters, theta), x1=a, x2=b, y=c) for a, b, c in zip(x1, x2, labels)]
    assert value == pytest.approx(np.mean([_value(loss, r) for r in rows]), rel=1e-9)
    for k, p in enumerate(compiled.parameters):
        assert grad[k] == pytest.approx(np.mean([_value(gradients[p], r) for r in rows]), rel=1e-8, abs=1e-12), p


# Bug: ``derive … --wrt W`` printed ∂L/∂W = 0, differentiating by the IndexedBase's label.
def test_derive_by_an_indexed_label_gives_each_entry(capsys):
    loss = "(y - W[1,1]*x1 - W[1,2]*x2)**2"
    code, out, err = run(capsys, "derive", loss, "--wrt", "W", "--format", "json")
    assert code == 0, err
    gradients = json.loads(out)["gradients"]
    assert list(gradients) == ["W[1, 1]", "W[1, 2]"]
    expr = parse_expression(loss)
    for p, g in gradients.items():
        entry = next(e for e in expr.atoms(sympy.Indexed) if e.name == p)
        assert symbolically_equal(parse_expression(g["text"]), sympy.diff(expr, entry))
        assert g["note"] is None
    code, out, err = run(capsys, "derive", loss, "--wrt", "W")
    assert code == 0 and "∂L/∂W =" not in out and "∂L/∂W[1, 2] = -2·(y - x₁·W[1, 1] - x₂·W[1, 2])·x₂" in out
    code, out, err = run(capsys, "check", loss, "--wrt", "W[1,2]", "--answer", "-2*x2*(y - W[1,1]*x1 - W[1,2]*x2)")
    assert code == 0, out + err
    code, out, err = run(capsys, "derive", "Sum((y[i] - W[i]*x[i])**2, (i, 1, n))", "--wrt", "W")
    assert code == 2 and "W appears as W[i]" in err and err.count("\n") == 1


# Bug: ``derive "(sigmoid(sin(w*x - b + b)))**2" --wrt w,b`` said "no variable 'b'".
def test_derive_by_a_written_parameter_that_cancels(capsys):
    loss = "(sigmoid(sin(w*x - b + b)))**2"
    code, out, err = run(capsys, "derive", loss, "--wrt", "w,b", "--format", "json")
    assert code == 0, err
    gradients = json.loads(out)["gradients"]
    assert gradients["b"]["text"] == "0" and "b was written but cancels" in gradients["b"]["note"]
    assert gradients["w"]["note"] is None and gradients["w"]["text"] != "0"
    code, out, err = run(capsys, "derive", loss, "--wrt", "w,b")
    assert code == 0 and "∂L/∂b = 0\nnote: b was written but cancels out of the loss" in out
    code, out, err = run(capsys, "derive", loss, "--wrt", "w,c")
    assert code == 2 and "no variable 'c'" in err


def test_derive_keeps_its_json_contract(capsys):
    code, out, err = run(capsys, "derive", "--model", "neuron", "--format", "json")
    data = json.loads(out)
    assert set(data) >= {"loss", "gradients"} and set(data["loss"]) >= {"text", "latex"}
    for g in data["gradients"].values():
        assert set(g) >= {"text", "latex", "compact_latex", "definitions", "steps", "note"}
        assert all(set(s) >= {"rule", "latex", "unicode"} for s in g["steps"])
