"""Every command fed malformed arguments: each is one line on stderr and exit 2, never a traceback.

The cases are generated from tables (names, numbers, formulas, files), deterministically, and run
in-process through ``symgrad.cli.main`` (argparse's own exits are caught as SystemExit); a handful
run as real processes. An exception escaping ``main`` is a leak: the test fails with it. ``check``'s
verdicts (exit 1 incorrect, 3 undecided) are not errors, so its answer tables hold only answers
that cannot be read. Item 4 of issue 12.
"""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from symgrad.cli import main

ROOT = Path(__file__).resolve().parents[2]

# --- the inputs -------------------------------------------------------------------------------------

ODD_TEXT = ["", " ", "\t", "\x00", "🙂", "\u200b", "\u202e", "ω", "x" * 5000, "\ud800", "é" * 300]
BAD_INTS = ["0", "-1", "-99999999999999999999", "99999999999999999999", "abc", "", "1.5", "1e3", "٣٣٣٣٣٣٣",
            "0x10", "nan"]
BAD_FLOATS = ["nan", "inf", "-inf", "1e400", "abc", "", "0x1p4", "--", "1,5"]
BAD_NAMES = ["nonsense", "🙂", "\u200b", "x" * 3000, "__class__", "W[1", "1e999", "sigmoid", "omega.real"]

BAD_LOSSES = [
    "", " ", "(", ")", "x +", "x**", "x^^2", "1/0", "log(0)*x", "x[", "x; import os", "__import__('os')",
    "().__class__", "lambda: x", "{x: 1}", "x == 1", "'x'", "f'{x}'", "x.y", "sigmoid()", "sigmoid(x, x)",
    "max(x)", "indicator(x)", "Sum(x, (i, 1))", "Sum(x, (1, 1, n))", "9**9**9**9", "1e999*x", "x" * 3000, "x\x00",
    "🙂*x", "x\u200bx", "exp(" * 200 + "x" + ")" * 200, "(" * 500 + "x" + ")" * 500, "nonexistent_function(x)",
    "x @ x", "x // x", "x % 2", "x << 2", "*x", "print(x)", "eval('x')", "x[0][0][0]", "y[i",
    "Sum(y[i], (i, 1, n))[0]", "\\frac{x}{", "\\foo x", "L(w) = x = y",
]
# Python the text parser refuses, which the LaTeX fallback of parse_loss now reads as products of letters
# ("not x" is n·o·t·x, "Sum(x)" is S·u·m·x): known, reported, kept here so the day it is fixed shows.
LETTER_SOUP = ["x if x else x", "not x", "x and x", "~x", "Sum(x)", "[x]"]  # a trailing "x," is pasted punctuation
BAD_ANSWERS = [
    "", " ", "(", "\\frac{", "\\frac{1}{0}", "\\foo", "x/0", "\\sigma'", "w_{", "\\sum", "\\sum_{i=1}^{n}",
    "\\mathbb{1}[", "🙂", "\x00", "x" * 70000, "9^{9^{9^9}}", "\\left(", "$$", "\\begin{align}", "&=", "\\\\",
    "\\int x dx", "\\partial", "1e400", "0.000000000000000000000000000000000001", "\\tanh^{-1}(w)", "W^{(1)}_{12}",
    "x_i", "\\hat y_j", "q", "\\omega", "2*", "2 +* x", "\\sqrt{}", "\\sqrt[", "|x", "\\|w\\|",
    "\\mathrm{", "\\text{hello}", "\\sigma(z", "e^{", "\\log", "\\ln_", "x^{(", "{}", "\\,", "\\cdot", "\\ud800",
    "\ud800", "\u202e2x", "２x", "x'", "w''", "\\prime", "\\lim_{x\\to 0} x", "\\max", "\\max(", "\\exp{",
]
BAD_POINTS = ["", ",", "x", "x=", "=1", "x=abc", "x=nan", "x=inf", "x=1e400", "x=1,x=2", "omega=1", "🙂=1",
              "omega=0.5,b=0.1,x=2,y=1,lambda=0.01,q=1", "omega=0.5;b=1", "omega==1", "omega=1=2", "x" * 3000 + "=1",
              "omega=0x10", "omega=\x00"]
