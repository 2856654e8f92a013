"""LaTeX of typed tensor expressions → a flat list of tokens, through an allowlist of commands.

Pasted text is cleaned first (``‖``, ``⟨⟩``, ``⊙``, runs of superscripts such as ``⁽¹⁾`` and ``⁻ᵀ``,
then the scalar reader's ``clean_pasted``: ``$…$``, ``σ``, ``−``, trailing punctuation).  Every control word
is looked up in ``COMMANDS``; any other (``\\input``, ``\\def``) is one ParseError naming it and its column.
Columns are 1-based offsets into the cleaned text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParseError, UnsafeInputError
from ..functions import latex_commands
from ..latex_parse import notation
from ..latex_parse.paste import clean_pasted

#: Unicode that means something for tensors (``clean_pasted`` would read ‖ as | and ⟨⟩ as parentheses)
_TENSOR_UNICODE = {"\u2016": r"\| ", "\u2225": r"\| ", "\u27e8": r"\langle ", "\u27e9": r"\rangle ",
                   "\u2299": r"\odot ", "\u2218": r"\circ ", "\u2298": r"\oslash ", "\u0176": r"\hat{Y}",
                   "\U0001d7cf": r"\mathbf{1}", "\u22c5": r"\cdot "}
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾ᵀᵗ", "0123456789-+()TT"))
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₙ₍₎", "0123456789ijkn()"))

#: control words → token kind; the parser gives each kind its meaning
GREEK = {**notation.GREEK_COMMANDS}
FUNCTION_WORDS = {word: info.name for word, info in latex_commands().items()}
STRUCTURAL_COMMANDS = {"det": "det", "tr": "trace", "Tr": "trace", "trace": "trace", "diag": "diag"}
FONTS = frozenset({"mathbf", "boldsymbol", "bm", "vec", "textbf", "mathbfit", "pmb", "mathit", "overrightarrow",
                   "vv", "mathbb", "mathbbm", "mathds", "mathsf", "mathrm", "mathnormal", "bold", "mathcal", "mathscr"})
#: commands whose braced argument is read as a word (an operator name, a name, T)
NAMED = frozenset({"operatorname", "operatorname*", "text", "textrm", "mbox", "mathop", "textnormal", "textit"})
ACCENTS = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde", "widetilde": "tilde"}
OPERATORS = {"cdot": "cdot", "times": "times", "ast": "*", "odot": "odot", "circ": "odot", "oslash": "oslash"}
SIMPLE = frozenset({"frac", "dfrac", "tfrac", "cfrac", "sqrt", "sum", "top", "intercal", "prime", "langle",
                    "rangle", "sigma", "partial", "nabla", "ell"})
FONT_SWITCHES = frozenset({"rm", "bf", "it", "sf", "boldmath"})
COMMANDS = frozenset(GREEK) | frozenset(FUNCTION_WORDS) | frozenset(STRUCTURAL_COMMANDS) | FONTS | NAMED | \
    frozenset(ACCENTS) | frozenset(OPERATORS) | SIMPLE | FONT_SWITCHES


@dataclass(frozen=True)
class Token:
    """One piece: ``kind`` is num, word, cmd, char or norm; ``column`` 1-based in the cleaned text."""

    kind: str
    value: str
    column: int

    def __str__(self) -> str:
        return {"cmd": "\\" + self.value, "norm": r"\|"}.get(self.kind, self.value)


_PIECE = re.compile(r"""
    (?P<space>\s+|~)
  | \\(?P<cmd>operatorname\*|[A-Za-z]+|.)
  | (?P<num>(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d{1,2}(?![\d.]))?)  # 2e-8 pasted from code
  | (?P<word>[A-Za-z]+)
  | (?P<char>.)
""", re.VERBOSE | re.DOTALL)
_BRACED_WORD = re.compile(r"\s*\{\s*([A-Za-z]{1,40})\s*\}")
_FORBIDDEN = {"%": "the comment character '%'", "#": "the macro parameter '#'", "$": "a '$' inside the formula",
              "&": "'&' (an alignment)", "\\\\": "'\\\\' (a line break)"}


#: a bold font around one command (\boldsymbol{\sigma}, \bm\mu): the font says "a vector", the command says what
_BOLD_COMMAND = re.compile(r"\\(?:boldsymbol|bm|mathbf|mathbfit|pmb|vec)\s*(?:\{\s*(\\[A-Za-z]+)\s*\}|(\\[A-Za-z]+))")


_NABLA = re.compile(r"\(\s*\\(?:bigtriangledown|nabla)\s*\)|\\bigtriangledown(?![A-Za-z])")
_DELTA_OPEN = re.compile(r"\\frac\s*\{\s*\\delta(?![A-Za-z])")


def derivative_spellings(text: str) -> str:
    """The derivative written as ∂ and ∇: \bigtriangledown is ∇, (∇)_A is ∇_A, δf/δW (a differential) is ∂f/∂W."""
    text = _NABLA.sub(r"\\nabla", text)
    text = re.sub(r"\\part(?![A-Za-z])", r"\\partial", text)  # MathJax's \part
    out, k = [], 0
    for m in _DELTA_OPEN.finditer(text):  # \frac{\delta …}{\delta W}, braces inside the numerator matched
        if m.start() < k:
            continue
        depth, end = 1, m.end()
        while end < len(text) and depth:
            depth += (text[end] == "{") - (text[end] == "}")
            end += 1
        rest = re.match(r"\s*\{\s*\\delta(?![A-Za-z])\s*", text[end:])
        if depth or not rest:
            continue
        out += [text[k:m.start()], r"\frac{\partial ", text[m.end():end], r"{\partial "]
        k = end + rest.end()
    return "".join(out) + text[k:]


def prepare(text: str) -> str:
    """Pasted text as plain LaTeX: tensor Unicode first, then the scalar reader's ``clean_pasted``."""
    text = _BOLD_COMMAND.sub(lambda m: (m[1] or m[2]) + " ", text)
    text = derivative_spellings(text)
    out: list[str] = []
    k = 0
    while k < len(text):
        char = text[k]
        for table, mark in ((_SUPERSCRIPTS, "^"), (_SUBSCRIPTS, "_")):
            if char in table:
                end = k
                while end < len(text) and text[end] in table:
                    end += 1
                run = "".join(table[c] for c in text[k:end])
                if mark == "^" and run.startswith("(") and ")" in run[:-1]:  # W⁽²⁾ᵀ: the layer, then ᵀ
                    cut = run.index(")") + 1
                    out.append(f"^{{{run[:cut]}}}")
                    run = run[cut:]
                out.append(f"{mark}{{{run}}}")
                k = end
                break
        else:
            if char == "\u22a4":  # ⊤: X^⊤ or Xᵀ-like X⊤
                out.append(r"\top " if out and out[-1].endswith("^") else "^{T}")
            else:
                out.append(_TENSOR_UNICODE.get(char, char))
            k += 1
    return clean_pasted("".join(out))


