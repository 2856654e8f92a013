"""The arguments that name an objective, shared by every command: a typed loss or a built-in model.

This module only translates arguments into an ``ObjectiveSpec``; what they mean (defaults, which
options a model takes, what is an error) is decided by ``symbolic.models.build``.
"""
from __future__ import annotations

from symbolic.errors import SymgradError
from symbolic.models.regularizers import DEFAULT_STRENGTH
from symbolic.models import LOSSES, MODEL_NAMES, MODELS, REGULARIZERS, ObjectiveSpec, build, parameter_names


def add_objective_arguments(p, wrt_help: str = "parameters, comma separated (default for --model: all)") -> None:
    """LOSS or --model with its options, and --wrt."""
    defaults = ", ".join(f"{name}: {record.default_loss}" for name, record in MODELS.items())
    p.add_argument("loss", nargs="?", help="the loss as text, e.g. '1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2'")
    p.add_argument("--wrt", help=wrt_help)
    p.add_argument("--model", choices=MODEL_NAMES,
                   help="a built-in model instead of a typed loss (mlp: matrix form, with --layers)")
    p.add_argument("--layers", help="mlp sizes d,h1,...,k, e.g. 784,128,10")
    p.add_argument("--activation", help="activation of neuron / two_layer / mlp hidden layers (default sigmoid; "
                   "mlp: one, or one per layer: relu,tanh)")
    p.add_argument("--loss", dest="loss_name", choices=sorted(LOSSES),
                   help=f"loss of the built-in model (default: the model's own; {defaults}; mlp: cross_entropy)")
    p.add_argument("--reg", choices=sorted(REGULARIZERS),
                   help="regularizer on the weights, never the biases (default none): l2 is lambda*||w||^2, l1 "
                   f"lambda*|w|; train: lambda = {DEFAULT_STRENGTH:g} unless --set lambda=...")
    p.add_argument("--features", type=int, default=None, help="number of input features d")
    p.add_argument("--classes", type=int, default=None, help="classes k of the softmax model (default 3)")
    p.add_argument("--hidden", type=int, default=None, help="hidden width h of two_layer (default 2)")
    p.add_argument("--biases", action="store_true", help="give two_layer bias terms")
    p.add_argument("--risk", action="store_true", help="the empirical risk (1/n) sum_i l(y_i, yhat_i) over indexed data")


def add_matrix_form_arguments(p) -> None:
    """--vector and --convention: built-in models in vector/matrix form (derive)."""
    p.add_argument("--vector", action="store_true",
                   help="--model linear|logistic|softmax in vector form: X is n × d, gradients like (1/n)Xᵀ(σ(Xw + b) − y)")
    p.add_argument("--convention", choices=("rows", "columns"), default=None,
                   help="--model mlp: rows (X is n × d, one example per row, numpy's; the default) or columns "
                   "(the lecture's: one example x, W⁽¹⁾ is h × d, ∂L/∂W⁽¹⁾ = δ⁽¹⁾xᵀ)")


def names(wrt: str) -> list[str]:
    """``"w,b"`` → ["w", "b"]; ``"W[1,2],b"`` keeps the entry whole (SymgradError if empty)."""
    return list(parameter_names(wrt))


def _layers(text: str | None) -> tuple[int, ...]:
    if not text:
        return ()
    try:
        return tuple(int(s) for s in text.split(",") if s.strip())
    except ValueError:
        raise SymgradError(f"--layers takes whole numbers separated by commas, got {text!r}") from None


def spec_from_args(args, wrt: str | None = None, **data) -> ObjectiveSpec:
    """The ObjectiveSpec the arguments describe (``wrt`` overrides --wrt; ``data`` gives data_features/classes)."""
    wrt = wrt if wrt is not None else args.wrt
    return ObjectiveSpec(model=args.model, formula=args.loss, wrt=parameter_names(wrt) if wrt else (),
                         activation=args.activation, loss=args.loss_name, reg=args.reg, features=args.features,
                         classes=args.classes, hidden=args.hidden, biases=args.biases, risk=args.risk,
                         layers=_layers(args.layers), **data)


def objective_from_args(args, wrt: str | None = None, **data):
    """The Objective (an MLPSpec for --model mlp) the arguments describe: ``build(spec_from_args(...))``."""
    return build(spec_from_args(args, wrt, **data))
