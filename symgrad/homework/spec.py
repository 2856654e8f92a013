"""The homework spec (TOML): a title and a list of problems, checked key by key.

    title = "Homework 3"
    [[problem]]
    title = "The single neuron"
    statement = "Derive both partial derivatives."
    model = "neuron"            # or: loss = "1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2"
    reg = "l2"
    wrt = ["omega", "b"]
    point = { omega = 0.5, b = 0.1, x = 2, y = 1, lambda = 0.01 }   # a backprop table
    answers = [ { wrt = "omega", latex = "-(y - \\sigma(z))\\sigma(z)(1 - \\sigma(z)) x + 2\\lambda\\omega" } ]
    figures = ["graph", "loss"]
    train = { data = "linear", epochs = 200, lr = 0.5, set = { lambda = 0.01 } }
"""
from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from symbolic.errors import SymgradError
from symbolic.models import ObjectiveSpec

MAX_PROBLEMS = 50
MAX_TEXT = 4000
PROBLEM_KEYS = {"title", "statement", "loss", "model", "activation", "loss_name", "reg", "features", "classes",
                "hidden", "biases", "wrt", "point", "answers", "update", "figures", "train", "code"}
FIGURES = ("graph", "loss")


class SpecError(SymgradError):
    """The spec file is not usable: one line naming the problem and the key."""


@dataclass(frozen=True)
class Answer:
    """A student's answer to check: for ``wrt``, as LaTeX, text, or a Python gradient function."""

    wrt: str
    latex: str | None = None
    text: str | None = None
    python: str | None = None


@dataclass(frozen=True)
class Problem:
    """One problem of the homework."""

    title: str
    statement: str = ""
    loss: str | None = None
    model: dict = field(default_factory=dict)
    wrt: tuple[str, ...] = ()
    point: dict = field(default_factory=dict)
    answers: tuple[Answer, ...] = ()
    update: bool = True
    figures: tuple[str, ...] = ()
    train: dict = field(default_factory=dict)
    code: str | None = None  # a Python gradient function shown next to the symbolic gradient


@dataclass(frozen=True)
class Spec:
    """Title, author and problems."""

    title: str
    author: str
    problems: tuple[Problem, ...]


