"""Browser tests: Debian's chromium, driven by Playwright, against the real server.

The server is uvicorn on a free loopback port, serving marsad's app on a store filled by
the pipeline from the example corpus, plus hand-made events (so the map and the timeline
have plenty to show) and one hostile article. Playwright's own browser download does not
work here, so the system chromium is launched by path. Without it the tests skip, unless
MARSAD_REQUIRE_BROWSER=1 (CI), which makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.store import Store
from synthetic_store import fill

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "examples" / "corpus"
OUTPUT = ROOT / "test-output" / "web"
CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # we may run as root, where chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _unavailable(reason: str) -> None:
    if os.environ.get("MARSAD_REQUIRE_BROWSER") == "1":
        pytest.fail(f"MARSAD_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, int]]:
    from marsad.pipeline import process
    from marsad.stages import document_extractor

    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'marsad.db'}"
    with Store.open(url) as store:
        report = process([str(CORPUS)], store, extractor=document_extractor())
        assert not report.failed, report.errors
        assert report.events_stored > 0
        info = fill(store, count=60)
    return url, info


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server(demo_store: tuple[str, dict[str, int]]) -> Iterator[str]:
    import uvicorn

    from marsad.api import create_app

    app = create_app(demo_store[0], token=None, tile_url="")
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start", pytrace=False)
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        _unavailable(
            f"no chromium at {CHROMIUM} (apt-get install chromium, or set MARSAD_CHROMIUM)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Tab:
    """A page plus what it must never do: open dialogs or throw."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str = "/") -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_selector("body[data-ready='true']", timeout=20_000)
        return self.page

    def wait_for(self, expression: str, timeout_s: float = 10.0) -> None:
        """Poll a JS expression until truthy. (Playwright's wait_for_function evaluates
        strings inside the page, which our CSP rightly forbids: no unsafe-eval.)"""
        deadline = time.monotonic() + timeout_s
        while not self.page.evaluate(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for: {expression}")
            self.page.wait_for_timeout(50)

    def screenshot(self, name: str, *, full_page: bool = False) -> Path:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        path = OUTPUT / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def _tab(
    browser: Any, server: str, viewport: dict[str, int], *, bypass_csp: bool = False
) -> Iterator[Tab]:
    context = browser.new_context(viewport=viewport, bypass_csp=bypass_csp)
    tab = Tab(context.new_page(), server)
    try:
        yield tab
        assert tab.errors == [], f"the page threw: {tab.errors}"
        assert tab.dialogs == [], f"a dialog opened: {tab.dialogs}"
    finally:
        context.close()


@pytest.fixture
def desktop(browser: Any, server: str) -> Iterator[Tab]:
    yield from _tab(browser, server, DESKTOP)


@pytest.fixture
def phone(browser: Any, server: str) -> Iterator[Tab]:
    yield from _tab(browser, server, PHONE)


@pytest.fixture(params=["with CSP", "without CSP"])
def desktop_any_csp(request: pytest.FixtureRequest, browser: Any, server: str) -> Iterator[Tab]:
    """The dashboard with its CSP, and with the CSP ignored: rendering alone must be safe."""
    yield from _tab(browser, server, DESKTOP, bypass_csp=request.param == "without CSP")
