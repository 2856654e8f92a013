"""Graphviz pictures of the passes, like the classic backprop diagrams: each node shows its
expression, value and gradient; each edge its local derivative.  ``dot`` is a system program."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..errors import SymgradError
from ..render.text import text
from .notation import adjoint_text

_STYLE = {"parameter": ("#fde9c9", "#c07a00"), "data": ("#e3eefc", "#3f6fb5"),
          "constant": ("#eeeeee", "#777777"), "operation": ("#ffffff", "#333333")}


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot_source(passes) -> str:
    """The graph in the dot language (left to right: leaves, operations, loss)."""
    graph = passes.graph
    lines = ["digraph backprop {", '  rankdir=LR;', '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10, color="#555555"];']
    for node in graph.nodes:
        fill, border = _STYLE[node.kind]
        title = text(node.symbol) if node.kind != "operation" else f"{text(node.symbol)} = {text(node.local)}"
        label = f"{title}\\nvalue {passes.values[node.id]:.4g}\\n{adjoint_text(node.symbol)} = {passes.adjoints[node.id]:.4g}"
        lines.append(f"  n{node.id} [label={_quote(label).replace(chr(92) * 2 + 'n', chr(92) + 'n')}, "
                     f"fillcolor={_quote(fill)}, color={_quote(border)}];")
    local_values = {(a.parent, a.child): a.local_value for a in passes.accumulations}
    for edge in graph.edges:
        child, parent = graph.nodes[edge.child], graph.nodes[edge.parent]
        label = f"∂{text(child.symbol)}/∂{text(parent.symbol)} = {text(edge.local_derivative)}"
        if not edge.local_derivative.is_Number:
            label += f" = {local_values[(edge.parent, edge.child)]:.4g}"
        lines.append(f"  n{edge.parent} -> n{edge.child} [label={_quote(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _write(path: Path, data: bytes) -> None:
    from ..files import write_atomic
    write_atomic(path, data)


def render(passes, path: str | Path) -> Path:
    """Write a picture (.svg, .png, .pdf) with Graphviz, or the dot source for a .dot path."""
    return render_source(dot_source(passes), path)


def render_source(source: str, path: str | Path) -> Path:
    """Write DOT ``source`` as a picture (.svg, .png, .pdf) with Graphviz, or as itself for a .dot path."""
    from ..files import check_folder
    path = check_folder(path)  # before dot runs: a missing folder is named, not created
    fmt = path.suffix.lower().lstrip(".")
    if fmt == "dot":
        _write(path, source.encode())
        return path
    if fmt not in ("svg", "png", "pdf"):
        raise SymgradError(f"cannot draw {path.name}: use .svg, .png, .pdf or .dot")
    exe = shutil.which("dot")
    if exe is None:
        fallback = path.with_suffix(".dot")
        _write(fallback, source.encode())
        raise SymgradError(f"Graphviz's dot is not installed (apt-get install graphviz); wrote {fallback} instead")
    proc = subprocess.run([exe, f"-T{fmt}"], input=source.encode(), capture_output=True, timeout=60)
    if proc.returncode != 0:
        raise SymgradError(f"dot failed: {proc.stderr.decode(errors='replace').strip().splitlines()[-1:]}")
    _write(path, proc.stdout)
    return path


def svg(passes) -> str | None:
    """The picture as SVG text for Jupyter (None without Graphviz)."""
    exe = shutil.which("dot")
    if exe is None:
        return None
    proc = subprocess.run([exe, "-Tsvg"], input=dot_source(passes).encode(), capture_output=True, timeout=60)
    return proc.stdout.decode() if proc.returncode == 0 else None
