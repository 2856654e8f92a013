"""LaTeX text → a flat list of lark Tokens, through the allowlist in notation.py.

Columns are 1-based character offsets into the whole answer, so every message can say where.
"""
from __future__ import annotations

import re

from lark import Token

from ..errors import ParseError, UnsafeInputError
from . import notation
from .safety import ONE_EXPRESSION, check_number

_PIECE = re.compile(r"""
    (?P<space>\s+|~)
  | (?P<layer>\^\s*\{\s*(?:[(\[]\s*(?P<layer_digits>\d+)\s*[)\]]|\(\s*(?P<layer_letter>[a-z])\s*\))\s*\})
  | \\(?P<command>[A-Za-z]+|.)
  | (?P<number>(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d{1,2}(?![\d.]))?)
  | (?P<word>[A-Za-z]+)
  | (?P<relation>>=|<=|!=|==|\*\*|[<>])
  | (?P<char>.)
""", re.VERBOSE | re.DOTALL)

_BRACED_NAME = re.compile(r"\s*\{([^{}\\]{0,40})\}")
_DELIMITERS = frozenset({"LPAR", "RPAR", "LBRACK", "RBRACK", "LCURLY", "RCURLY", "BAR"})


def make_token(kind: str, value: str, start: int, end: int) -> Token:
    """A lark Token on line 1 whose column is its 1-based offset in the answer."""
    return Token(kind, value, start_pos=start, line=1, column=start + 1,
                 end_line=1, end_column=end + 1, end_pos=end)


def tokenize(latex: str, names: frozenset[str] = frozenset()) -> list[Token]:
    """Split an answer into tokens; unknown commands and characters raise at their column.

    ``names`` are the loss's variables: a written word that is one of them (``omega``, ``w1``) is one
    name; any other word is a function (``tanh``, ``sigmoid``), a Greek letter (``lambda``), or letters
    multiplied (``wx``).
    """
    tokens: list[Token] = []
    size: tuple[str, str | None, int] | None = None  # a pending \left, \bigl, ...
    position = 0
    while position < len(latex):
        match = _PIECE.match(latex, position)
        start, position = match.start(), match.end()
        if match["space"]:
            continue
        if match["command"] is not None and match["command"] in notation.SIZES:
            if size is not None:
                raise ParseError(f"\\{size[0]} must be followed by a bracket (column {size[2]})")
            size = (match["command"], notation.SIZES[match["command"]], start + 1)
            continue
        if size is not None and match["char"] == ".":
            raise ParseError(f"\\{size[0]}. (an invisible delimiter) is not supported (column {start + 1})")
        if match["word"]:
            words, position = _words(latex, match, names)
            tokens.extend(words)
            if size is not None:
                raise ParseError(f"\\{size[0]} must be followed by a bracket (column {size[2]})")
            continue
        token, position = _read(latex, match, start, position, names)
        if token is None:
            continue
        if size is not None:
            if token.type not in _DELIMITERS:
                raise ParseError(f"\\{size[0]} must be followed by a bracket (column {size[2]})")
            if token.type == "BAR" and size[1]:
                token = make_token("BAR", size[1], token.start_pos, token.end_pos)
            size = None
        tokens.append(token)
    if size is not None:
        raise ParseError(f"\\{size[0]} must be followed by a bracket (column {size[2]})")
    return tokens


def _words(latex: str, match: re.Match, names: frozenset[str]) -> tuple[list[Token], int]:
    """A run of letters: a name of the loss, a function, a Greek letter, or one letter per token."""
    word, start, end = match["word"], match.start(), match.end()
    digits = re.match(r"\d+", latex[end:])
    if digits and word + digits[0] in names:  # w1, x12
        return [make_token("LETTER", word + digits[0], start, end + digits.end())], end + digits.end()
    if len(word) > 1:
        kind_value = _word(word, names, latex[end:])
        if kind_value is not None:
            return [make_token(*kind_value, start, end)], end
    if word == "H" and "H" not in names and latex[end:].lstrip().startswith("("):
        return [make_token("FUNC", "step", start, end)], end  # the Heaviside step H(z)
    return [make_token("LETTER", letter, start + k, start + k + 1) for k, letter in enumerate(word)], end


def _word(word: str, names: frozenset[str], after: str) -> tuple[str, str] | None:
    """The token a word of two or more letters is, or None to read it letter by letter."""
    if word in names:
        return "LETTER", word
    if word in notation.GREEK_COMMANDS and word[0].islower():
        return "GREEK", notation.GREEK_COMMANDS[word]
    if word == "sigma":
        return ("GREEK", "sigma") if "sigma" in names else ("FUNC", "sigma")
    key = notation.TEXT_FUNCTIONS.get(word) or notation.TEXT_FUNCTIONS.get(word.lower())
    if key is not None:
        return "FUNC", key
    return None


