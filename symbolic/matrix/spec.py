"""A multilayer perceptron in matrix form: sizes, activations per layer, loss, regularizer.

Rows (the default): examples are rows, Z⁽ℓ⁾ = A⁽ℓ⁻¹⁾W⁽ℓ⁾ + 1b⁽ℓ⁾ᵀ with W⁽ℓ⁾ of shape n_{ℓ−1} × n_ℓ (the
transpose of the lecture's h × d, because X holds one example per row), A⁽⁰⁾ = X (n × d).  Columns:
the lecture's one example x ∈ ℝᵈ, z⁽ℓ⁾ = W⁽ℓ⁾a⁽ℓ⁻¹⁾ + b⁽ℓ⁾ with W⁽ℓ⁾ of shape n_ℓ × n_{ℓ−1}.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..activations import SCALAR_ACTIVATIONS
from ..errors import ModelError

MATRIX_LOSSES = ("cross_entropy", "squared")
MATRIX_REGULARIZERS = ("none", "l2")


@dataclass(frozen=True)
class MLPSpec:
    """layers = (d, h₁, …, k): input width, hidden widths, outputs; one activation per hidden layer."""

    layers: tuple[int, ...]
    activations: tuple[str, ...]
    loss: str = "cross_entropy"
    reg: str = "none"
    biases: bool = True
    #: "rows" (X is n × d, W⁽ℓ⁾ is n_{ℓ−1} × n_ℓ, numpy's) or "columns" (one example x, W⁽ℓ⁾ is n_ℓ × n_{ℓ−1})
    convention: str = "rows"

    def __post_init__(self):
        if self.convention not in ("rows", "columns"):
            raise ModelError(f"--convention is rows or columns, not {self.convention!r}")
        if len(self.layers) < 2 or any(not isinstance(s, int) or s < 1 or s > 100_000 for s in self.layers):
            raise ModelError("--layers needs at least two sizes from 1 to 100000, e.g. 784,128,10")
        if len(self.activations) != len(self.layers) - 2:
            raise ModelError(f"{len(self.layers) - 2} hidden layer(s) need as many activations, "
                             f"got {len(self.activations)}")
        for a in self.activations:
            if a not in SCALAR_ACTIVATIONS:
                raise ModelError(f"unknown activation {a!r} (choose from {', '.join(SCALAR_ACTIVATIONS)})")
        if self.loss not in MATRIX_LOSSES:
            raise ModelError(f"a matrix-form network takes the loss {' or '.join(MATRIX_LOSSES)}, not {self.loss!r}")
        if self.reg not in MATRIX_REGULARIZERS:
            raise ModelError(f"a matrix-form network takes the regularizer {' or '.join(MATRIX_REGULARIZERS)}")
        if self.loss == "cross_entropy" and self.layers[-1] < 2:
            raise ModelError("cross_entropy needs at least 2 output classes")

    @classmethod
    def build(cls, layers, activation="sigmoid", loss="cross_entropy", reg="none", biases=True,
              convention="rows") -> "MLPSpec":
        """From sizes and one activation name for every hidden layer (or a list, one per layer)."""
        layers = tuple(int(s) for s in layers)
        acts = tuple(activation) if isinstance(activation, (list, tuple)) else (activation,) * (len(layers) - 2)
        return cls(layers, acts, loss, reg, biases, convention)

    @property
    def depth(self) -> int:
        """The number of weight layers L."""
        return len(self.layers) - 1

    def shapes(self) -> dict[str, tuple[int, ...]]:
        """Parameter name → shape: W1 (d × h₁ in rows, h₁ × d in columns), b1 (h₁,), …"""
        out = {}
        for l in range(1, self.depth + 1):
            sizes = (self.layers[l - 1], self.layers[l])
            out[f"W{l}"] = sizes if self.convention == "rows" else sizes[::-1]
            if self.biases:
                out[f"b{l}"] = (self.layers[l],)
        return out

    @property
    def parameter_count(self) -> int:
        """How many numbers the parameters hold."""
        total = 0
        for shape in self.shapes().values():
            count = 1
            for s in shape:
                count *= s
            total += count
        return total