def tokenize(latex: str) -> list[Token]:
    """The tokens of cleaned LaTeX; refuses TeX's special characters and any command outside COMMANDS."""
    for bad, what in _FORBIDDEN.items():
        at = latex.find(bad)
        if at >= 0:
            kind = ParseError if bad in ("&", "\\\\") else UnsafeInputError
            raise kind(f"{what} is not allowed (column {at + 1}); write one expression")
    tokens: list[Token] = []
    position = 0
    while position < len(latex):
        match = _PIECE.match(latex, position)
        start, position = match.start(), match.end()
        column = start + 1
        if match["space"]:
            continue
        if match["num"]:
            tokens.append(Token("num", match["num"], column))
        elif match["word"]:
            tokens.append(Token("word", match["word"], column))
        elif match["char"]:
            char = match["char"]
            if char == "|" and tokens and tokens[-1].kind == "char" and tokens[-1].value == "|" \
                    and tokens[-1].column == column - 1:
                tokens[-1] = Token("norm", "||", tokens[-1].column)
            else:
                tokens.append(Token("char", char, column))
        else:
            token, position = _command(latex, match["cmd"], column, position)
            if token is not None:
                tokens.append(token)
    return tokens


def _command(latex: str, name: str, column: int, position: int) -> tuple[Token | None, int]:
    """One control sequence: dropped (spacing, sizes), a delimiter, or a command of the allowlist."""
    if name in notation.IGNORED or name in notation.SIZES or name in FONT_SWITCHES:
        if name in notation.SIZES and latex[position:].lstrip().startswith("."):
            raise ParseError(f"\\{name}. (an invisible delimiter) is not supported (column {column})")
        return None, position
    if name in ("|", "Vert", "lVert", "rVert"):
        return Token("norm", "||", column), position
    if name in ("vert", "lvert", "rvert"):
        return Token("char", "|", column), position
    if name in ("{", "}"):
        return Token("char", "(" if name == "{" else ")", column), position
    if name in ("color", "textcolor"):  # \color{blue}: formatting only, its argument dropped
        braced = _BRACED_WORD.match(latex, position)
        if not braced:
            raise ParseError(f"\\{name} at column {column} needs a colour name in braces")
        return None, braced.end()
    if name in NAMED:
        braced = _BRACED_WORD.match(latex, position)
        if not braced:
            raise ParseError(f"\\{name} at column {column} needs a name in braces, e.g. \\{name}{{tr}}")
        return Token("named", braced[1], column), braced.end()
    if name not in COMMANDS:
        shown = name if name.isalpha() else repr(name)[1:-1]
        raise ParseError(f"unknown or unsupported LaTeX command \\{shown} at column {column}")
    return Token("cmd", name, column), position


def unwrap_single_groups(tokens: list[Token]) -> list[Token]:
    """``{T}``, ``{2}``, ``{w}`` → the one token: a TeX argument is a group or a single token, so this keeps
    every meaning and leaves the parser one case fewer (``{}`` and longer groups stay)."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        if k + 2 < len(tokens) and tokens[k].value == "{" and tokens[k].kind == "char" and \
                tokens[k + 2].value == "}" and tokens[k + 2].kind == "char" and tokens[k + 1].kind != "char" and \
                not (tokens[k + 1].kind == "num" and len(tokens[k + 1].value) > 1):
            out.append(tokens[k + 1])
            k += 3
        else:
            out.append(tokens[k])
            k += 1
    return out


def check_nesting(tokens: list[Token], limit: int) -> None:
    """Brackets nested at most ``limit`` deep (the parser recurses once per level)."""
    depth = 0
    for token in tokens:
        if token.kind == "char" and token.value in "([{":
            depth += 1
            if depth > limit:
                raise UnsafeInputError(f"the expression is nested more than {limit} levels deep "
                                       f"(column {token.column})")
        elif token.kind == "char" and token.value in ")]}":
            depth -= 1
