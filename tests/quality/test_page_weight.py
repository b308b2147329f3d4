"""Page weight: what a reader's first visit transfers, compressed as GitHub Pages serves it, and from where.

A phone on a slow link pays for every byte of the first visit. Each page is loaded in a fresh browser
context (empty cache) from the real site under its sub-path; every response is counted, text types at
their gzip size (GitHub Pages compresses HTML, CSS, JavaScript, SVG, JSON and XML), everything else
as it is. Search is not loaded until the reader opens the search box, so it is not part of a first visit.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest

from browser import SiteServer
from conftest import make_site, run_build
from quality.conftest import NOTES, ServedSite, timed
from quality.test_accessibility import PAGES

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request, Response, Route

BUDGET = 150 * 1024  # bytes, compressed, for the first visit to one page (issue 8)
# What GitHub Pages sends gzip-compressed (by content type); images and fonts go as they are.
COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
              "application/rss+xml", "application/atom+xml", "application/manifest+json")
# The pages a reader lands on from a feed, a search engine or a shared link.
KINDS = ("news-article", "home", "province", "video", "news-index")


@dataclass
class Visit:
    """What one first visit fetched: each response's compressed size, and the requests to other hosts."""

    sizes: dict[str, int] = field(default_factory=dict)
    offsite: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def breakdown(self) -> str:
        return "\n".join(f"{size:>8} B  {url}" for url, size in sorted(self.sizes.items(), key=lambda kv: -kv[1]))


def transferred(response: Response) -> int:
    """The bytes this response costs over the wire: gzip level 6 (as Pages) for text types, else raw."""
    body = response.body()
    kind = response.headers.get("content-type", "")
    return len(gzip.compress(body, compresslevel=6, mtime=0)) if kind.startswith(COMPRESSED) else len(body)


def first_visit(browser: Browser, url: str, width: int = 390) -> Visit:
    """Load `url` with an empty cache on a phone-sized screen and count what was transferred."""
    visit = Visit()
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="vi-VN")
    try:
        page = context.new_page()

        def _route(route: Route, request: Request) -> None:
            if request.url.startswith(("http://127.0.0.1:", "data:", "blob:")):
                route.continue_()
            else:
                visit.offsite.append(request.url)
                route.abort()

        page.route("**/*", _route)
        page.on("response", lambda r: visit.sizes.__setitem__(r.url, transferred(r)) if r.ok else None)
        page.goto(url, wait_until="networkidle")
        # Scroll to the end, so images that load lazily are counted too.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return visit


@pytest.mark.parametrize("kind", KINDS)
def test_first_visit_is_light_and_stays_on_the_site(served_site: ServedSite, browser: Browser, kind: str):
    rel = PAGES[kind](served_site.site)
    assert rel is not None, f"the real site has no {kind} page"
    url = served_site.url + rel
    with timed("chromium: first-visit weight"):
        visit = first_visit(browser, url)
    NOTES.append(f"first visit, compressed: {kind} {visit.total / 1024:.1f} KB in {len(visit.sizes)} responses ({rel})")
    if kind == "news-article":
        NOTES.append(f"first visit of an article, by response:\n{visit.breakdown()}")
    assert not visit.offsite, f"{url} asked other hosts for: {visit.offsite}"
    assert visit.total <= BUDGET, f"{url}: {visit.total} B > {BUDGET} B\n{visit.breakdown()}"
    # The count is real: the page, its stylesheet and its script at least.
    assert any(u.endswith(".css") for u in visit.sizes) and any(u.endswith(".js") for u in visit.sizes), visit.sizes


def test_with_the_repository_linked_no_page_asks_another_host(tmp_path, browser: Browser):
    """The deployed site links its repository (REPO_URL): Material would then fetch its stars from GitHub."""
    root = make_site(tmp_path / "repo", fixture="news")
    with SiteServer(root / "site") as server:
        built = run_build(root, site_url=server.url, env={"REPO_URL": "https://github.com/example/nscl"})
        assert built.ok, built.log
        html = built.text("")
        assert 'href="https://github.com/example/nscl"' in html and "md-source" in html
        for rel in ("", "tin-tuc/dong-nai-tap-huan/"):
            visit = first_visit(browser, server.url + rel)
            assert visit.sizes, rel
            assert not visit.offsite, f"{rel}: {visit.offsite}"
