"""The parser's number guards and time budget: short texts that used to hang sympy are refused fast."""
from __future__ import annotations

import math
import sys
import threading
import time

import pytest
import sympy

from symbolic.errors import ParseError, UnsafeInputError
from symbolic.names import index, indexed, symbol
from symbolic.parse import LIMITS, parse_expression
from symbolic.parse.deadline import BuildTimeout, deadline
from symbolic.parse.guards import NumberGuard
from tests.system_tools import RUNAWAY_SECONDS

x, y, w = (symbol(n) for n in ("x", "y", "w"))
i = index("i")


def _nested(template: str, depth: int) -> str:
    text = "x"
    for _ in range(depth):
        text = template.replace("@", text)
    return text


#: each of these ran for minutes (or raised a raw OverflowError/ValueError) before the guards
RUNAWAY = [
    ("sign(exp(exp(exp(exp(100)))) - 1)", "inside exp"),          # evalf of a tower
    ("abs(1 - exp(exp(exp(exp(100)))))", "inside exp"),
    ("exp(exp(exp(exp(100))))**2", "inside exp"),
    ("step(exp(exp(exp(exp(100)))) - 1)", "inside exp"),
    ("sign(cosh(cosh(cosh(cosh(100)))) - 1)", "inside exp"),
    ("sign(sigmoid(-exp(exp(exp(100)))))", "inside exp"),
    ("exp(10**29*log(10))", "inside exp"),                        # becomes the integer 10**(10**29)
    ("exp(x + 10**29*log(10))", "inside exp"),
    ("E**(10**29*log(10))", "inside exp"),
    ("sign(Sum(exp(exp(i)), (i, 1, 1000000)) - 1)", "inside exp"),  # the index counts as a number
    ("(10**29*x)**1000", "power too large"),                      # the coefficient is raised exactly
    ("2**999*" * 15 + "2", "number too large"),
    ("(10**29*10**29*10**29*10**29+1)**(1/3)", "roots of numbers"),
    ("sqrt(10**29*10**29*10**29*10**29+1)", "roots of numbers"),
    ("sin(" + "*".join(["10**29"] * 40) + ")", "too large"),
    (_nested("sqrt((@ - log(y))**2)", 10), "too costly"),          # exponential assumption queries
    (_nested("sqrt((@ - log(y))**2)**(1/3)", 10), "too costly"),
]


@pytest.mark.parametrize("text, message", RUNAWAY, ids=[r[0][:30] for r in RUNAWAY])
def test_runaway_input_is_refused_fast(text, message):
    started = time.perf_counter()
    with pytest.raises(UnsafeInputError) as err:
        parse_expression(text)
    assert time.perf_counter() - started < RUNAWAY_SECONDS + LIMITS.max_build_seconds / 4
    assert message in str(err.value), str(err.value)


@pytest.mark.parametrize("text, expected", [
    ("10**999", sympy.Integer(10) ** 999),
    ("2**999*2**999", sympy.Integer(2) ** 1998),
    ("exp(2000)", sympy.exp(2000)),
    ("exp(100*log(10))", sympy.Integer(10) ** 100),
    ("E**x", sympy.exp(x)),
    ("sqrt(x**2)", sympy.Abs(x)),
    ("x**(1/1000)", x ** sympy.Rational(1, 1000)),
    ("1/(1 + exp(-2))", 1 / (1 + sympy.exp(-2))),
    ("max(0, 1 - y*w*x)", sympy.Max(0, 1 - y * w * x)),
    ("max(1, 2, 3)", sympy.Integer(3)),
    ("Sum(exp(-i), (i, 1, 10))", sympy.Sum(sympy.exp(-i), (i, 1, 10))),
    ("Sum(exp(-i*x), (i, 1, n))", sympy.Sum(sympy.exp(-i * x), (i, 1, sympy.Symbol("n", integer=True, positive=True)))),
    ("sin(10**999)", sympy.sin(sympy.Integer(10) ** 999)),
    ("y[i]*exp(-w)", indexed("y")[i] * sympy.exp(-w)),
])
def test_guards_let_ordinary_numbers_through(text, expected):
    assert parse_expression(text) == expected


@pytest.mark.parametrize("text, message", [
    ("exp(2001)", "inside exp"),
    ("exp(1000*log(10))", "inside exp"),
    ("10**1001", "power too large"),
    ("0**-1", "division by zero"),
    ("x**0.0001", "power too fine"),
])
def test_guards_draw_the_line_at_the_limits(text, message):
    with pytest.raises(ParseError) as err:
        parse_expression(text)
    assert message in str(err.value)


def test_nested_max_is_built_unevaluated_and_fast():
    text = "a0"
    for level in range(12):  # sympy's own Max compares all 181 flattened arguments pairwise: minutes
        text = "max(" + ", ".join([text] + [f"v{level}_{k}" for k in range(15)]) + ")"
    started = time.perf_counter()
    expr = parse_expression(text)
    assert time.perf_counter() - started < RUNAWAY_SECONDS
    assert isinstance(expr, sympy.Max) and len(expr.atoms(sympy.Symbol)) == 181


@pytest.mark.parametrize("expr, expected", [
    (sympy.Integer(10) ** 30, 30.0),
    (sympy.Rational(1, 10**30), 0.0),              # |p/q| <= |p|
    (sympy.exp(100), 100 * math.log10(math.e)),
    (sympy.sin(sympy.Integer(10) ** 50), 0.0),
    (sympy.pi * 1000, 4.0),
    (x + 1, None),
])
def test_magnitude_is_an_upper_bound_on_log10(expr, expected):
    size = NumberGuard(LIMITS).magnitude(expr)
    assert size == expected if expected is None else size == pytest.approx(expected, abs=0.01)


def _tick() -> int:
    return 1  # a Python call: the budget is checked at Python calls, not inside C code


def test_deadline_stops_python_work_and_restores_the_profiler():
    def spin():
        while True:
            _tick()
    marker = lambda frame, event, arg: None  # noqa: E731 - a stand-in profiler
    sys.setprofile(marker)
    try:
        started = time.perf_counter()
        with pytest.raises(BuildTimeout), deadline(0.05):
            spin()
        assert time.perf_counter() - started < RUNAWAY_SECONDS
        assert sys.getprofile() is marker
    finally:
        sys.setprofile(None)


def test_deadline_is_not_swallowed_by_except_exception():
    def stubborn():
        while True:
            try:
                _tick()
            except Exception:  # noqa: BLE001 - what sympy does in places
                pass
    with pytest.raises(BuildTimeout), deadline(0.05):
        stubborn()


def test_deadline_works_in_a_worker_thread():
    outcome = []

    def job():
        try:
            parse_expression(_nested("sqrt((@ - log(y))**2)", 10))
        except UnsafeInputError as err:
            outcome.append(str(err))
    worker = threading.Thread(target=job)
    worker.start()
    worker.join(5)
    assert outcome and "too costly" in outcome[0]
