"""Brings gradients to textbook form: scalars collected in front, like terms combined, transposes
folded, products kept factored (Xᵀ(Xw − y), not sums of products), (A + Aᵀ)x, X⁻ᵀ, 𝟏 sums.

Scalar parts go through sympy, with every non-arithmetic scalar node (‖r‖, wᵀw, tr A) as an
opaque atom, so 2‖r‖·‖r‖⁻¹ cancels by sympy's own arithmetic.  Tensor parts are rewritten by
one ``_s_<Node>`` method each, bottom-up, memoized.
"""
from __future__ import annotations

from dataclasses import fields, replace

import sympy

from . import tree as t

_ARITHMETIC = (t.Const, t.Scale, t.Add, t.Power, t.Hadamard, t.Transpose)


def rebuild(n: t.Node, children: list[t.Node]) -> t.Node:
    """n with its children replaced (same order as ``children()``)."""
    it = iter(children)
    changes = {}
    for f in fields(n):
        if not f.init:
            continue
        value = getattr(n, f.name)
        if isinstance(value, t.Node):
            changes[f.name] = next(it)
        elif isinstance(value, tuple) and value and isinstance(value[0], t.Node):
            changes[f.name] = tuple(next(it) for _ in value)
    return replace(n, **changes) if changes else n


