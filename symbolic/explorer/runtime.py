"""Where the engine runs: in the browser the exact check runs in the worker itself.

On the command line ``symbolic.check.exact.is_zero_within`` bounds sympy's simplify with a killed child
process.  Pyodide has no processes, so under Pyodide only the verdict modules get an in-process version
with the same answers (ZERO, NONZERO, REFUTED, TIMEOUT): its time bound is the parser's deadline hook
(``symbolic.parse.deadline``, checked at every Python call; sympy's simplify is pure Python), and behind
it the page's budget, which terminates and restarts the whole worker.
"""
from __future__ import annotations

import sys

IN_BROWSER = sys.platform == "emscripten"


def exact_in_process(difference, seconds: float) -> str:
    """``is_zero_within`` without a child process: the fast path, then ``is_zero`` stopped after ``seconds``
    (TIMEOUT); anything sympy raises means NONZERO, as in the child process."""
    import sympy

    from ..check import exact
    from ..parse.deadline import BuildTimeout, deadline
    if difference == 0:
        return exact.ZERO
    if exact._safe_to_expand(difference):
        expanded = sympy.expand(exact._normalize(difference))
        if expanded == 0:
            return exact.ZERO
        if expanded.is_Rational:
            return exact.REFUTED
    try:
        with deadline(seconds):
            return exact.is_zero(difference)
    except BuildTimeout:
        return exact.TIMEOUT
    except Exception:  # noqa: BLE001 - as in the child process: anything sympy raises is "not shown zero"
        return exact.NONZERO


def in_browser_exact_check() -> None:
    """Under Pyodide, point the verdict modules at ``exact_in_process`` (a no-op anywhere else)."""
    if not IN_BROWSER:
        return
    from ..check import verdict
    verdict.is_zero_within = exact_in_process
    try:
        from ..tensor import verdict as tensor_verdict
    except ImportError:
        return
    tensor_verdict.is_zero_within = exact_in_process
