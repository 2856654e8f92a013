"""The textbook backprop equations of an MLP, layer by layer, each with its shape.

Built from templates and each activation's ``local_derivative`` (σ' = A ⊙ (1 − A)), so deriving a
784-128-10 network costs the same as a 3-2-2 one: the sizes only appear in the shapes.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..activations import activation
from ..render.latex import annotation
from .hadamard import hadamard
from ..derive.registry import Rule
from ..derive.registry import rule as rule_record
from .spec import MLPSpec

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class Equation:
    """``lhs = rhs`` in LaTeX and in text, with the shape of the left-hand side and a remark."""

    lhs: str
    rhs: str
    text_lhs: str
    text_rhs: str
    shape: str
    note: str = ""
    #: the registered rule this equation states (symbolic.derive.registry); an unknown id fails here
    rule: Rule | str = "forward_pass"

    def __post_init__(self):
        object.__setattr__(self, "rule", rule_record(self.rule))

    def to_json(self) -> dict:
        """{"lhs", "rhs", "text", "shape", "note", "rule"}."""
        return {"lhs": self.lhs, "rhs": self.rhs, "text": f"{self.text_lhs} = {self.text_rhs}",
                "shape": self.shape, "note": self.note, "rule": self.rule.to_json()}


@dataclass(frozen=True)
class MatrixDerivation:
    """Forward pass, loss, backward pass (δ's) and the gradient of every parameter, in matrix form."""

    spec: MLPSpec
    forward: tuple[Equation, ...]
    loss: Equation
    backward: tuple[Equation, ...]
    gradients: tuple[Equation, ...]

    def to_latex(self) -> str:
        """One ``align*`` block: forward, loss, backward, gradients, each line with its shape."""
        rows = []
        for title, eqs in (("forward", self.forward), ("loss", (self.loss,)), ("backward", self.backward),
                           ("gradients", self.gradients)):
            rows.append(rf"&\text{{{title}:}} \\")
            for e in eqs:
                note = f"; {e.note}" if e.note else ""
                rows.append(rf"{e.lhs} &= {e.rhs} {annotation(f'${e.shape}${note}')} \\")
        return "\\begin{align*}\n" + "\n".join(rows).rstrip("\\ \n") + "\n\\end{align*}"

    def to_text(self) -> str:
        """The equations as unicode text with their shapes."""
        out = []
        for title, eqs in (("forward", self.forward), ("loss", (self.loss,)), ("backward", self.backward),
                           ("gradients", self.gradients)):
            out.append(f"{title}:")
            width = max(len(f"{e.text_lhs} = {e.text_rhs}") for e in eqs)
            for e in eqs:
                line = f"{e.text_lhs} = {e.text_rhs}"
                note = f"; {e.note}" if e.note else ""
                out.append(f"  {line.ljust(width)}    [{e.shape.replace(chr(92) + 'times', '×')}{note}]")
        return "\n".join(out)

    def to_json(self) -> dict:
        """{"model", "parameters": {name: shape}, "forward", "loss", "backward", "gradients"}."""
        return {"model": {"layers": list(self.spec.layers), "activations": list(self.spec.activations),
                          "loss": self.spec.loss, "reg": self.spec.reg},
                "parameters": {k: list(v) for k, v in self.spec.shapes().items()},
                "forward": [e.to_json() for e in self.forward], "loss": self.loss.to_json(),
                "backward": [e.to_json() for e in self.backward], "gradients": [e.to_json() for e in self.gradients]}

    def _repr_latex_(self) -> str:
        return "$$" + self.to_latex() + "$$"

    def __str__(self) -> str:
        return self.to_text()


def _m(name: str, layer: int | None = None) -> tuple[str, str]:
    """(LaTeX, text) of a layer's matrix: Z^{(2)}, Z⁽²⁾."""
    if layer is None:
        return name, name
    return f"{name}^{{({layer})}}", f"{name}" + f"({layer})".translate(str.maketrans("()0123456789", "⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _shape(*dims) -> str:
    return r" \times ".join(str(d) for d in dims)


def matrix_derivation(spec: MLPSpec) -> MatrixDerivation:
    """The matrix-form derivation of an MLP's gradients."""
    L, sizes = spec.depth, spec.layers
    forward, backward, gradients = [], [], []
    for l in range(1, L + 1):
        prev = _m("X") if l == 1 else _m("A", l - 1)
        Z, W, b = _m("Z", l), _m("W", l), _m("b", l)
        bias = (rf" + \mathbf{{1}} {{{b[0]}}}^\top", f" + 1·{b[1]}ᵀ") if spec.biases else ("", "")
        forward.append(Equation(Z[0], f"{prev[0]} {W[0]}{bias[0]}", Z[1], f"{prev[1]}·{W[1]}{bias[1]}",
                                _shape("n", sizes[l])))
        if l < L:
            f = activation(spec.activations[l - 1])
            A = _m("A", l)
            forward.append(Equation(A[0], rf"{f.latex_name}\!\left({Z[0]}\right)", A[1], f"{f.name}({Z[1]})",
                                    _shape("n", sizes[l]), "elementwise"))
    ZL = _m("Z", L)
    if spec.loss == "cross_entropy":
        forward.append(Equation(r"\hat{Y}", rf"\operatorname{{softmax}}\!\left({ZL[0]}\right)", "Ŷ",
                                f"softmax({ZL[1]})", _shape("n", sizes[-1]), "row by row"))
        data_term = (r"-\frac{1}{n} \sum_{i=1}^{n} \sum_{j=1}^{k} Y_{ij} \log \hat{Y}_{ij}",
                     "-(1/n) Σᵢ Σⱼ Yᵢⱼ log Ŷᵢⱼ")
        delta_note = "softmax + cross-entropy"
    else:
        forward.append(Equation(r"\hat{Y}", ZL[0], "Ŷ", ZL[1], _shape("n", sizes[-1]), "linear output"))
        data_term = (r"\frac{1}{2n} \left\lVert \hat{Y} - Y \right\rVert_F^2", "(1/2n) ‖Ŷ − Y‖²")
        delta_note = "derivative of the squared error"
    penalty = ("", "")
    if spec.reg == "l2":
        penalty = (r" + \lambda \sum_{\ell=1}^{" + str(L) + r"} \left\lVert W^{(\ell)} \right\rVert_F^2",
                   f" + λ Σ_ℓ ‖W⁽ℓ⁾‖² (ℓ = 1..{L})")
    loss = Equation(r"\mathcal{L}", data_term[0] + penalty[0], "L", data_term[1] + penalty[1], "1 \\times 1",
                    "weights only, never biases" if spec.reg == "l2" else "", "loss_definition")
    dL = _m(r"\delta", L)
    backward.append(Equation(dL[0], r"\frac{1}{n}\left(\hat{Y} - Y\right)", "δ" + f"({L})".translate(
        str.maketrans("()0123456789", "⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹")), "(Ŷ − Y)/n", _shape("n", sizes[-1]), delta_note,
        "output_delta"))
    z, a = sympy.Symbol("z"), sympy.Symbol("a")
    for l in range(L, 0, -1):
        d = (rf"\delta^{{({l})}}", "δ" + f"({l})".translate(str.maketrans("()0123456789", "⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹")))
        prev = _m("X") if l == 1 else _m("A", l - 1)
        W = _m("W", l)
        reg = (rf" + 2\lambda {W[0]}", f" + 2λ{W[1]}") if spec.reg == "l2" else ("", "")
        layer = [Equation(rf"\frac{{\partial \mathcal{{L}}}}{{\partial {W[0]}}}",
                          rf"{{{prev[0]}}}^\top {d[0]}{reg[0]}", f"∂L/∂{W[1]}", f"{prev[1]}ᵀ·{d[1]}{reg[1]}",
                          _shape(sizes[l - 1], sizes[l]), rule="weight_gradient")]
        if spec.biases:
            b = _m("b", l)
            layer.append(Equation(rf"\frac{{\partial \mathcal{{L}}}}{{\partial {b[0]}}}",
                                  rf"{{{d[0]}}}^\top \mathbf{{1}}", f"∂L/∂{b[1]}", f"{d[1]}ᵀ·1",
                                  _shape(sizes[l]), "column sums", "bias_gradient"))
        gradients.append(layer)
        if l > 1:
            f = activation(spec.activations[l - 2])
            Zp, Ap = _m("Z", l - 1), _m("A", l - 1)
            local = f.local_derivative(z, a)
            fprime = (hadamard(local, {z: Zp[0], a: Ap[0]}), hadamard(local, {z: Zp[1], a: Ap[1]}, latex=False))
            dp = (rf"\delta^{{({l - 1})}}", "δ" + f"({l - 1})".translate(str.maketrans("()0123456789", "⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹")))
            backward.append(Equation(dp[0], rf"\left({d[0]} {{{W[0]}}}^\top\right) \odot {f.latex_name}'\!\left({Zp[0]}\right)"
                                     rf" = \left({d[0]} {{{W[0]}}}^\top\right) \odot \left({fprime[0]}\right)",
                                     dp[1], f"({d[1]}·{W[1]}ᵀ) ⊙ {f.name}'({Zp[1]}) = ({d[1]}·{W[1]}ᵀ) ⊙ ({fprime[1]})",
                                     _shape("n", sizes[l - 1]), rule="backprop_delta"))
    gradients.reverse()  # layer 1 first, W before b
    return MatrixDerivation(spec, tuple(forward), loss, tuple(backward), tuple(e for layer in gradients for e in layer))
