"""Reading one step: a left-hand side such as ∂L/∂ω names a derivative; operators such as ∂/∂θ(θx − y)
are taken with sympy.diff before the rest of the line goes to the LaTeX parser."""
from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from ..errors import ParseError, UnsafeInputError
from ..latex_parse import LatexContext, notation, parse_latex_answer
from ..parse import GENERIC_SIGMA
from .answer import _check_names, names_of
from .chain_split import (  # noqa: F401 - the tables and helpers the reader shares
    _CLOSERS,
    _OPENERS,
    MAX_OPERATORS,
    MAX_OPERATOR_NESTING,
    _FRACS,
    _FUNCTIONS,
    _GREEK,
    _ROMAN,
    _SIZES,
    _TOKEN,
    _short,
)

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
