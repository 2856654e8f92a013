"""``symgrad serve``: the browser explorer (``make web`` builds it into dist/web) on 127.0.0.1.

The site is static files; any web server can host it.  This one sends the types browsers insist on
(``.wasm`` as application/wasm, ``.mjs`` as JavaScript) and a Content-Security-Policy that lets the
page load nothing from any other origin and run nothing inline: Pyodide and viz-js compile WebAssembly
('wasm-unsafe-eval'), and that is all it allows beyond 'self' (KaTeX sizes its boxes through the DOM,
which the policy does not restrict; no inline style or script is needed).
"""
from __future__ import annotations

import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from symbolic.errors import SymgradError

HOST = "127.0.0.1"

#: the policy every response carries (index.html repeats it in a <meta> for hosts that send none)
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
                           "connect-src 'self'; style-src 'self'; font-src 'self'; "
                           "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip",
         ".woff2": "font/woff2", ".css": "text/css", ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml"}


def add_arguments(p) -> None:
    """Arguments of ``symgrad serve``."""
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0 picks a free one)")
    p.add_argument("--open", action="store_true", help="open the page in the default browser")
    p.add_argument("--dir", default="dist/web", help="the built site (default dist/web, which `make web` builds)")
    p.add_argument("--log", action="store_true", help="print each request")


class ExplorerHandler(SimpleHTTPRequestHandler):
    """Static files with the right types and the security headers; no directory listings."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}
    log_requests = False

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "no-cache")  # revalidate: a rebuilt site is picked up at once
        super().end_headers()

    def list_directory(self, path):
        self.send_error(404, "not found")
        return None

    def log_message(self, format: str, *args) -> None:
        if self.log_requests:
            super().log_message(format, *args)


def site_folder(path: str | Path) -> Path:
    """The built site's folder (SymgradError naming ``make web`` when it is not built)."""
    folder = Path(path)
    if not (folder / "index.html").is_file() or not (folder / "pyodide").is_dir():
        raise SymgradError(f"{folder} holds no built explorer: run make web first")
    return folder.resolve()


def make_server(folder: str | Path, port: int = 0, log: bool = False,
                handler: type[ExplorerHandler] = ExplorerHandler) -> ThreadingHTTPServer:
    """A server for the site on 127.0.0.1 (``port`` 0: a free one; ``server.server_address[1]`` says which)."""
    handler = type("Handler", (handler,), {"log_requests": log})
    try:
        server = ThreadingHTTPServer((HOST, port), partial(handler, directory=str(site_folder(folder))))
    except OSError as err:
        raise SymgradError(f"cannot listen on {HOST}:{port}: {err.strerror or err}") from None
    server.daemon_threads = True
    return server


def run(args) -> int:
    """Serve until Ctrl-C."""
    if not 0 <= args.port <= 65535:
        raise SymgradError("--port must be between 0 and 65535")
    server = make_server(args.dir, args.port, args.log)
    url = f"http://{HOST}:{server.server_address[1]}/"
    print(f"serving {args.dir} at {url} (Ctrl-C stops)", flush=True)
    if args.open:
        import webbrowser
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(file=sys.stderr)
    finally:
        server.server_close()
    return 0
