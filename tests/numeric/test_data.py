"""Datasets: CSV loading and its one-line errors, built-in and synthetic data, splitting, scaling, load()."""
from __future__ import annotations

import dataclasses
import pickle

import numpy as np
import pytest

from numeric.data import BUILTIN, SYNTHETIC, Dataset, load, load_builtin, load_csv, synthetic
from numeric.data import csv_file
from numeric.data.prepare import Standardizer, accuracy, one_hot, train_test_split
from numeric.errors import DataError, DivergenceError
from symbolic.errors import SymgradError


# --- errors -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("error", [DataError("x"), DivergenceError("x", epoch=3, last_parameters=[1.0])])
def test_numeric_errors_are_symgrad_errors(error):
    assert isinstance(error, SymgradError) and str(error) == "x"


def test_divergence_error_keeps_epoch_and_parameters_through_pickle():
    error = pickle.loads(pickle.dumps(DivergenceError("loss is inf", epoch=7, last_parameters={"w": 2.5})))
    assert (str(error), error.epoch, error.last_parameters) == ("loss is inf", 7, {"w": 2.5})


# --- Dataset ------------------------------------------------------------------------------------------

def small() -> Dataset:
    return Dataset({"a": [1.0, 2.0, 3.0, 4.0], "b": [0.0, 1.0, 0.0, 1.0], "y": [0, 1, 1, 0]},
                   target="y", name="small", classes=(0.0, 1.0))


def test_dataset_exposes_features_and_labels():
    d = small()
    assert (d.n, len(d), d.feature_names) == (4, 4, ("a", "b"))
    assert d.X.tolist() == [[1.0, 0.0], [2.0, 1.0], [3.0, 0.0], [4.0, 1.0]]
    assert d.y.tolist() == [0.0, 1.0, 1.0, 0.0] and d.y.dtype == float
    assert d.feature_labels == ("a", "b")


def test_dataset_columns_are_read_only_copies():
    source = np.array([1.0, 2.0])
    d = Dataset({"x1": source})
    source[0] = 99.0
    assert d.columns["x1"][0] == 1.0
    with pytest.raises(ValueError):
        d.columns["x1"][0] = 5.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.name = "other"


@pytest.mark.parametrize("columns, target, fragment", [
    ({"a": [1.0, 2.0], "b": [1.0]}, None, "differ in length"),
    ({"a": [1.0]}, "y", "target 'y' is not a column"),
    ({"a": [[1.0, 2.0]]}, None, "must be 1-D"),
    ({"a": ["x"]}, None, "not numeric"),
    ({}, None, "at least one column"),
])
def test_dataset_rejects_inconsistent_columns(columns, target, fragment):
    with pytest.raises(ValueError, match=fragment):
        Dataset(columns, target=target)


def test_select_and_with_columns_make_new_datasets():
    d = small()
    picked = d.select([3, 0])
    assert picked.columns["a"].tolist() == [4.0, 1.0] and picked.y.tolist() == [0.0, 0.0]
    assert picked.classes == (0.0, 1.0) and picked.name == "small"
    assert d.select(d.y == 1).columns["a"].tolist() == [2.0, 3.0]
    wider = d.with_columns(c=[9.0, 8.0, 7.0, 6.0], a=[0.0, 0.0, 0.0, 0.0])
    assert wider.feature_names == ("a", "b", "c") and wider.X[0].tolist() == [0.0, 0.0, 9.0]
    assert d.columns["a"].tolist() == [1.0, 2.0, 3.0, 4.0]


def test_dataset_without_target_has_no_labels():
    d = Dataset({"a": [1.0], "b": [2.0]}, name="unlabelled")
    assert d.X.tolist() == [[1.0, 2.0]]
    with pytest.raises(DataError, match="unlabelled: no label column"):
        d.y


def test_notebook_preview_shows_five_rows_and_the_shape():
    page = synthetic("linear_d", n=12, seed=0, d=2)._repr_html_()
    assert page.count("<tr>") == 1 + 5 + 1  # header, five rows, the "…" row
    assert "12 rows × 3 columns" in page and "<th>x1</th>" in page


# --- CSV ----------------------------------------------------------------------------------------------

