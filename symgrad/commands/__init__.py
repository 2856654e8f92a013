"""Subcommands, one module each: ``HELP``, ``add_arguments(parser)`` and ``run(args)``."""
from __future__ import annotations

from . import check, derive, grade, graph, homework, train

COMMANDS = {"derive": derive, "check": check, "grade": grade, "train": train, "graph": graph,
            "homework": homework}
