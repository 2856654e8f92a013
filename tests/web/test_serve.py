"""``symgrad serve``: the right types (application/wasm), the strict policy on every response, no listings,
and one clear line when the site is not built."""
from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest

from symgrad.commands.serve import CONTENT_SECURITY_POLICY, make_server
from tests.cli import run_cli


@pytest.fixture
def site(tmp_path):
    (tmp_path / "pyodide").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>")
    (tmp_path / "pyodide" / "pyodide.asm.wasm").write_bytes(b"\0asm\1\0\0\0")
    (tmp_path / "pyodide" / "pyodide.mjs").write_text("export {};")
    server = make_server(tmp_path, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path, content_type", [
    ("pyodide/pyodide.asm.wasm", "application/wasm"),
    ("pyodide/pyodide.mjs", "text/javascript"),
    ("", "text/html; charset=utf-8"),
])
def test_files_come_with_their_types_and_the_policy(site, path, content_type):
    with urllib.request.urlopen(site + path) as response:
        assert response.headers["Content-Type"] == content_type
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_policy_allows_no_other_origin():
    sources = [word for part in CONTENT_SECURITY_POLICY.split(";") for word in part.split()[1:]]
    assert set(sources) == {"'none'", "'self'", "'wasm-unsafe-eval'"}  # no inline script or style, no eval


def test_no_directory_listing(site):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(site + "pyodide/")
    assert err.value.code == 404


def test_a_missing_site_says_run_make_web(capsys, tmp_path):
    code, out, err = run_cli(capsys, "serve", "--dir", str(tmp_path / "nowhere"))
    assert code == 2 and err.strip().endswith("holds no built explorer: run make web first")
    assert err.count("\n") == 1


def test_the_pages_own_policy_is_the_servers():
    import re
    from pathlib import Path
    page = (Path(__file__).resolve().parents[2] / "web" / "src" / "index.html").read_text()
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    # a <meta> policy cannot say frame-ancestors; everything else is the same, for hosts that send no header
    assert meta == CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", "")
