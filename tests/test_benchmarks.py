"""The benchmark scripts run (at small sizes) and print their ratio tables; no timing is asserted."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_gradient_benchmark_runs_and_both_sides_agree():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gradient_numpy.py"), "--quick"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr  # the script asserts compiled == hand-written values
    rows = [line for line in proc.stdout.splitlines() if line.rstrip().endswith("x")]
    assert len(rows) >= 2 and all(float(r.split()[-1].rstrip("x")) > 0 for r in rows)


def test_mlp_benchmark_runs_and_matches_hand_written_backprop():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "mlp_numpy.py"), "--quick"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr  # the script asserts equal losses and gradients first
    assert "compiled (symgrad)" in proc.stdout


def test_backends_benchmark_runs():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "backends.py"), "--quick"],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    for name in ("numpy backend", "fused backend", "hand-written numpy", "floor"):
        assert name in proc.stdout


def test_startup_benchmark_runs_and_times_every_command():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "startup.py"), "--quick"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr  # the script checks each command's exit code (check: correct, 0)
    rows = {line[:24].strip(): line.split()[-2:] for line in proc.stdout.splitlines()[2:]}
    assert set(rows) == {"import sympy (floor)", "symgrad --help", "symgrad check (cold)"}
    assert all(float(seconds) > 0 for seconds, _ in rows.values())
    assert float(rows["import sympy (floor)"][1]) == 0


def test_tensor_gradient_benchmark_runs_and_both_sides_agree():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "tensor_gradient.py"), "--quick"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if line.rstrip().endswith(" ms")]
    assert len(rows) == 3 and all(float(r.split()[-3].rstrip("x")) > 0 for r in rows)


def test_tensor_derive_benchmark_runs():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "tensor_derive.py"), "--quick"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "median" in proc.stdout
