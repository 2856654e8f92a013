"""Figures: each kind saves as PNG and SVG, reads well (titles, labels, legends), and scales as it should."""
from __future__ import annotations

import numpy as np
import pytest

from numeric.data import synthetic
from numeric.plots import activation_with_derivative, decision_boundary_2d, fit_1d, loss_curve, save

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
BLOBS = synthetic("blobs", n=120, seed=0, k=3)
CENTRES = np.array(BLOBS.truth["centers"])


def nearest_centre(points: np.ndarray) -> np.ndarray:
    """The label of the closest blob centre: a simple, exact classifier for blobs."""
    return np.argmin(((points[:, None, :] - CENTRES[None]) ** 2).sum(axis=-1), axis=1).astype(float)


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


LOGISTIC = synthetic("logistic", n=100, seed=0, w=(2.0, -1.0))
SINE = synthetic("sine", n=40, seed=0)

#: name → (builder, title, x label, y label, legend entries)
FIGURES = {
    "loss": (lambda: loss_curve([4.0, 2.0, 1.0, 0.5]), "Training loss", "epoch", "loss", ["loss (final 0.5)"]),
    "fit": (lambda: fit_1d(SINE.columns["x1"], SINE.y, np.sin, title="Sine fit"),
            "Sine fit", "x", "y", ["data (40 points)", "model"]),
    "boundary": (lambda: decision_boundary_2d(BLOBS.X, BLOBS.y, nearest_centre),
                 "Decision boundary", "x1", "x2", ["class 0", "class 1", "class 2"]),
    "probability": (lambda: decision_boundary_2d(LOGISTIC.X, LOGISTIC.y, lambda P: sigmoid(P @ [2.0, -1.0]),
                                                 title="Logistic"),
                    "Logistic", "x1", "x2", ["boundary P = 0.5", "class 0", "class 1"]),
    "activation": (lambda: activation_with_derivative(sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z)), "sigmoid"),
                   "sigmoid and its derivative", "z", "value", ["sigmoid(z)", "sigmoid′(z)"]),
}


@pytest.mark.parametrize("kind", sorted(FIGURES))
def test_figure_has_title_axis_labels_and_legend(kind):
    build, title, x_label, y_label, legend = FIGURES[kind]
    ax = build().axes[0]
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == (title, x_label, y_label)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == legend


@pytest.mark.parametrize("kind", sorted(FIGURES))
def test_figure_saves_as_png_and_svg(tmp_path, kind):
    png = save(FIGURES[kind][0](), tmp_path / f"{kind}.png")
    svg = save(FIGURES[kind][0](), tmp_path / f"{kind}.SVG")
    assert png.read_bytes()[:8] == PNG_MAGIC and png.stat().st_size > 5000
    text = svg.read_text()
    assert text.startswith("<?xml") and "<svg" in text and text.rstrip().endswith("</svg>")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"{kind}.png", f"{kind}.SVG"])  # no temp files


def test_svg_of_the_same_figure_is_identical(tmp_path):
    first = save(loss_curve([3.0, 2.0]), tmp_path / "a.svg").read_text()
    second = save(loss_curve([3.0, 2.0]), tmp_path / "b.svg").read_text()
    assert first == second


@pytest.mark.parametrize("suffix", [".pdf", ".jpg", ""])
def test_save_refuses_other_formats_and_writes_nothing(tmp_path, suffix):
    with pytest.raises(ValueError, match="use .png or .svg"):
        save(loss_curve([1.0]), tmp_path / f"plot{suffix}")
    assert list(tmp_path.iterdir()) == []


def test_save_replaces_an_existing_file_and_never_creates_a_folder(tmp_path):
    target = tmp_path / "loss.png"
    save(loss_curve([1.0, 0.5]), target)
    save(loss_curve([1.0, 0.5, 0.25, 0.1]), target)
    assert target.read_bytes()[:8] == PNG_MAGIC and [p.name for p in target.parent.iterdir()] == ["loss.png"]
    with pytest.raises(FileNotFoundError, match="out"):   # a typo in a folder name leaves no new folder
        save(loss_curve([1.0, 0.5]), tmp_path / "out" / "loss.png")
    assert not (tmp_path / "out").exists()


