"""What is wrong with an incorrect vector or matrix answer: shape, transpose, sign, missing_term,
extra_term, factor (a constant, or a power of a dim: a lost 1/n), other — found by comparing the
numbers of both sides and of their terms at the verdict's test points, and by trying the single
edits a student's slip undoes (transposing one factor)."""
from __future__ import annotations

import mpmath
import sympy

from ..check.records import Diagnosis
from ..functions import Undefined
from . import tree as t
from .numbers import Evaluator
from .printing import latex, unicode
from .shapes import describe

_FAILURES = (Undefined, ZeroDivisionError, ValueError, OverflowError, KeyError, IndexError)
#: the most single edits tried (one per transposable factor)
MAX_EDITS = 40


def _close(u, v, tol=None) -> bool:
    tol = mpmath.mpf(10) ** (-(mpmath.mp.dps - 10)) if tol is None else tol
    scale = max([mpmath.mpf(1)] + [abs(x) for x in u] + [abs(x) for x in v])
    return len(u) == len(v) and all(abs(a - b) <= tol * scale for a, b in zip(u, v))


def _flat(value) -> list:
    return [x for row in value for x in row]


class _Values:
    """The numbers of any tree at the verdict's samples, entries of every sample in one list."""

    def __init__(self, samples):
        self.samples = samples

    def __call__(self, n: t.Node):
        out = []
        for s in self.samples:
            try:
                out.append(_flat(Evaluator(s.env, s.sizes)(n)))
            except _FAILURES:
                return None
        return out

    @staticmethod
    def joined(per_sample) -> list:
        return [x for part in per_sample for x in part]


def _terms(n: t.Node) -> tuple[t.Node, ...]:
    """The top-level terms, a scalar factor spread over a sum: (2/n)(XᵀXw + Xᵀy) has the terms (2/n)XᵀXw, (2/n)Xᵀy."""
    if isinstance(n, t.Add):
        return tuple(x for term in n.terms for x in _terms(term))
    if isinstance(n, t.Scale) and isinstance(n.arg, (t.Add, t.Scale)):
        return tuple(t.Scale(n.scalar, x) for x in _terms(n.arg))
    return (n,)


def _ratio(u_parts, v_parts, dims_per_sample):
    """c (a number, or a number times a power product of dims) with u = c·v at every sample; None if none."""
    ratios = []
    for u, v in zip(u_parts, v_parts):
        big = max(range(len(v)), key=lambda k: abs(v[k])) if v else None
        if big is None or abs(v[big]) < mpmath.mpf(10) ** -20:
            if any(abs(x) > mpmath.mpf(10) ** -20 for x in u):
                return None
            ratios.append(None)
            continue
        c = u[big] / v[big]
        if not _close(u, [c * x for x in v]):
            return None
        ratios.append(c)
    known = [(c, d) for c, d in zip(ratios, dims_per_sample) if c is not None]
    if not known:
        return None
    if all(abs(c - known[0][0]) <= mpmath.mpf(10) ** -15 * max(1, abs(c)) for c, _ in known):
        return _nice(known[0][0])
    names = sorted({d for _, ds in known for d in ds}, key=str)
    candidates = [((d, k),) for d in names for k in (1, -1, 2, -2)]  # c = q·dᵏ: the lost or extra 1/n
    candidates += [((a, i), (b, j)) for a in names for b in names if str(a) < str(b)
                   for i in (1, -1) for j in (1, -1)]  # c = q·n/d: 1/d written for 1/n
    for powers in candidates:
        qs = [c / mpmath.fprod(mpmath.mpf(ds[d]) ** k for d, k in powers) for c, ds in known]
        if all(abs(q - qs[0]) <= mpmath.mpf(10) ** -15 * max(1, abs(q)) for q in qs):
            return _nice(qs[0]) * sympy.Mul(*[d ** k for d, k in powers])
    return None


def _nice(c) -> sympy.Expr:
    return sympy.nsimplify(sympy.Float(mpmath.nstr(c, 20), 20), rational=True, tolerance=1e-12)


