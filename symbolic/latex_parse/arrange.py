"""Token passes that make TeX's own rules explicit before the grammar sees the tokens.

* TeX arguments: ``\\frac12`` has the arguments 1 and 2; ``x^10`` is rejected (TeX reads it as x^{1}0).
* Braces that are no command's argument only group visually in TeX (``{a+b}c`` renders a+bc), so
  they are dropped; braces that delimit an argument stay for the grammar.
* ``|`` opens or closes an absolute value, decided from the token before it.
* ``1[y = j]``, ``1(z > 0)``, ``indicator(z > 0)`` and a bracket that holds a comparison (the Iverson
  bracket ``[z > 0]``, text ``(z > 0)``) are the indicator, like ``\\mathbb{1}[y = j]``.
* A number right after a letter or number (``x2``, ``1 2``) is rejected: TeX shows them as one word.
"""
from __future__ import annotations

from lark import Token

from ..errors import ParseError
from .lexer import make_token
from .notation import ARGUMENT_COUNTS

#: tokens after which a value has just ended (so a following ``|`` closes an absolute value)
_ENDS_VALUE = frozenset({"NUMBER", "LETTER", "GREEK", "EULER", "RPAR", "RBRACK", "RCURLY", "RBRACE",
                         "BAR_CLOSE", "LAYER", "PRIME"})
_CONDITION_OPENERS = frozenset({"LBRACK", "LCURLY", "LPAR"})


def arrange(tokens: list[Token]) -> list[Token]:
    """Apply the passes above, in order."""
    _check_juxtaposed_numbers(tokens)
    tokens = _mark_indicators(list(tokens))
    tokens = _resolve_arguments(tokens)
    return _classify_bars(tokens)


def _check_juxtaposed_numbers(tokens: list[Token]) -> None:
    """``x2`` or ``2 3`` render as x2 and 23: ask for ``\\cdot`` instead of guessing (``x_1 2`` is fine)."""
    in_subscript = _subscript_positions(tokens)
    for k, (before, left, number) in enumerate(zip([None, *tokens], tokens, tokens[1:])):
        if number.type == "NUMBER" and left.type in ("NUMBER", "LETTER", "GREEK") and k + 1 not in in_subscript and \
                (before is None or before.type not in ARGUMENT_COUNTS):  # x^2 3, \frac\lambda2: an argument
            raise ParseError(f"ambiguous product at column {number.column}: TeX shows a number right after a letter "
                             f"or number as one word (write x_2, 2x or x \\cdot 2)")


def _subscript_positions(tokens: list[Token]) -> set[int]:
    """Positions inside a braced subscript ``_{i1}``, where a number after a letter is one more index."""
    inside: set[int] = set()
    for k, token in enumerate(tokens[:-1]):
        if token.type == "UNDERSCORE" and tokens[k + 1].type == "LBRACE":
            depth = 0
            for j in range(k + 1, len(tokens)):
                depth += (tokens[j].type == "LBRACE") - (tokens[j].type == "RBRACE")
                if depth == 0:
                    break
                inside.add(j)
    return inside


def _mark_indicators(tokens: list[Token]) -> list[Token]:
    """``1[y = j]``, ``1\\{y = j\\}``, ``indicator(z > 0)``, ``[z > 0]`` → INDICATOR, then the bracketed condition."""
    marked: list[Token] = []
    for i, token in enumerate(tokens):
        opener = tokens[i + 1].type if i + 1 < len(tokens) else ""
        if opener in _CONDITION_OPENERS and _has_condition(tokens, i + 1) and (
                (token.type == "NUMBER" and token == "1") or (token.type == "FUNC" and token == "indicator")):
            token = make_token("INDICATOR", "1", token.start_pos, token.end_pos)
        elif token.type in _CONDITION_OPENERS and (not marked or marked[-1].type != "INDICATOR") \
                and _has_condition(tokens, i, relations_only=token.type == "LPAR"):
            marked.append(make_token("INDICATOR", "1", token.start_pos, token.start_pos))
        marked.append(token)
    return marked


