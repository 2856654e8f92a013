r"""Typed vector and matrix expressions from LaTeX: ``\frac{1}{n} X^\top (\sigma(Xw) - y)``.

The pipeline: ``latex_tokens`` (pasted Unicode, ``$…$``, the command allowlist) → this recursive-descent
parser → the text parser's own operations (``latex_build.LatexBuilder``), so shapes, broadcasting and
limits have one home; indexed sums go through ``latex_sums``.  Readings:

* juxtaposition multiplies: a scalar scales, two tensors are a matrix product (``X^T(Xw - y)``); it binds
  tighter than ``\cdot``, ``\odot`` and ``/`` (``a \odot W x`` is a ⊙ (Wx); ``1/n X^T r`` is (1/n)Xᵀr);
* ``\cdot`` is a scalar or matrix product, or uᵀv of two vectors; ``*``/``\times`` only with a scalar;
* ``^T ^\top ^\intercal ^{\mathsf T} ^t`` and ``'`` after a tensor transpose; ``^{-1}``, ``^{-T}``; ``^{(k)}``,
  ``^{[k]}``, ``_k`` name the declared ``Wk``; another superscript is a power (entrywise; a square matrix
  needs ``M M`` or ``M^{\circ 2}``); ``\sigma'(z)`` is the derivative;
* ``\|v\|``, ``\|v\|_2``, ``\|A\|_F`` (Frobenius, also without subscript), ``\|v\|_1``; ``|s|`` of a scalar, ``|A|``
  of a square matrix is det A; ``\langle u, v\rangle``; ``\mathbf{1}`` and ``I`` take their size from what they meet;
* ``\sum_{i=1}^n`` over x_i (row i of X as a column), y_i (entry i of y) in matrix form, or an error.
"""
from __future__ import annotations

import dataclasses

import sympy

from ..errors import ParseError, UnsafeInputError
from ..functions import latex_operator_names
from ..names import GREEK as GREEK_NAMES, check_identifier
from ..parse.limits import LIMITS, Limits
from . import tree as t
from .latex_build import LatexBuilder, Pending
from .latex_sums import Indexed, SumReader
from .latex_tokens import (ACCENTS, FONTS, FUNCTION_WORDS, GREEK, OPERATORS, STRUCTURAL_COMMANDS, Token,
                           check_nesting, prepare, tokenize, unwrap_single_groups)
from .printing import unicode
from .parse import MAX_NESTING, STRUCTURAL, elementwise_functions
from .shapes import Shape

#: structural functions by every spelling (words, control words, operator names) → the text parser's name
_STRUCTURAL = {**STRUCTURAL_COMMANDS, "logdet": "logdet", "softmax": "softmax", "logsumexp": "logsumexp",
               "sqrt": "sqrt", "max": "maximum"}
_NOT_STARTING = frozenset({"top", "intercal", "prime", "rangle", "partial", "nabla", *OPERATORS})
_TRANSPOSE_WORDS = frozenset({"T", "top", "intercal", "t"})
_END = Token("end", "", 0)
#: entrywise for vectors, but for a square matrix A the usual reading is the matrix function (e^A, log A)
_MATRIX_FUNCTIONS = frozenset({"exp", "log"})


def parse_latex(text: str, shapes: dict[str, Shape], names: dict[str, t.Node] | None = None, *,
                sigma: str = "sigmoid", limits: Limits = LIMITS) -> t.Node:
    r"""The typed tree of one LaTeX expression; ``names`` maps extra identifiers (``delta2``) to trees.

    A left-hand side such as ``\frac{\partial L}{\partial w} =`` is dropped; ``\sigma`` is ``sigma``'s
    function (the sigmoid unless told otherwise).

    >>> from symbolic.tensor.shapes import parse_shapes
    >>> from symbolic.tensor.printing import unicode
    >>> unicode(parse_latex(r"$\frac{1}{n} X^\top (\sigma(Xw) - y)$", parse_shapes("X:n,d w:d y:n")))
    '(1/n)Xᵀ(σ(Xw) − y)'
    """
    if not isinstance(text, str):
        raise TypeError("a LaTeX expression must be a string")
    if len(text) > limits.max_length:
        raise UnsafeInputError(f"expression too long: at most {limits.max_length} characters")
    names = dict(names or {})
    tokens = tokenize(prepare(text))
    if not tokens:
        raise ParseError("the expression is empty")
    check_nesting(tokens, MAX_NESTING)
    parser = _Parser(_strip_left_side(unwrap_single_groups(tokens)), LatexBuilder(shapes, text, limits),
                     names, sigma)
    try:
        result = parser.parse()
    except RecursionError:
        raise UnsafeInputError("the expression is nested too deeply") from None
    if isinstance(result, Pending):
        parser.builder.resolve(result, None)
    check_size(result, limits)
    return result


