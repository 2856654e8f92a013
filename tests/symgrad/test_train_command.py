"""``symgrad train``: real data end to end, accuracy against scikit-learn, divergence, bad input."""
from __future__ import annotations

import json

import numpy as np
import pytest

from tests.cli import run_cli as run




def test_linear_regression_from_csv_recovers_w_and_b(tmp_path, capsys):
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, size=300)
    y = 1.5 * x - 2.0 + 1e-4 * rng.normal(size=300)
    path = tmp_path / "line.csv"
    path.write_text("x,y\n" + "\n".join(f"{float(a)!r},{float(b)!r}" for a, b in zip(x, y)) + "\n")
    code, out, err = run(capsys, "train", "1/2*(y - (w*x + b))**2", "--params", "w,b", "--data", str(path),
                         "--lr", "0.5", "--epochs", "3000", "--gtol", "1e-10", "--no-standardize", "--json",
                         "--plot", str(tmp_path / "loss.png"))
    assert code == 0, err
    report = json.loads(out)
    assert abs(report["parameters"]["w"] - 1.5) < 1e-3 and abs(report["parameters"]["b"] + 2.0) < 1e-3
    assert report["loss_history"][0] > report["final_loss"]
    assert (tmp_path / "loss.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("argv", [
    ["--model", "linear", "--data", "linear"],
    ["--model", "logistic", "--data", "blobs?k=2", "--loss", "binary_cross_entropy"],
    ["--model", "softmax", "--data", "blobs?k=3", "--optimizer", "adam", "--lr", "0.1"],
])
def test_model_pictures(tmp_path, capsys, argv):
    target = tmp_path / "model.png"
    code, out, err = run(capsys, "train", *argv, "--epochs", "200", "--plot-model", str(target), "--json")
    assert code == 0, err
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = json.loads(out)
    if "accuracy" in report:
        assert report["accuracy"]["test"] > 0.8


def test_logistic_regression_on_breast_cancer_matches_scikit_learn(capsys):
    from sklearn.linear_model import LogisticRegression
    from numeric.data import load_builtin
    from numeric.data.prepare import Standardizer, train_test_split

    code, out, err = run(capsys, "train", "--model", "logistic", "--data", "breast_cancer", "--optimizer", "lbfgs",
                         "--epochs", "500", "--json", "--seed", "0")
    assert code == 0, err
    ours = json.loads(out)["accuracy"]["test"]
    data = load_builtin("breast_cancer")
    train, test = train_test_split(data, 0.25, seed=0)
    scaler = Standardizer.fit(train) if hasattr(Standardizer, "fit") else Standardizer().fit(train)
    train, test = scaler.transform(train), scaler.transform(test)
    reference = LogisticRegression(C=1e6, max_iter=5000).fit(train.X, train.y).score(test.X, test.y)
    assert ours >= reference - 0.01, (ours, reference)


def test_too_large_learning_rate_is_reported_as_divergence(capsys):
    code, out, err = run(capsys, "train", "--model", "linear", "--data", "diabetes", "--lr", "50", "--epochs", "50")
    assert code == 1
    assert "diverged at epoch" in err and "smaller learning rate" in err and err.count("\n") == 1


@pytest.mark.parametrize("argv, message", [
    (["train", "--model", "linear", "--data", "nope"], "nope"),
    (["train", "1/2*(y - w*x)**2 + lambda*w**2", "--params", "w", "--data", "diabetes"], "lambda"),
    (["train", "--model", "linear", "--data", "diabetes", "--set", "lambda"], "NAME=NUMBER"),
    (["train", "--model", "linear", "--data", "diabetes", "--optimizer", "newton"], "invalid choice"),
    (["train", "--model", "linear", "--data", "diabetes", "--lr", "-1"], "positive"),
])
def test_bad_input(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and message in err and err.count("\n") == 1, err
