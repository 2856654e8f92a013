"""Placeholders that appear in the lines of a derivation before the rule that resolves them.

``Pending(u, w)`` is ∂u/∂w not yet worked out; ``Prime(f(z), i)`` is the outer derivative f'(z) of the
chain rule (∂f/∂z_i for functions of several arguments).  Both print themselves and ``doit()`` to the
value they stand for, so every line of a derivation can be checked against the final gradient.
"""
from __future__ import annotations

import sympy


class Pending(sympy.Expr):
    """∂expr/∂wrt, written but not yet evaluated (a line of a derivation still to be worked on)."""

    is_commutative = True

    def __new__(cls, expr, wrt):
        return sympy.Expr.__new__(cls, sympy.sympify(expr), wrt)

    @property
    def expr(self) -> sympy.Expr:
        """What is differentiated."""
        return self.args[0]

    @property
    def wrt(self) -> sympy.Symbol:
        """The variable it is differentiated with respect to."""
        return self.args[1]

    def doit(self, **hints):
        return sympy.diff(self.expr.doit(**hints), self.wrt)

    def _latex(self, printer, exp=None):
        wrt = printer._print(self.wrt)
        if isinstance(self.expr, sympy.Symbol):
            return rf"\frac{{\partial {printer._print(self.expr)}}}{{\partial {wrt}}}"
        return rf"\frac{{\partial}}{{\partial {wrt}}}\left[{printer._print(self.expr)}\right]"

    def _sympystr(self, printer):
        return f"Derivative({printer._print(self.expr)}, {printer._print(self.wrt)})"


class Prime(sympy.Expr):
    """The outer derivative of the chain rule: f'(z) (or ∂f/∂z_i) for the application ``f(z)``."""

    is_commutative = True

    def __new__(cls, application, argindex=1):
        return sympy.Expr.__new__(cls, application, sympy.Integer(argindex))

    @property
    def application(self) -> sympy.Expr:
        """The function application f(z) whose derivative this is."""
        return self.args[0]

    @property
    def argindex(self) -> int:
        """Which argument of f it is the partial derivative for (1-based, as sympy's fdiff)."""
        return int(self.args[1])

    def doit(self, **hints):
        return self.application.fdiff(self.argindex)

    def _latex(self, printer, exp=None):
        app = self.application
        head = function_head(app)
        if len(app.args) == 1:
            # \! as the functions print themselves: \left( after a name would add a thin space, σ′ (z)
            return rf"{head}'\!\left({printer._print(app.args[0])}\right)"
        from ..activations import Softmax
        if isinstance(app, Softmax):
            return rf"\frac{{\partial \hat y_{{{app.index}}}}}{{\partial {printer._print(app.args[self.argindex - 1])}}}"
        inner = ", ".join(printer._print(a) for a in app.args)
        by = printer._print(app.args[self.argindex - 1])
        return rf"\frac{{\partial}}{{\partial {by}}} {head}\!\left({inner}\right)"

    def _sympystr(self, printer):
        return f"Prime({printer._print(self.application)}, {self.argindex})"


#: LaTeX heads of sympy's own functions (activations carry their own ``latex_name``)
_HEADS = {"exp": r"\exp", "log": r"\log", "sin": r"\sin", "cos": r"\cos", "tan": r"\tan",
          "Abs": r"\operatorname{abs}", "Max": r"\max", "Min": r"\min", "sign": r"\operatorname{sign}"}


def function_head(application: sympy.Expr) -> str:
    """The LaTeX name of the function applied in ``application`` (``\\sigma`` for sigmoid(z))."""
    name = getattr(application, "latex_name", None)
    if name:
        return name
    fname = type(application).__name__
    return _HEADS.get(fname, rf"\operatorname{{{fname}}}")


def work_out(expr: sympy.Expr) -> sympy.Expr:
    """The value of a line: every ∂u/∂w and f'(z) in it replaced by what it stands for, sums left as sums.

    Unlike ``doit()`` this never tries to evaluate a sum over the data in closed form.
    """
    if isinstance(expr, Pending):
        return sympy.diff(work_out(expr.expr), expr.wrt)
    if isinstance(expr, Prime):
        return expr.doit()
    if not expr.args or not expr.has(Pending, Prime):
        return expr
    return expr.func(*(work_out(a) for a in expr.args))
