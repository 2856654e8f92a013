"""Read a vector or matrix answer (text with numpy's meaning, LaTeX, or numpy gradient code) in the
objective's names, and check it: ``check_tensor(loss, shapes, wrt, answer)``.

Names an answer may use without declaring them: the intermediates ``derive`` prints for the
objective (z, r, p, Z, P …), ŷ / Ŷ (yhat, y_hat, Yhat) for the model's prediction when it has one,
and whatever ``--where NAME = EXPR`` declares (in text or LaTeX, each in terms of the loss's names
and the definitions before it).  An answer whose own shapes do not fit (δᵀx for δ of length h and
x of length d) is an incorrect answer with diagnosis ``shape``, not an input error.
"""
from __future__ import annotations

import re
from functools import lru_cache

import sympy

from ..check.records import Diagnosis
from ..errors import ParseError, UnsafeInputError
from . import tree as t
from .shapes import Shape, ShapeError, describe, parse_shapes
from .verdict import TensorCheckSettings, TensorVerdict, compare

NOTATIONS = ("auto", "latex", "text", "numpy")
_LATEXISH = re.compile(r"[\\^{}$]|[ᵀ⊙∘σλ∑Σ‖⟨⟩δ∂]")
_PROGRAM = re.compile(r"^\s*(def|return|import|from)\b|^\s*[A-Za-z_]\w*\s*[-+*/]?=(?!=)", re.M)
_PREDICTIONS = ("yhat", "y_hat", "Yhat", "Y_hat", "ŷ", "Ŷ")
MAX_WHERE = 16


def notation_of(answer: str) -> str:
    """numpy (code: an expression with numpy's meaning, a gradient function or statements) or latex."""
    if _PROGRAM.search(answer):
        return "numpy"
    return "latex" if _LATEXISH.search(answer) else "numpy"


def _substitute(n: t.Node, names: dict[str, t.Node]) -> t.Node:
    from .simplify import rebuild
    if isinstance(n, t.Var) and n.name in names and n.shape == names[n.name].shape:
        return names[n.name]
    kids = n.children()
    return rebuild(n, [_substitute(c, names) for c in kids]) if kids else n


def typed_names(shapes: dict[str, Shape], names: dict[str, t.Node], objective: t.Node | None) -> dict[str, Shape]:
    """The declarations plus the shape of every defined name and of the loss's scalars (λ is a number)."""
    typed = dict(shapes)
    if objective is not None:
        for name, var in t.variables(objective).items():
            if name not in typed and var.is_scalar:
                typed[name] = Shape(var.shape[0], var.shape[1], None, 0)
    for name, node in names.items():
        if name not in typed:
            typed[name] = Shape(node.shape[0], node.shape[1], None, 0 if node.is_scalar else
                                1 if node.is_column else 2)
    return typed


class Names(dict):
    r"""name → tree for the names an answer may use, and ``functions``: name → (parameter, LaTeX body) for the
    functions ``--where`` defines (``\phi(z) = \frac{1}{1 + e^{-z}}``)."""

    def __init__(self, *args, functions=None, macros=None, **kw):
        super().__init__(*args, **kw)
        self.functions = dict(functions or {})
        #: per-example definitions that are not a vector (S_i = (x_i − μ)(x_i − μ)ᵀ): name → (index, LaTeX body)
        self.macros = dict(macros or {})


def _parse(text: str, shapes: dict[str, Shape], names: dict[str, t.Node], notation: str, wrt: str,
           objective: t.Node | None = None, shape=None) -> t.Node:
    """One expression (or program) in ``notation``, names bound to their trees."""
    if notation == "latex":
        from .latex import parse_latex
        known = {n: v for n, v in t.variables(objective).items() if n not in shapes} if objective is not None else {}
        text = _expand_macros(text, getattr(names, "macros", {}))
        return parse_latex(text.replace("&", " "), shapes, {**known, **names},
                           functions=getattr(names, "functions", None), shape=shape)
    typed = typed_names(shapes, names, objective)
    if notation == "numpy" and _PROGRAM.search(text):
        from .program import parse_program
        return _substitute(parse_program(text, typed, wrt), names)
    if notation == "numpy":
        from .parse import parse_numpy
        return _substitute(parse_numpy(text, typed), names)
    from .parse import parse
    return _substitute(parse(text, typed), names)


