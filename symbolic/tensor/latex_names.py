"""Names in LaTeX: ``\\mathbf{X}``, ``\\hat y`` → yhat, ``W^{(1)}``/``W_1``/``W^{[1]}`` → W1, ``\\mathbf{1}``,
``I``, and inside an indexed sum ``x_i`` (row i of X as a column) or ``y_i`` (entry i of y) as placeholders.

A decorated name must be declared (in the shapes or ``names``); a plain undeclared name is a scalar, as in
the text parser, except a lower-case letter beside a declared matrix (x beside X), which is refused.
"""
from __future__ import annotations

import sympy

from ..errors import ParseError
from ..names import check_identifier
from . import tree as t
from .latex_build import Pending
from .latex_cursor import Cursor
from .latex_sums import Indexed
from .latex_tokens import ACCENTS, FONTS, GREEK, Token
from .printing import unicode
from .shapes import MAX_LITERAL_DIM


#: Greek letters that name scalars by convention, so ``\\lambda(w + v)`` is a product; any other undeclared
#: name before a parenthesis (``\\phi(z)``, ``g(\\theta^T x)``, ``s(Xw)``) reads like a function and is refused
SCALAR_LETTERS = frozenset({"lambda", "alpha", "beta", "gamma", "eta", "rho", "tau", "epsilon", "kappa", "mu", "nu",
                            "omega", "theta", "sigma", "pi", "Lambda"})


