"""Exact symbolic equality under a time bound that really stops the work (a forked process).

sympy's simplify can run for minutes on innocent-looking input; the check runs in a child process
that is killed at the deadline, and the caller falls back to the numeric evidence.
"""
from __future__ import annotations

import multiprocessing as mp
import sys

import sympy

#: proved zero; not shown to be zero; out of time; proved nonzero (the difference is a nonzero rational)
ZERO, NONZERO, TIMEOUT, REFUTED = "zero", "nonzero", "timeout", "refuted"


def _normalize(expr: sympy.Expr) -> sympy.Expr:
    from ..activations import Step
    # equality almost everywhere: the value of a step at 0 does not matter
    expr = expr.replace(lambda e: isinstance(e, Step), lambda e: sympy.Heaviside(e.args[0]))
    return expr.replace(lambda e: isinstance(e, sympy.Heaviside), lambda e: sympy.Heaviside(e.args[0]))


def is_zero(difference: sympy.Expr) -> str:
    """ZERO if the expression simplifies to 0, NONZERO if sympy finds it is not (no time bound)."""
    difference = _normalize(difference.doit())
    if difference == 0 or sympy.expand(difference) == 0:
        return ZERO
    if sympy.simplify(difference) == 0:
        return ZERO
    if sympy.simplify(difference.rewrite("elementary")) == 0:
        return ZERO
    return NONZERO


def _child(conn, difference):
    try:
        conn.send(is_zero(difference))
    except Exception:  # noqa: BLE001 - anything sympy raises means "not shown to be zero"
        conn.send(NONZERO)
    finally:
        conn.close()


def _safe_to_expand(expr: sympy.Expr) -> bool:
    """Small, with no big powers of sums: expanding it in this process cannot blow up."""
    if sympy.count_ops(expr) > 200:
        return False
    return all(not (p.base.is_Add and (not p.exp.is_Integer or abs(p.exp) > 4)) for p in expr.atoms(sympy.Pow))


_CONTEXT = None


def _context():
    """A forkserver: children fork from a clean server that preloaded sympy, never from this process
    (which may run threads — numba, JAX, BLAS — that a plain fork would copy half-held)."""
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = mp.get_context("forkserver")
        _CONTEXT.set_forkserver_preload(["symbolic.check.exact"])
    return _CONTEXT


def _decided_at_once(difference: sympy.Expr) -> str | None:
    """ZERO or REFUTED when expanding settles it safely in this process; None otherwise."""
    if difference == 0:
        return ZERO
    if _safe_to_expand(difference):
        expanded = sympy.expand(_normalize(difference))
        if expanded == 0:
            return ZERO  # the common case, decided without a process
        if expanded.is_Rational:
            return REFUTED  # exact arithmetic: 2x + 10^-60 − 2x is 10^-60, not 0
    return None


def is_zero_in_process(difference: sympy.Expr, seconds: float) -> str:
    """``is_zero_within`` where no process can be started (the browser's Pyodide): ``is_zero`` stopped after
    ``seconds`` by the parser's deadline hook (checked at every Python call; sympy is pure Python)."""
    from ..parse.deadline import BuildTimeout, deadline
    decided = _decided_at_once(difference)
    if decided is not None:
        return decided
    try:
        with deadline(seconds):
            return is_zero(difference)
    except BuildTimeout:
        return TIMEOUT
    except Exception:  # noqa: BLE001 - as in the child process: anything sympy raises means "not shown zero"
        return NONZERO


def is_zero_within(difference: sympy.Expr, seconds: float) -> str:
    """``is_zero`` in a forked process killed after ``seconds``: ZERO, NONZERO or TIMEOUT (in the browser, where
    there are no processes, in this one under a deadline)."""
    decided = _decided_at_once(difference)
    if decided is not None:
        return decided
    if sys.platform == "emscripten":
        return is_zero_in_process(difference, seconds)
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, difference), daemon=True)
    proc.start()
    child.close()
    try:
        if parent.poll(seconds):
            return parent.recv()
        return TIMEOUT
    except EOFError:
        return NONZERO
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(1)
        parent.close()
