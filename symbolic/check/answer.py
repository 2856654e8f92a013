"""From a student's typed or LaTeX answer to a verdict against the true gradient of a loss."""
from __future__ import annotations

import sympy

from ..derive import derive
from ..errors import ParseError, UnsafeInputError
from ..latex_parse import LatexContext, looks_like_latex, parse_latex_answer
from ..activations import Sigmoid
from ..generic import SigmaPrime
from ..latex_parse.paste import clean_pasted
from ..parse import GENERIC_SIGMA, parse_expression
from .answer_forms import check_with_sides
from .answer_names import answer_hints, spelled_as_loss, with_definitions, with_where
from .records import Verdict
from .verdict import CheckSettings, compare

NOTATIONS = ("auto", "latex", "text")


def names_of(expr: sympy.Expr) -> dict[str, sympy.Basic]:
    """The loss's own names: symbols and indexed data by name."""
    found = expr.atoms(sympy.Symbol, sympy.IndexedBase)
    names = {s.name: s for s in found if isinstance(s, sympy.Symbol)}
    names.update({str(s.label): s for s in found if isinstance(s, sympy.IndexedBase)})  # x, not its label
    return names


def parse_answer(answer: str, objective, notation: str = "auto") -> sympy.Expr:
    """The answer as sympy, in the loss's own names (the model's inner names z, ŷ_j written out)."""
    if notation not in NOTATIONS:
        raise ValueError(f"notation must be one of {NOTATIONS}")
    answer = clean_pasted(answer)
    loss = objective.expression
    sigma = "generic" if loss.has(GENERIC_SIGMA) else "sigmoid"
    hints = answer_hints(objective)
    names = names_of(loss) | {n.name: n for n, _ in hints}
    as_latex = lambda: parse_latex_answer(answer, LatexContext(names, sigma))  # noqa: E731
    if notation == "latex" or (notation == "auto" and looks_like_latex(answer)):
        expr = as_latex()
    elif notation == "text":
        expr = parse_expression(answer)
    else:
        try:
            expr = parse_expression(answer)
            if any(s.is_Symbol and s.name not in names and s.name.replace("_", "") not in names
                   for s in expr.free_symbols):  # "wx + b": letters written side by side
                try:
                    expr = as_latex()
                except ParseError:
                    pass
        except UnsafeInputError:
            raise
        except ParseError as text_error:  # "2 x (y - w x)": plain math with implicit products
            try:
                expr = as_latex()
            except ParseError:
                raise text_error from None
    expr = spelled_as_loss(expr.xreplace({name: inner for name, inner in hints}), names)
    expr = _same_symbols(expr, names)
    if sigma == "sigmoid":  # σ is the lecture's sigmoid wherever the loss uses it, in text as in LaTeX
        expr = expr.replace(lambda e: isinstance(e, SigmaPrime), lambda e: Sigmoid(e.args[0]) * (1 - Sigmoid(e.args[0])))
        expr = expr.replace(lambda e: isinstance(e, GENERIC_SIGMA), lambda e: Sigmoid(e.args[0]))
    _check_names(expr, loss)
    return expr


def _same_symbols(expr: sympy.Expr, names: dict[str, sympy.Basic]) -> sympy.Expr:
    """The answer's symbols replaced by the loss's symbols of the same name (whatever assumptions
    the parser gave them: the N of a sum bound is the N of 1/N)."""
    table = {s: names[s.name] for s in expr.free_symbols
             if s.is_Symbol and isinstance(names.get(s.name), sympy.Symbol) and names[s.name] != s}
    return expr.xreplace(table) if table else expr


def _check_names(answer: sympy.Expr, loss: sympy.Expr) -> None:
    known = set(names_of(loss))
    bound = {str(lim[0]) for s in answer.atoms(sympy.Sum) for lim in s.limits}
    indices = {str(i) for ix in answer.atoms(sympy.Indexed) for i in ix.indices if i.is_Symbol}
    used = {s.name for s in answer.free_symbols if s.is_Symbol} | {str(b.label) for b in answer.atoms(sympy.IndexedBase)}
    unknown = sorted(used - known - bound - indices - {"n"})
    if unknown:
        raise ParseError(f"the answer uses {', '.join(unknown)}, which the loss does not have "
                         f"(its variables: {', '.join(sorted(known - {'n'}))})")


def check(objective, wrt: str, answer: str, notation: str = "auto",
          settings: CheckSettings = CheckSettings(), expected: sympy.Expr | None = None,
          where: tuple[str, ...] = ()) -> Verdict:
    """The verdict on ``answer`` as ∂L/∂``wrt`` of the objective (pass ``expected`` to reuse a derivation).

    The answer may start with a left-hand side (``\\frac{\\partial L}{\\partial w} =``, ``dL/dw =``), which must
    name ``wrt``, or be a whole chain ``A = B = C``; ``where`` declares the student's own names (``a = \\sigma(z)``).
    """
    if expected is None:
        derivation = derive(objective, [wrt])[wrt]
        expected = derivation.gradient
        objective = with_definitions(objective, derivation.definitions)  # derive's own z₂, ŷ₁ read back
    answer = clean_pasted(answer)
    if where:
        objective, answer = with_where(objective, answer, tuple(where), parse_answer)
    judged = check_with_sides(objective, wrt, answer,
                              lambda side: compare(expected, parse_answer(side, objective, notation), settings),
                              settings, expected)
    if judged is not None:
        return judged
    return compare(expected, parse_answer(answer, objective, notation), settings)