class Simplifier:
    """A memoized simplifier; one per derivation (its atom table is its only state)."""

    def __init__(self):
        self.memo: dict[t.Node, t.Node] = {}
        self.atoms: dict[t.Node, sympy.Symbol] = {}
        self.nodes: dict[sympy.Symbol, t.Node] = {}

    def __call__(self, n: t.Node | None) -> t.Node | None:
        if n is None:
            return None
        for _ in range(3):
            m = self.s(n)
            if m == n:
                break
            n = m
        return n

    def s(self, n: t.Node) -> t.Node:
        done = self.memo.get(n)
        if done is not None:
            return done
        kids = n.children()
        m = rebuild(n, [self.s(c) for c in kids]) if kids else n
        method = getattr(self, f"_s_{type(m).__name__}", None)
        out = method(m) if method else m
        if out.is_scalar and isinstance(out, _ARITHMETIC + (t.MatMul, t.Sum)):
            out = self.from_sympy(self.to_sympy(out))
        self.memo[n] = out
        self.memo[out] = out
        return out

    # ---- scalars through sympy ------------------------------------------------------------------
    def atom(self, n: t.Node) -> sympy.Symbol:
        found = self.atoms.get(n)
        if found is None:
            from .printing import unicode
            name = unicode(n)
            while sympy.Symbol(name, real=True) in self.nodes:
                name += "\u200b"
            found = sympy.Symbol(name, real=True)
            self.atoms[n] = found
            self.nodes[found] = n
        return found

    def to_sympy(self, n: t.Node) -> sympy.Expr:
        if isinstance(n, t.Const):
            return n.value
        if isinstance(n, (t.Scale, t.Hadamard)) or (isinstance(n, t.MatMul) and n.left.is_scalar):
            a, b = n.children()
            return self.to_sympy(a) * self.to_sympy(b)
        if isinstance(n, t.Add):
            return sympy.Add(*[self.to_sympy(x) for x in n.terms])
        if isinstance(n, t.Power):
            return self.to_sympy(n.arg) ** n.exponent
        if isinstance(n, t.Transpose) or (isinstance(n, t.Sum) and n.arg.is_scalar):
            return self.to_sympy(n.arg)
        return self.atom(n)

    def from_sympy(self, e: sympy.Expr) -> t.Node:
        atoms = [s for s in e.free_symbols if s in self.nodes]
        if not atoms:
            return t.Const(e)
        if isinstance(e, sympy.Symbol):
            return self.nodes[e]
        if isinstance(e, sympy.Add):
            return t.Add(tuple(self.from_sympy(x) for x in _positive_first(e.as_ordered_terms())))
        if isinstance(e, sympy.Mul):
            coeff, rest = e.as_independent(*atoms, as_Add=False)
            factors = [self.from_sympy(f) for f in sympy.Mul.make_args(rest)]
            out = factors[-1]
            for f in reversed(factors[:-1]):
                out = t.Scale(f, out)
            return out if coeff == 1 else t.Scale(t.Const(coeff), out)
        if isinstance(e, sympy.Pow) and e.exp.is_Rational:
            return t.Power(self.from_sympy(e.base), e.exp)
        raise ValueError(f"cannot bring back {e}")

    # ---- linear combinations: collect like terms, then factor shared outer factors -----------------
    def terms(self, n: t.Node, k=sympy.Integer(1), top=True):
        if isinstance(n, t.Add) and top:  # c(a + b) stays factored: 2(Xw − y), not 2Xw − 2y
            return [x for term in n.terms for x in self.terms(term, k, top)]
        if isinstance(n, t.Scale):
            return self.terms(n.arg, k * self.to_sympy(n.scalar), False)
        if isinstance(n, t.Zeros):
            return []
        return [(k, n)]

    def combine(self, pairs, shape) -> t.Node:
        collected: dict[t.Node, sympy.Expr] = {}
        for k, m in pairs:
            collected[m] = collected.get(m, 0) + k
        items = [(k, m) for m, k in collected.items() if k != 0]
        if not items:
            return t.Zeros(shape)
        items = self.factor(items)
        common = self.common_factor([k for k, _ in items]) if len(items) > 1 else sympy.Integer(1)
        if common != 1:  # (1/n)(softmax(XW) − Y), not (1/n)softmax(XW) − (1/n)Y
            inner = self.combine([(k / common, m) for k, m in items], shape)
            return t.Scale(self.from_sympy(common), inner)
        built = [m if k == 1 else t.Scale(self.from_sympy(k), m) for k, m in items]
        built = [b for b in built if not isinstance(b, t.Zeros)]
        negatives = [b for b in built if _leading_minus(b)]
        built = [b for b in built if not _leading_minus(b)] + negatives
        if not built:
            return t.Zeros(shape)
        return built[0] if len(built) == 1 else t.Add(tuple(built))

    @staticmethod
    def common_factor(ks):
        """A symbolic factor shared by every coefficient (1/n, λ); 1 when there is none or it is a number."""
        marks = sympy.symbols(f"_k0:{len(ks)}")
        e = sympy.factor_terms(sympy.Add(*[k * m for k, m in zip(ks, marks)]))
        if not isinstance(e, sympy.Mul):
            return sympy.Integer(1)
        common = sympy.Mul(*[f for f in e.args if not (f.free_symbols & set(marks))])
        return common if common.free_symbols else sympy.Integer(1)

    def factor(self, items):
        """Σ cᵢ Mᵢ x → (Σ cᵢ Mᵢ) x, and the same on the left, for terms sharing an outer factor."""
        for side in (-1, 0):
            groups: dict[t.Node, list[int]] = {}
            for i, (k, m) in enumerate(items):
                chain = _chain(m)
                if len(chain) >= 2:
                    groups.setdefault(chain[side], []).append(i)
            for shared, members in groups.items():
                if len(members) < 2:
                    continue
                parts = []
                for i in members:
                    k, m = items[i]
                    chain = _chain(m)
                    rest = chain[:-1] if side == -1 else chain[1:]
                    parts.append((k, _fold(rest)))
                parts.sort(key=lambda p: _count_transposes(p[1]))
                inner = self.combine(parts, parts[0][1].shape)
                if isinstance(inner, t.Zeros):
                    grouped = None
                else:
                    grouped = t.MatMul(inner, shared) if side == -1 else t.MatMul(shared, inner)
                first = members[0]
                items = [(sympy.Integer(1), grouped) if i == first else it for i, it in enumerate(items)
                         if i == first or i not in members]
                items = [it for it in items if it[1] is not None]
                return self.factor(items)
        return items

    def _s_Add(self, n):
        if n.is_scalar:
            return n
        return self.combine(self.terms(n), n.shape)

    def _s_Scale(self, n):
        if n.is_scalar:
            return n
        if isinstance(n.arg, t.Zeros) or n.scalar == t.Const(0):
            return t.Zeros(n.shape)
        return self.combine(self.terms(n), n.shape)

    # ---- products ---------------------------------------------------------------------------------
    def _s_MatMul(self, n):
        a, b = n.left, n.right
        if isinstance(a, t.Zeros) or isinstance(b, t.Zeros):
            return t.Zeros(n.shape)
        if isinstance(a, t.Scale):
            return self.s(t.Scale(a.scalar, self.s(t.MatMul(a.arg, b))))
        if isinstance(b, t.Scale):
            return self.s(t.Scale(b.scalar, self.s(t.MatMul(a, b.arg))))
        if isinstance(a, t.Identity):
            return b
        if isinstance(b, t.Identity):
            return a
        if a.is_scalar:
            return self.s(t.Scale(a, b))
        if b.is_scalar:
            return self.s(t.Scale(b, a))
        if isinstance(a, t.Ones) and isinstance(b, t.Ones):
            return self.s(t.Scale(t.Const(a.cols), t.Ones(n.shape)))
        if (isinstance(a, t.Inverse) and a.arg == b) or (isinstance(b, t.Inverse) and b.arg == a):
            return t.Identity(n.rows)
        chain = _chain(n)
        if isinstance(n.right, t.MatMul) and len(chain) > 2:  # one normal form: folded from the left
            out = chain[0]
            for f in chain[1:]:
                out = self.s(t.MatMul(out, f))
            return out
        return n

    def _s_Transpose(self, n):
        a = n.arg
        if a.is_scalar:
            return a
        if isinstance(a, t.Transpose):
            return a.arg
        if t.is_symmetric(a):
            return a
        if isinstance(a, (t.Ones, t.Zeros)):
            return type(a)((a.cols, a.rows))
        if isinstance(a, t.Scale):
            return self.s(t.Scale(a.scalar, self.s(t.Transpose(a.arg))))
        if isinstance(a, t.MatMul):
            return self.s(t.MatMul(self.s(t.Transpose(a.right)), self.s(t.Transpose(a.left))))
        if isinstance(a, (t.Add, t.Hadamard)):
            parts = [self.s(t.Transpose(c)) for c in a.children()]
            if not any(isinstance(p, t.Transpose) for p in parts):
                return self.s(t.Add(tuple(parts)) if isinstance(a, t.Add) else t.Hadamard(*parts))
        return n

    def _s_Inverse(self, n):
        a = n.arg
        if isinstance(a, t.Transpose):
            return self.s(t.Transpose(self.s(t.Inverse(a.arg))))
        if isinstance(a, t.Inverse):
            return a.arg
        if isinstance(a, t.Identity):
            return a
        if isinstance(a, t.Scale):
            return self.s(t.Scale(t.Power(a.scalar, -1), self.s(t.Inverse(a.arg))))
        return n

    # ---- entrywise quotients through sympy: ((1 − y) ⊘ (1 − σ) − y ⊘ σ) ⊙ σ ⊙ (1 − σ) = σ − y ----------------
    def entrywise(self, n: t.Node, shape) -> sympy.Expr:
        """n as one entry's algebra: ⊙ ⊘ + and powers are arithmetic, every other node of this shape an atom."""
        if isinstance(n, t.Hadamard):
            return self.entrywise(n.left, shape) * self.entrywise(n.right, shape)
        if isinstance(n, t.Add):
            return sympy.Add(*[self.entrywise(x, shape) for x in n.terms])
        if isinstance(n, t.Scale):
            return self.to_sympy(n.scalar) * self.entrywise(n.arg, shape)
        if isinstance(n, t.Power):
            return self.entrywise(n.arg, shape) ** n.exponent
        if isinstance(n, t.Ones):
            return sympy.Integer(1)
        if n.is_scalar:
            return self.to_sympy(n)
        return self.atom(n)

    def from_entrywise(self, e: sympy.Expr, shape) -> t.Node:
        if isinstance(e, sympy.Add):
            return t.Add(tuple(self.from_entrywise(x, shape) for x in _positive_first(e.as_ordered_terms())))
        tensors = [s for s in e.free_symbols if s in self.nodes and not self.nodes[s].is_scalar]
        if not tensors:
            return self._spread(e, shape)
        if isinstance(e, sympy.Mul):
            scalar, rest = e.as_independent(*tensors, as_Add=False)
            factors = [self.from_entrywise(f, shape) for f in sympy.Mul.make_args(rest)]
            out = factors[0]
            for f in factors[1:]:
                out = t.Hadamard(out, f)
            return out if scalar == 1 else t.Scale(self.from_sympy(scalar), out)
        if isinstance(e, sympy.Pow) and e.exp.is_Rational:
            return t.Power(self.from_entrywise(e.base, shape), e.exp)
        if isinstance(e, sympy.Symbol):
            return self.nodes[e]
        raise ValueError(f"cannot bring back {e}")

    def _spread(self, e, shape) -> t.Node:
        return t.Ones(shape) if e == 1 else t.Scale(self.from_sympy(e), t.Ones(shape))

    def cancel_quotients(self, n: t.Hadamard) -> t.Node | None:
        """The entrywise product with its quotients cancelled, when that is shorter; None otherwise."""
        if not any(isinstance(f, t.Power) and f.exponent < 0 for f in t.walk(n)):
            return None
        try:
            e = self.entrywise(n, n.shape)
            c = sympy.factor(sympy.cancel(e))
            if c.could_extract_minus_sign() and isinstance(-c, sympy.Add):  # −(y − σ) is σ − y
                c = sympy.Add(*[-x for x in (-c).args])
            if sympy.count_ops(c) >= sympy.count_ops(e):
                return None
            return self.from_entrywise(c, n.shape)
        except (ValueError, TypeError, sympy.PolynomialError):
            return None

    def _s_Hadamard(self, n):
        if n.is_scalar:
            return n
        cancelled = self.cancel_quotients(n)
        if cancelled is not None and cancelled != n:
            return self.s(cancelled)
        coeff = sympy.Integer(1)
        powers: dict[t.Node, sympy.Expr] = {}
        stack = [n]
        while stack:
            f = stack.pop()
            if isinstance(f, t.Hadamard):
                stack.extend([f.right, f.left])
            elif isinstance(f, t.Scale):
                coeff *= self.to_sympy(f.scalar)
                stack.append(f.arg)
            elif isinstance(f, t.Zeros):
                return t.Zeros(n.shape)
            elif isinstance(f, t.Ones):
                continue
            elif isinstance(f, t.Power):
                powers[f.arg] = powers.get(f.arg, sympy.Integer(0)) + f.exponent
            else:
                powers[f] = powers.get(f, sympy.Integer(0)) + 1
        for base, e in list(powers.items()):
            domain = getattr(base, "domain", None)
            if e == 0 or (domain == "pm1" and e.is_even):
                del powers[base]
            elif domain == "pm1" and e.is_integer:
                powers[base] = sympy.Integer(1)
            elif domain in ("binary", "onehot") and e.is_positive:
                powers[base] = sympy.Integer(1)
        for base, e in list(powers.items()):  # eᵐ ⊘ (1 + eᵐ) = σ(m)
            if isinstance(base, t.Add) and e == -1 and len(base.terms) == 2:
                ones = [x for x in base.terms if isinstance(x, t.Ones)]
                exps = [x for x in base.terms if isinstance(x, t.Elementwise) and x.function == "exp"]
                if ones and exps and powers.get(exps[0]) == 1:
                    del powers[base], powers[exps[0]]
                    powers[self.s(t.Elementwise("sigmoid", exps[0].arg))] = sympy.Integer(1)
        order = sorted(powers, key=lambda b: (not isinstance(b, t.Var), getattr(b, "name", "")))
        factors = [b if powers[b] == 1 else self.s(t.Power(b, powers[b])) for b in order]
        if not factors:
            out = t.Ones(n.shape)
        else:
            out = factors[0]
            for f in factors[1:]:
                out = t.Hadamard(out, f)
        return out if coeff == 1 else self.s(t.Scale(self.from_sympy(coeff), out))

    def _s_Power(self, n):
        a, p = n.arg, n.exponent
        if n.is_scalar:
            return n
        if p == 1:
            return a
        if p == 0 or isinstance(a, t.Ones):
            return t.Ones(n.shape)
        if isinstance(a, t.Power) and p.is_integer:
            return self.s(t.Power(a.arg, a.exponent * p))
        if isinstance(a, t.Scale):
            return self.s(t.Scale(t.Power(a.scalar, p), self.s(t.Power(a.arg, p))))
        domain = getattr(a, "domain", None)
        if domain == "pm1" and p.is_even:
            return t.Ones(n.shape)
        if domain in ("binary", "onehot") and p.is_positive:
            return a
        return n

    # ---- reductions ---------------------------------------------------------------------------------
    def _s_Sum(self, n):
        a = n.arg
        if isinstance(a, t.Zeros):
            return t.Zeros(n.shape)
        if isinstance(a, t.Scale):
            return self.s(t.Scale(a.scalar, self.s(t.Sum(a.arg, n.axis))))
        if isinstance(a, t.Add):
            return self.s(t.Add(tuple(self.s(t.Sum(x, n.axis)) for x in a.terms)))
        if isinstance(a, t.Ones):
            if n.is_scalar:
                return t.Const(a.rows * a.cols)
            return self.s(t.Scale(t.Const(a.rows if n.axis == 0 else a.cols), t.Ones(n.shape)))
        if n.axis == 1 and isinstance(a, t.Var) and a.domain == "onehot":
            return t.Ones(n.shape)
        if n.is_scalar and a.is_column and isinstance(a, t.Power) and a.exponent == 2:
            return self.s(t.MatMul(t.Transpose(a.arg), a.arg))
        if n.is_scalar and a.is_column and isinstance(a, t.Hadamard):
            return self.s(t.MatMul(self.s(t.Transpose(a.left)), a.right))
        if n.axis == 0 and a.is_column:
            return self.s(t.Sum(a))
        return n

    def _s_Trace(self, n):
        a = n.arg
        if isinstance(a, t.Scale):
            return self.s(t.Scale(a.scalar, self.s(t.Trace(a.arg))))
        if isinstance(a, t.Transpose):
            return self.s(t.Trace(a.arg))
        if isinstance(a, t.Identity):
            return t.Const(a.n)
        if isinstance(a, t.Zeros):
            return t.Const(0)
        if isinstance(a, t.Add):
            return self.s(t.Add(tuple(self.s(t.Trace(x)) for x in a.terms)))
        return n

    def _s_Det(self, n):
        return self.s(t.Det(n.arg.arg)) if isinstance(n.arg, t.Transpose) else n

    def _s_LogDet(self, n):
        return self.s(t.LogDet(n.arg.arg)) if isinstance(n.arg, t.Transpose) else n

    def _s_DiagPart(self, n):
        a = n.arg
        if isinstance(a, t.Diag):
            return a.arg
        if isinstance(a, t.Scale):
            return self.s(t.Scale(a.scalar, self.s(t.DiagPart(a.arg))))
        if isinstance(a, t.Identity):
            return t.Ones(n.shape)
        if isinstance(a, t.Transpose):
            return self.s(t.DiagPart(a.arg))
        return n

    def _s_Diag(self, n):
        a = n.arg
        if isinstance(a, t.Scale):
            return self.s(t.Scale(a.scalar, self.s(t.Diag(a.arg))))
        if isinstance(a, t.Ones):
            return t.Identity(a.rows)
        return n


