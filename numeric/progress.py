"""A tqdm progress bar with the current loss, as a training callback (silent when not on a terminal)."""
from __future__ import annotations

import sys


#: seconds before the bar appears: a run shorter than this shows nothing
DELAY = 1.0


class ProgressBar:
    """Callback: one tick per epoch, the loss in the postfix; ``close()`` when training ends.

    The bar appears on a terminal once training has run for ``DELAY`` seconds (compiling included);
    ``last`` is the latest epoch's ``EpochInfo`` (None before the first), for a report on Ctrl-C.
    """

    def __init__(self, epochs: int, description: str = "training", file=None, delay: float = DELAY):
        from tqdm import tqdm
        self.epochs = epochs
        self.last = None
        self.bar = tqdm(total=epochs, desc=description, unit="epoch", disable=None, file=file or sys.stderr,
                        leave=False, delay=delay)

    def __call__(self, info) -> None:
        self.last = info
        self.bar.update(1)
        self.bar.set_postfix(loss=f"{info.loss:.4g}", refresh=False)

    def close(self) -> None:
        """Remove the bar."""
        self.bar.close()