def write(tmp_path, text: str, name: str = "data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("content, fragment", [
    ("", "file is empty"),
    ("\n\n", "file is empty"),
    ("x,y\n", "header only, no data rows"),
    ("x,y\n1,2\n3,abc\n", "row 3, column 'y': 'abc' is not a number"),
    ("x,y\n1,2\n3,\n", "row 3, column 'y' is empty"),
    ("x,y\n1, \n", "row 2, column 'y' is empty"),
    ("x,y\nnan,2\n", "row 2, column 'x': 'nan' is a missing value (NaN)"),
    ("x,y\n1,2\n-inf,2\n", "row 3, column 'x': '-inf' is infinite"),
    ("x,y\n1e999,2\n", "row 2, column 'x': '1e999' is infinite"),
    ("x,y\n1,2\n1,2,3\n", "row 3 has 3 cells, header has 2"),
    ("x,y\n1,2\n\n5\n", "row 4 has 1 cells, header has 2"),
    ("x,y,x\n1,2,3\n", "row 1: duplicate column name 'x' (columns 1 and 3)"),
    ("x,,y\n1,2,3\n", "row 1, column 2: empty column name"),
    ("1,2\n3,4\n", "row 1 holds numbers, not column names"),
    ("x;y\n1;2\n", "separate cells with semicolons"),
    ("x,y\n1,\"2\n3\"\n4,5\n", "row 2, column 'y': '2\\n3' is not a number"),
    ("x,y\n\"1\n\",2\n4,5,6\n", "row 4 has 3 cells, header has 2"),
])
def test_csv_problems_are_one_line_errors_naming_the_place(tmp_path, content, fragment):
    path = write(tmp_path, content)
    with pytest.raises(DataError) as caught:
        load_csv(path)
    message = str(caught.value)
    assert fragment in message and message.startswith(str(path)) and "\n" not in message


def test_csv_missing_file_and_folder(tmp_path):
    with pytest.raises(DataError, match="nope.csv: no such file"):
        load_csv(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="not a file"):
        load_csv(tmp_path)


def test_csv_required_column_is_named_with_the_columns_present(tmp_path):
    path = write(tmp_path, "x1,x2\n1,2\n")
    with pytest.raises(DataError, match=r"required column 'y' missing \(columns present: x1, x2\)"):
        load_csv(path, required=["x1", "y"])


def test_csv_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:
        f.truncate(csv_file.MAX_BYTES + 1)  # sparse: no disk space used
    with pytest.raises(DataError, match="huge.csv: file is 200 MB, over the 200 MB limit"):
        load_csv(path)


def test_csv_not_utf8_is_named(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("x,y\n1,\xe9\n".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8 text"):
        load_csv(path)


def test_csv_loads_numbers_with_y_as_the_default_label(tmp_path):
    path = write(tmp_path, "\ufeffx1 , x2,y\n 1.5,2,0\n\n-3e-1,4, 1\n,,\n", name="points.csv")
    d = load_csv(path, required=["x1"])
    assert (d.name, d.target, d.feature_names) == ("points", "y", ("x1", "x2"))
    assert d.X.tolist() == [[1.5, 2.0], [-0.3, 4.0]] and d.y.tolist() == [0.0, 1.0]


def test_csv_named_target_and_no_target(tmp_path):
    path = write(tmp_path, "a,b\n1,2\n3,4\n")
    assert load_csv(path).target is None
    d = load_csv(path, target="a")
    assert (d.target, d.y.tolist(), d.feature_names) == ("a", [1.0, 3.0], ("b",))
    with pytest.raises(DataError, match="required column 'y' missing"):
        load_csv(path, target="y")


# --- built-in -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, n, d, k", [
    ("iris", 150, 4, 3),
    ("digits", 1797, 64, 10),
    ("breast_cancer", 569, 30, 2),
    ("diabetes", 442, 10, None),
    ("wine", 178, 13, 3),
])
def test_builtin_shapes_and_classes(name, n, d, k):
    data = load_builtin(name)
    assert data.X.shape == (n, d) and data.y.shape == (n,)
    assert data.feature_names == tuple(f"x{j}" for j in range(1, d + 1)) and data.target == "y"
    assert len(data.feature_labels) == d
    if k is None:
        assert data.classes is None
    else:
        assert data.classes == tuple(float(c) for c in range(k))
        assert sorted(set(data.y.tolist())) == list(data.classes) and len(data.class_labels) == k


