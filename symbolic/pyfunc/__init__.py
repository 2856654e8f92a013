"""Python functions as answers: read a student's gradient function safely, render functions with latexify."""
from __future__ import annotations

from .reader import FunctionAnswer, read_function
from .render import algorithm_latex, function_latex

__all__ = ["read_function", "FunctionAnswer", "function_latex", "algorithm_latex"]
