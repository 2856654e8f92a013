"""Every example in README.md runs, and prints what the README says it prints.

```python blocks run in a fresh interpreter from the repository root; the ```sh blocks' ``symgrad …``
lines run with the venv's ``symgrad`` in a temporary folder (``examples/`` linked in). Where the README
shows output (an untagged block right after the code, or ``$ symgrad …`` lines with their output), the
output is compared line by line; ``…`` and ``...`` in the README stand for any text, a line of just
``...`` for any lines. Lines not run are listed below, each with its reason, and the test fails if the
README's lines and these lists drift apart.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SYMGRAD = Path(sys.executable).with_name("symgrad")

#: shell lines not run, by how they start, and why
SKIPPED = {
    "make demo": "builds the venv and installs system packages (the tests run from that venv already)",
    "make test": "runs the whole suite, this test included",
    "make web": "builds the browser explorer (tests/web/ builds and drives it)",
    "symgrad serve --open": "serves until stopped (tests/web/test_serve.py runs it)",
    "symgrad derive LOSS": "a synopsis: LOSS and the [options] are placeholders",
    "symgrad derive --model neuron --activation sigmoid --loss squared --reg l2 [": "a synopsis ([--risk] [--steps])",
    "symgrad check LOSS": "a synopsis",
    "symgrad grade ANSWERS.csv": "a synopsis",
    "symgrad graph LOSS": "a synopsis; its output is checked through GRAPH_EXAMPLE below",
    "symgrad train LOSS": "a synopsis",
    "symgrad train  --model mlp --layers 64,32,10 --data digits": "trains a network for about a minute",
}

#: the loss the graph synopsis's table was printed for (the lecture's neuron)
GRAPH_EXAMPLE = ("symgrad graph '1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2' --wrt omega,b "
                 "--at omega=0.5,b=0.1,x=2,y=1,lambda=0.01")

#: output blocks that follow prose rather than their command: (the block's first line, the command, whole/excerpt)
OUTPUT_OF = {
    "L = 1/2·(y - σ(ω·x + b))² + λ·ω²":
        ("symgrad derive --model neuron --activation sigmoid --loss squared --reg l2 --steps", "excerpt"),  # ∂L/∂ω only
    "incorrect (numeric (24 points))":
        ("symgrad check --model neuron --reg l2 --wrt omega --answer "
         "'(y-\\sigma(z))\\sigma(z)(1-\\sigma(z))x + 2\\lambda\\omega'", "whole"),
    "node  expression     parents  value     local derivatives                     adjoint ū = ∂L/∂u":
        (GRAPH_EXAMPLE, "excerpt"),
    "backward:": ("symgrad derive --model mlp --layers 784,128,10 --activation sigmoid --loss cross_entropy --reg l2",
                  "excerpt"),
    "forward:": ("symgrad derive --model mlp --layers 784,128,10 --convention columns", "excerpt"),
}

#: output blocks not compared, and why
NOT_COMPARED = {
    "  0  ok     \\frac{\\partial L}{\\partial \\omega}":
        "check --derivation of a file the README does not show whole",
}

#: exit codes other than 0 that a README command is expected to end with
EXIT_CODES = {"symgrad check --model neuron --reg l2 --wrt omega": 1,
              "symgrad check '-sum(Y*log(softmax(X@W)))/n' --shapes": 1}


def blocks() -> list[tuple[str, str, int]]:
    """(language, text, line number) of every fenced block of the README."""
    out, lines = [], README.read_text(encoding="utf-8").splitlines()
    k = 0
    while k < len(lines):
        match = re.match(r"^```(\w*)\s*$", lines[k])
        if match:
            end = next(j for j in range(k + 1, len(lines)) if lines[j].startswith("```"))
            out.append((match.group(1), "\n".join(lines[k + 1:end]), k + 1))
            k = end
        k += 1
    return out


def _adjacent(all_blocks, index: int) -> str | None:
    """The untagged block right after block ``index`` (nothing but blank lines between), if any."""
    if index + 1 >= len(all_blocks) or all_blocks[index + 1][0]:
        return None
    lines = README.read_text(encoding="utf-8").splitlines()
    _, text, start = all_blocks[index]
    between = lines[start + text.count("\n") + 2: all_blocks[index + 1][2] - 1]
    return all_blocks[index + 1][1] if not any(line.strip() for line in between) else None


def shell_lines(text: str) -> list[str]:
    """A sh block's command lines: continuations joined, comments after ``#`` dropped."""
    joined = re.sub(r"\\\n\s*", "", text)
    return [re.sub(r"\s+#\s.*$", "", line).strip() for line in joined.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def matches(expected: str, actual: str, excerpt: bool = False) -> bool:
    """Whether ``actual`` reads as ``expected`` with its ``…`` / ``...`` elisions (trailing spaces ignored)."""
    parts = []
    for line in expected.rstrip().splitlines():
        if line.strip() in ("...", "…"):
            parts.append(r"(?:.*\n)*?")
            continue
        pieces = re.split(r"…|\.\.\.", line.rstrip())
        parts.append(".*?".join(re.escape(p) for p in pieces) + r"[ \t]*\n")
    pattern = "".join(parts)
    text = "\n".join(line.rstrip() for line in actual.splitlines()) + "\n"
    return bool(re.search(pattern, text) if excerpt else re.fullmatch(pattern + r"\s*", text))


def _skip_reason(line: str) -> str | None:
    return next((why for start, why in SKIPPED.items() if line.startswith(start)), None)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    (folder / "examples").symlink_to(ROOT / "examples")
    return folder


def run_symgrad(line: str, workdir: Path) -> subprocess.CompletedProcess:
    argv = shlex.split(line)
    assert argv[0] == "symgrad"
    env = {**os.environ, "MPLBACKEND": "Agg", "COLUMNS": "200"}
    return subprocess.run([str(SYMGRAD), *argv[1:]], cwd=workdir, capture_output=True, text=True, timeout=300,
                          env=env)


def _commands() -> list[tuple[str, str | None]]:
    """(command line, the output the README shows for it or None) for every runnable sh line."""
    out, all_blocks = [], blocks()
    for k, (lang, text, _) in enumerate(all_blocks):
        if lang == "sh":
            lines = shell_lines(text)
            following = _adjacent(all_blocks, k)
            for line in lines:
                if _skip_reason(line) is None:
                    out.append((line, following if len(lines) == 1 else None))
        elif not lang and text.lstrip().startswith("$ symgrad"):
            command, _, output = text.partition("\n")
            out.append((command[2:], output))
    return out


COMMANDS = _commands()


def test_every_shell_line_is_run_or_listed_with_a_reason():
    lines = [line for lang, text, _ in blocks() if lang == "sh" for line in shell_lines(text)]
    skipped = {start for start in SKIPPED if any(line.startswith(start) for line in lines)}
    assert skipped == set(SKIPPED), f"listed but no longer in the README: {set(SKIPPED) - skipped}"
    assert all(line.startswith(("symgrad ", "make ")) for line in lines), lines
    assert len(COMMANDS) >= 5


@pytest.mark.parametrize("line, expected", COMMANDS, ids=[c[0][:60] for c in COMMANDS])
def test_readme_command_runs_and_prints_what_the_readme_shows(line, expected, workdir):
    proc = run_symgrad(line, workdir)
    code = next((c for start, c in EXIT_CODES.items() if line.startswith(start)), 0)
    assert proc.returncode == code, proc.stderr
    if expected is not None:
        assert matches(expected, proc.stdout), f"README shows:\n{expected}\n\nthe command printed:\n{proc.stdout}"


def _output_blocks() -> list[tuple[str, str, str]]:
    """(first line, expected text, excerpt or whole) of every untagged output block named in OUTPUT_OF."""
    out = []
    for lang, text, _ in blocks():
        first = text.splitlines()[0] if text else ""
        if not lang and first in OUTPUT_OF:
            out.append((OUTPUT_OF[first][0], text, OUTPUT_OF[first][1]))
    return out


def test_every_output_block_is_compared_or_listed_with_a_reason():
    all_blocks = blocks()
    adjacent = {_adjacent(all_blocks, k) for k in range(len(all_blocks)) if all_blocks[k][0] in ("sh", "python")}
    for lang, text, number in all_blocks:
        if lang or text in adjacent or text.lstrip().startswith("$ symgrad"):
            continue
        first = text.splitlines()[0] if text else ""
        assert first in OUTPUT_OF or first in NOT_COMPARED, f"README line {number}: output of which command? {first!r}"
    assert {first for first in OUTPUT_OF} <= {t.splitlines()[0] for lang, t, _ in all_blocks if not lang and t}


@pytest.mark.parametrize("line, expected, kind", _output_blocks(), ids=[b[0][:60] for b in _output_blocks()])
def test_readme_output_block_is_what_its_command_prints(line, expected, kind, workdir):
    proc = run_symgrad(line, workdir)
    code = next((c for start, c in EXIT_CODES.items() if line.startswith(start)), 0)
    assert proc.returncode == code, proc.stderr
    assert matches(expected, proc.stdout, excerpt=kind == "excerpt"), \
        f"README shows:\n{expected}\n\n`{line}` printed:\n{proc.stdout}"


PYTHON = [(text, _adjacent(blocks(), k), number) for k, (lang, text, number) in enumerate(blocks()) if lang == "python"]


@pytest.mark.parametrize("source, expected, number", PYTHON, ids=[f"line {p[2]}" for p in PYTHON])
def test_readme_python_block_runs_and_prints_what_the_readme_shows(source, expected, number):
    proc = subprocess.run([sys.executable, "-c", source], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "MPLBACKEND": "Agg"})
    assert proc.returncode == 0, f"README line {number}:\n{proc.stderr}"
    if expected is not None:
        assert matches(expected, proc.stdout), f"README shows:\n{expected}\n\nthe block printed:\n{proc.stdout}"


@pytest.mark.parametrize("expected, actual, ok", [
    ("a = 1…\nb", "a = 1.25\nb\n", True), ("a\n...\nz", "a\nb\nc\nz\n", True), ("a", "b\n", False),
    ("x  \ny", "x\ny   \n", True), ("a = 1", "a = 12\n", False),
])
def test_matches_table(expected, actual, ok):
    assert matches(expected, actual) is ok
