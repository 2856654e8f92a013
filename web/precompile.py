"""Run inside Pyodide by precompile.mjs: each wheel in /wheels gets its modules' bytecode, compiled by the
page's own Python, so importing sympy in the page reads .pyc files instead of compiling 2.6 s of source.

Test folders are left out (never imported at run time; a third of sympy).  The .pyc files are
"unchecked-hash" ones: valid whatever the unpacked files' times, as the sources never change.
"""
from __future__ import annotations

import base64
import compileall
import hashlib
import py_compile
import shutil
import sys
import zipfile
from pathlib import Path

SITE = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"
STAMP = (2020, 1, 1, 0, 0, 0)


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def rebuild(wheel: Path) -> None:
    root = Path("/tmp/unpacked") / wheel.stem
    with zipfile.ZipFile(wheel) as z:
        z.extractall(root)
    for folder in sorted((p for p in root.rglob("*") if p.is_dir() and p.name in ("tests", "benchmarks")),
                         key=lambda p: len(p.parts), reverse=True):
        if folder.exists():
            shutil.rmtree(folder)
    compileall.compile_dir(str(root), quiet=2, ddir=SITE, workers=1,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name == "RECORD")
    record_name = next(p for p in root.glob("*.dist-info")).name + "/RECORD"
    record = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
        for path in files:
            name = path.relative_to(root).as_posix()
            data = path.read_bytes()
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
            record.append(f"{name},sha256={_digest(data)},{len(data)}")
        record.append(f"{record_name},,")
        z.writestr(zipfile.ZipInfo(record_name, date_time=STAMP), "\n".join(record) + "\n")
    shutil.rmtree(root)


for path in sorted(Path("/wheels").glob("*.whl")):
    rebuild(path)
