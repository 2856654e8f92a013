"""The browser explorer's figures, next to the CLI's own: cold load to ready, derive the neuron, check an
answer, the graph at a point; and the site's size.

    make web && python benchmarks/web.py [--repeat 3]

Headless Chromium (Debian's chromium and chromium-driver, through selenium) loads dist/web from
``symgrad serve``'s server on 127.0.0.1 with a fresh profile (nothing cached). "ready" is from the
navigation's start to the engine's first answer-ready moment (Pyodide booted, sympy and symbolic
imported); each request is timed in the page from posting it to the worker to its reply (best of
``--repeat``, after a first, cold call that is shown too). The native columns: the same requests through
the same library calls in CPython (first in a fresh process, then repeated), and a fresh ``symgrad``
command (start-up included).
Goals: ready ≤ 6 s, derive ≤ 1 s, check ≤ 1.5 s, size ≤ 40 MB.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from timing import ROOT, best_of

SITE = ROOT / "dist" / "web"
ANSWER = r"2\lambda\omega - (y-\sigma(z))\sigma(z)(1-\sigma(z))x"
SIGN_MISTAKE = r"(y-\sigma(z))\sigma(z)(1-\sigma(z))x + 2\lambda\omega"  # the lecture's; diagnosed as sign
POINT = {"omega": 0.5, "b": 0.1, "x": 2.0, "y": 1.0, "lambda": 0.01}
NEURON = {"model": "neuron", "reg": "l2"}
REQUESTS = {
    "derive the neuron": {"kind": "derive", **NEURON},
    "check an answer": {"kind": "check", **NEURON, "wrt": "omega", "answer": ANSWER},
    "check a wrong one": {"kind": "check", **NEURON, "wrt": "omega", "answer": SIGN_MISTAKE},
    "graph at a point": {"kind": "graph", **NEURON, "point": POINT},
}
CLI = {
    "derive the neuron": ["derive", "--model", "neuron", "--reg", "l2", "--steps"],
    "check an answer": ["check", "--model", "neuron", "--reg", "l2", "--wrt", "omega", "--answer", ANSWER],
    "check a wrong one": ["check", "--model", "neuron", "--reg", "l2", "--wrt", "omega", "--answer", SIGN_MISTAKE],
    "graph at a point": ["graph", "--model", "neuron", "--reg", "l2", "--at",
                         ",".join(f"{k}={v}" for k, v in POINT.items())],
}
GOALS = {"ready (cold load)": 6.0, "derive the neuron": 1.0, "check an answer": 1.5, "check a wrong one": 1.5}
TIME_REQUEST = """
const [request, done] = arguments;
const started = performance.now();
window.symgrad.engine.request(request).then(
  (reply) => done([(performance.now() - started) / 1000, reply.error || null]),
  (err) => done([null, String(err)]));
"""


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", f"--user-data-dir={tempfile.mkdtemp(prefix='symgrad-bench-')}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_script_timeout(120)
    return driver


def serve():
    """The site on a free loopback port, counting the bytes it sends."""
    from symgrad.commands.serve import ExplorerHandler, make_server
    sent = []

    class Counting(ExplorerHandler):
        def send_header(self, keyword, value):
            if keyword.lower() == "content-length":
                sent.append(int(value))
            super().send_header(keyword, value)

    server = make_server(SITE, 0, handler=Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/", sent


def in_browser(driver, url: str, repeat: int) -> dict[str, tuple[float, float]]:
    """(first, best) seconds for the load and each request."""
    driver.get(url + "#loss=w*x&wrt=w")  # a small first problem: ready is the engine's boot, not a derivation
    end = time.monotonic() + 120
    while not driver.execute_script("return window.symgrad && window.symgrad.readyAt"):
        if time.monotonic() > end:
            raise SystemExit("the engine did not become ready within 120 s")
        time.sleep(0.05)
    ready = driver.execute_script("return window.symgrad.readyAt")
    while driver.execute_script("return document.body.dataset.loaded") != "true":
        time.sleep(0.05)
    out = {"ready (cold load)": (ready, None)}
    for name, request in REQUESTS.items():
        times = []
        for _ in range(repeat + 1):
            seconds, error = driver.execute_async_script(TIME_REQUEST, request)
            if error:
                raise SystemExit(f"{name}: {error}")
            times.append(seconds)
        out[name] = (times[0], min(times[1:]))
    return out


FIRST_CALLS = """
import json, sys, time
from symbolic.explorer import handle
handle({"kind": "derive", "loss": "w*x", "wrt": "w"})  # as the page does first
out = {}
for name, request in json.loads(sys.argv[1]).items():
    start = time.perf_counter()
    handle(request)
    out[name] = time.perf_counter() - start
print(json.dumps(out))
"""


def cli_library(repeat: int) -> dict[str, tuple[float, float]]:
    """(first, best) seconds of the same requests through the library calls the CLI makes, natively: first
    in a fresh process (in the page's order), then repeated in this one (sympy's cache warm)."""
    import json
    from symbolic.explorer import handle
    proc = subprocess.run([sys.executable, "-c", FIRST_CALLS, json.dumps(REQUESTS)], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    first = json.loads(proc.stdout)
    return {name: (first[name], best_of(lambda r=request: handle(r), repeat, warm=True))
            for name, request in REQUESTS.items()}


def cli_process(name: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "symgrad", *CLI[name]], capture_output=True, cwd=ROOT)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"symgrad {CLI[name][0]} exited {proc.returncode}: {proc.stderr.decode()}")
    return time.perf_counter() - start


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    if not (SITE / "index.html").is_file():
        raise SystemExit("dist/web is not built: run make web first")
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        raise SystemExit("needs Debian's chromium and chromium-driver")
    server, url, sent = serve()
    driver = browser()
    try:
        page = in_browser(driver, url, args.repeat)
    finally:
        driver.quit()
        server.shutdown()
    library = cli_library(args.repeat)
    print(f"{'':20}{'page first':>12}{'page again':>12}{'native first':>14}{'native again':>14}"
          f"{'symgrad CMD':>13}{'goal':>9}")
    for name, (first, best) in page.items():
        lib = [f"{t:.3f} s" for t in library[name]] if name in library else ["–", "–"]
        proc = f"{cli_process(name):.2f} s" if name in CLI else "–"
        goal = f"≤ {GOALS[name]:g} s" if name in GOALS else ""
        again = f"{best:.3f} s" if best is not None else "–"
        print(f"{name:20}{first:10.3f} s{again:>12}{lib[0]:>14}{lib[1]:>14}{proc:>13}{goal:>9}")
    print("(first: a question the engine has not seen; again: the same one repeated, sympy's cache warm; "
          "symgrad CMD: a fresh command, start-up included)")
    on_disk = sum(f.stat().st_size for f in SITE.rglob("*") if f.is_file())
    print(f"\nsite: {on_disk / 1e6:.1f} MB on disk (dist/web), {sum(sent) / 1e6:.1f} MB sent for one cold load "
          f"(goal ≤ 40 MB; cached by the browser afterwards)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
