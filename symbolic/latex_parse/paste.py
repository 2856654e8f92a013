"""Pasted answers → the notation the parsers read: Unicode math, math delimiters, trailing punctuation.

Students copy answers out of rendered notes, PDFs and Q&A pages: ``−(y − σ(ωx + b))·x + 2λω``,
``$…$``, ``\\(…\\)``, no-break spaces, a full stop at the end.  ``clean_pasted`` rewrites all of that
as plain LaTeX (``−`` → ``-``, ``σ`` → ``\\sigma``, ``²`` → ``^{2}``) before either parser sees it, so
columns in later messages refer to the cleaned text.  Nothing here evaluates anything: it is one
table lookup per character and a few anchored regular expressions.
"""
from __future__ import annotations

import re
import unicodedata

#: one Unicode character → its LaTeX (a command is followed by a space so ``λω`` stays two letters)
UNICODE: dict[str, str] = {
    "\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00d7": r"\times ", "\u22c5": r"\cdot ", "\u00b7": r"\cdot ", "\u2219": r"\cdot ", "\u2022": r"\cdot ",
    "\u2217": "*", "\u2044": "/", "\u2215": "/", "\u00f7": "/",
    "\u2202": r"\partial ", "\u2207": r"\nabla ", "\u2211": r"\sum ", "\u03a3": r"\sum ",
    "\u2265": r"\geq ", "\u2264": r"\leq ", "\u2260": r"\neq ", "\u2a7e": r"\geq ", "\u2a7d": r"\leq ",
    "\u2032": "'", "\u2019": "'", "\u02b9": "'", "\u2033": "''",
    "\u00b2": "^{2}", "\u00b3": "^{3}", "\u00b9": "^{1}", "\u2074": "^{4}", "\u207b\u00b9": "^{-1}",
    "\u2080": "_{0}", "\u2081": "_{1}", "\u2082": "_{2}", "\u2083": "_{3}", "\u2084": "_{4}",
    "\u1d62": "_{i}", "\u2c7c": "_{j}", "\u2096": "_{k}", "\u2099": "_{n}",
    "\u1d40": "^{T}", "\u22a4": "^{T}",
    "\u27e8": "(", "\u27e9": ")", "\u2016": "|", "\u2223": "|",
    "\U0001d7d9": r"\mathbb{1}", "\u2160": "I",
    "\u0177": r"\hat{y}", "\u0233": r"\bar{y}",
    "\u212f": "e", "\u2147": "e", "\u03c0": r"\pi ",
    "\u2113": r"\ell ",
}

#: lower-case Greek letters by name (σ is ``\sigma``: the activation or the loss's variable sigma)
_GREEK_NAMES = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
                "sigma tau upsilon phi chi psi omega").split()
UNICODE.update({chr(0x3b1 + k): f"\\{name} " for k, name in enumerate(_GREEK_NAMES[:17])})
UNICODE.update({chr(0x3c3 + k): f"\\{name} " for k, name in enumerate(_GREEK_NAMES[17:])})
UNICODE.update({"\u03c2": r"\sigma ", "\u03d5": r"\phi ", "\u03b5": r"\epsilon ", "\u03f5": r"\epsilon ",
                "\u0394": r"\Delta ", "\u0398": r"\Theta ", "\u039b": r"\Lambda ", "\u03a9": r"\Omega ",
                "\u03a6": r"\Phi "})

#: characters that are only space
_SPACES = frozenset("\u00a0\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u202f\u205f\u3000\t\r\n")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u2061\u2062\u2063")

#: a whole answer inside one pair of math delimiters
_DELIMITED = (re.compile(r"^\$\$(.*)\$\$$", re.S), re.compile(r"^\$(.*)\$$", re.S),
              re.compile(r"^\\\((.*)\\\)$", re.S), re.compile(r"^\\\[(.*)\\\]$", re.S))
_TRAILING = re.compile(r"(?<!\\right)(?<!\\right )(?:\s|\\[,;:! ]|\\q?quad(?![A-Za-z])|[.,;:])+$")
_MATH_DELIMITERS = re.compile(r"\$\$|\$|\\\(|\\\)|\\\[|\\\]")


def clean_pasted(text: str) -> str:
    """``text`` with Unicode math as LaTeX, outer math delimiters and trailing punctuation removed.

    >>> clean_pasted("$−(y − ŷ)·x + 2λw$.")
    '-(y - \\\\hat{y})\\\\cdot x + 2\\\\lambda w'
    """
    if not isinstance(text, str):
        return text
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    position = 0
    while position < len(text):
        pair = text[position:position + 2]
        char = text[position]
        if pair in UNICODE:
            out.append(UNICODE[pair])
            position += 2
            continue
        position += 1
        if char in _SPACES:
            out.append(" ")
        elif char in _INVISIBLE:
            continue
        elif char == "\u0302" and out:  # a combining hat: y + ◌̂
            out[-1] = rf"\hat{{{out[-1]}}}"
        else:
            out.append(UNICODE.get(char, char))
    text = "".join(out).strip()
    text = _strip_delimiters(_TRAILING.sub("", text))
    return _TRAILING.sub("", text).strip()


def _strip_delimiters(text: str) -> str:
    """``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]`` around the whole answer (or several such pieces) → the math."""
    for pattern in _DELIMITED:
        match = pattern.match(text)
        if match and not _MATH_DELIMITERS.search(match[1]):
            return match[1].strip()
    if _MATH_DELIMITERS.search(text) and text.count("$") % 2 == 0 and text.count(r"\(") == text.count(r"\)"):
        # "$a$ + $b$" or a delimiter left at one end: math shift only separates, so drop every one
        stripped = re.sub(r"\$\$|\$|\\\(|\\\)", " ", text)
        if "$" not in stripped:
            return stripped.strip()
    return text


def has_unicode_math(text: str) -> bool:
    """Whether ``text`` holds a character that ``clean_pasted`` rewrites as LaTeX (σ, ∂, ², ·)."""
    return any(char in UNICODE and UNICODE[char].startswith(("\\", "^", "_")) for char in text)
