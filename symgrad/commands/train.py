"""``symgrad train``: compile the objective to numpy and run gradient descent on real data."""
from __future__ import annotations

import json
import sys

import numpy as np

from numeric.errors import DivergenceError
from numeric.optimize import OPTIMIZERS
from symbolic.errors import SymgradError
from symbolic.models import LOSSES, TASKS, Objective

from .objective_args import add_objective_arguments, objective_from_args


def add_arguments(p) -> None:
    """Arguments of ``symgrad train``."""
    add_objective_arguments(p, wrt_help="same as --params")
    p.add_argument("--params", help="parameters to train, comma separated (text losses)")
    p.add_argument("--data", required=True, help="CSV file, built-in dataset (iris, digits, breast_cancer, diabetes, "
                   "wine) or synthetic generator (linear, logistic, blobs, ...)")
    p.add_argument("--optimizer", default=None, choices=OPTIMIZERS,
                   help="gd (the lecture's; the default), sgd, momentum, adam (the default for mlp), lbfgs")
    p.add_argument("--lr", type=float, default=None, help="learning rate alpha")
    p.add_argument("--epochs", type=int, default=None, help="most epochs (passes over the data; 200, mlp 300)")
    p.add_argument("--batch-size", type=int, default=None, help="minibatch size (sgd: 32)")
    p.add_argument("--seed", type=int, default=0, help="seed for initialization, shuffling and the split")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="value of a symbol that is neither parameter nor data, e.g. lambda=0.01")
    p.add_argument("--gtol", type=float, default=1e-6, help="stop when the gradient norm is below this")
    p.add_argument("--ftol", type=float, default=0.0, help="stop when the loss changes less than this")
    p.add_argument("--test-fraction", type=float, default=None, help="held-out fraction (default 0.25 for classifiers)")
    p.add_argument("--no-standardize", action="store_true", help="keep features unscaled")
    p.add_argument("--dtype", default="float64", choices=("float64", "float32"), help="floating point type")
    p.add_argument("--backend", default="auto", choices=("auto", "numpy", "fused", "jax"),
                   help="how gradients run: numpy (reference), fused (numba kernels), jax (jit, GPU); auto picks")
    p.add_argument("--plot", help="loss curve to this PNG or SVG file")
    p.add_argument("--plot-model", help="fitted curve (1-D) or decision boundary (2-D) to this PNG or SVG")
    p.add_argument("--json", action="store_true", help="print the result as JSON")


def parse_settings(items) -> dict[str, float]:
    """``["lambda=0.01"]`` → {"lambda": 0.01} (SymgradError on a malformed item)."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            if not sep or not name.strip().isidentifier():
                raise ValueError
            out[name.strip()] = float(value)
        except ValueError:
            raise SymgradError(f"--set takes NAME=NUMBER, got {item!r}") from None
        if not np.isfinite(out[name.strip()]):
            raise SymgradError(f"--set {name.strip()} must be a finite number")
    return out


def _objective(args, dataset):
    """What the arguments name, sized by the data: its feature columns and classes fill in a model's d and k."""
    return objective_from_args(args, wrt=args.params, data_features=len(dataset.feature_names),
                               data_classes=len(dataset.classes) if dataset.classes else None)


def _dtype(args):
    return np.float32 if args.dtype == "float32" else np.float64


def _with_progress(epochs: int, run):
    """``run(bar)`` under a progress bar; divergence is one line on stderr and None."""
    from numeric.progress import ProgressBar
    bar = ProgressBar(epochs, description="training")
    try:
        return run(bar)
    except DivergenceError as err:
        print(f"symgrad train: {err}", file=sys.stderr)
        return None
    finally:
        bar.close()


