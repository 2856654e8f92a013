"""Typed matrix objectives compiled to numpy or JAX (BLAS products, shared forward pass, stable forms) and trained."""
from __future__ import annotations

from .compile import CompiledTensor, compile_tensor, compile_text
from .runner import BACKENDS, Runner

__all__ = ["BACKENDS", "CompiledTensor", "Runner", "compile_tensor", "compile_text"]
