"""The passes as a table — node, expression, parents, forward value, local derivatives, adjoint —
in text, Markdown, LaTeX ``tabular`` and JSON."""
from __future__ import annotations

from ..render.latex import latex
from ..render.text import text
from .notation import adjoint_latex, adjoint_text, legend


def _fmt(v: float) -> str:
    return f"{v:.6g}"


def rows(passes, printer=text):
    """One row per node: (node, expression, parents, value, local derivatives, adjoint)."""
    graph = passes.graph
    out = []
    for node in graph.nodes:
        name = printer(node.symbol)
        expression = "" if node.kind != "operation" else printer(node.local)
        if node.kind != "operation":
            expression = node.kind
        parents = ", ".join(printer(graph.nodes[p].symbol) for p in node.parents)
        locals_ = "; ".join(f"∂{text(node.symbol)}/∂{text(graph.nodes[e.parent].symbol)} = {printer(e.local_derivative)}"
                            if printer is text else
                            rf"\frac{{\partial {latex(node.symbol)}}}{{\partial {latex(graph.nodes[e.parent].symbol)}}} = "
                            f"{latex(e.local_derivative)}"
                            for e in graph.edges if e.child == node.id)
        out.append((name, expression, parents, _fmt(passes.values[node.id]), locals_, _fmt(passes.adjoints[node.id])))
    return out


def _signed(v: float) -> str:
    return f"({_fmt(v)})" if v < 0 else _fmt(v)


def header(passes) -> tuple[str, ...]:
    """The column titles; the adjoint column in the output's own name (ū = ∂L/∂u, or ∂z/∂u)."""
    out = text(passes.graph.root.symbol)
    return ("node", "expression", "parents", "value", "local derivatives", f"adjoint ū = ∂{out}/∂u")


def _sums(passes, printer=text):
    """Each backward sum written out term by term: ū = v̄₁·∂v₁/∂u + … = value."""
    graph = passes.graph
    lines = []
    for node in reversed(graph.nodes[:-1]):
        terms = [a for a in passes.accumulations if a.parent == node.id]
        if not terms:
            continue
        parts = " + ".join(f"{_signed(passes.adjoints[a.child])}·{_signed(a.local_value)}" for a in terms)
        names = " + ".join(f"{adjoint_text(graph.nodes[a.child].symbol)}·∂{text(graph.nodes[a.child].symbol)}/∂{text(node.symbol)}"
                           for a in terms)
        lines.append(f"{adjoint_text(node.symbol)} = {names} = {parts} = {_fmt(passes.adjoints[node.id])}")
    return lines


def text_table(passes) -> str:
    """An aligned plain-text table, then the backward sums term by term."""
    titles = header(passes)
    table = [titles] + rows(passes)
    widths = [max(len(r[c]) for r in table) for c in range(len(titles))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    root = adjoint_text(passes.graph.root.symbol)
    backward = [f"backward pass (sum over children, from {root} = 1):"] + ["  " + s for s in _sums(passes)]
    return "\n".join(lines + [""] + backward + ["", legend(passes.graph.root.symbol)]) + "\n"


def markdown_table(passes) -> str:
    """A Markdown table (math in $…$)."""
    titles = header(passes)
    out = ["| " + " | ".join(titles) + " |", "|" + "---|" * len(titles)]
    for name, expr, parents, value, locals_, adjoint in rows(passes, latex):
        cells = [f"${name}$", f"${expr}$" if expr not in ("parameter", "data", "constant") else expr,
                 f"${parents}$" if parents else "", value, f"${locals_}$" if locals_ else "", adjoint]
        out.append("| " + " | ".join(c.replace("|", r"\|") for c in cells) + " |")
    return "\n".join(out + ["", legend(passes.graph.root.symbol)]) + "\n"


def latex_table(passes) -> str:
    """A LaTeX ``tabular`` (needs amsmath for \\frac in cells)."""
    out = [r"\begin{tabular}{llllll}", r"\hline",
           r"node & expression & parents & value & local derivatives & adjoint $\bar{u}$ \\",
           r"\hline"]
    for name, expr, parents, value, locals_, adjoint in rows(passes, latex):
        expr_cell = rf"\text{{{expr}}}" if expr in ("parameter", "data", "constant") else expr
        local_cell = locals_.replace("; ", r",\ ")
        row = f"${name}$ & ${expr_cell}$ & ${parents}$ & ${value}$ & ${local_cell}$ & ${adjoint}$ " + "\\\\"
        out.append(row.replace("$$", ""))
    out += [r"\hline", r"\end{tabular}"]
    return "\n".join(out) + "\n"


def json_table(passes) -> dict:
    """``{"nodes": [{id, name, expression, parents, value, adjoint, local_derivatives}], "gradients": {…}}``."""
    import sympy
    graph = passes.graph
    nodes = []
    for node in graph.nodes:
        nodes.append({
            "id": node.id, "name": node.symbol.name, "kind": node.kind,
            "expression": sympy.sstr(node.local), "latex": latex(node.local),
            "parents": list(node.parents), "value": passes.values[node.id], "adjoint": passes.adjoints[node.id],
            "adjoint_name": adjoint_text(node.symbol), "adjoint_latex": adjoint_latex(node.symbol),
            "local_derivatives": [{"parent": e.parent, "text": sympy.sstr(e.local_derivative),
                                   "latex": latex(e.local_derivative)} for e in graph.edges if e.child == node.id],
        })
    return {"point": dict(passes.point), "output": graph.root.symbol.name, "nodes": nodes,
            "gradients": passes.gradient(), "notation": legend(graph.root.symbol)}