def check_size(root: t.Node, limits: Limits = LIMITS) -> None:
    """The text parser's bounds on the built tree: nesting depth and distinct nodes (no recursion)."""
    depth_of: dict[int, int] = {}  # by id: hashing a deep tree would recurse
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        if not done:
            if id(node) not in depth_of:
                stack.append((node, True))
                stack.extend((child, False) for child in node.children() if id(child) not in depth_of)
            continue
        depth_of[id(node)] = 1 + max((depth_of[id(c)] for c in node.children()), default=0)
        if depth_of[id(node)] > limits.max_depth:
            raise UnsafeInputError(f"expression nested too deeply (more than {limits.max_depth} levels)")
        if len(depth_of) > limits.max_nodes:
            raise UnsafeInputError(f"expression too large: more than {limits.max_nodes} parts")


def latex_name(text: str) -> str:
    r"""The identifier a LaTeX name stands for: ``\delta^{(2)}`` → delta2, ``\hat y`` → yhat, ``W_1`` → W1.

    For the left-hand sides of ``--where`` definitions (``\delta^{(2)} = \hat y - y``).
    """
    if not isinstance(text, str):
        raise TypeError("a name must be a string")
    if len(text) > 200:
        raise UnsafeInputError("a name is at most 200 characters")
    tokens = tokenize(prepare(text))
    first = tokens[0].value if tokens and tokens[0].kind == "word" else ""
    parser = _Parser(unwrap_single_groups(tokens), LatexBuilder({}, text), {}, "sigmoid", frozenset({first}))
    return parser.name_only()


def _strip_left_side(tokens: list[Token]) -> list[Token]:
    """``\\frac{\\partial L}{\\partial w} = E``, ``\\nabla_w L = E``, ``g = E`` → E; more than one ``=`` is refused."""
    depth, equals = 0, []
    for k, token in enumerate(tokens):
        if token.kind == "char":
            depth += token.value in "([{"
            depth -= token.value in ")]}"
            if token.value == "=" and depth == 0:
                equals.append(k)
    if not equals:
        return tokens
    if len(equals) > 1:
        raise ParseError(f"write one expression, not a chain of '=' (column {tokens[equals[1]].column})")
    left, right = tokens[:equals[0]], tokens[equals[0] + 1:]
    derivative = any(tok.kind == "cmd" and tok.value in ("partial", "nabla") for tok in left)
    operators = any(tok.kind == "char" and tok.value in "+-*/" for tok in left)
    if not right or not left or (operators and not derivative):
        raise ParseError(f"write only the expression, or a left-hand side such as \\frac{{\\partial L}}"
                         f"{{\\partial w}} = … (column {tokens[equals[0]].column})")
    return right


@dataclasses.dataclass
class _Index:
    """The summation index of the ``\\sum`` being read, its count, and the placeholders made so far."""

    letter: str
    count: sympy.Expr | None
    placeholders: dict


