"""Backends: fused (numba) and jax agree with the numpy reference to 1e-12; the choice; the cache."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from numeric.backends import available, best, compile_with
from numeric.mlp import mlp_objective
from numeric.train import train
from symbolic.errors import SymgradError
from symbolic.matrix import MLPSpec
from symbolic.models import MODELS, neuron_objective, objective

HAVE_JAX = importlib.util.find_spec("jax") is not None
CASES = [
    (neuron_objective, {}, {"lambda": 0.01}),
    (lambda: objective(MODELS["neuron"](activation="tanh"), "hinge", "l1"), {}, {"lambda": 0.1}),
    (lambda: objective(MODELS["linear"](features=3), "squared", "l2"), {}, {"lambda": 0.1}),
    (lambda: objective(MODELS["logistic"](features=6), "binary_cross_entropy", "l2"), {}, {"lambda": 0.1}),
    (lambda: objective(MODELS["softmax"](features=2, classes=3), "cross_entropy", "l2"), {}, {"lambda": 0.1}),
    (lambda: objective(MODELS["two_layer"](activation="relu", features=2, hidden=2, biases=True), "squared", "l2"),
     {}, {"lambda": 0.1}),
]


def _data(obj, compiled, n, rng, scale=1.0):
    cols = {d: rng.normal(size=n) * scale for d in compiled.data}
    if obj.task == "classes":
        cols["y"] = rng.integers(1, 4, n).astype(float)
    elif obj.task == "binary":
        cols["y"] = rng.integers(0, 2, n).astype(float)
    return cols


@pytest.mark.parametrize("backend", ["fused"] + (["jax"] if HAVE_JAX else []))
@pytest.mark.parametrize("case", range(len(CASES)))
def test_backend_agrees_with_numpy_to_1e12(backend, case):
    make, _, constants = CASES[case]
    obj = make()
    rng = np.random.default_rng(case)
    reference = compile_with("numpy", obj, constants=constants)
    other = compile_with(backend, obj, constants=constants)
    batch = reference.batch(_data(obj, reference, 5000, rng))
    for scale in (0.5, 3.0):
        theta = rng.normal(size=len(reference.parameters)) * scale
        v1, g1 = reference.value_and_grad(theta, batch)
        v2, g2 = other.value_and_grad(theta, batch)
        assert v2 == pytest.approx(v1, rel=1e-12, abs=1e-15)
        np.testing.assert_allclose(g2, g1, rtol=1e-12, atol=1e-14 * max(1.0, np.max(np.abs(g1))))


def test_fused_is_finite_at_logits_of_1000():
    obj = objective(MODELS["logistic"](features=2), "binary_cross_entropy", "none")
    fused = compile_with("fused", obj)
    batch = fused.batch({"x1": np.array([1.0, -1.0, 2.0]), "x2": np.zeros(3), "y": np.array([1.0, 0.0, 1.0])})
    value, grad = fused.value_and_grad(np.array([1000.0, 0.0, 0.0]), batch)
    reference = compile_with("numpy", obj)
    assert np.isfinite(value) and np.all(np.isfinite(grad))
    assert value == pytest.approx(reference.loss(np.array([1000.0, 0.0, 0.0]), batch), rel=1e-12)


@pytest.mark.parametrize("backend", ["fused"] + (["jax"] if HAVE_JAX else []))
@pytest.mark.parametrize("layers, act, loss", [((20, 16, 8, 4), "tanh", "cross_entropy"), ((10, 12, 3), "relu", "squared"),
                                               ((30, 20, 5), "sigmoid", "cross_entropy")])
def test_mlp_backends_agree(backend, layers, act, loss):
    spec = MLPSpec.build(layers, act, loss, "l2")
    rng = np.random.default_rng(4)
    X = rng.normal(size=(400, layers[0]))
    y = rng.integers(0, layers[-1], 400) if loss == "cross_entropy" else rng.normal(size=(400, layers[-1]))
    reference, other = mlp_objective(spec, 0.01, "numpy"), mlp_objective(spec, 0.01, backend)
    batch = reference.batch(X, y)
    theta = reference.initial(2)
    v1, g1 = reference.value_and_grad(theta, batch)
    v2, g2 = other.value_and_grad(theta, batch)
    assert v2 == pytest.approx(v1, rel=1e-12)
    np.testing.assert_allclose(g2, g1, rtol=1e-10, atol=1e-13)


def test_auto_picks_fused_for_large_data_and_numpy_for_small():
    assert best() == ("fused" if "fused" in available() else "numpy")
    rng = np.random.default_rng(0)
    x = rng.normal(size=200_000)
    result = train(objective(MODELS["linear"](), "squared"), {"x": x, "y": 2 * x + 1}, learning_rate=0.5, epochs=200)
    assert abs(result.parameters[0] - 2) < 1e-3


def test_unknown_or_missing_backend():
    with pytest.raises(SymgradError, match="unknown backend"):
        compile_with("cuda", neuron_objective())


def test_kernels_are_cached_across_runs(tmp_path):
    script = ("import time, numpy as np\nfrom numeric.backends import compile_with\n"
              "from symbolic.models import neuron_objective\n"
              "f = compile_with('fused', neuron_objective(), constants={'lambda': 0.1})\n"
              "print(f.compile_seconds)\n")
    env = {"PYTHONPATH": str(Path(__file__).resolve().parents[2]), "SYMGRAD_CACHE": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    first = float(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                                 timeout=300, check=True).stdout.split()[-1])
    second = float(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                                  timeout=300, check=True).stdout.split()[-1])
    files = list((tmp_path / "kernels").rglob("*"))
    assert any(f.suffix == ".nbi" for f in files)  # numba's index of cached machine code
    assert second < first


def test_backends_load_lazily_and_networks_share_one_base():
    # importing the numeric side (compile, train, networks, the backend registry) loads neither numba nor jax
    script = ("import sys\nimport numeric.backends, numeric.compile, numeric.train, numeric.mlp, numeric.update\n"
              "print(sorted(m for m in ('numba', 'jax', 'numeric.fused.mlp', 'numeric.jax_backend') if m in sys.modules))")
    env = {"PYTHONPATH": str(Path(__file__).resolve().parents[2]), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300,
                         check=True).stdout.split("\n")[-2]
    assert out == "[]"
    # numeric/mlp.py and the fused network import the shared base, never each other
    root = Path(__file__).resolve().parents[2] / "numeric"
    assert not any("fused" in m for m in _imports(root / "mlp.py"))
    assert "mlp" not in _imports(root / "fused" / "mlp.py") and "network" in _imports(root / "fused" / "mlp.py")


def _imports(path: Path) -> set[str]:
    """The modules a file imports from (relative ones without their dots), anywhere in the file."""
    import ast
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            out.add(node.module or "")
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_auto_is_decided_in_one_place():
    from numeric.backends import AUTO_FUSED_ROWS, choose
    fused = "fused" in available()
    assert choose("objective", AUTO_FUSED_ROWS - 1) == "numpy"
    assert choose("objective", AUTO_FUSED_ROWS) == ("fused" if fused else "numpy")
    assert choose("network", 10) == ("fused" if fused else "numpy")
    assert mlp_objective(MLPSpec.build((2, 3, 2), "tanh"), 0.0, "auto").backend == choose("network")
    assert compile_with("auto", neuron_objective(), constants={"lambda": 0.1}, rows=10).backend == "numpy"
