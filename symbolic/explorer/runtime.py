"""Where the engine runs: ``IN_BROWSER`` under Pyodide.

The exact check's time bound is a killed child process on the command line; Pyodide has no processes, so
``symbolic.check.exact.is_zero_within`` runs it in the worker itself under a deadline there (its
``is_zero_in_process``), and behind it the page's budget terminates and restarts the whole worker.
"""
from __future__ import annotations

import sys

IN_BROWSER = sys.platform == "emscripten"
