"""Independent checks shared by the tests: sympy.diff and central finite differences."""
from __future__ import annotations

import numpy as np
import sympy

from numeric import central_difference, compile_expression
from symbolic.activations import Step
from symbolic.indicator import Indicator


def almost_everywhere(expr: sympy.Expr) -> sympy.Expr:
    """Forget values on measure-zero sets: step/Heaviside conventions at 0 and DiracDelta spikes."""
    expr = expr.replace(lambda e: isinstance(e, Step), lambda e: sympy.Heaviside(e.args[0]))
    expr = expr.replace(lambda e: isinstance(e, sympy.Heaviside), lambda e: sympy.Heaviside(e.args[0]))
    return expr.replace(lambda e: isinstance(e, sympy.DiracDelta), lambda e: sympy.S.Zero)


def symbolically_equal(a: sympy.Expr, b: sympy.Expr) -> bool:
    """a = b as expressions (almost everywhere, for steps and kinks)."""
    diff = almost_everywhere(sympy.expand(a - b))
    if diff == 0:
        return True
    return sympy.simplify(diff.rewrite("elementary")) == 0


def concrete(expr: sympy.Expr, n: int = 3) -> tuple[sympy.Expr, list[sympy.Symbol]]:
    """Sums over indexed data written out for n examples, each y[i] a plain symbol."""
    nsym = [s for s in expr.free_symbols if s.name == "n"]
    if nsym:
        expr = expr.subs(nsym[0], n)
    expr = expr.doit()
    table = {ix: sympy.Symbol(f"{ix.base}__{ix.indices[0]}", real=True) for ix in expr.atoms(sympy.Indexed)}
    return expr.xreplace(table), sorted(expr.xreplace(table).free_symbols, key=lambda s: s.name)


def finite_difference_matches(loss: sympy.Expr, gradient: sympy.Expr, wrt: sympy.Symbol, rng,
                              trials: int = 3, rtol: float = 1e-5) -> None:
    """The derived gradient equals central differences of the loss at random points."""
    loss_c, variables = concrete(loss)
    grad_c, _ = concrete(gradient)
    variables = sorted(loss_c.free_symbols | grad_c.free_symbols, key=lambda s: s.name)
    f = compile_expression(loss_c, variables)
    g = compile_expression(grad_c, variables)
    i = variables.index(wrt)
    for _ in range(trials):
        point = list(rng.uniform(-1.5, 1.5, size=len(variables)))
        for k, v in enumerate(variables):  # labels: class numbers for indicators, ±1 for hinge
            if v.name.startswith("y"):
                point[k] = float(rng.integers(1, 3)) if loss.has(Indicator) else point[k]
        exact = float(g(*point))
        numeric = float(central_difference(f, point, i))
        assert np.isclose(exact, numeric, rtol=rtol, atol=1e-6), (wrt, point, exact, numeric)
