"""Generated kernels live as real modules in a cache folder (named by a hash of their source), so
numba's own on-disk cache keeps the machine code across runs; the first compile is timed."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import time
from pathlib import Path

#: name of the module for a source → (module, seconds spent loading and compiling on first use)
_LOADED: dict[str, object] = {}


def cache_dir() -> Path:
    """$SYMGRAD_CACHE, else ~/.cache/symgrad/kernels."""
    root = os.environ.get("SYMGRAD_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "symgrad")
    path = Path(root) / "kernels"
    path.mkdir(parents=True, exist_ok=True)
    return path


def load_module(source: str):
    """Import the generated source as a module (written once, atomically, under its hash)."""
    digest = hashlib.sha256(source.encode()).hexdigest()[:20]
    name = f"symgrad_kernel_{digest}"
    if name in _LOADED:
        return _LOADED[name]
    path = cache_dir() / f"{name}.py"
    if not path.exists() or path.read_text() != source:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(source)
        os.replace(tmp, path)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)  # our own generated code
    _LOADED[name] = module
    return module


def timed(call):
    """(result, seconds)."""
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start
