"""News (issue 3): listings, archive, topics, article pages, metadata and the search index, read from real builds."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import lxml.html
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, Built, make_site, run_build

SITE = "https://example.org/nscl/"
# The fixture's seven articles, newest first.
NEWEST_FIRST = ["ca-mau-ma-so-ma-vach", "khanh-hoa-chuyen-gia", "dong-nai-tap-huan", "ocop-tuyen-quang",
                "an-giang-ke-hoach", "tfp-hai-phong", "hai-duong-de-an"]
# Material's English UI strings (and the ones its Vietnamese translation leaves in English).
ENGLISH_UI = ("Previous", "Next", "Table of contents", "Back to top", "Skip to content", "Search",
              "Copy to clipboard", "Initializing search", "Type to start searching", "RSS feed", "Contributors",
              "Tabs", "Metadata", "Last update", "Edit this page", "Clear", "Share", "Header", "Footer",
              "Navigation", "Made with", "Select language", "No matching documents", "Back to")


def with_page_size(size: int) -> dict[str, str]:
    """The project's mkdocs.yml with `extra.news.page_size` set to `size`."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    page_size: 10\n" in text
    return {"mkdocs.yml": text.replace("    page_size: 10\n", f"    page_size: {size}\n")}


def article(title: str = "Bài thử nghiệm", date: str = "2026-11-01", *, topics: str = "[tfp]",
            extra: str = "", body: str = "Nội dung bài viết về năng suất chất lượng.") -> str:
    """A valid article: front matter (with `extra` lines added) and a body."""
    front = {"title": title, "date": date, "summary": "Tóm tắt bài thử nghiệm.", "provinces": ["hai-duong"]}
    return ("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + f"topics: {topics}\n" + extra
            + "---\n\n" + body + "\n")


def doc(built: Built, url: str) -> BeautifulSoup:
    """The parsed page at `url`."""
    return BeautifulSoup(built.text(url), "html.parser")


def listed(built: Built, url: str) -> list[str]:
    """Slugs of the articles a listing page links, in order."""
    return [a.get("href").rstrip("/").rsplit("/", 1)[-1]
            for a in doc(built, url).select(".nscl-news-item__title a")]


