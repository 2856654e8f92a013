"""The ``symgrad`` command: a registry of subcommands; bad input is one line on stderr and exit 2.

Start-up is kept cheap: ``symgrad --help`` imports no subcommand (the registry holds their help
lines), and ``symgrad CMD …`` imports only CMD's module, so sympy, numpy and scipy load only in
the commands that use them.
"""
from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .commands import COMMANDS

if TYPE_CHECKING:
    from collections.abc import Iterable

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (no usage block) and exit code 2, and a value may start with -.

    Formulas and numbers start with a minus sign (``--answer -1/x^2``, ``derive "-x^2"``, ``--lr -0.1``);
    plain argparse takes such a word for an option and stops with "expected one argument".
    """

    def error(self, message):
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")

    def _parse_optional(self, arg_string):
        # argparse classifies every word as an option or a value before it matches them to arguments;
        # a word that names none of this parser's options is a value (see is_value)
        if is_value(arg_string, self._option_string_actions):
            return None
        return super()._parse_optional(arg_string)


def is_value(word: str, options: Iterable[str]) -> bool:
    """Whether ``word`` is a value even though it starts with ``-``: it names no option of ``options``.

    A single-dash word is a value unless it is a short option itself (``-o``, ``-h``, ``-o=FILE``) or a
    long option with one dash lost (``-wrt`` for ``--wrt``, left to argparse's error). Words that start
    with ``--`` stay options: ``--`` itself ends the options, and a misspelt ``--wrtt`` is an error.
    Short options with their value glued on (``-oFILE``) are therefore not supported: write ``-o FILE``.
    """
    if len(word) < 2 or word[0] != "-" or word[1] == "-":
        return False
    options = set(options)
    name = word.split("=", 1)[0]
    return name not in options and "-" + name not in options


def chosen_command(argv: list[str]) -> str | None:
    """The subcommand ``argv`` names (its first positional word), if it is a registered one."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(commands: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser: every subcommand with its help line, and the arguments of ``commands``.

    ``None`` imports every subcommand's module and adds all arguments (complete, but slow); the CLI
    passes only the command being run.
    """
    full = set(COMMANDS) if commands is None else set(commands)
    parser = _Parser(prog="symgrad", description="Symbolic derivations for machine learning.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")
    for name, entry in COMMANDS.items():
        p = sub.add_parser(name, help=entry.help, description=entry.help)
        if name in full:
            entry.load().add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 2 bad input)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    command = chosen_command(argv)
    args = build_parser([command] if command else []).parse_args(argv)
    module = COMMANDS[args.command].load()
    # symbolic.errors imports sympy (through symbolic/__init__); by now the command has loaded it anyway.
    from symbolic.errors import SymgradError
    try:
        return module.run(args) or 0
    except SymgradError as err:
        print(f"symgrad {args.command}: error: {_one_line(str(err))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `symgrad … | head`: the reader has gone; stop quietly, as Unix tools do
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what `yes | head` reports
    except OSError as err:
        detail = f"{err.strerror or err}: {err.filename or ''}".rstrip(": ")
        print(f"symgrad {args.command}: error: {_one_line(detail)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def _one_line(message: str) -> str:
    """An error message on one line, whatever it quotes (a newline in a student's input, say)."""
    return " ".join(message.split()) or "(no detail)"
