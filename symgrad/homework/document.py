"""A homework solution as one LaTeX document: statement, derivation, boxed gradients, backprop table,
verdicts on students' answers, the gradient-descent step (latexify), figures.

Nothing from the spec reaches the document raw: formulas are printed from parsed expressions and
prose goes through ``escape``.
"""
from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import sympy

from symbolic import derive
from symbolic.check import check, compare
from symbolic.check.answer import names_of
from symbolic.errors import SymgradError
from symbolic.graph import build_graph, run_passes
from symbolic.graph.picture import dot_source
from symbolic.graph.tables import latex_table
from symbolic.models import Objective, build
from symbolic.pyfunc import algorithm_latex, function_latex, read_function
from symbolic.render.latex import latex

from .spec import Problem, Spec, objective_spec
from .written import statement_parts, written_latex

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[letterpaper,margin=2.2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{graphicx}
\usepackage{float}
\usepackage{algorithm}
\usepackage{algpseudocode}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5em}
"""

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\~{}", "<": r"\textless{}", ">": r"\textgreater{}"}


def escape(prose: str) -> str:
    """Prose as inert LaTeX: specials escaped, characters outside Latin-1 replaced, so nothing runs."""
    out = []
    for c in prose:
        if c in _SPECIAL:
            out.append(_SPECIAL[c])
        elif c == "\n":
            out.append(" ")
        elif ord(c) < 32 or ord(c) > 255:
            out.append("?")
        else:
            out.append(c)
    return "".join(out)


def problem_objective(problem: Problem):
    """The Objective of a problem, a parsed formula or a built-in model: ``build`` of its spec."""
    try:
        built = build(objective_spec(problem))
    except SymgradError as err:
        raise type(err)(f"{problem.title}: {err}") from None
    if not isinstance(built, Objective):
        raise SymgradError(f"{problem.title}: a homework problem takes a scalar model, not the matrix-form mlp")
    return built


def _answers(problem, obj, derivations) -> list[str]:
    parts = []
    for answer in problem.answers:
        if answer.wrt not in derivations:
            raise SymgradError(f"{problem.title}: an answer is for {answer.wrt!r}, which is not derived (wrt)")
        expected = derivations[answer.wrt].gradient
        if answer.python:
            read = read_function(answer.python, names_of(obj.expression))
            verdict = compare(expected, read.expression)
            shown = rf"\[ {function_latex(read.tree)} \]"
        else:
            text = answer.latex if answer.latex is not None else answer.text
            verdict = check(obj, answer.wrt, text, "latex" if answer.latex is not None else "text", expected=expected)
            shown = rf"\[ \frac{{\partial \mathcal{{L}}}}{{\partial {latex(derivations[answer.wrt].parameter)}}} "\
                    rf"\overset{{?}}{{=}} {_as_written(text, obj, verdict)} \]"
        mark = {"correct": r"$\checkmark$ correct", "incorrect": r"$\times$ incorrect",
                "undecided": "? undecided"}[verdict.verdict]
        parts.append(rf"\paragraph{{Student's answer for $\partial\mathcal{{L}}/\partial {latex(derivations[answer.wrt].parameter)}$.}}")
        parts.append(shown)
        parts.append(rf"\textbf{{Verdict: {mark}}} ({escape(verdict.evidence)}).")
        if verdict.diagnosis:
            d = verdict.diagnosis
            term = rf" The term ${d.term_latex}$ is at fault." if d.term_latex else ""
            parts.append(rf"Diagnosis: \texttt{{{escape(d.kind)}}}.{term}")
        if verdict.counterexample:
            ce = verdict.counterexample
            at = ", ".join(f"${latex(sympy.Symbol(k))}$ = {escape(_short(v))}" for k, v in ce.point)
            parts.append(rf"Counterexample: at {at} the gradient is {escape(_short(ce.expected))} but the answer gives "
                         rf"{escape(_short(ce.answer))}.")
    return parts


def _short(number: str) -> str:
    """A counterexample's number with 6 significant digits (the verdict keeps them all)."""
    try:
        return f"{float(number):.6g}"
    except ValueError:
        return number


