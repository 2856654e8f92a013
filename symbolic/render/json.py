"""The JSON contract later tools rely on: loss and gradients, each as text (parses back) and LaTeX.

Each step of a gradient keeps its printed ``rule``, ``latex`` and ``unicode`` and adds what a front
end needs to show it as data: the registry records of its ``rules``, the ``expression`` of the line,
the inner names it introduced (``definitions``) and one ``rewrites`` entry per rule application,
with the part of the previous line it rewrote (``before``), what replaced it (``after``), their
positions and both lines with those parts marked.  Every ``"text"`` parses back with
``symbolic.parse.parse_expression``: a line still holding ∂u/∂w or f'(z) is written as its value
(those worked out, inner names replaced by what they stand for), the way it is for a tool checking
it; ``unicode`` and ``latex`` show the line as written.
"""
from __future__ import annotations

import sympy

from ..derive.display import Pending, work_out
from .latex import MarkingLatexPrinter, latex
from .text import text as unicode_text


def expression_json(expr: sympy.Expr) -> dict:
    """``{"text": …, "latex": …}``: text in the parser's notation (round-trips), LaTeX for documents."""
    return {"text": sympy.sstr(expr), "latex": latex(expr)}


def line_value(derivation, expr: sympy.Expr) -> sympy.Expr:
    """What a line (or part of one) is worth in the objective's variables: ∂u/∂w, f'(z) and z worked out."""
    value = work_out(derivation.substitute_names(expr))
    return value.replace(sympy.Heaviside, lambda *a: _step(a[0]))  # the lecture's step, which parses back


def _step(z):
    from ..activations import Step
    return Step(z)


def line_json(derivation, expr: sympy.Expr, latex_text: str | None = None) -> dict:
    """``{"text", "latex"}`` of a line or a part of one: text its value (parses back), LaTeX as written."""
    # the value is unsimplified and can be long: printed in the order of its args, not sorted
    return {"text": sympy.sstr(line_value(derivation, expr), order="none"),
            "latex": latex(expr) if latex_text is None else latex_text}


def _path(path) -> list[int] | None:
    return None if path is None else list(path)


def _target_path(rewrite):
    if rewrite.before_path is None:
        return None
    return rewrite.before_path if rewrite.target is rewrite.before else rewrite.before_path + (0,)


def _unmarked(marked: str, printer: MarkingLatexPrinter, marks: dict) -> str:
    # the parts of one line a step rewrites never overlap, so each wrapper comes off by itself
    for path, label in marks.items():
        if path in printer.printed:
            inner = printer.printed[path]
            marked = marked.replace(rf"\htmlClass{{{label}}}{{{inner}}}", inner, 1)
    return marked


def steps_json(derivation) -> list[dict]:
    """Every line: the old ``rule``/``latex``/``unicode`` plus its rules, expression, definitions and rewrites.

    Each line is printed once with what its step wrote marked, and once more with what the next step
    rewrites marked; the LaTeX of every part is read off those printings.
    """
    out = []
    previous = Pending(derivation.objective, derivation.parameter)  # ∂L/∂θ, the left-hand side
    for step in derivation.steps:
        labels = [f"symgrad-rewrite-{k}" for k in range(len(step.rewrites))]
        before_marks = {w.before_path: lab for w, lab in zip(step.rewrites, labels) if w.before_path is not None}
        before_printer = MarkingLatexPrinter(before_marks, also=[_target_path(w) for w in step.rewrites])
        previous_marked = before_printer.doprint(previous)
        after_marks = {w.after_path: lab for w, lab in zip(step.rewrites, labels) if w.after_path is not None}
        after_printer = MarkingLatexPrinter(after_marks)
        line_marked = after_printer.doprint(step.expression)
        line_latex = _unmarked(line_marked, after_printer, after_marks)
        if r"\htmlClass{symgrad-rewrite" in line_latex:  # a wrapper moved inside a sign: print it again
            line_latex = latex(step.expression)
        rewrites = []
        for w, label in zip(step.rewrites, labels):
            rewrites.append({
                "rule": w.rule, "rules": [r.id for r in w.rules], "label": label,
                "target": line_json(derivation, w.target, before_printer.printed.get(_target_path(w))),
                "before": line_json(derivation, w.before, before_printer.printed.get(w.before_path)),
                "after": line_json(derivation, w.after, after_printer.printed.get(w.after_path)),
                "before_path": _path(w.before_path), "after_path": _path(w.after_path)})
        out.append({
            "rule": step.rule,
            "latex": line_latex,
            "unicode": unicode_text(step.expression),
            "rules": [r.to_json() for r in step.rules],
            "expression": line_json(derivation, step.expression, line_latex),
            "definitions": [{"name": str(n), **expression_json(e)} for n, e in step.definitions],
            "rewrites": rewrites,
            "marked_latex": line_marked,
            "previous_marked_latex": previous_marked,
        })
        previous = step.expression
    return out


def derivation_json(derivation) -> dict:
    """One gradient: exact text/LaTeX, the compact form with its definitions, and the steps."""
    return {
        **expression_json(derivation.gradient),
        "compact_latex": latex(derivation.compact),
        "definitions": [{"name": str(n), **expression_json(e)} for n, e in derivation.definitions],
        "note": derivation.note or None,
        "steps": steps_json(derivation),
    }


def derivations_json(loss: sympy.Expr, derivations: dict) -> dict:
    """``{"loss": {...}, "gradients": {param: {...}}}`` for ``symgrad derive --format json``."""
    return {"loss": expression_json(loss),
            "gradients": {name: derivation_json(d) for name, d in derivations.items()}}
