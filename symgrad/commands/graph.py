"""``symgrad graph``: the computation graph of a loss with its forward and backward passes."""
from __future__ import annotations

import json
import math
import sys

from symbolic.errors import SymgradError
from symbolic.names import check_identifier
from symbolic.models import Objective
from symbolic.graph import GRANULARITIES, build_graph, run_passes
from symbolic.graph.picture import render
from symbolic.graph.tables import latex_table, markdown_table, text_table

from ..files import check_folder, write_atomic
from .objective_args import add_objective_arguments, names, objective_from_args

FORMATS = {"text": text_table, "markdown": markdown_table, "latex": latex_table}


def add_arguments(p) -> None:
    """Arguments of ``symgrad graph``."""
    add_objective_arguments(p, wrt_help="parameters (their adjoints are the gradient; default: every variable "
                                        "of a typed loss, as micrograd gives every leaf a grad)")
    p.add_argument("--output-name", default="L", metavar="NAME",
                   help="the output node's name (default L; the lecture's f(u) = z(v(u), w(u)) calls it z)")
    p.add_argument("--at", help="the point: omega=0.5,b=0.1,x=2,y=1,lambda=0.01 (with --shapes, optional: "
                   "dimensions and scalars, n=4,d=3,lambda=0.1; tensors are drawn at random)")
    p.add_argument("--shapes", help="vectors and matrices, e.g. 'X:n,d w:d y:n': the graph of a typed matrix "
                   "objective with shapes and symbolic adjoints")
    p.add_argument("--seed", type=int, default=0, help="with --shapes and --at: the seed of the random tensors")
    p.add_argument("--granularity", default="student", choices=GRANULARITIES,
                   help="student: the steps as drawn by hand (z, a, r, L); full: every sympy operation")
    p.add_argument("--format", default="text", choices=(*FORMATS, "json"), help="table format")
    p.add_argument("--render", help="draw the graph with Graphviz to this .svg, .png, .pdf or .dot file")
    p.add_argument("-o", "--output", help="write the table to this file (atomically)")


def parse_point(text: str) -> dict[str, float]:
    """``"omega=0.5,b=0.1"`` → {"omega": 0.5, "b": 0.1} (SymgradError naming a bad item)."""
    point = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        name, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            number = float(value)
        except ValueError:
            raise SymgradError(f"--at takes name=value pairs separated by commas; {item!r} is not one") from None
        if not math.isfinite(number):
            raise SymgradError(f"--at {name.strip()} must be a finite number")
        if name.strip() in point:
            raise SymgradError(f"--at gives {name.strip()!r} twice")
        point[name.strip()] = number
    if not point:
        raise SymgradError("--at needs at least one name=value")
    return point


def _every_variable(loss: str) -> str:
    """Every variable of a typed loss, comma separated: the leaves whose adjoints a graph shows by default."""
    from symbolic.latex_parse.loss import parse_loss
    names = sorted(s.name for s in parse_loss(loss).expression.free_symbols)
    if not names:
        raise SymgradError("the loss has no variables to differentiate by")
    return ",".join(names)


def run(args) -> int:
    """Build, evaluate, print the table, draw the picture."""
    check_identifier(args.output_name)
    if args.shapes:
        return _run_tensor(args)
    if not args.at:
        raise SymgradError("graph needs --at, the point to evaluate at (e.g. --at omega=0.5,b=0.1,x=2,y=1)")
    obj = objective_from_args(args, wrt=args.wrt or (_every_variable(args.loss) if args.loss else None))
    if not isinstance(obj, Objective):
        raise SymgradError("graph takes a scalar objective; --model mlp is in matrix form (use derive)")
    passes = run_passes(build_graph(obj, granularity=args.granularity, output=args.output_name), parse_point(args.at))
    output = (json.dumps(passes.to_json(), indent=2, ensure_ascii=False) + "\n" if args.format == "json"
              else FORMATS[args.format](passes))
    if args.output:
        check_folder(args.output)
    if args.render:  # first: a picture that cannot be drawn leaves no table file behind either
        render(passes, args.render)
    if args.output:
        write_atomic(args.output, output)
    else:
        sys.stdout.write(output)
    return 0


def _run_tensor(args) -> int:
    """``--shapes``: the graph of a typed matrix objective (symbolic.tensor.graph)."""
    from symbolic.tensor import parse_objective, parse_shapes
    from symbolic.tensor import graph as tg
    if args.model or not args.loss:
        raise SymgradError("--shapes needs a typed LOSS (not --model)")
    graph = tg.tensor_graph(parse_objective(args.loss, parse_shapes(args.shapes)),
                            names(args.wrt) if args.wrt else None, args.output_name)
    if args.at:
        graph = tg.at_point(graph, parse_point(args.at), args.seed)
    tables = {"text": tg.text_table, "markdown": tg.markdown_table, "latex": tg.latex_table}
    output = (json.dumps(tg.to_json(graph), indent=2, ensure_ascii=False) + "\n" if args.format == "json"
              else tables[args.format](graph))
    if args.output:
        check_folder(args.output)
    if args.render:
        tg.render(graph, args.render)
    if args.output:
        write_atomic(args.output, output)
    else:
        sys.stdout.write(output)
    return 0