def _as_written(text: str, obj, verdict) -> str:
    """The answer as the student wrote it (½·2 and σ'(z) kept), printed from the lexer's tokens; where those
    have no printed form, the parsed answer, marked as such."""
    try:
        return written_latex(text, names_of(obj.expression))
    except SymgradError:
        return latex(verdict.answer) + r" \quad \text{(as read)}"


def statement_latex(statement: str) -> str:
    """Prose escaped, each ``$…$`` the parser reads printed from its tokens (``\\$`` is a dollar sign)."""
    return "".join(f"${text}$" if kind == "math" else escape(text.replace("\\$", "$"))
                   for kind, text in statement_parts(statement))


#: the homework's text block (letter paper, 2.2 cm margins) in inches, for Graphviz's ``size``
TEXT_WIDTH_IN, GRAPH_HEIGHT_IN = 6.75, 5.6
#: the graph's layout for print: top to bottom fits the page's width where left to right (5 ranks of
#: wide edge labels) would be shrunk to 4 pt labels; ``size`` only ever shrinks a larger graph
GRAPH_LAYOUT = f'  graph [rankdir=TB, ranksep=0.35, nodesep=0.35, margin=0, size="{TEXT_WIDTH_IN},{GRAPH_HEIGHT_IN}"];'
GRAPH_NODES = '  node [fontsize=11, margin="0.08,0.04"];'


