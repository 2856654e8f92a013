"""lark's parse errors → one line for a student, naming what is wrong and at which column."""
from __future__ import annotations

from lark import Token
from lark.exceptions import UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..errors import ParseError
from .safety import ONE_EXPRESSION

#: what to say for a few token types; anything else is quoted as written
_WORDS = {"BAR_OPEN": "'|'", "BAR_CLOSE": "'|'"}


def explain(error: UnexpectedInput, tokens: list[Token], latex: str) -> ParseError:
    """A ParseError for an unexpected token or an early end, with a hint after a function name or \\sum."""
    token = getattr(error, "token", None)
    if isinstance(error, UnexpectedEOF) or not isinstance(error, UnexpectedToken) or token.type == "$END":
        message, before = "the answer ends too early (a missing argument, operand or closing bracket?)", tokens[-1:]
    elif token.type == "EQUALS":
        return ParseError(f"{ONE_EXPRESSION}; found '=' at column {token.column}")
    else:
        written = _WORDS.get(token.type) or _quote(latex[token.start_pos:token.end_pos])
        message = f"unexpected {written} at column {token.column}"
        before = [b for b, current in zip(tokens, tokens[1:]) if current is token]
    if before and before[0].type in _HINTS:
        message += _HINTS[before[0].type].format(latex[before[0].start_pos:before[0].end_pos])
    return ParseError(message)


#: hints by the token just before the problem
_HINTS = {
    "FUNC": " ({0} needs an argument, e.g. {0}(z))",
    "SUM": " ({0} needs its index, e.g. {0}_{{i=1}}^{{n}})",
    "INDICATOR": " ({0} needs a condition, e.g. {0}[y = j])",
}


def _quote(text: str) -> str:
    return f'"{text}"' if "'" in text else f"'{text}'"
