"""Shared browser-test helpers: Debian's headless chromium driven by Playwright, and a GitHub-Pages-like server."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

# Debian's chromium (installed by `./run test`); Playwright's own browser download cannot work here.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Headless as root, and no background connections: the machine's network is closed and they would fail.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# The GitHub project sub-path the tests serve the site under, as Pages does for a repository.
PREFIX = "/nscl/"
# What GitHub Pages sends gzip-compressed when the browser accepts it (by file type); images go as they are.
COMPRESSED = (".html", ".css", ".js", ".svg", ".json", ".xml", ".atom", ".txt", ".csv")


def launch_chromium(playwright: Playwright) -> Browser:
    """Start Debian's chromium headless with the project's flags; fail clearly when it is not installed."""
    if not shutil.which(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} not found: run `./run test`, which installs Debian's chromium package")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, chromium_sandbox=False,
                                      args=list(CHROMIUM_FLAGS))


class _Shared:
    """The one Playwright driver and chromium of the test process: Playwright's sync API allows one per thread."""

    playwright: Playwright | None = None
    browser: Browser | None = None
    users = 0


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless chromium for the `with` block, shared by every fixture that holds one at the same time."""
    from playwright.sync_api import sync_playwright

    if _Shared.users == 0:
        _Shared.playwright = sync_playwright().start()
        try:
            _Shared.browser = launch_chromium(_Shared.playwright)
        except BaseException:
            _Shared.playwright.stop()
            raise
    _Shared.users += 1
    try:
        assert _Shared.browser is not None
        yield _Shared.browser
    finally:
        _Shared.users -= 1
        if _Shared.users == 0:
            assert _Shared.browser is not None and _Shared.playwright is not None
            _Shared.browser.close()
            _Shared.playwright.stop()
            _Shared.browser = _Shared.playwright = None


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serve `site` under `prefix` only, as Pages does: a missing page gets the site's 404.html with status 404,
    text types go gzip-compressed (level 6) to a browser that accepts it, over kept-alive HTTP/1.1 connections
    (Pages speaks HTTP/2; a new connection per request would make Lighthouse's simulated phone pay a handshake
    for each file)."""

    site: Path
    prefix: str
    protocol_version = "HTTP/1.1"

    def send_head(self) -> io.BytesIO | None:  # type: ignore[override]
        """A text file compressed when the client accepts gzip; anything else (folders, 404s) as usual."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and urllib.parse.urlsplit(self.path).path.endswith("/"):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.endswith(COMPRESSED) and os.path.isfile(path)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path: str) -> str:
        """Map /<prefix>/x onto site/x; anything outside the prefix maps to nothing."""
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if not url_path.startswith(self.prefix):
            return str(self.site / "-outside-the-sub-path-" / "-")
        return super().translate_path("/" + url_path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a 404 with the site's own 404 page, like GitHub Pages; other errors as usual."""
        page = self.site / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        """Tell LinkChecker it may go faster than 10 requests a second: its documented opt-in header."""
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def list_directory(self, path: str) -> None:
        """No folder listings: Pages answers 404 for a folder without index.html."""
        self.send_error(404)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the checkers report what matters."""


class _QuietServer(http.server.ThreadingHTTPServer):
    """A threading server that does not print a traceback when the browser drops a connection it no longer needs."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore dropped connections; report anything else as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """A local HTTP server on a free loopback port serving `site` under PREFIX (the folder may be built later)."""

    def __init__(self, site: Path, prefix: str = PREFIX) -> None:
        handler = type("Handler", (_SubPathHandler,), {"site": site, "prefix": prefix})
        self._httpd = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}{prefix}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def page_height(page: Page, url: str) -> int:
    """A page's height in CSS pixels once scrolled to the end, so that every block `content-visibility: auto`
    skipped while off screen has been drawn at its real height (issue 24 measures pages this way)."""
    page.goto(url, wait_until="load")
    for _ in range(3):  # each scroll may draw blocks that make the page longer
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_timeout(100)
    return page.evaluate("document.documentElement.scrollHeight")
