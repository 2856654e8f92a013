"""Functions, norms, inner products and indexed sums in LaTeX: ``\\sigma'(z)``, ``\\log\\det X``,
``\\operatorname{tr}(AXB)``, ``\\|v\\|_2^2``, ``|A|``, ``\\langle u, v\\rangle``, ``\\sum_{i=1}^n y_i x_i``.

Every function is the registry's (``symbolic.functions``) or one of the text parser's structural ones; a
reading that could mean two things (``\\exp A`` of a square matrix, ``|v|`` of a vector, ``\\|A\\|_2``) is refused.
"""
from __future__ import annotations

import dataclasses

import sympy

from ..errors import ParseError
from . import tree as t
from .latex_build import Pending
from .latex_cursor import STRUCTURAL_NAMES, Index
from .latex_names import NameReader
from .latex_sums import SumReader
from .latex_tokens import OPERATORS, Token

#: entrywise for vectors, but for a square matrix A the usual reading is the matrix function (e^A, log A)
MATRIX_FUNCTIONS = frozenset({"exp", "log"})


class CallReader(NameReader):
    """Function applications and the bracket-like constructs."""

    def _sigma_is_a_name(self) -> bool:
        """``\\sigma`` that cannot take an argument (``2\\sigma^2)``, ``\\sigma + 1``) is the scalar σ; else σ(·)."""
        k = 0
        if self.is_char("^"):
            k = 1
            if self.is_char("{", 1):
                depth = 0
                for k in range(1, len(self.tokens) - self.pos):
                    depth += self.is_char("{", k) - self.is_char("}", k)
                    if depth == 0:
                        break
            k += 1
        after = self.peek(k)
        if "sigma" in self.known:
            return True
        return after.kind == "end" or (after.kind == "char" and after.value in ")]}+-=/|,*") or \
            (after.kind == "cmd" and after.value in (*OPERATORS, "rangle")) or after.kind == "norm"

    def function(self, key: str, token: Token):
        """A function head and its argument: ``\\sigma(Xw)``, ``\\sigma'(z)``, ``\\tanh^2 z``, ``\\log\\det X``,
        ``\\operatorname{tr}(AXB)``, ``\\max(0, z)``."""
        structural = STRUCTURAL_NAMES.get(key)
        canonical = None if structural else self.elementwise.get(key)
        if structural is None and canonical is None:
            raise ParseError(f"{token} at column {token.column} is not a function of vectors and matrices here")
        ahead = self.peek()
        if key in ("log", "ln") and (self.is_cmd("det") or
                                     (ahead.kind in ("func", "named") and ahead.value.lower() == "det")):
            self.take()
            structural, canonical = "logdet", None
        order = 0
        while self.is_char("'") or self.is_cmd("prime"):
            self.take()
            order += 1
        power = None
        if self.is_char("^"):
            marker = self.peek()
            tokens = self.script()
            if [tok.value for tok in tokens] in (["\\prime"], ["prime"]):
                order += 1
            else:
                power = (self.subparse(tokens, f"the power at column {marker.column}"), marker.column)
                if not (isinstance(power[0], t.Const) and power[0].value.is_Integer and power[0].value > 0):
                    raise ParseError(f"{token}^… at column {marker.column}: only a positive whole power of a "
                                     "function (\\tanh^2 z); write (f(z))^{-1} for a reciprocal")
        if order and (structural or order > 3):
            raise ParseError(f"{token}' at column {token.column}: only derivatives (up to the third) of "
                             "entrywise functions")
        if self.is_char("(") or self.is_char("["):
            opened = self.take()
            self.closers.append(opened.value)
            args = [self.expr()]
            while self.is_char(","):
                self.take()
                args.append(self.expr())
            self.closers.pop()
            self.expect(")" if opened.value == "(" else "]", opened)
        elif structural in ("trace", "det", "logdet", "diag"):
            args = [self.chain()]
        else:
            args = [self.factor()]
        if any(isinstance(a, Pending) for a in args):
            raise ParseError(f"cannot tell the size of \\mathbf{{1}} or I inside {token} at column {token.column}")
        if (canonical in MATRIX_FUNCTIONS or structural == "sqrt") and not args[0].is_scalar and args[0].is_square:
            raise ParseError(f"{token} of a square matrix at column {token.column} is ambiguous (the matrix "
                             "function or entry by entry?); write it for a vector or a non-square matrix")
        if structural == "maximum" and len(args) != 2:
            raise ParseError(f"{token} at column {token.column} is read as max(0, E), the ReLU")
        value = self.builder.call(structural or canonical, args, token.column)
        if order:
            value = dataclasses.replace(value, order=order) if isinstance(value, t.Elementwise) else value
        if power is not None:
            if not value.is_scalar and value.is_square:
                raise ParseError(f"a power of a square matrix at column {power[1]} is ambiguous")
            value = self.builder.binary("**", value, power[0], power[1])
        return value

    def _func_key(self, word: str) -> str:
        """A function word as written (``tanh``, ``ReLU``, ``Tr``) → the key ``function`` takes."""
        if word.lower() in STRUCTURAL_NAMES:
            return word.lower()
        if word in self.elementwise:
            return word
        return self.operator_names.get(word.lower(), word)

    def operator_name(self, token: Token):
        """``\\operatorname{ReLU}``, ``\\text{tr}``, ``\\mathop{diag}``: a function, or a declared name."""
        word = token.value
        key = word.lower()
        if key in STRUCTURAL_NAMES:
            return self.function(key, token)
        if key in self.operator_names:
            return self.function(self.operator_names[key], token)
        if word in self.known:
            return self.named_value(word, token.column)
        raise ParseError(f"unknown operator name {word!r} at column {token.column}")

    def absolute(self, inner, token: Token):
        if isinstance(inner, Pending):
            raise ParseError(f"|…| of \\mathbf{{1}} at column {token.column}")
        if inner.is_scalar:
            return self.builder.call("abs", [inner], token.column)
        if inner.is_square:
            return self.builder.call("det", [inner], token.column)
        raise ParseError(f"|…| of a vector at column {token.column} is ambiguous: write \\|v\\|, \\|v\\|_1 or "
                         r"\operatorname{abs}(v)")

    def norm(self, token: Token):
        self.closers.append("norm")
        inner = self.expr()
        self.closers.pop()
        self.expect("||", token)
        kind, power = None, None
        for _ in range(2):  # \|v\|_2^2 and \|v\|^2_2
            if self.is_char("_") and kind is None:
                marker = self.peek()
                tokens = self.script()
                kind = "".join(tok.value for tok in tokens)
                if kind not in ("1", "2", "F"):
                    raise ParseError(f"the norm subscript _{kind} at column {marker.column}: use _2, _F or _1")
            elif self.is_char("^") and power is None and self.is_char("_", 2 if not self.is_char("{", 1) else 0):
                marker = self.peek()
                power = (self.subparse(self.script(), f"the power at column {marker.column}"), marker.column)
        if isinstance(inner, Pending):
            raise ParseError(f"the norm of \\mathbf{{1}} at column {token.column}")
        value = self._norm_of(inner, kind, token)
        return value if power is None else self.builder.binary("**", value, power[0], power[1])

    def _norm_of(self, inner: t.Node, kind: str | None, token: Token) -> t.Node:
        if inner.is_scalar:
            return self.builder.call("abs", [inner], token.column)
        if kind == "1":
            return self.builder.call("sum", [self.builder.call("abs", [inner], token.column)], token.column)
        if kind == "2" and not (inner.is_column or inner.is_row):
            raise ParseError(f"\\|A\\|_2 of a matrix at column {token.column} is the spectral norm, which is not "
                             r"supported; write \|A\|_F for the Frobenius norm")
        return self.builder.call("norm", [inner], token.column)

    def inner_product(self, token: Token):
        self.closers.append("angle")
        left = self.expr()
        if not self.is_char(","):
            raise ParseError(f"\\langle at column {token.column} needs two arguments: \\langle u, v\\rangle")
        self.take()
        right = self.expr()
        self.closers.pop()
        self.expect("rangle", token)
        if isinstance(left, Pending) or isinstance(right, Pending):
            left, right = self.builder.meet(left, right, "sum", token.column)
        if left.shape != right.shape:
            raise self.builder.where(t._err("cannot take the inner product of", left, right), token.column)
        if left.is_column:
            return self.builder.binary("@", left, right, token.column)
        return self.builder.call("sum", [self.builder.binary("*", left, right, token.column)], token.column)

    def indexed_sum(self, token: Token):
        r"""``\sum_i``, ``\sum_{i=1}^n``, ``\sum_{i=1}^{N}``: the term after it, over the examples, in matrix form."""
        if self.index is not None:
            raise ParseError(f"a sum inside a sum at column {token.column}: write it in matrix form")
        letter, count = None, None
        for _ in range(2):
            if self.is_char("_") and letter is None:
                letter = self._bound_index(self.script(), token)
            elif self.is_char("^") and count is None:
                count = self._upper_bound(self.script(), token)
            else:
                break
        if letter is None:
            if count is not None:
                raise ParseError(f"\\sum^… at column {token.column} needs an index: \\sum_{{i=1}}^n")
            body = self.term()
            if isinstance(body, Pending) or body.is_scalar:
                raise ParseError(f"\\sum at column {token.column} without an index needs a vector or matrix to "
                                 "add up; write \\sum_i with indexed terms")
            return self.builder.call("sum", [body], token.column)
        self.index = Index(letter, count, {})
        try:
            sign = self.take() if self.is_char("-") else None
            body = self.term()
            if sign is not None:
                body = self.negate(body, sign.column)
        finally:
            index, self.index = self.index, None
            self.ended.add(letter)
        if isinstance(body, Pending):
            raise ParseError(f"the sum at column {token.column} of \\mathbf{{1}} or I")
        after = self.peek()
        source = self.builder.source
        written = source[token.column - 1:after.column - 1 if after.kind != "end" else len(source)].strip()
        written = written if len(written) <= 60 else written[:57] + "…"
        if not index.placeholders and index.count is None:
            raise ParseError(f"the sum at column {token.column} has no upper bound and no indexed term "
                             f"({letter} is not used): write \\sum_{{{letter}=1}}^n")
        return SumReader(index.placeholders, index.count, written).total(body)

    def _bound_index(self, tokens: list[Token], token: Token) -> str:
        values = [tok.value for tok in tokens]
        if len(values) == 1 and tokens[0].kind in ("word", "name") and len(values[0]) == 1:
            return values[0]
        if len(values) == 3 and tokens[0].kind in ("word", "name") and len(values[0]) == 1 and values[1] == "=" and \
                values[2] == "1":
            return values[0]
        raise ParseError(f"cannot read the index of \\sum at column {token.column}: write \\sum_i or \\sum_{{i=1}}^n")

    def _upper_bound(self, tokens: list[Token], token: Token):
        if len(tokens) == 1 and tokens[0].kind in ("word", "name") and tokens[0].value in self.builder.dims:
            return self.builder.dims[tokens[0].value]
        if len(tokens) == 1 and tokens[0].kind == "num" and tokens[0].value.isdigit():
            return sympy.Integer(tokens[0].value)
        raise ParseError(f"the upper bound of \\sum at column {token.column} must be a dimension of --shapes "
                         "(\\sum_{i=1}^n)")
