"""The system tools some tests need, and the one reason a test gives when one is missing.

``make test`` and ``.ci/run`` install them (``.ci/system-packages``, apt-get as root); where that is
not possible, each test that needs one skips with the same line instead of failing.
"""
from __future__ import annotations

import shutil

import pytest

#: tool → the Debian package that provides it
PACKAGES = {"pdflatex": "texlive-latex-base", "dot": "graphviz", "pdftoppm": "poppler-utils",
            "pdftotext": "poppler-utils"}


def have(tool: str) -> bool:
    """Whether ``tool`` is on PATH."""
    return shutil.which(tool) is not None


def needs(tool: str):
    """Mark a test that needs ``tool``: skipped, with one reason, when it is not installed."""
    return pytest.mark.skipif(not have(tool), reason=f"{tool} is not installed (Debian package "
                              f"{PACKAGES[tool]}; `make test` installs it when run as root)")

#: seconds within which bounded work must end: far above its normal time (milliseconds), so a test using
#: it catches runaway work (a parser or checker that hangs or blows up) without timing the machine
RUNAWAY_SECONDS = 5.0
