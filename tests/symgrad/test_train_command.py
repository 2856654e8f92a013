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


# --- Training that does what the user meant (issue 13) ---

def _line_csv(tmp_path, n=200):
    """y = 3x − 2 exactly, x uniform on [−2, 2]: the user's CSV."""
    x = np.random.default_rng(0).uniform(-2, 2, size=n)
    path = tmp_path / "line.csv"
    path.write_text("x,y\n" + "".join(f"{float(a)!r},{float(3 * a - 2)!r}\n" for a in x))
    return path


LINE_LOSS = ["1/2*(y - (w*x + b))**2", "--params", "w,b"]


def test_a_typed_loss_reports_parameters_in_the_users_units(tmp_path, capsys):
    path = _line_csv(tmp_path)
    code, out, err = run(capsys, "train", *LINE_LOSS, "--data", str(path), "--lr", "0.1", "--epochs", "3000")
    assert code == 0, err
    values = dict(line.strip().split(" = ") for line in out.splitlines()[1:])
    assert abs(float(values["w"]) - 3) < 1e-3 and abs(float(values["b"]) + 2) < 1e-3
    assert "standardized" not in out and err == ""


def test_standardizing_a_typed_loss_is_asked_for_and_said(tmp_path, capsys):
    path = _line_csv(tmp_path)
    code, out, err = run(capsys, "train", *LINE_LOSS, "--data", str(path), "--epochs", "3000", "--standardize")
    assert code == 0, err
    assert "parameters are in standardized units" in out
    code, out, _ = run(capsys, "train", *LINE_LOSS, "--data", str(path), "--epochs", "3000", "--standardize", "--json")
    report = json.loads(out)
    x = np.random.default_rng(0).uniform(-2, 2, size=200)
    assert report["standardized"] is True
    assert report["parameters"]["w"] == pytest.approx(3 * x.std(), abs=1e-3)   # w·σ_x, b + w·μ_x
    assert report["parameters"]["b"] == pytest.approx(3 * x.mean() - 2, abs=1e-3)


@pytest.mark.parametrize("argv, fix", [
    (["--model", "logistic", "--data", "iris"], "--model softmax"),
    (["--model", "logistic", "--data", "digits"], "--model softmax"),
    (["--model", "logistic", "--data", "diabetes"], "--model linear"),
    (["--model", "softmax", "--data", "diabetes"], "--model linear"),
    (["--model", "linear", "--loss", "hinge", "--data", "wine"], "--model softmax"),
    (["--model", "mlp", "--layers", "10,4,3", "--data", "diabetes"], "--model linear"),
])
def test_labels_that_do_not_fit_the_loss_are_one_line_naming_the_fix(capsys, argv, fix):
    code, out, err = run(capsys, "train", *argv, "--epochs", "3")
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert fix in err and "expects" in err


@pytest.mark.parametrize("rate", ["nan", "inf", "-inf", "0"])
def test_a_learning_rate_that_is_not_a_positive_finite_number_is_bad_input(capsys, rate):
    code, out, err = run(capsys, "train", "--model", "neuron", "--data", "linear", f"--lr={rate}")
    assert code == 2 and out == "" and "learning rate" in err and err.count("\n") == 1, err