def _has_condition(tokens: list[Token], opener: int, relations_only: bool = False) -> bool:
    """Whether the bracket at ``opener`` holds an ``=`` (or a comparison such as ``>``) at its own level."""
    depth = 0
    for token in tokens[opener:]:
        if token.type in ("LPAR", "LBRACK", "LCURLY", "LBRACE"):
            depth += 1
        elif token.type in ("RPAR", "RBRACK", "RCURLY", "RBRACE"):
            depth -= 1
            if depth == 0:
                return False
        elif depth == 1 and (token.type == "REL" or (token.type == "EQUALS" and not relations_only)):
            return True
    return False


def _resolve_arguments(tokens: list[Token]) -> list[Token]:
    """Split ``\\frac12`` into its two arguments and keep only the braces that delimit arguments."""
    _check_braces(tokens)
    argument_braces: set[int] = set()
    i = 0
    while i < len(tokens):
        owner = tokens[i]
        position = i + 1
        if owner.type == "SQRT" and position < len(tokens) and tokens[position].type == "LBRACK":
            position = _after_group(tokens, position, "LBRACK", "RBRACK")
        for _ in range(ARGUMENT_COUNTS.get(owner.type, 0)):
            position = _take_argument(tokens, position, owner, argument_braces)
        i += 1
    return [t for t in tokens if t.type not in ("LBRACE", "RBRACE") or id(t) in argument_braces]


def _check_braces(tokens: list[Token]) -> None:
    """Every ``{`` has its ``}``."""
    open_columns: list[int] = []
    for token in tokens:
        if token.type == "LBRACE":
            open_columns.append(token.column)
        elif token.type == "RBRACE":
            if not open_columns:
                raise ParseError(f"unmatched '}}' at column {token.column}")
            open_columns.pop()
    if open_columns:
        raise ParseError(f"unmatched '{{' at column {open_columns[-1]}")


def _after_group(tokens: list[Token], start: int, opener: str, closer: str) -> int:
    """The index after the group that opens at ``start``."""
    depth = 0
    for position in range(start, len(tokens)):
        depth += (tokens[position].type == opener) - (tokens[position].type == closer)
        if depth == 0:
            return position + 1
    raise ParseError(f"unmatched {tokens[start]!s} at column {tokens[start].column}")


def _take_argument(tokens: list[Token], position: int, owner: Token, argument_braces: set[int]) -> int:
    """Consume one TeX argument of ``owner`` at ``position``; return the index after it."""
    if position >= len(tokens):
        raise ParseError(f"{_name(owner)} at column {owner.column} is missing an argument")
    token = tokens[position]
    if token.type == "LBRACE":
        end = _after_group(tokens, position, "LBRACE", "RBRACE")
        argument_braces.update((id(token), id(tokens[end - 1])))
        return end
    if owner.type in ("CARET", "UNDERSCORE") and (token.type in ("MINUS", "PLUS") or
                                                   (token.type == "NUMBER" and len(token) > 1)):
        raise ParseError(f"put the {'superscript' if owner.type == 'CARET' else 'subscript'} at column {owner.column} "
                         f"in braces, e.g. {owner}{{-1}} or {owner}{{10}}: TeX takes one character after {owner}")
    if token.type == "NUMBER" and len(token) > 1:
        if "." in token:
            raise ParseError(f"put the argument of {_name(owner)} at column {owner.column} in braces")
        head = make_token("NUMBER", token[0], token.start_pos, token.start_pos + 1)
        rest = make_token("NUMBER", token[1:], token.start_pos + 1, token.end_pos)
        tokens[position:position + 1] = [head, rest]
    return position + 1


def _name(owner: Token) -> str:
    return {"FRAC": "\\frac", "SQRT": "\\sqrt", "HAT": f"\\{owner}"}.get(owner.type, str(owner))


def _classify_bars(tokens: list[Token]) -> list[Token]:
    """``|`` → BAR_OPEN or BAR_CLOSE (``\\left|``/``\\right|`` say so; otherwise the previous token decides)."""
    open_bars = 0
    result: list[Token] = []
    for token in tokens:
        if token.type == "BAR":
            side = token.value or ("close" if open_bars and result and result[-1].type in _ENDS_VALUE else "open")
            open_bars += 1 if side == "open" else -1
            token = make_token("BAR_OPEN" if side == "open" else "BAR_CLOSE", "|", token.start_pos, token.end_pos)
        result.append(token)
    return result
