"""``symgrad derive``: formats, files, built-in models, and one clear line for bad input."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
import sympy

from symbolic.models import neuron_objective
from symbolic.parse import parse_expression
from tests.cli import run_cli as run
from tests.system_tools import needs

NEURON = "1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2"




def test_text_loss_steps(capsys):
    code, out, err = run(capsys, "derive", NEURON, "--wrt", "omega,b", "--steps")
    assert code == 0 and err == ""
    assert "where z = ω·x + b" in out and "[activation derivative, linear]" in out
    assert "∂L/∂b" in out


def test_json_is_the_contract_and_every_text_parses_back(capsys):
    code, out, _ = run(capsys, "derive", NEURON, "--wrt", "omega,b", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"loss", "gradients"} and set(data["gradients"]) == {"omega", "b"}
    loss = neuron_objective().expression
    assert parse_expression(data["loss"]["text"]) == loss
    for name, g in data["gradients"].items():
        assert set(g) >= {"text", "latex", "steps"}
        assert all(set(s) >= {"rule", "latex"} for s in g["steps"])
        param = next(s for s in loss.free_symbols if s.name == name)
        assert sympy.expand(parse_expression(g["text"]) - sympy.diff(loss, param)) == 0


@pytest.mark.parametrize("argv", [
    ["--model", "neuron", "--activation", "relu", "--loss", "hinge", "--reg", "l1"],
    ["--model", "softmax", "--classes", "3", "--reg", "l2"],
    ["--model", "linear", "--features", "2", "--risk"],
    ["--model", "two_layer", "--hidden", "2", "--activation", "tanh"],
    ["--model", "logistic", "--loss", "binary_cross_entropy", "--risk"],
])
def test_builtin_models_json_round_trip(capsys, argv):
    code, out, err = run(capsys, "derive", *argv, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    loss = parse_expression(data["loss"]["text"])
    for name, g in data["gradients"].items():
        param = next(s for s in loss.free_symbols if s.name == name)
        expected = sympy.diff(loss, param).doit()
        got = parse_expression(g["text"])
        assert sympy.simplify(sympy.expand(got - expected).rewrite("elementary")
                              .replace(lambda e: isinstance(e, sympy.Heaviside), lambda e: sympy.Heaviside(e.args[0]))) == 0


def test_latex_document_written_atomically(tmp_path, capsys):
    target = tmp_path / "deep" / "neuron.tex"
    target.parent.mkdir()  # an output's folder must exist (a missing one is an error, tested below)
    code, out, _ = run(capsys, "derive", "--model", "neuron", "--reg", "l2", "--steps", "--format", "latex",
                       "--document", "-o", str(target))
    assert code == 0 and out == ""
    tex = target.read_text()
    assert tex.startswith(r"\documentclass") and tex.rstrip().endswith(r"\end{document}")
    assert tex.count(r"\begin{align*}") == 2 and r"\boxed" in tex
    assert [p.name for p in target.parent.iterdir()] == ["neuron.tex"]  # no temporary left behind


@pytest.mark.parametrize("argv, message", [
    (["derive", "__import__('os').system('echo hacked')", "--wrt", "x"], "not allowed"),
    (["derive", "x**2", "--wrt", "theta"], "no variable 'theta'"),
    (["derive", "x**2"], "--wrt"),
    (["derive"], "give a loss"),
    (["derive", "foo(x)", "--wrt", "x"], "unknown function"),
    (["derive", "1/0 + x", "--wrt", "x"], "division by zero"),
    (["derive", "10**10**10*x", "--wrt", "x"], "power"),
    (["derive", "--model", "softmax", "--loss", "squared"], "one output"),
    (["derive", "--model", "neuron", "--loss", "cross_entropy"], "k-class"),
    (["derive", "--model", "softmax", "--classes", "1"], "classes"),
    (["derive", "--model", "neuron", "--activation", "nope"], "unknown activation"),
    (["derive", "x", "--wrt", "x", "--format", "pdf"], "invalid choice"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err, err


@pytest.mark.parametrize("loss", [
    "().__class__.__bases__[0].__subclasses__()",
    "x" + "+x" * 50000,
    "(" * 3000 + "x" + ")" * 3000,
    "9**9**9**9",
])
def test_hostile_input_through_the_real_command_is_fast_and_clean(tmp_path, loss):
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "symgrad", "derive", loss, "--wrt", "x"],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path,
                          env={"PYTHONPATH": str(__import__("pathlib").Path(__file__).resolve().parents[2])})
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    assert time.perf_counter() - start < 30  # includes interpreter start-up; the parser itself rejects in ms


def test_graph_command_json(capsys):
    code, out, err = run(capsys, "graph", "--model", "neuron", "--reg", "l2", "--at",
                         "omega=0.5,b=0.1,x=2,y=1,lambda=0.01", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data["gradients"]) == {"omega", "b"}
    assert data["gradients"]["b"] == pytest.approx(-0.04679373393, rel=1e-9)


@needs("dot")
def test_graph_command_picture(tmp_path, capsys):
    target = tmp_path / "neuron.svg"
    code, out, err = run(capsys, "graph", "--model", "neuron", "--reg", "l2", "--at",
                         "omega=0.5,b=0.1,x=2,y=1,lambda=0.01", "--format", "json", "--render", str(target))
    assert code == 0, err
    assert target.read_text().lstrip().startswith(("<?xml", "<svg")) and "<svg" in target.read_text()


def test_graph_picture_without_graphviz_is_one_line_and_writes_the_dot_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no dot on PATH
    target = tmp_path / "neuron.svg"
    code, out, err = run(capsys, "graph", "--model", "neuron", "--reg", "l2", "--at",
                         "omega=0.5,b=0.1,x=2,y=1,lambda=0.01", "--render", str(target))
    assert code == 2 and err.count("\n") == 1 and "not installed" in err, err
    assert not target.exists() and target.with_suffix(".dot").read_text().startswith("digraph")


@pytest.mark.parametrize("argv, message", [
    (["graph", "--model", "neuron", "--reg", "l2", "--at", "omega=0.5"], "give a value for"),
    (["graph", "--model", "neuron", "--at", "omega=0.5,b=0,x=1,y=1,theta=2"], "no variable 'theta'"),
    (["graph", "log(x)", "--wrt", "x", "--at", "x=-1"], "undefined"),
    (["graph", "log(x)", "--wrt", "x", "--at", "x"], "name=value"),
    (["graph", "log(x)", "--at", "x=1", "--wrt", " , "], "--wrt"),
])
def test_graph_bad_input(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and message in err and err.count("\n") == 1, err


# --- issue 13: values with a minus sign, output paths ---------------------------------------------------

@pytest.mark.parametrize("argv, expected", [
    (["derive", "-x^2", "--wrt", "x"], "∂L/∂x = -2·x"),
    (["derive", "--wrt", "omega", "-omega*x"], "∂L/∂ω = -x"),       # -omega… is not -o mega…
    (["derive", "-1/x", "--wrt", "x"], "∂L/∂x = 1/x²"),
])
def test_a_loss_may_start_with_a_minus_sign(capsys, argv, expected):
    code, out, err = run(capsys, *argv)
    assert code == 0 and err == "" and expected in out, out + err


def test_a_negative_point_and_output_name(tmp_path, capsys):
    code, out, err = run(capsys, "graph", "w*x", "--wrt", "w", "--at", "w=-1,x=-2", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["nodes"][0]["adjoint"] == -2.0 or "-2" in out


def test_a_misspelt_option_is_still_an_error(capsys):
    code, out, err = run(capsys, "derive", "x^2", "--wrtt", "x")
    assert code == 2 and "--wrtt" in err


@pytest.mark.parametrize("command", [
    ["derive", "x^2", "--wrt", "x", "-o"],
    ["graph", "x^2", "--wrt", "x", "--at", "x=1", "-o"],
    ["graph", "x^2", "--wrt", "x", "--at", "x=1", "--render"],
])
def test_an_output_in_a_missing_folder_is_an_error_naming_the_folder(tmp_path, capsys, command):
    target = tmp_path / "nope" / "deeper" / "out.svg"
    code, out, err = run(capsys, *command, str(target))
    assert code == 2 and err.count("\n") == 1, err
    assert f"No such directory: {target.parent}" in err and ".tmp" not in err
    assert not (tmp_path / "nope").exists()


def test_an_output_that_is_a_folder_names_the_folder_not_a_temporary_file(tmp_path, capsys):
    code, out, err = run(capsys, "derive", "x^2", "--wrt", "x", "-o", str(tmp_path))
    assert code == 2 and f"Is a directory: {tmp_path}" in err and ".tmp" not in err
    assert list(tmp_path.iterdir()) == []


def test_an_output_below_a_file_says_not_a_directory(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    code, out, err = run(capsys, "derive", "x^2", "--wrt", "x", "-o", str(tmp_path / "file" / "out.txt"))
    assert code == 2 and f"Not a directory: {tmp_path / 'file'}" in err


def test_a_failed_graph_leaves_no_table_behind(tmp_path, capsys):
    table = tmp_path / "table.txt"
    code, out, err = run(capsys, "graph", "x^2", "--wrt", "x", "--at", "x=1", "-o", str(table),
                         "--render", str(tmp_path / "picture.gif"))
    assert code == 2 and "cannot draw" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_write_atomic_names_the_users_path_and_keeps_the_old_file_on_failure(tmp_path):
    from symgrad.files import write_atomic
    target = tmp_path / "out.txt"
    target.write_text("old")

    def fail(f):
        f.write(b"half")
        raise OSError(28, "No space left on device")  # as a full disk reports it: no file name

    with pytest.raises(OSError) as caught:
        write_atomic(target, fail)
    assert caught.value.filename == str(target) and target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    assert write_atomic(target, "new").read_text() == "new"
