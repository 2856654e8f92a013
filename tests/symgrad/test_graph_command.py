"""``symgrad graph``: adjoints (ū) kept apart from local derivatives (∂v/∂u); every leaf without --wrt;
the output named as the lecture names it."""
from __future__ import annotations

import json
import math

from tests.cli import run_cli as run


def test_without_wrt_every_leaf_gets_its_adjoint(capsys):
    code, out, err = run(capsys, "graph", "(w*x - y)**2", "--at", "w=1,x=2,y=0.5", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    # L = (wx − y)²: ∂L/∂w = 2(wx − y)x, ∂L/∂x = 2(wx − y)w, ∂L/∂y = −2(wx − y)
    assert data["gradients"] == {"w": 6.0, "x": 3.0, "y": -3.0}


def test_the_lecture_f_of_u_with_its_output_named_z(capsys):
    code, out, err = run(capsys, "graph", "u**2 + sin(u)", "--at", "u=1", "--output-name", "z")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].endswith("adjoint ū = ∂z/∂u")
    total = next(line for line in lines if line.strip().startswith("ū = "))
    assert total.strip().startswith("ū = z̄·∂z/∂u + ")  # two paths: u → z and u → sin(u) → z
    assert math.isclose(float(total.rsplit("= ", 1)[1]), 2 + math.cos(1), rel_tol=1e-5)


def test_adjoint_and_local_derivative_have_distinct_notation(capsys):
    code, out, err = run(capsys, "graph", "--model", "neuron", "--reg", "l2", "--at",
                         "omega=0.5,b=0.1,x=2,y=1,lambda=0.01")
    assert code == 0, err
    assert "ω̄ = L̄·∂L/∂ω + z̄·∂z/∂ω = 1·0.01 + (-0.0467937)·2 = -0.0835875" in out
    assert "∂L/∂ω = 2·λ·ω" in out  # the local partial on the edge ω → L
    code, out, _ = run(capsys, "graph", "--model", "neuron", "--reg", "l2", "--at",
                       "omega=0.5,b=0.1,x=2,y=1,lambda=0.01", "--format", "json")
    nodes = {n["name"]: n for n in json.loads(out)["nodes"]}
    assert nodes["omega"]["adjoint_latex"] == r"\bar{\omega}" and nodes["omega"]["adjoint_name"] == "ω̄"


def test_a_bad_output_name_is_one_line(capsys):
    code, out, err = run(capsys, "graph", "u**2", "--at", "u=1", "--output-name", "1x")
    assert code == 2 and err.count("\n") == 1