def _hint(c: sympy.Expr) -> str:
    """" (a missing factor 1/n?)" for a ratio that grows with a dim, " (an extra factor …?)" for one that shrinks."""
    if not c.free_symbols:
        return ""
    # answer = c·truth: a dim it has too many of (n) was a lost 1/n; a parameter it lacks (1/λ) was a lost λ
    grows = any((e > 0) == bool(base.is_integer) for base, e in c.as_powers_dict().items() if not base.is_Number)
    return f" (a missing factor {_say(1 / c)}?)" if grows else f" (an extra factor {_say(c)}?)"


def _say(c: sympy.Expr) -> str:
    return str(c).replace("**", "^")


def _times(c: sympy.Expr, term: t.Node) -> str:
    from .simplify import Simplifier
    return unicode(Simplifier()(t.Scale(t.Const(c), term)))


def _substitute(n: t.Node, old: t.Node, new: t.Node) -> t.Node:
    from .simplify import rebuild
    if n == old:
        return new
    kids = n.children()
    return rebuild(n, [_substitute(c, old, new) for c in kids]) if kids else n


def _transpose_edits(answer: t.Node):
    """Single edits that transpose one square, non-symmetric factor of the answer (shape unchanged)."""
    seen = 0
    for node in t.walk(answer):
        if seen >= MAX_EDITS:
            return
        if node.is_square and not node.is_scalar and not t.is_symmetric(node) and not isinstance(node, t.Transpose):
            seen += 1
            yield node, _substitute(answer, node, t.Transpose(node))
        elif isinstance(node, t.Transpose) and node.arg.is_square:
            seen += 1
            yield node, _substitute(answer, node, node.arg)


def _inner_terms(tree: t.Node):
    """(the inner sum, a term of it, the tree without that term) for each term of each sum below the top."""
    seen = 0
    for node in t.walk(tree):
        if not isinstance(node, t.Add) or node is tree:
            continue
        for k, term in enumerate(node.terms):
            if seen >= MAX_EDITS:
                return
            seen += 1
            rest = node.terms[:k] + node.terms[k + 1:]
            yield node, k, term, _substitute(tree, node, rest[0] if len(rest) == 1 else t.Add(rest))


def _term_edits(answer: t.Node):
    """Single edits inside the answer's sums: one inner term's sign flipped, or the term dropped."""
    for node, k, term, without in _inner_terms(answer):
        flipped = t.Add(node.terms[:k] + (t.neg(term),) + node.terms[k + 1:])
        yield "sign", term, _substitute(answer, node, flipped)
        yield "extra_term", term, without


def _missing_inner_terms(expected: t.Node):
    """The gradient with one term of one of its inner sums left out: what an answer that lost that term is."""
    for _, _, term, without in _inner_terms(expected):
        yield term, without


def shape_diagnosis(expected: t.Node, answer: t.Node, wrt: str, shapes, settings) -> Diagnosis:
    """The answer's shape is not the gradient's: transposed (and then maybe right but for that), or other."""
    want, got = describe(expected.shape), describe(answer.shape)
    has = f"the gradient with respect to {unicode(t.Var(wrt))} ({want}) has {unicode(t.Var(wrt))}'s shape; " \
          f"the answer is {got}"
    if answer.shape == (expected.shape[1], expected.shape[0]):
        from .verdict import _seed, samples
        found, _ = samples(expected, t.transposed(answer), shapes, settings, _seed(settings, expected, answer),
                           settings.digits)
        if found and all(_close(s.expected, s.answer) for s in found):
            return Diagnosis("transpose", f"the answer is the transpose of the gradient: {has}", latex(answer))
        return Diagnosis("shape", f"{has} (its transpose is not right either)", latex(answer))
    return Diagnosis("shape", has, latex(answer))


