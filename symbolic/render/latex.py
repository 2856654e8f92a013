"""LaTeX: symgrad's printer (layout of derivation lines, layered names W^{(1)}_{12}) and documents."""
from __future__ import annotations

import sympy
from sympy.printing.latex import LatexPrinter

from .layout import LayoutMixin, bare, layered_name


class SymgradLatexPrinter(LayoutMixin, LatexPrinter):
    """sympy's LaTeX printer with derivation-friendly sums and products."""

    cdot = r" \cdot "
    space = " "

    def paren(self, s):
        return rf"\left({s}\right)"

    def frac(self, num, den):
        return rf"\frac{{{num}}}{{{den}}}"

    def _print_Symbol(self, expr, style="plain"):
        parts = layered_name(expr.name)
        if parts:
            head, layer, idx = parts
            return rf"{self._deal_with_super_sub(head)}^{{({layer})}}_{{{idx}}}"
        return super()._print_Symbol(expr, style)

    def _print_Indexed(self, expr):
        base, idx = str(expr.base), ",".join(self._print(i) for i in expr.indices)
        if base[-1].isdigit():  # feature j of example i: x^{(i)}_j
            head = base.rstrip("0123456789")
            return rf"{self._deal_with_super_sub(head)}^{{({idx})}}_{{{base[len(head):]}}}"
        return rf"{self._deal_with_super_sub(base)}_{{{idx}}}"

    def _print_Pow(self, expr):
        base, e = expr.args
        if e == sympy.S.Half:
            return rf"\sqrt{{{self._print(base)}}}"
        if isinstance(base, sympy.Function) and e.is_Integer and e > 0 and hasattr(base, "_latex"):
            return base._latex(self, exp=self._print(e))
        if e.is_number and e.is_negative and not base.is_Number:
            return self.frac("1", self._print(sympy.Pow(base, -e, evaluate=False)) if e != -1 else self._print(base))
        b = self._print(base)
        if base.is_Add or base.is_Mul or base.is_Pow or (base.is_Rational and not base.is_Integer) or bare(b).startswith("-"):
            b = self.paren(b)
        return f"{b}^{{{self._print(e)}}}"


def latex(expr: sympy.Expr) -> str:
    """LaTeX for an expression, as symgrad prints it everywhere."""
    return SymgradLatexPrinter().doprint(expr)


class MarkingLatexPrinter(SymgradLatexPrinter):
    """Prints like ``latex`` but wraps the parts at the given ``args`` paths in ``\\htmlClass{label}{…}``.

    A part is found by walking from the root through the very objects the printer prints, so a part
    the layout rebuilds on the way (a negated leading number) is simply left unmarked.  ``printed``
    keeps the LaTeX of every marked part (and of the ``also`` paths), as printed in its place.
    """

    def __init__(self, marks: dict[tuple[int, ...], str], also=()):
        super().__init__()
        self._marks = marks
        self._wanted = set(marks) | set(also)
        self._stack: list[tuple[object, tuple[int, ...] | None]] = []
        self.printed: dict[tuple[int, ...], str] = {}

    def _path_of(self, expr):
        if not self._stack:
            return ()
        parent, path = self._stack[-1]
        if path is None or not isinstance(parent, sympy.Basic):
            return None
        for i, arg in enumerate(parent.args):
            if arg is expr:
                return path + (i,)
        return None

    def _print(self, expr, **kwargs):
        path = self._path_of(expr)
        self._stack.append((expr, path))
        try:
            out = super()._print(expr, **kwargs)
        finally:
            self._stack.pop()
        if path in self._wanted:
            self.printed.setdefault(path, out)
        if path is not None and path in self._marks:
            return rf"\htmlClass{{{self._marks[path]}}}{{{out}}}"
        return out


def marked_latex(expr: sympy.Expr, marks: dict[tuple[int, ...], str]) -> str:
    """LaTeX of ``expr`` with the sub-expressions at ``marks``' paths wrapped for a front end to highlight.

    ``\\htmlClass`` is KaTeX's (render with ``trust`` allowing it); without marks this equals ``latex``.
    """
    return MarkingLatexPrinter(marks).doprint(expr)


def definitions_latex(definitions, names=()) -> str:
    """``z = \\omega x + b`` for each named inner expression, written with the other ``names``."""
    def short(name, inner):
        others = {e: n for n, e in names if n != name and e != inner}
        return inner.xreplace(others)
    return ", ".join(f"{latex(name)} = {latex(short(name, inner))}" for name, inner in definitions)


def annotation(remark: str) -> str:
    """A line's remark, ``(chain rule)``, flush right as ``\\tag*``: amsmath moves it below the line when
    the line leaves no room, so a long remark never runs into the margin (a third ``&&`` column would)."""
    return rf"\tag*{{\text{{({remark})}}}}"


def derivation_latex(derivation) -> str:
    """An ``align*`` block: ∂L/∂θ = line 1 (rule) = line 2 (rule) … = compact gradient."""
    wrt = latex(derivation.parameter)
    rows = []
    lhs = rf"\frac{{\partial \mathcal{{L}}}}{{\partial {wrt}}}"
    for i, step in enumerate(derivation.steps):
        why = step.rule
        if step.definitions:
            why += ", where $" + definitions_latex(step.definitions, derivation.definitions) + "$"
        rows.append(rf"{lhs if i == 0 else ''} &= {latex(step.expression)} {annotation(why)}")
    final = latex(derivation.compact)
    if final != latex(derivation.steps[-1].expression):
        rows.append(rf" &= {final} {annotation('simplify')}")
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"