def _read(latex: str, match: re.Match, start: int, end: int,
          names: frozenset[str] = frozenset()) -> tuple[Token | None, int]:
    """One token (or None for spacing) and the position after it."""
    if match["layer"]:
        if match["layer_letter"]:
            return make_token("LAYER", match["layer_letter"], start, end), end
        return make_token("LAYER", match["layer_digits"], start, end), end
    if match["relation"]:
        relation = match["relation"]
        if relation == "**":
            return make_token("CARET", "^", start, end), end
        if relation == "==":
            return make_token("EQUALS", "=", start, end), end
        return make_token("REL", relation, start, end), end
    if match["number"]:
        check_number(match["number"], start + 1)
        return make_token("NUMBER", match["number"], start, end), end
    if match["command"] is not None:
        return _command(latex, match["command"], start, end, names)
    char = match["char"]
    if char in notation.CHARACTERS:
        kind = notation.CHARACTERS[char]
        return make_token(kind, "" if kind == "BAR" else char, start, end), end
    if char == "&":
        raise ParseError(f"{ONE_EXPRESSION}; found '&' at column {start + 1}")
    if not char.isascii() or not char.isprintable():
        raise ParseError(f"unsupported character {char!r} at column {start + 1}; "
                         "write LaTeX commands such as \\sigma or \\cdot")
    raise ParseError(f"unexpected character {char!r} at column {start + 1}")


def _command(latex: str, name: str, start: int, end: int,
             names: frozenset[str] = frozenset()) -> tuple[Token | None, int]:
    """A control word or symbol, looked up in the allowlist (``\\sigma`` is the loss's variable sigma if it has one)."""
    column = start + 1
    if name in notation.IGNORED:
        return None, end
    if name == "sigma" and "sigma" in names:
        return make_token("GREEK", "sigma", start, end), end
    if name in notation.RELATIONS:
        return make_token("REL", notation.RELATIONS[name], start, end), end
    if name == "\\":
        raise ParseError(f"{ONE_EXPRESSION}; found '\\\\' at column {column}")
    if name in notation.COMMANDS:
        kind, value = notation.COMMANDS[name]
        return make_token(kind, value, start, end), end
    if name in notation.NAMED_COMMANDS or name in notation.INDICATOR_COMMANDS:
        braced = _BRACED_NAME.match(latex, end)
        if braced is None:
            raise ParseError(f"\\{name} needs a braced name such as \\{name}{{ReLU}} (column {column})")
        return _named(name, braced[1].strip(), column, start, braced.end()), braced.end()
    raise UnsafeInputError(f"unknown or forbidden LaTeX command \\{name} at column {column}")


def _named(command: str, name: str, column: int, start: int, end: int) -> Token | None:
    """``\\operatorname{ReLU}``, ``\\mathrm{e}``, ``\\mathbb{1}``, ``\\text{}`` → a token (or None)."""
    if len(name) == 1 and name.isalpha() and name != "e" and not command.startswith(("text", "mathbb", "mathds")) \
            and name not in notation.INDICATOR_NAMES:
        return make_token("LETTER", name, start, end)  # \mathbf{x}, \mathrm{w}: the variable itself
    if command in notation.INDICATOR_COMMANDS:
        if name in notation.INDICATOR_NAMES:
            return make_token("INDICATOR", name, start, end)
        raise ParseError(f"\\{command}{{{name}}} at column {column} is not supported; "
                         f"only the indicator \\{command}{{1}} is")
    if not name:
        return None
    if name == "e" and not command.startswith("text"):
        return make_token("EULER", "e", start, end)
    if name.lower() in notation.OPERATOR_NAMES:
        return make_token("FUNC", notation.OPERATOR_NAMES[name.lower()], start, end)
    if name.lower() in notation.TEXT_FUNCTIONS:
        return make_token("FUNC", notation.TEXT_FUNCTIONS[name.lower()], start, end)
    if name == "H":
        return make_token("FUNC", "step", start, end)
    if command.startswith("text"):
        raise ParseError(f"\\{command}{{{name}}} at column {column}: "
                         "text is only allowed as a function name such as \\text{ReLU}")
    known = ", ".join(sorted(set(notation.OPERATOR_NAMES)))
    raise ParseError(f"unknown function \\{command}{{{name}}} at column {column} (known: {known})")