def test_render_gives_the_bytes_save_writes(tmp_path):
    from numeric.plots import render
    assert render(loss_curve([1.0, 0.5]), ".png")[:8] == PNG_MAGIC
    assert b"<svg" in render(loss_curve([1.0, 0.5]), ".SVG")
    with pytest.raises(ValueError, match="jpg"):
        render(loss_curve([1.0, 0.5]), ".jpg")


@pytest.mark.parametrize("history, log_scale, expected", [
    ([10.0, 1.0, 0.5], None, "linear"),          # 1.3 decades
    ([10.0, 1.0, 0.01], None, "log"),            # 3 decades
    ([1e3, 1e1, 9.0], None, "log"),              # just over 2 decades
    ([1.0, 0.0, 1e-5], None, "linear"),          # a zero cannot be shown on a log scale
    ([1.0, -1.0, -10.0], None, "linear"),
    ([10.0, 1.0, 0.01], False, "linear"),
    ([2.0, 1.0], True, "log"),
])
def test_loss_curve_uses_a_log_scale_when_the_loss_spans_more_than_two_decades(history, log_scale, expected):
    ax = loss_curve(history, log_scale=log_scale).axes[0]
    assert ax.get_yscale() == expected
    assert ax.get_ylabel() == ("loss (log scale)" if expected == "log" else "loss")


def test_loss_curve_marks_where_the_loss_stopped_being_finite():
    ax = loss_curve([3.0, 2.0, 50.0, np.inf, np.nan]).axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["loss (last finite 50)", "loss not finite (diverged)"]
    assert ax.lines[1].get_xdata()[0] == 3


def test_fit_curve_is_the_prediction_on_a_column_of_inputs():
    seen = []

    def predict(x):
        seen.append(x.shape)
        return 2.0 * x + 1.0

    ax = fit_1d([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], predict).axes[0]
    curve = ax.lines[0]
    assert seen == [(500, 1)]
    np.testing.assert_allclose(curve.get_ydata(), 2.0 * curve.get_xdata() + 1.0)
    assert curve.get_xdata().min() < 0.0 and curve.get_xdata().max() > 2.0


def test_decision_boundary_regions_match_the_classifier():
    fig = decision_boundary_2d(BLOBS.X, BLOBS.y, nearest_centre)
    ax = fig.axes[0]
    regions = ax.collections[0]
    assert list(regions.levels) == [-0.5, 0.5, 1.5, 2.5]
    # every data point sits inside the plotted grid
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert x0 < BLOBS.X[:, 0].min() and BLOBS.X[:, 0].max() < x1
    assert y0 < BLOBS.X[:, 1].min() and BLOBS.X[:, 1].max() < y1


def test_decision_boundary_accepts_class_scores_and_uses_their_argmax():
    scores = lambda P: -((P[:, None, :] - CENTRES[None]) ** 2).sum(axis=-1)  # noqa: E731
    ax = decision_boundary_2d(BLOBS.X, BLOBS.y, scores).axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1", "class 2"]
    assert ax.get_figure().axes == [ax]  # labels, not probabilities: no colour bar


def test_probabilities_get_a_colour_bar():
    fig = FIGURES["probability"][0]()
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "P(y = 1)"


def test_activation_plot_spreads_a_constant_derivative_over_the_grid():
    ax = activation_with_derivative(lambda z: z, lambda z: 1, "linear").axes[0]
    f, df = (line for line in ax.lines if line.get_label().startswith("linear"))
    np.testing.assert_allclose(f.get_xdata(), np.linspace(-5, 5, 1001))
    np.testing.assert_allclose(df.get_ydata(), 1.0)


@pytest.mark.parametrize("call, fragment", [
    (lambda: loss_curve([]), "at least one loss value"),
    (lambda: fit_1d([1.0, 2.0], [1.0], np.sin), "same non-zero length"),
    (lambda: fit_1d([1.0, 2.0], [1.0, 2.0], lambda x: np.zeros(3)), "returned 3 values for 500 points"),
    (lambda: decision_boundary_2d(np.zeros((3, 3)), [0, 1, 0], nearest_centre), "n×2 X"),
])
def test_figures_reject_impossible_input(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()