def _chain(n: t.Node) -> list[t.Node]:
    return _chain(n.left) + _chain(n.right) if isinstance(n, t.MatMul) else [n]


def _fold(factors: list[t.Node]) -> t.Node:
    out = factors[0]
    for f in factors[1:]:
        out = t.MatMul(out, f)
    return out


def _count_transposes(n: t.Node) -> int:
    return sum(isinstance(x, t.Transpose) for x in t.walk(n))


def _leading_minus(n: t.Node) -> bool:
    return isinstance(n, t.Scale) and isinstance(n.scalar, t.Const) and n.scalar.value.could_extract_minus_sign()


def _positive_first(terms):
    return [x for x in terms if not x.could_extract_minus_sign()] + [x for x in terms if x.could_extract_minus_sign()]


def simplify(n: t.Node) -> t.Node:
    """The textbook form of one expression."""
    return Simplifier()(n)


def scalars_first(n: t.Node) -> t.Node:
    """Scalar factors pulled out of transposes and products, as written by hand: (λw)ᵀw → λ(wᵀw) (the parser's
    normal form, so that derive, graph, check and train all see the same objective)."""
    kids = n.children()
    n = rebuild(n, [scalars_first(c) for c in kids]) if kids else n
    if isinstance(n, t.Transpose) and isinstance(n.arg, t.Scale):
        return t.Scale(n.arg.scalar, scalars_first(t.transposed(n.arg.arg)))
    if isinstance(n, t.MatMul) and isinstance(n.left, t.Scale) and n.left.scalar.is_scalar:
        return t.Scale(n.left.scalar, scalars_first(t.MatMul(n.left.arg, n.right)))
    if isinstance(n, t.MatMul) and isinstance(n.right, t.Scale):
        return t.Scale(n.right.scalar, scalars_first(t.MatMul(n.left, n.right.arg)))
    return n
