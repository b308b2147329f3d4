"""Search in a real browser (Debian's headless chromium): the header box finds Vietnamese with or without
diacritics, loads nothing until it is opened, and links results under the site's sub-path."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from test_news import english_ui

from browser import SiteServer, chromium
from conftest import ROOT, Built, make_site, run_build

SCRIPT = "content/assets/javascripts/nscl-search.js"
RESULTS = ".nscl-search .md-search-result__link"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless chromium for the module."""
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The news fixture, with the search script (fixture sites get the project's machinery, not content/)."""
    script = {SCRIPT: (ROOT / SCRIPT).read_text(encoding="utf-8")}
    result = run_build(make_site(tmp_path_factory.mktemp("search"), fixture="news", files=script))
    assert result.ok, result.log
    return result


class Reader:
    """A browser tab on the served site that records every URL it requests."""

    def __init__(self, browser: object, server: SiteServer, *, phone: bool = False) -> None:
        size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        self.page = browser.new_page(viewport=size)
        self.server = server
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))

    def open(self, url: str) -> None:
        """Load a page of the site and wait until the network is quiet."""
        self.page.goto(self.server.url + url)
        self.page.wait_for_load_state("networkidle")

    def fetched(self, part: str) -> list[str]:
        """Requested URLs (relative to the served root) that contain `part`."""
        return [u.replace(self.server.url, "") for u in self.requests if part in u]

    def search(self, query: str) -> list[tuple[str, str]]:
        """Type `query` into the header box and return the results shown: (href, title)."""
        box = self.page.locator(".nscl-search .md-search__input")
        # On a phone the box opens from the header button; on a wide screen it is always in the header.
        if self.page.locator("label.nscl-search-button").is_visible() and not self.page.is_checked("#__search"):
            self.page.click("label.nscl-search-button")
        box.fill(query)
        # The script marks the query whose results are on show once they are all rendered.
        self.page.wait_for_function(
            "q => document.querySelector('.nscl-search .md-search-result__meta').dataset.query === q", arg=query)
        return [(a.get_attribute("href"), a.locator("h1").inner_text()) for a in self.page.locator(RESULTS).all()]

    def close(self) -> None:
        """Close the tab."""
        self.page.close()


def test_real_site_finds_articles_typed_without_diacritics(real_site, browser):
    with SiteServer(real_site.site) as server:
        reader = Reader(browser, server)
        reader.open("tin-tuc/")
        # Nothing of the search is fetched for a page view: only the small script that waits for the reader.
        assert reader.fetched("pagefind") == []
        assert reader.fetched("search_index") == []
        results = reader.search("nang suat chat luong")
        assert len(results) >= 5
        titles = [title for _, title in results]
        assert any("năng suất chất lượng" in t.lower() for t in titles), titles
        assert reader.fetched("pagefind/pagefind.js") == ["pagefind/pagefind.js"]
        results = dict(reader.search("hai duong"))
        hai_duong = {href: title for href, title in results.items() if href.startswith("/nscl/tin-tuc/")
                     and "Hải Dương" in title}
        assert len(hai_duong) >= 2, results
        assert reader.errors == []
        reader.close()


def test_queries_with_and_without_diacritics_and_d(news_site, browser):
    with SiteServer(news_site.site) as server:
        reader = Reader(browser, server)
        reader.open("")
        assert reader.fetched("pagefind") == []
        expected = "/nscl/tin-tuc/dong-nai-tap-huan/"
        # `đ` is not a tone mark: "dong nai" finds "Đồng Nai" only through the folded words.
        for query in ("dong nai", "Đồng Nai", "đồng nai", "DONG NAI"):
            hrefs = [href for href, _ in reader.search(query)]
            # The article and Đồng Nai's page lead, whichever first: both are what the reader asked for.
            assert expected in hrefs[:2] and "/nscl/tinh-thanh/dong-nai/" in hrefs[:2], (query, hrefs)
        hrefs = [href for href, _ in reader.search("truy xuat nguon goc")]
        assert "/nscl/tin-tuc/hai-duong-de-an/" in hrefs
        assert "/nscl/tin-tuc/dong-nai-tap-huan/" not in hrefs
        assert reader.search("zzqxv") == []
        assert "Không tìm thấy" in reader.page.inner_text(".nscl-search .md-search-result__meta")
        assert reader.errors == []
        reader.close()


