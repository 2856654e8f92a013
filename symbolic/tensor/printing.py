"""Printers for the tensor tree: unicode (ᵀ, ⊙, ‖·‖) for people, text (numpy) that parses back, LaTeX.

One printer class per target; each ``_print_<Node>`` returns (string, precedence), sympy's shape.
"""
from __future__ import annotations

import re

import sympy

from . import tree as t

ADD, HAD, MUL, NEG, POW, POST, ATOM = 1, 2, 3, 4, 5, 6, 7

_GREEK = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ", "eta": "η",
          "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
          "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
          "Sigma": "Σ", "Lambda": "Λ", "Omega": "Ω", "Theta": "Θ", "Phi": "Φ", "Psi": "Ψ", "Gamma": "Γ", "Delta": "Δ"}
_SUPER = str.maketrans("0123456789-/()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻ᐟ⁽⁾")


def _greek(name: str) -> str:
    m = re.fullmatch(r"([A-Za-z]+?)(_?\d*)", name)
    if m and m.group(1) in _GREEK:
        return _GREEK[m.group(1)] + m.group(2)
    return _GREEK.get(name, name)


def _function(name: str):
    from ..functions import FUNCTIONS
    return FUNCTIONS[name]


def _edge(n: t.Node, side: int) -> str | None:
    """The name or number printed at one edge of n (None: a bracket or a superscript is there)."""
    if isinstance(n, t.Var):
        return _greek(n.name)
    if isinstance(n, t.Const):
        s = sympy.sstr(n.value)
        return s if re.fullmatch(r"\w+", s) else None
    if isinstance(n, t.MatMul):
        return _edge(n.left if side == 0 else n.right, side)
    if isinstance(n, t.Scale):
        return _edge(n.scalar if side == 0 else n.arg, side)
    if isinstance(n, (t.Transpose, t.Inverse, t.Power)) and side == 0:
        return _edge(n.arg, side)
    if isinstance(n, (t.Identity,)):
        return "I"
    if isinstance(n, t.Elementwise) and side == 0:
        return "f"
    return None


def _negative(value: sympy.Expr) -> bool:
    return bool(value.could_extract_minus_sign())


class _Printer:
    """Shared structure; the targets differ in their symbols."""

    def __call__(self, n: t.Node) -> str:
        return self.p(n)[0]

    def p(self, n: t.Node):
        return getattr(self, f"_print_{type(n).__name__}")(n)

    def wrap(self, n: t.Node, least: int) -> str:
        s, prec = self.p(n)
        return s if prec >= least else self.paren(s)

    def paren(self, s: str) -> str:
        return f"({s})"

    def hadamard_factor(self, f: t.Node) -> str:
        """A factor of ⊙: a matrix product in parentheses, as the lecture writes (W⁽²⁾ᵀδ⁽²⁾) ⊙ σ′(z⁽¹⁾)."""
        s, prec = self.p(f)
        product = f.arg if isinstance(f, t.Scale) else f
        plain = isinstance(product, t.MatMul) and all(isinstance(x, t.Var) and len(x.name) == 1
                                                       for x in (product.left, product.right))  # Xw reads as one
        products = isinstance(product, t.MatMul) and not plain
        return self.paren(s) if prec < MUL or products else s

    # -- sums: negative terms as " − …", broadcast constants as plain numbers
    def _term(self, n: t.Node):
        if isinstance(n, t.Ones):
            return self.const(sympy.Integer(1))
        if isinstance(n, t.Scale) and isinstance(n.arg, t.Ones):
            return self.p(n.scalar)
        return self.p(n)

    def _print_Add(self, n: t.Add):
        out = ""
        for i, term in enumerate(n.terms):
            negative, positive = self.split_sign(term)
            s, prec = self._term(positive)
            if prec <= ADD:
                s = self.paren(s)
            if i == 0:
                out = (self.minus + s) if negative else s
            else:
                out += (f" {self.minus_op} " if negative else " + ") + s
        return out, ADD

    def split_sign(self, n: t.Node):
        """(True, −n) when n prints with a leading minus."""
        if isinstance(n, t.Const) and _negative(n.value):
            return True, t.Const(-n.value)
        if isinstance(n, t.Scale) and isinstance(n.scalar, t.Const) and _negative(n.scalar.value):
            value = -n.scalar.value
            return True, (n.arg if value == 1 else t.Scale(t.Const(value), n.arg))
        if isinstance(n, t.Scale) and isinstance(n.arg, t.Scale):  # (1/n)(−s) prints −(1/n)s
            negative, inner = self.split_sign(n.arg)
            if negative:
                return True, t.Scale(n.scalar, inner)
        if isinstance(n, t.Scale) and isinstance(n.scalar, t.Scale):  # (−sᵀG)s prints −(sᵀG)s
            negative, inner = self.split_sign(n.scalar)
            if negative:
                return True, t.Scale(inner, n.arg)
        return False, n

    def _print_Scale(self, n: t.Scale):
        if n.scalar == t.Const(1):
            return self.p(n.arg)
        if isinstance(n.scalar, t.Const) and isinstance(n.arg, t.Scale) and isinstance(n.arg.scalar, t.Const):
            return self.p(t.Scale(t.Const(n.scalar.value * n.arg.scalar.value), n.arg.arg))  # (1/n)2X is (2/n)X
        negative, positive = self.split_sign(n)
        if negative:
            s, prec = self.p(positive)
            return self.minus + (s if prec >= self.neg_operand else self.paren(s)), NEG
        return self.product(n.scalar, n.arg)


