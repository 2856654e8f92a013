"""``symgrad train LOSS --shapes``: typed vector/matrix objectives trained on real data, accuracy against
scikit-learn on the same split, the data mapping (X, y ±1 or 0/1, Y one-hot), and bad input in one line."""
from __future__ import annotations

import json

import numpy as np
import pytest

from tests.cli import run_cli as run

LOGISTIC = ["sum(log(1 + exp(-y*(X@w))))/n + lambda*w@w", "--shapes", "X:n,d w:d y:n:pm1", "--wrt", "w",
            "--set", "lambda=0.01"]
SOFTMAX = ["-sum(Y*log(softmax(X@W)))/n", "--shapes", "X:n,d Y:n,k:onehot W:d,k", "--wrt", "W"]
TWO_LAYER = ["-sum(Y*log(softmax(tanh(X@W1)@W2)))/n", "--shapes", "X:n,d Y:n,k:onehot W1:d,h W2:h,k",
             "--wrt", "W1,W2", "--set", "h=16"]


def _sklearn_accuracy(name: str, intercept: bool = True) -> float:
    """scikit-learn's LogisticRegression on the split and standardization symgrad train uses."""
    from sklearn.linear_model import LogisticRegression

    from numeric.data import Standardizer, load, train_test_split
    train, test = train_test_split(load(name), 0.25, seed=0)
    scaler = Standardizer.fit(train)
    train, test = scaler.transform(train), scaler.transform(test)
    model = LogisticRegression(max_iter=2000, fit_intercept=intercept).fit(train.X, train.y)
    return model.score(test.X, test.y)


def _train(capsys, *argv):
    code, out, err = run(capsys, "train", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_logistic_regression_on_breast_cancer_is_as_accurate_as_scikit_learn(capsys):
    report = _train(capsys, *LOGISTIC, "--data", "breast_cancer")
    assert report["standardized"] and report["shapes"] == {"w": [30, 1]} and len(report["parameters"]["w"]) == 30
    assert report["loss_history"][0] > report["final_loss"]
    reference = _sklearn_accuracy("breast_cancer")  # 0.986, with an intercept ours lacks
    assert report["accuracy"]["test"] >= reference - 0.02
    assert report["accuracy"]["train"] > 0.97


def test_the_text_report_reads_like_the_scalar_one(capsys):
    code, out, err = run(capsys, "train", *LOGISTIC, "--data", "breast_cancer", "--epochs", "50")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("gd: 50 epochs, final loss ") and lines[0].endswith("(reached 50 epochs)")
    assert lines[2].startswith("  w: 30, norm ") and "largest |w[" in lines[2]
    assert lines[-2].startswith("  train accuracy: 0.9") and lines[-1].startswith("  test accuracy: 0.9")


def test_softmax_regression_on_iris_with_a_bias_matches_scikit_learn(capsys):
    report = _train(capsys, "-sum(Y*log(softmax(X@W + b)))/n", "--shapes", "X:n,d Y:n,k:onehot W:d,k b:k",
                    "--wrt", "W,b", "--data", "iris", "--optimizer", "lbfgs")
    assert report["shapes"] == {"W": [4, 3], "b": [3, 1]}
    assert report["accuracy"]["test"] >= _sklearn_accuracy("iris") - 0.03  # both 0.921 on this split
    no_bias = _train(capsys, *SOFTMAX, "--data", "iris", "--optimizer", "lbfgs")
    assert no_bias["accuracy"]["test"] >= _sklearn_accuracy("iris", intercept=False) - 0.05


def test_softmax_regression_on_digits(capsys):
    report = _train(capsys, *SOFTMAX, "--data", "digits")
    assert report["shapes"] == {"W": [64, 10]}
    assert report["accuracy"]["test"] > 0.92 and report["accuracy"]["train"] > 0.95  # sklearn: 0.960


def test_two_layer_network_on_digits(capsys):
    report = _train(capsys, *TWO_LAYER, "--data", "digits", "--optimizer", "adam", "--epochs", "60")
    assert report["shapes"] == {"W1": [64, 16], "W2": [16, 10]}
    assert report["accuracy"]["test"] > 0.93


def test_minibatches_and_binary_labels_from_a_csv_file(tmp_path, capsys):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 2))
    y = (X @ np.array([2.0, -1.0]) + 0.5 > 0).astype(int)
    path = tmp_path / "two.csv"
    path.write_text("a,b,y\n" + "\n".join(f"{p!r},{q!r},{c}" for (p, q), c in zip(X.tolist(), y)) + "\n")
    report = _train(capsys, "-sum(y*log(sigmoid(X@w + c)) + (1 - y)*log(1 - sigmoid(X@w + c)))/n",
                    "--shapes", "X:n,d w:d y:n:binary", "--wrt", "w,c", "--data", str(path),
                    "--optimizer", "sgd", "--batch-size", "16", "--epochs", "30", "--lr", "0.5")
    assert report["shapes"] == {"w": [2, 1], "c": [1, 1]} and isinstance(report["parameters"]["c"], float)
    w = np.array(report["parameters"]["w"])
    assert w[0] > 0 > w[1] and report["accuracy"]["test"] > 0.95


