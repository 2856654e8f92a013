"""Complete LaTeX documents that compile with pdflatex (amsmath for align*, amssymb for 𝟙)."""
from __future__ import annotations

from .latex import latex

_PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\allowdisplaybreaks
"""

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def escape(prose: str) -> str:
    """Prose made safe for LaTeX: every special character escaped, so nothing is interpreted."""
    return "".join(_SPECIAL.get(c, c) for c in prose)


def derivation_document(title: str, loss, derivations: dict) -> str:
    """A whole document: the loss, then each parameter's derivation and its boxed gradient."""
    parts = [_PREAMBLE, r"\begin{document}", rf"\section*{{{escape(title)}}}",
             r"\[ \mathcal{L} = " + latex(loss) + r" \]"]
    for name, d in derivations.items():
        wrt = latex(d.parameter)
        parts.append(rf"\subsection*{{Derivative with respect to ${wrt}$}}")
        parts.append(d.to_latex())
        parts.append(r"\[ \boxed{\frac{\partial \mathcal{L}}{\partial " + wrt + "} = " + latex(d.gradient) + r"} \]")
    parts.append(r"\end{document}")
    return "\n".join(parts) + "\n"


def body_document(title: str, body: str) -> str:
    """A whole document around LaTeX that is already typeset (the matrix derivations' align* blocks)."""
    return "\n".join([_PREAMBLE, r"\begin{document}", rf"\section*{{{escape(title)}}}", body, r"\end{document}"]) + "\n"
