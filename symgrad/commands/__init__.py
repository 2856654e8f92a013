"""Subcommands, one module each (``add_arguments(parser)`` and ``run(args)``), imported only when they run.

The registry names each module by string and keeps its one-line help here, so ``symgrad --help``
lists every command without importing any of them (sympy, numpy and scipy load in the command
that needs them, not at start-up).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType


class Command:
    """A subcommand: its module (imported on demand) and the one line ``--help`` shows for it."""

    __slots__ = ("module", "help")

    def __init__(self, module: str, help: str) -> None:
        self.module = module
        self.help = help

    def __repr__(self) -> str:
        return f"Command({self.module!r}, {self.help!r})"

    def load(self) -> ModuleType:
        """The command's module, with ``add_arguments(parser)`` and ``run(args)``."""
        return importlib.import_module(self.module, __name__)


COMMANDS: dict[str, Command] = {
    "derive": Command(".derive", "derive the gradient of a loss step by step"),
    "check": Command(".check", "check a hand-derived gradient (exit 0 correct, 1 incorrect, 3 undecided, 2 bad input)"),
    "grade": Command(".grade", "grade a class's answers from a CSV (student, loss, wrt, answer)"),
    "train": Command(".train", "train a model by gradient descent on a CSV file or a built-in dataset"),
    "graph": Command(".graph", "draw the computation graph with its forward and backward passes at a point"),
    "homework": Command(".homework", "build a homework solution document (LaTeX, --pdf compiles it) from a TOML spec"),
    "serve": Command(".serve", "serve the browser explorer (make web builds it) on 127.0.0.1"),
}

__all__ = ["COMMANDS", "Command"]