def test_regression_without_labels_to_classify(capsys):
    report = _train(capsys, "norm(X@w - y)**2/n", "--shapes", "X:n,d w:d y:n", "--wrt", "w", "--data",
                    "diabetes", "--optimizer", "lbfgs")
    from numeric.data import Standardizer, load
    data = load("diabetes")
    X = Standardizer.fit(data).transform(data).X
    best = np.linalg.lstsq(X, data.y, rcond=None)[0]  # no test part for regression: all rows train
    np.testing.assert_allclose(report["parameters"]["w"], best, rtol=1e-3, atol=1e-2)
    assert "accuracy" not in report


def test_jax_backend_trains_to_the_same_loss(capsys):
    pytest.importorskip("jax")
    numpy_run = _train(capsys, *SOFTMAX, "--data", "iris", "--epochs", "20")
    jax_run = _train(capsys, *SOFTMAX, "--data", "iris", "--epochs", "20", "--backend", "jax")
    assert jax_run["backend"] == "jax"
    assert jax_run["final_loss"] == pytest.approx(numpy_run["final_loss"], rel=1e-9)


@pytest.mark.parametrize("argv,message", [
    (["sum(log(1 + exp(-y*(X@w + Z@v))))/n", "--shapes", "X:n,d w:d y:n:pm1 Z:n,m v:m", "--wrt", "w,v"],
     "the loss uses Z (n × m), which is neither data (X: the feature matrix"),
    (["sum(log(1 + exp(-y*(X@w))))/n + lambda*w@w", "--shapes", "X:n,d w:d y:n:pm1", "--wrt", "w"],
     "give it with --set lambda="),
    (["sum(log(1 + exp(-y*(X@w))))/n", "--shapes", "X:n,5 w:5 y:n:pm1", "--wrt", "w"],
     "X is declared n × 5 but the data gives 427 × 30"),
    (["sum(log(1 + exp(-y*(X@w))))/n", "--shapes", "X:n,d w:n y:n:pm1", "--wrt", "w"], "cannot multiply"),
    (["-sum(Y*log(softmax(X@W)))/n", "--shapes", "X:n,d Y:n,3:onehot W:d,3", "--wrt", "W"],
     "Y is declared n × 3 but the data gives 427 × 2"),
    (["sum(log(1 + exp(-y*(X@w))))/n", "--shapes", "X:n,d w:d y:n:pm1", "--wrt", "X"], "X is data"),
    (["sum(log(1 + exp(-y*(X@w))))/n", "--shapes", "X:n,d w:d y:n:pm1", "--wrt", "u"], "u does not occur"),
    (TWO_LAYER[:-2], "dimension h of W1 is not fixed by the data"),
    (["sum(log(1 + exp(-y*(X@w))))/n", "--shapes", "X:n,d w:d y:n:pm1"], "--wrt"),
    (["sum(log(1 + exp(-y*(X@w))))/n", "--shapes", "X:n,d w:d y:n:pm1", "--wrt", "w", "--backend", "fused"],
     "use numpy or jax"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run(capsys, "train", *argv, "--data", "breast_cancer")
    assert code == 2 and out == ""
    assert err.startswith("symgrad train: error: ") and err.count("\n") == 1 and message in err, err


def test_a_class_count_that_the_labels_do_not_fit(capsys):
    code, _, err = run(capsys, "train", "sum(log(1 + exp(-y*(X@w))))/n", "--shapes", "X:n,d w:d y:n:pm1",
                       "--wrt", "w", "--data", "iris")
    assert code == 2 and "y is declared pm1 (two classes) but the data has 3 classes" in err


def test_a_diverging_learning_rate_says_diverged(capsys):
    code, out, err = run(capsys, "train", "norm(X@w - y)**2/n", "--shapes", "X:n,d w:d y:n", "--wrt", "w",
                         "--data", "diabetes", "--lr", "10")
    assert code == 1 and out == ""
    assert "training diverged at epoch" in err and "try a smaller learning rate" in err
