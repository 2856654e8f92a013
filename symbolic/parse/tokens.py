"""Pre-processing with ``tokenize`` (no evaluation): ``^`` becomes ``**`` and the keyword name
``lambda`` becomes a safe placeholder, so ``ast`` can parse what students type."""
from __future__ import annotations

import io
import keyword
import tokenize

from ..errors import ParseError, UnsafeInputError

#: keywords that are Greek letters in the course's notation, and their placeholders
RENAMED = {"lambda": "lambda_"}
PLACEHOLDERS = {v: k for k, v in RENAMED.items()}


#: operators a typed scalar formula may not use (one expression; ``@`` is matrix notation)
SCALAR_FORBIDDEN = (";", "=", ":=", "@")


def preprocess(text: str, forbidden: tuple[str, ...] = SCALAR_FORBIDDEN) -> str:
    """The text with ``^`` → ``**`` and ``lambda`` → ``lambda_`` (names only, never inside other tokens);
    ``forbidden`` operators are refused (the tensor parser allows ``@`` and ``axis=0``)."""
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError) as err:
        raise ParseError(f"syntax error: {err.args[0] if err.args else err}") from None
    out = []
    for tok in toks:
        if tok.type == tokenize.NAME:
            if tok.string in PLACEHOLDERS:
                raise UnsafeInputError(f"name {tok.string!r} is not allowed (column {tok.start[1] + 1})")
            if tok.string in RENAMED:
                tok = tok._replace(string=RENAMED[tok.string])
            elif keyword.iskeyword(tok.string) and tok.string not in ("True", "False", "None"):
                raise UnsafeInputError(f"not allowed: the keyword {tok.string!r} (column {tok.start[1] + 1})")
        elif tok.type == tokenize.OP and tok.string == "^":
            tok = tok._replace(string="**")
        elif tok.type == tokenize.OP and tok.string == "@" and "@" in forbidden:
            raise UnsafeInputError(f"'@' (column {tok.start[1] + 1}) is a matrix product: declare the vectors and "
                                   "matrices with --shapes, e.g. --shapes 'X:n,d w:d y:n'")
        elif tok.type == tokenize.OP and tok.string in forbidden:
            raise UnsafeInputError(f"not allowed: {tok.string!r} (column {tok.start[1] + 1}); type one expression")
        elif tok.type in (tokenize.STRING,) or getattr(tokenize, "FSTRING_START", None) == tok.type:
            raise UnsafeInputError(f"not allowed: a string (column {tok.start[1] + 1})")
        elif tok.type == tokenize.ERRORTOKEN and not tok.string.isspace():
            raise ParseError(f"unexpected character {tok.string!r} (column {tok.start[1] + 1})")
        out.append(tok)
    try:
        return tokenize.untokenize(out)
    except ValueError as err:
        raise ParseError(f"syntax error: {err}") from None