def _text(value, where: str, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise SpecError(f"{where} must be a {'non-empty ' if required else ''}string")
    if len(value) > MAX_TEXT:
        raise SpecError(f"{where} is longer than {MAX_TEXT} characters")
    return value


def _number(value, where):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise SpecError(f"{where} must be a finite number")
    return float(value)


def _whole(value, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SpecError(f"{where} must be a whole number")
    return value


def _flag(value, where: str) -> bool:
    if not isinstance(value, bool):
        raise SpecError(f"{where} must be true or false")
    return value


TRAIN_KEYS = ("data", "set", "optimizer", "lr", "epochs", "seed")


def _train(raw, where: str) -> dict:
    """The ``train`` table, key by key (its values reach the optimizer as they are)."""
    if not isinstance(raw, dict):
        raise SpecError(f"{where} must be a table, e.g. {{ data = \"linear\", epochs = 200 }}")
    unknown = sorted(set(raw) - set(TRAIN_KEYS))
    if unknown:
        raise SpecError(f"{where}: unknown key {unknown[0]!r} (keys: {', '.join(TRAIN_KEYS)})")
    out = {key: _text(raw[key], f"{where}.{key}", True) for key in ("data", "optimizer") if key in raw}
    if "lr" in raw:
        out["lr"] = _number(raw["lr"], f"{where}.lr")
    for key in ("epochs", "seed"):
        if key in raw:
            out[key] = _whole(raw[key], f"{where}.{key}")
    if "set" in raw:
        if not isinstance(raw["set"], dict):
            raise SpecError(f"{where}.set must be a table of name = number")
        out["set"] = {str(n): _number(v, f"{where}.set.{n}") for n, v in raw["set"].items()}
    return out


def _problem(k: int, raw: dict) -> Problem:
    where = f"problem {k}"
    if not isinstance(raw, dict):
        raise SpecError(f"{where} must be a table ([[problem]])")
    unknown = sorted(set(raw) - PROBLEM_KEYS)
    if unknown:
        raise SpecError(f"{where}: unknown key {unknown[0]!r} (keys: {', '.join(sorted(PROBLEM_KEYS))})")
    if ("loss" in raw) == ("model" in raw):
        raise SpecError(f"{where}: give exactly one of 'loss' (a formula) or 'model' (a built-in model)")
    wrt = raw.get("wrt", [])
    if isinstance(wrt, str):
        wrt = [w.strip() for w in wrt.split(",") if w.strip()]
    if not isinstance(wrt, list) or not all(isinstance(w, str) for w in wrt):
        raise SpecError(f"{where}: 'wrt' must be a list of parameter names")
    if "loss" in raw and not wrt:
        raise SpecError(f"{where}: a typed loss needs 'wrt' (the parameters)")
    model = {}
    if "model" in raw:
        model = {"model": _text(raw["model"], f"{where}.model", True)}
        for key in ("activation", "loss_name", "reg"):
            if key in raw:
                model[key] = _text(raw[key], f"{where}.{key}", True)
        for key in ("features", "classes", "hidden"):
            if key in raw:
                model[key] = _whole(raw[key], f"{where}.{key}")
        if "biases" in raw:
            model["biases"] = _flag(raw["biases"], f"{where}.biases")
    point = raw.get("point", {})
    if not isinstance(point, dict):
        raise SpecError(f"{where}.point must be a table of name = number")
    point = {str(name): _number(v, f"{where}.point.{name}") for name, v in point.items()}
    answers = []
    if not isinstance(raw.get("answers", []), list):
        raise SpecError(f"{where}.answers must be a list of {{ wrt = \"…\", latex = \"…\" }} tables")
    for j, a in enumerate(raw.get("answers", []), start=1):
        if not isinstance(a, dict) or "wrt" not in a or sum(key in a for key in ("latex", "text", "python")) != 1:
            raise SpecError(f"{where}.answers[{j}] needs 'wrt' and one of 'latex', 'text' or 'python'")
        answers.append(Answer(_text(a["wrt"], f"{where}.answers[{j}].wrt", True),
                              *(_text(a.get(key), f"{where}.answers[{j}].{key}") or None
                                for key in ("latex", "text", "python"))))
    figures = raw.get("figures", [])
    if not isinstance(figures, list) or any(f not in FIGURES for f in figures):
        raise SpecError(f"{where}.figures must be a list of {', '.join(FIGURES)}")
    if "graph" in figures and not point:
        raise SpecError(f"{where}: the graph figure needs a 'point'")
    train = _train(raw.get("train", {}), f"{where}.train")
    if "loss" in figures and "data" not in train:
        raise SpecError(f"{where}: the loss figure needs train = {{ data = \"…\" }}")
    return Problem(_text(raw.get("title"), f"{where}.title") or f"Problem {k}", _text(raw.get("statement"), f"{where}.statement"),
                   _text(raw.get("loss"), f"{where}.loss") or None, model, tuple(wrt), point, tuple(answers),
                   _flag(raw.get("update", True), f"{where}.update"), tuple(figures), train,
                   _text(raw.get("code"), f"{where}.code") or None)


def objective_spec(problem: Problem) -> ObjectiveSpec:
    """The problem's objective keys as an ObjectiveSpec for ``symbolic.models.build`` (which decides what they mean)."""
    options = problem.model
    return ObjectiveSpec(model=options.get("model"), formula=problem.loss, wrt=problem.wrt,
                         activation=options.get("activation"), loss=options.get("loss_name"), reg=options.get("reg"),
                         features=options.get("features"), classes=options.get("classes"),
                         hidden=options.get("hidden"), biases=options.get("biases", False))


def load_spec(path: str | Path) -> Spec:
    """Read and check a spec file."""
    path = Path(path)
    if path.stat().st_size > 1_000_000:
        raise SpecError(f"{path}: larger than 1 MB")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise SpecError(f"{path}: not valid TOML: {err}") from None
    except UnicodeDecodeError:
        raise SpecError(f"{path}: not UTF-8 text") from None
    unknown = sorted(set(raw) - {"title", "author", "problem"})
    if unknown:
        raise SpecError(f"{path}: unknown key {unknown[0]!r} (title, author, [[problem]])")
    problems = raw.get("problem", [])
    if not isinstance(problems, list) or not problems:
        raise SpecError(f"{path}: no problems ([[problem]] tables)")
    if len(problems) > MAX_PROBLEMS:
        raise SpecError(f"{path}: more than {MAX_PROBLEMS} problems")
    return Spec(_text(raw.get("title"), "title", True) if "title" in raw else "Homework",
                _text(raw.get("author"), "author"), tuple(_problem(k, p) for k, p in enumerate(problems, start=1)))
