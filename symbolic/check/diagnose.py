"""What is wrong with an incorrect answer, from a closed set: sign, missing_term, extra_term,
factor, other — found by comparing numeric fingerprints of the terms of both sides."""
from __future__ import annotations

import mpmath
import sympy

from ..activations import Activation
from ..render.latex import latex
from ..render.text import text
from .records import Diagnosis


def _close(u, v, tol=1e-20) -> bool:
    return all(abs(a - b) <= tol * max(1, abs(a), abs(b)) for a, b in zip(u, v))


def _constant_ratio(u, v):
    """c with u = c·v at every point (None if there is none)."""
    ratios = [a / b for a, b in zip(u, v) if abs(b) > mpmath.mpf(10) ** -30]
    if not ratios or any(abs(a) > mpmath.mpf(10) ** -30 for a, b in zip(u, v) if abs(b) <= mpmath.mpf(10) ** -30):
        return None
    c = ratios[0]
    return c if all(abs(r - c) <= 1e-20 * max(1, abs(c)) for r in ratios) else None


def _nice(c) -> sympy.Expr:
    return sympy.nsimplify(sympy.Float(mpmath.nstr(c, 20), 20), rational=True, tolerance=1e-15)


def _monomial(ratio: sympy.Expr) -> bool:
    """A product of powers of plain variables (x, 1/x, x_i): what a lost chain-rule factor looks like."""
    return all(f.is_Number or f.is_Symbol or f.is_Indexed or (f.is_Pow and (f.base.is_Symbol or f.base.is_Indexed)
                                                              and f.exp.is_Integer)
               for f in sympy.Mul.make_args(ratio)) and not ratio.is_Number


def _variable_ratio(num, den, variables, values):
    """c·v or c/v with num = (c·v)·den at every point, for one variable v (a lost or extra chain factor)."""
    for v in variables:
        vv = values(v)
        for power in (1, -1):
            scaled = [d * (x ** power) if x != 0 else mpmath.mpf(0) for d, x in zip(den, vv)]
            c = _constant_ratio(num, scaled)
            if c is not None and c != 0:
                return _nice(c) * v ** power
    return None


def diagnose(expected: sympy.Expr, answer: sympy.Expr, values) -> Diagnosis:
    """The diagnosis, given ``values(expr) -> list of mpmath values`` at the same test points."""
    e_terms, a_terms = sympy.Add.make_args(expected), sympy.Add.make_args(answer)
    E, A = values(expected), values(answer)
    D = [a - e for a, e in zip(A, E)]
    ev = [values(t) for t in e_terms]
    av = [values(t) for t in a_terms]

    if _close(A, [-e for e in E]):
        return Diagnosis("sign", "the whole answer has the wrong sign", latex(answer))
    for t, v in zip(e_terms, ev):
        if _close(D, [-x for x in v]):
            return Diagnosis("missing_term", f"the term {text(t)} is missing", latex(t))
    for t, v in zip(e_terms, ev):
        if _close(D, [-2 * x for x in v]):
            wrong = next((a for a, w in zip(a_terms, av) if _close(w, [-x for x in v])), -t)
            return Diagnosis("sign", f"the term {text(wrong)} has the wrong sign (it should be {text(t)})",
                             latex(wrong))
    matched = {j for j, w in enumerate(av) if any(_close(w, v) for v in ev)}
    for j, (t, w) in enumerate(zip(a_terms, av)):
        if j not in matched and _close(D, w):
            return Diagnosis("extra_term", f"the term {text(t)} should not be there", latex(t))
    c = _constant_ratio(A, E)
    if c is not None:
        return Diagnosis("factor", f"the whole answer is off by a factor of {text(_nice(c))}", latex(answer))
    for t, v in zip(e_terms, ev):
        c = _constant_ratio(D, v)
        if c is not None:
            wrong = next((a for a, w in zip(a_terms, av) if _close(w, [(1 + c) * x for x in v])), None)
            factor = _nice(1 + c)
            return Diagnosis("factor", f"the term {text(t)} is off by a factor of {text(factor)}",
                             latex(wrong if wrong is not None else t))
    variables = sorted({v for v in (expected.free_symbols | answer.free_symbols) if v.is_Symbol}, key=str)
    ratio = _variable_ratio(A, E, variables, values)
    if ratio is not None:
        return Diagnosis("factor", f"the whole answer is off by a factor of {text(ratio)} "
                         "(check the chain rule's factors)", latex(answer))
    for t, v in zip(e_terms, ev):
        # the student's version of this term, the other terms taken as right: off by a variable?
        ratio = _variable_ratio([d + x for d, x in zip(D, v)], v, variables, values)
        if ratio is not None:
            return Diagnosis("factor", f"the term {text(t)} is off by a factor of {text(ratio)} "
                             "(check the chain rule's factors)", latex(sympy.factor_terms(ratio * t)))
    unmatched_e = [t for t, v in zip(e_terms, ev) if not any(_close(v, w) for w in av)]
    unmatched_a = [t for j, t in enumerate(a_terms) if j not in matched]
    if len(unmatched_e) == 1 and len(unmatched_a) == 1:
        ratio = sympy.factor_terms(sympy.cancel(unmatched_a[0] / unmatched_e[0]))
        # only the activation differs (σ instead of σ(1 − σ)): the ratio is a function of σ(z) alone
        marker = sympy.Dummy()
        activations = [a for a in ratio.atoms(sympy.Function) if isinstance(a, Activation)]
        involves_activation = bool(activations) and not ratio.xreplace({a: marker for a in activations}).free_symbols - {marker}
        if involves_activation:
            return Diagnosis("other", f"the term {text(unmatched_a[0])} should be {text(unmatched_e[0])}: "
                             f"the activation's derivative is wrong (off by {text(ratio)})", latex(unmatched_a[0]))
        if _monomial(ratio):
            return Diagnosis("factor", f"the term {text(unmatched_a[0])} should be {text(unmatched_e[0])}: "
                             f"it is off by a factor of {text(ratio)} (check the chain rule's factors)",
                             latex(unmatched_a[0]))
        return Diagnosis("other", f"the term {text(unmatched_a[0])} should be {text(unmatched_e[0])}",
                         latex(unmatched_a[0]))
    offending = unmatched_a[0] if unmatched_a else answer
    return Diagnosis("other", f"the answer differs from {text(expected)}", latex(offending))
