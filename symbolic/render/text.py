"""Plain unicode text for the terminal: one line per step, Greek letters, σ, ∂, ², ·."""
from __future__ import annotations

import sympy
from sympy.printing.str import StrPrinter

from ..derive.display import Pending, Prime
from ..functions import lookup
from ..names import GREEK
from .layout import LayoutMixin, layered_name

_GREEK = dict(zip(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau "
    "upsilon phi chi psi omega".split(), "αβγδεζηθικλμνξοπρστυφχψω"))
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _name(name: str) -> str:
    parts = layered_name(name)
    if parts:
        head, layer, idx = parts
        return _name(head) + f"⁽{layer}⁾".translate(_SUP) + idx.translate(_SUB)
    if name.startswith("yhat"):
        return "ŷ" + name[4:].lstrip("_").translate(_SUB)
    head, _, sub = name.partition("_")
    stem = head.rstrip("0123456789")
    digits = head[len(stem):]
    stem = _GREEK.get(stem, stem) if stem in GREEK else stem
    return stem + digits.translate(_SUB) + (f"_{sub}" if sub else "")


def _head(expr) -> str:
    """How a function's name looks in text: its registry record's unicode head (σ, ReLU, abs)."""
    info = lookup(expr)
    return info.unicode if info is not None else type(expr).__name__


class UnicodePrinter(LayoutMixin, StrPrinter):
    """One-line unicode rendering of symgrad expressions."""

    cdot = "·"
    space = "·"
    printmethod = "_unicodestr"  # dispatch on class names, not the classes' own _sympystr

    def paren(self, s):
        return f"({s})"

    def frac(self, num, den):
        wrap = lambda s: s if s.replace("·", "").isalnum() else f"({s})"  # noqa: E731
        return f"{wrap(num)}/{wrap(den)}"

    def _print_Symbol(self, expr):
        return _name(expr.name)

    def _print_Indexed(self, expr):
        return _name(str(expr.base)) + "[" + ", ".join(self._print(i) for i in expr.indices) + "]"

    def _print_Rational(self, expr):
        return f"{expr.p}/{expr.q}"

    def _print_Pow(self, expr):
        base, e = expr.args
        if e == sympy.S.Half:
            return f"√({self._print(base)})"
        if e.is_number and e.is_negative:
            return self.frac("1", self._print(sympy.Pow(base, -e, evaluate=False)) if e != -1 else self._print(base))
        b = self._print(base)
        if base.is_Add or base.is_Mul or base.is_Pow or b.startswith("-") or (base.is_Rational and not base.is_Integer):
            b = f"({b})"
        exp = str(e).translate(_SUP) if e.is_Integer else f"^({self._print(e)})"
        return b + exp

    def _print_Function(self, expr):
        # a function with a layout of its own (softmax₁(…), 1[y = j]) has a _unicodestr method
        return f"{_head(expr)}({', '.join(self._print(a) for a in expr.args)})"

    _print_Activation = _print_Function

    def _print_Sum(self, expr):
        limits = ", ".join(f"{self._print(i)}={self._print(a)}..{self._print(b)}" for i, a, b in expr.limits)
        return f"Σ_{{{limits}}} ({self._print(expr.function)})"

    def _print_Pending(self, expr: Pending):
        wrt = self._print(expr.wrt)
        if isinstance(expr.expr, sympy.Symbol):
            return f"∂{self._print(expr.expr)}/∂{wrt}"
        return f"∂/∂{wrt}[{self._print(expr.expr)}]"

    def _print_Prime(self, expr: Prime):
        from ..activations import Softmax
        app = expr.application
        if isinstance(app, Softmax):
            return f"∂ŷ{str(app.index).translate(_SUB)}/∂{self._print(app.args[expr.argindex - 1])}"
        if len(app.args) == 1:
            return f"{_head(app)}'({self._print(app.args[0])})"
        by = self._print(app.args[expr.argindex - 1])
        return f"∂/∂{by} {_head(app)}({', '.join(self._print(a) for a in app.args)})"


def text(expr: sympy.Expr) -> str:
    """Unicode text for an expression, as the terminal shows it."""
    return UnicodePrinter().doprint(expr)


def derivation_text(derivation) -> str:
    """∂L/∂θ = … one line per step, each with its rule in brackets, then the compact gradient."""
    lhs = f"∂L/∂{text(derivation.parameter)}"
    pad = " " * len(lhs)
    lines = []
    for i, step in enumerate(derivation.steps):
        why = step.rule
        if step.definitions:
            others = {e: n for n, e in derivation.definitions}
            why += ", where " + ", ".join(
                f"{text(n)} = {text(e.xreplace({k: v for k, v in others.items() if v != n}))}" for n, e in step.definitions)
        lines.append(f"{lhs if i == 0 else pad} = {text(step.expression)}    [{why}]")
    final = text(derivation.compact)
    if final != text(derivation.steps[-1].expression):
        lines.append(f"{pad} = {final}    [simplify]")
    return "\n".join(lines)
