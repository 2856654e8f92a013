"""symgrad graph on typed matrix objectives: every node's symbolic adjoint ∂L/∂v, evaluated exactly
(symbolic/tensor/evaluate.py) at random non-square sizes, equals central differences of the loss wrt
that node's value, taken by cutting the graph at the node (numpy, tests/symbolic/test_tensor.np_value)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest
import sympy

from symbolic.tensor import parse_objective
from symbolic.tensor import tree as t
from symbolic.tensor.evaluate import value
from symbolic.tensor.graph import at_point, bar, dot_source, tensor_graph, text_table, to_json
from symbolic.tensor.simplify import rebuild
from tests.symbolic.test_tensor import _dims, _random, _shapes, np_value

#: (loss, extra shapes): ≥ 6 objectives, softmax regression and two-layer nets among them
OBJECTIVES = [
    ("sum((X@w - y)**2)/n + lambda*w@w", ""),
    ("sum(log(1 + exp(-y*(X@w))))/n + lambda*w@w", "y:n:pm1"),
    ("-sum(Y*log(softmax(X@W)))/n", "Y:n,k:onehot W:d,k"),
    ("-sum(Y*log(softmax(tanh(X@W1 + b1)@W2 + b2)))/n", "Y:n,k:onehot W1:d,h b1:h W2:h,k b2:k"),
    ("sum((sigmoid(X@W1)@v - y)**2)/(2*n)", "W1:d,h v:h"),
    ("x@B@x + trace(A@inv(M)@C)", "x:d B:d,d M:m,m A:k,m C:m,k"),
    ("-(x - mu)@inv(S)@(x - mu)/2 - logdet(S)/2", "x:d mu:d S:d,d:spd"),
    ("norm(X@W - R)**2 + sum(logsumexp(X@W))", "W:d,k R:n,k"),
]


def _cut(n: t.Node, target: t.Node, var: t.Var) -> t.Node:
    """n with every occurrence of ``target`` replaced by ``var`` (the graph cut at that node)."""
    if n == target:
        return var
    kids = n.children()
    return rebuild(n, [_cut(c, target, var) for c in kids]) if kids else n


def _exact(node: t.Node, env, dims) -> np.ndarray:
    sym_env = {k: sympy.Matrix(v.tolist()).applyfunc(sympy.Float) for k, v in env.items()}
    m = value(node, sym_env, dims).evalf()
    return np.array([[float(x) for x in m.row(i)] for i in range(m.rows)])


@pytest.mark.parametrize("loss, extra", OBJECTIVES, ids=[o[0] for o in OBJECTIVES])
def test_every_adjoint_equals_central_differences_at_the_cut(loss, extra):
    shapes = _shapes(extra)
    root = parse_objective(loss, shapes)
    graph = tensor_graph(root)
    dims = _dims(shapes, 3)
    assert len(set(dims.values())) == len(dims)
    rng = np.random.default_rng(2)
    env = {name: _random(*(int(sympy.sympify(x).subs(dims)) for x in var.shape), var.domain, rng)
           for name, var in t.variables(root).items()}
    checked, exact = 0, {}
    for gnode in graph.nodes:
        if gnode.adjoint is None:
            assert gnode.kind in ("constant", "data") or not any(
                isinstance(v, t.Var) for v in t.walk(gnode.node)), gnode.name
            continue
        assert gnode.adjoint.shape == gnode.node.shape
        ours = _exact(gnode.adjoint, env, dims)
        cut = t.Var("__cut", gnode.node.shape)
        cut_root = _cut(root, gnode.node, cut)
        base = np_value(gnode.node, env, dims)
        assert ours.shape == base.shape
        numeric = np.zeros_like(base)
        h = 1e-6
        for idx in np.ndindex(base.shape):
            plus, minus = base.copy(), base.copy()
            plus[idx] += h
            minus[idx] -= h
            numeric[idx] = (np_value(cut_root, {**env, "__cut": plus}, dims)[0, 0]
                            - np_value(cut_root, {**env, "__cut": minus}, dims)[0, 0]) / (2 * h)
        np.testing.assert_allclose(ours, numeric, rtol=1e-5, atol=1e-6, err_msg=f"∂L/∂{gnode.name}")
        exact[gnode.id] = ours
        checked += 1
    assert checked >= 6
    # the adjoints as shown (in the intermediates' names) and the edges' rules give the same numbers
    named = {**env, **{g.name: np_value(g.node, env, dims) for g in graph.nodes if g.kind == "operation"}}
    for gnode in graph.nodes:
        if gnode.adjoint is None:
            continue
        np.testing.assert_allclose(np_value(gnode.adjoint_named, named, dims), exact[gnode.id], rtol=1e-9, atol=1e-12)
        parts = [e for e in graph.edges if e.parent == gnode.id and e.contribution is not None]
        if gnode is graph.root:
            continue
        bars = {bar(graph.nodes[e.child].name): exact[e.child] for e in parts}
        total = sum(np_value(e.contribution, {**named, **bars}, dims) for e in parts)
        np.testing.assert_allclose(total, exact[gnode.id], rtol=1e-9, atol=1e-12, err_msg=f"edges into {gnode.name}")


def test_edges_name_their_rules_and_the_adjoints_use_the_intermediates_names():
    root = parse_objective("-sum(Y*log(softmax(X@W)))/n", _shapes("Y:n,k:onehot W:d,k"))
    graph = tensor_graph(root, ["W"])
    from symbolic.tensor.printing import unicode
    assert unicode(graph.node("W").adjoint_named) == "(1/n)Xᵀ(P − Y)"
    assert unicode(graph.node("Z").adjoint_named) == "(1/n)(P − Y)"
    assert unicode(graph.node("Z").adjoint) == "(1/n)(softmax(XW) − Y)"
    assert graph.node("X").adjoint is None and graph.node("Y").kind == "data"
    table = text_table(graph)
    assert "W → Z: W̄ += XᵀZ̄    [matrix product]" in table
    assert "Z     XW          n × k" in table


def test_values_at_a_point_are_the_forward_and_backward_pass():
    root = parse_objective("sum((X@w - y)**2)/n + lambda*w@w", _shapes(""))
    graph = at_point(tensor_graph(root, ["w"]), {"n": 4, "d": 2, "lambda": 0.1}, seed=3)
    values = dict(graph.point)
    assert values == {"d": 2.0, "lambda": 0.1, "n": 4.0}
    X, w, y = (np.array(graph.values[graph.node(k).id].tolist(), dtype=float) for k in "Xwy")
    loss = float(graph.values[graph.root.id][0, 0])
    assert X.shape == (4, 2) and loss == pytest.approx(((X @ w - y) ** 2).sum() / 4 + 0.1 * (w * w).sum())
    grad = np.array(graph.adjoint_values[graph.node("w").id].tolist(), dtype=float)
    np.testing.assert_allclose(grad, 2 * X.T @ (X @ w - y) / 4 + 0.2 * w, rtol=1e-10)
    assert "[" in text_table(graph) and "at d=2, lambda=0.1, n=4" in text_table(graph)


def test_dot_has_shapes_and_adjoints():
    root = parse_objective("-sum(Y*log(softmax(tanh(X@W1 + b1)@W2)))/n", _shapes("Y:n,k:onehot W1:d,h b1:h W2:h,k"))
    source = dot_source(tensor_graph(root, ["W1", "b1", "W2"]))
    assert "(n × d)" in source and "(d × h)" in source and "(h)" in source
    assert "W̄2 = (1/n)A" in source and "matrix product" in source and source.count("->") >= 10


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "symgrad", *args], capture_output=True, text=True, cwd=cwd)


def test_cli_graph_with_shapes(tmp_path):
    out = _cli("graph", "sum(log(1 + exp(-y*(X@w))))/n", "--shapes", "X:n,d w:d y:n:pm1", "--wrt", "w",
               "--at", "n=5,d=3", "--format", "json", "--render", str(tmp_path / "g.dot"))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["wrt"] == ["w"] and data["point"] == {"n": 5.0, "d": 3.0}
    w = next(n for n in data["nodes"] if n["name"] == "w")
    assert w["shape"] == "d" and w["adjoint"] == "−(1/n)Xᵀ(a ⊙ y ⊘ r)" and len(w["adjoint_value"]) == 3
    assert w["adjoint_full"] == "−(1/n)Xᵀ(y ⊙ σ(−y ⊙ Xw))"
    assert "(n × d)" in (tmp_path / "g.dot").read_text()
    bad = _cli("graph", "sum(X@w)", "--shapes", "X:n,d w:d", "--at", "q=3")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "q" in bad.stderr


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_cli_renders_a_png(tmp_path):
    out = _cli("graph", "-sum(Y*log(softmax(X@W)))/n", "--shapes", "X:n,d Y:n,k:onehot W:d,k", "--wrt", "W",
               "--render", str(tmp_path / "g.png"), "-o", str(tmp_path / "g.txt"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "g.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "adjoint v̄ = ∂L/∂v" in (tmp_path / "g.txt").read_text()


def test_to_json_round_trips_names():
    root = parse_objective("x@B@x", _shapes("x:d B:d,d"))
    data = to_json(tensor_graph(root, ["x"]))
    assert [n["name"] for n in data["nodes"]][-1] == "L"
    x = next(n for n in data["nodes"] if n["name"] == "x")
    assert x["adjoint"] == "zᵀ + Bx" and x["adjoint_full"] == "(B + Bᵀ)x"
    assert "∂L/∂x = (B + Bᵀ)x    (d)" in text_table(tensor_graph(parse_objective("x@B@x", _shapes("x:d B:d,d")), ["x"]))


@pytest.mark.parametrize("loss, shapes, point, seed, words", [
    ("sum(X@w)", "X:100,d w:d", {"d": 2}, 0, "up to 30"),
    ("sum(X@w)", "X:n,d w:d", {"d": 2.5}, 0, "whole number"),
    ("sum(X@w)", "X:n,d w:d", {"w": 2.0}, 0, "scalars and dimensions"),
    ("sum(X@w)", "X:n,d w:d", {"q": 2.0}, 0, "neither a dimension nor a variable"),
    ("sum(log(-exp(w)))", "w:d", {"d": 2}, 1, "no real value"),
])
def test_bad_points_are_one_clear_error(loss, shapes, point, seed, words):
    from symbolic.errors import SymgradError
    from symbolic.tensor import parse_shapes
    graph = tensor_graph(parse_objective(loss, parse_shapes(shapes)))
    with pytest.raises(SymgradError, match=words):
        at_point(graph, point, seed)


def test_markdown_and_latex_tables():
    from symbolic.tensor.graph import latex_table, markdown_table
    graph = at_point(tensor_graph(parse_objective("x@B@x", _shapes("x:d B:d,d")), ["x"]), {"d": 2})
    md, tex = markdown_table(graph), latex_table(graph)
    assert r"$z^{\top} + B x$" in md and md.count("\n") == len(graph.nodes) + 2
    assert tex.startswith(r"\begin{tabular}{lllllll}") and r"d $\times$ d" in tex
