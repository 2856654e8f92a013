"""Every example runs end to end, as a script and as a notebook, and prints what it promises; the
notebooks are exactly what ``examples/make_notebooks.py`` makes of the scripts."""
from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GENERATOR = EXAMPLES / "make_notebooks.py"
SCRIPTS = sorted(p for p in EXAMPLES.glob("*.py") if p != GENERATOR)
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))
#: each example runs in under a minute (about 8 s at most on the 2-core dev machine); the tests allow
#: twice that, so that a machine busy with other work does not fail them
SECONDS_PER_EXAMPLE = 60
TIME_ALLOWED = 2 * SECONDS_PER_EXAMPLE
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}


@functools.cache
def run_script(name: str) -> tuple[subprocess.CompletedProcess, float]:
    """The finished run of ``examples/<name>`` from the repo root, and its wall time (run once per session)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(EXAMPLES / name)], capture_output=True, text=True, timeout=600,
                          cwd=ROOT, env=ENV)
    return proc, time.perf_counter() - start


def _number(pattern: str, out: str) -> float:
    """The number the first match of ``pattern`` captures (fails the test if there is none)."""
    found = re.search(pattern, out, re.MULTILINE)
    assert found, f"no line matches {pattern!r} in:\n{out}"
    return float(found.group(1))


# -- what each example must print ---------------------------------------------------------------
def check_derive_neuron(out: str) -> None:
    lines = [line for line in out.splitlines() if "finite differences" in line]
    assert len(lines) == 2
    for line in lines:
        derived = float(line.split("derived ")[1].split(",")[0])
        numeric = float(line.split("finite differences ")[1])
        assert abs(derived - numeric) < 1e-7


def check_recap(out: str) -> None:
    assert abs(_number(r"^learned w = (\S+) \(true 2\.0\)", out) - 2.0) < 0.05
    assert abs(_number(r"^learned b = (\S+) \(true -1\.0\)", out) + 1.0) < 0.1
    assert _number(r"^test accuracy: (\S+)", out) >= 0.95


def check_activations(out: str) -> None:
    from symbolic.activations import SCALAR_ACTIVATIONS
    for name in SCALAR_ACTIVATIONS:
        assert re.search(rf"^{name}:\n  LaTeX ", out, re.MULTILINE), name
        picture = EXAMPLES / "out" / f"activation_{name}.png"
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", picture
    assert out.count("agrees with finite differences") == len(SCALAR_ACTIVATIONS)
    assert "sympy.diff (1 - sigmoid(z))*sigmoid(z)" in out


def check_good_models_exist(out: str) -> None:
    table = re.findall(r"^\s+(\d+)\s+(\d+\.\d+)$", out, re.MULTILINE)
    bumps, errors = [int(k) for k, _ in table], [float(e) for _, e in table]
    assert bumps == [2, 4, 8, 16, 32, 64, 128]
    assert all(later < earlier for earlier, later in zip(errors, errors[1:])), errors
    assert errors[-1] < 0.03  # about π/128: a bump's half width times the largest slope of sin
    assert _number(r"^RMS error on the data (\S+)", out) < 0.06
    assert (EXAMPLES / "out" / "good_models_exist.png").stat().st_size > 0


def check_gradient_descent_neuron(out: str) -> None:
    assert "= 2·λ·ω - (y - σ(z))·σ(z)·(1 - σ(z))·x    [simplify]" in out
    derived = re.search(r"^derived, averaged: ∂L/∂ω = (\S+), ∂L/∂b = (\S+)$", out, re.MULTILINE).groups()
    trainer = re.search(r"^trainer's: +∂L/∂ω = (\S+), ∂L/∂b = (\S+)$", out, re.MULTILINE).groups()
    assert [float(v) for v in derived] == pytest.approx([float(v) for v in trainer], abs=1e-9)
    losses = [float(v) for v in re.findall(r"^  epoch +\d+: loss (\S+)$", out, re.MULTILINE)]
    assert len(losses) == 5 and losses[-1] < losses[0]
    assert (EXAMPLES / "out" / "neuron_loss.png").stat().st_size > 0


def check_backprop_graph(out: str) -> None:
    assert "ω̄ = L̄·∂L/∂ω + z̄·∂z/∂ω = 1·0.01 + (-0.0467937)·2 = -0.0835875" in out
    assert "ū = w̄·∂w/∂u + v̄·∂v/∂u = 1·0.540302 + 0.841471·2 = 2.22324" in out
    assert "∂L/∂ω: backward pass -0.0835874679, derivation -0.0835874679" in out
    pictures = re.findall(r"^(drew .*\.svg|no picture: .*dot.*)$", out, re.MULTILINE)
    assert len(pictures) == 2, out


def check_mlp_digits(out: str) -> None:
    assert "δ⁽¹⁾ = (δ⁽²⁾·W⁽²⁾ᵀ) ⊙ σ′(Z⁽¹⁾)" in out
    assert _number(r"^test accuracy: (\S+)", out) >= 0.95


def check_grading(out: str) -> None:
    assert "  correct: 2, incorrect: 3, undecided: 0, error: 0\n  mistakes: sign ×1, missing_term ×1, other ×1" in out
    assert "  correct: 2, incorrect: 1, undecided: 0, error: 0\n  mistakes: extra_term ×1" in out
    assert re.search(r"^hal +∂L/∂b +incorrect extra_term +the term 2·λ·b should not be there$", out, re.MULTILINE)
    assert re.search(r"^incorrect \(.*\)\n(.*\n){2}  diagnosis: sign: ", out, re.MULTILINE)


#: script → what its output must show; the notebook's printed output must show the same
CHECKS = {
    "derive_neuron.py": check_derive_neuron,
    "recap.py": check_recap,
    "activations.py": check_activations,
    "good_models_exist.py": check_good_models_exist,
    "gradient_descent_neuron.py": check_gradient_descent_neuron,
    "backprop_graph.py": check_backprop_graph,
    "mlp_digits.py": check_mlp_digits,
    "grading.py": check_grading,
}


def test_every_example_has_a_check():
    assert sorted(CHECKS) == [p.name for p in SCRIPTS]


# -- scripts ------------------------------------------------------------------------------------
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_runs(script):
    proc, seconds = run_script(script.name)
    assert proc.returncode == 0, proc.stderr
    CHECKS[script.name](proc.stdout)
    assert seconds < TIME_ALLOWED


def test_neuron_example_gradients_agree():
    proc, _ = run_script("derive_neuron.py")
    check_derive_neuron(proc.stdout)  # derived ∂L/∂ω, ∂L/∂b equal central finite differences to 1e-7


# -- notebooks are the scripts ------------------------------------------------------------------
@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """The notebooks the generator makes now, in a fresh folder."""
    pytest.importorskip("nbformat")
    out = tmp_path_factory.mktemp("notebooks")
    proc = subprocess.run([sys.executable, str(GENERATOR), "--out", str(out)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env=ENV)
    assert proc.returncode == 0, proc.stderr
    return out


def test_one_notebook_per_script():
    assert [p.stem for p in NOTEBOOKS] == [p.stem for p in SCRIPTS]


def _cells(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in nb.cells]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_notebook_is_in_sync_with_its_script(script, regenerated):
    nbformat = pytest.importorskip("nbformat")
    committed = nbformat.read(EXAMPLES / f"{script.stem}.ipynb", as_version=4)
    fresh = nbformat.read(regenerated / f"{script.stem}.ipynb", as_version=4)
    assert _cells(committed) == _cells(fresh), "out of date: run python examples/make_notebooks.py"
    assert (EXAMPLES / f"{script.stem}.ipynb").read_text() == (regenerated / f"{script.stem}.ipynb").read_text()
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "commit notebooks without outputs"
    assert any(c.cell_type == "markdown" for c in committed.cells[1:])


def test_generator_makes_cells_from_percent_markers():
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_notebooks", GENERATOR)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    source = '"""Title.\n\nMore."""\nimport os\n\n# %% [markdown]\n# ## Part\n#\n# text\n\n# %%\nx = 1\n\n\n# %%\nprint(x)\n'
    assert generator.cells(source) == [("markdown", "# Title.\n\nMore."), ("code", "import os"),
                                       ("markdown", "## Part\n\ntext"), ("code", "x = 1"), ("code", "print(x)")]
    # code before a first code marker opens that cell
    assert generator.cells('"""T."""\nimport os\n\n# %%\nx = 1\n') == [("markdown", "# T."),
                                                                       ("code", "import os\n\nx = 1")]
    with pytest.raises(ValueError, match="only comment lines"):
        generator.cells("# %% [markdown]\nx = 1\n")


# -- notebooks run ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def kernel_specs(tmp_path_factory):
    """Kernelspecs holding one 'python3' that runs this interpreter (the venv's under `make test`),
    whatever 'python3' kernels the machine has installed elsewhere."""
    pytest.importorskip("ipykernel")
    kernelspec = pytest.importorskip("jupyter_client.kernelspec")
    kernels = tmp_path_factory.mktemp("kernels")
    (kernels / "python3").mkdir()
    (kernels / "python3" / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3", "language": "python"}))
    return kernelspec.KernelSpecManager(kernel_dirs=[str(kernels)], ensure_native_kernel=False)


def execute(path: Path, kernel_specs, monkeypatch):
    """Run every cell of the notebook in examples/ (as Jupyter does), and a last one that reports which
    Python ran them; returns the notebook with its outputs (nbclient raises on the first cell error)."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from jupyter_client.manager import KernelManager
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the kernel inherits the environment
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import sys\nprint(sys.prefix)"))
    kernel = KernelManager(kernel_name="python3", kernel_spec_manager=kernel_specs)
    client = nbclient.NotebookClient(nb, km=kernel, kernel_name="python3", timeout=300, startup_timeout=120,
                                     resources={"metadata": {"path": str(EXAMPLES)}})
    client.execute()
    return nb


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(notebook, kernel_specs, monkeypatch):
    start = time.perf_counter()
    nb = execute(notebook, kernel_specs, monkeypatch)
    seconds = time.perf_counter() - start
    printed = ["".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")
               for cell in nb.cells if cell.cell_type == "code"]
    assert printed[-1].strip() == sys.prefix, "the notebook ran in another Python than the tests"
    CHECKS[f"{notebook.stem}.py"]("".join(printed[:-1]))
    assert seconds < TIME_ALLOWED + 30  # the kernel's start-up on top of the script's time
