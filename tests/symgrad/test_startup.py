"""Start-up stays cheap: ``symgrad --help`` imports no subcommand and no heavy library, and a
subcommand imports only its own module (item 5 of issue 12; timings are in benchmarks/startup.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from symgrad.cli import build_parser, chosen_command
from symgrad.commands import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "scipy", "numba", "matplotlib", "jax", "sympy", "lark", "mpmath")
NUMERIC = ("numpy", "scipy", "numba", "matplotlib", "jax")

# Runs the code, then prints (as the last line of stderr) which of the watched modules were imported.
PROBE = """
import json, sys
watched = {watched!r}
try:
    {code}
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in watched or m.startswith("symgrad.commands."))),
      file=sys.stderr)
"""


def imported(code: str, watched=HEAVY) -> set[str]:
    """The watched modules (and symgrad.commands.*) a fresh interpreter has imported after ``code``."""
    proc = subprocess.run([sys.executable, "-c", PROBE.format(code=code, watched=tuple(watched))],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


def test_importing_the_cli_imports_nothing_heavy():
    assert imported("import symgrad.cli") == set()


def test_help_imports_no_command_and_nothing_heavy():
    assert imported("from symgrad.cli import main; main(['--help'])") == set()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_commands_help_imports_only_that_command(name):
    mods = imported(f"from symgrad.cli import main; main([{name!r}, '--help'])", watched=())
    assert mods == {f"symgrad.commands.{name}"} | (mods & {"symgrad.commands.objective_args"})


@pytest.mark.parametrize("code", ["import numeric.errors", "import numeric",
                                  "from symgrad.cli import main; main(['check', '--help'])",
                                  "from symgrad.cli import main; main(['derive', '--model', 'neuron'])"])
def test_symbolic_work_imports_no_numeric_library(code):
    assert {m for m in imported(code, watched=NUMERIC) if not m.startswith("symgrad.")} == set()


def test_help_lists_every_command_with_its_one_line_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser([]).parse_args(["--help"])
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps long help lines
    assert exit_.value.code == 0
    for name, command in COMMANDS.items():
        assert f"{name} {' '.join(command.help.split())}" in out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_registered_module_is_a_command_whose_help_lives_in_the_registry(name):
    module = COMMANDS[name].load()
    assert callable(module.add_arguments) and callable(module.run)
    assert not hasattr(module, "HELP")  # one place for the help line: the registry


@pytest.mark.parametrize("argv, expected", [
    (["check", "--wrt", "w"], "check"), (["--help"], None), ([], None), (["nonsense", "check"], None),
    (["-h", "derive"], "derive"), (["--", "derive"], None),
])
def test_the_command_is_the_first_word(argv, expected):
    assert chosen_command(argv) == expected


def test_numeric_keeps_its_public_names_lazily():
    code = ("import numeric.train, numeric\n    from numeric import train, compile_expression, OPTIMIZERS\n"
            "    assert callable(train) and numeric.train is train and 'gd' in OPTIMIZERS")
    assert "numeric.compile" not in imported("import numeric.errors, numeric", watched=("numeric",))
    imported(code, watched=())


def test_trains_arguments_import_numpy_but_no_scipy_or_plotting():
    mods = imported("from symgrad.cli import main; main(['train', '--help'])", watched=NUMERIC)
    assert {m.split(".")[0] for m in mods if not m.startswith("symgrad.")} <= {"numpy"}


def test_a_closed_pipe_ends_quietly():
    """``symgrad … | head -1``: the reader goes away; no error line, no traceback."""
    proc = subprocess.Popen([str(Path(sys.executable).parent / "symgrad"), "derive", "--model", "two_layer", "--features", "3",
                             "--hidden", "3", "--steps"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) in (0, 141) and err == "", err