def test_a_huge_learning_rate_that_saturates_the_neuron_is_not_reported_as_success(capsys):
    code, out, err = run(capsys, "train", "--model", "neuron", "--data", "linear", "--lr", "1e9", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["stop_reason"].startswith("gradient norm") and abs(report["parameters"]["omega"]) > 1e6
    assert len(report["warnings"]) == 1 and "saturated" in report["warnings"][0]
    code, out, err = run(capsys, "train", "--model", "neuron", "--data", "linear", "--lr", "1e9")
    assert "warning:" in err and "smaller learning rate" in err


def test_a_converged_fit_gives_no_warning(tmp_path, capsys):
    code, out, err = run(capsys, "train", *LINE_LOSS, "--data", str(_line_csv(tmp_path)), "--epochs", "3000", "--json")
    assert code == 0 and json.loads(out)["warnings"] == [] and err == ""


def test_separable_data_say_the_weights_run_away(capsys):
    code, out, err = run(capsys, "train", "--model", "logistic", "--data", "breast_cancer", "--optimizer", "lbfgs")
    assert code == 0
    assert "linearly separable" in err and "--reg l2" in err
    code, out, err = run(capsys, "train", "--model", "logistic", "--data", "breast_cancer", "--optimizer", "lbfgs",
                         "--reg", "l2", "--set", "lambda=0.01")
    assert code == 0 and err == ""


def test_a_bad_plot_suffix_exits_2_before_training_and_writes_nothing(tmp_path, capsys):
    code, out, err = run(capsys, "train", *LINE_LOSS, "--data", str(_line_csv(tmp_path)),
                         "--plot", str(tmp_path / "l.jpg"))
    assert code == 2 and out == "" and "'.jpg'" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["line.csv"]


def test_an_output_in_a_missing_folder_is_refused_before_training(tmp_path, capsys):
    code, out, err = run(capsys, "train", *LINE_LOSS, "--data", str(_line_csv(tmp_path)),
                         "--save-params", str(tmp_path / "typo" / "p.json"))
    assert code == 2 and out == "" and "typo" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["line.csv"]


def test_a_typed_one_dimensional_regression_draws_its_fit(tmp_path, capsys):
    code, out, err = run(capsys, "train", *LINE_LOSS, "--data", str(_line_csv(tmp_path)), "--epochs", "500",
                         "--plot", str(tmp_path / "loss.png"), "--plot-model", str(tmp_path / "fit.svg"))
    assert code == 0, err
    assert (tmp_path / "loss.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in (tmp_path / "fit.svg").read_bytes()


@pytest.mark.parametrize("argv", [
    ["--model", "linear", "--data", "diabetes"],                       # 10 inputs
    ["1/2*(y - w*x)**4", "--params", "w", "--data", "LINE"],           # no ŷ to draw
    ["--model", "mlp", "--layers", "4,3,3", "--data", "iris"],
])
def test_a_model_picture_that_cannot_be_drawn_is_refused_before_training(tmp_path, capsys, argv):
    argv = [str(_line_csv(tmp_path)) if a == "LINE" else a for a in argv]
    code, out, err = run(capsys, "train", *argv, "--plot", str(tmp_path / "loss.png"),
                         "--plot-model", str(tmp_path / "fit.png"))
    assert code == 2 and out == "" and "--plot-model" in err and err.count("\n") == 1, err
    assert not (tmp_path / "loss.png").exists() and not (tmp_path / "fit.png").exists()


def test_a_failing_output_leaves_none_behind(tmp_path, capsys, monkeypatch):
    import symgrad.files
    real = symgrad.files.write_atomic

    def fail_on_the_second(path, content):
        if str(path).endswith("fit.png"):
            raise OSError(28, "No space left on device", str(path))
        return real(path, content)
    monkeypatch.setattr(symgrad.files, "write_atomic", fail_on_the_second)
    code, out, err = run(capsys, "train", *LINE_LOSS, "--data", str(_line_csv(tmp_path)), "--epochs", "50",
                         "--plot", str(tmp_path / "loss.png"), "--plot-model", str(tmp_path / "fit.png"))
    assert code == 2 and "No space left" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["line.csv"]


def _interrupt_at(monkeypatch, epoch):
    from numeric.progress import ProgressBar
    real = ProgressBar.__call__

    def tick(self, info):
        real(self, info)
        if info.epoch == epoch:
            raise KeyboardInterrupt
    monkeypatch.setattr(ProgressBar, "__call__", tick)


@pytest.mark.parametrize("optimizer", ["gd", "lbfgs"])
def test_ctrl_c_is_one_line_with_where_it_stopped_and_exit_130(tmp_path, capsys, monkeypatch, optimizer):
    _interrupt_at(monkeypatch, 3)
    code, out, err = run(capsys, "train", *LINE_LOSS, "--data", str(_line_csv(tmp_path)), "--epochs", "100",
                         "--optimizer", optimizer, "--plot", str(tmp_path / "loss.png"))
    assert code == 130 and out == "" and err.count("\n") == 1, err
    assert "interrupted at epoch 3 of 100" in err and "w = " in err and "b = " in err and "Traceback" not in err
    assert not (tmp_path / "loss.png").exists()


def test_ctrl_c_before_training_and_in_a_network(capsys, monkeypatch):
    import numeric.data
    _interrupt_at(monkeypatch, 2)
    code, out, err = run(capsys, "train", "--model", "mlp", "--layers", "4,3,3", "--data", "iris", "--epochs", "50")
    assert code == 130 and "interrupted at epoch 2 of 50" in err and "27 values, norm" in err and err.count("\n") == 1

    def interrupted(spec):
        raise KeyboardInterrupt
    monkeypatch.setattr(numeric.data, "load", interrupted)
    code, out, err = run(capsys, "train", "--model", "linear", "--data", "linear")
    assert code == 130 and out == "" and err.count("\n") == 1 and "before the first epoch" in err


def test_many_parameters_print_a_summary_and_go_whole_to_a_file(tmp_path, capsys):
    target = tmp_path / "params.json"
    code, out, err = run(capsys, "train", "--model", "softmax", "--data", "digits", "--epochs", "3",
                         "--save-params", str(target))
    assert code == 0, err
    assert len(out.splitlines()) <= 6 and "650 parameters" in out and "--save-params" in out
    saved = json.loads(target.read_text())
    assert len(saved) == 650 and all(isinstance(v, float) for v in saved.values())
    code, out, err = run(capsys, "train", "--model", "softmax", "--data", "digits", "--epochs", "3", "--json")
    assert json.loads(out)["parameters"] == saved


def test_the_progress_bar_waits_a_second_and_remembers_the_last_epoch():
    import io

    from numeric.optimize import EpochInfo
    from numeric.progress import DELAY, ProgressBar
    class Terminal(io.StringIO):
        def isatty(self):
            return True
    terminal = Terminal()
    bar = ProgressBar(5, file=terminal)
    assert DELAY == 1.0 and bar.last is None
    info = EpochInfo(1, 0.5, 0.1, np.zeros(2))
    bar(info)
    assert bar.last is info and terminal.getvalue() == ""   # a run shorter than a second shows no bar
    shown = ProgressBar(5, file=terminal, delay=0)
    shown(info)
    assert "training:" in terminal.getvalue()                 # with no delay it shows at once
    bar.close()
    shown.close()
