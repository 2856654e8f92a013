"""Derive time of typed matrix objectives, in process: every objective of the tests' table
(tests/symbolic/test_tensor.py OBJECTIVES), parsed and derived with its steps, and the MLP's matrix
form at depth 2, 4 and 8 with small and large layers (the cost must not grow with the sizes).

    python benchmarks/tensor_derive.py [--repeat 3] [--quick]

Per objective: its first derive in the process (after the imports), and the best of ``--repeat``
more, each with a fresh simplifier. Goal: every objective ≤ 200 ms.
"""
from __future__ import annotations

import argparse
import statistics

from timing import ROOT, best_of  # noqa: F401  (puts this checkout on sys.path)

GOAL = 0.200


def objective_times(repeat: int) -> list[tuple[str, float]]:
    """(loss | wrt, seconds) per objective of the table: parse and derive with the steps."""
    from symbolic.tensor.derivation import derive
    from symbolic.tensor.parse import parse_objective
    from tests.symbolic.test_tensor import OBJECTIVES, _shapes

    out = []
    for loss, extra, wrt, _ in OBJECTIVES:
        shapes = _shapes(extra)

        def run():
            derive(parse_objective(loss, shapes), shapes, wrt.split(","))
        out.append((f"{loss} | {wrt}", best_of(run, repeat)))
    return out


def mlp_times(repeat: int, depths=(2, 4, 8), widths=(3, 512)) -> list[tuple[int, int, float]]:
    """(depth, width, seconds) of ``matrix_derivation`` of an MLP with that many weight layers."""
    from symbolic.matrix import MLPSpec, matrix_derivation

    out = []
    for depth in depths:
        for width in widths:
            spec = MLPSpec.build([width + 1] + [width] * (depth - 1) + [10], "sigmoid", "cross_entropy", "l2")
            out.append((depth, width, best_of(lambda: matrix_derivation(spec), repeat)))
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--quick", action="store_true", help="one run each, depths 2 and 4 only (for the tests)")
    args = p.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    from symbolic.tensor.derivation import derive_text
    derive_text("w@w", "w:d", ["w"])  # imports and the function registry, outside every figure
    first = objective_times(1)  # each objective's first derive in this process (sympy's caches cold for it)
    times = objective_times(repeat)
    width = max(len(name) for name, _ in times)
    print(f"{'objective | wrt'.ljust(width)}    first     best")
    for (name, cold), (_, seconds) in zip(first, times):
        flag = "" if max(cold, seconds) <= GOAL else "   over the 200 ms goal"
        print(f"{name.ljust(width)}  {cold * 1000:6.1f} ms {seconds * 1000:6.1f} ms{flag}")
    for title, series in (("first", first), ("best", times)):
        values = [s for _, s in series]
        worst = max(series, key=lambda x: x[1])
        print(f"\n{len(values)} objectives, {title} run: median {statistics.median(values) * 1000:.1f} ms, "
              f"worst {worst[1] * 1000:.1f} ms ({worst[0]}); over 200 ms: {sum(v > GOAL for v in values)}", end="")
    print()
    print("\nMLP matrix form (sigmoid hidden layers, softmax + cross-entropy, l2):")
    for depth, w, seconds in mlp_times(repeat, (2, 4) if args.quick else (2, 4, 8)):
        print(f"  depth {depth}, hidden width {w:4d}: {seconds * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
