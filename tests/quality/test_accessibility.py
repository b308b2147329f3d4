"""axe-core in Debian's headless chromium: no serious or critical violation on each kind of page, in both palettes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from quality.checkers import AxeViolation, gated, run_axe
from quality.conftest import NOTES, ServedSite, timed

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Request, Route

    Contexts = Callable[[str, int], BrowserContext]

# Material's palette for each emulated preference (mkdocs.yml: light = "default", dark = "slate").
SCHEMES = {"light": "default", "dark": "slate"}
MISSING = "khong-co-trang-nay/muc-con/"
SITEMAP_HINT = ("\n(Material 9.8.1's script for alternate-language links fetches sitemap.xml beside the href of every"
                " <link rel=\"alternate\"> in the head, feed autodiscovery links included: each feed folder without"
                " a sitemap.xml costs every page view a 404.)")


def _largest(site: Path, section: str, *, exclude: tuple[str, ...] = ()) -> str | None:
    """The richest page one level under `section` (largest HTML, then by name), or None if there is none."""
    pages = [p for p in (site / section).glob("*/index.html") if p.parent.name not in exclude]
    if not pages:
        return None
    best = max(pages, key=lambda p: (p.stat().st_size, p.parent.name))
    return f"{section}/{best.parent.name}/"


def _largest_plan(site: Path) -> str | None:
    """The richest plan document's page (`tinh-thanh/<unit>/<plan>/`), or None if there is none."""
    pages = list((site / "tinh-thanh").glob("*/*/index.html"))
    if not pages:
        return None
    best = max(pages, key=lambda p: (p.stat().st_size, p.parent.as_posix()))
    return best.parent.relative_to(site).as_posix() + "/"


def _page(rel: str) -> Callable[[Path], str | None]:
    """A fixed page, if the build has it."""
    return lambda site: rel if (site / rel / "index.html").exists() else None


# Each kind of page the gate checks, found in whatever the build contains.
PAGES: dict[str, Callable[[Path], str | None]] = {
    "home": _page(""),
    "news-index": _page("tin-tuc/"),
    "news-article": lambda site: _largest(site, "tin-tuc", exclude=("trang", "nam")),
    "province": lambda site: _largest(site, "tinh-thanh"),
    "province-without-plan": _page("tinh-thanh/cao-bang/"),
    "video": lambda site: _largest(site, "video", exclude=("loai", "tinh", "trang")),
    "404": lambda site: MISSING if (site / "404.html").exists() else None,
    "accessibility-statement": _page("tiep-can/"),
    "about": _page("gioi-thieu/"),
    "topic": lambda site: _largest(site, "chu-de"),
    "province-index": _page("tinh-thanh/"),
    "video-index": _page("video/"),
    "overview": _page("tong-quan/"),
    "plan": lambda site: _largest_plan(site),
    "group": lambda site: _largest(site, "tong-quan/nhom"),
    "open-data": _page("du-lieu-mo/"),
    "feeds": _page("nguon-tin/"),
}


@dataclass
class Loaded:
    """A page as a reader's browser got it: status, palette, and whatever did not load."""

    page: Page
    status: int
    scheme: str
    failed: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def contexts(browser: Browser) -> Iterator[Callable[[str, int], BrowserContext]]:
    """One browser context per (preference, width), shared by the module's tests: a new one costs ~0.4 s."""
    made: dict[tuple[str, int], BrowserContext] = {}

    def _get(preference: str, width: int) -> BrowserContext:
        if (preference, width) not in made:
            made[preference, width] = browser.new_context(
                color_scheme=preference, reduced_motion="reduce", locale="vi-VN",
                viewport={"width": width, "height": 900})
        return made[preference, width]

    yield _get
    for context in made.values():
        context.close()


@contextmanager
def open_page(context: BrowserContext, url: str) -> Iterator[Loaded]:
    """Load `url` in a fresh tab of `context`; record failed and off-site requests."""
    failed: list[str] = []
    offsite: list[str] = []

    def _route(route: Route, request: Request) -> None:
        # The site loads nothing from other hosts; a request that tries is recorded and never sent.
        if request.url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            route.continue_()
        else:
            offsite.append(request.url)
            route.abort()

    page = context.new_page()
    page.route("**/*", _route)
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})") if r.url not in offsite else None)
    page.on("response", lambda r: failed.append(f"{r.url} ({r.status})")
            if r.status >= 400 and not r.request.is_navigation_request() else None)
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None, url
        scheme = page.evaluate("document.body.dataset.mdColorScheme")
        yield Loaded(page, response.status, scheme, failed, offsite)
    finally:
        page.close()


