"""Writing outputs atomically (the implementation lives in ``symbolic.files``, usable by every package)."""
from __future__ import annotations

from symbolic.files import check_folder, write_atomic

__all__ = ["check_folder", "write_atomic"]
