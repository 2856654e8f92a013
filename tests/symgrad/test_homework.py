"""``symgrad homework``: documents that compile, no TeX injection from a spec, clear failures."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from symgrad.homework import LatexError, compile_pdf, escape, relevant_log_lines
from symgrad.homework.document import statement_latex
from symgrad.homework.written import written_latex
from tests.cli import run_cli as run
from tests.system_tools import have, needs

ROOT = Path(__file__).resolve().parents[2]
HAVE_PDFLATEX = have("pdflatex")




def _pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(l.split()[-1] for l in out.splitlines() if l.startswith("Pages")))


@needs("pdflatex")
def test_the_neuron_homework_compiles_with_every_part(tmp_path, capsys):
    target = tmp_path / "hw.tex"
    code, out, err = run(capsys, "homework", str(ROOT / "examples" / "homework" / "neuron.toml"), "-o", str(target), "--pdf")
    assert code == 0, err
    tex = target.read_text()
    for part in (r"\begin{align*}", r"\boxed", r"\begin{tabular}", r"\begin{algorithmic}", r"\includegraphics",
                 r"\times$ incorrect", r"\checkmark$ correct", r"Diagnosis: \texttt{sign}", r"\mathrm{grad\_omega}"):
        assert part in tex, part
    assert (tmp_path / "hw-figures" / "graph-1.pdf").exists() and (tmp_path / "hw-figures" / "loss-1.png").exists()
    # the student's answers as written: ½·2 and σ'(…) kept, not σ(…)(1 − σ(…)) after rewriting
    assert r"\overset{?}{=} \frac { 1 } { 2 } \cdot 2 ( y - \sigma ( \omega x + b ) ) \cdot \sigma ' ( \omega x + b )" in tex
    assert r"\overset{?}{=} - ( y - \sigma ( \omega x + b ) ) \sigma ' ( \omega x + b ) \]" in tex
    # the statement's formulas are math, not "omega\^{}2" or literal dollars
    assert r"the loss $L ( \omega , b ) = \frac { 1 } { 2 } ( y - \sigma ( \omega x + b ) ) ^ 2 + \lambda \omega ^ 2$" in tex
    assert r"with respect to $\omega$ and $b$" in tex and r"\$" not in tex.split("Problem 1")[1].split("subsection")[0]
    pdf = tmp_path / "hw.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-" and _pdf_pages(pdf) >= 2
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Problem 1: Gradient of the single neuron" in text and "Verdict" in text


HOSTILE_SPEC = r'''
title = "\\input{/etc/passwd} \\write18{rm -rf /} $x$ 100% #1 ~ ^ _ & {}"
[[problem]]
title = "\\immediate\\write18{echo pwned}"
statement = "\\def\\x{1} \\catcode`\\@=11 \\usepackage{shellesc}"
loss = "1/2*(y - w*x)**2"
wrt = ["w"]
'''


def test_no_tex_from_the_spec_reaches_the_document(tmp_path, capsys):
    spec = tmp_path / "evil.toml"
    spec.write_text(HOSTILE_SPEC)
    target = tmp_path / "evil.tex"
    code, out, err = run(capsys, "homework", str(spec), "-o", str(target), *(["--pdf"] if HAVE_PDFLATEX else []))
    assert code == 0, err
    tex = target.read_text()
    body = tex.split(r"\begin{document}")[1]
    for bad in (r"\input{", r"\write18", r"\immediate", r"\def\x", r"\catcode", r"\usepackage{shellesc}"):
        assert bad not in body, bad
    assert r"\textbackslash{}input\{/etc/passwd\}" in body
    if HAVE_PDFLATEX:
        assert (tmp_path / "evil.pdf").exists() and not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("content, message", [
    ('title = "x"', "no problems"),
    ('[[problem]]\nloss = "x**2"\n', "'wrt'"),
    ('[[problem]]\nloss = "x**2"\nwrt = ["x"]\nmodel = "neuron"\n', "exactly one of"),
    ('[[problem]]\nloss = "x**2"\nwrt = ["x"]\nsurprise = 1\n', "unknown key 'surprise'"),
    ('[[problem]]\nloss = "__import__(1)"\nwrt = ["x"]\n', "unknown function"),
    ('[[problem]]\nloss = "x**2"\nwrt = ["x"]\nfigures = ["graph"]\n', "needs a 'point'"),
    ('[[problem]]\nloss = "x**2"\nwrt = ["x"]\n[[problem.answers]]\nwrt = "x"\nlatex = "\\\\input{a}"\n', "forbidden"),
    ("this is not toml [", "not valid TOML"),
])
def test_bad_specs_one_line_exit_2(tmp_path, capsys, content, message):
    spec = tmp_path / "s.toml"
    spec.write_text(content)
    code, out, err = run(capsys, "homework", str(spec), "-o", str(tmp_path / "s.tex"))
    assert code == 2 and message in err and err.count("\n") == 1, err
    assert not (tmp_path / "s.tex").exists()  # nothing half-written


def test_without_pdflatex_it_says_so_and_keeps_the_tex(tmp_path, capsys, monkeypatch):
    import symgrad.homework.pdf as pdf
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    spec = tmp_path / "s.toml"
    spec.write_text('[[problem]]\nloss = "1/2*(y - w*x)**2"\nwrt = ["w"]\n')
    code, out, err = run(capsys, "homework", str(spec), "--pdf")
    assert code == 1 and "pdflatex is not installed" in err
    assert (tmp_path / "s.tex").exists()


@needs("pdflatex")
def test_a_failed_latex_run_shows_the_log_lines(tmp_path):
    bad = tmp_path / "bad.tex"
    bad.write_text("\\documentclass{article}\\begin{document}\\undefinedcommandxyz\\end{document}\n")
    with pytest.raises(LatexError) as err:
        compile_pdf(bad)
    assert "Undefined control sequence" in str(err.value) and "l.1" in str(err.value)


def test_escape_and_log_lines():
    assert escape(r"a\b{c}$%&#_^~") == r"a\textbackslash{}b\{c\}\$\%\&\#\_\^{}\~{}"
    assert escape("σ") == "?"
    assert relevant_log_lines("x\n! Missing $ inserted.\nl.7 foo\n") == ["! Missing $ inserted.", "l.7 foo"]


def test_check_accepts_a_python_gradient_file(tmp_path, capsys):
    good = tmp_path / "grad.py"
    good.write_text("import numpy as np\n\ndef grad_w(w, x, y):\n    r = y - w * x\n    return -r * x\n")
    code, out, _ = run(capsys, "check", "1/2*(y - w*x)**2", "--wrt", "w", "--answer-file", str(good))
    assert code == 0 and out.startswith("correct")
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def grad_w(w, x, y):\n    return (y - w * x) * x\n")
    code, out, _ = run(capsys, "check", "1/2*(y - w*x)**2", "--wrt", "w", "--answer-file", str(wrong))
    assert code == 1 and "sign" in out


@pytest.mark.parametrize("source, message", [
    ("import os\ndef g(w):\n    return os.system('ls')\n", "import os"),
    ("def g(w):\n    return w.__class__\n", "attribute"),
    ("def g(w):\n    for i in range(3):\n        w = w + 1\n    return w\n", "For"),
    ("def g(w, t):\n    return w\n", "'t'"),
    ("open('x')\ndef g(w):\n    return w\n", "top of the file"),
    ("def g(w):\n    return eval('w')\n", "unknown function 'eval'"),
])
def test_python_answers_are_never_run(tmp_path, capsys, source, message):
    f = tmp_path / "g.py"
    f.write_text(source)
    code, out, err = run(capsys, "check", "1/2*(y - w*x)**2", "--wrt", "w", "--answer-file", str(f))
    assert code == 2 and message in err and err.count("\n") == 1, err


@pytest.mark.parametrize("written, names, printed", [
    (r"\frac{1}{2} \cdot 2 (y - \sigma(\omega x + b)) \cdot \sigma'(\omega x + b)", {"omega", "b", "x", "y"},
     r"\frac { 1 } { 2 } \cdot 2 ( y - \sigma ( \omega x + b ) ) \cdot \sigma ' ( \omega x + b )"),
    ("1/2*2*(y - w*x)*(-x)", {"w", "x", "y"}, r"1 / 2 \cdot 2 \cdot ( y - w \cdot x ) \cdot ( - x )"),
    (r"\left(\frac{a}{b}\right)^{2} + \tanh^2(\frac{z}{2})", set(),
     r"\left( \frac { a } { b } \right) ^ { 2 } + \tanh ^ 2 \!\left( \frac { z } { 2 } \right)"),
    (r"\sqrt[3]{x} + |x| + \mathbb{1}[z > 0] + [z \geq 0] + W^{(1)}_{12} + \hat y_j", set(),
     r"\sqrt [ 3 ] { x } + | x | + \mathbb{1} [ z > 0 ] + [ z \geq 0 ] + W ^{(1)} _ { 12 } + \hat y _ j"),
    ("$2 lambda omega$.", {"omega"}, r"2 \lambda \omega"),
])
def test_answers_print_as_written_from_the_lexers_tokens(written, names, printed):
    assert written_latex(written, names) == printed


@pytest.mark.parametrize("statement, printed", [
    (r"Minimize $\frac{1}{2}(y - w x)^2$ over $w$.",
     r"Minimize $\frac { 1 } { 2 } ( y - w x ) ^ 2$ over $w$."),
    ("It costs \\$5 and $omega^2$ is typed text.", r"It costs \$5 and $\omega ^ 2$ is typed text."),
    # not read by the parser: prose, dollars and all, escaped
    (r"$\input{/etc/passwd}$ and $x^$ and $100%$", r"\$\textbackslash{}input\{/etc/passwd\}\$ and \$x\^{}\$ and \$100\%\$"),
    (r"$\def\x{1}$ $a $", r"\$\textbackslash{}def\textbackslash{}x\{1\}\$ $a$"),
    ("omega^2 outside dollars stays prose", r"omega\^{}2 outside dollars stays prose"),
])
def test_statements_accept_inline_math_and_nothing_else(statement, printed):
    assert statement_latex(statement) == printed


@needs("pdflatex")
def test_a_statement_with_math_compiles(tmp_path, capsys):
    spec = tmp_path / "m.toml"
    spec.write_text('[[problem]]\nstatement = "Minimize $\\\\frac{1}{2}(y - w x)^2$ over $w$ ($\\\\input{x}$)."\n'
                    'loss = "1/2*(y - w*x)**2"\nwrt = ["w"]\n[[problem.answers]]\nwrt = "w"\ntext = "-(y - w*x)*x"\n')
    code, out, err = run(capsys, "homework", str(spec), "-o", str(tmp_path / "m.tex"), "--pdf")
    assert code == 0, err
    tex = (tmp_path / "m.tex").read_text()
    assert r"Minimize $\frac { 1 } { 2 } ( y - w x ) ^ 2$ over $w$ (\$\textbackslash{}input\{x\}\$)." in tex
    assert r"\overset{?}{=} - ( y - w \cdot x ) \cdot x \]" in tex
