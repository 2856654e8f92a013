"""``symgrad check``: is a hand-derived gradient right, and if not, what exactly is wrong."""
from __future__ import annotations

import json
import sys

from symbolic.check import NOTATIONS, check, check_derivation
from symbolic.errors import SymgradError
from symbolic.models import Objective

from .objective_args import add_objective_arguments, objective_from_args


def add_arguments(p) -> None:
    """Arguments of ``symgrad check``."""
    add_objective_arguments(p, wrt_help="the one parameter the answer is the derivative for")
    given = p.add_mutually_exclusive_group(required=True)
    given.add_argument("--answer", help="the answer, LaTeX or text (- reads standard input)")
    given.add_argument("--answer-file", help="a file with the answer: LaTeX or text, or a .py file with a gradient "
                       "function (read without running it)")
    given.add_argument("--derivation", metavar="FILE", help="a whole LaTeX derivation (A = B = C, or an align block), "
                       "checked line by line (- reads standard input)")
    p.add_argument("--function", help="with a .py answer file: the function to read (default: the last one)")
    p.add_argument("--notation", default="auto", choices=NOTATIONS + ("numpy",),
                   help="how the answer is written (default: detect; numpy needs --shapes)")
    p.add_argument("--shapes", help="vectors and matrices, e.g. 'X:n,d w:d y:n': LOSS and the answer are then "
                   "typed vector/matrix expressions (text with numpy's meaning, LaTeX, or numpy code)")
    p.add_argument("--where", action="append", default=[], metavar="NAME=EXPR",
                   help="a name the answer uses, defined in the loss's terms, e.g. --where 'a = \\sigma(z)' (repeatable)")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")


def read_answer(value: str) -> str:
    """The answer text (``-`` reads it from standard input, at most 64 KB)."""
    if value != "-":
        return value
    text = sys.stdin.read(65537)
    if len(text) > 65536:
        raise SymgradError("the answer on standard input is longer than 64 KB")
    return text


def check_file(obj, wrt: str, path: str, notation: str, function: str | None = None):
    """The verdict on an answer file: a .py gradient function, or LaTeX / text."""
    from pathlib import Path

    from symbolic.check import compare
    from symbolic.check.answer import names_of
    from symbolic.derive import derive
    from symbolic.pyfunc import read_function
    file = Path(path)
    source = read_text_file(file)
    if file.suffix == ".py":
        answer = read_function(source, names_of(obj.expression), function).expression
        return compare(derive(obj, [wrt])[wrt].gradient, answer)
    return check(obj, wrt, source, notation)


def read_derivation(value: str) -> str:
    """A derivation's text from a file, or from standard input for ``-`` (check_derivation bounds its size)."""
    from pathlib import Path
    if value == "-":
        return read_answer(value)
    return read_text_file(Path(value))


def read_text_file(file) -> str:
    """A file's text, at most 64 KB of UTF-8; a binary file (a picture, a PDF) is one clear error."""
    if file.stat().st_size > 65536:
        raise SymgradError(f"{file}: larger than 64 KB")
    data = file.read_bytes()
    try:
        if b"\x00" in data:
            raise UnicodeDecodeError("utf-8", data, data.index(b"\x00"), data.index(b"\x00") + 1, "NUL byte")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SymgradError(f"{file} is not a text file (binary data at byte {err.start + 1}); give the answer as "
                           "LaTeX or plain text, or a .py file with a gradient function") from None


def run(args) -> int:
    """Check, print the verdict, exit by it."""
    if not args.wrt:
        raise SymgradError("say which parameter the answer differentiates by: --wrt w")
    if args.shapes:
        return _run_tensor(args)
    if args.notation == "numpy":
        raise SymgradError("--notation numpy reads vector and matrix answers: declare them with --shapes")
    obj = objective_from_args(args)
    if not isinstance(obj, Objective):
        raise SymgradError("check takes a scalar objective; --model mlp is in matrix form (use derive)")
    if len(obj.parameters) != 1:
        raise SymgradError("check one parameter at a time: --wrt w")
    wrt = [obj.parameters[0].name]
    if args.derivation:
        verdict = check_derivation(obj, wrt[0], read_derivation(args.derivation))
    elif args.answer_file:
        verdict = check_file(obj, wrt[0], args.answer_file, args.notation, args.function)
    else:
        verdict = check(obj, wrt[0], read_answer(args.answer), args.notation, where=tuple(args.where))
    if args.json:
        print(json.dumps(verdict.to_json(), indent=2, ensure_ascii=False))
    else:
        print(verdict)
    return verdict.exit_code


def _run_tensor(args) -> int:
    """``--shapes``: a vector or matrix answer to a typed objective."""
    from pathlib import Path

    from symbolic.tensor.answer import check_tensor
    if args.model or not args.loss:
        raise SymgradError("--shapes needs a typed LOSS (not --model)")
    wrt = [w.strip() for w in args.wrt.split(",") if w.strip()]
    if len(wrt) != 1:
        raise SymgradError("check one parameter at a time: --wrt W")
    if args.derivation:
        from symbolic.tensor.chain import check_tensor_derivation
        verdict = check_tensor_derivation(args.loss, args.shapes, wrt[0], read_derivation(args.derivation),
                                          where=tuple(args.where))
    else:
        if args.answer_file:
            answer = read_text_file(Path(args.answer_file))
            notation = "numpy" if args.answer_file.endswith(".py") else args.notation
        else:
            answer, notation = read_answer(args.answer), args.notation
        verdict = check_tensor(args.loss, args.shapes, wrt[0], answer, notation, where=tuple(args.where))
    if args.json:
        print(json.dumps(verdict.to_json(), indent=2, ensure_ascii=False))
    else:
        print(verdict)
    return verdict.exit_code
