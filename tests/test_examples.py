"""Every example script runs end to end and prints what it promises."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_runs(script):
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()


def test_neuron_example_gradients_agree():
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "derive_neuron.py")], capture_output=True,
                          text=True, timeout=600, cwd=ROOT, env={"PYTHONPATH": str(ROOT)})
    lines = [l for l in proc.stdout.splitlines() if "finite differences" in l]
    assert len(lines) == 2
    for line in lines:
        derived = float(line.split("derived ")[1].split(",")[0])
        numeric = float(line.split("finite differences ")[1])
        assert abs(derived - numeric) < 1e-7