def test_builtin_keeps_the_original_names():
    iris = load_builtin("iris")
    assert iris.feature_labels[0] == "sepal length (cm)" and iris.class_labels == ("setosa", "versicolor", "virginica")


def test_builtin_table_lists_exactly_the_bundled_sets():
    assert list(BUILTIN) == ["iris", "digits", "breast_cancer", "diabetes", "wine"]


def test_unknown_builtin_lists_the_known_names():
    with pytest.raises(DataError, match="no built-in dataset 'mnist' \\(built-in: iris, digits, breast_cancer"):
        load_builtin("mnist")


# --- synthetic ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SYNTHETIC))
def test_synthetic_is_reproducible_from_the_seed(name):
    a, b, other = synthetic(name, n=60, seed=5), synthetic(name, n=60, seed=5), synthetic(name, n=60, seed=6)
    assert a.n == 60 and a.target == "y"
    for column in a.columns:
        assert np.array_equal(a.columns[column], b.columns[column])
    assert not np.array_equal(a.X, other.X)
    assert a.truth == b.truth and a.truth


@pytest.mark.parametrize("name, k", [("logistic", 2), ("blobs", 3), ("xor", 2)])
def test_synthetic_classification_labels_are_0_to_k_minus_1(name, k):
    d = synthetic(name, n=90, seed=0)
    assert d.classes == tuple(float(c) for c in range(k))
    assert set(d.y.tolist()) == set(d.classes)


def test_linear_truth_is_recovered_by_least_squares():
    d = synthetic("linear", n=5000, seed=1, w=-1.5, b=0.25, noise=0.2)
    slope, intercept = np.polyfit(d.columns["x1"], d.y, 1)
    assert d.truth == {"w": -1.5, "b": 0.25, "noise": 0.2}
    assert slope == pytest.approx(-1.5, abs=0.01) and intercept == pytest.approx(0.25, abs=0.01)


def test_linear_d_without_noise_is_exactly_the_truth():
    d = synthetic("linear_d", n=40, seed=2, d=4, noise=0.0)
    np.testing.assert_allclose(d.y, d.X @ np.array(d.truth["w"]) + d.truth["b"], atol=1e-12)
    solution, *_ = np.linalg.lstsq(np.column_stack([d.X, np.ones(d.n)]), d.y, rcond=None)
    np.testing.assert_allclose(solution, [*d.truth["w"], d.truth["b"]], atol=1e-10)


def test_logistic_label_rate_matches_the_true_probabilities():
    d = synthetic("logistic", n=20000, seed=3, w=(1.0, -2.0), b=0.5)
    p = 1.0 / (1.0 + np.exp(-(d.X @ np.array(d.truth["w"]) + d.truth["b"])))
    assert d.y.mean() == pytest.approx(p.mean(), abs=0.01)
    assert d.y[p > 0.9].mean() > 0.85 and d.y[p < 0.1].mean() < 0.15


def test_blobs_are_balanced_around_their_centres():
    d = synthetic("blobs", n=301, seed=0, k=4, spread=0.1)
    counts = np.bincount(d.y.astype(int))
    assert counts.tolist() == [76, 75, 75, 75]
    for label, centre in enumerate(d.truth["centers"]):
        np.testing.assert_allclose(d.X[d.y == label].mean(axis=0), centre, atol=0.05)


def test_xor_labels_follow_the_signs():
    d = synthetic("xor", n=400, seed=0, spread=0.2)
    differ = (d.X[:, 0] > 0) != (d.X[:, 1] > 0)
    assert np.mean(differ == (d.y == 1)) > 0.99