def _parse_auto(text: str, shapes, names, notation: str, wrt: str, objective: t.Node | None = None,
                shape=None) -> t.Node:
    if notation != "auto":
        return _as_numpy_vector(_parse(text, shapes, names, notation, wrt, objective, shape), notation)
    first = notation_of(text)
    try:
        return _as_numpy_vector(_parse(text, shapes, names, first, wrt, objective, shape), first)
    except (ShapeError, UnsafeInputError):
        raise
    except ParseError as err:
        if _PROGRAM.search(text):
            raise
        other = "latex" if first != "latex" else "numpy"
        try:
            return _as_numpy_vector(_parse(text, shapes, names, other, wrt, objective, shape), other)
        except ShapeError:
            raise
        except ParseError:
            raise err from None


def _as_numpy_vector(n: t.Node, notation: str) -> t.Node:
    """In the typed text a row that the answer ends with is numpy's 1-D vector: ``(X@w - y).T @ X`` is the
    gradient (the numpy reader knows ndim itself; LaTeX means what it writes: a row is a transpose)."""
    return t.transposed(n) if notation == "text" and n.is_row else n


def only_known_names(n: t.Node, objective: t.Node, what: str = "the answer") -> t.Node:
    """``n`` if every name in it is the objective's; else one error naming the first stranger."""
    known = t.variables(objective)
    # the numpy reader's stand-ins for a stability shift (np.max(s, axis=1, keepdims=True)): any value is right
    strangers = sorted(v for v in set(t.variables(n)) - set(known) if not re.fullmatch(r"max\d+", v))
    if strangers:
        name = strangers[0]
        raise ParseError(f"{what} uses {name}, which the loss does not have: declare it with --where "
                         f"'{name} = …' (in the loss's names)")
    return n


def objective_names(objective: t.Node, shapes: dict[str, Shape], wrt: list[str]) -> dict[str, t.Node]:
    """The names derive gives the objective's intermediates, and ŷ for its prediction."""
    from .derivation import derive
    d = derive(objective, shapes, wrt)
    out: dict[str, t.Node] = {}
    for name, node in d.definitions:
        out[name] = _substitute(node, out)
    predictions = [n for n in t.walk(objective) if isinstance(n, t.Softmax) or
                   (isinstance(n, t.Elementwise) and n.function == "sigmoid" and not n.order)]
    if len({p for p in predictions}) == 1:
        for spelling in _PREDICTIONS:
            out.setdefault(spelling, predictions[0])
    return out


def where_names(definitions, shapes: dict[str, Shape], names: dict[str, t.Node], notation: str, wrt: str,
                objective: t.Node | None = None) -> Names:
    r"""``NAME = EXPR`` lines (text or LaTeX), each read in the loss's names and the ones before it; a LaTeX
    ``\phi(z) = …`` defines a function the answer may apply."""
    out = Names(names, functions=getattr(names, "functions", None), macros=getattr(names, "macros", None))
    if len(definitions) > MAX_WHERE:
        raise ParseError(f"too many --where definitions: at most {MAX_WHERE}")
    for line in definitions:
        if "=" not in line:
            raise ParseError(f"--where needs NAME = EXPR, not {line!r}")
        left, right = line.split("=", 1)
        plain = left.strip().strip("$").strip()
        indexed = _INDEXED_NAME.fullmatch(plain)
        if indexed and re.search(r"[_(]\s*\{?\s*" + (indexed[2] or indexed[3]) + r"(?![A-Za-z])", right):
            name = _name_of(indexed[1])  # P_n = σ(wᵀx_n): the vector P of every example's value
            index = indexed[2] or indexed[3]
            out.macros[indexed[1]] = (index, right.strip())
            try:
                out[name] = _per_example(right, index, shapes, out, objective)
            except ParseError:
                pass  # not a scalar per example: S_i is read where it is used (Σᵢ S_i), from its definition
            continue
        if not re.fullmatch(r"[A-Za-z_]\w*", plain):
            from .latex import latex_definition
            definition = latex_definition(line)
            if definition.parameter is not None:
                out.functions[definition.name] = (definition.parameter, definition.body)
                continue
            name, right = definition.name, definition.body
        else:
            name = _name_of(plain)
        out[name] = _parse_auto(right.strip(), shapes, out, "auto", wrt, objective)
        if objective is not None:
            only_known_names(out[name], objective, f"--where {name}")
    return out


_INDEXED_NAME = re.compile(r"(\\?[A-Za-z]+)\s*(?:_\s*\{?\s*([a-z])\s*\}?|\^\s*\{\s*\(\s*([a-z])\s*\)\s*\})")


