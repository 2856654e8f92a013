"""``symgrad train LOSS --shapes …``: a typed vector/matrix objective trained on a dataset.

X is the feature matrix, y the labels (±1 or 0/1 as declared), Y the one-hot labels; the tensors in
--wrt are learned, scalars like lambda come from --set (as do dims no data fixes: --set h=16).  The
optimizers, split, standardization and progress are the scalar train's; the numbers come from
``numeric.tensor`` (compiled numpy or JAX).
"""
from __future__ import annotations

import json
import sys

import numpy as np

from numeric.errors import DivergenceError
from symbolic.errors import SymgradError

from .objective_args import names
from .train import LISTED_PARAMETERS, parse_settings, split_and_scale, standardizes


def _backend(choice: str) -> str:
    if choice == "fused":
        raise SymgradError("--backend fused is for scalar objectives; with --shapes use numpy or jax")
    return "jax" if choice == "jax" else "numpy"


def _split_settings(settings: dict[str, float], shapes) -> tuple[dict[str, float], dict[str, int]]:
    """(constants, dims): a --set of a dimension name (h=16) fixes that dim."""
    from symbolic.tensor.shapes import MAX_LITERAL_DIM
    dim_names = {str(d) for s in shapes.values() for d in s.dims if not d.is_Integer}
    constants, dims = {}, {}
    for name, value in settings.items():
        if name in dim_names:
            if value != int(value) or not 1 <= value <= MAX_LITERAL_DIM:
                raise SymgradError(f"--set {name}: a dimension is a whole number from 1 to {MAX_LITERAL_DIM}")
            dims[name] = int(value)
        else:
            constants[name] = value
    return constants, dims


def _label(inputs) -> tuple[str | None, str | None]:
    """The labels the objective classifies with ("Y" one-hot or "y" with ±1/0-1 labels) and their domain."""
    if "Y" in inputs:
        return "Y", "onehot"
    y = inputs.get("y")
    if y is not None and y.domain in ("pm1", "binary"):
        return "y", y.domain
    return None, None


def _train(args, progress, model, batch, task):
    from numeric.progress import ProgressBar
    from numeric.tensor.train import train_tensor
    bar = progress["bar"] = ProgressBar(args.epochs, description="training")
    try:
        return train_tensor(model, batch, optimizer=args.optimizer, learning_rate=args.lr, epochs=args.epochs,
                            batch_size=args.batch_size, seed=args.seed, gradient_tolerance=args.gtol,
                            loss_tolerance=args.ftol, callbacks=[bar], task=task)
    except DivergenceError as err:
        print(f"symgrad train: {err}", file=sys.stderr)
        return None
    finally:
        bar.close()


def _accuracy(tree, label, domain, model, theta, batch) -> float | None:
    from numeric.tensor import Runner
    from numeric.tensor.predict import predicted_labels, score_node
    from numeric.tensor.stable import stabilize
    score = score_node(tree, label, domain)
    if score is None:
        return None
    runner = Runner([stabilize(score)], model.compiled.backend)
    (values,) = runner.outputs(model.values(theta, batch), dims=model.dims)
    truth = batch.arrays[label]
    truth = np.argmax(truth, axis=1) if label == "Y" else truth.reshape(-1)
    return float(np.mean(predicted_labels(values, label, domain) == truth))


