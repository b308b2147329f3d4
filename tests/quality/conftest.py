"""Sites for the quality gates: built once per session under a sub-path and served as GitHub Pages would."""

from __future__ import annotations

import json
import shutil
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from browser import SiteServer, chromium
from conftest import ROOT, Built, make_site, run_build

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Seconds each checker spent in this session, printed at the end so CI logs show where the time goes.
TIMINGS: dict[str, list[float]] = defaultdict(list)
# Findings below the gate (axe "moderate"/"minor"), listed at the end so they are seen, not lost.
NOTES: list[str] = []


@dataclass
class ServedSite:
    """A built site and the address it is served at (with the sub-path, ending in '/')."""

    built: Built
    url: str

    @property
    def site(self) -> Path:
        """The output folder."""
        return self.built.site

    def html_files(self) -> list[Path]:
        """Every HTML page of the build, sorted."""
        return sorted(self.site.rglob("*.html"))


@contextmanager
def timed(name: str) -> Iterator[None]:
    """Add the wall time of the `with` block to TIMINGS[name]."""
    start = time.perf_counter()
    try:
        yield
    finally:
        TIMINGS[name].append(time.perf_counter() - start)


def _serve_built(root: Path, label: str, after: Callable[[Path], None] | None = None) -> Iterator[ServedSite]:
    """Start the server first (its port is part of site_url), then build into the folder it serves.

    `after` changes the built site before it is served (the planted site's template-made error)."""
    with SiteServer(root / "site") as server:
        with timed(f"mkdocs build: {label}"):
            built = run_build(root, site_url=server.url)
        assert built.ok, built.log
        if after:
            after(built.site)
        yield ServedSite(built, server.url)


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The repository's real content, built once under http://127.0.0.1:<port>/nscl/ and served there."""
    root = make_site(tmp_path_factory.mktemp("quality-real"), fixture=None, real_content=True)
    _borrow_videos(root)
    yield from _serve_built(root, "real content")


def _borrow_videos(root: Path) -> None:
    """While the real catalogue is empty, check video pages with the videos fixture's catalogue in its place.

    The gates then cover every kind of page the site can have (player, listing, filters) instead of
    skipping them until the first real video is published.
    """
    catalogue = yaml.safe_load((root / "data" / "videos.yml").read_text(encoding="utf-8")) or {}
    if catalogue.get("videos"):
        return
    fixture = ROOT / "tests" / "fixtures" / "videos"
    shutil.copy2(fixture / "data" / "videos.yml", root / "data" / "videos.yml")
    shutil.copytree(fixture / "content" / "assets" / "video", root / "content" / "assets" / "video",
                    dirs_exist_ok=True)


@pytest.fixture(scope="session")
def planted_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """A small site with one planted error per checker (tests/fixtures/quality-planted), served the same way."""
    root = make_site(tmp_path_factory.mktemp("quality-planted"), fixture="quality-planted")
    # What every page links to (stylesheets, scripts, the footer's accessibility statement) comes from the
    # real content, so that the planted errors are the only findings.
    shutil.copytree(ROOT / "content" / "assets", root / "content" / "assets", dirs_exist_ok=True)
    shutil.copy2(ROOT / "content" / "tiep-can.md", root / "content" / "tiep-can.md")
    yield from _serve_built(root, "planted errors", after=_plant_invalid_element)


def _plant_invalid_element(site: Path) -> None:
    """An element HTML does not have, put in the built home page as a template mistake would put it.

    Written in an article, the sanitizer removes it with a warning before the checkers could see it
    (tests/test_sanitize_site.py); the page's templates are where such an error can still come from."""
    page = site / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "NSCL-PLANTED-ELEMENT" in html
    page.write_text(html.replace("NSCL-PLANTED-ELEMENT", "<blink>nhấp nháy</blink>"), encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless chromium, shared by the session's browser tests."""
    with chromium() as b:
        yield b


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a pytest-xdist worker, hand this worker's timings and notes to the main process (through a file)."""
    worker = getattr(session.config, "workerinput", {}).get("workerid")
    if worker and (NOTES or TIMINGS):
        path = _handover(session.config) / f"{worker}.json"
        path.write_text(json.dumps({"notes": NOTES, "timings": TIMINGS}), encoding="utf-8")


def _handover(config: pytest.Config) -> Path:
    """The folder where workers leave their timings for the main process."""
    folder = config.rootpath / ".pytest_cache" / "quality-gates"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def report(terminalreporter: pytest.TerminalReporter) -> None:
    """Print each checker's total time, so a slow gate shows in the CI log, and the findings below the gate.

    Called by tests/conftest.py in the main process, which pytest-xdist gives no quality test to load this
    file for: the workers' timings come through files (pytest_sessionfinish).
    """
    for path in sorted(_handover(terminalreporter.config).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        NOTES.extend(data["notes"])
        for name, runs in data["timings"].items():
            TIMINGS[name].extend(runs)
        path.unlink()
    if NOTES:
        terminalreporter.section("quality gates: findings below the gate")
        for note in sorted(set(NOTES)):
            terminalreporter.write_line(note)
    if not TIMINGS:
        return
    terminalreporter.section("quality gates: wall time")
    for name, runs in sorted(TIMINGS.items()):
        terminalreporter.write_line(f"{name:40} {sum(runs):7.1f} s  ({len(runs)} run{'s' if len(runs) > 1 else ''})")
