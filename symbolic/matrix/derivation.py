"""The textbook backprop equations of an MLP, layer by layer, each with its shape, in either convention.

The network is a typed tree (``symbolic.tensor.models.mlp_tree``); every backward equation comes from
the tensor engine, run once per layer on the graph cut at the next pre-activation: seeded with
∂L/∂Z⁽ℓ⁾ = δ⁽ℓ⁾ it gives δ⁽ℓ⁻¹⁾, ∂L/∂W⁽ℓ⁾ and ∂L/∂b⁽ℓ⁾ in the lecture's names.  The sizes appear only
in the shapes, so a 784-128-10 network costs what a 3-2-2 one does, and each layer costs the same.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..render.latex import annotation
from ..derive.registry import Rule
from ..derive.registry import rule as rule_record
from ..tensor import tree as t
from ..tensor.engine import backward
from ..tensor.models import mlp_tree
from ..tensor.printing import latex, unicode
from ..tensor.shapes import describe
from ..tensor.simplify import Simplifier, rebuild
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
    #: the right-hand side's forms as typed trees in the lecture's names (what the tests evaluate)
    forms: tuple = field(default=(), compare=False, repr=False)

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
                          "loss": self.spec.loss, "reg": self.spec.reg, "convention": self.spec.convention},
                "parameters": {k: list(v) for k, v in self.spec.shapes().items()},
                "forward": [e.to_json() for e in self.forward], "loss": self.loss.to_json(),
                "backward": [e.to_json() for e in self.backward], "gradients": [e.to_json() for e in self.gradients]}

    def _repr_latex_(self) -> str:
        return "$$" + self.to_latex() + "$$"

    def __str__(self) -> str:
        return self.to_text()


_SUPER = str.maketrans("()0123456789", "⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹")


def _layer(name: str, layer: int) -> tuple[str, str]:
    """(unicode, LaTeX) of a layer's tensor: Z⁽²⁾, Z^{(2)}."""
    return f"{name}({layer})".translate(_SUPER), f"{{{_LATEX.get(name, name)}^{{({layer})}}}}"  # braced: {b^{(1)}}^\top


_LATEX = {"δ": r"\delta"}


def _shape(shape) -> str:
    """The LaTeX shape of a node: ``n \\times 128``, ``128`` for a vector."""
    return describe(shape).replace("×", r"\times").replace("scalar", r"1 \times 1")


class _Names:
    """The lecture's names of the tree's nodes; trees are written with them (unicode names), then
    printed as unicode or with each name's LaTeX."""

    def __init__(self):
        self.names: dict[t.Node, str] = {}
        self.latex: dict[str, str] = {}

    def __setitem__(self, node: t.Node, names: tuple[str, str]) -> None:
        self.names[node] = names[0]
        self.latex[names[0]] = names[1]

    def tree(self, n: t.Node, skip: t.Node | None = None) -> t.Node:
        """n with every named node written as its name."""
        if n != skip and n in self.names:
            return t.Var(self.names[n], n.shape, n.domain if isinstance(n, t.Var) else None)
        kids = n.children()
        return rebuild(n, [self.tree(c) for c in kids]) if kids else n

    def _latex_tree(self, n: t.Node) -> t.Node:
        if isinstance(n, t.Var) and n.name in self.latex:
            return t.Var(self.latex[n.name], n.shape, n.domain)
        kids = n.children()
        return rebuild(n, [self._latex_tree(c) for c in kids]) if kids else n

    def show(self, *forms: t.Node, skip: t.Node | None = None) -> tuple[str, str, tuple]:
        """(unicode, LaTeX, trees) of one or more equal forms in names, joined by ' = '."""
        named = tuple(dict.fromkeys(self.tree(n, skip) for n in forms))  # a form the engine left as stated once
        return (" = ".join(unicode(n) for n in named), " = ".join(latex(self._latex_tree(n)) for n in named), named)


def _replace(n: t.Node, old: t.Node, new: t.Node) -> t.Node:
    if n == old:
        return new
    kids = n.children()
    return rebuild(n, [_replace(c, old, new) for c in kids]) if kids else n


def _equation(lhs: tuple[str, str], rhs: tuple, shape, note="", rule="forward_pass") -> Equation:
    return Equation(lhs[1], rhs[1], lhs[0], rhs[0], _shape(shape), note, rule, rhs[2] if len(rhs) > 2 else ())


def _gradient_lhs(name: tuple[str, str]) -> tuple[str, str]:
    return f"∂L/∂{name[0]}", rf"\frac{{\partial \mathcal{{L}}}}{{\partial {name[1]}}}"


