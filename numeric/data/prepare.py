"""Getting data ready to train on: a train/test split, feature standardization, accuracy, one-hot labels."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import DataError
from .dataset import Dataset


def _test_counts(sizes: np.ndarray, n_test: int) -> np.ndarray:
    """Split ``n_test`` over groups in proportion to ``sizes`` (largest remainders get the leftovers)."""
    exact = sizes * n_test / sizes.sum()
    counts = np.floor(exact).astype(int)
    leftover = n_test - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:leftover]] += 1
    return counts


def train_test_split(dataset: Dataset, test_fraction: float = 0.25, seed: int = 0,
                     stratify: bool = True) -> tuple[Dataset, Dataset]:
    """(train, test): a seeded random split, class proportions kept in both for classification data.

    The test part has round(n · test_fraction) rows (at least 1, and at least 1 row is left to train on);
    rows keep their original order within each part.
    """
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction!r}")
    n = dataset.n
    if n < 2:
        raise DataError(f"{dataset.name}: {n} row(s); a train/test split needs at least 2")
    n_test = min(max(round(n * test_fraction), 1), n - 1)
    rng = np.random.default_rng(seed)
    if stratify and dataset.classes is not None:
        groups = [np.flatnonzero(dataset.y == c) for c in np.unique(dataset.y)]
    else:
        groups = [np.arange(n)]
    counts = _test_counts(np.array([len(g) for g in groups]), n_test)
    test = np.concatenate([rng.permutation(g)[:k] for g, k in zip(groups, counts)])
    in_test = np.zeros(n, dtype=bool)
    in_test[test] = True
    return dataset.select(~in_test), dataset.select(in_test)


@dataclass(frozen=True)
class Standardizer:
    """Per-feature mean and standard deviation learned on training data; a constant feature keeps std 1.

    >>> scaler = Standardizer.fit(train)          # doctest: +SKIP
    >>> train_s, test_s = scaler.transform(train), scaler.transform(test)  # doctest: +SKIP
    """

    feature_names: tuple[str, ...] = ()
    mean: tuple[float, ...] = ()
    std: tuple[float, ...] = ()

    @classmethod
    def fit(cls, dataset: Dataset) -> Standardizer:
        """The mean and standard deviation of each feature of ``dataset`` (std 0 becomes 1)."""
        if dataset.n == 0:
            raise DataError(f"{dataset.name}: no rows to standardize with")
        X = dataset.X
        std = X.std(axis=0)
        std[std < 1e-12] = 1.0  # a constant feature: centre it, do not blow it up
        return cls(dataset.feature_names, tuple(X.mean(axis=0).tolist()), tuple(std.tolist()))

    def transform_features(self, X: np.ndarray) -> np.ndarray:
        """(X − mean) / std for an n×d matrix in ``feature_names`` order (e.g. a plotting grid)."""
        if not self.feature_names:
            raise ValueError("this Standardizer is not fitted; use Standardizer.fit(train) first")
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != len(self.feature_names):
            raise ValueError(f"expected an n×{len(self.feature_names)} matrix, got shape {X.shape}")
        return (X - np.array(self.mean)) / np.array(self.std)

    def transform(self, dataset: Dataset) -> Dataset:
        """``dataset`` with each fitted feature standardized; the label column is left as it is."""
        missing = [k for k in self.feature_names if k not in dataset.columns]
        if missing:
            raise ValueError(f"{dataset.name} lacks the fitted features {', '.join(missing)}")
        Z = self.transform_features(np.column_stack([dataset.columns[k] for k in self.feature_names]))
        return dataset.with_columns(**{k: Z[:, j] for j, k in enumerate(self.feature_names)})


def accuracy(predicted_labels: np.ndarray, true_labels: np.ndarray) -> float:
    """The fraction of predicted labels equal to the true ones.

    >>> accuracy(np.array([0, 1, 1, 0]), np.array([0, 1, 0, 0]))
    0.75
    """
    predicted, true = np.asarray(predicted_labels).ravel(), np.asarray(true_labels).ravel()
    if predicted.shape != true.shape:
        raise ValueError(f"{predicted.size} predicted labels for {true.size} true labels")
    if predicted.size == 0:
        raise ValueError("accuracy of no labels is undefined")
    return float(np.mean(predicted == true))


def one_hot(labels: np.ndarray, k: int) -> np.ndarray:
    """The n×k matrix with a 1 in column ``labels[i]`` of row i (labels must be whole numbers 0..k−1).

    >>> one_hot(np.array([2.0, 0.0]), 3).tolist()
    [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k!r}")
    labels = np.asarray(labels, dtype=float).ravel()
    bad = ~np.isfinite(labels) | (labels != np.round(labels)) | (labels < 0) | (labels >= k)
    if bad.any():
        raise ValueError(f"label {labels[bad][0]:g} is not one of 0..{k - 1}")
    whole = labels.astype(int)
    encoded = np.zeros((labels.size, k))
    encoded[np.arange(labels.size), whole] = 1.0
    return encoded


__all__ = ["train_test_split", "Standardizer", "accuracy", "one_hot"]
