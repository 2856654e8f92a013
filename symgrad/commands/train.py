"""``symgrad train``: compile the objective to numpy and run gradient descent on real data."""
from __future__ import annotations

import json
import sys

import numpy as np

from numeric.errors import DivergenceError
from numeric.optimize import OPTIMIZERS
from symbolic.errors import SymgradError
from symbolic.models import LOSSES, TASKS, Objective
from symbolic.models.regularizers import DEFAULT_STRENGTH

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
    p.add_argument("--standardize", action="store_true",
                   help="standardize the features of a typed loss too (its parameters are then in standardized units)")
    p.add_argument("--no-standardize", action="store_true", help="keep a built-in model's features unscaled")
    p.add_argument("--dtype", default="float64", choices=("float64", "float32"), help="floating point type")
    p.add_argument("--backend", default="auto", choices=("auto", "numpy", "fused", "jax"),
                   help="how gradients run: numpy (reference), fused (numba kernels), jax (jit, GPU); auto picks")
    p.add_argument("--plot", help="loss curve to this PNG or SVG file")
    p.add_argument("--plot-model", help="fitted curve (1-D) or decision boundary (2-D) to this PNG or SVG")
    p.add_argument("--save-params", metavar="FILE", help="write every trained parameter to this JSON file")
    p.add_argument("--json", action="store_true", help="print the result as JSON (every parameter)")
    p.add_argument("--shapes", help="a typed vector/matrix loss: its tensors' shapes, e.g. 'X:n,d w:d y:n:pm1' "
                   "(X the features, y the labels, Y:n,k:onehot one-hot labels; --wrt the tensors to learn)")


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
    if args.loss and not (args.params or args.wrt):
        raise SymgradError("say which parameters to train: --params w,b")
    return objective_from_args(args, wrt=args.params, data_features=len(dataset.feature_names),
                               data_classes=len(dataset.classes) if dataset.classes else None)


def _dtype(args):
    return np.float32 if args.dtype == "float32" else np.float64


def _with_progress(epochs: int, progress: dict, run):
    """``run(bar)`` under a progress bar (kept in ``progress`` for a Ctrl-C report); divergence is one line and None."""
    from numeric.progress import ProgressBar
    bar = progress["bar"] = ProgressBar(epochs, description="training")
    try:
        return run(bar)
    except DivergenceError as err:
        print(f"symgrad train: {err}", file=sys.stderr)
        return None
    finally:
        bar.close()


def standardizes(args, built_in: bool) -> bool:
    """Whether features are standardized: built-in models by default, a typed loss only with --standardize.

    A typed loss names its own columns, so its parameters must mean the user's units.
    """
    if args.standardize and args.no_standardize:
        raise SymgradError("give --standardize or --no-standardize, not both")
    return args.standardize or (built_in and not args.no_standardize)


def split_and_scale(args, dataset, classify: bool, standardize: bool = True):
    """(train, test or None): a held-out part for classifiers, features standardized on the train part if asked."""
    from numeric.data.prepare import Standardizer, train_test_split
    fraction = args.test_fraction if args.test_fraction is not None else (0.25 if classify else 0.0)
    if not 0 <= fraction < 1:
        raise SymgradError("--test-fraction must be in [0, 1)")
    train_set, test_set = train_test_split(dataset, fraction, seed=args.seed) if fraction else (dataset, None)
    if standardize and dataset.feature_names:
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


def _check_outputs(args) -> None:
    """Every output option is checked before training: a picture format that cannot be written, a missing folder."""
    from pathlib import Path

    from symgrad.files import check_folder
    for option, path in (("--plot", args.plot), ("--plot-model", args.plot_model), ("--save-params", args.save_params)):
        if path is not None and not str(path).strip():
            raise SymgradError(f"{option} needs a file name, not {path!r}")
        if path is not None:
            check_folder(path)  # OSError naming the folder or the path: one line, exit 2
    if not (args.plot or args.plot_model):
        return  # and matplotlib is not imported
    from numeric.plots import FORMATS
    for option, path in (("--plot", args.plot), ("--plot-model", args.plot_model)):
        suffix = Path(path).suffix.lower() if path else next(iter(FORMATS))
        if suffix not in FORMATS:
            raise SymgradError(f"{option} draws {' or '.join(FORMATS)} files, not {suffix or 'a file without suffix'!r}")


def _picture_inputs(obj, columns) -> list[str]:
    """The data columns the objective reads other than its label y, in the objective's order."""
    return [s.name for s in obj.data if getattr(s, "name", "y") != "y" and s.name in columns]


