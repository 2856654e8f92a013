"""``symgrad homework SPEC.toml [-o hw.tex] [--pdf]``: a complete homework solution document."""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from ..files import write_atomic
from ..homework import LatexError, compile_pdf, homework_latex, load_spec


def add_arguments(p) -> None:
    """Arguments of ``symgrad homework``."""
    p.add_argument("spec", help="TOML spec: title and [[problem]] tables (see README)")
    p.add_argument("-o", "--output", help="the .tex file to write (default: SPEC with .tex)")
    p.add_argument("--pdf", action="store_true", help="also run pdflatex and keep the PDF")


def run(args) -> int:
    """Build the document (figures beside it), write it atomically, compile on request."""
    spec = load_spec(args.spec)
    target = Path(args.output) if args.output else Path(args.spec).with_suffix(".tex")
    folder = target.with_name(target.stem + "-figures")
    with tempfile.TemporaryDirectory(dir=target.parent if target.parent.exists() else None) as scratch:
        staged = Path(scratch) / folder.name
        staged.mkdir()
        tex = homework_latex(spec, staged).replace(staged.as_posix(), folder.name)
        if any(staged.iterdir()):
            if folder.exists():
                shutil.rmtree(folder)
            shutil.move(str(staged), folder)
    write_atomic(target, tex)
    print(f"wrote {target}")
    if args.pdf:
        try:
            pdf = compile_pdf(target)
        except LatexError as err:
            print(f"symgrad homework: {err}", file=sys.stderr)
            return 1
        print(f"wrote {pdf}")
    return 0
