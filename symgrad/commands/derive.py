"""``symgrad derive``: ∂L/∂θ step by step for a typed loss or a built-in model."""
from __future__ import annotations

import json
import sys

from symbolic import derive as derive_all
from symbolic.activations import SCALAR_ACTIVATIONS
from symbolic.errors import SymgradError
from symbolic.models import LOSSES, MODELS, REGULARIZERS, from_text, objective
from symbolic.render.document import derivation_document
from symbolic.render.json import derivations_json
from symbolic.render.latex import latex
from symbolic.render.text import text

from ..files import write_atomic

HELP = "derive the gradient of a loss step by step"


def add_arguments(p) -> None:
    """Arguments of ``symgrad derive``."""
    p.add_argument("loss", nargs="?", help="the loss as text, e.g. '1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2'")
    p.add_argument("--wrt", help="parameters to differentiate by, comma separated (default for --model: all)")
    p.add_argument("--model", choices=sorted(MODELS), help="a built-in model instead of a typed loss")
    p.add_argument("--activation", default="sigmoid", choices=sorted(SCALAR_ACTIVATIONS), help="activation of neuron / two_layer")
    p.add_argument("--loss", dest="loss_name", choices=sorted(LOSSES), help="loss of the built-in model (default: squared, cross_entropy for softmax)")
    p.add_argument("--reg", default="none", choices=sorted(REGULARIZERS), help="regularizer on the weights")
    p.add_argument("--features", type=int, default=None, help="number of input features d")
    p.add_argument("--classes", type=int, default=3, help="classes k of the softmax model")
    p.add_argument("--hidden", type=int, default=2, help="hidden width h of two_layer")
    p.add_argument("--biases", action="store_true", help="give two_layer bias terms")
    p.add_argument("--risk", action="store_true", help="the empirical risk (1/n) sum_i l(y_i, yhat_i) over indexed data")
    p.add_argument("--steps", action="store_true", help="show every step, not only the result")
    p.add_argument("--format", default="text", choices=("text", "latex", "json"), help="output format")
    p.add_argument("--document", action="store_true", help="with --format latex: a complete document for pdflatex")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of standard output")


def _objective(args):
    if args.model and args.loss:
        raise SymgradError("give either a loss or --model, not both")
    if args.model:
        kwargs = {"features": args.features} if args.features else {}
        if args.model == "softmax":
            kwargs["classes"] = args.classes
        if args.model in ("neuron", "two_layer"):
            kwargs["activation"] = args.activation
        if args.model == "two_layer":
            kwargs.update(hidden=args.hidden, biases=args.biases)
            kwargs.setdefault("features", 2)
        loss = args.loss_name or ("cross_entropy" if args.model == "softmax" else "squared")
        try:
            model = MODELS[args.model](**kwargs)
        except TypeError as err:
            raise SymgradError(f"--model {args.model}: {err}") from None
        return objective(model, loss, args.reg, empirical_risk=args.risk)
    if not args.loss:
        raise SymgradError("give a loss, e.g. symgrad derive '(y - w*x)**2' --wrt w, or a built-in --model")
    if not args.wrt:
        raise SymgradError("say which parameters to differentiate by: --wrt w,b")
    return from_text(args.loss, _names(args.wrt))


def _names(wrt: str) -> list[str]:
    names = [n.strip() for n in wrt.split(",") if n.strip()]
    if not names:
        raise SymgradError("--wrt needs at least one parameter name")
    return names


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
        out.append("")
    return "\n".join(out)


def run(args) -> int:
    """Derive, render, print or write."""
    obj = _objective(args)
    wrt = _names(args.wrt) if args.wrt else None
    derivations = derive_all(obj, wrt)
    output = render(obj, derivations, args.format, args.steps, args.document)
    if args.output:
        write_atomic(args.output, output)
    else:
        sys.stdout.write(output)
    return 0