def _check_model_picture(obj, columns) -> None:
    """What --plot-model would draw must exist before training starts (a 1-D fit or a 2-D decision boundary)."""
    from numeric.predict import model_outputs
    inputs = _picture_inputs(obj, columns)
    task = obj.task_record
    classify = bool(task and task.classifier)
    if len(inputs) == 1 and not classify and "y" in columns:
        if not model_outputs(obj):
            raise SymgradError("--plot-model needs the model's prediction ŷ; this typed loss is not a squared error "
                               "in y (use --model linear or --model neuron)")
        return
    if len(inputs) == 2 and classify:
        return
    kind = "classifier" if classify else "regression"
    raise SymgradError(f"--plot-model draws a regression on one input column or a classifier on two; this "
                       f"{kind} reads {len(inputs)} input column(s)")


#: more parameters than this are printed as a summary line (all of them go to --json or --save-params)
LISTED_PARAMETERS = 20


def run(args) -> int:
    """Load, split, standardize, train, report; Ctrl-C is one line with the last parameters and exit 130."""
    progress = {"bar": None, "names": ()}
    try:
        return _run(args, progress)
    except KeyboardInterrupt:
        print(f"symgrad train: {_interrupted(progress)}", file=sys.stderr)
        return 130


def _interrupted(progress) -> str:
    """Where Ctrl-C stopped training, and the last parameters."""
    bar = progress["bar"]
    info = bar.last if bar is not None else None
    if info is None:
        return "interrupted before the first epoch finished; nothing was trained or written"
    values = np.asarray(info.parameters, dtype=float).ravel()
    names = list(progress["names"])
    if len(names) == values.size and values.size <= LISTED_PARAMETERS:
        shown = ", ".join(f"{n} = {v:.6g}" for n, v in zip(names, values))
    else:
        shown = f"{values.size} values, norm {np.linalg.norm(values):.4g}"
    return (f"interrupted at epoch {info.epoch} of {bar.epochs} (loss {info.loss:.6g}); nothing was written; "
            f"last parameters: {shown}")


def _run(args, progress) -> int:
    from numeric.data import load
    from numeric.predict import accuracy
    from numeric.train import train

    _check_outputs(args)
    if args.seed < 0:  # it seeds the split before training would refuse it
        raise SymgradError("--seed must be a whole number ≥ 0")
    dataset = load(args.data)
    if args.shapes is not None:  # a typed vector/matrix objective: its own branch, the same optimizers
        from .train_tensor import run_tensor
        return run_tensor(args, dataset, progress)
    obj = _objective(args, dataset)
    if not isinstance(obj, Objective):
        return _run_mlp(args, dataset, obj, progress)
    args.optimizer = args.optimizer or "gd"
    args.epochs = 200 if args.epochs is None else args.epochs
    params = [p.name for p in obj.parameters]
    progress["names"] = params
    constants = parse_settings(args.set)
    is_classifier = bool(obj.task_record and obj.task_record.classifier)
    standardized = standardizes(args, built_in=bool(obj.model))
    train_set, test_set = split_and_scale(args, dataset, is_classifier, standardized)
    columns = _rename_inputs(obj, train_set)
    if obj.model and args.reg in ("l2", "l1"):
        constants.setdefault("lambda", DEFAULT_STRENGTH)
    needed = {s.name for s in obj.expression.free_symbols} - set(params) - set(columns)
    unset = sorted(n for n in needed if n not in constants and n != "n")
    if unset:
        raise SymgradError(f"the loss uses {unset[0]!r}, which is neither a parameter (--params) nor a column of "
                           f"{args.data} (its columns: {', '.join(dataset.columns)}): name a column {unset[0]!r}, "
                           f"or give it a value with --set {unset[0]}=…")
    if args.plot_model:
        _check_model_picture(obj, columns)
    result = _with_progress(args.epochs, progress, lambda bar: train(
        obj, columns, parameters=params, constants=constants, optimizer=args.optimizer, learning_rate=args.lr,
        epochs=args.epochs, batch_size=args.batch_size, seed=args.seed, gradient_tolerance=args.gtol,
        loss_tolerance=args.ftol, dtype=_dtype(args), callbacks=[bar], backend=args.backend))
    if result is None:
        return 1
    report = {"parameters": result.parameter_dict(), "final_loss": result.final_loss, "epochs": result.epochs,
              "stop_reason": result.stop_reason, "optimizer": result.optimizer, "standardized": standardized,
              "warnings": list(result.warnings), "loss_history": list(result.loss_history)}
    if is_classifier and obj.outputs:
        report["accuracy"] = {"train": accuracy(obj, result.parameter_dict(), columns)}
        if test_set is not None:
            report["accuracy"]["test"] = accuracy(obj, result.parameter_dict(), _rename_inputs(obj, test_set))
    outputs = _pictures(args, obj, result, columns)
    if args.save_params:
        outputs.append((args.save_params, (json.dumps(report["parameters"], indent=2) + "\n").encode()))
    _write_all(outputs)
    _print_report(args, report)
    return 0


