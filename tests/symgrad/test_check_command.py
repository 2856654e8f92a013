"""``symgrad check`` and ``symgrad grade``: exit codes by verdict, JSON contract, a batch that survives bad rows."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest


sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import check_corpus  # noqa: E402
from tests.cli import run_cli as run

NEURON = "1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2"
S = r"\sigma(\omega x + b)"




@pytest.mark.parametrize("answer, code", [
    (rf"-(y - {S})\sigma'(\omega x + b)\,x + 2\lambda\omega", 0),
    (rf"(y - {S})\sigma'(\omega x + b)\,x + 2\lambda\omega", 1),
    ("2*lambda*omega - x*(y - sigmoid(omega*x + b))*sigmoid(omega*x + b)*(1 - sigmoid(omega*x + b))", 0),
])
def test_exit_code_is_the_verdict(capsys, answer, code):
    got, out, err = run(capsys, "check", NEURON, "--wrt", "omega", "--answer", answer)
    assert got == code and err == ""
    assert out.startswith("correct" if code == 0 else "incorrect")


def test_json_contract(capsys):
    code, out, _ = run(capsys, "check", "--model", "neuron", "--reg", "l2", "--wrt", "omega", "--answer",
                       rf"-(y - {S})\sigma'(\omega x + b) x", "--json")
    data = json.loads(out)
    assert code == 1
    assert set(data) >= {"verdict", "expected", "answer", "diagnosis", "counterexample"}
    assert data["verdict"] == "incorrect"
    assert data["diagnosis"]["kind"] == "missing_term"
    assert data["diagnosis"]["term_latex"] == r"2 \lambda \omega"
    assert set(data["counterexample"]) == {"point", "expected", "answer"}
    assert float(data["counterexample"]["expected"]) != float(data["counterexample"]["answer"])
    assert set(data["expected"]) == {"text", "latex"}


def test_model_inner_names_can_be_used(capsys):
    code, out, _ = run(capsys, "check", "--model", "neuron", "--reg", "l2", "--wrt", "b", "--answer",
                       r"-(y - \sigma(z))\sigma(z)(1 - \sigma(z))")
    assert code == 0, out


def test_answer_from_stdin(capsys, monkeypatch):
    import io
    monkeypatch.setattr(sys, "stdin", io.StringIO(rf"-(y - {S})\sigma'(\omega x + b)"))
    code, out, _ = run(capsys, "check", NEURON, "--wrt", "b", "--answer", "-")
    assert code == 0


@pytest.mark.parametrize("argv, message", [
    (["check", NEURON, "--wrt", "omega", "--answer", r"\input{/etc/passwd}"], "forbidden"),
    (["check", NEURON, "--wrt", "omega", "--answer", r"\write18{rm -rf /}"], "forbidden"),
    (["check", NEURON, "--wrt", "omega", "--answer", "__import__('os')"], "not allowed"),
    (["check", NEURON, "--wrt", "omega", "--answer", "t*x"], "the answer uses t"),
    (["check", NEURON, "--wrt", "omega,b", "--answer", "x"], "one parameter"),
    (["check", NEURON, "--answer", "x"], "--wrt"),
    (["check", NEURON, "--wrt", "omega"], "--answer"),
    (["check", NEURON, "--wrt", "omega", "--answer", "{" * 3000 + "x" + "}" * 3000], "long"),
    (["check", NEURON, "--wrt", "omega", "--answer", "{" * 1000 + "x" + "}" * 1000], "nest"),
])
def test_bad_input_exit_2_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err, err


def _write_csv(path, rows, header=("student", "loss", "wrt", "answer")):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def test_grade_keeps_going_past_bad_rows_and_agrees_with_check(tmp_path, capsys):
    rows = [
        ["ann", NEURON, "omega", rf"-(y - {S})\sigma'(\omega x + b) x + 2\lambda\omega"],
        ["bob", NEURON, "omega", rf"(y - {S})\sigma'(\omega x + b) x + 2\lambda\omega"],
        ["cy", NEURON, "b", rf"-(y - {S})\sigma'(\omega x + b) + 2\lambda b"],
        ["dee", NEURON, "omega", r"\input{secret}"],
        ["eve", "1/2*(y - foo(w*x))**2", "w", "x"],
        ["fay", NEURON, "omega"],
        ["gus", NEURON, "theta", "x"],
        ["hal", NEURON, "omega", ""],
    ]
    src = tmp_path / "class.csv"
    _write_csv(src, rows)
    code, out, err = run(capsys, "grade", str(src))
    assert code == 0
    report = list(csv.DictReader(open(tmp_path / "class.report.csv")))
    assert [r["student"] for r in report] == [r[0] for r in rows]
    assert [r["verdict"] for r in report] == ["correct", "incorrect", "incorrect", "error", "error", "error", "error", "error"]
    assert report[1]["diagnosis"] == "sign" and report[2]["diagnosis"] == "extra_term"
    assert "forbidden" in report[3]["error"] and "foo" in report[4]["error"]
    assert "correct: 1, incorrect: 1" in out
    # every verdict equals what `check` says for that row
    for row, rep in zip(rows[:3], report[:3]):
        c, _, _ = run(capsys, "check", row[1], "--wrt", row[2], "--answer", row[3])
        assert {"correct": 0, "incorrect": 1, "undecided": 3}[rep["verdict"]] == c


@pytest.mark.parametrize("content, message", [
    ("", "empty"),
    ("name,answer\nann,x\n", "lacks column"),
])
def test_grade_bad_files(tmp_path, capsys, content, message):
    src = tmp_path / "a.csv"
    src.write_text(content)
    code, out, err = run(capsys, "grade", str(src))
    assert code == 2 and message in err and err.count("\n") == 1


def test_grade_missing_file(tmp_path, capsys):
    code, _, err = run(capsys, "grade", str(tmp_path / "nope.csv"))
    assert code == 2 and "nope.csv" in err


def test_corpus_verdicts_and_diagnoses():
    times, problems = check_corpus.run()
    assert len(times) >= 50
    assert problems == []


# --- issue 13: small things a user trips on -----------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["check", "1/x", "--wrt", "x", "--answer", "-1/x^2"],
    ["check", "1/x", "--wrt", "x", "--answer", "-x^{-2}"],
    ["check", "1/x", "--wrt", "x", "--answer", r"-\frac{1}{x^2}"],
    ["check", "-x^2", "--wrt", "x", "--answer", "-2x"],                 # the loss too
    ["check", "--wrt", "x", "--answer", "-2*x", "-x**2"],               # the loss after the options
    ["check", "1/x", "--answer=-1/x^2", "--wrt", "x"],                  # '=' still works
    ["check", "1/x", "--wr", "x", "--answer", "-1/x^2"],                  # and abbreviations
])
def test_values_may_start_with_a_minus_sign(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "") and out.startswith("correct"), err


def test_a_wrong_negative_answer_is_judged_not_refused(capsys):
    code, out, err = run(capsys, "check", "1/x", "--wrt", "x", "--answer", "-1/x")
    assert code == 1 and out.startswith("incorrect") and err == ""


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR%junk",      # a picture (the '%' was read as a LaTeX comment)
    b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj",           # a PDF
    bytes(range(1, 256)),                              # no NUL, not UTF-8
    b"2x\x00",                                         # text with a NUL
])
@pytest.mark.parametrize("option", ["--answer-file", "--derivation"])
def test_a_binary_answer_file_says_it_is_not_text(tmp_path, capsys, content, option):
    path = tmp_path / "answer.tex"
    path.write_bytes(content)
    code, out, err = run(capsys, "check", "x^2", "--wrt", "x", option, str(path))
    assert code == 2 and err.count("\n") == 1 and out == "", err
    assert f"{path} is not a text file" in err and "comment" not in err and "#" not in err


def test_a_utf8_answer_file_with_a_byte_order_mark_reads(tmp_path, capsys):
    path = tmp_path / "answer.tex"
    path.write_bytes("\ufeff2\\,x\n".encode())
    code, out, err = run(capsys, "check", "x^2", "--wrt", "x", "--answer-file", str(path))
    assert code == 0 and out.startswith("correct"), err


def test_grade_report_in_a_missing_folder_is_an_error_naming_it(tmp_path, capsys):
    answers = tmp_path / "answers.csv"
    answers.write_text("student,loss,wrt,answer\na,x^2,x,2x\n")
    code, out, err = run(capsys, "grade", str(answers), "-o", str(tmp_path / "nope" / "report.csv"))
    assert code == 2 and f"No such directory: {tmp_path / 'nope'}" in err and err.count("\n") == 1
    assert not (tmp_path / "nope").exists()
