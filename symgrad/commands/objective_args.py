"""The arguments that name an objective, shared by every command: a typed loss or a built-in model."""
from __future__ import annotations

from symbolic.activations import SCALAR_ACTIVATIONS
from symbolic.errors import SymgradError
from symbolic.models import LOSSES, MODELS, REGULARIZERS, from_text, objective


def add_objective_arguments(p, wrt_help: str = "parameters, comma separated (default for --model: all)") -> None:
    """LOSS or --model with its options, and --wrt."""
    p.add_argument("loss", nargs="?", help="the loss as text, e.g. '1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2'")
    p.add_argument("--wrt", help=wrt_help)
    p.add_argument("--model", choices=sorted(MODELS) + ["mlp"],
                   help="a built-in model instead of a typed loss (mlp: matrix form, with --layers)")
    p.add_argument("--layers", help="mlp sizes d,h1,...,k, e.g. 784,128,10")
    p.add_argument("--activation", default="sigmoid",
                   help="activation of neuron / two_layer / mlp hidden layers (mlp: one, or one per layer: relu,tanh)")
    p.add_argument("--loss", dest="loss_name", choices=sorted(LOSSES), help="loss of the built-in model (default: squared, cross_entropy for softmax)")
    p.add_argument("--reg", default="none", choices=sorted(REGULARIZERS), help="regularizer on the weights")
    p.add_argument("--features", type=int, default=None, help="number of input features d")
    p.add_argument("--classes", type=int, default=3, help="classes k of the softmax model")
    p.add_argument("--hidden", type=int, default=2, help="hidden width h of two_layer")
    p.add_argument("--biases", action="store_true", help="give two_layer bias terms")
    p.add_argument("--risk", action="store_true", help="the empirical risk (1/n) sum_i l(y_i, yhat_i) over indexed data")


def names(wrt: str) -> list[str]:
    """``"w,b"`` → ["w", "b"] (SymgradError if empty)."""
    out = [n.strip() for n in wrt.split(",") if n.strip()]
    if not out:
        raise SymgradError("--wrt needs at least one parameter name")
    return out


def mlp_spec_from_args(args, features: int | None = None, classes: int | None = None):
    """The MLPSpec of ``--model mlp --layers d,h,...,k`` (the data's sizes fill in a missing end)."""
    from symbolic.matrix import MLPSpec
    if not args.layers:
        raise SymgradError("--model mlp needs --layers, e.g. --layers 784,128,10")
    try:
        layers = [int(s) for s in args.layers.split(",") if s.strip()]
    except ValueError:
        raise SymgradError(f"--layers takes whole numbers separated by commas, got {args.layers!r}") from None
    if features is not None and layers[0] != features:
        raise SymgradError(f"--layers starts with {layers[0]} inputs but the data has {features} feature columns")
    if classes is not None and layers[-1] != classes:
        raise SymgradError(f"--layers ends with {layers[-1]} outputs but the data has {classes} classes")
    acts = [a.strip() for a in args.activation.split(",")]
    hidden = len(layers) - 2
    activations = acts * hidden if len(acts) == 1 else acts
    return MLPSpec.build(layers, activations, args.loss_name or "cross_entropy", args.reg)


def objective_from_args(args):
    """The Objective the arguments describe."""
    if args.activation not in SCALAR_ACTIVATIONS and args.model != "mlp":
        raise SymgradError(f"unknown activation {args.activation!r} (choose from {', '.join(SCALAR_ACTIVATIONS)})")
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
        return objective(MODELS[args.model](**kwargs), loss, args.reg, empirical_risk=args.risk)
    if not args.loss:
        raise SymgradError("give a loss, e.g. '(y - w*x)**2' --wrt w, or a built-in --model")
    if not args.wrt:
        raise SymgradError("say which parameters to differentiate by: --wrt w,b")
    return from_text(args.loss, names(args.wrt))