def run_tensor(args, dataset, progress) -> int:
    """Parse, compile, map the data, train, report (exit 0; a diverged run prints why and exits 1)."""
    from numeric.tensor import compile_tensor
    from numeric.tensor.data import check_names, data_arrays
    from numeric.tensor.train import TensorBatch, TensorModel
    from symbolic.tensor import parse_objective, parse_shapes

    if args.model:
        raise SymgradError("--shapes takes a typed loss, not --model")
    if not args.loss:
        raise SymgradError("give the loss, e.g. symgrad train 'norm(X@w - y)**2/n' --shapes 'X:n,d w:d y:n' --wrt w")
    if args.plot_model:
        raise SymgradError("--plot-model draws scalar models; with --shapes use --plot")
    wrt_text = args.wrt or args.params
    if not wrt_text:
        raise SymgradError("say which tensors to train: --wrt w (or --wrt W1,W2)")
    shapes = parse_shapes(args.shapes)
    tree = parse_objective(args.loss, shapes)
    constants, dims = _split_settings(parse_settings(args.set), shapes)
    wrt = names(wrt_text)
    backend = _backend(args.backend)
    compiled = compile_tensor(tree, wrt, backend, shapes)
    check_names(compiled.inputs, wrt, constants)
    label, domain = _label(compiled.inputs)
    standardized = standardizes(args, built_in=True)
    train_set, test_set = split_and_scale(args, dataset, label is not None, standardized)
    classes = np.unique(dataset.y) if dataset.target is not None else None
    dtype = np.float32 if args.dtype == "float32" else np.float64

    def batch_of(part):
        return TensorBatch(data_arrays(compiled.inputs, part.X, part.y if part.target else None, classes), dtype)

    batch = batch_of(train_set)
    model = TensorModel(compiled, batch, constants, dims)
    args.optimizer = args.optimizer or "gd"
    args.epochs = 200 if args.epochs is None else args.epochs
    progress["names"] = model.parameters
    task = {"Y": "classes", "y": "binary"}.get(label, "")
    result = _train(args, progress, model, batch, task)
    if result is None:
        return 1
    params = model.layout.unflatten(np.asarray(result.parameters, dtype=float))
    report = {"parameters": {k: np.asarray(v).tolist() for k, v in params.items()},
              "shapes": {k: list(s) for k, s in zip(model.layout.names, model.layout.shapes)},
              "final_loss": result.final_loss, "epochs": result.epochs, "stop_reason": result.stop_reason,
              "optimizer": result.optimizer, "backend": backend, "standardized": standardized,
              "warnings": list(result.warnings), "loss_history": list(result.loss_history)}
    if label is not None:
        train_accuracy = _accuracy(tree, label, domain, model, result.parameters, batch)
        if train_accuracy is not None:
            report["accuracy"] = {"train": train_accuracy}
            if test_set is not None:
                report["accuracy"]["test"] = _accuracy(tree, label, domain, model, result.parameters,
                                                       batch_of(test_set))
    _write_outputs(args, report)
    _print(args, report, model)
    return 0


def _write_outputs(args, report) -> None:
    from pathlib import Path

    from symgrad.files import write_atomic
    if args.save_params:
        write_atomic(args.save_params, (json.dumps(report["parameters"]) + "\n").encode())
    if args.plot:
        from numeric.plots import loss_curve, render
        write_atomic(args.plot, render(loss_curve(report["loss_history"], title=f"{args.loss}: loss"),
                                       Path(args.plot).suffix))


def _summary(name: str, value, shape, entries) -> str:
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return f"  {name} = {float(array):.6g}"
    k = int(np.argmax(np.abs(array.ravel())))
    size = " × ".join(map(str, shape)) if array.ndim == 2 else str(shape[0])
    return f"  {name}: {size}, norm {np.linalg.norm(array):.4g}, largest |{entries[k]}| = {abs(array.ravel()[k]):.4g}"


def _print(args, report, model) -> None:
    """The report as JSON, or as text like the scalar train's, warnings on stderr."""
    from numeric.tensor.train import entry_names
    for warning in report["warnings"]:
        print(f"symgrad train: warning: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['optimizer']}: {report['epochs']} epochs, final loss {report['final_loss']:.6g} "
          f"({report['stop_reason']})")
    if report["standardized"]:
        print("  features standardized on the training part: the parameters are in standardized units")
    layout = model.layout
    for name, shape, vector in zip(layout.names, layout.shapes, layout.vectors):
        value = np.asarray(report["parameters"][name], dtype=float)
        entries = entry_names(name, shape, vector)
        if value.size <= LISTED_PARAMETERS and value.ndim == 1:
            print("  " + ", ".join(f"{e} = {v:.4g}" for e, v in zip(entries, value)))
        else:
            print(_summary(name, value, shape, entries))
    for split, value in report.get("accuracy", {}).items():
        print(f"  {split} accuracy: {value:.4f}")
