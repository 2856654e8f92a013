"""The course's figures: loss curves, 1-D fits, 2-D decision boundaries, activations with derivatives.

Figures are built as ``matplotlib.figure.Figure`` objects, not through pyplot: no window ever opens, no
backend has to be chosen (so a notebook's inline backend is left alone), and nothing is kept in pyplot's
global list of open figures. ``save`` renders them with the Agg (PNG) or SVG canvas.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Sequence

import matplotlib
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

#: file suffix → matplotlib format name
FORMATS = {".png": "png", ".svg": "svg"}
#: a loss spanning more than this many decades is drawn on a log scale
LOG_DECADES = 2.0
#: class colours (matplotlib's tab10), shared by the points and the regions
CLASS_COLORS = ("tab:blue", "tab:red", "tab:green", "tab:orange", "tab:purple",
                "tab:brown", "tab:pink", "tab:gray", "tab:olive", "tab:cyan")
GRID_POINTS = 200
SIZE = (6.4, 4.4)


def _figure(title: str) -> tuple[Figure, object]:
    """A fresh figure with one set of axes and a title."""
    fig = Figure(figsize=SIZE, layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(title)
    return fig, ax


def _wants_log(values: np.ndarray) -> bool:
    """Whether positive values span more than ``LOG_DECADES`` decades."""
    finite = values[np.isfinite(values)]
    if finite.size == 0 or np.any(finite <= 0):
        return False
    return bool(np.log10(finite.max() / finite.min()) > LOG_DECADES)


def loss_curve(history: Sequence[float], title: str = "Training loss", log_scale: bool | None = None) -> Figure:
    """The loss after each epoch; a log scale when asked, or (``None``) when it spans > 2 decades."""
    loss = np.asarray(history, dtype=float).ravel()
    if loss.size == 0:
        raise ValueError("loss_curve needs at least one loss value")
    log = _wants_log(loss) if log_scale is None else log_scale
    fig, ax = _figure(title)
    epochs = np.arange(loss.size)
    finite = np.isfinite(loss)
    if finite.all():
        label = f"loss (final {loss[-1]:.4g})"
    else:
        label = f"loss (last finite {loss[finite][-1]:.4g})" if finite.any() else "loss"
    ax.plot(epochs, np.where(finite, loss, np.nan), color="tab:blue", marker="o" if loss.size <= 30 else None,
            markersize=3, label=label)
    if not finite.all():
        ax.axvline(np.flatnonzero(~finite)[0], color="tab:red", linestyle="--", label="loss not finite (diverged)")
    if log and np.all(loss[finite] > 0):
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss (log scale)" if ax.get_yscale() == "log" else "loss")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend()
    return fig


def _column(points: np.ndarray, predict: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """``predict`` at m points given as an m×d matrix, as a flat array of m values (ValueError otherwise)."""
    values = np.asarray(predict(points), dtype=float)
    if values.size != len(points):
        raise ValueError(f"predict returned {values.size} values for {len(points)} points")
    return values.reshape(len(points))


def fit_1d(x: np.ndarray, y: np.ndarray, predict: Callable[[np.ndarray], np.ndarray], title: str = "Model fit",
           x_label: str = "x", y_label: str = "y") -> Figure:
    """The data as points and the model's curve; ``predict`` receives an m×1 column of inputs."""
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    if x.size != y.size or x.size == 0:
        raise ValueError(f"fit_1d needs x and y of the same non-zero length, got {x.size} and {y.size}")
    pad = 0.05 * (x.max() - x.min() or 1.0)
    grid = np.linspace(x.min() - pad, x.max() + pad, 500)
    fig, ax = _figure(title)
    ax.scatter(x, y, s=14, color="tab:gray", alpha=0.7, label=f"data ({x.size} points)")
    ax.plot(grid, _column(grid[:, None], predict), color="tab:blue", linewidth=2, label="model")
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    ax.grid(True, alpha=0.3)
    ax.legend()
    return fig