def diagnose(expected: t.Node, answer: t.Node, shapes, wrt: str, samples, settings) -> Diagnosis:
    """The diagnosis of an answer of the right shape that differs from ``expected`` at ``samples``."""
    values = _Values(samples)
    E, A = values(expected), values(answer)
    if E is None or A is None:
        return Diagnosis("other", "the answer differs from the gradient", latex(answer))
    scalars = sorted({n for root in (expected, answer) for n, v in t.variables(root).items() if v.is_scalar})
    dims = [{**s.sizes, **{sympy.Symbol(n): s.env[n][0][0] for n in scalars if n in s.env}} for s in samples]
    flat_e, flat_a = values.joined(E), values.joined(A)
    if _close(flat_a, [-x for x in flat_e]):
        return Diagnosis("sign", "the whole answer has the wrong sign", latex(answer))
    if expected.is_square and not expected.is_scalar:
        T = values(t.Transpose(answer))
        if T is not None and _close(values.joined(T), flat_e):
            return Diagnosis("transpose", "the answer is the transpose of the gradient", latex(answer))
    residual = [[a - e for a, e in zip(pa, pe)] for pa, pe in zip(A, E)]
    e_terms, a_terms = _terms(expected), _terms(answer)
    ev = [values(x) for x in e_terms]
    av = [values(x) for x in a_terms]
    for term, v in zip(e_terms, ev):
        if v is not None and _close(values.joined(residual), [-x for x in values.joined(v)]):
            return Diagnosis("missing_term", f"the term {unicode(term)} is missing", latex(term))
    for term, v in zip(a_terms, av):
        if v is None or len(a_terms) == 1:
            continue
        c = _ratio(residual, v, dims)
        if c == 1:
            return Diagnosis("extra_term", f"the term {unicode(term)} should not be there", latex(term))
        if c == 2:
            return Diagnosis("sign", f"the term {unicode(term)} has the wrong sign", latex(term))
        if c is not None and c != 0:
            right = sympy.simplify(1 - c)
            return Diagnosis("factor", f"the term {unicode(term)} is off by a factor of {_say(sympy.simplify(1 / right))} "
                             f"(it should be {_times(right, term)})", latex(term))
    c = _ratio(A, E, dims)
    if c is not None and c != 0:
        return Diagnosis("factor", f"the whole answer is off by a factor of {_say(c)}{_hint(c)}", latex(answer))
    for term, v in zip(e_terms, ev):
        if v is None or len(e_terms) == 1:
            continue
        c = _ratio(residual, v, dims)
        if c == -2:
            return Diagnosis("sign", f"the term {unicode(term)} has the wrong sign", latex(term))
        if c is not None and c not in (0, -1):
            factor = sympy.simplify(1 + c)
            return Diagnosis("factor", f"the term {unicode(term)} is off by a factor of {_say(factor)}{_hint(factor)}",
                             latex(term))
    joined_residual = values.joined(residual)
    for a_term, w in zip(a_terms, av):  # one term of each side differs, the rest agree: their ratio
        for e_term, v in zip(e_terms, ev):
            if w is None or v is None or len(a_terms) == 1 and len(e_terms) == 1:
                continue
            if not _close(joined_residual, [x - y for x, y in zip(values.joined(w), values.joined(v))]):
                continue
            c = _ratio(w, v, dims)
            if c == -1:
                return Diagnosis("sign", f"the term {unicode(a_term)} has the wrong sign (it should be "
                                 f"{unicode(e_term)})", latex(a_term))
            if c is not None and c not in (0, 1):
                return Diagnosis("factor", f"the term {unicode(a_term)} is off by a factor of {_say(c)}{_hint(c)} "
                                 f"(it should be {unicode(e_term)})", latex(a_term))
    for term, without in _missing_inner_terms(expected):
        V = values(without)
        if V is not None and _close(values.joined(V), flat_a):
            return Diagnosis("missing_term", f"the term {unicode(term)} is missing (inside {unicode(expected)})",
                             latex(term))
    for kind, term, edited in _term_edits(answer):
        V = values(edited)
        if V is not None and _close(values.joined(V), flat_e):
            what = "has the wrong sign" if kind == "sign" else "should not be there"
            return Diagnosis(kind, f"the term {unicode(term)} inside {unicode(answer)} {what}", latex(term))
    for node, edited in _transpose_edits(answer):
        V = values(edited)
        if V is not None and _close(values.joined(V), flat_e):
            return Diagnosis("transpose", f"{unicode(node)} should be transposed", latex(node))
    matched = [any(v is not None and w is not None and _close(values.joined(v), values.joined(w)) for w in av)
               for v in ev]
    wrong = [a for a, w in zip(a_terms, av) if not any(
        v is not None and w is not None and _close(values.joined(v), values.joined(w)) for v in ev)]
    if len(wrong) == 1 and matched.count(False) == 1:
        right = e_terms[matched.index(False)]
        return Diagnosis("other", f"the term {unicode(wrong[0])} should be {unicode(right)}", latex(wrong[0]))
    return Diagnosis("other", f"the answer differs from {unicode(expected)}", latex(wrong[0] if wrong else answer))