class NameReader(Cursor):
    """Reading names with their fonts, accents and indices."""

    def plain_name(self, owner: Token) -> str:
        """The letter under an accent or a font: ``\\hat y``, ``\\hat{\\mathbf{y}}``, ``\\hat\\theta``."""
        token = self.take()
        while token.kind == "cmd" and token.value in FONTS:
            token = self.take()
        opened = token.kind == "char" and token.value == "{"
        if opened:
            token = self.take()
            while token.kind == "cmd" and token.value in FONTS:
                token = self.take()
        if token.kind in ("word", "name"):
            name = token.value
        elif token.kind == "cmd" and token.value in GREEK:
            name = GREEK[token.value]
        else:
            raise ParseError(f"{owner} at column {owner.column} needs a letter, e.g. {owner}{{y}}")
        if opened:
            self.expect("}", owner)
        return name

    def font(self, token: Token):
        """``\\mathbf{X}`` is X, ``\\mathbf{Xw}`` is Xw, ``\\mathbf{1}`` the ones vector, ``\\mathbf{I}`` I."""
        nxt = self.peek()
        if nxt.kind == "num" and nxt.value in ("1", "0"):
            self.take()
            if nxt.value == "0":
                raise ParseError(f"\\{token.value}{{0}} at column {token.column}: write 0")
            return self.ones(token)
        if nxt.kind == "word" and nxt.value == "I" and "I" not in self.known:
            self.take()
            return self.identity(token)
        if nxt.kind == "word" and nxt.value in ("R", "N", "E") and token.value in ("mathbb", "mathds", "mathbbm"):
            raise ParseError(f"\\{token.value}{{{nxt.value}}} at column {token.column} has no value here")
        if nxt.kind in ("word", "name") or (nxt.kind == "cmd" and nxt.value in GREEK):
            return self.named_value(self.plain_name(token), token.column)
        if nxt.kind == "func":
            self.take()
            return self.function(self._func_key(nxt.value), nxt)
        if nxt.kind == "char" and nxt.value == "{":
            return self.argument(token)
        raise ParseError(f"\\{token.value} at column {token.column} needs a letter or a braced expression")

    def ones(self, token: Token):
        if self.is_char("_"):
            script = self.script()
            size = script[0] if len(script) == 1 else None
            dims = self.builder.dims
            if size is None or size.value not in dims and not size.value.isdigit():
                raise ParseError(f"\\mathbf{{1}}_… at column {token.column} needs a dimension, e.g. \\mathbf{{1}}_n")
            n = dims.get(size.value, sympy.Integer(size.value) if size.value.isdigit() else None)
            if n not in dims.values() and not 1 <= n <= MAX_LITERAL_DIM:
                raise ParseError(f"\\mathbf{{1}}_{{{size.value}}} at column {token.column}: a length from 1 to "
                                 f"{MAX_LITERAL_DIM}")
            return t.Const(1) if n == 1 else t.Ones((n, sympy.Integer(1)))
        return Pending("ones", token.column)

    def identity(self, token: Token):
        if self.is_char("_"):
            script = self.script()
            size = script[0] if len(script) == 1 else None
            if size is None or size.value not in self.builder.dims:
                raise ParseError(f"I_… at column {token.column} needs a dimension, e.g. I_d")
            return t.Identity(self.builder.dims[size.value])
        return Pending("identity", token.column)

    def named_value(self, base: str, column: int, accented: str = ""):
        """A name with its decorations: ``W^{(1)}``, ``W_1``, ``W^{[1]}`` → W1; ``x_i`` inside a sum."""
        marker = self.peek()
        decoration, transposed = self.decorations(base)
        if self.index is not None and base == self.index.letter and decoration is None:
            raise ParseError(f"the index {base} itself at column {column} is not supported in the sum's terms; "
                             "write the sum in matrix form")
        if accented and decoration is None and base not in self.known:
            raise ParseError(f"{accented} at column {column} ({base}) is not declared: give it its shape in --shapes "
                             "or define it")
        defined = base + (decoration or "")
        if defined in self.functions and self.is_char("(") and (decoration is None or self.index is None or
                                                               decoration != self.index.letter):
            return self.expand(defined, column)
        value = self.resolve_name(base, decoration, column)
        if decoration is None and base not in self.known and base not in SCALAR_LETTERS and self.is_char("("):
            raise ParseError(f"{base}(…) at column {column}: {base} is neither a function symgrad knows nor declared; "
                             f"write its value (σ(…), \\tanh(…)), or declare {base} (e.g. {base}:1) for a product")
        return self.transpose(value, marker) if transposed else value

    def decorations(self, base: str) -> tuple[str | None, bool]:
        """``_k``, ``^{(k)}``, ``^{[k]}`` (also ``^{(k)T}``) and a ``^T`` written before ``_k`` (``x^T_i``)."""
        decoration, transposed = None, False
        while decoration is None:
            if self.is_char("_"):
                marker = self.peek()
                tokens = self.script()
                if len(tokens) == 1 and tokens[0].kind == "cmd" and tokens[0].value in GREEK:  # h_\theta
                    decoration = GREEK[tokens[0].value]
                    continue
                if len(tokens) != 1 or tokens[0].kind not in ("num", "word", "name"):
                    raise ParseError(f"cannot read the subscript of {base} at column {marker.column}; "
                                     "declare the name (W1 for W_1) in --shapes")
                decoration = tokens[0].value
            elif self.is_char("^") and self._layer_script():
                tokens = self.script()
                decoration, transposed = tokens[1].value, transposed or len(tokens) == 4
            elif self.is_char("^") and not transposed and self._is_transpose(self.peek(1)) and self.is_char("_", 2):
                self.script()
                transposed = True
            else:
                break
        return decoration, transposed

    def resolve_name(self, base: str, decoration: str | None, column: int):
        if decoration is None:
            return self.lookup(base, column)
        if self.index is not None and decoration == self.index.letter:
            return self.indexed(base, column)
        for candidate in (base + decoration, f"{base}_{decoration}"):
            if candidate in self.known:
                return self.lookup(candidate, column)
        if decoration in self.ended and self.index is None:
            raise ParseError(f"{base}_{decoration} at column {column} is outside its sum (a \\sum takes the term up "
                             "to the next + or -): put the summed terms in brackets, \\sum_i [ … ]")
        declared = [n for n in (base, base.capitalize()) if n in self.known and not self._scalar(n)]
        raise ParseError(f"{base} with index {decoration} at column {column}: {base + decoration} is not declared"
                         + (f" ({declared[0]} is)" if declared else "")
                         + f"; declare it in --shapes ({base + decoration}:1 for a scalar) or define it, "
                         "or write the expression in matrix form")

    def _is_transpose(self, token: Token) -> bool:
        return (token.kind in ("word", "name") and token.value in ("T", "t") and "t" not in self.known
                or token.value == "T") or (token.kind == "cmd" and token.value in ("top", "intercal"))

    def _layer_script(self) -> bool:
        """Whether the ``^`` ahead is ``^{(k)}``, ``^{[k]}`` or ``^{(k)T}`` (a layer or example index, not a power)."""
        if not self.is_char("{", 1):
            return False
        opener, index, closer = self.peek(2), self.peek(3), self.peek(4)
        if not (opener.kind == "char" and opener.value in "([" and index.kind in ("num", "word", "name") and
                closer.kind == "char" and closer.value == {"(": ")", "[": "]"}[opener.value]):
            return False
        return self.is_char("}", 5) or (self._is_transpose(self.peek(5)) and self.is_char("}", 6))

    def _scalar(self, name: str) -> bool:
        tree = self.names.get(name)
        if tree is not None:
            return tree.is_scalar
        shape = self.builder.shapes.get(name)
        return shape is None or (shape.rows == 1 and shape.cols == 1)

    def name_only(self) -> str:
        """Read one decorated name and nothing else (see ``latex_name``)."""
        first = self.peek()
        name = self.read_name()
        if self.peek().kind != "end":
            raise ParseError(f"a name is a letter or word with an index, e.g. \\delta^{{(2)}} or W_1, not {first}…")
        return name

    def derivative_name(self, frac: Token) -> str:
        """``\\frac{\\partial J}{\\partial \\mathbf{o}}`` (or ``\\frac{dJ}{do}``) as the name ``dJ_do``."""
        parts = []
        for _ in range(2):
            opened = self.take()
            mark = self.take()
            if not (opened.kind == "char" and opened.value == "{" and
                    (mark.kind == "cmd" and mark.value == "partial" or mark.kind == "word" and mark.value == "d")):
                raise ParseError(f"\\frac at column {frac.column}: a derivative is written "
                                 "\\frac{\\partial J}{\\partial o}")
            if self.is_char("}"):
                raise ParseError(f"the operator \\frac{{\\partial}}{{\\partial …}} at column {frac.column} is not "
                                 "supported: write the derivative's value")
            parts.append(self.read_name())
            self.expect("}", opened)
        return check_identifier(f"d{parts[0]}_d{parts[1]}")

    def read_name(self) -> str:
        """One decorated name at the cursor: ``\\delta^{(2)}`` → delta2, ``\\hat y`` → yhat, ``W_1`` → W1."""
        token = self.take()
        if token.kind == "cmd" and token.value in ("frac", "dfrac", "tfrac"):
            return self.derivative_name(token)
        if token.kind in ("word", "name"):
            base = token.value
        elif token.kind == "cmd" and token.value in GREEK:
            base = GREEK[token.value]
        elif token.kind == "cmd" and token.value == "sigma":
            base = "sigma"
        elif token.kind == "cmd" and token.value in ACCENTS:
            base = self.plain_name(token) + ACCENTS[token.value]
        elif token.kind == "cmd" and token.value in FONTS:
            base = self.plain_name(token)
        else:
            raise ParseError(f"not a name: {token or 'nothing'} at column {token.column}")
        decoration, transposed = self.decorations(base)
        if transposed:
            raise ParseError(f"a name is a letter or word with an index, e.g. \\delta^{{(2)}} or W_1, not {token}…")
        return check_identifier(base + (decoration or ""))

    def lookup(self, name: str, column: int) -> t.Node:
        if name in self.names:
            return self.names[name]
        capital = name.upper()
        if len(name) == 1 and name.islower() and name not in self.known and capital in self.known and \
                not self._scalar(capital):
            raise ParseError(f"{name} at column {column} is not declared ({capital} is): give {name} its shape in "
                             f"--shapes, or write the sum over the rows of {capital} in matrix form")
        return self.builder.name(name, column)

    def indexed(self, base: str, column: int) -> t.Node:
        """``x_i``: a placeholder for entry i of a vector or row i of a matrix (as a column), for latex_sums."""
        index = self.index
        source, entry = None, False
        found = []
        for candidate in dict.fromkeys((base, base.capitalize(), base.upper())):
            if candidate in self.known and not self._scalar(candidate):
                tree = self.lookup(candidate, column)
                if not tree.is_row:  # entry i of a vector, or row i of a matrix
                    found.append(tree)
        fitting = [tree for tree in found if index.count is None or tree.rows == index.count]
        if len(fitting) > 1:
            raise ParseError(f"{base}_{index.letter} at column {column} is ambiguous: "
                             + " and ".join(unicode(tree) for tree in fitting) + " both fit"
                             + ("; give the bound, e.g. \\sum_{i=1}^n" if index.count is None else ""))
        if fitting or found:
            source = (fitting or found)[0]
            entry = source.is_column
        if source is None:
            raise ParseError(f"cannot read the indexed sum: {base}_{index.letter} at column {column} is no entry or "
                             f"row of a declared vector or matrix; write it in matrix form")
        if index.count is None:
            index.count = source.rows
        elif source.rows != index.count:
            raise ParseError(f"{base}_{index.letter} at column {column}: the sum runs over {index.count} terms but "
                             f"{base if entry else base.capitalize()} has {source.rows} rows")
        placeholder = t.Var(f"{base}[{index.letter}]", (sympy.Integer(1), sympy.Integer(1)) if entry
                            else (source.cols, sympy.Integer(1)))
        index.placeholders[placeholder] = Indexed(source, entry)
        return placeholder
