"""Running the ``symgrad`` command in-process, as the CLI tests do."""
from __future__ import annotations

from symgrad.cli import main


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``symgrad ARGV…``; argparse's own exits count as codes."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err
