"""``symgrad derive``: ∂L/∂θ step by step for a typed loss or a built-in model."""
from __future__ import annotations

import json
import sys

from symbolic import derive as derive_all
from symbolic.models import Objective
from symbolic.render.document import derivation_document
from symbolic.render.json import derivations_json
from symbolic.render.latex import latex
from symbolic.render.text import text

from ..files import write_atomic
from .objective_args import add_matrix_form_arguments, add_objective_arguments, objective_from_args


def add_arguments(p) -> None:
    """Arguments of ``symgrad derive``."""
    add_objective_arguments(p)
    add_matrix_form_arguments(p)
    p.add_argument("--steps", action="store_true", help="show every step, not only the result")
    p.add_argument("--format", default="text", choices=("text", "latex", "json"), help="output format")
    p.add_argument("--document", action="store_true", help="with --format latex: a complete document for pdflatex")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of standard output")
    p.add_argument("--shapes", help="vectors and matrices, e.g. 'X:n,d w:d y:n' (LOSS then reads with numpy's meaning)")


def render(obj, derivations, fmt: str, steps: bool, document: bool) -> str:
    """The derivations in one of the output formats."""
    if fmt == "json":
        return json.dumps(derivations_json(obj.expression, derivations), indent=2, ensure_ascii=False) + "\n"
    if fmt == "latex":
        if document:
            return derivation_document(f"Gradient of the {obj.name}", obj.expression, derivations)
        blocks = [d.to_latex() if steps else
                  rf"\frac{{\partial \mathcal{{L}}}}{{\partial {latex(d.parameter)}}} = {latex(d.gradient)}"
                  for d in derivations.values()]
        return "\n\n".join(blocks) + "\n"
    out = [f"L = {text(obj.expression)}", ""]
    for d in derivations.values():
        out.append(d.to_text() if steps else f"∂L/∂{text(d.parameter)} = {text(d.gradient)}")
        if d.note:
            out.append(f"note: {d.note}")
        out.append("")
    return "\n".join(out)


def run(args) -> int:
    """Build, derive, render, print or write."""
    if getattr(args, "vector", False) and args.model != "mlp":
        return _run_vector(args)
    if getattr(args, "shapes", None):
        return _run_tensor(args)
    obj = objective_from_args(args)
    if not isinstance(obj, Objective):
        return _run_matrix(args, obj)
    if getattr(args, "convention", None):
        from symbolic.errors import ModelError
        raise ModelError("--convention is for --model mlp (and --vector models are in rows)")
    derivations = derive_all(obj)
    output = render(obj, derivations, args.format, args.steps, args.document)
    if args.output:
        write_atomic(args.output, output)
    else:
        sys.stdout.write(output)
    return 0


def _run_matrix(args, spec) -> int:
    """``--model mlp``: the backprop equations in matrix form, whatever the sizes."""
    from dataclasses import replace

    from symbolic.matrix import matrix_derivation
    from symbolic.render.document import _PREAMBLE
    d = matrix_derivation(replace(spec, convention=args.convention or "rows"))
    if args.format == "json":
        output = json.dumps(d.to_json(), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "latex":
        output = d.to_latex() + "\n"
        if args.document:
            output = _PREAMBLE + "\\begin{document}\n\\section*{Backpropagation in matrix form}\n" + output + \
                "\\end{document}\n"
    else:
        output = d.to_text() + "\n"
    if args.output:
        write_atomic(args.output, output)
    else:
        sys.stdout.write(output)
    return 0


def _run_vector(args) -> int:
    """``--model linear|logistic|softmax --vector``: the model as a typed loss, derived as ``--shapes`` is."""
    from argparse import Namespace

    from symbolic.errors import ModelError
    from symbolic.tensor.models import vector_model
    if args.loss or args.shapes or args.convention == "columns":
        raise ModelError("--vector takes --model (not a LOSS, --shapes or --convention columns)")
    loss, shapes, wrt = vector_model(args.model, args.reg, args.features, args.classes)
    return _run_tensor(Namespace(**{**vars(args), "model": None, "loss": loss, "shapes": shapes,
                                    "wrt": args.wrt or ",".join(wrt)}))


def _run_tensor(args) -> int:
    """``--shapes``: a typed vector/matrix objective, derived by symbolic.tensor."""
    from symbolic.errors import ModelError
    from symbolic.tensor.derivation import derive_text
    if args.model or not args.loss or not args.wrt:
        raise ModelError("--shapes needs a typed LOSS and --wrt (not --model)")
    d = derive_text(args.loss, args.shapes, [w.strip() for w in args.wrt.split(",") if w.strip()])
    if args.format == "json":
        output = json.dumps(d.to_json(), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "latex":
        output = d.to_latex(args.steps) + "\n"
        if args.document:
            from symbolic.render.document import body_document
            from symbolic.tensor.printing import latex as tensor_latex
            loss = r"\[ \mathcal{L} = " + tensor_latex(d.objective) + r" \]"
            output = body_document("Gradient in matrix form", loss + "\n" + output)
    else:
        output = d.to_text(args.steps)
    if args.output:
        write_atomic(args.output, output)
    else:
        sys.stdout.write(output)
    return 0
