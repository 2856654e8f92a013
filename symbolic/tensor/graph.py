"""The computation graph of a typed matrix objective: every node of the tree with its expression,
its shape and its symbolic adjoint ∂L/∂v (from ``engine.backward``), every edge with the rule that
carries the adjoint back ("X̄ += z̄wᵀ"), and optionally values at a point.

``tensor_graph(root, wrt)`` builds it; ``at_point`` adds values; ``dot_source`` / ``render`` draw it,
``text_table`` / ``markdown_table`` / ``latex_table`` / ``to_json`` list it.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import sympy

from ..errors import SymgradError
from . import tree as t
from .engine import backward
from .printing import latex, unicode
from .rules import rule_for
from .shapes import describe
from .simplify import Simplifier, rebuild

#: the lecture's letter for each kind of intermediate (the same letters as derive --steps)
LETTERS = {"MatMul": "z", "Add": "r", "Elementwise": "a", "Softmax": "p", "Hadamard": "m", "Power": "q",
           "Inverse": "v", "Sum": "s", "LogSumExp": "s", "Transpose": "t", "Diag": "g", "DiagPart": "g",
           "Scale": "c", "Norm2": "ν", "Trace": "τ", "Det": "δ", "LogDet": "ℓ"}
#: at most this many entries are printed as a matrix; larger values print as their norm
MAX_SHOWN = 12
#: sizes at which --at still evaluates exactly (sympy matrices)
MAX_SIZE = 30
_MACRON = "\u0304"


@dataclass(frozen=True)
class TensorNode:
    """One node: a leaf (parameter, data, constant) or an operation; ``adjoint`` is ∂L/∂v or None."""

    id: int
    name: str
    kind: str
    node: t.Node
    local: t.Node
    parents: tuple[int, ...]
    adjoint: t.Node | None
    adjoint_named: t.Node | None

    @property
    def shape(self) -> str:
        return describe(self.node.shape)


@dataclass(frozen=True)
class TensorEdge:
    """Input → operation, with the rule that sends the adjoint back and its contribution in names."""

    parent: int
    child: int
    rule: str
    contribution: t.Node | None


@dataclass(frozen=True)
class TensorGraph:
    """The DAG in topological order (inputs first, L last), and values at a point when given."""

    nodes: tuple[TensorNode, ...]
    edges: tuple[TensorEdge, ...]
    wrt: tuple[str, ...]
    point: tuple[tuple[str, float], ...] = ()
    values: tuple[sympy.Matrix, ...] | None = None
    adjoint_values: tuple[sympy.Matrix | None, ...] | None = None

    @property
    def root(self) -> TensorNode:
        return self.nodes[-1]

    def node(self, name: str) -> TensorNode:
        """The node called ``name`` (a variable's name or an intermediate's letter)."""
        for n in self.nodes:
            if n.name == name:
                return n
        raise KeyError(name)


def _kind(n: t.Node, wrt: set[str]) -> str:
    if isinstance(n, t.Var):
        return "parameter" if n.name in wrt else ("constant" if n.is_scalar else "data")  # λ as the scalar graph has it
    if isinstance(n, (t.Const, t.Ones, t.Zeros, t.Identity)):
        return "constant"
    return "operation"


def _leaf_name(n: t.Node) -> str | None:
    if isinstance(n, t.Var):
        return n.name
    if isinstance(n, (t.Const, t.Ones, t.Zeros, t.Identity)):
        return unicode(n)
    return None


def bar(name: str) -> str:
    """v̄, the adjoint ∂L/∂v written as automatic differentiation texts do (a bar over the first letter)."""
    shown = unicode(t.Var(name))
    stem = 1
    while stem < len(shown) and 0x300 <= ord(shown[stem]) <= 0x36F:
        stem += 1
    return unicodedata.normalize("NFC", shown[:stem] + _MACRON + shown[stem:])


def _latex(n: t.Node) -> str:
    """LaTeX with the bars as \\bar{v} (the tree holds them as unicode names)."""
    def unbar(m: t.Node) -> t.Node:
        if isinstance(m, t.Var) and _MACRON in unicodedata.normalize("NFD", m.name):
            plain = unicodedata.normalize("NFD", m.name).replace(_MACRON, "")
            return t.Var(f"{plain}bar", m.shape)
        kids = m.children()
        return rebuild(m, [unbar(c) for c in kids]) if kids else m
    return latex(unbar(n))


def _named(n: t.Node, names: dict[t.Node, str], skip: t.Node | None = None) -> t.Node:
    """n with every subtree that is a named intermediate written as its name."""
    if n != skip and n in names:
        return t.Var(names[n], n.shape)
    kids = n.children()
    return rebuild(n, [_named(c, names) for c in kids]) if kids else n


def tensor_graph(root: t.Node, wrt: list[str] | None = None, output: str = "L") -> TensorGraph:
    """The graph of a scalar objective; adjoints for the nodes that depend on ``wrt`` (default: every variable)."""
    if not root.is_scalar:
        raise SymgradError("the objective must be a scalar")
    found = t.variables(root)
    wrt = list(wrt) if wrt else sorted(found)
    for name in wrt:
        if name not in found:
            raise SymgradError(f"{name} does not occur in the objective")
    order = t.walk(root)
    names: dict[t.Node, str] = {}
    taken = set(found) | {output} | {str(s) for n in order for d in n.shape for s in sympy.sympify(d).free_symbols}
    for n in order:
        leaf = _leaf_name(n)
        if n is root:
            names[n] = output
        elif leaf is not None:
            names[n] = leaf
        else:
            letter = LETTERS.get(type(n).__name__, "u")
            letter = letter.upper() if not (n.is_column or n.is_row or n.is_scalar) else letter
            name, k = letter, 1
            while name in taken:
                name, k = f"{letter}{k}", k + 1
            taken.add(name)
            names[n] = name
    operations = {n: name for n, name in names.items() if _leaf_name(n) is None}
    # the names written into adjoints: as derive --steps names intermediates (no scalars, no wᵀ, no cA)
    intermediates = {n: name for n, name in operations.items() if not n.is_scalar
                     and not isinstance(n, t.Scale) and not (isinstance(n, t.Transpose) and isinstance(n.arg, t.Var))}
    ids = {n: i for i, n in enumerate(order)}
    adjoints, _ = backward(root, wrt, Simplifier())
    in_names = Simplifier()

    def named_first(m):  # the intermediates' names before textbook form, so z̄ reads −(1/n)y ⊙ σ(m), not σ(−y ⊙ Xw)
        return None if m is None else in_names(_named(m, intermediates))
    shown_adjoints, _ = backward(root, wrt, named_first)
    nodes, edges = [], []
    for n in order:
        nodes.append(TensorNode(ids[n], names[n], _kind(n, set(wrt)), n, _named(n, operations, skip=n),
                                tuple(ids[c] for c in n.children()), adjoints.get(n), shown_adjoints.get(n)))
        if not n.children():
            continue
        rule = rule_for(n)
        outs = rule.vjp(n, t.Var(bar(names[n]), n.shape)) if n in adjoints else (None,) * len(n.children())
        for c, out in zip(n.children(), outs):
            shown = None if out is None or c not in adjoints else named_first(out)
            edges.append(TensorEdge(ids[c], ids[n], rule.name, shown))
    return TensorGraph(tuple(nodes), tuple(edges), tuple(wrt))


# ---- values at a point ---------------------------------------------------------------------------

def sizes_and_values(root: t.Node, point: dict[str, float], seed: int = 0):
    """(dims, env): dims from ``point`` (distinct sizes 3, 4, … where not given), every tensor drawn
    at random from its domain with ``seed`` (``sampling.draw_value``), scalars from ``point`` (else
    drawn positive)."""
    from .sampling import draw_value
    found = t.variables(root)
    symbols = sorted({s for n in t.walk(root) for d in n.shape for s in sympy.sympify(d).free_symbols}, key=str)
    unknown = [k for k in point if k not in found and k not in {str(s) for s in symbols}]
    if unknown:
        raise SymgradError(f"--at names {unknown[0]!r}, which is neither a dimension nor a variable of the loss")
    dims, size = {}, 3
    for s in symbols:
        given = point.get(str(s))
        if given is None:
            while size in dims.values():
                size += 1
            dims[s], size = size, size + 1
        elif given != int(given) or not 1 <= given <= MAX_SIZE:
            raise SymgradError(f"--at {s} must be a whole number from 1 to {MAX_SIZE}")
        else:
            dims[s] = int(given)
    env = {}
    for n in t.walk(root):
        if any(int(sympy.sympify(d).subs(dims)) > MAX_SIZE for d in n.shape):
            raise SymgradError(f"--at shows values of tensors up to {MAX_SIZE} × {MAX_SIZE}; "
                               f"{unicode(n)} is {describe(n.shape)} = {' × '.join(str(sympy.sympify(d).subs(dims)) for d in n.shape)}")
    for name, var in found.items():
        rows, cols = (int(sympy.sympify(d).subs(dims)) for d in var.shape)
        if name in point:
            if (rows, cols) != (1, 1):
                raise SymgradError(f"--at sets scalars and dimensions; {name} is {describe(var.shape)} (drawn at random)")
            env[name] = sympy.Matrix([[sympy.Float(point[name])]])
        else:
            domain = "pos" if (rows, cols) == (1, 1) and var.domain is None else var.domain
            drawn = draw_value(name, (rows, cols), domain, seed, 0)
            env[name] = sympy.Matrix([[sympy.Float(round(float(x), 3)) for x in row] for row in drawn])
    return dims, env


def at_point(graph: TensorGraph, point: dict[str, float], seed: int = 0) -> TensorGraph:
    """The graph with every node's value and adjoint's value (sympy matrices) at ``point``."""
    from dataclasses import replace

    from .evaluate import value
    dims, env = sizes_and_values(graph.root.node, point, seed)
    memo: dict = {}
    try:
        values = tuple(value(n.node, env, dims, memo).evalf() for n in graph.nodes)
        adjoint_values = tuple(None if n.adjoint is None else value(n.adjoint, env, dims, memo).evalf()
                               for n in graph.nodes)
    except (ZeroDivisionError, ValueError) as err:
        raise SymgradError(f"the loss has no value at this point ({err}); try another --seed") from None
    for n, m in [*zip(graph.nodes, values), *zip(graph.nodes, adjoint_values)]:
        if m is not None and not all(x.is_real and x.is_finite for x in m):
            raise SymgradError(f"{unicode(n.node)} has no real value at this point; try another --seed")
    shown = tuple(sorted({**{str(k): float(v) for k, v in dims.items()}, **point}.items()))
    return replace(graph, point=shown, values=values, adjoint_values=adjoint_values)


def show_value(m: sympy.Matrix | None) -> str:
    """A small matrix written out ([[1, 2], [3, 4]]; a column as [1, 2]ᵀ), a large one as its norm."""
    if m is None:
        return ""
    f = lambda x: f"{float(x):.4g}"  # noqa: E731
    if m.shape == (1, 1):
        return f(m[0, 0])
    if len(m) > MAX_SHOWN:
        return f"‖·‖ = {float(sympy.sqrt(sum(x ** 2 for x in m))):.4g}"
    if m.cols == 1:
        return "[" + ", ".join(f(x) for x in m) + "]ᵀ"
    return "[" + ", ".join("[" + ", ".join(f(x) for x in m.row(i)) + "]" for i in range(m.rows)) + "]"


# ---- tables --------------------------------------------------------------------------------------

def _edge_text(graph: TensorGraph, e: TensorEdge, printer=unicode) -> str:
    parent = graph.nodes[e.parent]
    if e.contribution is None:
        return f"{e.rule}"
    if printer is unicode:
        return f"{bar(parent.name)} += {unicode(e.contribution)}"
    return rf"\bar{{{latex(t.Var(parent.name))}}} \mathrel{{+}}= {_latex(e.contribution)}"


def _label(n: TensorNode, printer) -> str:
    return printer(n.node) if n.kind == "constant" else printer(t.Var(n.name))


def rows(graph: TensorGraph, printer=unicode) -> list[tuple[str, ...]]:
    """(node, expression, shape, parents, value, adjoint ∂L/∂v, adjoint value) per node."""
    out = []
    for n in graph.nodes:
        expression = n.kind if n.kind != "operation" else printer(n.local)
        parents = ", ".join(_label(graph.nodes[p], printer) for p in dict.fromkeys(n.parents))
        adjoint = "" if n.adjoint_named is None else (printer if printer is unicode else _latex)(n.adjoint_named)
        value = show_value(graph.values[n.id]) if graph.values else ""
        adjoint_value = show_value(graph.adjoint_values[n.id]) if graph.adjoint_values else ""
        out.append((_label(n, printer), expression, n.shape, parents, value, adjoint, adjoint_value))
    return out


_TITLES = ("node", "expression", "shape", "parents", "value", "adjoint v̄ = ∂L/∂v", "adjoint value")


def _columns(graph: TensorGraph) -> list[int]:
    return [0, 1, 2, 3, 4, 5, 6] if graph.values else [0, 1, 2, 3, 5]


def text_table(graph: TensorGraph) -> str:
    """An aligned table, then each edge's rule ("X̄ += z̄wᵀ")."""
    cols = _columns(graph)
    table = [tuple(_TITLES[c] for c in cols)] + [tuple(r[c] for c in cols) for r in rows(graph)]
    widths = [max(len(r[c]) for r in table) for c in range(len(cols))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines += ["", "backward edges (each input's adjoint is the sum over the operations that use it):"]
    for e in graph.edges:
        if e.contribution is not None:
            lines.append(f"  {graph.nodes[e.parent].name} → {graph.nodes[e.child].name}: "
                         f"{_edge_text(graph, e)}    [{e.rule}]")
    lines += ["", "gradients (in the inputs' terms):"]
    lines += [f"  ∂L/∂{unicode(t.Var(n.name))} = {unicode(n.adjoint)}    ({n.shape})" for n in graph.nodes
              if n.kind == "parameter" and n.adjoint is not None]
    if graph.point:
        lines += ["", "at " + ", ".join(f"{k}={v:g}" for k, v in graph.point) + " (other tensors drawn at random)"]
    return "\n".join(lines) + "\n"


def markdown_table(graph: TensorGraph) -> str:
    """A Markdown table, math in $…$."""
    cols = _columns(graph)
    out = ["| " + " | ".join(_TITLES[c] for c in cols) + " |", "|" + "---|" * len(cols)]
    for r in rows(graph, latex):
        cells = [f"${r[c]}$" if c in (0, 3, 5) or (c == 1 and r[1] not in ("parameter", "data", "constant"))
                 else r[c] for c in cols]
        out.append("| " + " | ".join(c.replace("|", r"\|") if c != "$$" else "" for c in cells) + " |")
    return "\n".join(out) + "\n"


def latex_table(graph: TensorGraph) -> str:
    """A LaTeX ``tabular``."""
    cols = _columns(graph)
    out = [r"\begin{tabular}{" + "l" * len(cols) + "}", r"\hline",
           " & ".join(_TITLES[c].replace("v̄ = ∂L/∂v", r"$\bar{v} = \partial L/\partial v$") for c in cols) + r" \\", r"\hline"]
    for r in rows(graph, latex):
        cells = [f"${r[c]}$" if c in (0, 3, 5) or (c == 1 and r[1] not in ("parameter", "data", "constant"))
                 else r[c].replace("×", r"$\times$").replace("‖·‖", r"$\|\cdot\|$").replace("ᵀ", r"$^\top$")
                 for c in cols]
        out.append(" & ".join(c.replace("$$", "") for c in cells) + r" \\")
    return "\n".join(out + [r"\hline", r"\end{tabular}"]) + "\n"


def to_json(graph: TensorGraph) -> dict:
    """{"wrt", "point", "nodes": [{id, name, kind, expression, latex, shape, parents, adjoint…}], "edges"}."""
    def matrix(m):
        return None if m is None else [[float(x) for x in m.row(i)] for i in range(m.rows)]
    nodes = []
    for n in graph.nodes:
        item = {"id": n.id, "name": n.name, "kind": n.kind, "expression": unicode(n.local), "latex": latex(n.local),
                "full": unicode(n.node), "shape": n.shape, "parents": list(n.parents),
                "adjoint": None if n.adjoint is None else unicode(n.adjoint_named),
                "adjoint_latex": None if n.adjoint is None else _latex(n.adjoint_named),
                "adjoint_full": None if n.adjoint is None else unicode(n.adjoint)}
        if graph.values:
            item["value"] = matrix(graph.values[n.id])
            item["adjoint_value"] = matrix(graph.adjoint_values[n.id])
        nodes.append(item)
    edges = [{"parent": e.parent, "child": e.child, "rule": e.rule,
              "contribution": None if e.contribution is None else unicode(e.contribution)} for e in graph.edges]
    return {"wrt": list(graph.wrt), "point": dict(graph.point), "nodes": nodes, "edges": edges}


# ---- the picture ---------------------------------------------------------------------------------

_STYLE = {"parameter": ("#fde9c9", "#c07a00"), "data": ("#e3eefc", "#3f6fb5"),
          "constant": ("#eeeeee", "#777777"), "operation": ("#ffffff", "#333333")}


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot_source(graph: TensorGraph) -> str:
    """The graph in the dot language: each node its expression, shape, adjoint (and values); each edge its rule."""
    lines = ["digraph tensor {", "  rankdir=LR;", '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10, color="#555555"];']
    for n, r in zip(graph.nodes, rows(graph)):
        fill, border = _STYLE[n.kind]
        title = r[0] if n.kind != "operation" else f"{r[0]} = {r[1]}"
        label = [f"{title}", f"({n.shape})"]
        if graph.values:
            label.append(f"value {r[4]}")
        if r[5]:
            label.append(f"{bar(n.name)} = {r[5]}")
            if graph.values:
                label.append(f"  = {r[6]}")
        lines.append(f"  n{n.id} [label={_quote(chr(10).join(label))}, fillcolor={_quote(fill)}, color={_quote(border)}];")
    for e in graph.edges:
        label = e.rule if e.contribution is None else f"{e.rule}\n{_edge_text(graph, e)}"
        lines.append(f"  n{e.parent} -> n{e.child} [label={_quote(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(graph: TensorGraph, path: str | Path) -> Path:
    """Write a picture (.svg, .png, .pdf) with Graphviz, or the dot source for a .dot path."""
    from ..graph.picture import render_source
    return render_source(dot_source(graph), path)