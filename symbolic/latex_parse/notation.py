"""The allowlist: every LaTeX command and character the answer parser accepts, as data tables.

A command not in these tables is rejected by the lexer (``unknown or forbidden LaTeX command``),
so anything TeX could execute (``\\input``, ``\\def``, ``\\catcode``, ...) never gets past it.
"""
from __future__ import annotations

from ..functions import latex_commands, latex_operator_names, text_spellings
from ..names import GREEK

#: single characters → token type
CHARACTERS: dict[str, str] = {
    "+": "PLUS", "-": "MINUS", "*": "MUL", "/": "SLASH", "=": "EQUALS", ",": "COMMA",
    "^": "CARET", "_": "UNDERSCORE", "'": "PRIME", "|": "BAR",
    "(": "LPAR", ")": "RPAR", "[": "LBRACK", "]": "RBRACK", "{": "LBRACE", "}": "RBRACE",
}

#: spacing and layout commands, dropped by the lexer (``~`` is handled with whitespace)
IGNORED: frozenset[str] = frozenset({
    ",", ";", ":", "!", " ", "quad", "qquad", "limits", "nolimits", "displaystyle", "textstyle",
})

#: size prefixes for a following delimiter, with the side they imply for ``|`` (None: either)
SIZES: dict[str, str | None] = {
    "left": "open", "right": "close", "middle": None,
    **{f"{size}{side}": ("open" if side == "l" else "close" if side == "r" else None)
       for size in ("big", "Big", "bigg", "Bigg") for side in ("", "l", "r", "m")},
}

#: Greek letters that name variables (``\sigma`` is the activation, ``\pi`` the constant unless
#: the context names a symbol ``pi``); the ``var`` forms share the plain letter's name
GREEK_COMMANDS: dict[str, str] = {
    **{name: name for name in GREEK if name != "sigma"},
    **{name.capitalize(): name.capitalize()
       for name in ("gamma", "delta", "theta", "lambda", "xi", "pi", "sigma", "upsilon", "phi", "psi", "omega")},
    "varepsilon": "epsilon", "vartheta": "theta", "varphi": "phi", "varrho": "rho", "varpi": "pi",
}

#: function commands (``\\exp``, ``\\tanh``, ``\\arcsin``) and ``\\operatorname{…}`` names (``ReLU``,
#: ``softplus``, lower case) → function key, the registry's canonical name (see functions.py)
FUNCTION_COMMANDS: dict[str, str] = {word: info.name for word, info in latex_commands().items()}
FUNCTION_OPERATOR_NAMES: dict[str, str] = {word: info.name for word, info in latex_operator_names().items()}

#: words written without a backslash that name a function (``tanh(z)``, ``sigmoid(z)``, ``relu'(z)`` pasted
#: into LaTeX), from the registry's text spellings; single letters never name functions
TEXT_FUNCTIONS: dict[str, str] = {
    **{word.lower(): info.name for word, info in text_spellings().items() if len(word) > 1 and info.cls is not None},
    **{word: info.name for word, info in latex_commands().items() if len(word) > 1},
}

#: comparisons inside an indicator's condition (``\mathbb{1}[z > 0]``, ``[z \geq 0]``) → the relation
RELATIONS: dict[str, str] = {
    "gt": ">", "lt": "<", "geq": ">=", "ge": ">=", "geqslant": ">=", "leq": "<=", "le": "<=", "leqslant": "<=",
    "neq": "!=", "ne": "!=",
}

#: control words → (token type, value)
COMMANDS: dict[str, tuple[str, str]] = {
    **{name: ("GREEK", value) for name, value in GREEK_COMMANDS.items()},
    **{name: ("FUNC", key) for name, key in FUNCTION_COMMANDS.items()},
    "sigma": ("FUNC", "sigma"),  # the sigmoid or a generic sigma, as the context says
    **{name: ("FRAC", "frac") for name in ("frac", "dfrac", "tfrac", "cfrac")},
    "sqrt": ("SQRT", "sqrt"), "sum": ("SUM", "sum"), "prime": ("PRIME", "'"),
    "cdot": ("MUL", "*"), "times": ("MUL", "*"), "ast": ("MUL", "*"), "div": ("SLASH", "/"),
    "hat": ("HAT", "hat"), "widehat": ("HAT", "hat"), "bar": ("HAT", "bar"), "overline": ("HAT", "bar"),
    "tilde": ("HAT", "tilde"), "widetilde": ("HAT", "tilde"),
    "{": ("LCURLY", "{"), "}": ("RCURLY", "}"),
    "vert": ("BAR", ""), "lvert": ("BAR", "open"), "rvert": ("BAR", "close"),  # the side, if the command says
}

#: names accepted inside ``\operatorname{…}``, ``\mathrm{…}``, ``\text{…}`` (compared in lower case)
OPERATOR_NAMES: dict[str, str] = FUNCTION_OPERATOR_NAMES

#: commands that take one braced name, and what the name may be
NAMED_COMMANDS: frozenset[str] = frozenset({"operatorname", "mathrm", "text", "textrm", "mathit", "textnormal",
                                            "mathop", "textit", "textsf", "mathsf"})
INDICATOR_COMMANDS: frozenset[str] = frozenset({"mathbb", "mathbbm", "mathds", "mathbf", "boldsymbol", "bm"})
INDICATOR_NAMES: frozenset[str] = frozenset({"1", "I"})

#: token types whose TeX argument count the arranger enforces (a braced group or a single token)
ARGUMENT_COUNTS: dict[str, int] = {"FRAC": 2, "SQRT": 1, "CARET": 1, "UNDERSCORE": 1, "HAT": 1}
