"""symbolic.explorer, the page's engine, run here: the same answers as the CLI's library calls, one-line
errors with the parser's column, and nothing imported that Pyodide lacks (numpy, scipy, processes)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sympy

from symbolic.check.exact import NONZERO, REFUTED, ZERO, is_zero_within
from symbolic.explorer import REQUESTS, handle
from symbolic.check.exact import is_zero_in_process as exact_in_process

ROOT = Path(__file__).resolve().parents[2]
NEURON = {"model": "neuron", "reg": "l2", "wrt": "omega"}


def test_derive_gives_the_clis_gradient_steps_and_align_block():
    from symbolic import derive
    from symbolic.models import ObjectiveSpec, build
    reply = handle({"kind": "derive", **NEURON})
    g = reply["gradients"]["omega"]
    expected = derive(build(ObjectiveSpec(model="neuron", reg="l2", wrt=("omega",))))["omega"]
    assert g["text"] == sympy.sstr(expected.gradient)  # the CLI's JSON "text"
    assert g["text"] == "2*lambda*omega - x*(1 - sigmoid(b + omega*x))*(y - sigmoid(b + omega*x))*sigmoid(b + omega*x)"
    assert [s["rule"] for s in g["steps"]][:2] == ["sum rule", "constant factor, power rule"]
    assert g["align"].startswith(r"\begin{align*}") and g["align"] == expected.to_latex()
    assert g["parameter_latex"] == r"\omega"


def test_check_names_the_sign_mistake_and_accepts_the_right_answer():
    wrong = handle({"kind": "check", **NEURON, "answer": r"(y-\sigma(z))\sigma(z)(1-\sigma(z))x + 2\lambda\omega"})
    assert wrong["verdict"] == "incorrect" and wrong["diagnosis"]["kind"] == "sign"
    assert float(wrong["counterexample"]["expected"]) != float(wrong["counterexample"]["answer"])
    right = handle({"kind": "check", **NEURON, "answer": r"-(y-\sigma(z))\sigma(z)(1-\sigma(z))x + 2\lambda\omega"})
    assert right["verdict"] == "correct"


def test_chain_marks_the_first_wrong_line():
    chain = (r"\frac{\partial L}{\partial \omega} = -(y-\sigma(z))\sigma'(z)x + 2\lambda\omega"
             r" = (y-\sigma(z))\sigma(z)(1-\sigma(z))x + 2\lambda\omega")
    reply = handle({"kind": "chain", **NEURON, "derivation": chain})
    assert [s["verdict"] for s in reply["steps"]] == ["ok", "ok", "wrong"]
    assert reply["first_wrong_step"] == 2


def test_graph_gives_dot_and_the_clis_adjoints_at_the_point():
    from symbolic.graph import build_graph, run_passes
    from symbolic.models import ObjectiveSpec, build
    point = {"omega": 0.5, "b": 0.1, "x": 2.0, "y": 1.0, "lambda": 0.01}
    reply = handle({"kind": "graph", "model": "neuron", "reg": "l2", "point": {"omega": 0.5}})
    assert reply["point"] == point  # the rest from the README's neuron point
    passes = run_passes(build_graph(build(ObjectiveSpec(model="neuron", reg="l2"))), point)
    assert reply["passes"]["gradients"] == passes.gradient()
    assert reply["dot"].startswith("digraph backprop {") and "n0 ->" in reply["dot"]
    assert reply["backward"][0].startswith("r̄ = L̄·∂L/∂r")


LEAST_SQUARES = {"loss": "sum((X@w - y)**2)/n + lambda*w@w", "shapes": "X:n,d w:d y:n", "wrt": "w"}


def test_shapes_derive_and_check_as_the_tensor_engine_does():
    from symbolic.tensor.derivation import derive_text
    reply = handle({"kind": "derive", **LEAST_SQUARES})
    expected = derive_text(LEAST_SQUARES["loss"], LEAST_SQUARES["shapes"], ["w"]).to_json()["gradients"]["w"]
    assert reply["gradients"]["w"]["text"] == expected["text"] == "2*lambda*w + 2/n*(X.T@(X@w - y))"
    assert [s["rule"] for s in reply["gradients"]["w"]["steps"] if s["rule"] != "definition"] == \
        [s["rule"] for s in expected["steps"]]
    wrong = handle({"kind": "check", **LEAST_SQUARES, "answer": r"\frac{2}{n}X^T(Xw-y) - 2\lambda w"})
    assert wrong["verdict"] == "incorrect" and wrong["diagnosis"]["kind"] == "sign"
    assert handle({"kind": "check", **LEAST_SQUARES, "answer": r"\frac{2}{n}X^T(Xw-y) + 2\lambda w"})["verdict"] == \
        "correct"
    assert "latex" in handle({"kind": "preview", "text": LEAST_SQUARES["loss"], "shapes": LEAST_SQUARES["shapes"]})


def test_a_shapes_graph_is_the_clis_graph_shapes_json_at_the_same_point_and_seed(capsys):
    from tests.cli import run_cli
    reply = handle({"kind": "graph", **LEAST_SQUARES, "point": {"n": 3, "d": 2, "omega": 0.5, "X": 1.0}, "seed": 4})
    code, out, err = run_cli(capsys, "graph", LEAST_SQUARES["loss"], "--shapes", LEAST_SQUARES["shapes"], "--wrt", "w",
                             "--at", "n=3,d=2", "--seed", "4", "--format", "json")
    assert code == 0, err
    assert reply["graph"] == json.loads(out)  # names not dims or scalars (omega, the matrix X) are left out
    assert reply["form"] == "tensor" and reply["point"] == {"d": 2, "n": 3} and reply["seed"] == 4
    w = next(n for n in reply["graph"]["nodes"] if n["name"] == "w")
    assert w["adjoint"] == "2λw + (2/n)Xᵀr" and len(w["adjoint_value"]) == 2 and len(w["adjoint_value"][0]) == 1
    # the picture and the table are the CLI's (--render x.dot, the text table's cells and edge lines)
    from symbolic.tensor import graph as tg
    from symbolic.tensor import parse_objective, parse_shapes
    graph = tg.at_point(tg.tensor_graph(parse_objective(LEAST_SQUARES["loss"], parse_shapes(LEAST_SQUARES["shapes"])),
                                        ["w"]), {"n": 3, "d": 2}, 4)
    assert reply["dot"] == tg.dot_source(graph) and "(n × d)" in reply["dot"] and "w̄ = 2λw" in reply["dot"]
    text = tg.text_table(graph)
    assert "w → z: w̄ += Xᵀz̄    [matrix product]" in reply["backward"]
    assert all(line in text for line in reply["backward"] + reply["gradients"])
    row = next(r for r in reply["table"] if r["name"] == "w")
    assert (row["shape"], row["adjoint_value"]) == ("d", tg.show_value(graph.adjoint_values[2]))
    assert row["adjoint_latex"] == r"2 \lambda w + \frac{2}{n} X^{\top} r"
    # λ is drawn with the seed unless the point sets it; setting it changes the adjoint of w by 2Δλ·w
    drawn = reply["scalars"][0]
    assert drawn["name"] == "lambda" and drawn["drawn"] and drawn["value"] == next(
        n["value"][0][0] for n in reply["graph"]["nodes"] if n["name"] == "lambda")
    moved = handle({"kind": "graph", **LEAST_SQUARES, "point": {"n": 3, "d": 2, "lambda": drawn["value"] + 1}, "seed": 4})
    assert moved["scalars"][0]["drawn"] is False and moved["point"]["lambda"] == drawn["value"] + 1
    w_moved = next(n for n in moved["graph"]["nodes"] if n["name"] == "w")
    for (before,), (after,), (value,) in zip(w["adjoint_value"], w_moved["adjoint_value"], w["value"]):
        assert after - before == pytest.approx(2 * value, rel=1e-9)
    # another seed draws other tensors; dims not given take the CLI's defaults
    other = handle({"kind": "graph", **LEAST_SQUARES, "seed": 5})
    assert other["point"] == {"d": 3, "n": 4} and other["dims"] == [{"name": "d", "value": 3}, {"name": "n", "value": 4}]
    assert other["graph"]["nodes"][1]["value"] != reply["graph"]["nodes"][1]["value"]


@pytest.mark.parametrize("extra, says", [
    ({"point": {"n": 31}}, "the dimension n must be a whole number from 1 to 30"),
    ({"point": {"n": 2.5}}, "the dimension n must be a whole number from 1 to 30"),
    ({"point": {"lambda": "1e400"}}, "finite number"),
    ({"seed": -1}, "the seed must be a whole number"),
    ({"seed": True}, "the seed must be a whole number"),
    ({"seed": "x"}, "the seed must be a whole number"),
    ({"shapes": "X:n,d w:k y:n"}, "k"),
])
def test_a_bad_shapes_graph_request_is_one_line(extra, says):
    reply = handle({"kind": "graph", **LEAST_SQUARES, **extra})
    assert says in reply["error"] and "\n" not in reply["error"]


def test_preview_reads_a_loss_and_an_answer_in_the_objectives_names():
    assert handle({"kind": "preview", "text": r"\frac{1}{2}(y - w x)^2"})["variables"] == ["w", "x", "y"]
    answer = handle({"kind": "preview", "as": "answer", "text": r"\sigma(z)", **NEURON})
    assert answer["variables"] == ["b", "omega", "x"]  # z is the activation's argument, written out


@pytest.mark.parametrize("request_, says, column", [
    ({"kind": "preview", "text": r"\input{/etc/passwd}"}, "forbidden LaTeX command", 1),
    ({"kind": "preview", "text": "10^{10^{10^{10}}}"}, "larger than 1000", 7),
    ({"kind": "preview", "text": "(" * 400 + "x" + ")" * 400}, "nested", 201),
    ({"kind": "derive", "loss": "x" * (5 * 1024 * 1024), "wrt": "x"}, "longer than 64 KB", None),
    ({"kind": "derive", "loss": "w*x", "wrt": "q"}, "no variable 'q'", None),
    ({"kind": "graph", "loss": "w*x", "point": {"w": "1e400"}}, "finite number", None),
    ({"kind": "check", "loss": "w*x", "wrt": "w,x", "answer": "x"}, "one parameter at a time", None),
    ({"kind": "exec", "code": "import os"}, "unknown request 'exec'", None),
])
def test_bad_input_is_one_line_with_the_parsers_column(request_, says, column):
    reply = handle(request_)
    assert says in reply["error"] and "\n" not in reply["error"]
    assert reply["column"] == column


def test_the_in_browser_exact_check_agrees_with_the_clis():
    x, w = sympy.symbols("x w")
    for difference, expected in [(sympy.sin(w) ** 2 + sympy.cos(w) ** 2 - 1, ZERO), (2 * x - 2 * x, ZERO),
                                 (sympy.Rational(1, 10 ** 60), REFUTED), (sympy.sin(w) - w, NONZERO)]:
        assert exact_in_process(difference, 2.0) == is_zero_within(difference, 2.0) == expected


def test_the_in_browser_exact_check_keeps_the_clis_time_bound():
    import time

    from symbolic.check.exact import TIMEOUT
    x, y = sympy.symbols("x y")
    terms = [sympy.sin(k * x + y) ** 3 * sympy.cos(x - k * y) ** 2 for k in range(1, 8)]
    hard = sum(terms) - sum(sympy.expand_trig(t) for t in terms) + sympy.exp(x) * sympy.tanh(y) ** 5
    start = time.perf_counter()
    assert exact_in_process(hard, 0.3) == TIMEOUT
    assert time.perf_counter() - start < 3


def test_every_request_kind_is_answered():
    assert set(REQUESTS) == {"catalog", "preview", "derive", "check", "chain", "graph"}
    catalog = handle({"kind": "catalog"})
    assert "neuron" in [m["name"] for m in catalog["models"]] and "sigmoid" in catalog["activations"]
    json.dumps(catalog)


BLOCKED = """
import sys
class Block:
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in ("numpy", "scipy", "numba", "jax", "matplotlib", "sklearn", "tqdm", "latexify"):
            raise ImportError("not in the browser: " + name)
sys.meta_path.insert(0, Block())
from symbolic.explorer import handle
for request in ({"kind": "derive", "model": "neuron", "reg": "l2"},
                {"kind": "check", "model": "neuron", "reg": "l2", "wrt": "b", "answer": "-(y-a)a(1-a)"},
                {"kind": "graph", "model": "neuron", "reg": "l2"}, {"kind": "preview", "text": "w x"},
                {"kind": "graph", "loss": "sum((X@w - y)**2)/n", "shapes": "X:n,d w:d y:n", "seed": 2}):
    reply = handle(request)
    assert "error" not in reply, reply
print("ok")
"""


def test_the_engine_runs_without_numpy_scipy_or_latexify():
    proc = subprocess.run([sys.executable, "-c", BLOCKED], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr
