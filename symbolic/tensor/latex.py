r"""Typed vector and matrix expressions from LaTeX: ``\frac{1}{n} X^\top (\sigma(Xw) - y)``.

The pipeline: ``latex_tokens`` (pasted Unicode, ``$…$``, the command allowlist) → this recursive-descent
parser (names in ``latex_names``, functions, norms and sums in ``latex_calls``) → the text parser's own
operations (``latex_build.LatexBuilder``), so shapes, broadcasting and limits have one home; indexed sums
become matrix forms in ``latex_sums``.  Readings (anything two-ways ambiguous is refused, never guessed):

* juxtaposition multiplies: a scalar scales, two tensors are a matrix product (``X^T(Xw - y)``); it binds
  tighter than ``\cdot``, ``\odot`` and ``/`` (``a \odot W x`` is a ⊙ (Wx); ``1/n X^T r`` is (1/n)Xᵀr);
* ``\cdot`` is a scalar or matrix product, or uᵀv of two vectors; ``*``/``\times`` only with a scalar;
* ``^T ^\top ^\intercal ^{\mathsf T} ^t ^\prime`` and ``'`` after a tensor transpose; ``^{-1}``, ``^{-T}``;
  ``^{(k)}``, ``^{[k]}``, ``_k`` name the declared ``Wk``; another superscript is a power (entrywise; a square
  matrix needs ``M M`` or ``M^{\circ 2}``, and ``\exp``/``\log`` of one are refused); ``\sigma'(z)`` is σ′;
* ``\|v\|``, ``\|v\|_2``, ``\|A\|_F`` (Frobenius, also without subscript), ``\|v\|_1``; ``|s|`` of a scalar, ``|A|``
  of a square matrix is det A; ``\langle u, v\rangle``; ``\mathbf{1}`` and ``I`` take their size from what they meet;
* ``\sum_{i=1}^n`` over x_i (row i of X as a column), y_i (entry i of y) in matrix form, or an error;
* a plain undeclared name is a scalar, as in the text parser; a decorated one (``\hat y``, ``\delta^{(2)}``,
  ``W_3``), a lower-case letter beside a declared matrix (x beside X) and ``φ(…)`` of an undeclared φ are
  errors; ``names`` and ``functions`` (``latex_definition``) supply the answer's own definitions.
"""
from __future__ import annotations

import dataclasses

from ..errors import ParseError, UnsafeInputError
from ..parse.limits import LIMITS, Limits
from . import tree as t
from .latex_build import LatexBuilder, Pending
from .latex_calls import CallReader
from .latex_cursor import Reading
from .latex_sums import Indexed
from .latex_tokens import (ACCENTS, FONTS, FUNCTION_WORDS, GREEK, OPERATORS, STRUCTURAL_COMMANDS, Token,
                           check_nesting, prepare, tokenize, unwrap_single_groups)
from .parse import MAX_NESTING
from .shapes import Shape

_NOT_STARTING = frozenset({"top", "intercal", "prime", "rangle", "partial", *OPERATORS})
_TRANSPOSE_WORDS = frozenset({"T", "top", "intercal", "t"})
MAX_EXPANSIONS = 3  # a defined function's body may apply defined functions this deep (φ(z) = g(z), …)


def parse_latex(text: str, shapes: dict[str, Shape], names: dict[str, t.Node] | None = None, *,
                sigma: str = "sigmoid", functions: dict[str, tuple[str, str]] | None = None,
                shape: tuple | None = None, limits: Limits = LIMITS) -> t.Node:
    r"""The typed tree of one LaTeX expression; ``names`` maps extra identifiers (``delta2``, ``dJ_do`` for
    ``\frac{\partial J}{\partial o}``) to trees.

    A left-hand side such as ``\frac{\partial L}{\partial w} =`` is dropped; ``\sigma`` is ``sigma``'s
    function (the sigmoid unless told otherwise); ``functions`` are defined ones, name → (parameter, LaTeX
    body) as ``latex_definition`` reads ``\phi(z) = \frac{1}{1 + e^{-z}}``; ``shape`` (rows, cols) sizes an
    answer that is only ``I`` or ``\mathbf{1}`` (the gradient's shape).

    >>> from symbolic.tensor.shapes import parse_shapes
    >>> from symbolic.tensor.printing import unicode
    >>> unicode(parse_latex(r"$\frac{1}{n} X^\top (\sigma(Xw) - y)$", parse_shapes("X:n,d w:d y:n")))
    '(1/n)Xᵀ(σ(Xw) − y)'
    """
    reading = Reading(dict(names or {}), sigma, dict(functions or {}))
    return _read(text, shapes, reading, shape, limits)


def _read(text: str, shapes: dict[str, Shape], reading: Reading, shape, limits: Limits) -> t.Node:
    if not isinstance(text, str):
        raise TypeError("a LaTeX expression must be a string")
    if len(text) > limits.max_length:
        raise UnsafeInputError(f"expression too long: at most {limits.max_length} characters")
    cleaned = prepare(text)
    tokens = tokenize(cleaned)
    if not tokens:
        raise ParseError("the expression is empty")
    check_nesting(tokens, MAX_NESTING)
    parser = _Parser(_strip_left_side(unwrap_single_groups(tokens)), LatexBuilder(shapes, cleaned, limits), reading)
    try:
        result = parser.parse()
    except RecursionError:
        raise UnsafeInputError("the expression is nested too deeply") from None
    if isinstance(result, Pending):
        result = parser.builder.resolve(result, shape)
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
    parser = _Parser(unwrap_single_groups(tokens), LatexBuilder({}, text), Reading(), frozenset({first}))
    return parser.name_only()