@pytest.mark.parametrize("x, expected", [(-2.5, 0.0), (-1.0, 1.5), (0.0, 0.5), (1.5, 2.0), (2.9, 1.0)])
def test_step_function_without_noise_is_the_staircase(x, expected):
    d = synthetic("step_function", n=2000, seed=0, noise=0.0)
    nearest = np.argmin(np.abs(d.columns["x1"] - x))
    assert d.y[nearest] == expected
    assert set(d.y.tolist()) == set(d.truth["heights"])


def test_sine_without_noise_is_the_sine():
    d = synthetic("sine", n=50, seed=0, frequency=2.0, amplitude=3.0, noise=0.0)
    np.testing.assert_allclose(d.y, 3.0 * np.sin(2.0 * d.columns["x1"]), atol=1e-12)


@pytest.mark.parametrize("name, params, fragment", [
    ("linear", {"n": 0}, "n must be a positive whole number"),
    ("linear", {"seed": -1}, "seed must be a whole number"),
    ("linear", {"noise": -1.0}, "noise must be ≥ 0"),
    ("linear_d", {"d": 2, "w": (1.0, 2.0, 3.0)}, "w has 3 entries, d is 2"),
    ("blobs", {"k": 1}, "k must be at least 2"),
    ("step_function", {"breakpoints": (1.0, 0.0)}, "breakpoints must increase"),
    ("nope", {}, "unknown synthetic dataset 'nope'"),
])
def test_synthetic_rejects_impossible_options(name, params, fragment):
    with pytest.raises(ValueError, match=fragment):
        synthetic(name, **params)


# --- prepare ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("n, fraction, n_test", [(100, 0.25, 25), (10, 0.3, 3), (7, 0.5, 4), (2, 0.1, 1), (3, 0.9, 2)])
def test_split_sizes_and_disjointness(n, fraction, n_test):
    d = synthetic("linear", n=n, seed=0)
    train, test = train_test_split(d, test_fraction=fraction, seed=1)
    assert (train.n, test.n) == (n - n_test, n_test)
    together = np.sort(np.concatenate([train.columns["x1"], test.columns["x1"]]))
    np.testing.assert_array_equal(together, np.sort(d.columns["x1"]))


def test_split_is_deterministic_and_depends_on_the_seed():
    d = synthetic("linear", n=50, seed=0)
    first, again, other = (train_test_split(d, seed=s)[1] for s in (4, 4, 5))
    assert np.array_equal(first.columns["x1"], again.columns["x1"])
    assert not np.array_equal(first.columns["x1"], other.columns["x1"])


def test_split_is_stratified_for_classification():
    iris = load_builtin("iris")
    train, test = train_test_split(iris, test_fraction=0.2, seed=0)
    assert np.bincount(test.y.astype(int)).tolist() == [10, 10, 10]
    assert np.bincount(train.y.astype(int)).tolist() == [40, 40, 40]


def test_stratified_split_of_unbalanced_classes_keeps_proportions():
    d = Dataset({"x1": np.arange(20.0), "y": [0.0] * 16 + [1.0] * 4}, target="y", classes=(0.0, 1.0))
    train, test = train_test_split(d, test_fraction=0.25, seed=3)
    assert np.bincount(test.y.astype(int)).tolist() == [4, 1]
    assert np.bincount(train.y.astype(int)).tolist() == [12, 3]


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1, 1.5])
def test_split_rejects_impossible_fractions(fraction):
    with pytest.raises(ValueError, match="test_fraction"):
        train_test_split(small(), test_fraction=fraction)


def test_split_of_one_row_is_a_data_error():
    with pytest.raises(DataError, match="a train/test split needs at least 2"):
        train_test_split(synthetic("linear", n=1), seed=0)


