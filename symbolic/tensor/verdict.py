"""Decide whether a vector or matrix answer equals the true gradient: shapes first, then values at
several random sizes (all dims distinct, so a lost transpose cannot hide) at high precision, with
the domains respected, then an exact check by scalar expansion at the smallest sizes under a time
bound.  Never a false "correct"; the same question always gets the same verdict (seeded by it).
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import mpmath
import sympy

from ..check.exact import REFUTED, TIMEOUT, ZERO, is_zero_within
from ..check.records import Counterexample, Diagnosis, Evidence, why_lines
from ..functions import Undefined
from . import tree as t
from .numbers import Evaluator
from .printing import latex, text, unicode
from .sampling import draw_point, draw_sizes, symbolic_dims
from .shapes import Shape, describe

_FAILURES = (Undefined, ZeroDivisionError, ValueError, OverflowError)
_EXACT = {ZERO: "proved", REFUTED: "refuted", TIMEOUT: "timed out"}


@dataclass(frozen=True)
class TensorCheckSettings:
    """How hard to look: size draws, points per size, working digits, the exact check's time bound."""

    sizes: int = 3
    points_per_size: int = 2
    digits: int = 30
    min_valid: int = 4
    exact_seconds: float = 2.0
    exact_entries: int = 60
    seed: int = 20261202


@dataclass(frozen=True)
class TensorVerdict:
    """correct / incorrect / undecided for a vector or matrix answer, with shapes and evidence."""

    verdict: str
    wrt: str
    expected: t.Node
    answer: t.Node | None
    evidence: str
    diagnosis: Diagnosis | None = None
    counterexample: Counterexample | None = None
    how: Evidence = field(default_factory=Evidence)
    answer_shape: str | None = None

    @property
    def exit_code(self) -> int:
        """The CLI's exit code: 0 correct, 1 incorrect, 3 undecided."""
        return {"correct": 0, "incorrect": 1, "undecided": 3}[self.verdict]

    @property
    def expected_shape(self) -> str:
        return describe(self.expected.shape)

    def to_json(self) -> dict:
        """The JSON of ``symgrad check --json``, plus the shapes of both sides."""
        side = lambda n: None if n is None else {"text": text(n), "unicode": unicode(n), "latex": latex(n),  # noqa: E731
                                                 "shape": describe(n.shape)}
        return {
            "verdict": self.verdict,
            "wrt": self.wrt,
            "expected": side(self.expected),
            "answer": side(self.answer) if self.answer is not None else {"shape": self.answer_shape},
            "answer_shape": self.answer_shape,
            "expected_shape": self.expected_shape,
            "diagnosis": self.diagnosis.to_json() if self.diagnosis else None,
            "counterexample": self.counterexample.to_json() if self.counterexample else None,
            "evidence": self.evidence,
            "how": self.how.to_json(),
        }

    def __str__(self) -> str:
        lines = [f"{self.verdict} ({self.evidence})",
                 f"  expected: {unicode(self.expected)}    ({self.expected_shape})"]
        if self.answer is not None:
            lines.append(f"  answer:   {unicode(self.answer)}    ({self.answer_shape})")
        return "\n".join(lines + why_lines(self.diagnosis, self.counterexample))

    def _repr_latex_(self) -> str:
        mark = {"correct": r"\checkmark", "incorrect": r"\times", "undecided": "?"}[self.verdict]
        shown = latex(self.answer) if self.answer is not None else r"\text{(no value)}"
        return rf"$\text{{{self.verdict}}}\ {mark}:\quad {shown}$"


def _seed(settings: TensorCheckSettings, expected: t.Node, answer: t.Node) -> int:
    return zlib.crc32(f"{settings.seed}|{text(expected)}|{text(answer)}".encode())


def _flat(value) -> list:
    return [x for row in value for x in row]


def _constant_digits(*trees: t.Node) -> int:
    """Digits of the largest exact constant in either tree (2x + 10⁻⁶⁰ needs more than 60)."""
    most = 0
    for root in trees:
        for n in t.walk(root):
            value = getattr(n, "value", None) if isinstance(n, t.Const) else getattr(n, "exponent", None)
            if value is None:
                continue
            for number in sympy.sympify(value).atoms(sympy.Rational):
                if number.p:
                    most = max(most, len(str(abs(number.p))), len(str(number.q)))
    return most


@dataclass
class _Sample:
    """One test point: the sizes, the inputs, both sides' values."""

    sizes: dict
    env: dict
    expected: list
    answer: list


def _agree(e, a, digits: int) -> bool:
    tol = mpmath.mpf(10) ** (-(digits - 8))
    scale = max([mpmath.mpf(1)] + [abs(x) for x in e])
    return all(abs(x - y) <= tol * scale for x, y in zip(e, a))


def samples(expected: t.Node, answer: t.Node, shapes: dict[str, Shape], settings: TensorCheckSettings,
            seed: int, digits: int) -> tuple[list[_Sample], int]:
    """Test points at ``settings.sizes`` random sizes where the truth is defined; how many the answer failed at."""
    variables = {**t.variables(expected), **t.variables(answer)}
    dims = symbolic_dims(shapes, [d for n in (expected, answer) for d in n.shape])
    out, answer_undefined = [], 0
    with mpmath.workdps(digits):
        for size_number in range(settings.sizes):
            sizes = draw_sizes(dims, seed, size_number)
            found, tries = 0, 0
            while found < settings.points_per_size and tries < 4 * settings.points_per_size:
                number = 1000 * size_number + tries
                tries += 1
                env = draw_point(variables, shapes, sizes, seed, number)
                try:
                    e = _flat(Evaluator(env, sizes)(expected))
                except _FAILURES:
                    continue
                try:
                    a = _flat(Evaluator(env, sizes)(answer))
                except _FAILURES:
                    answer_undefined += 1
                    continue
                out.append(_Sample(sizes, env, e, a))
                found += 1
    return out, answer_undefined