@dataclasses.dataclass(frozen=True)
class Definition:
    """One ``--where`` definition: ``name`` (an identifier), its ``parameter`` if it defines a function, the
    right-hand side's LaTeX."""

    name: str
    parameter: str | None
    body: str


def latex_definition(text: str) -> Definition:
    r"""``\delta^{(2)} = \hat y - y`` → Definition("delta2", None, r"\hat y - y"); ``\phi(z) = rac{1}{1+e^{-z}}``
    → Definition("phi", "z", …); ``rac{\partial J}{\partial o} = o - y`` → Definition("dJ_do", None, "o - y")."""
    if not isinstance(text, str):
        raise TypeError("a definition must be a string")
    if len(text) > LIMITS.max_length:
        raise UnsafeInputError(f"definition too long: at most {LIMITS.max_length} characters")
    cleaned = prepare(text)
    tokens = unwrap_single_groups(tokenize(cleaned))
    depth, equals = 0, None
    for k, token in enumerate(tokens):
        if token.kind == "char":
            depth += token.value in "([{"
            depth -= token.value in ")]}"
            if token.value == "=" and depth == 0:
                equals = k
                break
    if equals is None or equals == 0 or equals == len(tokens) - 1:
        raise ParseError("a definition is NAME = EXPRESSION, e.g. \\delta^{(2)} = \\hat y - y")
    left = tokens[:equals]
    first = left[0].value if left[0].kind == "word" else ""
    parser = _Parser(left, LatexBuilder({}, text), Reading(), frozenset({first}))
    name = parser.read_name()
    parameter = None
    if parser.is_char("("):
        parser.take()
        parameter = parser.read_name()
        parser.expect(")", left[0])
    parser.finish()
    return Definition(name, parameter, cleaned[tokens[equals].column:].strip())


def _strip_left_side(tokens: list[Token]) -> list[Token]:
    """``\\frac{\\partial L}{\\partial w} = E``, ``\\nabla_w L = E``, ``g = E`` → E; two ``=`` are refused."""
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


class _Parser(CallReader):
    """Recursive descent over the tokens: expr → term (explicit products) → chain (juxtaposition) → factor."""

    def expand(self, name: str, column: int) -> t.Node:
        """A defined function applied: its body read again with the parameter bound to the argument."""
        parameter, body = self.functions[name]
        opened = self.take()
        self.closers.append("(")
        argument = self.expr()
        self.closers.pop()
        self.expect(")", opened)
        if isinstance(argument, Pending):
            raise ParseError(f"{name}(…) at column {column}: give \\mathbf{{1}} or I a size")
        if self.reading.expansions >= MAX_EXPANSIONS:
            raise UnsafeInputError(f"{name}(…) at column {column}: defined functions nest at most {MAX_EXPANSIONS} "
                                   "deep")
        inner = Reading({**self.names, parameter: argument}, self.sigma, self.functions,
                        self.reading.expansions + 1)
        return _read(body, self.builder.shapes, inner, None, self.builder.limits)

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
            sign = self.take() if self.is_char("-") or self.is_char("+") else None  # a + -b, as printers write it
            right = self.term()
            if sign is not None and sign.value == "-":
                right = self.negate(right, sign.column)
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
            if self.is_char("{") and (self.peek(1).kind == "cmd" and self.peek(1).value == "partial" or
                                      self.peek(1).kind == "word" and self.peek(1).value == "d" and
                                      not self.is_char("}", 2)):
                return self.defined_derivative(token)
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
        if value == "nabla" and self.is_char("_"):
            return self.gradient_of(token)
        if value in ("partial", "nabla", "ell"):
            raise ParseError(f"{token} at column {token.column}: write the derivative's value (a left-hand side "
                             "\\frac{\\partial L}{\\partial w} = … is dropped; operators such as \\frac{\\partial}"
                             "{\\partial w}(…) are not read)")
        raise ParseError(f"{token} at column {token.column} cannot start a term")

    def gradient_of(self, token: Token) -> t.Node:
        """``\nabla_W (tr(W Wᵀ))`` inside an expression: the gradient of the scalar that follows by the named
        tensor, taken by the same engine that derives the loss (a step such as XᵀX ∇_W tr(WWᵀ))."""
        from .engine import gradients
        variable = self.subparse(self.script(), "the variable of \\nabla")
        if not isinstance(variable, t.Var) or variable.is_scalar and variable.name not in self.builder.shapes:
            raise ParseError(f"\\nabla_… at column {token.column} needs a declared vector or matrix")
        operand = self.factor()
        if isinstance(operand, Pending) or not operand.is_scalar:
            raise ParseError(f"\\nabla at column {token.column}: the gradient of a scalar, e.g. \\nabla_W "
                             "\\operatorname{tr}(W^T W)")
        if variable.name not in t.variables(operand):
            return t.Zeros(variable.shape)
        return gradients(operand, [variable.name])[variable.name]

    def defined_derivative(self, token: Token) -> t.Node:
        """``\\frac{\\partial J}{\\partial o}`` in a term: the value a definition gave it (``names['dJ_do']``)."""
        name = self.derivative_name(token)
        if name not in self.names:
            raise ParseError(f"the derivative {name} at column {token.column} is not defined: define it "
                             "(--where '\\frac{\\partial J}{\\partial o} = …') or write its value")
        return self.names[name]

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
            if isinstance(value, t.Var) and value.name not in self.known and not (
                    self.index is not None and value in self.index.placeholders):
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


__all__ = ["Definition", "check_size", "latex_definition", "latex_name", "parse_latex"]
