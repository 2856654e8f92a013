"""Build each example's Jupyter notebook from its script, so that script and notebook never drift.

The scripts are written in the percent format: `# %%` starts a code cell, `# %% [markdown]` a
markdown cell whose lines are comments (`# ` removed).  The module docstring becomes the first
markdown cell (its first line as the title); the code between it and the first marker opens the first
code cell.
Notebooks are written without outputs and with fixed cell ids, so the same script always gives the
same file, and a file is rewritten only when it would change.

Run from the repo root: `python examples/make_notebooks.py` (all scripts), or name scripts;
`--check` writes nothing and exits 1 if a notebook is missing or out of date; `--out DIR` writes there.
"""
from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import nbformat

EXAMPLES = Path(__file__).resolve().parent
#: a cell marker line: `# %%` (code) or `# %% [markdown]`
MARKER = re.compile(r"^# %%(?P<markdown> \[markdown\])?\s*$")
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def scripts() -> list[Path]:
    """Every example script that gets a notebook (all of examples/*.py but this generator)."""
    return sorted(p for p in EXAMPLES.glob("*.py") if p.name != Path(__file__).name)


def _trim(lines: list[str]) -> str:
    """The lines joined, without blank lines at either end."""
    text = "\n".join(lines).strip("\n")
    return "\n".join(line.rstrip() for line in text.splitlines())


def _markdown(lines: list[str], where: str) -> str:
    """A markdown cell's comment lines with their `#` removed (ValueError for a line that is not a comment)."""
    out = []
    for number, line in lines:
        if line.strip() and not line.startswith("#"):
            raise ValueError(f"{where}:{number}: a markdown cell holds only comment lines, got {line!r}")
        out.append(line[2:] if line.startswith("# ") else line[1:])
    return _trim(out)


def cells(source: str, where: str = "<script>") -> list[tuple[str, str]]:
    """(kind, source) of each cell of a percent-format script, kind "markdown" or "code"."""
    tree = ast.parse(source)
    lines = source.splitlines()
    docstring = ast.get_docstring(tree)
    start = tree.body[0].end_lineno if docstring is not None else 0
    out: list[tuple[str, str]] = []
    if docstring:
        title, _, rest = docstring.partition("\n")
        out.append(("markdown", f"# {title.strip()}\n\n{rest.strip()}".strip()))
    kind, block = "code", []

    def flush():
        text = _markdown(block, where) if kind == "markdown" else _trim([line for _, line in block])
        if text:
            out.append((kind, text))

    preamble = True  # the code before the first marker (`from __future__ ...`) opens the first code cell
    for number, line in enumerate(lines[start:], start=start + 1):
        marker = MARKER.match(line)
        if marker and preamble and not marker.group("markdown"):
            preamble = False
        elif marker:
            preamble = False
            flush()
            kind, block = ("markdown" if marker.group("markdown") else "code"), []
        else:
            block.append((number, line))
    flush()
    return out


def notebook(script: Path) -> nbformat.NotebookNode:
    """The notebook of one script: its cells, no outputs, fixed ids, the python3 kernel."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    for number, (kind, text) in enumerate(cells(script.read_text(encoding="utf-8"), str(script))):
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        nb.cells.append(make(text, id=f"cell-{number}"))
    nbformat.validate(nb)
    return nb


def write(script: Path, out_dir: Path, check_only: bool = False) -> bool:
    """Write (or with ``check_only`` compare) the script's notebook; True if the file is up to date."""
    target = out_dir / f"{script.stem}.ipynb"
    text = nbformat.writes(notebook(script)) + "\n"
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return True
    if not check_only:
        out_dir.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return False


def main(argv: list[str] | None = None) -> int:
    """Regenerate the notebooks; exit 1 under --check when one is missing or stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scripts", nargs="*", type=Path, help="example scripts (default: all)")
    parser.add_argument("--out", type=Path, default=EXAMPLES, help="folder for the notebooks (default: examples/)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a notebook is out of date")
    args = parser.parse_args(argv)
    stale = []
    for script in args.scripts or scripts():
        if not write(script, args.out, args.check):
            stale.append(script.stem)
            print(f"{'out of date' if args.check else 'wrote'}: {args.out / (script.stem + '.ipynb')}")
    if not stale:
        print("all notebooks up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
