"""The numeric side's errors, both ``SymgradError``s, so the CLI prints them as one line and exits 2."""
from __future__ import annotations

from symbolic.errors import SymgradError


class DataError(SymgradError):
    """The data cannot be used: one line naming what is wrong (file, row, column, problem)."""


class DivergenceError(SymgradError):
    """Training diverged (loss or parameters became non-finite or exploded) at ``epoch``.

    ``last_parameters`` holds the last parameters that were still finite, so a caller can show them.
    """

    def __init__(self, message: str, epoch: int, last_parameters: object = None) -> None:
        super().__init__(message)
        self.epoch = epoch
        self.last_parameters = last_parameters

    def __reduce__(self):
        # Exception pickling replays only ``args``; keep the extra attributes too.
        return type(self), (str(self), self.epoch, self.last_parameters)


__all__ = ["DataError", "DivergenceError"]