def _kind_url(served_site: ServedSite, kind: str) -> str:
    """The address of this build's page of `kind`; skip (saying why) when its section has not landed."""
    rel = PAGES[kind](served_site.site)
    if rel is None:
        pytest.skip(f"this build has no {kind} page yet: its section has not landed")
    return served_site.url + rel


@pytest.mark.parametrize("preference", list(SCHEMES))
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_or_critical_accessibility_violation(served_site: ServedSite, contexts: Contexts, kind: str,
                                                       preference: str):
    url = _kind_url(served_site, kind)
    with open_page(contexts(preference, 1280), url) as loaded:
        assert loaded.status == (404 if kind == "404" else 200), url
        assert loaded.scheme == SCHEMES[preference], f"{url}: palette not applied"
        with timed("axe-core: real site pages"):
            violations = run_axe(loaded.page)
    NOTES.extend(f"axe, not gated ({kind}, {preference}): {v.impact} {v.rule} at {', '.join(v.targets[:3])}"
                 for v in violations if v not in gated(violations))
    assert not gated(violations), f"{url} ({preference}):\n" + "\n".join(map(str, gated(violations)))


@pytest.mark.parametrize("preference", list(SCHEMES))
@pytest.mark.parametrize("width", [1280, 390])
def test_search_box_with_results_has_no_serious_or_critical_violation(served_site: ServedSite, contexts: Contexts,
                                                                     preference: str, width: int):
    # The search dialog is hidden until used, and axe skips what is hidden: open it, as a reader would.
    with open_page(contexts(preference, width), served_site.url) as loaded:
        page = loaded.page
        if page.locator(".md-search__input").count() == 0:
            pytest.skip("this build has no search box yet: its section has not landed")
        if width < 960:
            page.click('label.md-header__button[for="__search"]')
        page.fill(".md-search__input", "nang suat")
        page.wait_for_selector(".md-search-result__link", timeout=15_000)
        with timed("axe-core: real site pages"):
            violations = run_axe(page)
    assert not gated(violations), f"search results ({preference}, {width} px):\n" + "\n".join(
        map(str, gated(violations)))


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_loads_everything_it_needs_from_this_site_only(served_site: ServedSite, contexts: Contexts, kind: str):
    # The 404 page is served for any missing address, at any depth: its styles and scripts must still load.
    url = _kind_url(served_site, kind)
    with timed("chromium: page loads and reflow"), open_page(contexts("light", 1280), url) as loaded:
        # Scripts fetch after `load` (Material's sitemap look-ups, search indexes): wait until they are done.
        loaded.page.wait_for_load_state("networkidle")
        assert not loaded.failed, f"{url}: requests that failed: {loaded.failed}" + (
            SITEMAP_HINT if any(f.split(" ")[0].endswith("/sitemap.xml") for f in loaded.failed) else "")
        assert not loaded.offsite, f"{url}: requests to other hosts: {loaded.offsite}"


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_reflows_at_320_css_pixels_without_horizontal_scrolling(served_site: ServedSite, contexts: Contexts,
                                                                       kind: str):
    # WCAG 1.4.10: 320 CSS px wide is a 1280 px window zoomed to 400%.
    url = _kind_url(served_site, kind)
    with timed("chromium: page loads and reflow"), open_page(contexts("light", 320), url) as loaded:
        overflow = loaded.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{url}: {overflow} px wider than a 320 px screen"


def test_axe_catches_an_image_without_alt(planted_site: ServedSite, contexts: Contexts):
    with open_page(contexts("light", 1280), planted_site.url) as loaded, timed("axe-core: planted errors"):
        violations: list[AxeViolation] = run_axe(loaded.page)
    image_alt = [v for v in violations if v.rule == "image-alt"]
    assert len(image_alt) == 1, "\n".join(map(str, violations))
    assert image_alt[0].impact == "critical"
    assert image_alt[0].targets == ("img",)  # the only image on the page: the planted one
    assert image_alt[0] in gated(violations)
