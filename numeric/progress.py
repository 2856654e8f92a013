"""A tqdm progress bar with the current loss, as a training callback (silent when not on a terminal)."""
from __future__ import annotations

import sys


class ProgressBar:
    """Callback: one tick per epoch, the loss in the postfix; ``close()`` when training ends."""

    def __init__(self, epochs: int, description: str = "training", file=None):
        from tqdm import tqdm
        self.bar = tqdm(total=epochs, desc=description, unit="epoch", disable=None, file=file or sys.stderr,
                        leave=False)

    def __call__(self, info) -> None:
        self.bar.update(1)
        self.bar.set_postfix(loss=f"{info.loss:.4g}", refresh=False)

    def close(self) -> None:
        """Remove the bar."""
        self.bar.close()