def _entry(shape, k: int) -> str:
    cols = max(1, int(shape[1]))
    i, j = divmod(k, cols)
    return f"[{i + 1}]" if shape[1] == 1 else f"[{i + 1}, {j + 1}]"


def _counterexample(sample: _Sample, expected: t.Node) -> Counterexample:
    gaps = [abs(a - e) / max(1, abs(e)) for e, a in zip(sample.expected, sample.answer)]
    k = max(range(len(gaps)), key=gaps.__getitem__)
    shape = tuple(int(sympy.sympify(d).xreplace(sample.sizes)) for d in expected.shape)
    point = tuple((str(d), str(v)) for d, v in sample.sizes.items()) + (("entry", _entry(shape, k)),)
    return Counterexample(point, mpmath.nstr(sample.expected[k], 12), mpmath.nstr(sample.answer[k], 12))


def exact_difference(expected: t.Node, answer: t.Node, shapes: dict[str, Shape], seed: int,
                     max_entries: int) -> sympy.Expr | None:
    """Σ tₖ·(answer − expected)ₖ over the entries at the smallest distinct sizes, with fresh symbols tₖ
    (zero exactly when every entry is); None when the expansion would be too large."""
    from .evaluate import value
    dims = symbolic_dims(shapes, [d for n in (expected, answer) for d in n.shape])
    sizes = draw_sizes(dims, seed, 0, smallest=True)
    env = {}
    for name, var in {**t.variables(expected), **t.variables(answer)}.items():
        rows, cols = (int(sympy.sympify(d).xreplace(sizes)) for d in var.shape)
        if rows * cols > max_entries:
            return None
        domain = shapes[name].domain if name in shapes else None
        if domain in ("onehot", "binary", "pm1"):
            return None  # discrete entries: the numbers cover them, an expansion would need their constraints
        entries = [[sympy.Symbol(f"{name}_{i}_{j}", real=True, positive=domain in ("pos", "prob", "spd"))
                    for j in range(cols)] for i in range(rows)]
        if domain in ("sym", "spd"):
            entries = [[entries[min(i, j)][max(i, j)] for j in range(cols)] for i in range(rows)]
        env[name] = sympy.Matrix(entries)
    try:
        e = value(expected, env, sizes)
        a = value(answer, env, sizes)
    except (ValueError, ZeroDivisionError, TypeError, ArithmeticError):  # a singular inverse is a ValueError
        return None
    if e.shape != a.shape or len(e) > max_entries:
        return None
    weights = sympy.symbols(f"t_0:{len(e)}")
    return sum((w * (x - y) for w, x, y in zip(weights, a, e)), sympy.Integer(0))


def compare(expected: t.Node, answer: t.Node, shapes: dict[str, Shape], wrt: str,
            settings: TensorCheckSettings = TensorCheckSettings()) -> TensorVerdict:
    """The verdict on ``answer`` as a claim that it equals ``expected`` (∂L/∂``wrt``)."""
    from .diagnose import diagnose, shape_diagnosis
    shown = describe(answer.shape)
    if answer.shape != expected.shape:
        return TensorVerdict("incorrect", wrt, expected, answer, "shapes", shape_diagnosis(expected, answer, wrt,
                             shapes, settings), answer_shape=shown)
    seed = _seed(settings, expected, answer)
    extra = _constant_digits(expected, answer)
    digits = settings.digits + (extra + 10 if extra > 3 else 0)
    found, undefined = samples(expected, answer, shapes, settings, seed, digits)
    differ = [s for s in found if not _agree(s.expected, s.answer, digits)]
    how = Evidence(points=len(found), digits=digits)
    sizes_seen = sorted({tuple(int(v) for v in s.sizes.values()) for s in found})
    where = f"{len(found)} points at {len(sizes_seen)} sizes"
    if differ:
        sample = differ[0]
        with mpmath.workdps(digits):
            diagnosis = diagnose(expected, answer, shapes, wrt, found, settings)
        return TensorVerdict("incorrect", wrt, expected, answer, f"numeric ({where})", diagnosis,
                             _counterexample(sample, expected), how, shown)
    if len(found) < settings.min_valid or undefined > len(found):
        why = f"only {len(found)} test points were defined for both sides"
        return TensorVerdict("undecided", wrt, expected, answer, why, how=how, answer_shape=shown)
    difference = exact_difference(expected, answer, shapes, seed, settings.exact_entries)
    outcome = "not tried" if difference is None else \
        _EXACT.get(is_zero_within(difference, settings.exact_seconds), "inconclusive")
    how = Evidence(outcome, len(found), digits)
    if outcome == "refuted":
        return TensorVerdict("incorrect", wrt, expected, answer, "exact: the difference is a nonzero constant",
                             Diagnosis("other", "the answer differs from the gradient by a constant"), how=how,
                             answer_shape=shown)
    if outcome == "proved":
        return TensorVerdict("correct", wrt, expected, answer, f"exact at the smallest sizes and numeric ({where})",
                             how=how, answer_shape=shown)
    return TensorVerdict("correct", wrt, expected, answer, f"numeric ({where} at {digits} digits; exact check "
                         f"{outcome})", how=how, answer_shape=shown)
