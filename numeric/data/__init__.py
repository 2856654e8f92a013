"""Data to train on: CSV files, scikit-learn's bundled datasets, seeded synthetic data, and ``load(spec)``.

``load`` resolves what the command line receives, in this order: an existing file (CSV), a built-in
name (``iris``), a synthetic generator (``linear``, ``synthetic:linear?n=200&seed=1``).
"""
from __future__ import annotations

import inspect
import math
import os
from urllib.parse import parse_qsl

from ..errors import DataError
from .builtin import BUILTIN, load_builtin
from .csv_file import load_csv
from .dataset import Dataset
from .prepare import Standardizer, accuracy, one_hot, train_test_split
from .synthetic import SYNTHETIC, synthetic

SYNTHETIC_PREFIX = "synthetic:"


def _option(name: str, key: str, text: str) -> object:
    """A synthetic generator's option from its text: a whole number, a number, or numbers with commas."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        numbers = tuple(float(part) for part in text.split(","))
    except ValueError:
        numbers = ()
    if not numbers or not all(math.isfinite(x) for x in numbers):
        raise DataError(f"{SYNTHETIC_PREFIX}{name}: option {key}={text!r} is not a finite number")
    return numbers[0] if len(numbers) == 1 else numbers


def _load_synthetic(spec: str) -> Dataset:
    """``name`` or ``name?key=value&…`` (the ``synthetic:`` prefix removed) → the generated dataset."""
    name, _, query = spec.partition("?")
    if name not in SYNTHETIC:
        raise DataError(f"no synthetic dataset {name!r} (synthetic: {', '.join(SYNTHETIC)})")
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError:
        raise DataError(f"{SYNTHETIC_PREFIX}{spec}: options must read key=value&key=value") from None
    allowed = list(inspect.signature(SYNTHETIC[name]).parameters)
    for key, _ in pairs:
        if key not in allowed:
            raise DataError(f"{SYNTHETIC_PREFIX}{name}: unknown option {key!r} (options: {', '.join(allowed)})")
    options = {key: _option(name, key, text) for key, text in pairs}
    try:
        return SYNTHETIC[name](**options)
    except (TypeError, ValueError) as err:
        raise DataError(f"{SYNTHETIC_PREFIX}{name}: {err}") from None


def load(spec: str) -> Dataset:
    """The dataset ``spec`` names: a CSV file path, a built-in name, or a synthetic generator with options.

    >>> load("synthetic:linear?n=50&seed=1").n
    50
    """
    if spec and os.path.exists(spec):  # os.path: a too-long or odd name is just not a file
        return load_csv(spec)
    if spec in BUILTIN:
        return load_builtin(spec)
    if spec.startswith(SYNTHETIC_PREFIX):
        return _load_synthetic(spec[len(SYNTHETIC_PREFIX):])
    if spec.partition("?")[0] in SYNTHETIC:
        return _load_synthetic(spec)
    raise DataError(f"no such file or dataset {spec!r} (datasets: {', '.join([*BUILTIN, *SYNTHETIC])})")


__all__ = ["Dataset", "load", "load_csv", "load_builtin", "BUILTIN", "SYNTHETIC", "synthetic",
           "train_test_split", "Standardizer", "accuracy", "one_hot", "DataError"]
