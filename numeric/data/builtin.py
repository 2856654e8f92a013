"""Real datasets bundled with scikit-learn (read from its installed files, never the network)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import DataError
from .dataset import Dataset


@dataclass(frozen=True)
class Builtin:
    """One bundled dataset: the ``sklearn.datasets`` loader to call and whether labels are classes."""

    loader: str
    classification: bool
    description: str


#: name → bundled dataset, in the order the course meets them
BUILTIN: dict[str, Builtin] = {
    "iris": Builtin("load_iris", True, "150 flowers, 4 measurements, 3 species"),
    "digits": Builtin("load_digits", True, "1797 8×8 images of handwritten digits, 10 classes"),
    "breast_cancer": Builtin("load_breast_cancer", True, "569 tumours, 30 features, malignant/benign"),
    "diabetes": Builtin("load_diabetes", False, "442 patients, 10 features, disease progression"),
    "wine": Builtin("load_wine", True, "178 wines, 13 chemical features, 3 cultivars"),
}


def load_builtin(name: str) -> Dataset:
    """The bundled dataset ``name``: features ``x1..xd`` (originals in ``feature_labels``), label ``y``.

    Classification labels are floats 0..k−1, recorded in ``classes``; class names in ``class_labels``.
    """
    if name not in BUILTIN:
        raise DataError(f"no built-in dataset {name!r} (built-in: {', '.join(BUILTIN)})")
    spec = BUILTIN[name]
    import sklearn.datasets  # imported here: slow to import, and only these loaders need it

    bunch = getattr(sklearn.datasets, spec.loader)()
    X = np.asarray(bunch.data, dtype=float)
    columns = {f"x{j + 1}": X[:, j] for j in range(X.shape[1])}
    labels = np.asarray(bunch.target, dtype=float)
    classes, class_labels = None, ()
    if spec.classification:
        classes = tuple(float(c) for c in np.unique(labels))
        class_labels = tuple(str(t) for t in bunch.target_names)
    return Dataset(
        {**columns, "y": labels}, target="y", name=name, classes=classes,
        feature_labels=tuple(str(f) for f in bunch.feature_names), class_labels=class_labels,
    )


__all__ = ["BUILTIN", "Builtin", "load_builtin"]
