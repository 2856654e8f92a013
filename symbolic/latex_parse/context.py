"""How written names map to the loss's own symbols: ``w_3`` → w3, ``W^{(1)}_{12}`` → W1_12, ``x_i`` → x[i]."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import sympy

from ..names import index, indexed, symbol
from .functions import SIGMAS

#: the number of examples in ``\frac{1}{n}\sum_{i=1}^{n}`` (the same symbol the empirical risk uses)
N_EXAMPLES = sympy.Symbol("n", integer=True, positive=True)

#: names a loss gives its number of examples besides n (Ng's m, the N of many notes)
_COUNT_NAMES = ("m", "N", "M")

#: bare letters that are constants unless the context names a symbol that way
CONSTANTS: dict[str, sympy.Expr] = {"e": sympy.E, "pi": sympy.pi}


@dataclass(frozen=True)
class LatexContext:
    """The loss's own names (``{"omega": ω, "x": IndexedBase x, "W1_12": …}``) and what ``\\sigma`` means.

    ``sigma="sigmoid"``: ``\\sigma`` is the Sigmoid activation and σ' = σ(1 − σ);
    ``sigma="generic"``: ``\\sigma`` is symbolic.generic's GenericSigma and σ'(z) its abstract SigmaPrime(z).
    """

    symbols: Mapping[str, sympy.Basic] = field(default_factory=dict)
    sigma: str = "sigmoid"

    def __post_init__(self) -> None:
        if self.sigma not in SIGMAS:
            raise ValueError(f"sigma must be one of {', '.join(SIGMAS)}, not {self.sigma!r}")

    @classmethod
    def from_expression(cls, expr: sympy.Basic, sigma: str = "sigmoid") -> LatexContext:
        """The names of an expression's symbols and indexed data, e.g. of an Objective's loss."""
        found = expr.atoms(sympy.Symbol, sympy.IndexedBase)
        return cls({str(s.label if isinstance(s, sympy.IndexedBase) else s.name): s for s in found}, sigma)


@dataclass(frozen=True)
class WrittenName:
    """A variable as written: base letter, decoration (``hat``), subscript parts and layer ``(1)``."""

    base: str
    decoration: str = ""
    subscript: tuple[str, ...] = ()
    layer: str = ""


class NameResolver:
    """Turns WrittenNames into sympy objects, preferring the context's names; ``indices`` are summation letters."""

    def __init__(self, context: LatexContext, indices: frozenset[str]):
        self.symbols = context.symbols
        self.indices = indices

    def resolve(self, written: WrittenName) -> sympy.Expr:
        """The sympy object for a written name (a new real symbol if the context has none)."""
        stems = (written.base + written.decoration, f"{written.base}_{written.decoration}") \
            if written.decoration else (written.base,)
        joined = "".join(written.subscript)
        if written.layer.isalpha():  # x^{(i)}, x^{(i)}_1, x_1^{(i)}: example i of the data x (or x1)
            return self._example(stems[0], written.subscript, written.layer)
        if written.layer:
            name = f"{stems[0]}{written.layer}_{joined}" if joined else f"{stems[0]}{written.layer}"
            return self.symbols[name] if name in self.symbols else symbol(name)
        if not joined:
            return self._plain(stems, bool(written.decoration))
        for stem in stems:
            if isinstance(self.symbols.get(stem), sympy.IndexedBase):
                return self.symbols[stem][tuple(self._index(part) for part in written.subscript)]
            for name in (stem + joined, f"{stem}_{joined}"):
                if name in self.symbols:
                    return self.symbols[name]
        numbers = "".join(p for p in written.subscript if p.isdigit())
        letters = [p for p in written.subscript if not p.isdigit()]
        if numbers and len(letters) == 1 and isinstance(self.symbols.get(stems[0] + numbers), sympy.IndexedBase):
            return self.symbols[stems[0] + numbers][self._index(letters[0])]  # x_{i1}, x_{i,1}: x1[i]
        if any(part in self.indices for part in written.subscript):
            return indexed(stems[0])[tuple(self._index(part) for part in written.subscript)]
        return symbol(stems[0] + joined if joined.isdigit() else f"{stems[0]}_{joined}")

    def _example(self, stem: str, subscript: tuple[str, ...], example: str) -> sympy.Expr:
        """Data ``stem`` (with a feature number from ``subscript``) at the example index ``example``."""
        name = stem + "".join(subscript)
        base = self.symbols.get(name)
        if not isinstance(base, sympy.IndexedBase):
            base = indexed(name if "".join(subscript).isdigit() or not subscript else f"{stem}_{''.join(subscript)}")
        return base[self._index(example)]

    def default_upper(self) -> sympy.Expr:
        """The upper bound of ``\\sum_i`` written without one: the loss's own count (m, N) if it has one, else n."""
        counts = [s for s in self.symbols.values()
                  if isinstance(s, sympy.Symbol) and s.is_integer and s.is_positive]
        if len(counts) == 1:
            return counts[0]
        named = [self.symbols[name] for name in _COUNT_NAMES if name in self.symbols]
        return named[0] if len(named) == 1 else N_EXAMPLES

    def _plain(self, stems: tuple[str, ...], decorated: bool) -> sympy.Expr:
        """A name without subscript: index, context symbol, n, constant, else a new symbol."""
        if not decorated and stems[0] in self.indices:
            return index(stems[0])
        for stem in stems:
            if stem in self.symbols:
                return self.symbols[stem]
        if stems[0] == "n":
            return N_EXAMPLES
        if not decorated and stems[0] in CONSTANTS:
            return CONSTANTS[stems[0]]
        return symbol(stems[0])

    def _index(self, part: str) -> sympy.Expr:
        """One subscript part as an index: a number or an integer symbol."""
        return sympy.Integer(part) if part.isdigit() else index(part)