def _print_report(args, report) -> None:
    """The report as JSON, or as text with warnings on stderr."""
    for warning in report["warnings"]:
        print(f"symgrad train: warning: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['optimizer']}: {report['epochs']} epochs, final loss {report['final_loss']:.6g} ({report['stop_reason']})")
    if report["standardized"]:
        print("  features standardized on the training part: the parameters are in standardized units")
    parameters = report["parameters"]
    if parameters and isinstance(next(iter(parameters.values())), dict):  # a network: shapes and norms
        for name, info in parameters.items():
            print(f"  {name}: {' × '.join(map(str, info['shape']))}, norm {info['norm']:.4g}")
    elif len(parameters) <= LISTED_PARAMETERS:
        for name, value in parameters.items():
            print(f"  {name} = {value:.6g}")
    else:
        names, values = list(parameters), np.array(list(parameters.values()))
        k = int(np.argmax(np.abs(values)))
        print(f"  {len(names)} parameters {names[0]} … {names[-1]}: norm {np.linalg.norm(values):.4g}, "
              f"largest |{names[k]}| = {abs(values[k]):.4g} (all of them: --json or --save-params FILE)")
    for split, value in report.get("accuracy", {}).items():
        print(f"  {split} accuracy: {value:.4f}")


def _write_all(outputs) -> None:
    """Write every (path, bytes) output, or none: one that fails removes those written before it."""
    from pathlib import Path

    from symgrad.files import write_atomic
    written = []
    try:
        for path, content in outputs:
            existed = Path(path).exists()
            write_atomic(path, content)
            if not existed:
                written.append(Path(path))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def _pictures(args, obj, result, columns) -> list[tuple[str, bytes]]:
    """The figures asked for, rendered in memory: (path, bytes) pairs for ``_write_all``."""
    if not (args.plot or args.plot_model):
        return []
    from pathlib import Path

    from numeric.plots import decision_boundary_2d, fit_1d, loss_curve, render
    from numeric.predict import predict_labels, predict_outputs
    out = []
    if args.plot:
        out.append((args.plot, render(loss_curve(result.loss_history, title=f"{obj.name}: loss"),
                                      Path(args.plot).suffix)))
    if args.plot_model:
        params = result.parameter_dict()
        inputs = _picture_inputs(obj, columns)
        if len(inputs) == 1:
            fig = fit_1d(columns[inputs[0]], columns["y"],
                         lambda xs: predict_outputs(obj, params, {inputs[0]: np.ravel(xs)}), title=obj.name,
                         x_label=inputs[0])
        else:
            fig = decision_boundary_2d(np.column_stack([columns[i] for i in inputs]), columns["y"],
                                       lambda grid: predict_labels(obj, params, dict(zip(inputs, grid.T))),
                                       title=obj.name, feature_labels=inputs)
        out.append((args.plot_model, render(fig, Path(args.plot_model).suffix)))
    return out


def _run_mlp(args, dataset, spec, progress) -> int:
    """``--model mlp``: the matrix-form network (its MLPSpec built from the arguments), trained with the same optimizers."""
    from numeric.mlp import train_mlp
    from numeric.train import label_convention

    constants = parse_settings(args.set)
    if spec.reg == "l2":
        constants.setdefault("lambda", DEFAULT_STRENGTH)
    if args.plot_model:
        raise SymgradError("--plot-model draws a regression on one input column or a classifier on two; "
                           "for --model mlp use --plot")
    task = LOSSES[spec.loss].task
    classify = TASKS[task].classifier
    label_convention(task, dataset.y, classes=spec.layers[-1] if task == "classes" else None, loss=spec.loss)
    standardized = standardizes(args, built_in=True)
    train_set, test_set = split_and_scale(args, dataset, classify, standardized)
    epochs = 300 if args.epochs is None else args.epochs
    if epochs < 1:
        raise SymgradError("--epochs must be at least 1")
    trained = _with_progress(epochs, progress, lambda bar: train_mlp(
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
              "optimizer": result.optimizer, "standardized": standardized, "warnings": list(result.warnings),
              "loss_history": list(result.loss_history)}
    if classify:
        report["accuracy"] = {"train": float(np.mean(model.predict(result.parameters, train_set.X) == train_set.y))}
        if test_set is not None:
            report["accuracy"]["test"] = float(np.mean(model.predict(result.parameters, test_set.X) == test_set.y))
    outputs = []
    if args.plot:
        from pathlib import Path

        from numeric.plots import loss_curve, render
        outputs.append((args.plot, render(loss_curve(result.loss_history, title=f"MLP {'-'.join(map(str, spec.layers))}: loss"),
                                          Path(args.plot).suffix)))
    if args.save_params:
        values = {k: np.asarray(v).tolist() for k, v in params.items()}
        outputs.append((args.save_params, (json.dumps(values) + "\n").encode()))
    _write_all(outputs)
    _print_report(args, report)
    return 0