BAD_SETTINGS = ["lambda", "lambda=", "=0.1", "lambda=abc", "lambda=nan", "lambda=inf", "lambda=1e400", "🙂=1",
                "lambda==1"]

# Answer sheets whose rows are bad: each row's error stays in its row and the batch goes on (exit 0).
ROW_ERROR_FILES = {
    "g_header_only.csv": b"student,loss,wrt,answer\n", "g_latin1.csv": b"student,loss,wrt,answer\n\xe9,x,x,1\n",
    "g_quote.csv": b'student,loss,wrt,answer\n"a,x,x,1\n', "g_nul.csv": b"student,loss,wrt,answer\n\x00,x,x,1\n",
    "g_rows.csv": b"student,loss,wrt,answer\na,x +,x,1\nb,x**2,q,1\nc,x**2,x,\\frac{\nd,x**2\ne,x**2,x,2*x,extra\n",
}

# Files the cases name as @name (made once per module, in a temporary folder).
CSV_FILES = {
    "empty.csv": b"", "blank.csv": b"\n\n  \n", "header_only.csv": b"x,y\n", "no_header.csv": b"1,2\n3,4\n",
    "words.csv": b"x,y\n1,a\n", "nan.csv": b"x,y\n1,nan\n2,1\n", "inf.csv": b"x,y\n1,inf\n2,1\n",
    "huge.csv": b"x,y\n1,1e400\n2,1\n", "ragged.csv": b"x,y\n1,2,3\n4,5\n", "short.csv": b"x,y\n1\n",
    "semicolons.csv": b"x;y\n1;2\n", "tabs.csv": b"x\ty\n1\t2\n", "latin1.csv": b"x,y\n1,\xe9\n",
    "binary.csv": bytes(range(256)) * 4, "nul.csv": b"x,y\n1,\x002\n", "duplicate.csv": b"x,x\n1,2\n",
    "empty_name.csv": b"x,\n1,2\n", "quote.csv": b'x,y\n"1,2\n', "big_field.csv": b"x,y\n" + b"1" * 200_000 + b",1\n",
    "no_y.csv": b"a,b\n1,2\n3,4\n",
    "bom_only.csv": b"\xef\xbb\xbf", "crlf_words.csv": b"x,y\r\n1,two\r\n",
}
GRADE_FILES = {
    "g_empty.csv": b"", "g_missing.csv": b"student,loss\na,x\n", "g_binary.csv": bytes(range(256)) * 4,
    "g_big_field.csv": b"student,loss,wrt,answer\na,x,x," + b"1" * 200_000 + b"\n",
    "g_noheader.csv": b"a,x**2,x,2*x\n", "g_semicolons.csv": b"student;loss;wrt;answer\na;x;x;1\n",
}
SPECS = {
    "t_syntax.toml": 'title = "unclosed\n', "t_binary.toml": None, "t_empty.toml": "", "t_noproblem.toml": 'title = "H"\n',
    "t_unknown_top.toml": 'nonsense = 1\n[[problem]]\nmodel = "neuron"\n',
    "t_title_type.toml": 'title = 3\n[[problem]]\nmodel = "neuron"\n',
    "t_problem_table.toml": 'problem = 3\n', "t_problem_list.toml": 'problem = [1, 2]\n',
    "t_unknown_key.toml": '[[problem]]\nmodel = "neuron"\nbogus = 1\n',
    "t_both.toml": '[[problem]]\nmodel = "neuron"\nloss = "x**2"\nwrt = ["x"]\n',
    "t_neither.toml": '[[problem]]\ntitle = "P"\n',
    "t_model_unknown.toml": '[[problem]]\nmodel = "bogus"\n', "t_model_type.toml": '[[problem]]\nmodel = 3\n',
    "t_model_empty.toml": '[[problem]]\nmodel = ""\n',
    "t_activation.toml": '[[problem]]\nmodel = "neuron"\nactivation = "bogus"\n',
    "t_activation_type.toml": '[[problem]]\nmodel = "neuron"\nactivation = ["relu"]\n',
    "t_loss_name.toml": '[[problem]]\nmodel = "neuron"\nloss_name = "bogus"\n',
    "t_reg.toml": '[[problem]]\nmodel = "neuron"\nreg = "l3"\n',
    "t_features.toml": '[[problem]]\nmodel = "neuron"\nfeatures = 0\n',
    "t_features_huge.toml": '[[problem]]\nmodel = "neuron"\nfeatures = 99999999999\n',
    "t_features_type.toml": '[[problem]]\nmodel = "neuron"\nfeatures = "2"\n',
    "t_features_float.toml": '[[problem]]\nmodel = "neuron"\nfeatures = 2.5\n',
    "t_classes.toml": '[[problem]]\nmodel = "softmax"\nclasses = 1\n',
    "t_hidden.toml": '[[problem]]\nmodel = "two_layer"\nhidden = -1\n',
    "t_options_wrong_model.toml": '[[problem]]\nmodel = "linear"\nhidden = 3\n',
    "t_loss_bad.toml": '[[problem]]\nloss = "x +"\nwrt = ["x"]\n',
    "t_loss_type.toml": '[[problem]]\nloss = 3\nwrt = ["x"]\n',
    "t_loss_nowrt.toml": '[[problem]]\nloss = "x**2"\n',
    "t_wrt_unknown.toml": '[[problem]]\nloss = "x**2"\nwrt = ["q"]\n',
    "t_wrt_type.toml": '[[problem]]\nloss = "x**2"\nwrt = [1]\n',
    "t_wrt_table.toml": '[[problem]]\nloss = "x**2"\nwrt = { a = 1 }\n',
    "t_model_wrt.toml": '[[problem]]\nmodel = "neuron"\nwrt = ["q"]\n',
    "t_point_type.toml": '[[problem]]\nmodel = "neuron"\npoint = 3\n',
    "t_point_nan.toml": '[[problem]]\nmodel = "neuron"\npoint = { omega = nan, b = 0, x = 1, y = 1 }\n',
    "t_point_inf.toml": '[[problem]]\nmodel = "neuron"\npoint = { omega = inf, b = 0, x = 1, y = 1 }\n',
    "t_point_str.toml": '[[problem]]\nmodel = "neuron"\npoint = { omega = "a", b = 0, x = 1, y = 1 }\n',
    "t_point_bool.toml": '[[problem]]\nmodel = "neuron"\npoint = { omega = true, b = 0, x = 1, y = 1 }\n',
    "t_point_missing.toml": '[[problem]]\nmodel = "neuron"\npoint = { omega = 1 }\nfigures = ["graph"]\n',
    "t_point_extra.toml": '[[problem]]\nmodel = "neuron"\npoint = { omega = 1, b = 0, x = 1, y = 1, q = 1 }\n',
    "t_answers_type.toml": '[[problem]]\nmodel = "neuron"\nanswers = 3\n',
    "t_answers_items.toml": '[[problem]]\nmodel = "neuron"\nanswers = [3]\n',
    "t_answers_two.toml": '[[problem]]\nmodel = "neuron"\nanswers = [{ wrt = "b", latex = "1", text = "1" }]\n',
    "t_answers_bad.toml": '[[problem]]\nmodel = "neuron"\nanswers = [{ wrt = "b", latex = "\\\\frac{" }]\n',
    "t_answers_wrt.toml": '[[problem]]\nmodel = "neuron"\nanswers = [{ wrt = "q", latex = "1" }]\n',
    "t_answers_wrt_type.toml": '[[problem]]\nmodel = "neuron"\nanswers = [{ wrt = 1, latex = "1" }]\n',
    "t_answers_python.toml": '[[problem]]\nmodel = "neuron"\nanswers = [{ wrt = "b", python = "def g(:" }]\n',
    "t_figures_type.toml": '[[problem]]\nmodel = "neuron"\nfigures = "graph"\n',
    "t_figures_unknown.toml": '[[problem]]\nmodel = "neuron"\nfigures = ["movie"]\n',
    "t_figures_items.toml": '[[problem]]\nmodel = "neuron"\nfigures = [1]\n',
    "t_graph_nopoint.toml": '[[problem]]\nmodel = "neuron"\nfigures = ["graph"]\n',
    "t_loss_nodata.toml": '[[problem]]\nmodel = "neuron"\nfigures = ["loss"]\n',
    "t_train_type.toml": '[[problem]]\nmodel = "neuron"\ntrain = 3\n',
    "t_train_data.toml": '[[problem]]\nmodel = "neuron"\nfigures = ["loss"]\ntrain = { data = "nonexistent" }\n',
    "t_train_data_type.toml": '[[problem]]\nmodel = "neuron"\nfigures = ["loss"]\ntrain = { data = 3 }\n',
    "t_train_epochs.toml": '[[problem]]\nmodel = "neuron"\nfigures = ["loss"]\ntrain = { data = "linear", epochs = -1 }\n',
    "t_train_epochs_type.toml": '[[problem]]\nmodel = "neuron"\nfigures = ["loss"]\n'
                                'train = { data = "linear", epochs = "ten" }\n',
    "t_train_lr.toml": '[[problem]]\nmodel = "neuron"\nfigures = ["loss"]\ntrain = { data = "linear", lr = nan }\n',
    "t_train_lr_type.toml": '[[problem]]\nmodel = "neuron"\nfigures = ["loss"]\ntrain = { data = "linear", lr = "x" }\n',
    "t_train_unknown.toml": '[[problem]]\nmodel = "neuron"\nfigures = ["loss"]\ntrain = { data = "linear", bogus = 1 }\n',
    "t_train_set.toml": '[[problem]]\nmodel = "neuron"\nfigures = ["loss"]\ntrain = { data = "linear", set = 3 }\n',
    "t_train_set_value.toml": '[[problem]]\nmodel = "neuron"\nreg = "l2"\nfigures = ["loss"]\n'
                              'train = { data = "linear", set = { lambda = "a" } }\n',
    "t_code.toml": '[[problem]]\nmodel = "neuron"\ncode = "def g(:"\n',
    "t_code_type.toml": '[[problem]]\nmodel = "neuron"\ncode = 3\n',
    "t_update_type.toml": '[[problem]]\nmodel = "neuron"\nupdate = "no"\n',
    "t_statement_long.toml": '[[problem]]\nmodel = "neuron"\nstatement = "' + "a" * 5000 + '"\n',
    "t_author_type.toml": 'author = ["a"]\n[[problem]]\nmodel = "neuron"\n',
    "t_many.toml": '[[problem]]\nmodel = "neuron"\n' * 60,
    "t_mlp.toml": '[[problem]]\nmodel = "mlp"\n',
}
OTHER_FILES = {"answer_binary.txt": bytes(range(256)), "answer_bad.py": b"def grad(:\n", "answer_none.py": b"x = 1\n",
               "answer_evil.py": b"def g(w, x):\n    return __import__('os')\n", "answer_ok.py": b"def g(w, x):\n    return 2*w\n",
               "answer_latin1.txt": b"\xe9\xe9", "answer_big.txt": b"x" * 70_000, "derivation_bad.tex": b"a = = b\n",
               "derivation_empty.tex": b"", "derivation_binary.tex": bytes(range(256)), "derivation_big.tex": b"x=" * 40_000,
               "plain_file": b"not a folder\n"}


