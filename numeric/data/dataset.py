"""One immutable table of named numeric columns, with an optional label column: the data a model trains on."""
from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from typing import Sequence

import numpy as np

from ..errors import DataError

#: rows shown by the notebook preview
PREVIEW_ROWS = 5


def _frozen_column(name: str, values: object) -> np.ndarray:
    """A read-only 1-D float copy of ``values`` (ValueError if it is not 1-D numbers)."""
    try:
        array = np.array(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"column {name!r} is not numeric") from None
    if array.ndim != 1:
        raise ValueError(f"column {name!r} must be 1-D, got shape {array.shape}")
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False, repr=False)
class Dataset:
    """Named 1-D float columns of equal length; ``target`` names the label column (None: no labels).

    >>> d = Dataset({"x1": [0.0, 1.0], "y": [1.0, 3.0]}, target="y", name="tiny")
    >>> d.X.shape, d.y.tolist()
    ((2, 1), [1.0, 3.0])
    """

    columns: dict[str, np.ndarray]
    target: str | None = None
    name: str = "data"
    classes: tuple | None = None          # distinct label values (0.0 … k−1) for classification
    truth: dict = field(default_factory=dict)        # the true parameters of a synthetic dataset
    feature_labels: tuple[str, ...] = ()  # readable feature names, in feature order (default: the names)
    class_labels: tuple[str, ...] = ()    # readable class names, ``class_labels[i]`` for label i

    def __post_init__(self) -> None:
        columns = {str(k): _frozen_column(str(k), v) for k, v in dict(self.columns).items()}
        if not columns:
            raise ValueError("a dataset needs at least one column")
        lengths = {k: len(v) for k, v in columns.items()}
        if len(set(lengths.values())) > 1:
            raise ValueError(f"columns differ in length: {lengths}")
        if self.target is not None and self.target not in columns:
            raise ValueError(f"target {self.target!r} is not a column (columns: {', '.join(columns)})")
        object.__setattr__(self, "columns", columns)
        object.__setattr__(self, "truth", dict(self.truth))
        if self.classes is not None:
            object.__setattr__(self, "classes", tuple(self.classes))
        features = tuple(k for k in columns if k != self.target)
        labels = tuple(self.feature_labels) or features
        if len(labels) != len(features):
            raise ValueError(f"{len(labels)} feature labels for {len(features)} features")
        object.__setattr__(self, "feature_labels", labels)
        object.__setattr__(self, "class_labels", tuple(self.class_labels))

    @property
    def n(self) -> int:
        """Number of rows (examples)."""
        return len(next(iter(self.columns.values())))

    def __len__(self) -> int:
        return self.n

    @property
    def feature_names(self) -> tuple[str, ...]:
        """Every column except the target, in column order."""
        return tuple(k for k in self.columns if k != self.target)

    @property
    def X(self) -> np.ndarray:
        """The n×d float matrix of features, columns in ``feature_names`` order."""
        names = self.feature_names
        if not names:
            return np.empty((self.n, 0))
        return np.column_stack([self.columns[k] for k in names])

    @property
    def y(self) -> np.ndarray:
        """The label column (DataError if the dataset has none)."""
        if self.target is None:
            raise DataError(f"{self.name}: no label column (columns: {', '.join(self.columns)})")
        return self.columns[self.target]

    def select(self, indices: Sequence[int] | np.ndarray) -> Dataset:
        """The rows at ``indices`` (integer positions or a boolean mask), everything else unchanged."""
        index = np.asarray(indices)
        if index.dtype != bool:
            index = index.astype(int)
        return replace(self, columns={k: v[index] for k, v in self.columns.items()})

    def with_columns(self, **arrays: object) -> Dataset:
        """A copy with these columns replaced (same name) or appended (new name)."""
        labels = dict(zip(self.feature_names, self.feature_labels))
        columns = {**self.columns, **arrays}
        features = [k for k in columns if k != self.target]
        return replace(self, columns=columns, feature_labels=tuple(labels.get(k, k) for k in features))

    def __repr__(self) -> str:
        kind = f", classes={len(self.classes)}" if self.classes is not None else ""
        return (f"Dataset({self.name!r}, n={self.n}, features={len(self.feature_names)}, "
                f"target={self.target!r}{kind})")

    def _repr_html_(self) -> str:
        """A notebook preview: the first rows as a table, then the shape."""
        names = list(self.columns)
        head = "".join(f"<th>{html.escape(k)}</th>" for k in names)
        rows = "".join(
            "<tr>" + "".join(f"<td>{self.columns[k][i]:.4g}</td>" for k in names) + "</tr>"
            for i in range(min(self.n, PREVIEW_ROWS))
        )
        more = "<tr><td colspan='{}'>…</td></tr>".format(len(names)) if self.n > PREVIEW_ROWS else ""
        target = f", label column <code>{html.escape(self.target)}</code>" if self.target else ""
        return (f"<div><b>{html.escape(self.name)}</b>: {self.n} rows × {len(names)} columns{target}"
                f"<table><thead><tr>{head}</tr></thead><tbody>{rows}{more}</tbody></table></div>")


__all__ = ["Dataset"]
