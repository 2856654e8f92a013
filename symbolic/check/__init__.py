"""Checking hand-derived gradients: ``compare(expected, answer)`` gives a Verdict with, for a wrong
answer, a diagnosis (sign, missing_term, extra_term, factor, other) and a counterexample."""
from __future__ import annotations

from .records import DIAGNOSES, VERDICTS, Counterexample, Diagnosis, Verdict
from .verdict import CheckSettings, compare
from .answer import NOTATIONS, check, parse_answer
from .chain import check_derivation

__all__ = ["check", "check_derivation", "parse_answer", "NOTATIONS", "compare", "CheckSettings", "Verdict", "Diagnosis", "Counterexample", "DIAGNOSES", "VERDICTS"]
