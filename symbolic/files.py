"""Writing outputs atomically: a reader sees the old file or the whole new one, never half.

Every writer of every package goes through ``write_atomic`` (``symgrad.files`` re-exports it; ``symbolic``
is the lowest layer, so ``numeric`` and ``symbolic.graph`` can use it too). An error names the user's
path, never the temporary file, and a folder that does not exist is an error, not created: a typo in
``-o reslts/out.tex`` should not leave a new folder behind.
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Callable, IO


def check_folder(path: str | os.PathLike) -> Path:
    """``path`` as a Path, after checking it can be written: its folder exists and it is not a folder itself.

    Raises ``FileNotFoundError`` / ``NotADirectoryError`` naming the folder, ``IsADirectoryError`` naming
    ``path``: the CLI prints them as one line.
    """
    path = Path(path)
    if path.is_dir():  # else the rename fails naming the temporary file, not the user's path
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    folder = path.parent
    if not folder.exists():
        raise FileNotFoundError(errno.ENOENT, "No such directory", str(folder))
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(folder))
    return path


def write_atomic(path: str | os.PathLike, content: str | bytes | Callable[[IO[bytes]], None]) -> Path:
    """Write ``content`` (text, bytes, or a function writing to a binary file) to ``path`` atomically.

    The data goes to a temporary file in the same folder, which is renamed over ``path`` only when it
    is complete; on any failure the temporary file is removed and ``path`` is left as it was.
    """
    path = check_folder(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:  # e.g. a read-only folder: name the folder, not the temporary file
        raise type(err)(err.errno, err.strerror, str(path.parent)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            if callable(content):
                content(f)
            else:
                f.write(content.encode() if isinstance(content, str) else content)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes files private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException as err:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(err, OSError) and err.errno and err.filename in (None, tmp):  # disk full, say: the user's path
            raise type(err)(err.errno, err.strerror, str(path)) from None
        raise
    return path