class UnicodePrinter(_Printer):
    """One line for people: Xᵀ(Xw − y), 2λw, σ(z) ⊙ (1 − σ(z)), ‖r‖², X⁻ᵀ."""

    minus, minus_op, neg_operand = "−", "−", HAD

    def const(self, value):
        s = sympy.sstr(value).replace("**", "^").replace("*", "·").replace("-", "−")
        return s, (ATOM if re.fullmatch(r"[\w.]+", s) else MUL if not s.startswith("−") else NEG)

    def _print_Const(self, n):
        return self.const(n.value)

    def _print_Var(self, n):
        return _greek(n.name), ATOM

    def _print_Adjoint(self, n):
        return f"∂L/∂{_greek(n.name)}", ATOM

    def _print_Ones(self, n):
        return ("𝟏ᵀ", POST) if n.is_row else ("𝟏", ATOM)  # a row of ones is 𝟏ᵀ: (P ⊙ G)𝟏𝟏ᵀ, not (P ⊙ G)𝟏𝟏

    def _print_Zeros(self, n):
        return "0", ATOM

    def _print_Identity(self, n):
        return "I", ATOM

    def join(self, parts: list[str], nodes: list[t.Node]) -> str:
        out = parts[0]
        for i in range(1, len(parts)):
            left, right = _edge(nodes[i - 1], -1), _edge(nodes[i], 0)
            glue = ""
            if isinstance(nodes[i], t.Adjoint) or isinstance(nodes[i - 1], t.Adjoint):
                glue = "·"
            elif left is not None and right is not None and (
                    len(left) > 1 or len(right) > 1 or (left[-1].isdigit() and right[0].isdigit())):
                glue = "·"
            out += glue + parts[i]
        return out

    def product(self, scalar, arg):
        c, cprec = self.p(scalar)
        if isinstance(scalar, t.Const) and cprec < ATOM:
            c = self.paren(c)
        elif cprec < MUL or isinstance(scalar, t.MatMul):  # (sᵀG)s: the scalar factor reads as one
            c = self.paren(c)
        a, aprec = self.p(arg)
        if aprec < HAD:
            a = self.paren(a)
        return self.join([c, a], [scalar, arg]), (MUL if aprec >= MUL else HAD)

    def _chain(self, n):
        return [n] if not isinstance(n, t.MatMul) else self._chain(n.left) + self._chain(n.right)

    def _print_MatMul(self, n):
        chain = self._chain(n)
        parts = []
        for k, f in enumerate(chain):
            s, prec = self.p(f)
            # A(−B) keeps its parentheses: A−B would read as a difference
            parts.append(self.paren(s) if prec < MUL + 1 and not isinstance(f, t.MatMul) or (k and prec == NEG)
                         else s)
        return self.join(parts, chain), MUL

    def _print_Transpose(self, n):
        if isinstance(n.arg, t.Inverse):
            return self.wrap(n.arg.arg, POST) + "⁻ᵀ", POST
        return self.wrap(n.arg, POST) + "ᵀ", POST

    def _print_Inverse(self, n):
        return self.wrap(n.arg, POST) + "⁻¹", POST

    def _factors(self, n):
        return self._factors(n.left) + self._factors(n.right) if isinstance(n, t.Hadamard) else [n]

    def _print_Hadamard(self, n):
        num, den = [], []
        for f in self._factors(n):
            if isinstance(f, t.Power) and f.exponent == -1:
                den.append(self.hadamard_factor(f.arg))
            else:
                num.append(self.hadamard_factor(f))
        s = " ⊙ ".join(num) if num else "1"
        for d in den:
            s += " ⊘ " + d
        return s, HAD

    def _print_Power(self, n):
        e = n.exponent
        if e == -1 and not n.is_scalar:
            return "1 ⊘ " + self.wrap(n.arg, MUL), HAD
        if e == sympy.Rational(1, 2):
            return "√" + self.wrap(n.arg, POST), POW
        sup = sympy.sstr(e)
        sup = sup.translate(_SUPER) if re.fullmatch(r"-?\d+(/\d+)?", sup) else f"^({sup})"
        return self.wrap(n.arg, POST) + sup, POW

    def _print_Elementwise(self, n):
        head = _function(n.function).unicode
        return f"{head}{'′' * n.order}({self(n.arg)})", ATOM

    def _print_Sum(self, n):
        axis = "" if n.axis is None else f", axis={n.axis}"
        return f"sum({self(n.arg)}{axis})", ATOM

    def _print_Norm2(self, n):
        return f"‖{self(n.arg)}‖" + ("" if n.arg.is_column or n.arg.is_row else "_F"), ATOM

    def _call(name):
        return lambda self, n: (f"{name}({self(n.arg)})", ATOM)

    _print_Trace = _call("tr")
    _print_Det = _call("det")
    _print_LogDet = _call("log det")
    _print_Softmax = _call("softmax")
    _print_LogSumExp = _call("logsumexp")
    _print_Diag = _call("diag")
    _print_DiagPart = _call("diag")


