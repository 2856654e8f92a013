"""Training: recovers known parameters, every optimizer converges, divergence is reported, callbacks."""
from __future__ import annotations

import numpy as np
import pytest

from numeric.errors import DivergenceError
from numeric.optimize import OPTIMIZERS
from numeric.train import train
from symbolic.models import MODELS, neuron_objective, objective


def _line(n=400, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return {"x": x, "y": 3.0 * x - 0.7 + 0.001 * rng.normal(size=n)}


def test_gradient_descent_recovers_the_true_line():
    result = train(objective(MODELS["linear"](), "squared"), _line(), learning_rate=0.5, epochs=2000,
                   gradient_tolerance=1e-9)
    w, b = result.parameters
    assert abs(w - 3.0) < 1e-3 and abs(b + 0.7) < 1e-3
    assert "gradient norm" in result.stop_reason
    assert result.loss_history[0] > result.loss_history[-1]
    assert result.parameter_history.shape == (result.epochs + 1, 2)


@pytest.mark.parametrize("optimizer, rate, epochs", [("gd", 0.5, 500), ("sgd", 0.05, 60), ("momentum", 0.1, 500),
                                                     ("adam", 0.05, 1500), ("lbfgs", None, 100)])
def test_every_optimizer_converges(optimizer, rate, epochs):
    result = train(objective(MODELS["linear"](), "squared"), _line(), optimizer=optimizer, learning_rate=rate,
                   epochs=epochs, seed=3)
    w, b = result.parameters
    assert abs(w - 3.0) < 1e-2 and abs(b + 0.7) < 1e-2, (optimizer, w, b)
    assert result.optimizer == optimizer


def test_sgd_is_reproducible_with_a_seed():
    a = train(objective(MODELS["linear"](), "squared"), _line(), optimizer="sgd", epochs=5, seed=7)
    b = train(objective(MODELS["linear"](), "squared"), _line(), optimizer="sgd", epochs=5, seed=7)
    c = train(objective(MODELS["linear"](), "squared"), _line(), optimizer="sgd", epochs=5, seed=8)
    assert np.array_equal(a.parameters, b.parameters) and not np.array_equal(a.parameters, c.parameters)


def test_divergence_names_the_epoch_and_keeps_finite_parameters():
    data = _line()
    data["x"] = data["x"] * 100
    with pytest.raises(DivergenceError, match=r"diverged at epoch \d+.*smaller learning rate") as err:
        train(objective(MODELS["linear"](), "squared"), data, learning_rate=5.0, epochs=100)
    assert err.value.epoch >= 1
    assert np.all(np.isfinite(err.value.last_parameters))


def test_callbacks_see_every_epoch_and_optimizers_print_nothing(capsys):
    seen = []
    train(neuron_objective(), {"x": np.linspace(-2, 2, 50), "y": np.linspace(0, 1, 50)},
          constants={"lambda": 0.01}, epochs=7, gradient_tolerance=0, callbacks=[seen.append])
    assert [i.epoch for i in seen] == list(range(1, 8))
    assert all(np.isfinite(i.loss) for i in seen)
    out, err = capsys.readouterr()
    assert out == "" and err == ""


def test_float32_training_works():
    result = train(objective(MODELS["linear"](), "squared"), _line(), learning_rate=0.5, epochs=300,
                   dtype=np.float32)
    assert result.parameters.dtype == np.float32
    assert abs(result.parameters[0] - 3.0) < 1e-2


def test_optimizer_table_is_complete():
    assert set(OPTIMIZERS) == {"gd", "sgd", "momentum", "adam", "lbfgs"}


# --- labels checked against the task records, warnings, predictions of a typed loss ---

from numeric.errors import DataError  # noqa: E402
from numeric.train import label_convention  # noqa: E402


@pytest.mark.parametrize("task, labels, classes, expected", [
    ("binary", [0, 1, 1, 0], None, [0, 1, 1, 0]),
    ("classes", [0, 2, 1], 3, [1, 3, 2]),          # 0..k−1 shifted to the loss's 1..k
    ("classes", [1, 3, 2], 3, [1, 3, 2]),          # 1..k kept
    ("classes", [0, 1], 2, [1, 2]),
    ("signs", [0, 1, 0], None, [-1, 1, -1]),
    ("signs", [-1, 1], None, [-1, 1]),
    ("regression", [2.5, -1.0, 7], None, [2.5, -1.0, 7]),
    ("", [0, 5, 9], None, [0, 5, 9]),              # a typed loss: nothing known, nothing checked
])
def test_labels_in_a_convention_the_task_accepts(task, labels, classes, expected):
    mapped, back = label_convention(task, np.array(labels, dtype=float), classes=classes)
    assert mapped.tolist() == expected
    assert back(mapped).tolist() == [float(v) for v in labels]


@pytest.mark.parametrize("task, labels, classes, fix", [
    ("binary", [0, 1, 2], None, "--model softmax"),
    ("binary", [0.5, 1.5, 3.25], None, "--model linear"),
    ("binary", [-1, 1], None, "--loss hinge"),
    ("classes", [25, 37, 151], None, "--model linear"),
    ("classes", [0, 1, 2, 3], 3, "--classes 4"),
    ("signs", [0, 1, 2], None, "--model softmax"),
    ("regression", [0.0, np.nan], None, "not finite"),
])
def test_labels_the_task_does_not_accept_name_the_fix(task, labels, classes, fix):
    with pytest.raises(DataError, match=fix.replace("-", r"\-")):
        label_convention(task, np.array(labels, dtype=float), classes=classes, loss="the loss")


def test_train_refuses_three_classes_for_a_binary_loss():
    y = np.array([0.0, 1.0, 2.0] * 10)
    with pytest.raises(DataError, match="binary_cross_entropy expects two classes.*--model softmax"):
        train(objective(MODELS["logistic"](features=1), "binary_cross_entropy"), {"x": y + 0.1, "y": y}, epochs=2)


def test_a_saturated_stop_is_a_warning_and_a_minimum_is_not():
    data = {"x": np.linspace(-2, 2, 60), "y": (np.linspace(-2, 2, 60) > 0).astype(float)}
    saturated = train(neuron_objective(), data, constants={"lambda": 0.0}, learning_rate=1e9, epochs=50)
    assert saturated.stop_reason.startswith("gradient norm")
    assert len(saturated.warnings) == 1 and "saturated" in saturated.warnings[0]
    fit = train(objective(MODELS["linear"](), "squared"), _line(), learning_rate=0.5, epochs=2000,
                gradient_tolerance=1e-9)
    assert fit.stop_reason.startswith("gradient norm") and fit.warnings == ()


def test_separable_data_warn_that_the_weights_run_away():
    x = np.r_[np.linspace(-3, -1, 20), np.linspace(1, 3, 20)]
    data = {"x": x, "y": (x > 0).astype(float)}
    logistic = objective(MODELS["logistic"](features=1), "binary_cross_entropy")
    result = train(logistic, data, optimizer="lbfgs", epochs=500)
    assert result.final_loss < 1e-3 and np.max(np.abs(result.parameters)) > 10
    assert len(result.warnings) == 1 and "linearly separable" in result.warnings[0]
    short = train(logistic, data, epochs=20)
    assert short.warnings == ()


def test_the_prediction_of_a_typed_squared_loss_is_what_minimizes_it_in_y():
    import sympy

    from numeric.predict import model_outputs, predict_outputs
    from symbolic.models import ObjectiveSpec, build
    typed = build(ObjectiveSpec(formula="1/2*(y - (w*x + b))**2 + lambda*w**2", wrt=("w", "b")))
    (yhat,) = model_outputs(typed)
    named = {s.name: s for s in yhat.free_symbols}
    assert set(named) == {"w", "x", "b"}
    assert sympy.expand(yhat - (named["w"] * named["x"] + named["b"])) == 0
    values = predict_outputs(typed, {"w": 3.0, "b": -2.0}, {"x": np.array([0.0, 1.0])})
    assert values.tolist() == [-2.0, 1.0]
    assert model_outputs(build(ObjectiveSpec(formula="(y - w*x)**4", wrt=("w",)))) == ()


# --- auto by measured work, thread pools that do not fight ---

def test_auto_compiles_a_fused_kernel_only_when_it_saves_more_than_the_compile():
    from numeric.backends import available, choose
    fused = "fused" if "fused" in available() else "numpy"
    assert choose("objective", rows=569, features=31, epochs=200) == "numpy"        # breast cancer
    assert choose("objective", rows=60_000, features=785, epochs=200) == "numpy"    # saves 3.2 s, compile 20 s
    assert choose("objective", rows=60_000, features=785, epochs=5_000) == fused    # saves 80 s
    assert choose("objective", rows=2_000_000, features=2, epochs=200) == fused     # the neuron: saves 10 s
    assert choose("network", rows=1347, features=64 * 32 + 32 * 10, epochs=300) == "numpy"   # digits: 0.2 s
    assert choose("network", rows=60_000, features=784 * 128 + 128 * 10, epochs=300) == fused   # MNIST: 21 s


def test_the_readme_network_trains_on_numpy_and_never_waits_for_a_compile():
    from numeric.mlp import train_mlp
    from symbolic.matrix import MLPSpec
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(300, 4)), rng.integers(0, 3, size=300).astype(float)
    model, result = train_mlp(MLPSpec.build((4, 5, 3), "sigmoid"), X, y, epochs=5)
    assert model.backend == "numpy" and result.epochs == 5


def test_small_networks_run_both_thread_pools_on_one_thread():
    pytest.importorskip("numba")
    import numba
    from threadpoolctl import threadpool_info

    from numeric.backends import BLAS_ONE_THREAD_BELOW_FLOPS, thread_limits
    before = numba.get_num_threads()
    with thread_limits("fused", 6 * 1347 * (64 * 32 + 32 * 10)):
        assert numba.get_num_threads() == 1
        assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
    assert numba.get_num_threads() == before
    with thread_limits("fused", BLAS_ONE_THREAD_BELOW_FLOPS):
        assert numba.get_num_threads() == before
    with thread_limits("numpy", 10):
        assert numba.get_num_threads() == before
        assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
