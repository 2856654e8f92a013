"""Typed matrix objectives compiled to numpy or JAX (BLAS products, shared forward pass, stable forms) and trained."""
from __future__ import annotations

from .compile import BACKENDS, CompiledTensor, compile_tensor, compile_text

__all__ = ["BACKENDS", "CompiledTensor", "compile_tensor", "compile_text"]
