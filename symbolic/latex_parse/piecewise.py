"""Piecewise answers: ``\\begin{cases} … \\end{cases}`` (and ``array``/``matrix``/``Bmatrix`` after ``\\left\\{``),
and ``{1 \\over n}`` — rewrites of the answer's text that the token grammar cannot express.

A piecewise block becomes rows of (value, condition) text; ``__init__`` parses each value and each
condition (as the indicator ``\\mathbb{1}[condition]``) and puts Σ value·1[condition] in the block's
place, the ``otherwise`` row taking 1 − Σ 1[condition] of the others.  The rows' text goes through
the same parser and limits as any answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParseError

#: a block's opening (with the brace a student puts before an array) and the environment it opens
_OPEN = re.compile(r"(?:\\left\s*(?:\\\{|\.)\s*|\\\{\s*)?\\begin\s*\{(cases|dcases|array|matrix|Bmatrix)\}"
                   r"(?:\s*\{[lcr| ]*\})?")
_RIGHT = re.compile(r"\s*\\right\s*(?:\.|\\\}|\))?")  # (a pasted answer's last '.' may be gone)
#: words that only introduce a condition, and words that mean "every other case"
_IF_WORDS = re.compile(r"^(?:,|;|:|\s|\\[,;:! ]|\\q?quad(?![A-Za-z])|\bif\b|\bfor\b|\bwhen\b|\bwhere\b)*", re.I)
_OTHERWISE = re.compile(r"^(?:otherwise|else|elsewhere|o\.?w\.?|in all other cases|all other cases|"
                        r"everywhere else)\W*$", re.I)
_TEXT = re.compile(r"\\(?:text|textrm|mathrm|textnormal|mbox|textit)\s*\{([^{}]*)\}")
_OVER = re.compile(r"\\over(?![A-Za-z])")


@dataclass(frozen=True)
class Row:
    """One line of a piecewise block: its value and its condition (None: otherwise)."""

    value: str
    condition: str | None


def split_piecewise(latex: str, placeholder) -> tuple[str, list[tuple[Row, ...]]]:
    """``latex`` with each piecewise block replaced by ``placeholder(k)``, and the blocks' rows."""
    blocks: list[tuple[Row, ...]] = []
    while (match := _OPEN.search(latex)) is not None:
        environment = match[1]
        end = re.compile(r"\\end\s*\{%s\}" % environment).search(latex, match.end())
        if end is None:
            raise ParseError(f"\\begin{{{environment}}} at column {match.start() + 1} has no \\end{{{environment}}}")
        if _OPEN.search(latex[match.end():end.start()]):
            raise ParseError(f"nested \\begin{{…}} blocks are not supported (column {match.start() + 1})")
        rows = _rows(latex[match.end():end.start()], match.start() + 1)
        after = end.end()
        closing = _RIGHT.match(latex, after)
        if closing:
            after = closing.end()
        blocks.append(rows)
        latex = f"{latex[:match.start()]} ({placeholder(len(blocks) - 1)}) {latex[after:]}"
    return latex, blocks


def _rows(body: str, column: int) -> tuple[Row, ...]:
    rows = []
    for line in re.split(r"\\\\(?:\s*\[[^\]]*\])?", body):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("&")]
        if len(cells) == 1:
            cells = _split_at_if(cells[0])
        value, condition = re.sub(r"(?:\s|,|;|\\[,;:! ]|\\q?quad(?![A-Za-z]))+$", "", cells[0]), \
            " ".join(c for c in cells[1:] if c)
        if not value:
            raise ParseError(f"a row of the piecewise block at column {column} has no value: write "
                             r"\begin{cases} x & \text{if } z > 0 \\ 0 & \text{otherwise} \end{cases}")
        rows.append(Row(value, _condition(condition, column)))
    if not rows:
        raise ParseError(f"the piecewise block at column {column} is empty")
    if sum(r.condition is None for r in rows) > 1:
        raise ParseError(f"the piecewise block at column {column} has more than one row without a condition")
    return tuple(rows)


def _split_at_if(line: str) -> list[str]:
    """``x \\text{ if } z > 0`` → [``x``, ``z > 0``] (a row written without ``&``)."""
    text = _TEXT.sub(lambda m: f" {m[1]} ", line)
    match = re.search(r"\b(?:if|for|when)\b|\b(?:otherwise|else)\b|,", text)
    if match is None:
        return [line]
    return [text[:match.start()], text[match.start():]]


def _condition(text: str, column: int) -> str | None:
    """The math of a condition cell (``\\text{if } z > 0`` → ``z > 0``), or None for "otherwise"."""
    text = _TEXT.sub(lambda m: f" {m[1]} ", text).strip()
    text = _IF_WORDS.sub("", text).strip()
    text = re.sub(r"\s*(?:,|\.|;)\s*$", "", text).strip()
    if not text or _OTHERWISE.match(text):
        return None
    if re.search(r"\b(?:and|or)\b|\\(?:land|lor|wedge|vee)(?![A-Za-z])", text):
        raise ParseError(f"a condition joined with 'and'/'or' in the piecewise block at column {column} is not "
                         "supported; write one comparison per row, such as z > 0")
    return text


def rewrite_over(latex: str) -> str:
    """``{1 \\over n}`` → ``\\frac{1}{n}`` (TeX's infix fraction, inside its group)."""
    while (match := _OVER.search(latex)) is not None:
        start = _open_brace(latex, match.start())
        end = _close_brace(latex, match.end())
        if start is None or end is None:
            raise ParseError(f"\\over at column {match.start() + 1} must sit inside braces, e.g. {{1 \\over n}}")
        latex = (f"{latex[:start]}\\frac{{{latex[start + 1:match.start()]}}}"
                 f"{{{latex[match.end():end]}}}{latex[end + 1:]}")
    return latex


def _open_brace(text: str, position: int) -> int | None:
    depth = 0
    for k in range(position - 1, -1, -1):
        if text[k] == "}" and not _escaped(text, k):
            depth += 1
        elif text[k] == "{" and not _escaped(text, k):
            if depth == 0:
                return k
            depth -= 1
    return None


def _close_brace(text: str, position: int) -> int | None:
    depth = 0
    for k in range(position, len(text)):
        if text[k] == "{" and not _escaped(text, k):
            depth += 1
        elif text[k] == "}" and not _escaped(text, k):
            if depth == 0:
                return k
            depth -= 1
    return None


def _escaped(text: str, k: int) -> bool:
    return k > 0 and text[k - 1] == "\\"
