"""The browser tests' fixtures: the built site (``make web``), ``symgrad serve`` on a free loopback port,
and one headless Chromium (Debian's ``chromium`` and ``chromium-driver``) driven by selenium for a module."""
from __future__ import annotations

import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "dist" / "web"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
#: seconds the page may take to boot the engine on a busy 2-core machine (its goal is 6)
BOOT_SECONDS = 90


def browser_missing() -> str | None:
    """Why the browser tests cannot run here (None when they can)."""
    if not CHROMIUM or not CHROMEDRIVER:
        return ("Chromium is not installed (Debian packages chromium and chromium-driver; `make test` installs "
                "them when run as root)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def built_site() -> Path:
    """dist/web, built (or brought up to date) by ``make web``."""
    if shutil.which("npm") and shutil.which("make"):
        proc = subprocess.run(["make", "--no-print-directory", "-s", "web"], cwd=ROOT, capture_output=True,
                              text=True, timeout=900)
        assert proc.returncode == 0, f"make web failed:\n{proc.stdout}\n{proc.stderr}"
    elif not (SITE / ".built").is_file():
        pytest.skip("dist/web is not built and npm is not installed to build it (make web)")
    return SITE


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site's folder."""
    reason = browser_missing()
    if reason:
        pytest.skip(reason)
    return built_site()


class Served:
    """``symgrad serve``'s server in a thread, with the paths it was asked for."""

    def __init__(self, folder: Path):
        from symgrad.commands.serve import ExplorerHandler, make_server
        self.paths: list[str] = []
        paths = self.paths

        class Recording(ExplorerHandler):
            def log_request(self, code="-", size="-"):
                paths.append(self.path)
        self.server = make_server(folder, 0, handler=Recording)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def served(site):
    """The site on a free port of 127.0.0.1."""
    s = Served(site)
    yield s
    s.close()


@pytest.fixture(scope="module")
def browser(served):
    """One headless Chromium for the module, its network and console logged."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


def wait_for(driver, script: str, seconds: float = 30, what: str = ""):
    """Poll a JavaScript expression until it is truthy; its value (AssertionError naming ``what`` on timeout)."""
    end = time.monotonic() + seconds
    while True:
        value = driver.execute_script(f"return ({script});")
        if value:
            return value
        if time.monotonic() > end:
            status = driver.execute_script("return document.getElementById('status').textContent")
            raise AssertionError(f"timed out after {seconds} s waiting for {what or script} (status: {status})")
        time.sleep(0.1)


def open_page(driver, url: str, fragment: str = "") -> None:
    """Load the page (with a permalink fragment) and wait until the engine answered its first requests."""
    driver.get(url + ("#" + fragment if fragment else ""))
    wait_for(driver, "document.body.dataset.loaded === 'true'", BOOT_SECONDS, "the page to load")
