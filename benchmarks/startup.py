"""Start-up time of the ``symgrad`` command: ``--help`` and a cold ``check``, against ``import sympy``.

    python benchmarks/startup.py [--repeat 5] [--quick]

Each figure is the best of ``--repeat`` fresh processes (subprocess wall time). ``import sympy`` is
the floor for any command that does symbolic work; ``--help`` needs no sympy at all. Goals:
``--help`` ≤ 0.2 s, a cold ``check`` ≤ 0.2 s above the floor.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from timing import ROOT  # noqa: F401  (puts this checkout on sys.path)

# The lecture's neuron with L2: ∂L/∂ω = 2λω − (y − σ(z))σ(z)(1 − σ(z))x (see `symgrad derive --model neuron
# --loss squared --reg l2`); the correct answer, so the timing covers the whole verdict, exact check included.
ANSWER = r"2\lambda\omega - (y-\sigma(z))\sigma(z)(1-\sigma(z))x"
CLI = [sys.executable, "-m", "symgrad"]
COMMANDS = {
    "import sympy (floor)": ([sys.executable, "-c", "import sympy"], 0),
    "symgrad --help": ([*CLI, "--help"], 0),
    "symgrad check (cold)": ([*CLI, "check", "--model", "neuron", "--reg", "l2", "--wrt", "omega",
                              "--answer", ANSWER], 0),
}


def wall_time(argv: list[str], expected_code: int) -> float:
    """Seconds one fresh process takes, start to exit (it must exit with ``expected_code``)."""
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode != expected_code:
        raise SystemExit(f"{' '.join(argv[:4])}… exited {proc.returncode}, expected {expected_code}:\n{proc.stderr}")
    return elapsed


def best_wall_time(argv: list[str], expected_code: int, repeat: int) -> float:
    """The fastest of ``repeat`` runs, after one untimed run (it writes the bytecode and grammar caches,
    which any second use of symgrad finds; "cold" means a fresh process, not a fresh install)."""
    wall_time(argv, expected_code)
    return min(wall_time(argv, expected_code) for _ in range(repeat))


def main(argv: list[str] | None = None) -> int:
    """Time every command; print seconds and the difference above the sympy floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes per command (best one counts)")
    parser.add_argument("--quick", action="store_true", help="two runs each (a smoke test)")
    args = parser.parse_args(argv)
    repeat = 2 if args.quick else max(1, args.repeat)
    times = {name: best_wall_time(cmd, code, repeat) for name, (cmd, code) in COMMANDS.items()}
    floor = times["import sympy (floor)"]
    print(f"best of {repeat} fresh processes ({Path(sys.executable).name} {sys.version.split()[0]})")
    print(f"{'command':<24} {'seconds':>8} {'above floor':>12}")
    for name, seconds in times.items():
        print(f"{name:<24} {seconds:8.3f} {seconds - floor:+12.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
