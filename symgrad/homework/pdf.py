"""Compile a document with pdflatex (no shell escape, paranoid file writes), showing the log's
relevant lines when it fails."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from symbolic.errors import SymgradError


class LatexError(SymgradError):
    """pdflatex failed or is missing."""


def relevant_log_lines(log: str, limit: int = 12) -> list[str]:
    """The error lines of a TeX log ("! …" and the l.NN line after it)."""
    lines = log.splitlines()
    out = []
    for i, line in enumerate(lines):
        if line.startswith("!"):
            out.append(line)
            out.extend(l for l in lines[i + 1:i + 6] if l.startswith("l.") or l.strip().startswith("<"))
    return out[:limit] or lines[-limit:]


def compile_pdf(tex: Path, timeout: int = 180) -> Path:
    """pdflatex ``tex`` in a scratch folder (with the figures next to it); the PDF lands beside the .tex."""
    exe = shutil.which("pdflatex")
    if exe is None:
        raise LatexError(f"pdflatex is not installed (apt-get install texlive-latex-base texlive-latex-recommended "
                         f"texlive-science); kept {tex}")
    tex = Path(tex).resolve()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        shutil.copy(tex, work / tex.name)
        figures = tex.with_name(tex.stem + "-figures")
        if figures.is_dir():
            shutil.copytree(figures, work / figures.name)
        env = dict(os.environ, openout_any="p", openin_any="a")
        for _ in range(2):  # twice, so that floats and references settle
            proc = subprocess.run([exe, "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                                  cwd=work, capture_output=True, text=True, timeout=timeout, env=env,
                                  errors="replace")
            if proc.returncode != 0:
                log = (work / tex.with_suffix(".log").name)
                text = log.read_text(errors="replace") if log.exists() else proc.stdout
                raise LatexError("pdflatex failed:\n" + "\n".join(relevant_log_lines(text)))
        target = tex.with_suffix(".pdf")
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copy(work / target.name, tmp)
        os.replace(tmp, target)
    return target
