"""Print an elementwise expression of matrices: products as ⊙, numbers broadcast (1 − A ⊙ A)."""
from __future__ import annotations

import sympy

from ..activations import Activation


def hadamard(expr: sympy.Expr, names: dict[sympy.Symbol, str], latex: bool = True) -> str:
    """``a*(1 - a)`` with a ↦ A^{(1)} → ``A^{(1)} \\odot (1 - A^{(1)})`` (or ``A⁽¹⁾ ⊙ (1 − A⁽¹⁾)``)."""
    dot = r" \odot " if latex else " ⊙ "

    def p(e, wrap=False) -> str:
        if e in names:
            return names[e]
        if e.is_Number:
            return sympy.latex(e) if latex else str(e)
        if e.is_Add:
            terms = sorted(e.args, key=lambda t: (t.could_extract_minus_sign(), not t.is_Number))
            s = p(terms[0])
            for t in terms[1:]:
                s += f" - {p(-t)}" if t.could_extract_minus_sign() else f" + {p(t)}"
            return f"\\left({s}\\right)" if (wrap and latex) else (f"({s})" if wrap else s)
        if e.is_Mul:
            c, rest = e.as_coeff_Mul()
            factors = sympy.Mul.make_args(rest)
            body = dot.join(p(f, wrap=True) for f in factors)
            if c == -1:
                return "-" + body
            return body if c == 1 else (p(c) + (r" \, " if latex else "·") + body)
        if e.is_Pow and e.exp.is_Integer and 1 < e.exp <= 3:
            return dot.join([p(e.base, wrap=True)] * int(e.exp))
        if isinstance(e, Activation):
            head = e.latex_name if latex else e.name
            return f"{head}\\left({p(e.args[0])}\\right)" if latex else f"{head}({p(e.args[0])})"
        raise ValueError(f"cannot print {e} elementwise")

    return p(expr)
