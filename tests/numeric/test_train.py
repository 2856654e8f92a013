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
