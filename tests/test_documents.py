"""The documents symgrad writes fit the page: the example homework, ``make demo``'s out/neuron.tex and the
MLP document compile without an overfull line, σ'(z) sets like σ(z), and the graph's labels print at 8 pt or more."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import sympy

from symbolic.activations import Sigmoid
from symbolic.derive.display import Prime
from symbolic.render.latex import latex
from tests.cli import run_cli as run
from tests.system_tools import needs

ROOT = Path(__file__).resolve().parents[1]
OVERFULL = re.compile(r"Overfull \\hbox \((?P<points>[\d.]+)pt too wide\)[^\n]*")
#: a line that sticks out by less than this is invisible (TeX reports them too)
TOLERANCE_PT = 1.0


def _pdflatex(tex: Path) -> str:
    """The log of compiling ``tex`` in its folder (no shell escape); fails the test if TeX fails."""
    proc = subprocess.run(["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                          cwd=tex.parent, capture_output=True, text=True, errors="replace", timeout=180)
    log = tex.with_suffix(".log").read_text(errors="replace")
    assert proc.returncode == 0, log[-2000:]
    return log


def overfull_lines(log: str) -> list[str]:
    """The log's Overfull \\hbox reports wider than the tolerance."""
    return [m[0] for m in OVERFULL.finditer(log) if float(m["points"]) > TOLERANCE_PT]


def _homework(folder: Path, capsys) -> Path:
    tex = folder / "hw.tex"
    code, _, err = run(capsys, "homework", str(ROOT / "examples" / "homework" / "neuron.toml"), "-o", str(tex))
    assert code == 0, err
    return tex


def _derive(folder: Path, capsys, name: str, *argv: str) -> Path:
    tex = folder / f"{name}.tex"
    code, _, err = run(capsys, "derive", *argv, "--format", "latex", "--document", "-o", str(tex))
    assert code == 0, err
    return tex


DOCUMENTS = {
    "homework": lambda folder, capsys: _homework(folder, capsys),
    # exactly what ``make demo`` writes to out/neuron.tex
    "demo": lambda folder, capsys: _derive(folder, capsys, "neuron", "--model", "neuron", "--activation", "sigmoid",
                                           "--loss", "squared", "--reg", "l2", "--steps"),
    "mlp": lambda folder, capsys: _derive(folder, capsys, "mlp", "--model", "mlp", "--layers", "784,128,10"),
    "matrix": lambda folder, capsys: _derive(folder, capsys, "matrix", "-sum(Y*log(softmax(tanh(X@W1)@W2)))/n",
                                             "--shapes", "X:n,d Y:n,k:onehot W1:d,h W2:h,k", "--wrt", "W1,W2",
                                             "--steps"),
}


def test_the_overfull_filter_reads_texs_reports():
    log = ("Overfull \\hbox (40.60101pt too wide) detected at line 16\n"
           "Overfull \\hbox (0.3pt too wide) in paragraph at lines 3--4\n")
    assert overfull_lines(log) == ["Overfull \\hbox (40.60101pt too wide) detected at line 16"]


@needs("pdflatex")
@needs("dot")
@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_line_runs_into_the_margin(tmp_path, capsys, name):
    tex = DOCUMENTS[name](tmp_path, capsys)
    assert overfull_lines(_pdflatex(tex)) == []


def _widths(tmp_path: Path, formulas: dict[str, str]) -> dict[str, float]:
    """The printed width (pt) of each inline formula, as TeX measures it."""
    lines = [r"\documentclass[11pt]{article}\usepackage{amsmath,amssymb}\newlength\W\begin{document}"]
    for name, formula in formulas.items():
        lines.append(rf"\settowidth\W{{${formula}$}}\typeout{{WIDTH {name} \the\W}}")
    (tmp_path / "w.tex").write_text("\n".join(lines + [r"\end{document}"]) + "\n")
    log = _pdflatex(tmp_path / "w.tex")
    return {m[1]: float(m[2]) for m in re.finditer(r"^WIDTH (\S+) ([\d.]+)pt", log, re.M)}


@needs("pdflatex")
def test_a_prime_sets_as_tight_as_the_function_itself(tmp_path):
    z = sympy.Symbol("z")
    printed = {"prime": latex(Prime(Sigmoid(z))), "plain_prime": r"\sigma'(z)",
               "applied": latex(Sigmoid(z)), "plain_applied": r"\sigma(z)"}
    assert printed["prime"] == r"\sigma'\!\left(z\right)"
    width = _widths(tmp_path, printed)
    assert abs(width["prime"] - width["plain_prime"]) < 0.05, width  # was 1.8 pt wider: σ′ (z)
    assert abs(width["applied"] - width["plain_applied"]) < 0.05, width


def _words(pdf: Path, page: int | None = None) -> list[tuple[str, float]]:
    """(word, width in pt) of every word pdftotext finds (on ``page``)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", "-bbox", *pages, str(pdf), "-"], capture_output=True, text=True).stdout
    return [(m[3], float(m[2]) - float(m[1]))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', out)]


@needs("pdflatex")
@needs("dot")
@needs("pdftotext")
def test_the_graph_is_vector_graphics_with_labels_of_8pt_or_more(tmp_path, capsys):
    tex = _homework(tmp_path, capsys)
    source = tex.read_text()
    assert "hw-figures/graph-1.pdf" in source and "graph-1.png" not in source
    _pdflatex(tex)
    figure = tmp_path / "hw-figures" / "graph-1.pdf"
    label_size = _edge_font_size()
    in_figure = {w: width for w, width in _words(figure) if w.startswith("∂")}
    assert in_figure, "the edge labels are not text in the figure's PDF"
    in_print = {}
    for page in range(1, 6):
        in_print.update({w: width for w, width in _words(tmp_path / "hw.pdf", page) if w in in_figure})
    assert set(in_print) == set(in_figure)
    # the labels scale with the figure: printed size = set size × (printed width / width in the figure)
    printed_pt = min(label_size * in_print[w] / in_figure[w] for w in in_figure)
    assert printed_pt >= 8, printed_pt


def _edge_font_size() -> float:
    """The font size the example's graph sets its edge labels in (pt at the figure's natural size)."""
    from symbolic.graph import build_graph, run_passes
    from symbolic.graph.picture import dot_source
    from symgrad.homework import load_spec, problem_objective
    problem = load_spec(ROOT / "examples" / "homework" / "neuron.toml").problems[0]
    obj = problem_objective(problem)
    source = dot_source(run_passes(build_graph(obj, [p.name for p in obj.parameters]), problem.point))
    return float(re.search(r"edge \[[^\]]*fontsize=([\d.]+)", source)[1])
