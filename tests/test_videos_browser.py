"""The click-to-load player in Debian's headless chromium: nothing from a third party until the reader plays."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from browser import SiteServer, chromium
from conftest import ROOT, make_site, run_build

# The site's own player script and styles: a fixture site has only the fixture's content/.
ASSETS = ("content/assets/javascripts/nscl-video.js", "content/assets/stylesheets/nscl.css")
EMBED = "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The video fixture site, built for and served on 127.0.0.1 under a Pages-like sub-path.

    `site_url` is the address it is served from, as in production, so its own absolute links
    (canonical, feeds) are not mistaken for third parties.
    """
    root = make_site(tmp_path_factory.mktemp("videos-browser"), fixture="videos")
    for asset in ASSETS:
        (root / asset).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / asset, root / asset)
    server = SiteServer(root / "site")
    built = run_build(root, site_url=server.url)
    assert built.ok, built.log
    with server:
        yield server.url


@pytest.fixture(scope="module")
def browser():
    """One headless chromium for this module's tests."""
    with chromium() as b:
        yield b


def _open(browser, url: str, *, javascript: bool = True):
    """A page on `url` whose every request is recorded; only the local server is reached, others aborted."""
    context = browser.new_context(java_script_enabled=javascript)
    requests: list[str] = []

    def handle(route) -> None:
        requests.append(route.request.url)
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    context.route("**/*", handle)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return context, page, requests


def test_no_third_party_request_before_play_then_the_no_cookie_embed(served, browser):
    context, page, requests = _open(browser, served + "video/hd-phong-su-1/")
    before = list(requests)
    assert {urlsplit(u).hostname for u in before} == {"127.0.0.1"}, before
    assert any(u.endswith("/assets/javascripts/nscl-video.js") for u in before)
    assert any(u.endswith("/assets/video/hd-phong-su-1.png") for u in before)
    assert page.locator("iframe").count() == 0

    button = page.get_by_role("button", name=re.compile(r"^Phát video"))
    assert button.is_visible()
    # The click is what asks the video host (offline here, so the request is aborted, not served).
    with page.expect_request(lambda r: urlsplit(r.url).hostname != "127.0.0.1") as first_outside:
        button.click()
    assert first_outside.value.url == EMBED
    frame = page.locator(".nscl-player__frame iframe")
    assert frame.get_attribute("src") == EMBED
    assert frame.get_attribute("title") == "Phóng sự truy xuất nguồn gốc ở Hải Dương"
    assert page.locator(".nscl-player__play").count() == 0
    context.close()


def test_without_javascript_the_plain_link_remains(served, browser):
    context, page, requests = _open(browser, served + "video/hd-phong-su-1/", javascript=False)
    assert {urlsplit(u).hostname for u in requests} == {"127.0.0.1"}
    assert not page.locator(".nscl-player__play").is_visible()
    link = page.get_by_role("link", name="Xem video trên YouTube")
    assert link.is_visible()
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=M7lc1UVf-VE"
    # The filters are links to generated pages: they work without JavaScript too.
    page.get_by_role("link", name="Phóng sự").first.click()
    page.wait_for_load_state()
    assert page.url == served + "video/loai/phong-su/"
    assert page.locator(".nscl-video-card").count() == 3
    context.close()


def test_the_listing_requests_only_the_local_server(served, browser):
    context, page, requests = _open(browser, served + "video/")
    assert {urlsplit(u).hostname for u in requests} == {"127.0.0.1"}
    assert page.locator(".nscl-video-card").count() == 8
    assert requests[0] == served + "video/"
    context.close()