def matrix_derivation(spec: MLPSpec) -> MatrixDerivation:
    """The matrix-form derivation of an MLP's gradients, from the tensor engine."""
    net = mlp_tree(spec.layers, spec.activations, spec.loss, spec.reg, spec.biases, spec.convention)
    rows = spec.convention == "rows"
    case = str.upper if rows else str.lower
    L = spec.depth
    names = _Names()
    names[net.inputs] = (case("X"), case("X"))
    names[net.labels] = (case("Y"), case("Y"))
    W = [_layer("W", l) for l in range(1, L + 1)]
    b = [_layer("b", l) for l in range(1, L + 1)]
    Z = [_layer(case("Z"), l) for l in range(1, L + 1)]
    A = [_layer(case("A"), l) for l in range(1, L)]
    delta = [_layer("δ", l) for l in range(1, L + 1)]
    for l in range(L):
        names[net.weights[l]] = W[l]
        names[net.pre[l]] = Z[l]
        if spec.biases:
            names[net.biases[l]] = b[l]
    for l in range(L - 1):
        names[net.post[l]] = A[l]
    output = ("Ŷ", r"\hat{Y}") if rows else ("ŷ", r"\hat{y}")
    if net.lam is not None:
        names[net.lam] = ("λ", r"\lambda")
    wrt = [v.name for v in net.weights + net.biases]
    simplifier = Simplifier()

    def simplify(n):  # textbook form first, then the lecture's names: δ⁽²⁾W⁽²⁾ᵀ ⊙ A⁽¹⁾ ⊙ (1 − A⁽¹⁾)
        return None if n is None else names.tree(simplifier(n))

    def named_first(n):  # names first where the sum rule would flatten Ŷ = Z⁽ᴸ⁾ into its terms
        return None if n is None else simplifier(names.tree(n))

    forward = []
    for l in range(L):
        forward.append(_equation(Z[l], names.show(net.pre[l], skip=net.pre[l]), net.pre[l].shape))
        if l < L - 1:
            forward.append(_equation(A[l], names.show(net.post[l], skip=net.post[l]), net.post[l].shape,
                                     "elementwise"))
    shown = names.show(net.output) if net.output is net.pre[-1] else names.show(net.output, skip=net.output)
    forward.append(_equation(output, shown, net.output.shape,
                             ("row by row" if rows else "") if spec.loss == "cross_entropy" else "linear output"))
    names[net.output] = output
    loss_note = "weights only, never biases" if spec.reg == "l2" else ""
    shown = names.show(net.objective)
    if spec.loss == "cross_entropy" and not rows:  # the tree's logsumexp(z) − yᵀz is −yᵀlog ŷ for a one-hot y
        stated = t.neg(t.MatMul(t.Transpose(net.labels), t.Elementwise("log", net.output)))
        shown = names.show(_replace(net.objective, net.data, stated), net.objective)
        loss_note = "; ".join(x for x in ("y one-hot", loss_note) if x)
    loss = _equation(("L", r"\mathcal{L}"), shown, (1, 1), loss_note, "loss_definition")

    # the output layer: ∂L/∂Z⁽ᴸ⁾ from ∂L/∂L = 1, the graph cut at Z⁽ᴸ⁾ (the penalty's share of each W too)
    adjoints, _ = backward(net.objective, wrt, named_first, stop={net.pre[-1]})
    penalty = {l: adjoints.get(net.weights[l]) for l in range(L)}
    backward_eqs = [_equation(delta[-1], names.show(adjoints[net.pre[-1]]), net.pre[-1].shape,
                              "softmax + cross-entropy" if spec.loss == "cross_entropy"
                              else "derivative of the squared error", "output_delta")]
    gradients = []
    for l in range(L - 1, -1, -1):
        seed = t.Var(delta[l][0], net.pre[l].shape)
        names[seed] = delta[l]
        stop = {net.pre[l - 1]} if l else set()
        adjoints, _ = backward(net.objective, wrt, simplify, seeds={net.pre[l]: seed}, stop=stop)
        weight = simplify(t.add(adjoints[net.weights[l]], penalty[l]))
        layer = [_equation(_gradient_lhs(W[l]), names.show(weight), net.weights[l].shape, rule="weight_gradient")]
        if spec.biases:
            layer.append(_equation(_gradient_lhs(b[l]), names.show(adjoints[net.biases[l]]), net.biases[l].shape,
                                   "column sums" if rows else "", "bias_gradient"))
        gradients.append(layer)
        if l:
            back, act = adjoints[net.post[l - 1]], net.post[l - 1]
            stated = t.Hadamard(back, t.Elementwise(act.function, act.arg, 1))
            backward_eqs.append(_equation(delta[l - 1], names.show(stated, adjoints[net.pre[l - 1]]),
                                          net.pre[l - 1].shape, rule="backprop_delta"))
    gradients.reverse()  # layer 1 first, W before b
    return MatrixDerivation(spec, tuple(forward), loss, tuple(backward_eqs), tuple(e for layer in gradients for e in layer))
