"""Step-by-step derivatives: ``derive(objective, wrt)`` gives one Derivation per parameter.

    >>> from symbolic.models import neuron_objective
    >>> d = derive(neuron_objective(), ["omega"])["omega"]
    >>> print(d.gradient)
"""
from __future__ import annotations

from typing import Iterable, Mapping

import sympy

from ..errors import DerivationError
from .display import Pending, Prime
from .lines import _renamer, steps_of
from .records import Derivation, Step
from .rules import RULES
from .tree import TreeBuilder


def derivation(expr: sympy.Expr, wrt: sympy.Symbol,
               hints: Mapping[sympy.Expr, sympy.Symbol] = {}, identities=()) -> Derivation:
    """∂expr/∂wrt, step by step; ``hints`` name inner expressions (z = ωx + b).

    ``identities`` are (old, new) substitutions that hold for the data (1[y = k] = 1 − Σ_{j<k} 1[y = j]
    when y is one of the k classes); they may shorten the compact form, never the exact gradient.
    """
    taken = {s.name for s in expr.free_symbols} | {str(b) for b in expr.atoms(sympy.IndexedBase)}
    tree = TreeBuilder(wrt, RULES, hints, taken).build(expr)
    steps, definitions = steps_of(tree, wrt, tuple((n, e) for e, n in hints.items()))
    gradient = tidy(tree.result)
    compact = _renamer(definitions)(shorten(gradient, identities))
    return Derivation(expr, wrt, steps, gradient, compact, definitions)


def tidy(expr: sympy.Expr) -> sympy.Expr:
    """Common factors pulled out (factor_terms), but sums over data kept whole: Σ_i (f_i), not b·Σ 1 + …."""
    sums = sorted(expr.atoms(sympy.Sum), key=sympy.count_ops)
    if not sums:
        return sympy.factor_terms(expr)
    dummies = {s: sympy.Dummy() for s in sums}
    out = sympy.factor_terms(expr.xreplace(dummies))
    return out.xreplace({d: sympy.Sum(tidy(s.function), *s.limits) for s, d in dummies.items()})


def shorten(expr: sympy.Expr, identities) -> sympy.Expr:
    """Use the objective's identities (Σ_j 1[y = j] = 1) where they make the gradient shorter."""
    best = expr
    for old, new in identities:
        candidate = tidy(sympy.expand(expr.xreplace({old: new})))
        if sympy.count_ops(candidate) < sympy.count_ops(best):
            best = candidate
    return best


def derive(objective, wrt: Iterable[str | sympy.Symbol] | str | None = None) -> dict[str, Derivation]:
    """One Derivation per parameter name, for an Objective, a sympy expression or a typed loss.

    A typed loss (text or LaTeX, ``"x**3"``) is read by the safe parser (``symbolic.models.from_text``),
    never evaluated; ``wrt`` is a list of names or one comma-separated string (``"w,b"``).

        >>> derive("x**3", ["x"])["x"].gradient
        3*x**2
    """
    if isinstance(wrt, str):
        from ..models import parameter_names
        wrt = parameter_names(wrt)
    if isinstance(objective, str):
        if wrt is None:
            raise ValueError("a typed loss needs wrt, the parameters to differentiate by: derive('x**3', ['x'])")
        from ..models import from_text
        objective = from_text(objective, [w if isinstance(w, str) else w.name for w in wrt])
        wrt = [p.name for p in objective.parameters]
    expr = getattr(objective, "expression", objective)
    hints = getattr(objective, "intermediates", {})
    identities = getattr(objective, "identities", ())
    if wrt is None:
        wrt = getattr(objective, "parameters", None)
        if wrt is None:
            raise ValueError("say which parameters to differentiate with respect to (wrt=...)")
    symbols_by_name = {s.name: s for s in expr.free_symbols}
    # a parameter the objective declares but the loss lost (b in w*x - b + b) has derivative 0
    symbols_by_name.update({p.name: p for p in getattr(objective, "parameters", ()) if p.name not in symbols_by_name})
    result = {}
    for w in wrt:
        name = w if isinstance(w, str) else w.name
        if name not in symbols_by_name:
            known = ", ".join(sorted(symbols_by_name)) or "none"
            raise DerivationError(f"the loss has no variable {name!r} to differentiate by (its variables: {known})")
        result[name] = derivation(expr, symbols_by_name[name], hints, identities)
    return result


__all__ = ["derive", "derivation", "Derivation", "Step", "Pending", "Prime"]
