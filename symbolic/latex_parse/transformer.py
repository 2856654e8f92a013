"""The parse tree → a sympy expression, one method per grammar rule (named after the rule it builds)."""
from __future__ import annotations

import sympy
from lark import Token, Transformer_NonRecursive

from ..errors import ParseError
from ..activations.step import Step
from ..indicator import Indicator
from ..names import index
from .context import LatexContext, NameResolver, WrittenName
from .functions import Head, apply_head
from .safety import MAX_EXPONENT, check_divisor, check_power, check_product


def _values(children: list) -> list:
    """Children without the punctuation tokens."""
    return [c for c in children if not isinstance(c, Token)]


class ToSympy(Transformer_NonRecursive):
    """Builds sympy objects bottom-up; names go through the NameResolver, functions through functions.py."""

    def __init__(self, context: LatexContext, indices: frozenset[str]):
        super().__init__()
        self.sigma = context.sigma
        self.names = NameResolver(context, indices)

    # -- sums and products ---------------------------------------------------------------------
    def start(self, children):
        return children[0]

    def chain(self, children):
        operators, terms = children[1::2], children[2::2]
        return sympy.Add(children[0], *(-t if op.type == "MINUS" else t for op, t in zip(operators, terms)))

    def neg(self, children):
        return -children[1]

    def pos(self, children):
        return children[1]

    def product(self, children):
        factors = []
        for item in _values(children):
            if isinstance(item, tuple) and item[0] == "over":
                check_divisor(item[1], item[2])
                factors.append(sympy.Pow(item[1], -1))
            else:
                factors.append(item[1] if isinstance(item, tuple) else item)
        check_product(factors)
        return sympy.Mul(*factors)

    def times(self, children):
        return ("times", children[-1])

    def over(self, children):
        return ("over", children[1], children[0].column)

    def sum_op(self, children):
        (name, lower, upper), body = children[1], children[2]
        return sympy.Sum(body, (index(name), lower, upper))

    def sum_limits(self, children):
        values = _values(children)
        bound = next(v for v in values if isinstance(v, tuple))
        uppers = [v for v in values if not isinstance(v, tuple)]
        name, lower = bound
        upper = uppers[0] if uppers else self.names.default_upper()
        return name, sympy.S.One if lower is None else lower, upper

    def lower_bound(self, children):
        return str(children[1]), children[3]

    def index_only(self, children):
        return str(_tokens(children, "LETTER")[0]), None

    # -- atoms ---------------------------------------------------------------------------------
    def number(self, children):
        # 2e-8 as pasted text writes it is 2·10⁻⁸ (not 2e − 8), kept exact as a rational
        text, _, exponent = str(children[0]).lower().partition("e")
        whole, _, fraction = text.partition(".")
        value = sympy.Rational(int(whole or "0") * 10 ** len(fraction) + int(fraction or "0"), 10 ** len(fraction))
        return value * sympy.Rational(10) ** int(exponent) if exponent else value

    def euler(self, children):
        return sympy.E

    def letter(self, children):
        return self.names.resolve(WrittenName(str(children[0])))

    def braced(self, children):
        return children[1]

    def group(self, children):
        return children[1]

    def absolute(self, children):
        return sympy.Abs(children[1])

    def power(self, children):
        base, caret, exponent = children
        check_power(base, exponent, caret.column)
        return base ** exponent

    def frac(self, children):
        check_divisor(children[2], children[0].column)
        return children[1] / children[2]

    def sqrt(self, children):
        values = _values(children)
        if len(values) == 1:
            return sympy.sqrt(values[0])
        degree, radicand = values
        check_divisor(degree, children[0].column)
        check_power(radicand, 1 / degree, children[0].column)
        return sympy.root(radicand, degree)

    def indicator(self, children):
        return indicator_of(*_values(children)[0])

    def cond(self, children):
        return children[0], str(children[1]), children[2]

    # -- variables -----------------------------------------------------------------------------
    def var(self, children):
        base, decoration = children[0]
        scripts: dict[str, tuple] = {}
        for kind, *payload in children[1:]:
            if kind in scripts:
                raise ParseError(f"double {kind} on {base} at column {payload[-1]}")
            scripts[kind] = payload
        written = WrittenName(base, decoration, scripts.get("subscript", ((),))[0], scripts.get("layer", ("",))[0])
        value = self.names.resolve(written)
        if "superscript" in scripts:
            exponent, column = scripts["superscript"]
            check_power(value, exponent, column)
            value = value ** exponent
        return value

    def var_base(self, children):
        if children[0].type == "HAT":
            return children[1], str(children[0])
        return str(children[0]), ""

    def name_arg(self, children):
        return str(_without_braces(children)[0])

    def subscript(self, children):
        return ("subscript", children[1], children[0].column)

    def superscript(self, children):
        return ("superscript", children[1], children[0].column)

    def layer(self, children):
        return ("layer", str(children[0]), children[0].column)

    def sub(self, children):
        return tuple(str(t) for t in children if t.type in ("NUMBER", "LETTER", "GREEK"))

    # -- functions -----------------------------------------------------------------------------
    def head(self, children):
        function, scripts = children[0], dict(children[1:])
        return Head(str(function), function.column, scripts.get("subscript", ()),
                    scripts.get("primes", 0), scripts.get("power"))

    def head_sub(self, children):
        return ("subscript", children[1])

    def primes(self, children):
        return ("primes", len(_tokens(children, "PRIME")))

    def head_power(self, children):
        power = children[1]
        if not (power.is_Integer and 0 < power <= MAX_EXPONENT):
            hint = " (for an inverse write \\arcsin, \\arctan, ...)" if power == -1 else ""
            raise ParseError(f"only a positive whole power may follow a function name "
                             f"(column {children[0].column}){hint}")
        return ("power", power)

    def call(self, children):
        return apply_head(children[0], children[2], self.sigma)

    def args(self, children):
        return _values(children)

    def nopar_call(self, children):
        return apply_head(children[0], [children[1]], self.sigma)


def indicator_of(left: sympy.Expr, relation: str, right: sympy.Expr) -> sympy.Expr:
    """1[left relation right] with the kink visible: z > 0 → step(z), z ≥ 0 → Heaviside(z, 1), y = j → 1[y = j]."""
    difference = left - right
    if relation == "=":
        return Indicator(left, right)
    if relation == "!=":
        return 1 - Indicator(left, right)
    if relation in ("<", "<="):
        difference, relation = -difference, relation.replace("<", ">")
    return Step(difference) if relation == ">" else sympy.Heaviside(difference, 1)


def _tokens(children: list, kind: str) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and c.type == kind]


def _without_braces(children: list) -> list:
    """Children other than braces (a name inside ``\\hat{…}``)."""
    return [c for c in children if not (isinstance(c, Token) and c.type in ("LBRACE", "RBRACE"))]
