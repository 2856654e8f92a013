"""From a student's typed or LaTeX answer to a verdict against the true gradient of a loss."""
from __future__ import annotations

import sympy

from ..derive import derive
from ..errors import ParseError
from ..latex_parse import LatexContext, looks_like_latex, parse_latex_answer
from ..parse import GENERIC_SIGMA, parse_expression
from .records import Verdict
from .verdict import CheckSettings, compare

NOTATIONS = ("auto", "latex", "text")


def names_of(expr: sympy.Expr) -> dict[str, sympy.Basic]:
    """The loss's own names: symbols and indexed data by name."""
    found = expr.atoms(sympy.Symbol, sympy.IndexedBase)
    return {str(s.label if isinstance(s, sympy.IndexedBase) else s.name): s for s in found}


def parse_answer(answer: str, objective, notation: str = "auto") -> sympy.Expr:
    """The answer as sympy, in the loss's own names (the model's inner names z, ŷ_j written out)."""
    if notation not in NOTATIONS:
        raise ValueError(f"notation must be one of {NOTATIONS}")
    loss = objective.expression
    if notation == "latex" or (notation == "auto" and looks_like_latex(answer)):
        sigma = "generic" if loss.has(GENERIC_SIGMA) else "sigmoid"
        names = names_of(loss) | {n.name: n for n, _ in getattr(objective, "hints", ())}
        expr = parse_latex_answer(answer, LatexContext(names, sigma))
    else:
        expr = parse_expression(answer)
    expr = expr.xreplace({name: inner for name, inner in getattr(objective, "hints", ())})
    _check_names(expr, loss)
    return expr


def _check_names(answer: sympy.Expr, loss: sympy.Expr) -> None:
    known = set(names_of(loss))
    bound = {str(lim[0]) for s in answer.atoms(sympy.Sum) for lim in s.limits}
    indices = {str(i) for ix in answer.atoms(sympy.Indexed) for i in ix.indices if i.is_Symbol}
    used = {str(s.label if isinstance(s, sympy.IndexedBase) else s.name)
            for s in answer.atoms(sympy.Symbol, sympy.IndexedBase)}
    unknown = sorted(used - known - bound - indices - {"n"})
    if unknown:
        raise ParseError(f"the answer uses {', '.join(unknown)}, which the loss does not have "
                         f"(its variables: {', '.join(sorted(known - {'n'}))})")


def check(objective, wrt: str, answer: str, notation: str = "auto",
          settings: CheckSettings = CheckSettings(), expected: sympy.Expr | None = None) -> Verdict:
    """The verdict on ``answer`` as ∂L/∂``wrt`` of the objective (pass ``expected`` to reuse a derivation)."""
    if expected is None:
        expected = derive(objective, [wrt])[wrt].gradient
    return compare(expected, parse_answer(answer, objective, notation), settings)
