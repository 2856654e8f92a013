"""Check a whole hand derivation line by line: ``check_derivation(objective, "omega", latex)``.

One pass each: ``split_steps`` (align environments, ``\\tag``, ``\\label``, ``\\text`` remarks, punctuation,
``\\\\``, ``&`` and ``=`` → the steps as written) → ``_Reader`` (a first step such as ∂L/∂ω is the
left-hand side and names a derivative; operators such as ∂/∂θ(θx − y) are taken with sympy.diff before
the rest of the line goes to the LaTeX parser) → ``compare`` of each step with the one before it, the
left-hand side standing for the derivative it names, and of the last step with the true derivative.
Nothing is ever evaluated as code; the whole derivation is bounded in length, lines and operators.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from ..derive import derive
from ..errors import ParseError, UnsafeInputError
from ..latex_parse import LatexContext, notation, parse_latex_answer
from ..latex_parse.safety import precheck
from ..parse import GENERIC_SIGMA
from ..render.text import text as unicode_text
from .answer import _check_names, names_of
from .chain_records import STEP_VERDICTS, ChainVerdict, StepResult
from .records import Diagnosis
from .verdict import CheckSettings, compare

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
_GREEK = {"\\" + k: v for k, v in notation.GREEK_COMMANDS.items()}
_FUNCTIONS = frozenset("\\" + k for k, (kind, _) in notation.COMMANDS.items() if kind == "FUNC")
_ROMAN = ("\\mathrm", "\\operatorname", "\\text", "\\textrm")


# -- splitting ----------------------------------------------------------------------------------------

def split_steps(latex: str) -> tuple[str, ...]:
    """The steps of a derivation as written, left-hand side first, without layout, tags and remarks.

    >>> split_steps(r"\\begin{align*} f'(x) &= 2x \\cdot 1 \\tag{1}\\\\ &= 2x. \\end{align*}")
    ("f'(x)", '2x \\\\cdot 1', '2x')
    """
    text = _precheck(latex)
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


def _precheck(latex: str) -> str:
    """Bound the size, drop TeX comments and reject any command outside the allowlist, all before parsing."""
    if not isinstance(latex, str):
        raise TypeError(f"a derivation must be a str, not {type(latex).__name__}")
    if len(latex) > MAX_DERIVATION_LENGTH:
        raise UnsafeInputError(f"the derivation is {len(latex)} characters long; "
                               f"at most {MAX_DERIVATION_LENGTH} are allowed")
    if len(latex.strip().splitlines()) > MAX_LINES or latex.count("\\\\") >= MAX_LINES:
        raise UnsafeInputError(f"the derivation has more than {MAX_LINES} lines")
    text = _COMMENT.sub("", latex)
    for match in _COMMAND.finditer(text):
        if match[1] not in ALLOWED_COMMANDS and match[1].rstrip("*") not in ALLOWED_COMMANDS:
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


# -- reading a step -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Operator:
    """A derivative operator in a step, by token positions: what it differentiates, and by what."""

    start: int
    end: int
    variable: str
    operand: str


@dataclass(frozen=True)
class _LeftHandSide:
    """A first step that names a derivative: ∂L/∂w, f'(x), dw, σ'(x) (an activation's own derivative)."""

    function: str
    variable: str
    activation: bool = False


_NAME = (r"\\(?:mathcal|mathscr)\s*\{\s*[A-Za-z]\s*\}|\\(?:operatorname|mathrm)\s*\{\s*[A-Za-z]+\s*\}"
         r"|\\[A-Za-z]+|[A-Za-z]")
_ARGUMENT = r"(?:\\left\s*)?\(\s*(?P<variable>[^(),]*?)\s*(?:\\right\s*)?\)"
_PRIME = r"(?:'|\\prime|\^\s*(?:\\prime|\{\s*(?:\\prime|')\s*\}))"
_PRIME_LHS = re.compile(rf"(?P<function>{_NAME})\s*{_PRIME}\s*{_ARGUMENT}")
_NABLA_LHS = re.compile(rf"\\nabla\s*(?P<function>{_NAME})\s*{_ARGUMENT}")
_DIFFERENTIAL_LHS = re.compile(r"(?P<d>d|\\mathrm\s*\{\s*d\s*\})\s*(?P<variable>.+)", re.S)
_HATS = frozenset("\\" + k for k, (kind, _) in notation.COMMANDS.items() if kind == "HAT")
_LOSS_COMMANDS = ("\\mathcal", "\\mathscr", "\\ell")


def _tokens(latex: str) -> list[_Token]:
    return [_Token(m[0], m.start(), m.end()) for m in _TOKEN.finditer(latex) if not m[0].isspace()]


def _source(latex: str, tokens: list[_Token]) -> str:
    return latex[tokens[0].start:tokens[-1].end] if tokens else ""


def _bracket_end(tokens: list[_Token], i: int, openers=_OPENERS) -> int | None:
    """The index after the (sized) bracket pair that opens at ``i``: (…), [...], {…}, \\left( … \\right)."""
    j = i + (i < len(tokens) and tokens[i].text in _SIZES)
    if j >= len(tokens) or tokens[j].text not in openers:
        return None
    depth = 0
    for k in range(j, len(tokens)):
        depth += (tokens[k].text in _OPENERS) - (tokens[k].text in _CLOSERS)
        if depth == 0:
            return k + 1
    return None


def _argument_end(tokens: list[_Token], i: int) -> int | None:
    """The index after one TeX argument: a braced group or a single token."""
    if i >= len(tokens):
        return None
    return _bracket_end(tokens, i, ("{",)) if tokens[i].text == "{" else i + 1


def _variable_end(tokens: list[_Token], i: int) -> int | None:
    """The index after a variable as written: ``w``, ``\\omega``, ``w_{3}``, ``\\hat{y}_j``, ``W^{(1)}_{12}``."""
    if i >= len(tokens):
        return None
    first = tokens[i].text
    if first in _HATS:
        j = _argument_end(tokens, i + 1)
    elif (len(first) == 1 and first.isalpha()) or first in _GREEK:
        j = i + 1
    else:
        return None
    while j is not None and j + 1 < len(tokens) and tokens[j].text in ("_", "^"):
        if tokens[j].text == "^" and not (tokens[j + 1].text == "{" and j + 2 < len(tokens)
                                          and tokens[j + 2].text in ("(", "[")):
            break  # a power, not a layer W^{(1)}
        j = _argument_end(tokens, j + 1)
    return j


def _term_end(tokens: list[_Token], i: int) -> int:
    """The index where an unbracketed operand ends: at the next + or − of its level, or its group's end."""
    j, depth = i, 0
    while j < len(tokens) and tokens[j].text in ("+", "-"):
        j += 1
    while j < len(tokens):
        t = tokens[j].text
        if t in _OPENERS:
            depth += 1
        elif t in _CLOSERS:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and t in ("+", "-"):
            break
        j += 1
    return j


class _Reader:
    """Reads the steps of a derivation of one objective into sympy, taking derivative operators itself."""

    def __init__(self, objective):
        self.loss = objective.expression
        self.hints = tuple(getattr(objective, "hints", ()))
        # indexed data by its name, so that x_i in an operand such as ∂/∂w (y_i − w x_i)² is x[i] outside its Σ too
        data = {str(base.label): base for base in self.loss.atoms(sympy.IndexedBase)}
        self.names = names_of(self.loss) | data | {n.name: n for n, _ in self.hints}
        self.sigma = "generic" if self.loss.has(GENERIC_SIGMA) else "sigmoid"

    # -- whole steps ---------------------------------------------------------------------------------
    def value(self, latex: str) -> sympy.Expr:
        """A step as sympy in the loss's own names (the model's inner names written out)."""
        expr = self.expression(latex).xreplace({n: inner for n, inner in self.hints})
        _check_names(expr, self.loss)
        return expr

    def expression(self, latex: str, depth: int = 0) -> sympy.Expr:
        """A step, its derivative operators replaced by their derivatives (inner names such as z kept)."""
        tokens = _tokens(latex)
        pieces, values, last, i = [], {}, 0, 0
        while i < len(tokens):
            operator = self.operator(tokens, i, latex)
            if operator is None:
                i += 1
                continue
            if depth >= MAX_OPERATOR_NESTING or len(values) >= MAX_OPERATORS:
                raise UnsafeInputError(f"more than {MAX_OPERATORS} derivative operators in a step, or nested more "
                                       f"than {MAX_OPERATOR_NESTING} deep")
            name = f"Xi{900 + len(values)}"
            values[name] = self.derivative(operator, depth)
            pieces += [latex[last:tokens[operator.start].start], rf"(\Xi_{{{name[2:]}}})"]
            last, i = tokens[operator.end - 1].end, operator.end
        rewritten = "".join(pieces) + latex[last:]
        stray = re.search(r"\\partial|\\nabla", rewritten)
        if stray:
            raise ParseError(f"cannot read the derivative at '{_short(rewritten[stray.start():], 30)}': write "
                             r"\frac{\partial L}{\partial w}, \frac{\partial}{\partial w}(...) or \partial_w(...)")
        placeholders = {name: sympy.Dummy(name) for name in values}
        expr = parse_latex_answer(rewritten, LatexContext(self.names | placeholders, self.sigma))
        return expr.xreplace({placeholders[name]: value for name, value in values.items()})

    def left_hand_side(self, latex: str) -> _LeftHandSide | None:
        """The derivative a first step names, if it is one: ∂L/∂w, ∂_w L, ∇_w L, dL/dw, f'(x), ∇f(x), dw."""
        tokens = _tokens(latex)
        operator = self.operator(tokens, 0, latex) if tokens else None
        if operator is not None and operator.end == len(tokens):
            name = self.lone_name(operator.operand)
            if name is not None:
                return _LeftHandSide(name, operator.variable)
        for pattern in (_PRIME_LHS, _NABLA_LHS):
            match = pattern.fullmatch(latex)
            if match and self.lone_name(match["function"]) is not None:
                return _LeftHandSide(match["function"], match["variable"])
            if match and pattern is _PRIME_LHS and self._is_function(match["function"]):
                return _LeftHandSide(match["function"], match["variable"], activation=True)
        match = _DIFFERENTIAL_LHS.fullmatch(latex)
        if match and not (match["d"] == "d" and "d" in self.names):
            variable = _tokens(match["variable"])
            if _variable_end(variable, 0) == len(variable):
                return _LeftHandSide("", match["variable"])
        return None

    # -- derivative operators ------------------------------------------------------------------------
    def operator(self, tokens: list[_Token], i: int, latex: str) -> _Operator | None:
        """The derivative operator starting at token ``i``, if one does: fraction, subscript or slash form."""
        first = tokens[i].text
        if first in _FRACS:
            return self._fraction(tokens, i, latex)
        if first in ("\\partial", "\\nabla") and i + 2 < len(tokens) and tokens[i + 1].text == "_":
            if tokens[i + 2].text == "{":
                end = _bracket_end(tokens, i + 2, ("{",))
                variable = tokens[i + 3:end - 1] if end else []
            else:
                end, variable = i + 3, tokens[i + 2:i + 3]
            return self._applied(tokens, i, end, _source(latex, variable), latex) if variable else None
        d = self._differential_end(tokens, i)
        if d is None:
            return None
        slash = d if d < len(tokens) and tokens[d].text == "/" else self._name_end(tokens, d)
        if slash is None or slash >= len(tokens) or tokens[slash].text != "/":
            return None
        d2 = self._differential_end(tokens, slash + 1)
        end = _variable_end(tokens, d2) if d2 is not None else None
        if end is None:
            return None
        variable = _source(latex, tokens[d2:end])
        if slash > d:
            return _Operator(i, end, variable, _source(latex, tokens[d:slash]))
        return self._applied(tokens, i, end, variable, latex)

    def _fraction(self, tokens: list[_Token], i: int, latex: str) -> _Operator | None:
        """∂L/∂w, ``\\frac{d}{dx}(…)`` or ``\\frac{\\partial (θx − y)}{\\partial θ}``."""
        numerator_end = _bracket_end(tokens, i + 1, ("{",))
        denominator_end = _bracket_end(tokens, numerator_end, ("{",)) if numerator_end else None
        if denominator_end is None:
            return None
        d = self._differential_end(tokens, i + 2)
        d2 = self._differential_end(tokens, numerator_end + 1)
        if d is None or d > numerator_end - 1 or d2 is None:
            return None
        if tokens[d].text == "^" or (d2 < denominator_end - 1 and tokens[d2].text == "^"):
            raise ParseError("only first derivatives can be checked (found a higher derivative)")
        end = _variable_end(tokens, d2)
        if end != denominator_end - 1:
            if end is not None and tokens[end].text == "^":
                raise ParseError("only first derivatives can be checked (found a higher derivative)")
            return None
        variable = _source(latex, tokens[d2:end])
        if d < numerator_end - 1:
            return _Operator(i, denominator_end, variable, _source(latex, tokens[d:numerator_end - 1]))
        return self._applied(tokens, i, denominator_end, variable, latex)

    def _applied(self, tokens: list[_Token], start: int, after: int, variable: str, latex: str) -> _Operator:
        """An operator without numerator and the operand after it: a bracket (with its power) or a term."""
        end = _bracket_end(tokens, after)
        if end is not None and end < len(tokens) and tokens[end].text == "^":
            end = _argument_end(tokens, end + 1) or end
        if end is None:
            end = _term_end(tokens, after)
        if end == after:
            raise ParseError(f"the derivative by {variable} at '{_short(_source(latex, tokens[start:after]), 30)}' "
                             "has nothing to differentiate")
        return _Operator(start, end, variable, _source(latex, tokens[after:end]))

    def _differential_end(self, tokens: list[_Token], i: int) -> int | None:
        """The index after a differential ∂, d or \\mathrm{d} at ``i`` (d only where the loss has no variable d)."""
        if i >= len(tokens):
            return None
        first = tokens[i].text
        if first == "\\partial" or (first == "d" and "d" not in self.names):
            return i + 1
        if first in _ROMAN and [t.text for t in tokens[i + 1:i + 4]] == ["{", "d", "}"]:
            return i + 4
        return None

    def _name_end(self, tokens: list[_Token], i: int) -> int | None:
        """The index after a name with optional arguments (L, \\mathcal{L}(w, b), f(x)) or a bracket at ``i``."""
        if i >= len(tokens):
            return None
        first = tokens[i].text
        end = _bracket_end(tokens, i)
        if end is not None:
            return end
        if first in ("\\mathcal", "\\mathscr"):
            end = _argument_end(tokens, i + 1)
        elif first == "\\ell" or first in _GREEK or (len(first) == 1 and first.isalpha()):
            end = i + 1
        if end is None:
            return None
        return _bracket_end(tokens, end, ("(", "[")) or end

    def lone_name(self, written: str) -> str | None:
        """The name in ``written`` if it is one name with optional arguments: ``L``, ``\\mathcal{L}(w)``, ``y``."""
        tokens = _tokens(written)
        if not tokens or _bracket_end(tokens, 0) is not None or self._name_end(tokens, 0) != len(tokens):
            return None
        name = tokens[0].text
        if name in _FUNCTIONS or name == "e":
            return None
        return _source(written, tokens[:_argument_end(tokens, 1) if name in ("\\mathcal", "\\mathscr") else 1])

    def names_loss(self, name: str) -> bool:
        """Whether a written function name means the loss: \\mathcal{L}, \\ell, or a letter that is not its variable."""
        tokens = _tokens(name)
        if tokens[0].text in _LOSS_COMMANDS:
            return True
        return _GREEK.get(tokens[0].text, tokens[0].text) not in self.names

    def _is_function(self, written: str) -> bool:
        return written in _FUNCTIONS or written.startswith(("\\operatorname", "\\mathrm"))

    def variable(self, written: str) -> sympy.Expr:
        """The symbol a written variable names (one of the loss's, or an inner name such as z)."""
        expr = parse_latex_answer(written, LatexContext(self.names, self.sigma))
        if not (expr.is_Symbol or expr.is_Indexed):
            raise ParseError(f"a derivative must be taken by a variable, not by '{written}'")
        return expr

    def derivative(self, operator: _Operator, depth: int) -> sympy.Expr:
        """The value of a derivative operator: sympy.diff of its operand (the loss itself for ∂L/∂w)."""
        name = self.lone_name(operator.operand)
        if name is not None and self.names_loss(name):
            operand = self.loss
        else:
            operand = self.expression(operator.operand, depth + 1)
        return differentiate(operand, self.variable(operator.variable), self.hints)


def differentiate(expr: sympy.Expr, variable: sympy.Expr, hints=()) -> sympy.Expr:
    """∂expr/∂variable, where ``variable`` may be an inner name such as z = ωx + b (held fixed as a symbol)."""
    inner = dict(hints)
    try:
        if variable in inner:
            others = {n: v for n, v in hints if n != variable}
            return sympy.diff(expr.xreplace(others).xreplace({inner[variable]: variable}), variable)
        return sympy.diff(expr.xreplace(inner), variable)
    except (ValueError, TypeError, NotImplementedError) as error:
        raise ParseError(f"cannot differentiate by {variable}: {error}") from None


# -- checking -----------------------------------------------------------------------------------------

def check_derivation(objective, wrt: str, latex: str, settings: CheckSettings = CheckSettings(),
                     expected: sympy.Expr | None = None) -> ChainVerdict:
    """Each step of a LaTeX derivation of ∂L/∂``wrt`` against the step before it, and the last against the truth.

    >>> from symbolic.models import from_text
    >>> str(check_derivation(from_text("x**3", ["x"]), "x", r"f'(x) = 3x^2 = 3x \\cdot x")).splitlines()[-1]
    'final: correct (exact and numeric (24 points))'
    """
    steps = split_steps(latex)
    if expected is None:
        expected = derive(objective, [wrt])[wrt].gradient
    reader = _Reader(objective)
    truth_of = {str(s): s for s in objective.parameters} | reader.names
    if wrt not in truth_of:
        raise ValueError(f"the objective has no variable {wrt!r}")
    lhs = _read(steps[0], 0, reader.left_hand_side)
    if lhs is not None:
        if len(steps) == 1:
            raise ParseError(f"the derivation is only its left-hand side '{_short(steps[0])}'; write what it equals")
        value, first = _judge_left_hand_side(reader, lhs, steps[0], truth_of[wrt], expected, settings)
    else:
        value = _read(steps[0], 0, reader.value)
        first = _step(steps[0], expected, value, settings)
    results, values = [first], [value]
    for number, step in enumerate(steps[1:], start=1):
        values.append(_read(step, number, reader.value))
        results.append(_step(step, values[-2], values[-1], settings))
    final = compare(expected, values[-1], settings)
    first_wrong = next((k for k, r in enumerate(results) if r.verdict == "wrong"), None)
    return ChainVerdict(tuple(results), first_wrong, final.verdict, final)


def _read(step: str, number: int, read):
    """``read(step)`` after the answer parser's cheap limits, its errors saying which step they are in."""
    try:
        precheck(step)
        return read(step)
    except ParseError as error:
        raise type(error)(f"step {number} ({_short(step)}): {error}") from None


def _step(latex: str, previous: sympy.Expr, value: sympy.Expr, settings: CheckSettings) -> StepResult:
    """One step judged against the one before it (an identical expression needs no test)."""
    if value == previous:
        return StepResult(latex, "ok")
    verdict = compare(previous, value, settings)
    return StepResult(latex, STEP_VERDICTS[verdict.verdict], verdict.diagnosis, verdict.counterexample)


def _judge_left_hand_side(reader: _Reader, lhs: _LeftHandSide, latex: str, wrt: sympy.Expr, expected: sympy.Expr,
                          settings: CheckSettings) -> tuple[sympy.Expr, StepResult]:
    """The value a left-hand side stands for, and whether it is the derivative asked for.

    ∂L/∂b when ∂L/∂ω is asked stands for ∂L/∂b, so the next step is judged against what the student wrote;
    a left-hand side without a usable value (∂y/∂ω, a variable the loss lacks) stands for the true derivative.
    """
    variable = _read(lhs.variable, 0, reader.variable)
    if lhs.activation:
        if variable != wrt:
            return expected, _wrong(latex, f"the left-hand side differentiates by {unicode_text(variable)}, "
                                           f"not {unicode_text(wrt)}")
        value = _read(latex, 0, reader.value)
        if compare(expected, value, settings).verdict != "correct":
            return value, _wrong(latex, f"the left-hand side is {unicode_text(value)}, not the derivative of this loss")
        return value, StepResult(latex, "ok")
    if lhs.function and not reader.names_loss(lhs.function):
        return expected, _wrong(latex, f"the left-hand side differentiates {lhs.function}, not the loss")
    if variable == wrt:
        return expected, StepResult(latex, "ok")
    by = f"the left-hand side differentiates by {unicode_text(variable)}, not {unicode_text(wrt)}"
    if not (reader.loss.has(variable) or variable in dict(reader.hints)):
        return expected, _wrong(latex, f"{by}, and the loss has no variable {unicode_text(variable)}")
    value = differentiate(reader.loss, variable, reader.hints).xreplace(dict(reader.hints))
    counterexample = compare(expected, value, settings).counterexample
    return value, _wrong(latex, by, counterexample)


def _wrong(latex: str, detail: str, counterexample=None) -> StepResult:
    return StepResult(latex, "wrong", Diagnosis("other", detail, latex), counterexample)