def _as_vector(row: t.Node) -> t.Node:
    """The 1-D vector a row stands for in numpy: vᵀ is v."""
    return row.arg if isinstance(row, t.Transpose) and row.arg.is_column else row


class TextPrinter(_Printer):
    """numpy text that ``parse`` reads back to the same shapes: X.T@(X@w - y), 2*lambda*w, inv(X).T."""

    minus, minus_op, neg_operand = "-", "-", MUL + 1

    def const(self, value):
        s = sympy.sstr(value)
        if re.fullmatch(r"\w+", s):
            return s, ATOM
        return s, (NEG if s.startswith("-") else MUL if "**" not in s else POW)

    def _print_Const(self, n):
        return self.const(n.value)

    def _print_Var(self, n):
        return n.name, ATOM

    def _print_Adjoint(self, n):
        return f"dL_d{n.name}", ATOM

    def _dims(self, shape):
        rows, cols = shape
        return sympy.sstr(rows) if cols == 1 else f"({sympy.sstr(rows)}, {sympy.sstr(cols)})"

    def _print_Ones(self, n):
        return f"ones({self._dims(n.shape)})", ATOM

    def _print_Zeros(self, n):
        return f"zeros({self._dims(n.shape)})", ATOM

    def _print_Identity(self, n):
        return f"eye({sympy.sstr(n.n)})", ATOM

    def binary(self, left, op, right):
        return f"{self.wrap(left, MUL)}{op}{self.wrap(right, MUL + 1)}", MUL

    def product(self, scalar, arg):
        return self.binary(scalar, "*", arg)

    def _print_MatMul(self, n):
        """numpy's meaning for every product: vectors are 1-D, so abᵀ is outer(a, b) and aᵀM is a@M."""
        left, right = n.left, n.right
        if left.is_column and right.is_row:
            return f"outer({self(left)}, {self(_as_vector(right))})", ATOM
        if left.is_row:
            left = _as_vector(left)
        return self.binary(left, "@", right)

    def _print_Hadamard(self, n):
        return self.binary(n.left, "*", n.right)

    def _print_Transpose(self, n):
        return self.wrap(n.arg, ATOM) + ".T", ATOM

    def _print_Inverse(self, n):
        return f"inv({self(n.arg)})", ATOM

    def _print_Power(self, n):
        e = sympy.sstr(n.exponent)
        return f"{self.wrap(n.arg, ATOM)}**{e if e.isdigit() else '(' + e + ')'}", POW

    def _print_Elementwise(self, n):
        return f"{n.function}{'_prime' * n.order}({self(n.arg)})", ATOM

    def _print_Sum(self, n):
        axis = "" if n.axis is None else f", axis={n.axis}"
        return f"sum({self(n.arg)}{axis})", ATOM

    def _call(name):
        return lambda self, n: (f"{name}({self(n.arg)})", ATOM)

    _print_Norm2 = _call("norm")
    _print_Trace = _call("trace")
    _print_Det = _call("det")
    _print_LogDet = _call("logdet")
    _print_Softmax = _call("softmax")
    _print_LogSumExp = _call("logsumexp")
    _print_Diag = _call("diag")
    _print_DiagPart = _call("diag")


