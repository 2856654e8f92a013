"""The differentiation rules, one function each, tried in the order of the ``RULES`` table.

Each rule looks at an expression and either declines (returns None) or returns the node of the
derivation tree: the evaluated derivative and how to write the step (``combine``).  Lines are built
with ``evaluate=False`` so a step shows ½·2(y − σ(z)) the way a student writes it.
"""
from __future__ import annotations

import sympy

from ..activations import Activation, Step
from ..generic import GenericSigma
from ..errors import DerivationError
from .display import Prime
from .registry import function_rule_id
from .tree import Node, TreeBuilder, leaf


def _mul(*factors):
    factors = [f for f in factors if f != 1]
    if not factors:
        return sympy.S.One
    return factors[0] if len(factors) == 1 else sympy.Mul(*factors, evaluate=False)


def _add(*terms):
    return terms[0] if len(terms) == 1 else sympy.Add(*terms, evaluate=False)


def constant(b: TreeBuilder, expr):
    """d(c)/dw = 0 for anything free of w (data, other parameters, λ)."""
    if not expr.has(b.wrt):
        return leaf("constant", expr, sympy.S.Zero)
    return None


def variable(b: TreeBuilder, expr):
    """dw/dw = 1."""
    if expr == b.wrt:
        return leaf("variable", expr, sympy.S.One)
    return None


def linear(b: TreeBuilder, expr):
    """d(a·w + c)/dw = a in one step, for sums and products linear in w (z = ωx + b gives x)."""
    if not (expr.is_Add or expr.is_Mul):
        return None
    slope = sympy.diff(expr, b.wrt)
    if slope.has(b.wrt):
        return None
    return leaf("linear", expr, slope)


def sum_rule(b: TreeBuilder, expr):
    """d(u + v)/dw = du/dw + dv/dw; terms free of w vanish."""
    if not expr.is_Add:
        return None
    terms = [t for t in expr.args if t.has(b.wrt)]
    kids = tuple(b.build(t) for t in terms)
    return Node(("sum_rule",), expr, sympy.Add(*(k.result for k in kids)), kids,
                lambda lines, rename: _add(*lines), b.pending(expr))


def constant_factor(b: TreeBuilder, expr):
    """d(c·u)/dw = c·du/dw for a factor c free of w."""
    if not expr.is_Mul:
        return None
    const, dependent = expr.as_independent(b.wrt, as_Add=False)
    if const == 1:
        return None
    kid = b.build(dependent)
    return Node(("constant_factor",), expr, const * kid.result, (kid,),
                lambda lines, rename: _mul(rename(const), lines[0]), b.pending(expr))


def product_rule(b: TreeBuilder, expr):
    """d(uv)/dw = du/dw·v + u·dv/dw (and likewise for more factors)."""
    if not expr.is_Mul:
        return None
    factors = [f for f in expr.args]
    kids = tuple(b.build(f) for f in factors)

    def combine(lines, rename):
        return _add(*(_mul(*[rename(g) if j != i else lines[i] for j, g in enumerate(factors)])
                      for i in range(len(factors))))

    result = sympy.Add(*(sympy.Mul(*[g if j != i else kids[i].result for j, g in enumerate(factors)])
                         for i in range(len(factors))))
    return Node(("product_rule",), expr, result, kids, combine, b.pending(expr))


def power_rule(b: TreeBuilder, expr):
    """d(u^n)/dw = n·u^(n−1)·du/dw (with the chain rule when u is not w itself)."""
    if not (expr.is_Pow and not expr.exp.has(b.wrt)):
        return None
    base, n = expr.args
    outer = n * base ** (n - 1)
    if base == b.wrt:
        return leaf("power_rule", expr, outer)
    kid = b.build(base)
    return Node(("power_rule",), expr, outer * kid.result, (kid,),
                lambda lines, rename: _mul(n, sympy.Pow(rename(base), n - 1), lines[0]),
                b.pending(expr))


def exponential_rule(b: TreeBuilder, expr):
    """d(a^v)/dw = a^v·ln(a)·dv/dw for a base free of w; u^v goes through e^{v ln u}."""
    if not (expr.is_Pow and expr.exp.has(b.wrt)):
        return None
    base, power = expr.args
    if base.has(b.wrt):
        return b.build(sympy.exp(power * sympy.log(base)))
    kid = b.build(power)
    return Node(("exponential_rule",), expr, expr * sympy.log(base) * kid.result, (kid,),
                lambda lines, rename: _mul(rename(expr), sympy.log(rename(base)), lines[0]),
                b.pending(expr))


def _outer_derivative(application, argindex):
    # written with the lecture's step rather than sympy's Heaviside (max/min, abs' is sign)
    return application.fdiff(argindex).replace(sympy.Heaviside, lambda *a: Step(a[0]))


def _renamed_prime(prime: Prime, rename):
    # rename the arguments only: the function itself must stay visible in f'(z)
    app = prime.application
    return Prime(app.func(*(rename(a) for a in app.args)), prime.argindex)


def function_rule(b: TreeBuilder, expr):
    """The chain rule for f(u): f'(z)·dz/dw with z = u named; several arguments sum their paths."""
    if not isinstance(expr, (sympy.Function, sympy.Max, sympy.Min)):
        return None
    rule = "activation_derivative" if isinstance(expr, (Activation, GenericSigma)) else function_rule_id(expr)
    if rule is None:
        raise DerivationError(f"no differentiation rule registered for {type(expr).__name__}: {expr} "
                              "(add its derivative to symbolic/derive/registry.py)")
    paths = [(i, arg) for i, arg in enumerate(expr.args, start=1) if arg.has(b.wrt)]
    if len(expr.args) == 1 and expr.args[0] == b.wrt:
        return leaf(rule, expr, _outer_derivative(expr, 1))
    kids, definitions, outers = [], [], []
    for i, arg in paths:
        outer = _outer_derivative(expr, i)
        named = arg if (arg.is_Symbol or arg.is_Indexed) else \
            b.name(arg, activation_input=isinstance(expr, (Activation, GenericSigma)))
        if named is not arg:
            definitions.append((named, arg))
        prime = Prime(expr, i)
        kids.append(leaf(rule, prime, outer, display=lambda rename, p=prime: _renamed_prime(p, rename)))
        kids.append(b.build(arg))
        outers.append(outer)

    def combine(lines, rename):
        return _add(*(_mul(lines[2 * k], lines[2 * k + 1]) for k in range(len(paths))))

    result = sympy.Add(*(outers[k] * kids[2 * k + 1].result for k in range(len(paths))))
    return Node(("chain_rule",), expr, result, tuple(kids), combine, b.pending(expr), tuple(definitions))


def sum_over_data(b: TreeBuilder, expr):
    """d(Σ_i f_i)/dw = Σ_i df_i/dw (the empirical risk differentiates term by term)."""
    if not isinstance(expr, sympy.Sum):
        return None
    kid = b.build(expr.function)
    return Node(("sum_over_data",), expr, sympy.Sum(kid.result, *expr.limits), (kid,),
                lambda lines, rename: sympy.Sum(lines[0], *expr.limits), b.pending(expr))


#: tried in order; the first rule that applies builds the node
RULES = (constant, variable, linear, sum_rule, constant_factor, product_rule, power_rule,
         exponential_rule, function_rule, sum_over_data)