def test_results_link_under_the_sub_path_and_open_the_article(news_site, browser):
    with SiteServer(news_site.site) as server:
        reader = Reader(browser, server)
        reader.open("tin-tuc/nam/2026/")
        results = reader.search("ocop tuyen quang")
        assert results[0] == ("/nscl/tin-tuc/ocop-tuyen-quang/", "Tuyên Quang nâng chất lượng sản phẩm OCOP")
        for href, _ in results:
            assert urlsplit(urljoin(server.url, href)).path.startswith("/nscl/"), href
        reader.page.click(RESULTS)
        reader.page.wait_for_load_state("networkidle")
        assert reader.page.url == urljoin(server.url, "/nscl/tin-tuc/ocop-tuyen-quang/")
        assert reader.page.locator("h1").first.inner_text() == "Tuyên Quang nâng chất lượng sản phẩm OCOP"
        reader.close()


def test_phone_opens_the_box_from_the_header_button(news_site, browser):
    with SiteServer(news_site.site) as server:
        reader = Reader(browser, server, phone=True)
        reader.open("gioi-thieu/")
        assert reader.page.locator("label.nscl-search-button").is_visible()
        assert not reader.page.is_checked("#__search")
        assert reader.page.locator(".nscl-search .md-search__inner").bounding_box()["width"] == 0
        assert reader.fetched("pagefind") == []
        reader.page.click("label.nscl-search-button")
        reader.page.wait_for_function("() => document.activeElement && document.activeElement.name === 'query'")
        hrefs = [href for href, _ in reader.search("hai phong tfp")]
        assert hrefs[0] == "/nscl/tin-tuc/tfp-hai-phong/"
        # The box grows to the full phone width (Material animates it: wait for the end, not a mid-way frame).
        reader.page.wait_for_function(
            "() => document.querySelector('.nscl-search .md-search__inner').getBoundingClientRect().width > 389.5")
        assert reader.page.locator(".nscl-search .md-search__inner").bounding_box()["width"] == pytest.approx(390)
        reader.page.keyboard.press("Escape")
        assert not reader.page.is_checked("#__search")
        reader.close()


def test_markup_in_a_title_is_shown_as_text(tmp_path, browser):
    title = 'Tin <img src=x onerror=alert(1)> năng suất & <script>alert(2)</script>'
    files = {SCRIPT: (ROOT / SCRIPT).read_text(encoding="utf-8"),
             "content/tin-tuc/dac-biet.md": f"---\ntitle: '{title}'\ndate: 2026-11-01\nsummary: Tóm tắt.\n"
                                            "topics: [tfp]\n---\n\nBài có tiêu đề lạ zqxdacbiet.\n"}
    built = run_build(make_site(tmp_path / "site", files=files))
    assert built.ok, built.log
    with SiteServer(built.site) as server:
        reader = Reader(browser, server)
        reader.open("tin-tuc/dac-biet/")
        assert reader.page.locator("h1").first.inner_text() == title
        results = reader.search("zqxdacbiet")
        assert results == [("/nscl/tin-tuc/dac-biet/", title)]
        assert reader.errors == []
        reader.close()


def test_pages_read_vietnamese_after_scripts_ran(real_site, browser):
    with SiteServer(real_site.site) as server:
        reader = Reader(browser, server, phone=True)
        for url in ("tin-tuc/", "tin-tuc/trang/2/" if (real_site.site / "tin-tuc/trang/2").exists() else "chu-de/",
                    "tin-tuc/hai-duong-phe-duyet-de-an-nang-suat-chat-luong-2021-2030/"):
            reader.open(url)
            reader.page.mouse.wheel(0, 2000)
            assert english_ui(reader.page.content()) == [], url
        reader.search("nang suat")
        assert english_ui(reader.page.content()) == []
        reader.close()