class LatexPrinter(UnicodePrinter):
    """LaTeX for homework: X^\\top (X w - y), \\sigma(z) \\odot (1 - \\sigma(z)), X^{-\\top}."""

    minus, minus_op = "-", "-"

    def paren(self, s):
        return rf"\left({s}\right)"

    def const(self, value):
        s = sympy.latex(value)
        return s, (ATOM if re.fullmatch(r"[\w]+", s) else NEG if s.startswith("-") else MUL)

    def _print_Var(self, n):
        return sympy.latex(sympy.Symbol(n.name)), ATOM

    def _print_Adjoint(self, n):
        return rf"\frac{{\partial \mathcal{{L}}}}{{\partial {sympy.latex(sympy.Symbol(n.name))}}}", ATOM

    def _print_Ones(self, n):
        return (r"\mathbf{1}^{\top}", POST) if n.is_row else (r"\mathbf{1}", ATOM)

    def _print_Zeros(self, n):
        return r"\mathbf{0}", ATOM

    def join(self, parts, nodes):
        return " ".join(parts)

    def product(self, scalar, arg):
        c, cprec = self.p(scalar)
        if cprec < MUL or (isinstance(scalar, t.Const) and cprec < ATOM and not c.startswith(r"\frac")):
            c = self.paren(c)
        a, aprec = self.p(arg)
        return f"{c} {a if aprec >= HAD else self.paren(a)}", (MUL if aprec >= MUL else HAD)

    def _print_Transpose(self, n):
        if isinstance(n.arg, t.Inverse):
            return self.wrap(n.arg.arg, POST + 1) + r"^{-\top}", POST
        return self.wrap(n.arg, POST + 1) + r"^{\top}", POST

    def _print_Inverse(self, n):
        return self.wrap(n.arg, POST + 1) + "^{-1}", POST

    def _print_Hadamard(self, n):
        num, den = [], []
        for f in self._factors(n):
            if isinstance(f, t.Power) and f.exponent == -1:
                den.append(self.hadamard_factor(f.arg))
            else:
                num.append(self.hadamard_factor(f))
        s = r" \odot ".join(num) if num else "1"
        for d in den:
            s += r" \oslash " + d
        return s, HAD

    def _print_Power(self, n):
        e = n.exponent
        if e == -1 and not n.is_scalar:
            return r"1 \oslash " + self.wrap(n.arg, MUL), HAD
        if e == sympy.Rational(1, 2):
            return rf"\sqrt{{{self(n.arg)}}}", ATOM
        hat = "" if n.is_scalar else r"\circ "
        return f"{self.wrap(n.arg, POST + 1)}^{{{hat}{sympy.latex(e)}}}", POW

    def _print_Elementwise(self, n):
        head = _function(n.function).latex
        return rf"{head}{chr(39) * n.order}\left({self(n.arg)}\right)", ATOM

    def _print_Sum(self, n):
        if n.axis is None:
            return rf"\mathbf{{1}}^{{\top}} {self.wrap(n.arg, POST)} \mathbf{{1}}" if not n.arg.is_column else \
                rf"\mathbf{{1}}^{{\top}} {self.wrap(n.arg, POST)}", MUL
        return (rf"{self.wrap(n.arg, POST)}^{{\top}} \mathbf{{1}}" if n.axis == 0
                else rf"{self.wrap(n.arg, POST)} \mathbf{{1}}"), MUL

    def _print_Norm2(self, n):
        sub = "" if n.arg.is_column or n.arg.is_row else "_F"
        return rf"\left\lVert {self(n.arg)} \right\rVert{sub}", ATOM

    def _call(name):
        return lambda self, n: (rf"{name}\left({self(n.arg)}\right)", ATOM)

    _print_Trace = _call(r"\operatorname{tr}")
    _print_Det = _call(r"\det")
    _print_LogDet = _call(r"\log\det")
    _print_Softmax = _call(r"\operatorname{softmax}")
    _print_LogSumExp = _call(r"\operatorname{logsumexp}")
    _print_Diag = _call(r"\operatorname{diag}")
    _print_DiagPart = _call(r"\operatorname{diag}")


unicode = UnicodePrinter()
text = TextPrinter()
latex = LatexPrinter()
