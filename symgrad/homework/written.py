"""Formulas as someone wrote them: a student's answer and the ``$…$`` math of a statement, printed token
by token from the answer parser's own lexer (its allowlist), never from the raw string.

``\\frac{1}{2} \\cdot 2 \\dots \\sigma'(z)`` stays ½·2·…·σ'(z): nothing is simplified or rewritten, yet every
piece of the output comes from the table below, so no spec can smuggle TeX into the document.
"""
from __future__ import annotations

import re

import sympy
from lark import Token

from symbolic.errors import ParseError, SymgradError
from symbolic.functions import FUNCTIONS
from symbolic.latex_parse.arrange import arrange
from symbolic.latex_parse.lexer import tokenize
from symbolic.latex_parse.loss import parse_loss
from symbolic.latex_parse.paste import clean_pasted
from symbolic.render.latex import latex

#: token type → its LaTeX, for the tokens that print the same whatever their value
_FIXED = {"PLUS": "+", "MINUS": "-", "MUL": r"\cdot", "SLASH": "/", "EQUALS": "=", "COMMA": ",", "CARET": "^",
          "UNDERSCORE": "_", "PRIME": "'", "FRAC": r"\frac", "SQRT": r"\sqrt", "SUM": r"\sum", "EULER": "e",
          "LBRACE": "{", "RBRACE": "}", "INDICATOR": r"\mathbb{1}"}
_RELATIONS = {">": ">", "<": "<", ">=": r"\geq", "<=": r"\leq", "!=": r"\neq"}
_HATS = {"hat": r"\hat", "bar": r"\bar", "tilde": r"\tilde"}
#: opening delimiter → (its closer, the LaTeX of both)
_PAIRS = {"LPAR": ("RPAR", "(", ")"), "LBRACK": ("RBRACK", "[", "]"), "LCURLY": ("RCURLY", r"\{", r"\}"),
          "BAR_OPEN": ("BAR_CLOSE", "|", "|")}
_CLOSERS = {closer: (opener, right) for opener, (closer, _, right) in _PAIRS.items()}
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_APPLIED = frozenset({"FUNC", "PRIME"})  # a bracket right after these is an argument list: σ(z), σ'(z)
_TALL = frozenset({"FRAC", "SUM", "SQRT"})  # brackets around these grow (\left( … \right)); others stay plain


def _pairs(tokens: list[Token]) -> dict[int, int]:
    """Opening bracket index → its closing index, matched within each brace group, for the brackets
    around something tall (a plain ``(`` spaces L(ω, b) and σ(z) the way TeX spaces them everywhere)."""
    pairs, stack = {}, [[]]
    for k, token in enumerate(tokens):
        if token.type == "LBRACE":
            stack.append([])
        elif token.type == "RBRACE" and len(stack) > 1:
            stack.pop()
        elif token.type in _PAIRS and not (token.type == "LBRACK" and k and tokens[k - 1].type == "SQRT"):
            stack[-1].append(k)  # \sqrt[3]{x}: the degree's brackets are TeX syntax, not a delimiter
        elif token.type in _CLOSERS and stack[-1] and tokens[stack[-1][-1]].type == _CLOSERS[token.type][0]:
            pairs[stack[-1].pop()] = k
    return {i: j for i, j in pairs.items() if any(t.type in _TALL for t in tokens[i + 1:j])}


def _letter(value: str) -> str:
    if not _NAME.fullmatch(value):
        raise ParseError(f"cannot print the name {value!r}")
    return latex(sympy.Symbol(value))


def _piece(token: Token) -> str:
    kind, value = token.type, str(token)
    if kind in _FIXED:
        return _FIXED[kind]
    if kind == "NUMBER" and _NUMBER.fullmatch(value):
        return value
    if kind == "LETTER":
        return _letter(value)
    if kind == "GREEK" and value.isalpha():
        return "\\" + value
    if kind == "FUNC" and value in FUNCTIONS:
        return FUNCTIONS[value].latex
    if kind == "REL" and value in _RELATIONS:
        return _RELATIONS[value]
    if kind == "HAT" and value in _HATS:
        return _HATS[value]
    if kind == "LAYER" and (value.isdigit() or _NAME.fullmatch(value)):
        return f"^{{({value})}}"
    if kind in _PAIRS:
        return _PAIRS[kind][1]
    if kind in _CLOSERS:
        return _CLOSERS[kind][1]
    raise ParseError(f"cannot print {kind} {value!r} as written")


def tokens_latex(tokens: list[Token]) -> str:
    """LaTeX of arranged answer tokens, in the order written; matched brackets grow with their content."""
    pairs = _pairs(tokens)
    closing = set(pairs.values())
    out = []
    for k, token in enumerate(tokens):
        if token.type == "INDICATOR" and token.start_pos == token.end_pos:
            continue  # the arranger's mark before a bare [z > 0]: nothing was written there
        piece = _piece(token)
        if k in pairs:
            applied = k and (tokens[k - 1].type in _APPLIED or (k > 2 and tokens[k - 2].type == "CARET"
                                                               and tokens[k - 3].type in _APPLIED))
            piece = (r"\!" if applied else "") + r"\left" + piece
        elif k in closing:
            piece = r"\right" + piece
        out.append(piece)
    return " ".join(out)


def written_latex(text: str, names=frozenset()) -> str:
    """An answer (LaTeX or typed text) as its writer wrote it, e.g. ``\\frac{1}{2} \\cdot 2 … \\sigma'(z)``.

    ``names`` are the loss's variables (``omega`` is one name, not o·m·e·g·a).  ParseError or
    UnsafeInputError when the lexer refuses it, or a token has no printed form here.
    """
    return tokens_latex(arrange(tokenize(clean_pasted(text), frozenset(names))))


_MATH = re.compile(r"(?<!\\)\$([^$]*)(?<!\\)\$")


def statement_parts(statement: str) -> list[tuple[str, str]]:
    """The statement as ("prose", text) and ("math", latex) parts: each ``$…$`` that the loss parser reads
    becomes math printed from its tokens; anything else, dollars included, stays prose to be escaped."""
    parts, position = [], 0
    for match in _MATH.finditer(statement):
        formula = match[1]
        try:
            if not formula.strip():
                raise ParseError("empty formula")
            parse_loss(formula)  # the safe parser must read it, or it is not math
            printed = written_latex(formula)
        except (SymgradError, RecursionError):
            continue
        parts.append(("prose", statement[position:match.start()]))
        parts.append(("math", printed))
        position = match.end()
    parts.append(("prose", statement[position:]))
    return [(kind, text) for kind, text in parts if text]