def _expand_macros(text: str, macros: dict) -> str:
    """S_k in an answer → (its definition with the index renamed k), for each per-example definition."""
    for name, (index, body) in macros.items():
        pattern = re.compile(r"(?<![A-Za-z\\])" + re.escape(name) + r"\s*(?:_\s*\{?\s*([a-z])\s*\}?|\^\s*\{\s*\(\s*([a-z])\s*\)\s*\})"
                             r"(?![A-Za-z])")

        def expand(m, index=index, body=body):
            k = m[1] or m[2]
            renamed = body if k == index else re.sub(r"(?<=[_(])(\s*\{?\s*)" + index + r"(?![A-Za-z])", r"\g<1>" + k,
                                                     body)
            return r"\left(" + renamed + r"\right)"
        text = pattern.sub(expand, text)
    return text


def _per_example(body: str, index: str, shapes, names, objective) -> t.Node:
    """The vector of a per-example definition (P_n = \frac{1}{1 + e^{-w^T x_n}} → σ(Xw)): Σₙ body·uₙ read by the
    LaTeX reader's indexed sums for a fresh vector u over the examples, then differentiated by u (exactly body)."""
    from .engine import gradients
    from .latex import parse_latex
    rows = sorted({sh.rows for sh in shapes.values() if sh.cols != 1}, key=str) or \
        sorted({sh.rows for sh in shapes.values()}, key=str)
    known = {n: v for n, v in t.variables(objective).items() if n not in shapes} if objective is not None else {}
    taken = set(shapes) | set(names) | set(known) | {index}
    u = next(c for c in ("u", "v", "q", "uu", "vv", "qq", "uuu") if c not in taken and c not in body)
    last = None
    for count in rows:
        typed = {**shapes, u: Shape(count, sympy.Integer(1), None, 1)}
        try:
            tree = parse_latex(rf"\sum_{{{index}}} \left({body}\right) {u}_{{{index}}}", typed, {**known, **names})
        except ParseError as err:
            last = err
            continue
        if tree.is_scalar and u in t.variables(tree):
            return gradients(tree, [u])[u]
    raise last or ParseError(f"cannot read the per-example definition over {index}: write it in matrix form")


def _name_of(left: str) -> str:
    r"""``P`` and ``P_batch`` as written; LaTeX names as the LaTeX reader reads them (``\delta^{(2)}`` → delta2,
    ``\hat y`` → yhat, ``\mathbf{z}`` → z, ``z^{(1)}`` → z1)."""
    from ..names import check_identifier
    plain = left.strip().strip("$").strip()
    if re.fullmatch(r"[A-Za-z_]\w*", plain):
        return check_identifier(plain)
    from .latex import latex_name
    return latex_name(plain)


@lru_cache(maxsize=64)
def _question_of_text(loss: str, shapes: str, wrt: str):
    return _question(loss, parse_shapes(shapes), wrt)


def _question(loss, shapes: dict, wrt: str):
    from .engine import gradients
    from .parse import parse_objective
    objective = parse_objective(loss, shapes) if isinstance(loss, str) else loss
    if wrt not in t.variables(objective):
        raise ParseError(f"{wrt} does not occur in the objective")
    expected = gradients(objective, [wrt])[wrt]
    return shapes, objective, expected, objective_names(objective, shapes, [wrt])


def question(loss, shapes, wrt: str):
    """(shapes, objective, true gradient, the names an answer may use) — cached for text questions, so a
    class's answers to one question derive it once."""
    if isinstance(loss, str) and isinstance(shapes, str):
        return _question_of_text(loss, shapes, wrt)
    return _question(loss, parse_shapes(shapes) if isinstance(shapes, str) else shapes, wrt)


_COMPONENT_LHS = re.compile(r"\\partial\s*(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\s*)?(\\?[A-Za-z]+)\s*\}?\s*_\s*\{?\s*([a-z])\s*\}?")


