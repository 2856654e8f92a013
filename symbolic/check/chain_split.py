"""Splitting a LaTeX derivation into its steps as written: align environments, ``\\tag``, ``\\label``,
``\\text`` remarks, punctuation, ``\\\\``, ``&`` and ``=``; bounded in length and lines."""
from __future__ import annotations

import re


from ..errors import ParseError, UnsafeInputError
from ..latex_parse import notation

MAX_DERIVATION_LENGTH = 20 * 1024
MAX_LINES = 100
MAX_OPERATORS = 20          # derivative operators in one step
MAX_OPERATOR_NESTING = 3    # ∂/∂w(∂/∂x(∂/∂y(…)))

#: environments a derivation may sit in (their \begin and \end only separate lines)
ENVIRONMENTS = frozenset({"align", "align*", "aligned", "alignedat", "equation", "equation*", "split", "gather",
                          "gather*", "gathered", "multline", "multline*", "eqnarray", "eqnarray*"})
#: layout commands dropped with their one braced argument
DROPPED_WITH_ARGUMENT = ("tag*", "tag", "label", "intertext", "shortintertext")
#: commands whose braced text is a remark, unless it is a function name (\text{ReLU}) or a differential d
REMARKS = ("text", "textrm", "textnormal", "mbox")
#: a remark starting with one of these words states a condition or definition: the rest of its line goes too
CLAUSE_WORDS = frozenset({"where", "with", "for", "if", "since", "because", "when", "let", "given"})
#: commands a derivation may use besides the answer parser's allowlist
STRUCTURE_COMMANDS = frozenset({"begin", "end", "nonumber", "notag", "partial", "nabla", "mathcal", "mathscr",
                                "ell", "\\", "[", "]", "(", ")", *DROPPED_WITH_ARGUMENT, *REMARKS})
#: symbols that may appear in a condition such as \text{for } x \neq 0, which is dropped before parsing
CONDITION_COMMANDS = frozenset({"neq", "ne", "leq", "le", "geq", "ge", "in", "notin", "approx", "to", "infty",
                                "ldots", "cdots", "dots", "Rightarrow", "implies", "equiv", "propto", "sim"})
ALLOWED_COMMANDS = (STRUCTURE_COMMANDS | CONDITION_COMMANDS | set(notation.COMMANDS) | notation.IGNORED
                    | set(notation.SIZES) | notation.NAMED_COMMANDS | notation.INDICATOR_COMMANDS)

_COMMAND = re.compile(r"\\([A-Za-z]+\*?|.)", re.S)
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_LAYOUT = re.compile(r"\\\\\*?(?:\s*\[\s*-?\d*\.?\d+\s*(?:pt|em|ex|mm|cm|in|mu|bp|pc)\s*\])?"
                     r"|\\[\[\]()]|\$\$?|\\(?:nonumber|notag)(?![A-Za-z])")
_ENVIRONMENT = re.compile(r"\\(begin|end)\s*\{([^{}]*)\}(?:\s*\[[tbc]\]|\s*\{\d+\})?")
_REMARK = re.compile(r"\\(?:%s)\s*\{" % "|".join(REMARKS))
_EMPTY_BRACKETS = re.compile(r"(?:\\(?:left|[bB]igg?l?)\s*)?[(\[]\s*(?:\\(?:right|[bB]igg?r?)\s*)?[)\]]")
_OPEN_BRACKET_AT_END = re.compile(r"(?:\\(?:left|[bB]igg?l?)\s*)?[(\[]\s*$")
_EDGES = re.compile(r"^(?:\s|~|\\[,;:! ]|\\q?quad(?![A-Za-z]))+|(?:\s|~|[.,;]|\\[,;:! ]|\\q?quad(?![A-Za-z]))+$")
_CONTINUES = re.compile(r"^(?:[-+*/]|\\(?:cdot|times|div|ast)(?![A-Za-z]))")
_TOKEN = re.compile(r"\\(?:[A-Za-z]+|.)|\s+|.", re.S)
_DERIVATIVE_HINT = re.compile(r"\\partial|\\nabla|\\frac\s*\{\s*(?:d|\\mathrm\s*\{\s*d\s*\})|'|\\prime"
                              r"|^\s*(?:d|\\mathrm\s*\{\s*d\s*\})\s*(?:[A-Za-z]|\\[A-Za-z]+)\s*$")

_OPENERS, _CLOSERS = ("{", "(", "[", "\\{"), ("}", ")", "]", "\\}")
_SIZES = frozenset("\\" + s for s in notation.SIZES)
_FRACS = frozenset("\\" + k for k, (kind, _) in notation.COMMANDS.items() if kind == "FRAC")
_GREEK = {"\\" + k: v for k, v in notation.GREEK_COMMANDS.items()} | {"\\sigma": "sigma"}  # σ of a Gaussian
_FUNCTIONS = frozenset("\\" + k for k, (kind, _) in notation.COMMANDS.items() if kind == "FUNC")
_ROMAN = ("\\mathrm", "\\operatorname", "\\text", "\\textrm")


# -- splitting ----------------------------------------------------------------------------------------

