"""``symgrad homework``: a spec in, a homework solution document out (LaTeX, and PDF with pdflatex)."""
from __future__ import annotations

from .document import escape, homework_latex, problem_objective
from .pdf import LatexError, compile_pdf, relevant_log_lines
from .spec import Spec, SpecError, load_spec

__all__ = ["load_spec", "Spec", "SpecError", "homework_latex", "problem_objective", "escape", "compile_pdf",
           "LatexError", "relevant_log_lines"]
