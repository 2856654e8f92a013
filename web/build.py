"""Build the static site dist/web/ from web/ (``make web`` runs ``npm ci`` first, then this).

The page and its worker are bundled by esbuild (KaTeX and viz-js inside); Pyodide's own files, KaTeX's
stylesheet and fonts are copied; the pinned wheels come from PyPI (web/requirements.txt, by hash) and
symgrad's pure-Python part ``symbolic`` is packed as a wheel of its own; every wheel then gets its
bytecode compiled by Pyodide's own Python (importing sympy from source costs 2.6 s in the page).  Pyodide's lock file is
rewritten to list those wheels with their real hashes, so ``loadPackage`` checks every byte it loads.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
MODULES = WEB / "node_modules"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
#: the engine's wheel: the ``symbolic`` package only (no numpy; ``numeric`` and the CLI stay behind)
ENGINE = "symgrad_symbolic"
ENGINE_DEPENDS = ["sympy", "mpmath", "lark"]


def bundle(out: Path) -> None:
    """app.js and worker.js with esbuild (the worker imports Pyodide's loader from ./pyodide/ at run time)."""
    esbuild = MODULES / ".bin" / "esbuild"
    common = ["--bundle", "--format=esm", "--minify", "--target=es2022", "--log-level=warning",
              "--legal-comments=none"]
    subprocess.run([str(esbuild), str(WEB / "src" / "app.js"), *common, f"--outfile={out / 'app.js'}"], check=True)
    subprocess.run([str(esbuild), str(WEB / "src" / "worker.js"), *common, "--external:./pyodide/*",
                    f"--outfile={out / 'worker.js'}"], check=True)


def copy_assets(out: Path) -> None:
    """The page, its stylesheet, Pyodide's runtime, KaTeX's CSS and woff2 fonts."""
    for name in ("index.html", "style.css", "favicon.svg"):
        shutil.copy2(WEB / "src" / name, out / name)
    (out / "pyodide").mkdir()
    for name in PYODIDE_FILES:
        shutil.copy2(MODULES / "pyodide" / name, out / "pyodide" / name)
    katex = MODULES / "katex" / "dist"
    (out / "katex" / "fonts").mkdir(parents=True)
    shutil.copy2(katex / "katex.min.css", out / "katex" / "katex.min.css")
    for font in sorted((katex / "fonts").glob("*.woff2")):  # every browser the page supports takes woff2
        shutil.copy2(font, out / "katex" / "fonts" / font.name)


def download_wheels(folder: Path) -> None:
    """The pinned wheels from PyPI, checked against their hashes."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                    "--require-hashes", "-r", str(WEB / "requirements.txt"), "-d", str(folder)], check=True)


def engine_wheel(folder: Path, version: str) -> Path:
    """``symbolic/`` as a pure-Python wheel (sources only, no caches)."""
    path = folder / f"{ENGINE}-{version}-py3-none-any.whl"
    info = f"{ENGINE}-{version}.dist-info"
    files = sorted(p for p in (ROOT / "symbolic").rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and p.suffix in (".py", ".lark", ".json", ".txt"))
    metadata = {f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {ENGINE}\nVersion: {version}\n"
                                    + "".join(f"Requires-Dist: {d}\n" for d in ENGINE_DEPENDS),
                f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: symgrad web/build.py\nRoot-Is-Purelib: true\n"
                                 "Tag: py3-none-any\n",
                f"{info}/top_level.txt": "symbolic\n"}
    record = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        entries = [(p.relative_to(ROOT).as_posix(), p.read_bytes()) for p in files]
        entries += [(name, text.encode()) for name, text in metadata.items()]
        for name, data in entries:
            info_ = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # reproducible bytes
            info_.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info_, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{name},sha256={digest},{len(data)}")
        record.append(f"{info}/RECORD,,")
        wheel.writestr(zipfile.ZipInfo(f"{info}/RECORD", date_time=(2020, 1, 1, 0, 0, 0)), "\n".join(record) + "\n")
    return path


def precompile(folder: Path) -> None:
    """Every wheel gets its bytecode, compiled by Pyodide's own Python (web/precompile.mjs, in Node)."""
    subprocess.run(["node", str(WEB / "precompile.mjs"), str(MODULES / "pyodide"), str(folder)], check=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_lock(folder: Path, engine: Path) -> None:
    """Pyodide's lock with sympy/mpmath pointing at PyPI's wheels, and lark and the engine added."""
    lock = json.loads((MODULES / "pyodide" / "pyodide-lock.json").read_text())
    packages = lock["packages"]
    wheels = {w.name.split("-")[0].lower(): w for w in folder.glob("*.whl")}
    for name in ("sympy", "mpmath", "lark"):
        wheel = wheels[name]
        entry = packages.get(name) or {"name": name, "imports": [name], "depends": [], "install_dir": "site",
                                       "package_type": "package", "unvendored_tests": False,
                                       "shared_library": False}
        entry.update(file_name=wheel.name, version=wheel.name.split("-")[1], sha256=_sha256(wheel))
        packages[name] = entry
    packages[ENGINE.replace("_", "-")] = {
        "name": ENGINE.replace("_", "-"), "version": engine.name.split("-")[1], "file_name": engine.name,
        "install_dir": "site", "sha256": _sha256(engine), "package_type": "package", "imports": ["symbolic"],
        "depends": ENGINE_DEPENDS, "unvendored_tests": False, "shared_library": False}
    (folder / "pyodide-lock.json").write_text(json.dumps(lock, separators=(",", ":")))


def build(staging: Path) -> None:
    """The whole site, into an empty folder."""
    bundle(staging)
    copy_assets(staging)
    download_wheels(staging / "pyodide")
    version = json.loads((WEB / "package.json").read_text())["version"]
    engine = engine_wheel(staging / "pyodide", version)
    precompile(staging / "pyodide")
    write_lock(staging / "pyodide", engine)
    staging.chmod(0o755)


def main(argv: list[str] | None = None) -> int:
    """Build the site into ``--out`` (default dist/web), replacing what was there."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(ROOT / "dist" / "web"))
    args = p.parse_args(argv)
    if not (MODULES / "pyodide").is_dir():
        print("web/node_modules is missing: run 'make web' (it runs npm ci in web/)", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))  # two builds at once do not collide
    try:
        build(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = out.with_name(f".{out.name}-old-{staging.name}")
    if out.exists():
        out.rename(old)  # swapped in two renames: a server never sees a half-built folder
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"built {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