def split_steps(latex: str, commands: frozenset = frozenset()) -> tuple[str, ...]:
    """The steps of a derivation as written, left-hand side first, without layout, tags and remarks.

    >>> split_steps(r"\\begin{align*} f'(x) &= 2x \\cdot 1 \\tag{1}\\\\ &= 2x. \\end{align*}")
    ("f'(x)", '2x \\\\cdot 1', '2x')
    """
    text = _precheck(latex, commands)
    for name in DROPPED_WITH_ARGUMENT:
        text = _drop_braced(text, re.compile(r"\\%s\s*\{" % re.escape(name)))
    text = _LAYOUT.sub(lambda m: "\\\\" if m[0].startswith("\\\\") else " ", text)
    text = _ENVIRONMENT.sub(_environment, text)
    steps: list[str] = []
    pending, number = False, 0  # pending: the previous line ended with '='
    for line in text.split("\\\\"):
        segments = [_trim(s) for s in _split_top_level(_strip_remarks(line).replace("&", " "), "=")]
        if not any(segments):
            continue
        number += 1
        first, rest = segments[0], segments[1:]
        if first and steps and not pending:
            if not _CONTINUES.match(first):
                raise ParseError(f"line {number} ({_short(first)}) neither starts with '=' nor continues the line "
                                 "before it with an operator")
            steps[-1] = f"{steps[-1]} {first}"
        elif first:
            steps.append(first)
        elif not steps:
            raise ParseError("the derivation starts with '='; begin with ∂L/∂w or the first expression")
        elif pending:
            raise ParseError(f"line {number}: an empty step between two '='")
        pending = bool(rest) and not rest[-1]
        if any(not s for s in rest[:-1]):
            raise ParseError(f"line {number}: an empty step between two '='")
        steps.extend(s for s in rest if s)
    if not steps:
        raise ParseError("the derivation is empty")
    if pending:
        raise ParseError("the derivation ends with '='")
    if len(steps) > MAX_LINES:
        raise UnsafeInputError(f"the derivation has {len(steps)} steps; at most {MAX_LINES} are allowed")
    return tuple(steps)


def looks_like_derivation(answer: str) -> bool:
    """True for A = B = C, an align block, ``&=``, ``\\\\``, or one ``=`` after a derivative such as ∂L/∂w."""
    if "\\begin" in answer or "&" in answer or "\\\\" in answer:
        return True
    sides = _split_top_level(answer, "=")
    return len(sides) > 2 or (len(sides) == 2 and _DERIVATIVE_HINT.search(sides[0]) is not None)


def _precheck(latex: str, commands: frozenset = frozenset()) -> str:
    """Bound the size, drop TeX comments and reject any command outside the allowlist (and ``commands``, the
    matrix reader's own), all before parsing."""
    if not isinstance(latex, str):
        raise TypeError(f"a derivation must be a str, not {type(latex).__name__}")
    if len(latex) > MAX_DERIVATION_LENGTH:
        raise UnsafeInputError(f"the derivation is {len(latex)} characters long; "
                               f"at most {MAX_DERIVATION_LENGTH} are allowed")
    if len(latex.strip().splitlines()) > MAX_LINES or latex.count("\\\\") >= MAX_LINES:
        raise UnsafeInputError(f"the derivation has more than {MAX_LINES} lines")
    text = _COMMENT.sub("", latex)
    for match in _COMMAND.finditer(text):
        if match[1] not in ALLOWED_COMMANDS and match[1].rstrip("*") not in ALLOWED_COMMANDS and \
                match[1] not in commands:
            line = text.count("\n", 0, match.start()) + 1
            raise UnsafeInputError(f"unknown or forbidden LaTeX command \\{match[1]} (line {line})")
    if "#" in text:
        raise UnsafeInputError("the macro parameter '#' is not allowed")
    return text


def _environment(match: re.Match) -> str:
    if match[2].strip() not in ENVIRONMENTS:
        raise ParseError(f"\\{match[1]}{{{match[2]}}}: a derivation may only sit in {', '.join(sorted(ENVIRONMENTS))}")
    return "\\\\"


def _matching_brace(text: str, opening: int) -> int:
    """The index of the ``}`` that closes the ``{`` at ``opening`` (``\\{`` and ``\\}`` do not count)."""
    depth, position = 0, opening
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        depth += (char == "{") - (char == "}")
        if depth == 0:
            return position
        position += 1
    raise ParseError(f"unmatched '{{' at character {opening + 1}")


def _drop_braced(text: str, pattern: re.Pattern) -> str:
    """Every ``\\command{…}`` that ``pattern`` finds, dropped with its argument."""
    while (match := pattern.search(text)) is not None:
        text = text[:match.start()] + " " + text[_matching_brace(text, match.end() - 1) + 1:]
    return text


def _strip_remarks(line: str) -> str:
    """Drop ``\\text{…}`` remarks (``\\text{where } z = …`` with the rest of its line), keep ``\\text{ReLU}``."""
    position = 0
    while (match := _REMARK.search(line, position)) is not None:
        close = _matching_brace(line, match.end() - 1)
        content = line[match.end():close].strip()
        if content.lower() in notation.OPERATOR_NAMES or content in ("d", "e"):
            position = close + 1  # math, not a remark
            continue
        words = content.strip(" ()[],.:;").lower().split()
        if words and words[0] in CLAUSE_WORDS:  # a condition such as "where z = ωx + b" ends the line's math
            return _EMPTY_BRACKETS.sub(" ", _OPEN_BRACKET_AT_END.sub("", line[:match.start()]))
        line = line[:match.start()] + " " + line[close + 1:]
        position = match.start() + 1
    return _EMPTY_BRACKETS.sub(" ", line)


def _split_top_level(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside every bracket and brace."""
    parts, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char in "{([":
            depth += 1
        elif char in "})]":
            depth = max(depth - 1, 0)
        elif char == separator and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    return parts + [text[start:]]


def _trim(segment: str) -> str:
    return _EDGES.sub("", segment)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