class _Parser:
    """Recursive descent over the tokens: expr → term (explicit products) → chain (juxtaposition) → factor."""

    def __init__(self, tokens: list[Token], builder: LatexBuilder, names: dict[str, t.Node], sigma: str,
                 words: frozenset[str] = frozenset()):
        self.builder = builder
        self.names = names
        self.sigma = sigma
        self.known = set(builder.shapes) | set(names) | set(builder.dims)
        self.words = words
        self.elementwise = elementwise_functions()
        self.operator_names = {word: info.name for word, info in latex_operator_names().items()
                               if info.name in self.elementwise.values()}
        self.tokens = self._words(tokens) + [_END]
        self.pos = 0
        self.depth = 0
        self.closers: list[str] = []
        self.index: _Index | None = None

    # ---- tokens ------------------------------------------------------------------------------------
    def _words(self, tokens: list[Token]) -> list[Token]:
        """Runs of letters → a declared name (``W1``, ``yhat``), a function word, a Greek name, or letters."""
        out: list[Token] = []
        for k, token in enumerate(tokens):
            if token.kind == "num" and out and out[-1].kind in ("word", "name") and out[-1].column + len(out[-1].value) == \
                    token.column and out[-1].value + token.value in self.known:
                out[-1] = Token("name", out[-1].value + token.value, out[-1].column)
                continue
            if token.kind != "word":
                out.append(token)
                continue
            word = token.value
            if word in self.known or word in GREEK_NAMES or word in self.words:
                out.append(Token("name", word, token.column))
            elif len(word) > 1 and (word in self.elementwise or word.lower() in _STRUCTURAL
                                    or word.lower() in self.operator_names):
                out.append(Token("func", word, token.column))
            else:
                out.extend(Token("word", c, token.column + j) for j, c in enumerate(word))
        return out

    def peek(self, k: int = 0) -> Token:
        return self.tokens[min(self.pos + k, len(self.tokens) - 1)]

    def take(self) -> Token:
        token = self.peek()
        self.pos += 1
        return token

    def is_char(self, value: str, k: int = 0) -> bool:
        token = self.peek(k)
        return token.kind == "char" and token.value == value

    def is_cmd(self, *values: str) -> bool:
        return self.peek().kind == "cmd" and self.peek().value in values

    def expect(self, value: str, opened: Token) -> None:
        token = self.peek()
        if (token.kind == "char" and token.value == value) or (value == "||" and token.kind == "norm") or \
                (value == "rangle" and token.kind == "cmd" and token.value == "rangle"):
            self.pos += 1
            return
        shown = {"||": r"\|", "rangle": r"\rangle"}.get(value, value)
        found = "the end" if token.kind == "end" else f"{token} at column {token.column}"
        raise ParseError(f"{opened} at column {opened.column} is not closed by {shown}; found {found}")

    def script(self) -> list[Token]:
        """The tokens of one ``^``/``_`` argument: a braced group or one token."""
        marker = self.take()
        if self.is_char("{"):
            start, depth = self.pos, 0
            while True:
                token = self.take()
                if token.kind == "end":
                    raise ParseError(f"unmatched '{{' after {marker} at column {marker.column}")
                depth += token.kind == "char" and token.value == "{"
                depth -= token.kind == "char" and token.value == "}"
                if depth == 0:
                    return self.tokens[start + 1:self.pos - 1]
        token = self.take()
        if token.kind == "end":
            raise ParseError(f"{marker} at column {marker.column} has nothing after it")
        if token.kind == "cmd" and token.value in FONTS and self.peek().kind in ("word", "name"):
            return [token, self.take()]
        if token.kind == "num" and len(token.value) > 1:
            raise ParseError(f"put the script at column {marker.column} in braces, e.g. {marker}{{{token.value}}}: "
                             f"TeX takes one character after {marker}")
        return [token]

    def subparse(self, tokens: list[Token], what: str):
        """Parse a token slice (a script's content) with the same state (index, names)."""
        if not tokens:
            raise ParseError(f"{what} is empty")
        saved = self.tokens, self.pos
        self.tokens, self.pos = list(tokens) + [_END], 0
        try:
            value = self.expr()
            self.finish()
            return value
        finally:
            self.tokens, self.pos = saved

    def finish(self) -> None:
        token = self.peek()
        if token.kind != "end":
            raise ParseError(f"unexpected {token} at column {token.column}")

    # ---- grammar -----------------------------------------------------------------------------------
    def parse(self):
        value = self.expr()
        self.finish()
        return value

    def expr(self):
        sign = self.take() if self.is_char("-") or self.is_char("+") else None
        value = self.term()
        if sign is not None and sign.value == "-":
            value = self.negate(value, sign.column)
        while self.is_char("+") or self.is_char("-"):
            op = self.take()
            right = self.term()
            if isinstance(value, Pending) or isinstance(right, Pending):
                value, right = self.builder.meet(value, right, "sum", op.column)
            value = self.builder.add(value, right, op.column, op.value)
        return value

    def negate(self, value, column: int):
        if isinstance(value, Pending):
            return self.builder.scale_pending(t.Const(-1), value, column)
        if isinstance(value, t.Scale) and isinstance(value.scalar, t.Const):  # −(cA) = (−c)A, as -c*A reads
            return self.builder.binary("*", self.builder.negate(value.scalar, column), value.arg, column)
        return self.builder.negate(value, column)

    def term(self):
        value = self.chain()
        while self.is_char("*") or (self.peek().kind == "cmd" and self.peek().value in OPERATORS):
            op = self.take()
            sign = self.take() if self.is_char("-") else None
            right = self.chain()
            if sign is not None:
                right = self.negate(right, sign.column)
            kind = "*" if op.kind == "char" else OPERATORS[op.value]
            if kind == "cdot":
                value = self.product(value, right, op.column, self.builder.dot)
            elif kind in ("*", "times"):
                value = self.product(value, right, op.column,
                                     lambda a, b, c: self.builder.times(a, b, c, str(op)))
            else:
                value = self.builder.hadamard(value, right, op.column, divide=kind == "oslash")
        return value

    def chain(self):
        value = self.factor()
        while self.starts_factor():
            if self.is_char("/"):
                slash = self.take()
                divisor = self.factor()
                if isinstance(divisor, Pending) or isinstance(value, Pending):
                    raise ParseError(f"cannot divide with \\mathbf{{1}} or I at column {slash.column}; give its size")
                value = self.builder.binary("/", value, divisor, slash.column)
                continue
            column = self.peek().column
            before = self.tokens[self.pos - 1]
            if self.peek().kind == "num" and before.kind in ("word", "name", "num") and \
                    before.column + len(before.value) == column:
                raise ParseError(f"ambiguous product at column {column}: TeX shows a number right after a letter "
                                 "as one word (write W_1, 2x or x \\cdot 2)")
            value = self.product(value, self.factor(), column, self.builder.juxtapose)
        return value

    def product(self, left, right, column: int, multiply):
        """A product where one side may be a Pending (a scalar only scales it)."""
        if isinstance(left, Pending) and isinstance(right, t.Node) and right.is_scalar:
            return self.builder.scale_pending(right, left, column)
        if isinstance(right, Pending) and isinstance(left, t.Node) and left.is_scalar:
            return self.builder.scale_pending(left, right, column)
        return multiply(left, right, column)

    def starts_factor(self) -> bool:
        token = self.peek()
        if token.kind in ("num", "word", "name", "func", "named"):
            return True
        if token.kind == "norm":
            return not self.closers or self.closers[-1] != "norm"
        if token.kind == "cmd":
            return token.value not in _NOT_STARTING
        if token.kind == "char":
            if token.value == "|":
                return not self.closers or self.closers[-1] != "bar"
            return token.value in "([{/"
        return False

    def factor(self):
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise UnsafeInputError(f"the expression is nested more than {MAX_NESTING} levels deep")
        try:
            return self.postfix(self.atom())
        finally:
            self.depth -= 1

    # ---- atoms -----------------------------------------------------------------------------------------
    def atom(self):
        token = self.take()
        kind, value = token.kind, token.value
        if kind == "num":
            return self.builder.number(value, token.column)
        if kind == "name":
            return self.named_value(value, token.column)
        if kind == "word":
            if value == "e" and "e" not in self.known and self.is_char("^"):
                exponent = self.subparse(self.script(), "the exponent of e")
                if not exponent.is_scalar and exponent.is_square:
                    raise ParseError(f"e^A of a square matrix at column {token.column} is ambiguous (the matrix "
                                     "exponential or entry by entry?)")
                return self.builder.call("exp", [exponent], token.column)
            if value == "I" and "I" not in self.known:
                return self.identity(token)
            return self.named_value(value, token.column)
        if kind == "func":
            return self.function(self._func_key(value), token)
        if kind == "named":
            return self.operator_name(token)
        if kind == "norm":
            return self.norm(token)
        if kind == "cmd":
            return self.command(token)
        if kind == "char" and value in "([{":
            self.closers.append(value)
            inner = self.expr()
            self.closers.pop()
            self.expect({"(": ")", "[": "]", "{": "}"}[value], token)
            return inner
        if kind == "char" and value == "|":
            self.closers.append("bar")
            inner = self.expr()
            self.closers.pop()
            self.expect("|", token)
            return self.absolute(inner, token)
        if kind == "end":
            raise ParseError("the expression ends where a term was expected")
        raise ParseError(f"unexpected {token} at column {token.column}")

    def command(self, token: Token):
        value = token.value
        if value in GREEK:
            return self.named_value(GREEK[value], token.column)
        if value == "sigma":
            if self._sigma_is_a_name():
                return self.named_value("sigma", token.column)
            return self.function(self.sigma, token)
        if value in FUNCTION_WORDS or value in STRUCTURAL_COMMANDS:
            return self.function(STRUCTURAL_COMMANDS.get(value, value), token)
        if value in ("frac", "dfrac", "tfrac", "cfrac"):
            numerator = self.argument(token, first_digit=True)
            denominator = self.argument(token, first_digit=True)
            if isinstance(numerator, Pending) or isinstance(denominator, Pending):
                raise ParseError(f"\\frac of \\mathbf{{1}} or I at column {token.column}")
            return self.builder.binary("/", numerator, denominator, token.column)
        if value == "sqrt":
            if self.is_char("["):
                raise ParseError(f"\\sqrt[k] at column {token.column} is not supported; write a power")
            return self.builder.call("sqrt", [self.argument(token)], token.column)
        if value == "sum":
            return self.indexed_sum(token)
        if value == "langle":
            return self.inner_product(token)
        if value in ACCENTS:
            base = self.plain_name(token)
            return self.named_value(base + ACCENTS[value], token.column, accented=f"\\{value}{{{base}}}")
        if value in FONTS:
            return self.font(token)
        if value in ("partial", "nabla", "mathcal", "mathscr", "ell"):
            raise ParseError(f"{token} at column {token.column} belongs in a left-hand side (\\frac{{\\partial L}}"
                             "{\\partial w} = …); write the gradient as an expression")
        raise ParseError(f"{token} at column {token.column} cannot start a term")

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

    def argument(self, owner: Token, first_digit: bool = False):
        """One TeX argument: a braced group or a single token (``\\frac12`` is 1/2)."""
        if self.is_char("{"):
            opened = self.take()
            self.closers.append("{")
            inner = self.expr()
            self.closers.pop()
            self.expect("}", opened)
            return inner
        token = self.peek()
        if token.kind == "num" and len(token.value) > 1 and first_digit and token.value.isdigit():
            self.tokens[self.pos:self.pos + 1] = [Token("num", token.value[0], token.column),
                                                  Token("num", token.value[1:], token.column + 1)]
        if token.kind == "end":
            raise ParseError(f"{owner} at column {owner.column} is missing an argument")
        return self.factor()

    def plain_name(self, owner: Token) -> str:
        """The letter under an accent or a font: ``\\hat y``, ``\\hat{\\mathbf{y}}``, ``\\hat\\theta``."""
        token = self.take()
        while token.kind == "cmd" and token.value in FONTS:
            token = self.take()
        opened = token.kind == "char" and token.value == "{"
        if opened:
            token = self.take()
            while token.kind == "cmd" and token.value in FONTS:
                token = self.take()
        if token.kind in ("word", "name"):
            name = token.value
        elif token.kind == "cmd" and token.value in GREEK:
            name = GREEK[token.value]
        else:
            raise ParseError(f"{owner} at column {owner.column} needs a letter, e.g. {owner}{{y}}")
        if opened:
            self.expect("}", owner)
        return name

    def font(self, token: Token):
        """``\\mathbf{X}`` is X, ``\\mathbf{Xw}`` is Xw, ``\\mathbf{1}`` the ones vector, ``\\mathbf{I}`` the identity."""
        nxt = self.peek()
        if nxt.kind == "num" and nxt.value in ("1", "0"):
            self.take()
            if nxt.value == "0":
                raise ParseError(f"\\{token.value}{{0}} at column {token.column}: write 0")
            return self.ones(token)
        if nxt.kind == "word" and nxt.value == "I" and "I" not in self.known:
            self.take()
            return self.identity(token)
        if nxt.kind == "word" and nxt.value in ("R", "N", "E") and token.value in ("mathbb", "mathds", "mathbbm"):
            raise ParseError(f"\\{token.value}{{{nxt.value}}} at column {token.column} has no value here")
        if nxt.kind in ("word", "name") or (nxt.kind == "cmd" and nxt.value in GREEK):
            return self.named_value(self.plain_name(token), token.column)
        if nxt.kind == "func":
            self.take()
            return self.function(self._func_key(nxt.value), nxt)
        if nxt.kind == "char" and nxt.value == "{":
            return self.argument(token)
        raise ParseError(f"\\{token.value} at column {token.column} needs a letter or a braced expression")

    def ones(self, token: Token):
        if self.is_char("_"):
            (size,) = self.script() or [None]
            dims = self.builder.dims
            if size is None or size.value not in dims and not size.value.isdigit():
                raise ParseError(f"\\mathbf{{1}}_… at column {token.column} needs a dimension, e.g. \\mathbf{{1}}_n")
            n = dims.get(size.value, sympy.Integer(size.value) if size.value.isdigit() else None)
            return t.Const(1) if n == 1 else t.Ones((n, sympy.Integer(1)))
        return Pending("ones", token.column)

    def identity(self, token: Token):
        if self.is_char("_"):
            (size,) = self.script() or [None]
            if size is None or size.value not in self.builder.dims:
                raise ParseError(f"I_… at column {token.column} needs a dimension, e.g. I_d")
            return t.Identity(self.builder.dims[size.value])
        return Pending("identity", token.column)

    # ---- names and their scripts ---------------------------------------------------------------------
    def named_value(self, base: str, column: int, accented: str = ""):
        """A name with its decorations: ``W^{(1)}``, ``W_1``, ``W^{[1]}`` → W1; ``x_i`` inside a sum."""
        marker = self.peek()
        decoration, transposed = self.decorations(base)
        if self.index is not None and base == self.index.letter and decoration is None:
            raise ParseError(f"the index {base} itself at column {column} is not supported in the sum's terms; "
                             "write the sum in matrix form")
        if accented and decoration is None and base not in self.known:
            raise ParseError(f"{accented} at column {column} ({base}) is not declared: give it its shape in --shapes "
                             "or define it")
        value = self.resolve_name(base, decoration, column)
        return self.transpose(value, marker) if transposed else value

    def decorations(self, base: str) -> tuple[str | None, bool]:
        """``_k``, ``^{(k)}``, ``^{[k]}`` (also ``^{(k)T}``) and a ``^T`` written before ``_k`` (``x^T_i``)."""
        decoration, transposed = None, False
        while decoration is None:
            if self.is_char("_"):
                marker = self.peek()
                tokens = self.script()
                if len(tokens) != 1 or tokens[0].kind not in ("num", "word", "name"):
                    raise ParseError(f"cannot read the subscript of {base} at column {marker.column}; "
                                     "declare the name (W1 for W_1) in --shapes")
                decoration = tokens[0].value
            elif self.is_char("^") and self._layer_script():
                tokens = self.script()
                decoration, transposed = tokens[1].value, transposed or len(tokens) == 4
            elif self.is_char("^") and not transposed and self._is_transpose(self.peek(1)) and self.is_char("_", 2):
                self.script()
                transposed = True
            else:
                break
        return decoration, transposed

    def resolve_name(self, base: str, decoration: str | None, column: int):
        if decoration is None:
            return self.lookup(base, column)
        if self.index is not None and decoration == self.index.letter:
            return self.indexed(base, column)
        for candidate in (base + decoration, f"{base}_{decoration}"):
            if candidate in self.known:
                return self.lookup(candidate, column)
        declared = [n for n in (base, base.capitalize()) if n in self.known and not self._scalar(n)]
        raise ParseError(f"{base} with index {decoration} at column {column}: {base + decoration} is not declared"
                         + (f" ({declared[0]} is)" if declared else "")
                         + f"; declare it in --shapes ({base + decoration}:1 for a scalar) or define it, "
                         "or write the expression in matrix form")

    def _is_transpose(self, token: Token) -> bool:
        return (token.kind in ("word", "name") and token.value in ("T", "t") and "t" not in self.known
                or token.value == "T") or (token.kind == "cmd" and token.value in ("top", "intercal"))

    def _layer_script(self) -> bool:
        """Whether the ``^`` ahead is ``^{(k)}``, ``^{[k]}`` or ``^{(k)T}`` (a layer or example index, not a power)."""
        if not self.is_char("{", 1):
            return False
        opener, index, closer = self.peek(2), self.peek(3), self.peek(4)
        if not (opener.kind == "char" and opener.value in "([" and index.kind in ("num", "word", "name") and
                closer.kind == "char" and closer.value == {"(": ")", "[": "]"}[opener.value]):
            return False
        return self.is_char("}", 5) or (self._is_transpose(self.peek(5)) and self.is_char("}", 6))

    def _scalar(self, name: str) -> bool:
        tree = self.names.get(name)
        if tree is not None:
            return tree.is_scalar
        shape = self.builder.shapes.get(name)
        return shape is None or (shape.rows == 1 and shape.cols == 1)

    def name_only(self) -> str:
        """Read one decorated name and nothing else (see ``latex_name``)."""
        token = self.take()
        if token.kind in ("word", "name"):
            base = token.value
        elif token.kind == "cmd" and token.value in GREEK:
            base = GREEK[token.value]
        elif token.kind == "cmd" and token.value == "sigma":
            base = "sigma"
        elif token.kind == "cmd" and token.value in ACCENTS:
            base = self.plain_name(token) + ACCENTS[token.value]
        elif token.kind == "cmd" and token.value in FONTS:
            base = self.plain_name(token)
        else:
            raise ParseError(f"not a name: {token or 'nothing'} at column {token.column}")
        decoration, transposed = self.decorations(base)
        if transposed or self.peek().kind != "end":
            raise ParseError(f"a name is a letter or word with an index, e.g. \\delta^{{(2)}} or W_1, not {token}…")
        return check_identifier(base + (decoration or ""))

    def lookup(self, name: str, column: int) -> t.Node:
        if name in self.names:
            return self.names[name]
        capital = name.upper()
        if len(name) == 1 and name.islower() and name not in self.known and capital in self.known and \
                not self._scalar(capital):
            raise ParseError(f"{name} at column {column} is not declared ({capital} is): give {name} its shape in "
                             f"--shapes, or write the sum over the rows of {capital} in matrix form")
        return self.builder.name(name, column)

    def indexed(self, base: str, column: int) -> t.Node:
        """``x_i``: a placeholder for entry i of a vector or row i of a matrix (as a column), for latex_sums."""
        index = self.index
        source, entry = None, False
        found = []
        for candidate in dict.fromkeys((base, base.capitalize(), base.upper())):
            if candidate in self.known and not self._scalar(candidate):
                tree = self.lookup(candidate, column)
                if not tree.is_row:  # entry i of a vector, or row i of a matrix
                    found.append(tree)
        fitting = [tree for tree in found if index.count is None or tree.rows == index.count]
        if len(fitting) > 1:
            raise ParseError(f"{base}_{index.letter} at column {column} is ambiguous: "
                             + " and ".join(unicode(tree) for tree in fitting) + " both fit"
                             + ("; give the bound, e.g. \\sum_{i=1}^n" if index.count is None else ""))
        if fitting or found:
            source = (fitting or found)[0]
            entry = source.is_column
        if source is None:
            raise ParseError(f"cannot read the indexed sum: {base}_{index.letter} at column {column} is no entry or "
                             f"row of a declared vector or matrix; write it in matrix form")
        if index.count is None:
            index.count = source.rows
        elif source.rows != index.count:
            raise ParseError(f"{base}_{index.letter} at column {column}: the sum runs over {index.count} terms but "
                             f"{base if entry else base.capitalize()} has {source.rows} rows")
        placeholder = t.Var(f"{base}[{index.letter}]", (sympy.Integer(1), sympy.Integer(1)) if entry
                            else (source.cols, sympy.Integer(1)))
        index.placeholders[placeholder] = Indexed(source, entry)
        return placeholder

    # ---- postfix: transposes, inverses, powers -----------------------------------------------------
    def postfix(self, value):
        while True:
            if self.is_char("{") and self.is_char("}", 1) and self.peek(2).kind == "char" and \
                    self.peek(2).value in "^_'":
                self.pos += 2  # {}^T
            token = self.peek()
            if (token.kind == "char" and token.value == "'") or (token.kind == "cmd" and token.value == "prime"):
                self.take()
                value = self.transpose(value, token)
            elif token.kind == "char" and token.value == "^":
                value = self.superscript(value, token)
            elif token.kind == "char" and token.value == "_":
                value = self.subscript(value, token)
            else:
                return value

    def transpose(self, value, token: Token):
        if isinstance(value, Pending):
            return dataclasses.replace(value, row=not value.row)
        if value.is_scalar:
            if token.value in ("'", "prime"):
                raise ParseError(f"a prime after a scalar at column {token.column}: "
                                 "write f'(z) for a derivative, or ^T for a transpose")
            if isinstance(value, t.Var) and value.name not in self.known:
                raise ParseError(f"{value.name} at column {token.column} is transposed but not declared: give it "
                                 "its shape in --shapes (a name without one is a scalar)")
            return value
        return t.transposed(value)

    def superscript(self, value, marker: Token):
        tokens = self.script()
        words = [tok.value for tok in tokens if not (tok.kind == "cmd" and tok.value in FONTS)]
        kinds = {tok.kind for tok in tokens}
        if len(words) == 1 and words[0] in _TRANSPOSE_WORDS and kinds <= {"word", "cmd", "name"} and \
                (words[0] != "t" or "t" not in self.known):
            return self.transpose(value, marker)
        if words == ["prime"] and kinds == {"cmd"}:
            return self.transpose(value, tokens[0])
        if tokens and tokens[0].kind == "char" and tokens[0].value == "-" and len(words) == 2 and \
                words[1] in ("1", "T", "top", "intercal"):
            if isinstance(value, Pending):
                raise ParseError(f"the inverse of {value.show()} at column {marker.column}")
            inverse = self.builder.call("inv", [value], marker.column)
            return inverse if words[1] == "1" else self.transpose(inverse, marker)
        if isinstance(value, Pending):
            raise ParseError(f"a power of {value.show()} at column {marker.column}")
        entrywise = bool(tokens) and tokens[0].kind == "cmd" and tokens[0].value in ("circ", "odot")
        exponent = self.subparse(tokens[1:] if entrywise else tokens, f"the superscript at column {marker.column}")
        if not entrywise and not value.is_scalar and value.is_square:
            raise ParseError(f"a power of the square matrix at column {marker.column} is ambiguous: write M M for "
                             r"the matrix product or M^{\circ 2} entry by entry")
        return self.builder.binary("**", value, exponent, marker.column)

    def subscript(self, value, marker: Token):
        tokens = self.script()
        if self.index is not None and len(tokens) == 1 and tokens[0].value == self.index.letter and \
                isinstance(value, t.Node) and value.is_column:
            if self.index.count is None:
                self.index.count = value.rows
            if value.rows != self.index.count:
                raise ParseError(f"the subscript {self.index.letter} at column {marker.column}: the sum runs over "
                                 f"{self.index.count} terms, this vector has {value.rows} entries")
            placeholder = t.Var(f"entry{len(self.index.placeholders)}[{self.index.letter}]")
            self.index.placeholders[placeholder] = Indexed(value, True)
            return placeholder
        shown = "".join(str(tok) for tok in tokens)
        raise ParseError(f"cannot read the subscript _{shown} at column {marker.column} on an expression")

    # ---- functions, norms, sums --------------------------------------------------------------------------
    def function(self, key: str, token: Token):
        """``\\sigma(Xw)``, ``\\sigma'(z)``, ``\\tanh^2 z``, ``\\log\\det X``, ``\\operatorname{tr}(AXB)``, ``\\max(0, z)``."""
        structural = _STRUCTURAL.get(key)
        canonical = None if structural else self.elementwise.get(key)
        if structural is None and canonical is None:
            raise ParseError(f"{token} at column {token.column} is not a function of vectors and matrices here")
        if key in ("log", "ln") and self.is_cmd("det") or (key in ("log", "ln") and self.peek().kind in ("func", "named")
                                                     and self.peek().value.lower() == "det"):
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
        if (canonical in _MATRIX_FUNCTIONS or structural == "sqrt") and not args[0].is_scalar and args[0].is_square:
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
        if word.lower() in _STRUCTURAL:
            return word.lower()
        if word in self.elementwise:
            return word
        return self.operator_names.get(word.lower(), word)

    def operator_name(self, token: Token):
        """``\\operatorname{ReLU}``, ``\\text{tr}``, ``\\mathop{diag}``: a function, or a declared name."""
        word = token.value
        key = word.lower()
        if key in _STRUCTURAL:
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
        letter, count, start = None, None, self.pos
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
        self.index = _Index(letter, count, {})
        try:
            sign = self.take() if self.is_char("-") else None
            body = self.term()
            if sign is not None:
                body = self.negate(body, sign.column)
        finally:
            index, self.index = self.index, None
        if isinstance(body, Pending):
            raise ParseError(f"the sum at column {token.column} of \\mathbf{{1}} or I")
        written = "\\sum" + "".join(str(tok) for tok in self.tokens[start:self.pos][:40])
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


__all__ = ["check_size", "latex_name", "parse_latex"]