def split_and_scale(args, dataset, classify: bool):
    """(train, test or None): a held-out part for classifiers, features standardized on the train part."""
    from numeric.data.prepare import Standardizer, train_test_split
    fraction = args.test_fraction if args.test_fraction is not None else (0.25 if classify else 0.0)
    if not 0 <= fraction < 1:
        raise SymgradError("--test-fraction must be in [0, 1)")
    train_set, test_set = train_test_split(dataset, fraction, seed=args.seed) if fraction else (dataset, None)
    if not args.no_standardize and dataset.feature_names:
        scaler = Standardizer.fit(train_set)
        train_set = scaler.transform(train_set)
        test_set = scaler.transform(test_set) if test_set is not None else None
    return train_set, test_set


def _rename_inputs(obj, dataset):
    """Model inputs x (or x1..xd) matched to the data's feature columns, in order."""
    inputs = [s.name for s in obj.data if getattr(s, "name", "") != "y"]
    features = list(dataset.feature_names)
    if not obj.model or all(i in dataset.columns for i in inputs):
        return dict(dataset.columns)  # a typed loss names its data columns itself
    if len(inputs) != len(features):
        raise SymgradError(f"the model has {len(inputs)} inputs but the data has {len(features)} feature columns")
    cols = {i: dataset.columns[f] for i, f in zip(inputs, features)}
    label = dataset.target or "y"
    if label not in dataset.columns:
        raise SymgradError(f"the data has no label column {label!r} (columns: {', '.join(dataset.columns)})")
    cols["y"] = dataset.columns[label]
    return cols


def _check_plot_paths(args) -> None:
    """A picture format that cannot be written is refused before training, not after it."""
    if not (args.plot or args.plot_model):
        return  # and matplotlib is not imported
    from pathlib import Path

    from numeric.plots import FORMATS
    for option, path in (("--plot", args.plot), ("--plot-model", args.plot_model)):
        suffix = Path(path).suffix.lower() if path else next(iter(FORMATS))
        if suffix not in FORMATS:
            raise SymgradError(f"{option} draws {' or '.join(FORMATS)} files, not {suffix or 'a file without suffix'!r}")


def run(args) -> int:
    """Load, split, standardize, train, report."""
    from numeric.data import load
    from numeric.predict import accuracy
    from numeric.train import train

    _check_plot_paths(args)
    if args.seed < 0:  # it seeds the split before training would refuse it
        raise SymgradError("--seed must be a whole number ≥ 0")
    dataset = load(args.data)
    obj = _objective(args, dataset)
    if not isinstance(obj, Objective):
        return _run_mlp(args, dataset, obj)
    args.optimizer = args.optimizer or "gd"
    args.epochs = 200 if args.epochs is None else args.epochs
    params = [p.name for p in obj.parameters]
    constants = parse_settings(args.set)
    is_classifier = bool(obj.task_record and obj.task_record.classifier)
    train_set, test_set = split_and_scale(args, dataset, is_classifier)
    columns = _rename_inputs(obj, train_set)
    needed = {s.name for s in obj.expression.free_symbols} - set(params) - set(columns)
    unset = sorted(n for n in needed if n not in constants and n != "n")
    if unset:
        raise SymgradError(f"give {unset[0]!r} a value, e.g. --set {unset[0]}=0.01 (it is neither a parameter nor a data column)")
    result = _with_progress(args.epochs, lambda bar: train(
        obj, columns, parameters=params, constants=constants, optimizer=args.optimizer, learning_rate=args.lr,
        epochs=args.epochs, batch_size=args.batch_size, seed=args.seed, gradient_tolerance=args.gtol,
        loss_tolerance=args.ftol, dtype=_dtype(args), callbacks=[bar], backend=args.backend))
    if result is None:
        return 1
    report = {"parameters": result.parameter_dict(), "final_loss": result.final_loss, "epochs": result.epochs,
              "stop_reason": result.stop_reason, "optimizer": result.optimizer,
              "loss_history": list(result.loss_history)}
    if is_classifier and obj.outputs:
        report["accuracy"] = {"train": accuracy(obj, result.parameter_dict(), columns)}
        if test_set is not None:
            report["accuracy"]["test"] = accuracy(obj, result.parameter_dict(), _rename_inputs(obj, test_set))
    _plots(args, obj, result, columns)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print_text(report)
    return 0