def _grid(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A square grid of points over the data's range plus a margin: (xx, yy) mesh arrays."""
    low, high = X.min(axis=0), X.max(axis=0)
    pad = 0.1 * np.where(high > low, high - low, 1.0)
    axes = [np.linspace(low[j] - pad[j], high[j] + pad[j], GRID_POINTS) for j in range(2)]
    return np.meshgrid(*axes)


def _grid_prediction(points: np.ndarray, predict: Callable[[np.ndarray], np.ndarray]) -> tuple[np.ndarray, bool]:
    """(values, are_probabilities): an m×k output becomes argmax labels; fractional values are P(y = 1)."""
    raw = np.asarray(predict(points), dtype=float)
    if raw.ndim == 2 and raw.shape[1] > 1:
        raw = np.argmax(raw, axis=1)
    values = raw.reshape(-1)
    if values.size != len(points):
        raise ValueError(f"predict returned {values.size} values for {len(points)} points")
    return values, not np.all(values == np.round(values))


def decision_boundary_2d(X: np.ndarray, labels: np.ndarray, predict_proba_or_label: Callable[[np.ndarray], np.ndarray],
                         title: str = "Decision boundary", feature_labels: Sequence[str] = ("x1", "x2")) -> Figure:
    """The model's prediction over the plane (P(y = 1) shading, or class regions) and the points by class.

    ``predict_proba_or_label`` receives an m×2 matrix and returns m probabilities of class 1, m labels,
    or an m×k matrix of class scores (its argmax is the label).
    """
    X, labels = np.asarray(X, dtype=float), np.asarray(labels).ravel()
    if X.ndim != 2 or X.shape[1] != 2 or len(X) != labels.size or labels.size == 0:
        raise ValueError(f"decision_boundary_2d needs an n×2 X and n labels, got {X.shape} and {labels.size}")
    classes = np.unique(labels)
    if classes.size > len(CLASS_COLORS):
        raise ValueError(f"at most {len(CLASS_COLORS)} classes can be drawn, got {classes.size}")
    xx, yy = _grid(X)
    values, probabilities = _grid_prediction(np.column_stack([xx.ravel(), yy.ravel()]), predict_proba_or_label)
    zz = values.reshape(xx.shape)
    fig, ax = _figure(title)
    if probabilities:
        shading = ax.contourf(xx, yy, zz, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.45)
        fig.colorbar(shading, ax=ax, label="P(y = 1)")
        ax.contour(xx, yy, zz, levels=[0.5], colors="black", linewidths=1.5)
        ax.plot([], [], color="black", linewidth=1.5, label="boundary P = 0.5")
    else:
        regions = ListedColormap([CLASS_COLORS[i] for i in range(classes.size)])
        index = np.searchsorted(classes, zz).clip(0, classes.size - 1)
        ax.contourf(xx, yy, index, levels=np.arange(classes.size + 1) - 0.5, cmap=regions, alpha=0.25)
    for i, c in enumerate(classes):
        mine = labels == c
        ax.scatter(X[mine, 0], X[mine, 1], s=18, color=CLASS_COLORS[i], edgecolors="black", linewidths=0.4,
                   label=f"class {c:g}" if np.issubdtype(classes.dtype, np.number) else f"class {c}")
    ax.set_xlabel(feature_labels[0])
    ax.set_ylabel(feature_labels[1])
    ax.legend(loc="best", framealpha=0.9)
    return fig


def activation_with_derivative(f: Callable[[np.ndarray], np.ndarray], df: Callable[[np.ndarray], np.ndarray],
                               name: str) -> Figure:
    """The activation f and its derivative f′ on [−5, 5]."""
    z = np.linspace(-5.0, 5.0, 1001)
    # a compiled constant derivative (linear′ = 1) returns a scalar: spread it over the grid
    values = np.broadcast_to(np.asarray(f(z), dtype=float), z.shape)
    slopes = np.broadcast_to(np.asarray(df(z), dtype=float), z.shape)
    fig, ax = _figure(f"{name} and its derivative")
    ax.axhline(0, color="gray", linewidth=0.8)
    ax.axvline(0, color="gray", linewidth=0.8)
    ax.plot(z, values, color="tab:blue", linewidth=2, label=f"{name}(z)")
    ax.plot(z, slopes, color="tab:orange", linewidth=2, linestyle="--", label=f"{name}′(z)")
    ax.set_xlabel("z")
    ax.set_ylabel("value")
    ax.grid(True, alpha=0.3)
    ax.legend()
    return fig


def render(fig: Figure, suffix: str) -> bytes:
    """``fig`` as the bytes of a PNG or SVG file (by ``suffix``), then closed: write them when every output is ready."""
    import io
    fmt = FORMATS.get(suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot save a figure as {suffix or 'a file without suffix'!r}; use {' or '.join(FORMATS)}")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "symgrad"}):
        fig.savefig(buffer, format=fmt, dpi=150, metadata={"Date": None} if fmt == "svg" else None)
    _close(fig)
    return buffer.getvalue()


def _close(fig: Figure) -> None:
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:  # a figure made with pyplot would otherwise stay in its list of open figures
        pyplot.close(fig)


def save(fig: Figure, path: str | os.PathLike) -> Path:
    """Write ``fig`` as PNG or SVG (by the suffix) through a temporary file and a rename, then close it."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot save a figure as {path.suffix or 'a file without suffix'!r}; "
                         f"use {' or '.join(FORMATS)}")
    from symbolic.files import write_atomic

    def draw(f) -> None:
        # no date and a fixed id salt in the SVG, so the same figure always gives the same file
        with matplotlib.rc_context({"svg.hashsalt": "symgrad"}):
            fig.savefig(f, format=fmt, dpi=150, metadata={"Date": None} if fmt == "svg" else None)

    write_atomic(path, draw)  # a missing folder is an error naming it, never created
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:  # a figure made with pyplot would otherwise stay in its list of open figures
        pyplot.close(fig)
    return path


__all__ = ["loss_curve", "fit_1d", "decision_boundary_2d", "activation_with_derivative", "save", "render", "FORMATS"]
