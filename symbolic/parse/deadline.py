"""A time budget for building the sympy expression: the backstop behind the structural guards.

sympy evaluates while it builds, and some of its assumption queries are exponential in the nesting
depth (``sqrt((sqrt((x - log(y))**2) - log(y))**2)`` nested ten times runs for minutes).  The guards
in ``guards.py`` stop what can be recognized up front (and what no time budget could stop: one
huge integer power computed in C); this budget stops the rest.  It is a profile hook on the current
thread only, checked at every Python call, so it works in any thread, and the previous hook (a
profiler) is restored afterwards.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


class BuildTimeout(BaseException):
    """The budget is spent (a BaseException, so sympy's ``except Exception`` cannot swallow it)."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise BuildTimeout inside the block once it has run for ``seconds``."""
    end = time.perf_counter() + seconds
    previous = sys.getprofile()

    def hook(frame, event, arg):
        if event == "call" and time.perf_counter() > end:
            raise BuildTimeout
    sys.setprofile(hook)
    try:
        yield
    finally:
        sys.setprofile(previous)
