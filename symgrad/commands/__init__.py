"""Subcommands, one module each: ``HELP``, ``add_arguments(parser)`` and ``run(args)``."""
from __future__ import annotations

from . import derive

COMMANDS = {"derive": derive}
