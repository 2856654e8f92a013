"""``symgrad check --derivation`` and derivations in ``symgrad grade``: exit codes, the JSON contract, stdin."""
from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from tests.cli import run_cli as run

NEURON = "1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2"
S, P = r"\sigma(\omega x + b)", r"\sigma'(\omega x + b)"
LECTURE = rf"\frac{{1}}{{2}}\cdot 2(y - {S})\cdot {P}\cdot x\cdot(-1) + 2\lambda\omega"
RIGHT = rf"-(y - {S}){S}(1 - {S})x + 2\lambda\omega"
SLIP = rf"(y - {S}){P} x + 2\lambda\omega"


def align(*lines: str, lhs: str = r"\frac{\partial L}{\partial \omega}") -> str:
    return "\\begin{align*}\n" + f"{lhs} &= " + " \\\\\n  &= ".join(lines) + "\n\\end{align*}\n"




@pytest.mark.parametrize("lines, lhs, code, first_wrong, final", [
    ((LECTURE, RIGHT), r"\frac{\partial L}{\partial \omega}", 0, None, "correct"),
    ((LECTURE, SLIP, RIGHT), r"\frac{\partial L}{\partial \omega}", 0, 2, "correct"),   # a wrong middle, right end
    ((LECTURE, SLIP), r"\frac{\partial L}{\partial \omega}", 1, 2, "incorrect"),
    ((LECTURE, RIGHT), r"\frac{\partial L}{\partial b}", 1, 0, "incorrect"),         # the wrong parameter named
    ((r"\sqrt{-1 - \omega^2}",), r"\frac{\partial L}{\partial \omega}", 3, None, "undecided"),
])
def test_exit_code_is_the_final_verdict(tmp_path, capsys, lines, lhs, code, first_wrong, final):
    path = tmp_path / "derivation.tex"
    path.write_text(align(*lines, lhs=lhs))
    got, out, err = run(capsys, "check", NEURON, "--wrt", "omega", "--derivation", str(path))
    assert (got, err) == (code, "")
    lines = out.splitlines()
    assert lines[0].split(maxsplit=2) == ["0", "wrong" if first_wrong == 0 else "ok", lhs]
    assert next(line for line in lines if line.startswith("final: ")).startswith(f"final: {final} (")
    assert (f"first wrong step: {first_wrong}" in out) is (first_wrong is not None)


def test_json_contract(tmp_path, capsys):
    path = tmp_path / "derivation.tex"
    path.write_text(align(LECTURE, SLIP, RIGHT))
    code, out, _ = run(capsys, "check", "--model", "neuron", "--reg", "l2", "--wrt", "omega",
                       "--derivation", str(path), "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) >= {"steps", "first_wrong_step", "final_verdict"}
    assert data["first_wrong_step"] == 2 and data["final_verdict"] == "correct"
    assert [set(step) >= {"latex", "verdict", "diagnosis"} for step in data["steps"]] == [True] * 4
    assert [step["verdict"] for step in data["steps"]] == ["ok", "ok", "wrong", "ok"]
    assert [step["follows"] for step in data["steps"]] == [None, "ok", "wrong", "wrong"]
    assert data["steps"][3]["note"] == "right again, but it does not follow from the step before"
    assert [step["latex"] for step in data["steps"]] == [r"\frac{\partial L}{\partial \omega}", LECTURE, SLIP, RIGHT]
    assert data["steps"][0]["diagnosis"] is None
    assert set(data["steps"][2]["diagnosis"]) == {"kind", "detail", "term_latex"}
    assert data["steps"][2]["diagnosis"]["kind"] == "sign"


def test_derivation_from_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(rf"\partial_b L = -(y - {S}){P}"))
    code, out, _ = run(capsys, "check", NEURON, "--wrt", "b", "--derivation", "-", "--json")
    data = json.loads(out)
    assert code == 0 and data["final_verdict"] == "correct" and data["first_wrong_step"] is None
    assert [step["latex"] for step in data["steps"]] == [r"\partial_b L", rf"-(y - {S}){P}"]


@pytest.mark.parametrize("content, message", [
    (r"\frac{\partial L}{\partial \omega} = \input{/etc/passwd}", "forbidden"),
    ("dw = " + "x + " * 50_000 + "x", "64 KB"),
    ("d\\omega = " + "x + " * 6_000 + "x", "characters long"),
    ("d\\omega = " + "x\n" * 10_000, "lines"),
    (r"d\omega = 2t", "the answer uses t"),
])
def test_bad_derivations_exit_2_one_line(tmp_path, capsys, content, message):
    path = tmp_path / "derivation.tex"
    path.write_text(content)
    code, out, err = run(capsys, "check", NEURON, "--wrt", "omega", "--derivation", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err, err


def test_derivation_excludes_the_other_answers(capsys):
    code, _, err = run(capsys, "check", NEURON, "--wrt", "omega", "--answer", "x", "--derivation", "-")
    assert code == 2 and "not allowed with argument" in err


def test_grade_checks_derivation_rows(tmp_path, capsys):
    rows = [
        ["ann", NEURON, "omega", align(LECTURE, RIGHT)],
        ["bob", NEURON, "omega", align(LECTURE, SLIP)],
        ["cy", NEURON, "omega", align(LECTURE, SLIP, RIGHT)],
        ["dee", NEURON, "omega", rf"\frac{{\partial L}}{{\partial \omega}} = {RIGHT}"],
        ["eve", NEURON, "omega", RIGHT],
        ["fay", NEURON, "omega", r"d\omega = \input{x} = 2"],
    ]
    src = tmp_path / "class.csv"
    with open(src, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "loss", "wrt", "answer"])
        writer.writerows(rows)
    code, out, _ = run(capsys, "grade", str(src))
    assert code == 0
    report = list(csv.DictReader(open(tmp_path / "class.report.csv")))
    assert [r["verdict"] for r in report] == ["correct", "incorrect", "correct", "correct", "correct", "error"]
    assert report[0]["detail"] == "" and report[3]["detail"] == ""
    assert report[1]["diagnosis"] == "sign"
    assert report[1]["detail"].startswith("first wrong step: 2 (the term ") and "; the term " in report[1]["detail"]
    assert report[1]["counterexample"].startswith("at b=")
    assert report[2]["detail"].startswith("first wrong step: 2 (") and report[2]["diagnosis"] == ""
    assert "forbidden" in report[5]["error"]
    assert "correct: 4, incorrect: 1" in out
    # every derivation row's verdict is what `check --derivation` says for it
    for row, rep in zip(rows[:4], report[:4]):
        path = tmp_path / f"{row[0]}.tex"
        path.write_text(row[3])
        c, _, _ = run(capsys, "check", row[1], "--wrt", row[2], "--derivation", str(path))
        assert {"correct": 0, "incorrect": 1, "undecided": 3}[rep["verdict"]] == c