# --- the cases --------------------------------------------------------------------------------------

def _cases() -> list[tuple[str, list[str]]]:
    """(id, argv) for every malformed command line; ``@name`` is a file above, ``@dir`` the folder."""
    cases: list[list[str]] = []
    add = cases.append
    # no command, unknown commands and options
    for argv in ([], ["bogus"], ["--bogus"], ["DERIVE"], ["derive", "--bogus"], ["check", "-x"], ["grade"],
                 ["graph"], ["train"], ["homework"], ["derive", "x", "y", "--wrt", "x"]):
        add(argv)
    # derive: formulas, names, model options, output
    for loss in BAD_LOSSES:
        add(["derive", loss, "--wrt", "x"])
    for name in BAD_NAMES + ODD_TEXT[1:8] + [",", "x+y", "1", "pi", "lambda", "q,x"]:
        add(["derive", "(w*x - y)**2", "--wrt", name])
        add(["derive", "--model", "neuron", "--wrt", name])
    for model in ("linear", "logistic", "neuron", "softmax", "two_layer"):
        for option in ("--features", "--classes", "--hidden"):
            for value in BAD_INTS[:8]:
                add(["derive", "--model", model, option, value])
    for value in BAD_NAMES[:4] + ODD_TEXT[:6] + ["relu,tanh", "Sigmoid", "softmax"]:
        add(["derive", "--model", "neuron", "--activation", value])
    for option, value in (("--loss", "bogus"), ("--reg", "l3"), ("--model", "bogus"), ("--format", "pdf"),
                          ("--loss", ""), ("--model", ""), ("-o", "@dir"), ("-o", "@plain_file/out.txt"),
                          ("--layers", "3,4,2")):
        add(["derive", "--model", "neuron", option, value])
    for layers in ("", "3", "0,0", "3,-1,2", "a,b", "1e3,2", "999999999,2", "3,4,2;", "3 4 2"):
        add(["derive", "--model", "mlp", "--layers", layers])
    for activation in ("bogus", "relu,tanh,relu", ","):
        add(["derive", "--model", "mlp", "--layers", "3,4,4,2", "--activation", activation])
    add(["derive", "--model", "mlp", "--layers", "3,4,2", "--loss", "hinge"])
    add(["derive", "--model", "mlp", "--layers", "3,4,2", "--features", "4"])
    add(["derive", "--model", "neuron", "(w*x-y)**2"])
    add(["derive", "(w*x-y)**2"])
    # check: answers that cannot be read, files, options
    for answer in BAD_ANSWERS:
        add(["check", "(w*x - y)**2", "--wrt", "w", "--answer", answer])
    for answer in BAD_LOSSES[:30]:
        if "=" not in answer:  # "x = 1" in an answer is a one-step derivation
            add(["check", "(w*x - y)**2", "--wrt", "w", "--notation", "text", "--answer", answer])
    for name in ("@nonexistent", "@dir", "@answer_binary.txt", "@derivation_empty.tex", "@answer_bad.py",
                 "@answer_none.py", "@answer_evil.py", "@answer_big.txt", "@answer_latin1.txt"):
        add(["check", "(w*x - y)**2", "--wrt", "w", "--answer-file", name])
    add(["check", "(w*x - y)**2", "--wrt", "w", "--answer-file", "@answer_ok.py", "--function", "nope"])
    for name in ("@nonexistent", "@dir", "@derivation_bad.tex", "@derivation_empty.tex", "@derivation_binary.tex",
                 "@derivation_big.tex", "@answer_latin1.txt"):
        add(["check", "(w*x - y)**2", "--wrt", "w", "--derivation", name])
    for extra in (["--wrt", "w,x", "--answer", "1"], ["--wrt", "q", "--answer", "1"], ["--answer", "1"],
                  ["--wrt", "w"], ["--wrt", "w", "--answer", "1", "--notation", "bogus"],
                  ["--wrt", "w", "--answer", "1", "--answer-file", "@answer_ok.py"], ["--wrt", "", "--answer", "1"]):
        add(["check", "(w*x - y)**2", *extra])
    for name in BAD_NAMES[:5]:
        add(["check", "--model", "neuron", "--wrt", name, "--answer", "1"])
    for given in ("--answer", "--derivation"):  # standard input is empty
        add(["check", "(w*x - y)**2", "--wrt", "w", given, "-"])
    # check --shapes: vector and matrix answers that cannot be read (a shape slip is a verdict, not an error)
    typed = ["check", "sum((X@w - y)**2)/n", "--shapes", "X:n,d w:d y:n", "--wrt", "w"]
    for answer in BAD_LOSSES[:30] + ["S - y", "X.__class__", "np.linalg.eig(X)", "open('x')", "X[0]", "w.T.T.real",
                                     "def g(w):\n    import os\n    return w", "(" * 450 + "w" + ")" * 450]:
        if "=" not in answer and answer not in ("x", "'x'") and "x" not in answer.replace("X", ""):
            add([*typed, "--notation", "text", "--answer", answer])
    for answer in ("\\input{/etc/passwd}", "10^{10^{10^{10}}}", "\\frac{" * 300 + "w" + "}{1}" * 300, "w" * 70000,
                   "\\def\\x{w}\\x", "$$", "\\begin{bmatrix} w \\end{bmatrix}", "def g(w):\n    for i in range(9):\n"
                   "        w = w\n    return w", "import os\nos.system('x')", "g = lambda: __import__('os')",
                   "X.T @ (X @ w - y)[::-1]", "np.linalg.eig(X)[0]", "np.load('x.npy')"):
        add([*typed, "--answer", answer])
    for shapes in ("", "X", "X:", "X:n,d,k,m,q", "X:0", "X:n,d:bogus", "A:n,d:sym", "X:n,d X:n", "n:n", "🙂:n"):
        add(["check", "sum(X)", "--shapes", shapes, "--wrt", "X", "--answer", "1"])
    add([*typed, "--answer", "1", "--wrt", "w,X"])
    add([*typed[:-2], "--wrt", "q", "--answer", "w"])
    # grade: files that are not answer sheets
    for name in [*GRADE_FILES, *list(CSV_FILES)[:8], "nonexistent", "dir", "plain_file/x.csv"]:
        add(["grade", f"@{name}"])
    add(["grade", "@good_grade.csv", "-o", "@dir"])
    add(["grade", "@good_grade.csv", "-o", "@plain_file/report.csv"])
    # graph: points, options
    for point in BAD_POINTS:
        add(["graph", "--model", "neuron", "--at", point])
    for point in BAD_POINTS[:6]:
        add(["graph", "(w*x - y)**2", "--wrt", "w", "--at", point])
    GOOD_AT = "omega=0.5,b=0.1,x=2,y=1"
    for option, value in (("--granularity", "bogus"), ("--format", "pdf"), ("--render", "@dir"),
                          ("--render", "@plain_file/graph.svg"), ("--render", "@dir/graph.exe"), ("-o", "@dir"),
                          ("--wrt", "q"), ("--render", "@dir/graph"), ("--activation", "bogus")):
        add(["graph", "--model", "neuron", "--at", GOOD_AT, option, value])
    add(["graph", "--model", "mlp", "--layers", "2,2,1", "--at", "x=1"])
    add(["graph", "--model", "neuron", "--reg", "l2", "--at", GOOD_AT])  # lambda has no value
    # train: data, numbers, settings, options
    for name in [*CSV_FILES, "nonexistent", "dir", "plain_file/x.csv"]:
        add(["train", "--model", "linear", "--data", f"@{name}", "--epochs", "2"])
    for data in ("nonexistent", "", "synthetic:", "synthetic:nope", "linear?n=-1", "linear?n=abc", "linear?seed=-1",
                 "linear?n=1e9", "linear?bogus=1", "linear?n", "linear?&&", "linear?noise=nan",
                 "linear?n=99999999999999999999", "blobs?k=0", "blobs?k=-3", "IRIS", "🙂", "\x00", "x" * 5000,
                 "linear?n=0"):
        add(["train", "--model", "linear", "--data", data, "--epochs", "2"])
    BASE = ["train", "--model", "linear", "--data", "linear", "--epochs", "2"]
    for option, values in (("--lr", BAD_FLOATS + ["-1", "0"]), ("--gtol", BAD_FLOATS[:6] + ["-1"]),
                           ("--ftol", BAD_FLOATS[:6] + ["-1"]), ("--test-fraction", BAD_FLOATS[:6] + ["1", "-0.1", "2"]),
                           ("--batch-size", ["0", "-1", "abc", "1.5"]), ("--seed", ["-1", "abc", "1e3"]),
                           ("--optimizer", ["bogus", ""]), ("--dtype", ["float16", ""]), ("--backend", ["bogus", ""]),
                           ("--set", BAD_SETTINGS), ("--plot", ["@dir", "@plain_file/loss.png", "@dir/loss.exe"]),
                           ("--plot-model", ["@dir/model.exe", "@plain_file/model.png"]),
                           ("--features", ["0", "-1", "5"]), ("--params", ["q"]), ("--activation", ["bogus"])):
        for value in values:
            add([*BASE, option, value])
    for value in ("-1", "0", "abc", "1.5"):
        add(["train", "--model", "linear", "--data", "linear", "--epochs", value])
    for model in ("softmax", "logistic", "two_layer", "neuron"):
        add(["train", "--model", model, "--data", "linear", "--epochs", "2", "--classes", "1"])
    add(["train", "--model", "linear", "--data", "iris", "--epochs", "2", "--features", "2"])
    add(["train", "--model", "linear", "--reg", "l2", "--data", "linear", "--epochs", "2", "--set", "lambda=-inf"])  # lambda unset had no default before issue 13
    add(["train", "(w*x - y)**2", "--params", "q", "--data", "linear", "--epochs", "2"])
    add(["train", "(w*x - y)**2", "--data", "linear", "--epochs", "2"])
    add(["train", "(w*x1 - z)**2", "--params", "w", "--data", "linear", "--epochs", "2"])  # z is no column
    add(["train", "--model", "mlp", "--data", "linear", "--epochs", "2"])
    add(["train", "--model", "mlp", "--layers", "5,2,1", "--data", "linear", "--epochs", "2"])
    add(["train", "--model", "mlp", "--layers", "1,2,1", "--reg", "l2", "--data", "linear", "--epochs", "2"])
    add(["train", "--model", "mlp", "--layers", "1,2,1", "--data", "linear", "--epochs", "0"])
    add(["train", "--model", "linear", "--data", "blobs", "--epochs", "2", "--plot-model", "@dir/m.png"])
    # homework: specs and files
    for name in [*SPECS, "nonexistent", "dir", "plain_file/x.toml", "answer_binary.txt"]:
        add(["homework", f"@{name}"])
    add(["homework", "@good_spec.toml", "-o", "@dir"])
    add(["homework", "@good_spec.toml", "-o", "@plain_file/hw.tex"])
    return [(f"{k:03d}-{argv[0] if argv else 'none'}", argv) for k, argv in enumerate(cases)]