def graph_pdf(passes, path: Path) -> Path:
    """The computation graph as a vector PDF laid out to fit the text block at its natural size."""
    exe = shutil.which("dot")
    if exe is None:
        raise SymgradError("Graphviz's dot is not installed (apt-get install graphviz); the graph figure needs it")
    lines = dot_source(passes).rstrip().splitlines()
    # node defaults before the nodes; graph attributes last, where they override the picture's rankdir
    source = "\n".join([lines[0], GRAPH_NODES, *lines[1:-1], GRAPH_LAYOUT, lines[-1]]) + "\n"
    proc = subprocess.run([exe, "-Tpdf"], input=source.encode(), capture_output=True, timeout=60)
    if proc.returncode != 0:
        raise SymgradError(f"dot failed: {proc.stderr.decode(errors='replace').strip().splitlines()[-1:]}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(proc.stdout)
    return path


def _figure(path: Path, caption: str) -> str:
    return "\n".join([r"\begin{figure}[H]", r"\centering",
                      rf"\includegraphics[width=0.95\textwidth,height=0.4\textheight,keepaspectratio]{{{path.as_posix()}}}",
                      rf"\caption{{{escape(caption)}}}", r"\end{figure}"])


def _loss_figure(problem, obj, derivations, folder: Path, k: int) -> str:
    from numeric.data import load
    from numeric.plots import loss_curve, save
    from numeric.train import train
    settings = dict(problem.train)
    data = load(str(settings.pop("data")))
    constants = {str(n): float(v) for n, v in dict(settings.pop("set", {})).items()}
    columns = dict(data.columns)
    inputs = [s.name for s in obj.data if getattr(s, "name", "y") != "y"]
    if not all(i in columns for i in inputs) and len(inputs) == len(data.feature_names):
        columns = {i: data.columns[f] for i, f in zip(inputs, data.feature_names)} | {"y": data.columns[data.target or "y"]}
    result = train(obj, columns, parameters=list(derivations), constants=constants,
                   optimizer=str(settings.get("optimizer", "gd")), learning_rate=settings.get("lr"),
                   epochs=int(settings.get("epochs", 100)), seed=int(settings.get("seed", 0)))
    path = folder / f"loss-{k}.png"
    save(loss_curve(result.loss_history, title="Gradient descent: loss per epoch"), path)
    return _figure(path, f"Loss during gradient descent ({result.epochs} epochs, final loss {result.final_loss:.4g}).")


def problem_latex(problem: Problem, k: int, folder: Path) -> str:
    """The LaTeX of one problem; figures are written into ``folder``."""
    obj = problem_objective(problem)
    wrt = [p.name for p in obj.parameters]
    derivations = derive(obj)
    parts = [rf"\section*{{Problem {k}: {escape(problem.title)}}}"]
    if problem.statement:
        parts.append(statement_latex(problem.statement))
    parts.append(r"\[ \mathcal{L} = " + latex(obj.expression) + r" \]")
    for name, d in derivations.items():
        parts.append(rf"\subsection*{{The derivative with respect to ${latex(d.parameter)}$}}")
        parts.append(d.to_latex())
        parts.append(r"\[ \boxed{\frac{\partial \mathcal{L}}{\partial " + latex(d.parameter) + "} = "
                     + latex(d.gradient) + r"} \]")
    if problem.code:
        read = read_function(problem.code, names_of(obj.expression))
        target = next((n for n in derivations if read.name.endswith(n)), next(iter(derivations)))
        verdict = compare(derivations[target].gradient, read.expression)
        parts.append(r"\subsection*{The gradient as code}")
        parts.append(rf"The numeric gradient function, rendered from its source, next to the symbolic gradient "
                     rf"$\partial\mathcal{{L}}/\partial {latex(derivations[target].parameter)}$ "
                     rf"(they agree: \texttt{{{verdict.verdict}}}):")
        parts.append(rf"\[ {function_latex(read.tree)} \]")
    if problem.point:
        passes = run_passes(build_graph(obj, wrt), problem.point)
        parts.append(r"\subsection*{Backpropagation on the computation graph}")
        at = ", ".join(f"${latex(s)}$ = {escape(f'{v:g}')}" for s, v in
                       ((obj_symbol, problem.point[obj_symbol.name]) for obj_symbol in
                        sorted(obj.expression.free_symbols, key=lambda s: s.name) if obj_symbol.name in problem.point))
        parts.append(rf"Forward and backward pass at {at}:")
        parts.append(r"\begin{center}\resizebox{\textwidth}{!}{" + latex_table(passes) + r"}\end{center}")
        if "graph" in problem.figures:
            path = graph_pdf(passes, folder / f"graph-{k}.pdf")
            parts.append("\n".join([r"\begin{figure}[H]", r"\centering",  # natural size: labels print at 10 pt
                                     rf"\includegraphics{{{path.as_posix()}}}",
                                     r"\caption{The computation graph: each node with its value and gradient, "
                                     r"each edge with its local derivative.}", r"\end{figure}"]))
    parts.extend(_answers(problem, obj, derivations))
    if problem.update:
        from numeric.update import update_source
        parts.append(r"\subsection*{The gradient-descent step}")
        parts.append(r"With learning rate $\alpha$, $w \leftarrow w - \alpha \nabla \mathcal{L}(w)$ for every parameter "
                     r"(rendered with latexify from the function that runs):")
        parts.append(r"\begin{algorithm}[H]" + "\n" + algorithm_latex(ast.parse(update_source(derivations)))
                     + "\n" + r"\end{algorithm}")
    if "loss" in problem.figures:
        parts.append(_loss_figure(problem, obj, derivations, folder, k))
    return "\n\n".join(parts)


def homework_latex(spec: Spec, folder: Path) -> str:
    """The whole document; figures go into ``folder`` (paths in the document are relative to it's parent)."""
    head = [PREAMBLE, r"\begin{document}", rf"\begin{{center}}{{\LARGE {escape(spec.title)}}}\\[0.5em]"
            + (rf"{{\large {escape(spec.author)}}}" if spec.author else "") + r"\end{center}"]
    body = [problem_latex(p, k, folder) for k, p in enumerate(spec.problems, start=1)]
    return "\n\n".join(head + body + [r"\end{document}"]) + "\n"
