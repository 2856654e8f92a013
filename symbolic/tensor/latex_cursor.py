"""The LaTeX reader's place in its tokens: peeking, one ``^``/``_`` script, a sub-parse of a script's content.

``Cursor`` is the base of the reader's layers (``latex_names``, ``latex_calls``, the grammar in ``latex``);
runs of letters become names, function words or single letters here, once the declared names are known.
"""
from __future__ import annotations

import dataclasses

import sympy

from ..errors import ParseError
from ..functions import latex_operator_names
from ..names import GREEK as GREEK_NAMES
from . import tree as t
from .latex_build import LatexBuilder
from .latex_tokens import FONTS, STRUCTURAL_COMMANDS, Token
from .parse import elementwise_functions

#: structural functions by every spelling (words, control words, operator names) → the text parser's name
STRUCTURAL_NAMES = {**STRUCTURAL_COMMANDS, "logdet": "logdet", "softmax": "softmax", "logsumexp": "logsumexp",
                    "sqrt": "sqrt", "max": "maximum"}
END = Token("end", "", 0)


@dataclasses.dataclass(frozen=True)
class Reading:
    """What a reader is told: extra names (``delta2``), the meaning of ``\\sigma``, defined functions
    (``phi`` → (``z``, its LaTeX body)) and how many definitions deep it already is."""

    names: dict = dataclasses.field(default_factory=dict)
    sigma: str = "sigmoid"
    functions: dict = dataclasses.field(default_factory=dict)
    expansions: int = 0


@dataclasses.dataclass
class Index:
    """The summation index of the ``\\sum`` being read, its count, and the placeholders made so far."""

    letter: str
    count: sympy.Expr | None
    placeholders: dict


class Cursor:
    """Tokens and a position; the grammar (``expr``) comes from the subclass in ``latex``."""

    def __init__(self, tokens: list[Token], builder: LatexBuilder, reading: Reading,
                 words: frozenset[str] = frozenset()):
        self.builder = builder
        self.reading = reading
        self.names: dict[str, t.Node] = reading.names
        self.sigma = reading.sigma
        self.functions: dict[str, tuple[str, str]] = reading.functions
        self.known = set(builder.shapes) | set(self.names) | set(builder.dims)
        self.words = words | frozenset(self.functions)
        self.elementwise = elementwise_functions()
        self.operator_names = {word: info.name for word, info in latex_operator_names().items()
                               if info.name in self.elementwise.values()}
        self.tokens = self._words(tokens) + [END]
        self.pos = 0
        self.depth = 0
        self.closers: list[str] = []
        self.index: Index | None = None
        self.ended: set[str] = set()  # indices of sums already read (an x_i after one is outside it)

    def _words(self, tokens: list[Token]) -> list[Token]:
        """Runs of letters → a declared name (``W1``, ``yhat``), a function word, a Greek name, or letters."""
        out: list[Token] = []
        for k, token in enumerate(tokens):
            last = out[-1] if out else None
            if token.kind == "num" and last is not None and last.kind in ("word", "name") and \
                    last.column + len(last.value) == token.column and last.value + token.value in self.known:
                out[-1] = Token("name", out[-1].value + token.value, out[-1].column)
                continue
            if token.kind != "word":
                out.append(token)
                continue
            word = token.value
            if word in self.known or word in GREEK_NAMES or word in self.words:
                out.append(Token("name", word, token.column))
            elif len(word) > 1 and (word in self.elementwise or word.lower() in STRUCTURAL_NAMES
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
        self.tokens, self.pos = list(tokens) + [END], 0
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