CASES = _cases()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The files the cases name, written once."""
    root = tmp_path_factory.mktemp("fuzz")
    for name, content in {**CSV_FILES, **GRADE_FILES, **ROW_ERROR_FILES, **OTHER_FILES}.items():
        (root / name).write_bytes(content)
    for name, text in SPECS.items():
        (root / name).write_bytes(bytes(range(256)) if text is None else text.encode())
    (root / "good_grade.csv").write_text("student,loss,wrt,answer\na,w**2,w,2*w\n")
    (root / "good_spec.toml").write_text('title = "H"\n[[problem]]\nmodel = "neuron"\n')
    (root / "dir").mkdir()
    return root


def _resolve(argv: list[str], root: Path) -> list[str]:
    return [str(root / a[1:]) if a.startswith("@") else a for a in argv]


def run(argv: list[str]) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``symgrad ARGV`` in this process; argparse's exits count as codes."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def assert_one_line_error(code, err: str, argv) -> None:
    """Exit 2 and one line on stderr that says which command failed; no traceback."""
    lines = err.splitlines()
    assert code == 2, f"exit {code} for {argv!r}: {err!r}"
    assert len(lines) == 1 and lines[0].startswith("symgrad"), f"not one line for {argv!r}: {err!r}"
    assert "Traceback" not in err


@pytest.mark.parametrize("argv", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_malformed_arguments_are_one_line_and_exit_2(argv, folder, monkeypatch):
    monkeypatch.chdir(folder)  # outputs that default to the current folder land in the temporary one
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    argv = _resolve(argv, folder)
    code, _, err = run(argv)
    assert_one_line_error(code, err, argv)


@pytest.mark.parametrize("loss", LETTER_SOUP)
def test_python_the_text_parser_refuses_is_not_read_as_letters(loss):
    code, _, err = run(["derive", loss, "--wrt", "x"])
    assert_one_line_error(code, err, loss)


def test_there_are_a_few_hundred_cases_covering_every_command():
    commands = {argv[0] for _, argv in CASES if argv}
    assert {"derive", "check", "grade", "graph", "train", "homework"} <= commands
    assert len(CASES) >= 300


@pytest.mark.parametrize("name", sorted(ROW_ERROR_FILES))
def test_bad_rows_of_an_answer_sheet_stay_in_their_rows(name, folder, tmp_path):
    code, out, err = run(["grade", str(folder / name), "-o", str(tmp_path / "report.csv")])
    assert code == 0 and err == "" and "report:" in out


@pytest.mark.parametrize("argv", [
    ["derive", "x +", "--wrt", "x"],
    ["check", "(w*x - y)**2", "--wrt", "w", "--answer", "\\frac{"],
    ["graph", "--model", "neuron", "--at", "omega=nan"],
    ["train", "--model", "linear", "--data", "nonexistent"],
    ["homework", "nonexistent.toml"],
    ["grade", "nonexistent.csv"],
    ["bogus"],
    ["derive", os.fsdecode(b"x\xff"), "--wrt", "x"],  # bytes that are not UTF-8 reach argv as surrogates
    ["graph", "--model", "neuron", "--at", os.fsdecode(b"omega\xff=1")],
])
def test_as_a_real_process_too(argv, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "symgrad", *argv], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert_one_line_error(proc.returncode, proc.stderr, argv)
    assert proc.stdout == ""


# --- values that start with a minus sign (issue 13) ------------------------------------------------------

def _value_options():
    """(command, option, action) for every option of every command that takes one value."""
    from symgrad.cli import build_parser
    from symgrad.commands import COMMANDS
    sub = next(a for a in build_parser(COMMANDS)._actions if a.dest == "command")
    for command, parser in sub.choices.items():
        for action in parser._actions:
            if action.option_strings and action.nargs is None and action.const is None and action.choices is None:
                yield command, action.option_strings[-1], action


VALUE_OPTIONS = list(_value_options())


@pytest.mark.parametrize("command, option, action", VALUE_OPTIONS, ids=[f"{c} {o}" for c, o, _ in VALUE_OPTIONS])
@pytest.mark.parametrize("value", ["-1/x^2", "-3", "-0.5", "-x", "-omega*x", r"-\frac{1}{x}", "-", "-lambda=1"])
def test_every_option_takes_a_value_that_starts_with_a_minus_sign(command, option, action, value, capsys):
    from symgrad.cli import build_parser
    parser = build_parser([command])
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    for other in sub._actions:  # only this option is under test: nothing else is required
        other.required = False
    for group in sub._mutually_exclusive_groups:
        group.required = False
    try:
        expected = action.type(value) if action.type else value
    except ValueError:  # a number option given a formula: argparse's "invalid float value", not "expected one argument"
        with pytest.raises(SystemExit):
            parser.parse_args([command, option, value])
        assert "invalid" in capsys.readouterr().err
        return
    args = parser.parse_args([command, option, value])
    got = getattr(args, action.dest)
    assert (got[-1] if isinstance(got, list) else got) == expected


def test_the_options_under_test_include_the_ones_users_tripped_on():
    names = {(c, o) for c, o, _ in VALUE_OPTIONS}
    assert {("check", "--answer"), ("train", "--set"), ("train", "--lr"), ("graph", "--at"), ("derive", "--output"),
            ("check", "--where")} <= names


@pytest.mark.parametrize("word, options, value", [
    ("-1/x^2", {"-o", "--output"}, True), ("-omega", {"-o", "--output"}, True), ("-o", {"-o", "--output"}, False),
    ("-o=f.txt", {"-o", "--output"}, False), ("-wrt", {"--wrt"}, False), ("--wrtt", {"--wrt"}, False),
    ("--", {"--wrt"}, False), ("-", {"--wrt"}, False), ("x", {"--wrt"}, False), ("-h", {"-h", "--help"}, False),
])
def test_is_value_table(word, options, value):
    from symgrad.cli import is_value
    assert is_value(word, options) is value


# --- messages that say what is actually wrong (issue 13) --------------------------------------------------

@pytest.mark.parametrize("argv, message", [
    (["train", "(w*x - y)^2", "--data", "@no_y.csv"], "say which parameters to train: --params w,b"),
    (["train", "(w*a - y)^2", "--params", "w", "--data", "@no_y.csv"],
     "the loss uses 'y', which is neither a parameter (--params) nor a column of"),
    (["train", "(w*a - y)^2", "--params", "w", "--data", "@no_y.csv"], "(its columns: a, b)"),
])
def test_train_messages_name_the_real_problem(argv, message, folder, capsys):
    argv = [str(folder / a[1:]) if a.startswith("@") else a for a in argv]
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.count("\n") == 1 and "--wrt" not in err, err


def test_reg_l2_on_a_built_in_model_trains_with_the_documented_lambda(capsys):
    import json

    from symbolic.models.regularizers import DEFAULT_STRENGTH

    def final_loss(*extra):
        code = main(["train", "--model", "linear", "--data", "linear", "--reg", "l2", "--epochs", "5", "--json", *extra])
        assert code == 0
        return json.loads(capsys.readouterr().out)["final_loss"]

    assert DEFAULT_STRENGTH == 1e-4
    assert final_loss() == final_loss("--set", "lambda=0.0001") != final_loss("--set", "lambda=1")
    readme = (ROOT / "README.md").read_text()
    assert "λ = 0.0001" in readme