def search_records(built: Built) -> dict[str, dict]:
    """Every page of the Pagefind index by URL: its text, word count and metadata (fragments are gzip JSON)."""
    records = {}
    for path in sorted((built.site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        record = json.loads(data[len(b"pagefind_dcd"):])
        records[record["url"]] = record
    return records


def json_ld(built: Built, url: str) -> list[dict]:
    """The JSON-LD blocks of a page, parsed."""
    return [json.loads(s.text) for s in doc(built, url).select('script[type="application/ld+json"]')]


def og(built: Built, url: str) -> dict[str, list[str]]:
    """Open Graph properties of a page (a property may repeat)."""
    result: dict[str, list[str]] = {}
    for meta in doc(built, url).select("meta[property]"):
        result.setdefault(meta.get("property"), []).append(meta.get("content"))
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The news fixture (seven articles over 2025-2026, one with a cover), three articles per listing page."""
    result = run_build(make_site(tmp_path_factory.mktemp("news"), fixture="news", files=with_page_size(3)))
    assert result.ok, result.log
    return result


# ---------------------------------------------------------------------------------------------
# Listings


def test_news_index_is_paginated_newest_first(built):
    assert listed(built, "tin-tuc/") == NEWEST_FIRST[:3]
    assert listed(built, "tin-tuc/trang/2/") == NEWEST_FIRST[3:6]
    assert listed(built, "tin-tuc/trang/3/") == NEWEST_FIRST[6:]
    assert not built.path("tin-tuc/trang/4/").exists()
    assert not built.path("tin-tuc/trang/1/").exists()
    pager = doc(built, "tin-tuc/trang/2/").select(".nscl-pagination")[0]
    assert pager.select('a[rel="prev"]')[0].get("href") == "../../"
    assert pager.select('a[rel="next"]')[0].get("href") == "../3/"
    assert pager.select('a[aria-current="page"]')[0].text == "2"
    assert "trang 2/3" in doc(built, "tin-tuc/trang/2/").select("h1")[0].get_text()
    assert "<title>Tin tức (trang 2) - " in built.text("tin-tuc/trang/2/")


def test_listings_show_title_date_and_summary_never_the_body(built):
    page = built.text("tin-tuc/")
    item = doc(built, "tin-tuc/").select(".nscl-news-item")[2]
    assert item.select("time")[0].get("datetime") == "2026-03-10"
    assert item.select("time")[0].text == "10/03/2026"
    assert item.select(".nscl-news-item__summary")[0].text == (
        "Tóm tắt: Đồng Nai tập huấn năng suất chất lượng cho doanh nghiệp.")
    # Each article body carries a marker word; no listing page may contain any.
    for url in ("tin-tuc/", "tin-tuc/trang/2/", "tin-tuc/nam/2026/", "chu-de/dao-tao-chuyen-gia/", "chu-de/"):
        assert "Noidungchitiet" not in built.text(url), url
    assert "Noidungchitiet dongnaitaphuan" in built.text("tin-tuc/dong-nai-tap-huan/")
    assert page.count('class="nscl-news-item"') == 3


def test_archive_by_year(built):
    assert listed(built, "tin-tuc/nam/2026/") == NEWEST_FIRST[:3]
    assert listed(built, "tin-tuc/nam/2026/trang/2/") == NEWEST_FIRST[3:4]
    assert listed(built, "tin-tuc/nam/2025/") == NEWEST_FIRST[4:]
    assert not built.path("tin-tuc/nam/2024/").exists()
    years = [(a.text, a.next_sibling.strip()) for a in doc(built, "tin-tuc/nam/").select(".nscl-news-groups a")]
    assert years == [("Năm 2026", ""), ("Năm 2025", "")]
    counts = [s.text for s in doc(built, "tin-tuc/nam/").select(".nscl-news-count")]
    assert counts == ["(4 bài)", "(3 bài)"]


def test_topic_pages_and_topic_index(built):
    assert listed(built, "chu-de/dao-tao-chuyen-gia/") == ["khanh-hoa-chuyen-gia", "dong-nai-tap-huan"]
    assert listed(built, "chu-de/ke-hoach-trien-khai/") == ["an-giang-ke-hoach", "hai-duong-de-an"]
    topics = yaml.safe_load((ROOT / "data/topics.yml").read_text(encoding="utf-8"))["topics"]
    # Every topic of the controlled list has a page, even one without articles yet.
    for topic in topics:
        assert built.path(f"chu-de/{topic['slug']}/").exists(), topic["slug"]
    assert "Chưa có bài viết nào." in built.text("chu-de/giai-thuong-chat-luong/")
    index = doc(built, "chu-de/")
    names = [a.text for a in index.select(".nscl-news-groups a")]
    assert names == [t["name"] for t in sorted(topics, key=lambda t: t["slug"])]
    assert index.select(".nscl-news-groups li")[0].select("p")[0].text == sorted(
        topics, key=lambda t: t["slug"])[0]["description"]
    topic_page = doc(built, "chu-de/tfp/")
    assert topic_page.select("h1")[0].text == "Năng suất các nhân tố tổng hợp (TFP)"


def test_listings_are_in_the_navigation_and_articles_are_not(built):
    nav = doc(built, "gioi-thieu/").select(".md-tabs__list")[0]
    tabs = [a.get_text().strip() for a in nav.select("a")]
    assert "Tin tức" in tabs
    sidebar = doc(built, "tin-tuc/").select(".md-nav--primary")[0].get_text()
    assert "Lưu trữ theo năm" in sidebar and "Chủ đề" in sidebar
    assert "Hải Dương phê duyệt" not in sidebar


# ---------------------------------------------------------------------------------------------
# The article page


def test_article_page_shows_dates_places_topics_source_and_reading_time(built):
    page = doc(built, "tin-tuc/hai-duong-de-an/")
    assert page.select("h1")[0].text == "Hải Dương phê duyệt đề án năng suất chất lượng"
    times = page.select(".nscl-article-meta time")
    assert [(t.get("datetime"), t.text) for t in times] == [("2025-01-11T00:00:00+07:00", "11/01/2025"),
                                                            ("2025-02-01T00:00:00+07:00", "01/02/2025")]
    dates = page.select(".nscl-article-meta__dates")[0].get_text()
    assert "Cập nhật" in dates and "1 phút đọc" in dates and "Ban biên tập" in dates
    topics = [(a.text, a.get("href")) for a in page.select(".nscl-article-meta__topics a")]
    assert topics == [("Kế hoạch triển khai", "../../chu-de/ke-hoach-trien-khai/"),
                      ("Truy xuất nguồn gốc", "../../chu-de/truy-xuat-nguon-goc/")]
    source = page.select(".nscl-article-source a")[0]
    assert (source.text, source.get("href")) == ("Cổng thông tin thử nghiệm", "https://example.org/nguon")


def test_province_is_a_link_only_when_its_page_exists(built):
    places = doc(built, "tin-tuc/hai-duong-de-an/").select(".nscl-article-meta__places")[0]
    has_page = built.path("tinh-thanh/hai-duong/").exists()
    assert bool(places.select('a[href="../../tinh-thanh/hai-duong/"]')) == has_page
    assert "Hải Dương" in places.get_text()
    # Cà Mau has no plan, but every current unit has a page since issue 13: its name is a link too.
    assert built.path("tinh-thanh/ca-mau/").exists()
    places = doc(built, "tin-tuc/ca-mau-ma-so-ma-vach/").select(".nscl-article-meta__places")[0]
    assert [a.text for a in places.select('a[href="../../tinh-thanh/ca-mau/"]')] == ["Cà Mau"]


def test_reading_time_grows_with_the_text(build_site):
    long_body = " ".join(["năng suất"] * 500)  # 1,000 words at 200 a minute
    built = build_site({"content/tin-tuc/dai.md": article(body=long_body)})
    assert built.ok, built.log
    assert "5 phút đọc" in doc(built, "tin-tuc/dai/").select(".nscl-article-meta__dates")[0].get_text()


def test_previous_and_next_are_chronological(built):
    def neighbours(slug: str) -> tuple[str | None, str | None]:
        nav = doc(built, f"tin-tuc/{slug}/").select(".nscl-article-nav")
        older = nav[0].select('a[rel="prev"]') if nav else []
        newer = nav[0].select('a[rel="next"]') if nav else []
        return (older[0].get("href") if older else None, newer[0].get("href") if newer else None)

    assert neighbours("dong-nai-tap-huan") == ("../ocop-tuyen-quang/", "../khanh-hoa-chuyen-gia/")
    assert neighbours("ca-mau-ma-so-ma-vach") == ("../khanh-hoa-chuyen-gia/", None)
    assert neighbours("hai-duong-de-an") == (None, "../tfp-hai-phong/")


def test_share_links_need_no_script(built):
    page = doc(built, "tin-tuc/dong-nai-tap-huan/")
    url = "https%3A%2F%2Fexample.org%2Fnscl%2Ftin-tuc%2Fdong-nai-tap-huan%2F"
    links = {a.text: a.get("href") for a in page.select(".nscl-share a")}
    assert links["Facebook"] == f"https://www.facebook.com/sharer/sharer.php?u={url}"
    assert links["Zalo"].endswith(f"?url={url}")
    assert links["X"].startswith(f"https://x.com/intent/post?url={url}&text=")
    assert links["Thư điện tử"].startswith("mailto:?subject=%C4%90%E1%BB%93ng%20Nai")
    button = page.select(".nscl-share button")[0]
    assert button.get("data-clipboard-text") == f"{SITE}tin-tuc/dong-nai-tap-huan/"
    # No script from a network: every script the page loads is the site's own.
    for script in page.select("script[src]"):
        assert not script.get("src").startswith(("http:", "https:", "//")), script.get("src")


def test_cover_image_has_its_size_alt_and_loads_at_once(built):
    # `image`/`image_alt`, the older names of `cover`/`cover_alt`, still work (tests/test_cards.py: the rest).
    img = doc(built, "tin-tuc/dong-nai-tap-huan/").select(".nscl-article-cover img")[0]
    assert re.fullmatch(r"\.\./\.\./assets/covers/[0-9a-f]{20}\.webp", img["src"])
    assert (img["alt"], img["width"], img["height"]) == ("Hội nghị tập huấn tại Biên Hòa", "64", "36")
    assert img["srcset"] == img["src"] + " 64w" and "loading" not in img.attrs  # above the fold
    assert built.path("tin-tuc/anh/hoi-nghi.png").exists()
    props = og(built, "tin-tuc/dong-nai-tap-huan/")
    assert re.fullmatch(f"{SITE}assets/covers/[0-9a-f]{{20}}\\.jpg", props["og:image"][0])
    assert (props["og:image:width"], props["og:image:height"]) == (["1200"], ["630"])
    assert props["og:image:alt"] == ["Hội nghị tập huấn tại Biên Hòa"]
    assert doc(built, "tin-tuc/hai-duong-de-an/").select(".nscl-article-cover") == []


def test_images_in_the_text_are_sized_and_lazy_like_the_cover(build_site):
    body = ("![Ảnh trong bài](anh/hoi-nghi.png)\n\n![Ảnh chỉnh cỡ](anh/hoi-nghi.png){ width=\"32\" }\n\n"
            "![Ảnh nơi khác](https://example.com/a.png)\n\n![Ảnh không có](anh/khong-co.png)")
    built = build_site(fixture="news", files={"content/tin-tuc/co-anh.md": article(body=body)}, strict=False)
    assert built.ok, built.log
    images = [img.attrs for img in doc(built, "tin-tuc/co-anh/").select("article img")]
    lazy = {"loading": "lazy", "decoding": "async"}
    assert images == [
        {"alt": "Ảnh trong bài", "src": "../anh/hoi-nghi.png", "width": "64", "height": "36"} | lazy,
        {"alt": "Ảnh chỉnh cỡ", "src": "../anh/hoi-nghi.png", "width": "32"} | lazy,  # the editor's size is kept
        {"alt": "Ảnh nơi khác", "src": "https://example.com/a.png"} | lazy,  # not ours: size unknown
        {"alt": "Ảnh không có", "src": "anh/khong-co.png"} | lazy,  # MkDocs warns of the missing file
    ]


# ---------------------------------------------------------------------------------------------
# Metadata: Open Graph and JSON-LD


def test_article_open_graph_and_news_article_json_ld(built):
    props = og(built, "tin-tuc/hai-duong-de-an/")
    assert props["og:type"] == ["article"]
    assert props["og:title"] == ["Hải Dương phê duyệt đề án năng suất chất lượng"]
    assert props["og:url"] == [f"{SITE}tin-tuc/hai-duong-de-an/"]
    assert props["og:locale"] == ["vi_VN"]
    assert props["article:published_time"] == ["2025-01-11T00:00:00+07:00"]
    assert props["article:modified_time"] == ["2025-02-01T00:00:00+07:00"]
    assert props["article:tag"] == ["Kế hoạch triển khai", "Truy xuất nguồn gốc"]
    [data] = json_ld(built, "tin-tuc/hai-duong-de-an/")
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Hải Dương phê duyệt đề án năng suất chất lượng"
    assert data["datePublished"] == "2025-01-11T00:00:00+07:00"
    assert data["dateModified"] == "2025-02-01T00:00:00+07:00"
    assert data["url"] == data["mainEntityOfPage"]["@id"] == f"{SITE}tin-tuc/hai-duong-de-an/"
    assert data["inLanguage"] == "vi"
    assert data["author"] == [{"@type": "Organization", "name": "Ban biên tập"}]
    assert data["publisher"] == {"@type": "Organization", "name": "Năng suất chất lượng Việt Nam", "url": SITE}
    assert data["contentLocation"] == [{"@type": "AdministrativeArea", "name": "Tỉnh Hải Dương"}]
    assert data["isBasedOn"]["url"] == "https://example.org/nguon"
    assert "image" not in data
    [with_cover] = json_ld(built, "tin-tuc/dong-nai-tap-huan/")
    assert with_cover["image"] == {"@type": "ImageObject", "url": f"{SITE}tin-tuc/anh/hoi-nghi.png", "width": 64,
                                   "height": 36, "caption": "Hội nghị tập huấn tại Biên Hòa"}


def test_other_pages_are_websites_without_article_data(built):
    for url in ("tin-tuc/", "chu-de/tfp/", "gioi-thieu/"):
        props = og(built, url)
        assert props["og:type"] == ["website"], url
        assert "article:published_time" not in props
        assert not any(d.get("@type") == "NewsArticle" for d in json_ld(built, url))
    assert og(built, "")["og:title"] == ["Năng suất chất lượng Việt Nam"]


def test_titles_with_markup_are_escaped_everywhere(build_site):
    title = 'Tin <script>alert("x")</script> & <b>đậm</b>'
    page = f"---\ntitle: '{title}'\ndescription: Mô tả <i>nghiêng</i>\n---\n\nNội dung trang.\n"
    built = build_site({"content/tin-tuc/dac-biet.md": article(title, extra="author: [Lê & Trần, Ban biên tập]\n"),
                        "content/gioi-thieu.md": page}, site_url=SITE)
    assert built.ok, built.log
    escaped = "Tin &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;"
    for url in ("tin-tuc/dac-biet/", "tin-tuc/", "tin-tuc/nam/2026/", "chu-de/tfp/", ""):
        text = built.text(url)
        assert "<script>alert" not in text and "<b>đậm" not in text, url
    # A plain page (not an article) gets the same care: its title is in the navigation of every page.
    plain = built.text("gioi-thieu/")
    assert f"<title>{escaped} - Năng suất chất lượng Việt Nam</title>" in plain and "<i>nghiêng" not in plain
    assert '<meta name="description" content="Mô tả &lt;i&gt;nghiêng&lt;/i&gt;">' in plain
    page = built.text("tin-tuc/dac-biet/")
    assert f"<h1>{escaped}</h1>" in page
    assert f"<title>{escaped} - Năng suất chất lượng Việt Nam</title>" in page
    assert f'<meta property="og:title" content="{escaped}">' in page
    header = doc(built, "tin-tuc/dac-biet/").select('[data-md-component="header-topic"]')[0]
    assert header.get_text().strip() == title
    assert doc(built, "tin-tuc/").select(".nscl-news-item__title a")[0].text == title
    [data] = json_ld(built, "tin-tuc/dac-biet/")
    assert data["headline"] == title
    assert '<meta name="author" content="Lê &amp; Trần, Ban biên tập">' in page
    assert data["author"] == [{"@type": "Person", "name": "Lê & Trần"},
                              {"@type": "Organization", "name": "Ban biên tập"}]
    script = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in script and "&" not in script and "\\u003c/script\\u003e" in script


# ---------------------------------------------------------------------------------------------
# Drafts, scheduling, search index


def test_draft_is_absent_from_listings_search_and_sitemap(build_site):
    built = build_site({
        "content/tin-tuc/da-dang.md": article("Bài đã đăng", topics="[ocop]", body="Tudaxuatban năng suất."),
        "content/tin-tuc/ban-nhap.md": article("Bài nháp", topics="[ocop]", extra="draft: true\n",
                                               body="Tubimatnhap năng suất."),
    })
    assert built.ok, built.log
    assert not built.path("tin-tuc/ban-nhap/").exists()
    for url in ("tin-tuc/", "tin-tuc/nam/", "tin-tuc/nam/2026/", "chu-de/ocop/", "chu-de/", "sitemap.xml"):
        assert "ban-nhap" not in built.text(url) and "Bài nháp" not in built.text(url), url
    assert listed(built, "chu-de/ocop/") == ["da-dang"]
    assert "(1 bài)" in built.text("tin-tuc/nam/")
    records = search_records(built)
    assert "/tin-tuc/da-dang/" in records and "Tudaxuatban" in records["/tin-tuc/da-dang/"]["content"]
    assert "/tin-tuc/ban-nhap/" not in records
    assert not any("Tubimatnhap" in r["content"] for r in records.values())


def test_scheduled_article_appears_when_its_day_comes(build_site):
    files = {"content/tin-tuc/hom-nay.md": article("Tin hôm nay", "2026-11-22"),
             "content/tin-tuc/ngay-mai.md": article("Tin ngày mai", "2026-11-23")}
    today = build_site(files, day="2026-11-22")
    assert today.ok, today.log
    assert listed(today, "tin-tuc/") == ["hom-nay"]
    assert listed(today, "chu-de/tfp/") == ["hom-nay"]
    assert "ngay-mai" not in today.text("sitemap.xml")
    assert "/tin-tuc/ngay-mai/" not in search_records(today)
    # The previous article links no further than what is published.
    assert today.text("tin-tuc/hom-nay/").count("nscl-article-nav__link") == 0

    tomorrow = build_site(files, day="2026-11-23")
    assert tomorrow.ok, tomorrow.log
    assert listed(tomorrow, "tin-tuc/") == ["ngay-mai", "hom-nay"]
    assert listed(tomorrow, "chu-de/tfp/") == ["ngay-mai", "hom-nay"]
    assert "tin-tuc/ngay-mai/" in tomorrow.text("sitemap.xml")
    assert "/tin-tuc/ngay-mai/" in search_records(tomorrow)


def test_search_index_holds_content_pages_with_folded_d_words(built):
    records = search_records(built)
    assert "/tin-tuc/dong-nai-tap-huan/" in records and "/gioi-thieu/" in records
    # Listings are navigation, not content: they stay out of the index.
    for url in ("/tin-tuc/", "/tin-tuc/trang/2/", "/tin-tuc/nam/", "/tin-tuc/nam/2026/", "/chu-de/", "/chu-de/tfp/"):
        assert url not in records, url
    record = records["/tin-tuc/dong-nai-tap-huan/"]
    assert record["meta"]["title"] == "Đồng Nai tập huấn năng suất chất lượng cho doanh nghiệp"
    assert set(record["meta"]["fold"].split()) >= {"dong", "dao"}
    # Share links, neighbours and the date line are not the article's text.
    assert "Facebook" not in record["content"] and "Bài trước" not in record["content"]
    assert "phút đọc" not in record["content"]
    # The folded words exist only for the indexer: the served page does not carry them.
    assert "data-pagefind-meta" not in built.text("tin-tuc/dong-nai-tap-huan/")


def test_search_bundle_is_complete_and_has_only_what_the_search_box_loads(built):
    bundle = built.site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    # Every page in the index has its fragment on disk, and every fragment is a whole gzip stream.
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(search_records(built))
    for meta in bundle.glob("*.pf_meta"):
        assert gzip.decompress(meta.read_bytes()).startswith(b"pagefind_dcd"), meta.name
    names = {p.name for p in bundle.iterdir()}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"} <= names, names
    # Pagefind's ready-made interfaces are not used (the header box talks to pagefind.js).
    assert not {n for n in names if n.startswith(("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui",
                                                   "pagefind-highlight"))}, names


def test_a_searchable_page_without_materials_content_element_stops_the_build(build_site):
    # A template that no longer draws Material's <article> (an upgrade, an override): never an empty index.
    built = build_site({
        "overrides/bare.html": "<!doctype html><html lang=\"vi\"><body>{{ page.content }}</body></html>\n",
        "content/trang-tran.md": "---\ntitle: Trang trần\ntemplate: bare.html\n---\n\nNội dung.\n",
    })
    assert not built.ok
    assert ("Tìm kiếm: 1 trang không có vùng nội dung '<article class=\"md-content__inner md-typeset\">' để lập chỉ "
            "mục (mẫu giao diện của Material đã đổi? xem ROOT_TAG trong hooks/search.py): trang-tran.md") in built.log


# ---------------------------------------------------------------------------------------------
# Mistakes an editor can make


def test_missing_alt_unknown_topic_and_missing_image_fail_with_clear_messages(build_site):
    built = build_site({
        "content/tin-tuc/khong-alt.md": article(extra="image: anh.png\n"),
        "content/tin-tuc/chu-de-la.md": article(topics="[tfp, nang-suat-xanh]"),
        "content/tin-tuc/thieu-anh.md": article(extra="image: khong-co.png\nimage_alt: Ảnh hội nghị\n"),
    })
    assert not built.ok
    # Four: the first article names a missing image file too, and both of its problems are listed.
    assert "Nội dung có 4 lỗi cần sửa trước khi xuất bản:" in built.log
    assert ("content/tin-tuc/khong-alt.md, dòng 8, trường 'image_alt': cần lời mô tả ảnh cho người không nhìn "
            "thấy ảnh; đang là chưa có (bắt buộc khi có 'image').") in built.log
    assert ("content/tin-tuc/chu-de-la.md, dòng 7, trường 'topics': cần chủ đề trong danh sách: "
            "'cong-cu-cai-tien', 'dao-tao-chuyen-gia',") in built.log
    assert "đang là 'nang-suat-xanh'." in built.log
    assert ("content/tin-tuc/thieu-anh.md, dòng 8, trường 'image': cần đường dẫn tới một ảnh có trong content/ "
            "(tính từ thư mục của bài viết); đang là 'khong-co.png' (không tìm thấy content/tin-tuc/khong-co.png)."
            ) in built.log


def test_a_real_file_where_a_listing_goes_is_an_error(build_site):
    built = build_site({
        "content/chu-de/index.md": "# Trang chủ đề tự viết\n",
        "content/tin-tuc/bai-nam.md": article(extra="slug: nam\n"),
    })
    assert not built.ok
    assert ("content/chu-de/index.md, trường 'địa chỉ trang': cần một địa chỉ khác 'chu-de/', nơi trang web tự tạo "
            "trang 'Chủ đề' từ content/tin-tuc (đổi tên hoặc xóa tệp này; với bài tin, đổi 'slug:'); "
            "đang là trùng địa chỉ.") in built.log
    assert ("content/tin-tuc/bai-nam.md, trường 'địa chỉ trang': cần một địa chỉ khác 'tin-tuc/nam/', nơi trang web "
            "tự tạo trang 'Lưu trữ tin tức' từ content/tin-tuc (đổi tên hoặc xóa tệp này; với bài tin, đổi 'slug:'); "
            "đang là trùng địa chỉ.") in built.log


def test_bad_page_size_is_reported(build_site):
    files = with_page_size(0)
    line = files["mkdocs.yml"].split("\n").index("    page_size: 0") + 1
    built = build_site(files)
    assert not built.ok
    assert (f"mkdocs.yml, dòng {line}, trường 'extra.news.page_size': cần một số nguyên dương (số bài mỗi trang); "
            "đang là '0'.") in built.log


# ---------------------------------------------------------------------------------------------
# The real content


def test_real_content_builds_every_article_and_listing_in_vietnamese(real_site):
    sources = sorted((ROOT / "content" / "tin-tuc").glob("*.md"))
    assert len(sources) >= 5
    records = search_records(real_site)
    for source in sources:
        front = yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])
        if front.get("draft"):
            continue
        slug = front.get("slug") or source.stem
        page = doc(real_site, f"tin-tuc/{slug}/")
        assert page.select("h1")[0].get_text() == front["title"], source.name
        assert f"/tin-tuc/{slug}/" in records, source.name
        assert slug in "".join(listed(real_site, f"tin-tuc/nam/{page.select('time')[0].text[-4:]}/"))
    pages = ["tin-tuc/", "tin-tuc/nam/", "chu-de/", "chu-de/tfp/"] + [
        f"tin-tuc/{p.stem}/" for p in sources[:3]]
    for url in pages:
        english = english_ui(real_site.text(url))
        assert english == [], f"{url}: {english}"


def english_ui(html: str) -> list[str]:
    """Material's English UI strings found in a page's visible text or its labels (titles, aria-labels...)."""
    tree = lxml.html.fromstring(html)
    for node in tree.xpath("//script|//style|//*[local-name()='svg']"):
        node.drop_tree()
    texts = [t.strip() for t in tree.xpath("//body//text()")]
    for element in tree.xpath("//*[@title or @aria-label or @placeholder or @alt]"):
        texts += [element.get(a) for a in ("title", "aria-label", "placeholder", "alt") if element.get(a)]
    found = set()
    for text in texts:
        for phrase in ENGLISH_UI:
            if re.search(rf"\b{re.escape(phrase)}\b", text or ""):
                found.add(phrase)
    return sorted(found)


def test_english_ui_check_can_fail():
    assert english_ui('<html><body><a title="Back to top">x</a><p>Search</p></body></html>') == [
        "Back to", "Back to top", "Search"]


def test_fixture_image_is_a_real_png():
    data = (Path(__file__).parent / "fixtures/news/content/tin-tuc/anh/hoi-nghi.png").read_bytes()
    assert data.startswith(b"\x89PNG")


def test_edit_links_point_at_the_source(build_site):
    built = build_site({"content/tin-tuc/bai.md": article()}, env={"REPO_URL": "https://github.com/o/r"})
    assert built.ok, built.log
    edit = 'a[rel="edit"]'
    assert doc(built, "chu-de/tfp/").select(edit)[0]["href"] == "https://github.com/o/r/edit/main/data/topics.yml"
    assert doc(built, "tin-tuc/bai/").select(edit)[0]["href"] == (
        "https://github.com/o/r/edit/main/content/tin-tuc/bai.md")
    for url in ("tin-tuc/", "tin-tuc/nam/", "tin-tuc/nam/2026/", "chu-de/"):
        assert doc(built, url).select(edit) == [], url


def test_same_input_gives_the_same_bytes(built, tmp_path):
    again = run_build(make_site(tmp_path / "again", fixture="news", files=with_page_size(3)))
    assert again.ok, again.log
    first, second = built.files(), again.files()
    assert sorted(first) == sorted(second)
    assert any(p.startswith("pagefind/") for p in first)
    assert {p: (first[p][:300], second[p][:300]) for p in first if first[p] != second[p]} == {}