def test_standardizer_centres_and_scales_train_and_reuses_it_on_test():
    train, test = train_test_split(load_builtin("wine"), seed=0)
    scaler = Standardizer.fit(train)
    scaled = scaler.transform(train)
    np.testing.assert_allclose(scaled.X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(scaled.X.std(axis=0), 1.0, atol=1e-12)
    np.testing.assert_array_equal(scaled.y, train.y)
    expected = (test.X - train.X.mean(axis=0)) / train.X.std(axis=0)
    np.testing.assert_allclose(scaler.transform(test).X, expected, atol=1e-12)
    np.testing.assert_allclose(scaler.transform_features(test.X), expected, atol=1e-12)


def test_standardizer_leaves_a_constant_feature_at_zero():
    d = Dataset({"c": [5.0, 5.0, 5.0], "v": [1.0, 2.0, 3.0]})
    scaler = Standardizer().fit(d)
    assert scaler.std[0] == 1.0 and scaler.transform(d).columns["c"].tolist() == [0.0, 0.0, 0.0]


def test_unfitted_standardizer_says_so():
    with pytest.raises(ValueError, match="not fitted"):
        Standardizer().transform_features(np.zeros((2, 2)))


@pytest.mark.parametrize("predicted, true, expected", [
    ([0, 1, 1, 0], [0, 1, 0, 0], 0.75),
    ([2.0, 2.0, 1.0], [2.0, 2.0, 1.0], 1.0),
    ([1, 1], [0, 0], 0.0),
    ([[1], [0]], [1, 0], 1.0),
])
def test_accuracy(predicted, true, expected):
    assert accuracy(np.array(predicted), np.array(true)) == expected


@pytest.mark.parametrize("predicted, true", [([1, 0], [1]), ([], [])])
def test_accuracy_rejects_mismatched_or_empty(predicted, true):
    with pytest.raises(ValueError):
        accuracy(np.array(predicted), np.array(true))


@pytest.mark.parametrize("labels, k, expected", [
    ([0.0, 2.0, 1.0], 3, [[1, 0, 0], [0, 0, 1], [0, 1, 0]]),
    ([1], 2, [[0, 1]]),
    ([], 2, np.zeros((0, 2))),
])
def test_one_hot(labels, k, expected):
    np.testing.assert_array_equal(one_hot(np.array(labels), k), np.array(expected, dtype=float))


@pytest.mark.parametrize("labels, k", [([3.0], 3), ([0.5], 2), ([-1.0], 2), ([np.nan], 2)])
def test_one_hot_rejects_labels_outside_0_to_k_minus_1(labels, k):
    with pytest.raises(ValueError, match="is not one of"):
        one_hot(np.array(labels), k)


# --- load(spec) ---------------------------------------------------------------------------------------

def test_load_reads_an_existing_csv(tmp_path):
    path = write(tmp_path, "x1,y\n1,2\n")
    assert load(str(path)).y.tolist() == [2.0]


@pytest.mark.parametrize("spec, name, n", [
    ("iris", "iris", 150),
    ("linear", "linear", 200),
    ("synthetic:sine?n=30&seed=2", "sine", 30),
    ("blobs?n=12&k=4", "blobs", 12),
])
def test_load_resolves_builtin_and_synthetic_names(spec, name, n):
    d = load(spec)
    assert (d.name, d.n) == (name, n)


def test_load_synthetic_options_match_a_direct_call():
    via_spec = load("synthetic:linear_d?n=25&seed=3&d=2&w=1.5,-2&noise=0")
    direct = synthetic("linear_d", n=25, seed=3, d=2, w=(1.5, -2.0), noise=0.0)
    np.testing.assert_array_equal(via_spec.X, direct.X)
    assert via_spec.truth == direct.truth and via_spec.truth["w"] == (1.5, -2.0)


@pytest.mark.parametrize("spec, fragment", [
    ("nothing.csv", "no such file or dataset 'nothing.csv' (datasets: iris, digits,"),
    ("", "no such file or dataset ''"),
    ("synthetic:moons", "no synthetic dataset 'moons' (synthetic: linear,"),
    ("synthetic:linear?n=0", "synthetic:linear: n must be a positive whole number"),
    ("synthetic:linear?seed=1.5", "synthetic:linear: seed must be a whole number"),
    ("synthetic:linear?size=3", "unknown option 'size' (options: n, seed, w, b, noise)"),
    ("synthetic:linear?w=abc", "synthetic:linear: option w='abc' is not a finite number"),
    ("synthetic:linear?noise=nan", "option noise='nan' is not a finite number"),
    ("synthetic:linear?n", "options must read key=value"),
])
def test_load_failures_are_data_errors(spec, fragment):
    with pytest.raises(DataError) as caught:
        load(spec)
    assert fragment in str(caught.value)
