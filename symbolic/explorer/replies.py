"""Errors as the page shows them: one line, and the column the parser named (for the highlight)."""
from __future__ import annotations

import re

from ..errors import SymgradError

_COLUMN = re.compile(r"column (\d+)")

#: the largest text a request may carry (the parsers bound a formula far below this)
MAX_TEXT = 65536


def error_reply(err: Exception) -> dict:
    """``{"error": one line, "column": int | None}``; an unexpected exception says it is a bug."""
    if isinstance(err, SymgradError):
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
    elif isinstance(err, RecursionError):
        message = "the input nests too deeply"
    else:
        message = f"internal error ({type(err).__name__}): please report this input"
    found = _COLUMN.search(message)
    return {"error": message, "column": int(found.group(1)) if found else None}


def text_field(request: dict, name: str, required: bool = True) -> str:
    """A string field of a request, bounded in size (SymgradError for a missing or oversized one)."""
    value = request.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise SymgradError(f"the {name} is empty")
        return ""
    if not isinstance(value, str):
        raise SymgradError(f"the {name} must be text")
    if len(value) > MAX_TEXT:
        raise SymgradError(f"the {name} is longer than {MAX_TEXT // 1024} KB ({len(value)} characters)")
    return value