def component_form(answer: str, wrt: str) -> tuple[str, str] | None:
    r"""(the vector form, the index) of an answer for one component, ``rac{\partial J}{\partial 	heta_j} =
    \sum_i (h(x^{(i)}) - y^{(i)}) x^{(i)}_j`` → ``\sum_i (h(x^{(i)}) - y^{(i)}) x^{(i)}``: the j-th entry of every
    vector named with j is that vector, which is right for anything that picks entry j through sums, scalar
    factors and entrywise functions (two j-indexed factors multiplied read as a product of vectors: refused)."""
    from ..check.chain_split import _split_top_level
    sides = _split_top_level(answer, "=")
    if len(sides) != 2 or "\\partial" not in sides[0]:
        return None
    left, right = sides
    m = _COMPONENT_LHS.search(left)
    if not m or m[1].lstrip("\\") != wrt:
        return None
    j = m[2]
    body = re.sub(r"_\s*\{\s*([a-z])\s*,?\s*" + j + r"\s*\}", r"_{\1}", right)  # x_{ij} → x_{i}
    body = re.sub(r"_\s*\{\s*" + j + r"\s*\}|_\s*" + j + r"(?![A-Za-z])", "", body)  # x_j, w_{j} → x, w
    if re.search(r"(?<![A-Za-z\\])" + j + r"(?![A-Za-z])", body):
        return None  # j somewhere else (a sum over j): not a plain component form
    return body, j


def _is_chain(answer: str) -> bool:
    from ..check.chain_split import _split_top_level, looks_like_derivation
    several = len(_split_top_level(answer, "=")) > 2 or any(m in answer for m in ("&", "\\\\", "\\begin"))
    return looks_like_derivation(answer) and several


def check_tensor(loss: str | t.Node, shapes: str | dict, wrt: str, answer: str, notation: str = "auto",
                 where=(), settings: TensorCheckSettings = TensorCheckSettings()) -> TensorVerdict:
    """The verdict on ``answer`` as ∂L/∂``wrt`` of the typed objective ``loss``."""
    if notation not in NOTATIONS:
        raise ValueError(f"notation must be one of {NOTATIONS}")
    shapes, objective, expected, names = question(loss, shapes, wrt)
    if notation in ("auto", "latex") and not _PROGRAM.search(answer):
        from .latex_tokens import derivative_spellings
        answer = derivative_spellings(re.sub(r"^\s*&?\s*=(?!=)", "", answer))  # a line copied from an align: "&= …"
    if notation in ("auto", "latex") and not _PROGRAM.search(answer) and _is_chain(answer):
        from .chain import check_tensor_derivation  # A = B = C: every step judged, the verdict is the last line's
        return check_tensor_derivation(loss, shapes, wrt, answer, where, settings).final
    names = where_names(list(where), shapes, names, notation, wrt, objective)
    component = component_form(answer, wrt) if notation in ("auto", "latex") and expected.is_column else None
    if component is not None:
        try:
            given = only_known_names(_parse_auto(component[0], shapes, names, "latex", wrt, objective,
                                                 expected.shape), objective)
        except ShapeError:
            raise ParseError(f"cannot read the answer for one component ({wrt}_{component[1]}) as a vector: write "
                             f"the whole gradient, e.g. in matrix form") from None
        return compare(expected, given, shapes, wrt, settings)
    try:
        given = only_known_names(_parse_auto(answer, shapes, names, notation, wrt, objective, expected.shape),
                                 objective)
    except ShapeError as err:
        stranger = _undeclared_in_code(answer, shapes, names, objective)
        if stranger is not None:  # the shapes failed because an unknown name was read as a number
            raise ParseError(f"the answer uses {stranger}, which the loss does not have: declare it with --where "
                             f"'{stranger} = …' (in the loss's names)") from None
        return TensorVerdict("incorrect", wrt, expected, None, "shapes",
                             Diagnosis("shape", f"the answer's shapes do not fit: {err}"))
    return compare(expected, given, shapes, wrt, settings)


def _undeclared_in_code(answer: str, shapes, names, objective) -> str | None:
    """The first name numpy code or typed text reads that nothing declares, assigns or binds (None for LaTeX)."""
    import ast
    if notation_of(answer) == "latex":
        return None
    try:
        tree = ast.parse(answer.strip(), mode="exec")  # only read, never run; the reader already bounded the text
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    bound = set(shapes) | set(names) | set(t.variables(objective)) | {"np", "numpy", "scipy", "math", "lambda_"}
    bound |= {str(d) for sh in shapes.values() for x in sh.dims for d in sympy.sympify(x).free_symbols}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.Lambda)):
            bound |= {a.arg for a in node.args.args} | ({node.name} if isinstance(node, ast.FunctionDef) else set())
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in bound | called:
            return node.id
    return None


__all__ = ["check_tensor", "NOTATIONS", "notation_of", "describe"]
