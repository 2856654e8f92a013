"""The engine behind the browser explorer: JSON-able dicts in, JSON-able dicts out.

The page's Web Worker (Pyodide) calls ``handle({"kind": ..., ...})``; each kind is one small
function of this package, built on the same library calls as the CLI (``symbolic.models.build``,
``symbolic.derive``, ``symbolic.check``, ``symbolic.graph``).  Nothing here imports numpy, scipy or
starts a process, so it runs in the browser as it does here.

    >>> handle({"kind": "preview", "text": "w*x"})["latex"]
    'w x'
"""
from __future__ import annotations

from .checking import check_answer, check_chain
from .derivation import derive
from .graph import graph
from .objective import catalog
from .preview import preview
from .replies import error_reply

#: request kind → the function that answers it
REQUESTS = {"catalog": catalog, "preview": preview, "derive": derive, "check": check_answer,
            "chain": check_chain, "graph": graph}


def handle(request: dict) -> dict:
    """The reply to one request: its function's dict, or ``{"error": …, "column": …}`` for bad input."""
    kind = request.get("kind") if isinstance(request, dict) else None
    if kind not in REQUESTS:
        return {"error": f"unknown request {kind!r} (one of {', '.join(REQUESTS)})", "column": None}
    try:
        return REQUESTS[kind](request)
    except Exception as err:  # noqa: BLE001 - the page shows one line, never a traceback
        return error_reply(err)


__all__ = ["handle", "REQUESTS", "catalog", "preview", "derive", "check_answer", "check_chain", "graph",
           "error_reply"]
