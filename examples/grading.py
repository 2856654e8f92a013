"""Grading a class's hand-derived gradients of the single neuron, with the lecture's typical mistakes.

Writes the answers of 8 students (LaTeX and text; some right, some with a lost minus, a forgotten 2λω,
a regularized bias or a wrong σ') to `examples/out/answers.csv`, grades them with `symgrad grade`
(report in `examples/out/answers.report.csv`) and prints the summary and the report; then checks one
answer directly with `symbolic.check.check` and prints its verdict.

Run from the repo root: `python examples/grading.py`.  The notebook `examples/grading.ipynb` is
generated from this file by `python examples/make_notebooks.py`.
"""
from __future__ import annotations

# %%
import csv
from pathlib import Path

from symbolic.check import check
from symbolic.models import neuron_objective
from symgrad.cli import main

# the notebook runs in examples/, the script from the repo root: both write into examples/out/
OUT = Path("examples/out") if Path("examples").is_dir() else Path("out")

# %% [markdown]
# ## The homework question
#
# Differentiate $\mathcal{L}(\omega, b) = \frac{1}{2} (y - \sigma(\omega x + b))^2 + \lambda \omega^2$ by $\omega$ and by $b$.
# The right answers:
# $\frac{\partial \mathcal{L}}{\partial \omega} = 2\lambda\omega - (y - \sigma(\omega x + b))\,\sigma'(\omega x + b)\,x$ and
# $\frac{\partial \mathcal{L}}{\partial b} = -(y - \sigma(\omega x + b))\,\sigma'(\omega x + b)$, with $\sigma' = \sigma(1 - \sigma)$.
#
# The class's answers, as they typed them (LaTeX for theory, or plain text):

# %%
LOSS = "1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2"
answers = [  # (student, wrt, answer, the mistake if any)
    ("ada", "omega", r"2\lambda\omega - (y-\sigma(\omega x+b))\sigma(\omega x+b)(1-\sigma(\omega x+b))x", ""),
    ("ben", "omega", "2*lambda*omega - (y - sigmoid(omega*x + b))*sigmoid(omega*x + b)*(1 - sigmoid(omega*x + b))*x", ""),
    ("cai", "omega", r"\frac{1}{2}\cdot 2(y-\sigma(\omega x+b))\cdot\sigma'(\omega x+b)\cdot x + 2\lambda\omega",
     "lost minus"),
    ("dee", "omega", r"-(y-\sigma(\omega x+b))\sigma(\omega x+b)(1-\sigma(\omega x+b))x", "forgot 2λω"),
    ("eli", "omega", r"2\lambda\omega - (y-\sigma(\omega x+b))(1-\sigma(\omega x+b))x", "wrong σ'"),
    ("fay", "b", r"\frac{1}{2}\cdot 2(y-\sigma(\omega x+b))\cdot\sigma'(\omega x+b)\cdot(-1)", ""),
    ("gus", "b", "-(y - sigmoid(omega*x + b))*sigmoid(omega*x + b)*(1 - sigmoid(omega*x + b))", ""),
    ("hal", "b", r"-(y-\sigma(\omega x+b))\sigma(\omega x+b)(1-\sigma(\omega x+b)) + 2\lambda b", "regularized bias"),
]
OUT.mkdir(parents=True, exist_ok=True)
answers_csv = OUT / "answers.csv"
with open(answers_csv, "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f)
    writer.writerow(["student", "loss", "wrt", "answer"])
    writer.writerows((student, LOSS, wrt, answer) for student, wrt, answer, _ in answers)
for student, wrt, answer, mistake in answers:
    print(f"{student:4} ∂L/∂{wrt:5} {answer}" + (f"    ← {mistake}" if mistake else ""))

# %% [markdown]
# Cai copied the board: the lecture's own first line for $\frac{\partial \mathcal{L}}{\partial \omega}$ drops the
# $(-1)$ from $\frac{\partial}{\partial \omega}(y - \sigma(\omega x + b))$ that its line for
# $\frac{\partial \mathcal{L}}{\partial b}$ keeps.
#
# ## `symgrad grade`
#
# One verdict per row (`correct`, `incorrect`, `undecided`, or `error` for a malformed row), the mistake
# named, and a point where a wrong answer and the true gradient differ.

# %%
report_csv = OUT / "answers.report.csv"
exit_code = main(["grade", str(answers_csv), "-o", str(report_csv)])
assert exit_code == 0

# %%
with open(report_csv, newline="", encoding="utf-8") as f:
    report = list(csv.DictReader(f))
for row in report:
    print(f"{row['student']:4} ∂L/∂{row['wrt']:5} {row['verdict']:9} {row['diagnosis']:13} {row['detail']}")
verdicts = {row["student"]: row["verdict"] for row in report}
assert all((verdicts[student] == "correct") == (not mistake) for student, _, _, mistake in answers)

# %% [markdown]
# ## Checking one answer in Python
#
# `check` takes the objective, the parameter and the answer; with the built-in neuron the answer may
# use the lecture's inner name $z = \omega x + b$.

# %%
verdict = check(neuron_objective(), "omega", r"(y-\sigma(z))\sigma(z)(1-\sigma(z))x + 2\lambda\omega")
print(verdict)
