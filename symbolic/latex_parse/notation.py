"""The allowlist: every LaTeX command and character the answer parser accepts, as data tables.

A command not in these tables is rejected by the lexer (``unknown or forbidden LaTeX command``),
so anything TeX could execute (``\\input``, ``\\def``, ``\\catcode``, ...) never gets past it.
"""
from __future__ import annotations

from ..activations import ACTIVATIONS
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

#: elementary functions by their LaTeX command or operator name → function key (see functions.py)
MATH_FUNCTIONS: dict[str, str] = {
    "exp": "exp", "log": "log", "ln": "log", "sin": "sin", "cos": "cos", "tan": "tan",
    "sinh": "sinh", "cosh": "cosh", "arcsin": "asin", "arccos": "acos", "arctan": "atan",
    "max": "max", "min": "min", "sgn": "sign", "sign": "sign",
}


def _activation_commands() -> tuple[dict[str, str], dict[str, str]]:
    """Activation commands (``\\sigma``, ``\\tanh``) and operator names (``ReLU``, ``relu``, ``step``)."""
    commands: dict[str, str] = {}
    operator_names: dict[str, str] = {}
    for name, cls in ACTIVATIONS.items():
        operator_names[name.lower()] = name
        latex = cls.latex_name
        if latex.startswith(r"\operatorname{") and latex.endswith("}") and latex.count("{") == 1:
            operator_names[latex[len(r"\operatorname{"):-1].lower()] = name
        elif latex[1:].isalpha():
            commands[latex[1:]] = name
    return commands, operator_names


ACTIVATION_COMMANDS, ACTIVATION_OPERATOR_NAMES = _activation_commands()

#: control words → (token type, value)
COMMANDS: dict[str, tuple[str, str]] = {
    **{name: ("GREEK", value) for name, value in GREEK_COMMANDS.items()},
    **{name: ("FUNC", key) for name, key in MATH_FUNCTIONS.items()},
    **{name: ("FUNC", key) for name, key in ACTIVATION_COMMANDS.items()},
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
OPERATOR_NAMES: dict[str, str] = {**MATH_FUNCTIONS, **ACTIVATION_OPERATOR_NAMES}

#: commands that take one braced name, and what the name may be
NAMED_COMMANDS: frozenset[str] = frozenset({"operatorname", "mathrm", "text", "textrm", "mathit", "textnormal"})
INDICATOR_COMMANDS: frozenset[str] = frozenset({"mathbb", "mathbbm", "mathbf", "boldsymbol"})
INDICATOR_NAMES: frozenset[str] = frozenset({"1", "I"})

#: token types whose TeX argument count the arranger enforces (a braced group or a single token)
ARGUMENT_COUNTS: dict[str, int] = {"FRAC": 2, "SQRT": 1, "CARET": 1, "UNDERSCORE": 1, "HAT": 1}