def _print_text(report) -> None:
    print(f"{report['optimizer']}: {report['epochs']} epochs, final loss {report['final_loss']:.6g} ({report['stop_reason']})")
    for name, value in report["parameters"].items():
        print(f"  {name} = {value:.6g}")
    for split, value in report.get("accuracy", {}).items():
        print(f"  {split} accuracy: {value:.4f}")


def _plots(args, obj, result, columns) -> None:
    if not (args.plot or args.plot_model):
        return
    from numeric.plots import decision_boundary_2d, fit_1d, loss_curve, save
    from numeric.predict import predict_labels, predict_outputs
    if args.plot:
        save(loss_curve(result.loss_history, title=f"{obj.name}: loss"), args.plot)
    if args.plot_model:
        params = result.parameter_dict()
        inputs = [k for k in columns if k != "y"]
        task = obj.task_record
        if len(inputs) == 1 and task and not task.classifier:
            fig = fit_1d(columns[inputs[0]], columns["y"],
                         lambda xs: predict_outputs(obj, params, {inputs[0]: np.ravel(xs)}), title=obj.name)
        elif len(inputs) == 2 and task and task.classifier:
            fig = decision_boundary_2d(np.column_stack([columns[i] for i in inputs]), columns["y"],
                                       lambda grid: predict_labels(obj, params, dict(zip(inputs, grid.T))),
                                       title=obj.name)
        else:
            raise SymgradError("--plot-model draws 1-D regression or 2-D classification only")
        save(fig, args.plot_model)


def _run_mlp(args, dataset, spec) -> int:
    """``--model mlp``: the matrix-form network (its MLPSpec built from the arguments), trained with the same optimizers."""
    from numeric.mlp import train_mlp

    constants = parse_settings(args.set)
    if spec.reg == "l2" and "lambda" not in constants:
        raise SymgradError("give the regularization strength: --set lambda=0.0001")
    classify = TASKS[LOSSES[spec.loss].task].classifier
    train_set, test_set = split_and_scale(args, dataset, classify)
    epochs = 300 if args.epochs is None else args.epochs
    if epochs < 1:
        raise SymgradError("--epochs must be at least 1")
    trained = _with_progress(epochs, lambda bar: train_mlp(
        spec, train_set.X, train_set.y, lam=constants.get("lambda", 0.0), optimizer=args.optimizer or "adam",
        learning_rate=args.lr, epochs=epochs, batch_size=args.batch_size, seed=args.seed,
        gradient_tolerance=args.gtol, loss_tolerance=args.ftol, dtype=_dtype(args), callbacks=[bar],
        backend=args.backend))
    if trained is None:
        return 1
    model, result = trained
    params = model.unflatten(result.parameters)
    report = {"model": {"layers": list(spec.layers), "activations": list(spec.activations), "loss": spec.loss},
              "backend": type(model).__name__,
              "parameters": {k: {"shape": list(v.shape), "norm": float(np.linalg.norm(v))} for k, v in params.items()},
              "final_loss": result.final_loss, "epochs": result.epochs, "stop_reason": result.stop_reason,
              "optimizer": result.optimizer, "loss_history": list(result.loss_history)}
    if classify:
        report["accuracy"] = {"train": float(np.mean(model.predict(result.parameters, train_set.X) == train_set.y))}
        if test_set is not None:
            report["accuracy"]["test"] = float(np.mean(model.predict(result.parameters, test_set.X) == test_set.y))
    if args.plot:
        from numeric.plots import loss_curve, save
        save(loss_curve(result.loss_history, title=f"MLP {'-'.join(map(str, spec.layers))}: loss"), args.plot)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{report['optimizer']}: {report['epochs']} epochs, final loss {report['final_loss']:.6g} "
              f"({report['stop_reason']})")
        for name, info in report["parameters"].items():
            print(f"  {name}: {' × '.join(map(str, info['shape']))}, norm {info['norm']:.4g}")
        for split, value in report.get("accuracy", {}).items():
            print(f"  {split} accuracy: {value:.4f}")
    return 0
