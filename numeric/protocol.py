"""The one interface every backend implements: a batch prepared once, then kernels run on it.

A backend (numpy, fused, jax; see ``backends.py``) supplies, for a decomposed objective, a
``Kernels`` subclass: ``prepare(batch)`` turns a Batch into what its kernels read (device arrays,
contiguous copies, scratch buffers: the backend's state lives there, never on the Batch), and
``sums(theta, biases, prepared)`` computes the ``Sums`` over the rows.  Everything else (the
decomposition, the mean, bias slopes, the penalty) is done once, in ``decompose.py``, for all of them.
Matrix-form networks follow the same shape: ``prepare(batch)`` and ``value_and_grad(theta, prepared)``.
"""
from __future__ import annotations

import weakref
from abc import ABC, abstractmethod
from typing import Callable, ClassVar

import numpy as np

from .batch import Batch
from .decompose import Assembly, Decomposition, Sums


class Prepared:
    """A batch as one backend reads it: its size and dtype (subclasses add arrays and buffers).

    It must not hold the Batch itself: prepared batches are remembered per Batch, weakly.
    """

    def __init__(self, batch: Batch):
        self.n = batch.n
        self.dtype = batch.dtype


class PreparedCache:
    """Batch → its prepared form, built on first use and dropped with the Batch (minibatches come and go)."""

    def __init__(self, prepare: Callable[[Batch], Prepared]):
        self._prepare = prepare
        self._by_batch: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def __call__(self, data) -> Prepared:
        if isinstance(data, Prepared):
            return data
        found = self._by_batch.get(data)
        if found is None:
            found = self._by_batch[data] = self._prepare(data)
        return found


class Kernels(ABC):
    """A backend's kernels for one decomposed objective."""

    #: the backend's name in ``backends.BACKENDS``
    name: ClassVar[str] = ""

    def __init__(self, decomposition: Decomposition, assembly: Assembly):
        self.decomposition, self.assembly = decomposition, assembly
        #: seconds its first compile took (0 where there is nothing to compile ahead)
        self.compile_seconds = 0.0

    @abstractmethod
    def prepare(self, batch: Batch) -> Prepared:
        """The batch as these kernels read it."""

    @abstractmethod
    def sums(self, theta: np.ndarray, biases: np.ndarray, prepared: Prepared) -> Sums:
        """Σ ℓ, Σ ∂ℓ/∂θ (sample parameters), Σ ∂ℓ/∂z and Xᵀ·∂ℓ/∂z over the prepared rows."""
