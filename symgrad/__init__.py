"""symgrad: a symbolic derivation explorer for machine learning (the command line composes
``symbolic`` and ``numeric``)."""
from __future__ import annotations

__version__ = "0.1.0"
