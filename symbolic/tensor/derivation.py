"""The derivation record: named intermediates (z = Xw, r = z − y) and the backward lines as the
lecture writes them ("with ∂L/∂r known, ∂L/∂z = …"), each with its shape and rule, from the same
engine that gives the result."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import DerivationError
from . import tree as t
from .engine import backward, depending, gradients
from .parse import parse_objective
from .printing import latex, text, unicode
from .rules import rule_for
from .shapes import Shape, describe, parse_shapes
from .simplify import Simplifier

#: the letter the lecture uses for each kind of intermediate (upper case for matrices)
_LETTERS = {"MatMul": "z", "Add": "r", "Elementwise": "a", "Softmax": "p", "Hadamard": "m", "Power": "q",
            "Inverse": "v", "Sum": "s", "LogSumExp": "s", "Transpose": "t", "Diag": "g", "DiagPart": "g"}


@dataclass(frozen=True)
class Step:
    """One backward line: ∂L/∂target = expression, given the adjoints in ``known``."""

    target: str
    known: tuple[str, ...]
    rules: tuple[str, ...]
    expression: t.Node

    def to_json(self) -> dict:
        return {"target": self.target, "known": list(self.known), "rule": ", ".join(self.rules),
                "text": unicode(self.expression), "latex": latex(self.expression),
                "shape": describe(self.expression.shape)}


@dataclass(frozen=True)
class TensorDerivation:
    """The objective, its intermediates, and per parameter the gradient and its steps."""

    objective: t.Node
    shapes: dict[str, Shape]
    definitions: tuple[tuple[str, t.Node], ...]
    gradients: dict[str, t.Node]
    steps: dict[str, tuple[Step, ...]]

    def to_text(self, steps: bool = False) -> str:
        out = [f"L = {unicode(self.objective)}", ""]
        if steps and self.definitions:
            out += [f"{name} = {unicode(node)}    ({describe(node.shape)})" for name, node in self.definitions] + [""]
        for name, g in self.gradients.items():
            shown = unicode(t.Var(name))
            if steps:
                for s in self.steps[name]:
                    known = ", ".join(f"∂L/∂{unicode(t.Var(k))}" for k in s.known) or "∂L/∂L = 1"
                    out.append(f"with {known} known, ∂L/∂{unicode(t.Var(s.target))} = {unicode(s.expression)}"
                               f"    [{', '.join(s.rules)}; {describe(s.expression.shape)}]")
            out.append(f"∂L/∂{shown} = {unicode(g)}    ({describe(g.shape)})")
            out.append("")
        return "\n".join(out)

    def to_latex(self, steps: bool = False) -> str:
        lines = []
        if steps:
            lines += [rf"{latex(t.Var(n))} &= {latex(node)}" for n, node in self.definitions]
            for name in self.gradients:  # a step shared by several parameters' derivations is written once
                lines += [line for line in (rf"{latex(t.Adjoint(s.target))} &= {latex(s.expression)}"
                                            for s in self.steps[name]) if line not in lines]
        lines += [rf"{latex(t.Adjoint(n))} &= {latex(g)}" for n, g in self.gradients.items()]
        return "\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}"

    def to_json(self) -> dict:
        return {
            "loss": {"text": text(self.objective), "unicode": unicode(self.objective), "latex": latex(self.objective)},
            "shapes": {n: str(s) + (f":{s.domain}" if s.domain else "") for n, s in self.shapes.items()},
            "definitions": [{"name": n, "text": unicode(node), "latex": latex(node), "shape": describe(node.shape)}
                            for n, node in self.definitions],
            "gradients": {n: {"text": text(g), "unicode": unicode(g), "latex": latex(g), "shape": describe(g.shape),
                              "steps": [s.to_json() for s in self.steps[n]]} for n, g in self.gradients.items()},
        }


def _names(root: t.Node, wrt: list[str], taken: set[str]) -> dict[t.Node, str]:
    """A letter per intermediate (z for products, a for activations, p for a lone sigmoid or softmax, r for
    sums, capitals for matrices); a letter used more than once is numbered from 1 as the lecture's layers are
    (z1 = W1x, a1 = σ(z1), z2 = W2a1)."""
    needed = depending(root, set(wrt))
    letters: dict[t.Node, str] = {}
    sigmoids = sum(1 for n in t.walk(root) if isinstance(n, t.Elementwise) and n.function == "sigmoid")
    for n in t.walk(root):
        if n is root or n not in needed or n.is_scalar or isinstance(n, t.Var) or \
                (isinstance(n, t.Transpose) and isinstance(n.arg, t.Var)) or isinstance(n, t.Scale):
            continue
        letter = _LETTERS.get(type(n).__name__, "u")
        if isinstance(n, t.Elementwise) and n.function == "sigmoid" and sigmoids == 1:
            letter = "p"
        letters[n] = letter.upper() if not (n.is_column or n.is_row) else letter
    counts: dict[str, int] = {}
    for letter in letters.values():
        counts[letter] = counts.get(letter, 0) + 1
    named: dict[t.Node, str] = {}
    used: dict[str, int] = {}
    for n, letter in letters.items():
        k = used.get(letter, 0)
        while True:
            k += 1
            name = letter if counts[letter] == 1 and k == 1 else f"{letter}{k}"
            if name not in taken:
                break
        used[letter] = k
        taken.add(name)
        named[n] = name
    return named


def _with_names(n: t.Node, named: dict[t.Node, str], skip: t.Node | None = None) -> t.Node:
    from .simplify import rebuild
    if n in named and n != skip:
        return t.Var(named[n], n.shape)
    kids = n.children()
    return rebuild(n, [_with_names(c, named) for c in kids]) if kids else n


def derive(objective: t.Node, shapes: dict[str, Shape], wrt: list[str]) -> TensorDerivation:
    """The gradients of a scalar objective wrt the named tensors, with the steps that lead there."""
    found = t.variables(objective)
    for name in wrt:
        if name not in found and name not in shapes:
            raise DerivationError(f"{name} does not occur in the objective")
    present = [n for n in wrt if n in found]
    simplify = Simplifier()
    result = gradients(objective, present, simplify) if present else {}
    for name in wrt:
        if name not in result:
            sh = shapes[name]
            result[name] = t.Zeros((sh.rows, sh.cols))
    taken = set(shapes) | {str(d) for s in shapes.values() for d in s.dims} | set(found) | {"L"}
    named = _names(objective, present, taken) if present else {}
    simplified_named = {simplify(n): name for n, name in named.items()}
    display = {**named, **simplified_named}
    definitions = tuple((name, _with_names(n, display, skip=n)) for n, name in named.items())
    # one backward run per named node (and L), stopping at the next named nodes: ∂L/∂u from ∂L/∂v known
    seeds = {objective: t.Const(1)} | {n: t.Adjoint(name, n.shape) for n, name in named.items()}
    stop = set(named)
    parts: dict[t.Node, list[tuple[str, t.Node, list[str]]]] = {}
    for source, seed in seeds.items():
        adjoints, rules = backward(objective, present, simplify, seeds={source: seed}, stop=stop - {source})
        for node, adj in adjoints.items():
            if node is not source and node != source and (node in named or isinstance(node, t.Var)):
                parts.setdefault(node, []).append((named.get(source, "L"), adj, rules.get(node, [])))
    steps: dict[str, tuple[Step, ...]] = {}
    order = [n for n in reversed(t.walk(objective)) if n in named]
    for name in present:
        lines = []
        for node in order + [found[name]]:
            contributions = parts.get(node, [])
            if not contributions:
                continue
            expression = simplify(t.add(*[c[1] for c in contributions]))
            known = tuple(sorted({c[0] for c in contributions if c[0] != "L"}))
            rule_names = tuple(dict.fromkeys(r for c in contributions for r in c[2])) or (rule_for(node).name,)
            target = named.get(node, name)
            lines.append(Step(target, known, rule_names, _with_names(expression, display)))
        steps[name] = tuple(lines)
    return TensorDerivation(objective, shapes, definitions, result, steps)


def derive_text(loss: str, shapes: str, wrt: list[str]) -> TensorDerivation:
    """``derive_text("norm(X@w - y)**2", "X:n,d w:d y:n", ["w"])``: parse both and derive."""
    parsed = parse_shapes(shapes)
    return derive(parse_objective(loss, parsed), parsed, wrt)
