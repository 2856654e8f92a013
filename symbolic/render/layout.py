"""How sums and products are laid out, shared by the LaTeX and the unicode printers.

sympy's printers reorder factors and fold ½·2 into a fraction; a derivation line must show the
factors in the order the rule wrote them.  Sums list positive terms before negative ones (y − σ(z),
not −σ(z) + y) and products keep their order, with an explicit dot where juxtaposition would
mislead (½ · 2, before a number, around a pending derivative).
"""
from __future__ import annotations

import functools
import re

import sympy

from ..derive.display import Pending, Prime
from ..names import GREEK

_LAYERED = re.compile(r"^([A-Za-z]+)(\d+)_(\d+)$")
#: the openings of the wrappers a front end highlights a part with (see ``latex.MarkingLatexPrinter``)
_MARKS = re.compile(r"^(?:\\htmlClass\{[^{}]*\}\{)*")


def bare(printed: str) -> str:
    """A printed part without the highlight wrappers it opens with: layout looks at what is inside."""
    return printed[_MARKS.match(printed).end():]


def _without_minus(printed: str) -> str:
    k = _MARKS.match(printed).end()
    return printed[:k] + printed[k + 1:].lstrip()


def layered_name(name: str) -> tuple[str, str, str] | None:
    """``W1_12`` → ("W", "1", "12"): a layer's matrix entry W⁽¹⁾₁₂ (None for other names)."""
    m = _LAYERED.match(name)
    return m.groups() if m else None


def _negative(term: sympy.Expr) -> bool:
    if term.is_Number:
        return bool(term < 0)
    if term.is_Mul and term.args and term.args[0].is_Number:
        return bool(term.args[0] < 0)
    return False


@functools.lru_cache(maxsize=4096)
def _size(term: sympy.Expr) -> int:
    # printing a line sorts the terms of every sum in it, so nested sums would count their terms again
    return sympy.count_ops(term, visual=False)


def ordered_terms(expr: sympy.Add) -> list[sympy.Expr]:
    """Positive numbers first, then other positive terms (bigger first), then negative terms."""
    terms = list(expr.args)
    return sorted(terms, key=lambda t: (_negative(t), not (t.is_Number and t > 0),
                                        -_size(t) if not t.is_Number else 0))


def _factor_rank(f: sympy.Expr) -> float:
    if f.is_Number:
        return 0
    core = f.base if f.is_Pow else f
    if core.is_Symbol and core.name in GREEK:  # λ, ω before the rest: 2λω, λω²
        return 0.5
    if f.is_Add:
        return 3 if any(t.is_Number for t in f.args) else 1
    if isinstance(f, sympy.Function):
        return 2
    if f.is_Pow:
        return 1 if f.base.is_Add else 4
    if f.is_Indexed or (f.is_Symbol and f.name[:1] in "xy"):
        return 5  # data last: (y − σ(z))·σ(z)·(1 − σ(z))·x
    if f.is_Symbol:
        return 1.5  # parameters before what they multiply: w·σ(z)
    return 6


class LayoutMixin:
    """Add and Mul printing in the order a derivation wrote them; subclasses set the tokens."""

    cdot = " \\cdot "
    space = " "

    def paren(self, s: str) -> str:
        raise NotImplementedError

    def frac(self, num: str, den: str) -> str:
        raise NotImplementedError

    def _print_Add(self, expr, order=None):
        out = ""
        for i, term in enumerate(ordered_terms(expr)):
            s = self._print(term)
            if i == 0:
                out = s
            elif bare(s).startswith("-"):
                out += " - " + _without_minus(s)
            else:
                out += " + " + s
        return out

    def _factor(self, f, first: bool) -> str:
        s = self._print(f)
        if f.is_Add or (not first and bare(s).startswith("-")):
            return self.paren(s)
        return s

    def _print_Mul(self, expr):
        args = list(expr.args)
        if sympy.Mul(*args) == expr:  # an evaluated product: textbook order (y − σ)·σ·(1 − σ)·x
            args = sorted(args, key=_factor_rank)
        sign = ""
        if args and args[0].is_Number and args[0] < 0:
            sign, args[0] = "-", -args[0]
            if args[0] == 1 and len(args) > 1:
                args = args[1:]
        num, den = [], []
        for a in args:
            if a.is_Pow and a.exp.is_number and a.exp.is_negative and not a.base.is_Number:
                den.append(a.base if a.exp == -1 else sympy.Pow(a.base, -a.exp, evaluate=False))
            else:
                num.append(a)
        body = self._join(num) if num else "1"
        if den and any(isinstance(f, sympy.Sum) for f in num):
            body = self.frac("1", self._join(den)) + self.space + body  # ¹⁄ₙ Σ … as the lecture writes it
        elif den:
            body = self.frac(body, self._join(den))
        return sign + body

    def _join(self, factors) -> str:
        out, prev = "", None
        for f in factors:
            s = self._factor(f, prev is None)
            if prev is not None:
                dot = (bare(s)[:1].isdigit() or isinstance(f, (Pending, Prime, sympy.Sum))
                       or isinstance(prev, (Pending, Prime)) or (f.is_Mul and not bare(s).startswith(self.paren("")[:2])))
                out += self.cdot if dot else self.space
            out += s
            prev = f
        return out
