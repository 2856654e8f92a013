"""Computation graphs: the backward pass equals the derivation and finite differences, for every
built-in model; the lecture's examples; the sum over children; tables and pictures."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
import sympy

from numeric import central_difference, compile_expression
from symbolic import derive
from symbolic.graph import GraphError, adjoint_expression, build_graph, run_passes
from symbolic.graph.picture import dot_source, render
from symbolic.graph.tables import json_table, latex_table, markdown_table, text_table
from symbolic.models import MODELS, neuron_objective, objective
from symbolic.names import symbol
from tests.checks import symbolically_equal
from tests.system_tools import needs

MODEL_CASES = [
    ("neuron", {"activation": "sigmoid"}, "squared", "l2"),
    ("neuron", {"activation": "tanh"}, "hinge", "l1"),
    ("linear", {"features": 2}, "squared", "l2"),
    ("logistic", {"features": 2}, "binary_cross_entropy", "l2"),
    ("softmax", {"features": 1, "classes": 3}, "cross_entropy", "l2"),
    ("two_layer", {"activation": "sigmoid", "features": 2, "hidden": 2, "biases": True}, "squared", "l2"),
    ("two_layer", {"activation": "relu", "features": 2, "hidden": 2}, "squared", "none"),
]


def _point(obj, rng):
    point = {s.name: float(rng.uniform(-1.5, 1.5)) for s in obj.expression.free_symbols}
    if "y" in point and obj.task == "classes":
        point["y"] = 2.0
    if "lambda" in point:
        point["lambda"] = 0.1
    return point


@pytest.mark.parametrize("granularity", ["student", "full"])
@pytest.mark.parametrize("case", MODEL_CASES, ids=lambda c: f"{c[0]}-{c[2]}")
def test_backward_pass_equals_derivation_and_finite_differences(case, granularity):
    name, kwargs, loss, reg = case
    obj = objective(MODELS[name](**kwargs), loss, reg)
    rng = np.random.default_rng(11)
    point = _point(obj, rng)
    graph = build_graph(obj, granularity=granularity)
    passes = run_passes(graph, point)
    variables = sorted(obj.expression.free_symbols, key=lambda s: s.name)
    values = [point[v.name] for v in variables]
    f = compile_expression(obj.expression, variables)
    derivations = derive(obj)
    for p, adjoint in passes.gradient().items():
        # the symbolic backward pass, unrolled, is the derived gradient
        assert symbolically_equal(adjoint_expression(passes, graph.node(p).id), derivations[p].gradient)
        # its number is the derivation's number and central differences
        exact = float(compile_expression(derivations[p].gradient, variables)(*values))
        assert adjoint == pytest.approx(exact, rel=1e-10, abs=1e-12)
        numeric = central_difference(f, values, [v.name for v in variables].index(p))
        assert adjoint == pytest.approx(numeric, rel=1e-5, abs=1e-7)
    # the forward pass: the root's value is the loss
    assert passes.values[-1] == pytest.approx(float(f(*values)), rel=1e-12)


def test_the_neuron_is_drawn_the_way_a_student_draws_it():
    graph = build_graph(neuron_objective())
    ops = [(n.symbol.name, sympy.sstr(n.local)) for n in graph.nodes if n.kind == "operation"]
    assert ops == [("z", "b + omega*x"), ("a", "sigmoid(z)"), ("r", "-a + y"), ("L", "lambda*omega**2 + r**2/2")]
    kinds = {n.symbol.name: n.kind for n in graph.nodes if n.kind != "operation"}
    assert kinds == {"b": "parameter", "omega": "parameter", "x": "data", "y": "data", "lambda": "constant"}


def test_the_neuron_values_at_the_lectures_point():
    passes = run_passes(build_graph(neuron_objective()), {"omega": 0.5, "b": 0.1, "x": 2, "y": 1, "lambda": 0.01})
    graph = passes.graph
    s = 1 / (1 + np.exp(-1.1))
    assert passes.values[graph.node("z").id] == pytest.approx(1.1)
    assert passes.values[graph.node("a").id] == pytest.approx(s)
    g = passes.gradient()
    assert g["omega"] == pytest.approx(-(1 - s) * s * (1 - s) * 2 + 2 * 0.01 * 0.5)
    assert g["b"] == pytest.approx(-(1 - s) * s * (1 - s))


def test_v_equals_u_squared():
    u = symbol("u")
    passes = run_passes(build_graph(u**2, ["u"], "full"), {"u": 3.0})
    assert passes.gradient() == {"u": pytest.approx(6.0)}
    (edge,) = passes.graph.edges
    assert edge.local_derivative == 2 * u


def test_two_paths_from_u_sum_over_children():
    # the lecture's f(u) = z(v(u), w(u)) with v = u², w = sin u, z = v·w
    u = symbol("u")
    graph = build_graph(u**2 * sympy.sin(u), ["u"], "full")
    passes = run_passes(graph, {"u": 1.3})
    u_id = graph.node("u").id
    assert len(graph.children(u_id)) == 2
    terms = [a for a in passes.accumulations if a.parent == u_id]
    assert len(terms) == 2
    assert sum(a.term_value for a in terms) == pytest.approx(passes.adjoints[u_id])
    assert passes.adjoints[u_id] == pytest.approx(2 * 1.3 * np.sin(1.3) + 1.3**2 * np.cos(1.3))
    assert "ū = ā·∂a/∂u + p̄·∂p/∂u" in text_table(passes)


def test_a_shared_subexpression_is_one_node():
    w, x, b = symbol("w"), symbol("x"), symbol("b")
    from symbolic.activations import Sigmoid
    z = w * x + b
    graph = build_graph(Sigmoid(z) * z, ["w", "b"])
    (zn,) = [n for n in graph.nodes if n.expression == z]
    assert len(graph.children(zn.id)) == 2


def test_tables_in_every_format():
    passes = run_passes(build_graph(neuron_objective()), {"omega": 0.5, "b": 0.1, "x": 2, "y": 1, "lambda": 0.01})
    text = text_table(passes)
    assert "σ(z)" in text and "∂a/∂z = σ(z)·(1 - σ(z))" in text
    md = markdown_table(passes)
    assert md.splitlines()[0].startswith("| node | expression")
    tex = latex_table(passes)
    assert tex.startswith(r"\begin{tabular}") and r"\frac{\partial a}{\partial z}" in tex
    data = json_table(passes)
    json.dumps(data)
    assert set(data) == {"point", "output", "nodes", "gradients", "notation"}
    assert {"id", "expression", "parents", "value", "adjoint"} <= set(data["nodes"][0])


@needs("dot")
def test_picture_with_graphviz(tmp_path):
    passes = run_passes(build_graph(neuron_objective()), {"omega": 0.5, "b": 0.1, "x": 2, "y": 1, "lambda": 0.01})
    png, svg = render(passes, tmp_path / "g.png"), render(passes, tmp_path / "g.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    content = svg.read_text()
    assert "<svg" in content and "σ(z)" in content and "ω̄ = " in content
    assert "σ(z)" in passes._repr_svg_()


def test_without_graphviz_the_dot_file_is_written(tmp_path, monkeypatch):
    import symbolic.graph.picture as picture
    monkeypatch.setattr(picture.shutil, "which", lambda name: None)
    passes = run_passes(build_graph(neuron_objective()), {"omega": 0.5, "b": 0.1, "x": 2, "y": 1, "lambda": 0.01})
    with pytest.raises(Exception, match="not installed"):
        render(passes, tmp_path / "g.svg")
    assert (tmp_path / "g.dot").read_text().startswith("digraph")
    assert "n0 -> " in dot_source(passes)


@pytest.mark.parametrize("point, message", [
    ({"omega": 0.5}, "give a value for b, lambda, x, y"),
    ({"omega": 0.5, "b": 0, "x": 1, "y": 1, "lambda": 0, "theta": 1}, "no variable 'theta'"),
])
def test_bad_points(point, message):
    with pytest.raises(GraphError, match=message):
        run_passes(build_graph(neuron_objective()), point)


def test_undefined_point_names_the_node():
    x = symbol("x")
    with pytest.raises(GraphError, match="node L = log"):
        run_passes(build_graph(sympy.log(x), ["x"]), {"x": -1.0})
