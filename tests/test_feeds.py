"""Feeds (issue 6): RSS 2.0, Atom, JSON Feed 1.1 and Media RSS, read back from real builds field by field."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import unicodedata
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import lxml.html
import pytest
import yaml
from lxml import etree

from browser import SiteServer, chromium
from conftest import ROOT, Built, make_site, run_build

SITE = "https://example.org/nscl/"
NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/",
      "dc": "http://purl.org/dc/elements/1.1/", "media": "http://search.yahoo.com/mrss/"}
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
SPECIAL_TITLE = 'Năng suất <TFP> & "chất lượng" ở Hải Dương'
NEWEST_ID = "tag:example.org,2026-11-20:tin-tuc/nang-suat-hai-duong"
# Every published article of the fixture, newest first (drafts and the 1/12/2026 article are held back).
ALL_NEWS = ["tin-tuc/nang-suat-hai-duong/", "tin-tuc/kien-giang-ocop/", "tin-tuc/bai-cu/",
            "tin-tuc/tuyen-truyen-nfd/"]
SITE_WIDE = [("application/rss+xml", f"{SITE}nguon-tin/tin-tuc.xml"),
             ("application/atom+xml", f"{SITE}nguon-tin/tin-tuc.atom"),
             ("application/feed+json", f"{SITE}nguon-tin/tin-tuc.json")]


# Fixture sites get the project's machinery but not its content/: bring the browser stylesheet along.
STYLESHEET = "content/assets/feeds/feed.xsl"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The feeds fixture (five articles, five videos, drafts and scheduled items), built once."""
    stylesheet = {STYLESHEET: (ROOT / STYLESHEET).read_text(encoding="utf-8")}
    result = run_build(make_site(tmp_path_factory.mktemp("feeds"), fixture="feeds", files=stylesheet))
    assert result.ok, result.log
    return result


def feed_files(built: Built) -> list[Path]:
    """Every feed file the build wrote, sorted."""
    return sorted(p for p in (built.site / "nguon-tin").rglob("*") if p.suffix in (".xml", ".atom", ".json"))


def xml(built: Built, url: str) -> etree._Element:
    """The parsed root element of a feed."""
    return etree.fromstring(built.path(url).read_bytes())


def rss_links(built: Built, url: str) -> list[str]:
    """The item links of an RSS feed, in feed order."""
    return [link.text for link in xml(built, url).iterfind("channel/item/link")]


def site_urls(paths: list[str]) -> list[str]:
    """Absolute URLs for paths relative to the site root."""
    return [SITE + p for p in paths]


def head_feeds(html: str) -> list[tuple[str, str]]:
    """The feed autodiscovery links of a page, (type, href) in document order."""
    doc = lxml.html.fromstring(html)
    return [(e.get("type"), e.get("href")) for e in doc.xpath("//head/link[@rel='alternate']")
            if e.get("type") in FEED_TYPES]


# ---------------------------------------------------------------------------------------------
# Every feed


def test_every_feed_parses_cleanly_in_vietnamese_with_its_self_link(built):
    files = feed_files(built)
    assert len(files) > 40, [p.name for p in files]
    for path in files:
        rel = path.relative_to(built.site).as_posix()
        if path.suffix == ".json":
            assert json.loads(path.read_text(encoding="utf-8"))["feed_url"] == SITE + rel
            continue
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (rel, parsed.get("bozo_exception"))
        assert parsed.version == ("rss20" if path.suffix == ".xml" else "atom10"), rel
        assert parsed.feed.language == "vi", rel
        assert [link.href for link in parsed.feed.links if link.rel == "self"] == [SITE + rel]
        if path.suffix == ".xml":
            # The RSS <link> is the HTML page (rel=self is added first, so it does not take its place).
            channel_link = xml(built, rel).findtext("channel/link")
            assert channel_link.startswith(SITE) and not channel_link.endswith((".xml", ".atom")), rel
        else:
            assert xml(built, rel).get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"


def test_drafts_and_scheduled_items_are_in_no_feed(built):
    for path in feed_files(built):
        text = path.read_text(encoding="utf-8")
        for held_back in ("Bản nháp bí mật", "ban-nhap", "Bài hẹn giờ", "hen-gio", "Video nháp", "video-nhap",
                          "Video hẹn giờ", "video-hen-gio"):
            assert held_back not in text, (path.name, held_back)


def test_two_builds_are_byte_identical_and_ignore_the_clock(built, tmp_path):
    again = run_build(make_site(tmp_path / "again", fixture="feeds"))
    # A later build date that publishes nothing new must not move a single byte either.
    later = run_build(make_site(tmp_path / "later", fixture="feeds"), day="2026-11-28")
    assert again.ok and later.ok, again.log + later.log
    first = {p.relative_to(built.site): p.read_bytes() for p in feed_files(built)}
    for other in (again, later):
        assert {p.relative_to(other.site): p.read_bytes() for p in feed_files(other)} == first


# ---------------------------------------------------------------------------------------------
# All news: RSS, Atom, JSON Feed


def test_all_news_rss_items_field_by_field(built):
    channel = xml(built, "nguon-tin/tin-tuc.xml").find("channel")
    assert rss_links(built, "nguon-tin/tin-tuc.xml") == site_urls(ALL_NEWS)
    # Dated by the newest change among its items (the first article's `updated`), never by the clock.
    assert channel.findtext("lastBuildDate") == "Sat, 21 Nov 2026 00:00:00 +0700"
    assert channel.findtext("language") == "vi"
    item = channel.find("item")
    assert item.findtext("title") == SPECIAL_TITLE
    assert item.findtext("guid") == NEWEST_ID
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("pubDate") == "Fri, 20 Nov 2026 00:00:00 +0700"
    # Readers take <description> as HTML: the summary's `<b>` is written so that it shows as text.
    assert item.findtext("description") == 'Tóm tắt có ký tự đặc biệt: &lt;b&gt; &amp; "ngoặc kép".'
    assert lxml.html.fragment_fromstring(item.findtext("description"), create_parent="div").text_content() \
        == 'Tóm tắt có ký tự đặc biệt: <b> & "ngoặc kép".'
    assert [c.text for c in item.iterfind("category")] == [
        "Hải Dương", "Năng suất các nhân tố tổng hợp (TFP)", "Hỗ trợ doanh nghiệp"]
    assert {c.get("domain") for c in item.iterfind("category")} == {SITE + "tinh-thanh/", SITE + "chu-de/"}
    # Names go in dc:creator; RSS <author> is for e-mail addresses.
    assert [c.text for c in item.iterfind("dc:creator", NS)] == ["Nguyễn Văn A", "Trần Thị B"]
    assert item.find("author") is None
    parsed = feedparser.parse(built.path("nguon-tin/tin-tuc.xml").read_bytes())
    assert [e.id for e in parsed.entries][0] == NEWEST_ID
    assert parsed.entries[0].published_parsed[:3] == (2026, 11, 19)  # 00:00 +07:00 is 17:00 UTC the day before


def test_article_html_in_every_format_has_absolute_links_and_images(built):
    page = SITE + "tin-tuc/nang-suat-hai-duong/"
    rss_html = xml(built, "nguon-tin/tin-tuc.xml").find("channel/item/content:encoded", NS).text
    atom_content = xml(built, "nguon-tin/tin-tuc.atom").find("atom:entry/atom:content", NS)
    json_html = json.loads(built.text("nguon-tin/tin-tuc.json"))["items"][0]["content_html"]
    assert atom_content.get("type") == "html"
    assert rss_html == atom_content.text == json_html
    doc = lxml.html.fragment_fromstring(rss_html, create_parent="div")
    hrefs = doc.xpath("//a/@href")
    assert hrefs == [SITE + "tin-tuc/bai-cu/", page + "#muc-hai", SITE + "gioi-thieu/",
                     "https://example.com/x?a=1&b=2", "mailto:bbt@example.org"]
    assert doc.xpath("//img/@src") == [SITE + "tin-tuc/anh.png", SITE + "tin-tuc/anh.png"]
    assert doc.xpath("//img/@srcset") == [f"{SITE}tin-tuc/anh.png 1x, {SITE}tin-tuc/anh-2x.png 2x"]
    # The page's own title heading and its "¶" permalinks are not repeated in the feed.
    assert doc.xpath("//h1") == [] and "¶" not in rss_html and "headerlink" not in rss_html
    assert doc.xpath("//h2/text()") == ["Mục hai"]


def test_all_news_atom_dates_authors_and_ids(built):
    feed = xml(built, "nguon-tin/tin-tuc.atom")
    assert feed.findtext("atom:updated", namespaces=NS) == "2026-11-21T00:00:00+07:00"
    entries = feed.findall("atom:entry", NS)
    assert [e.find("atom:link", NS).get("href") for e in entries] == site_urls(ALL_NEWS)
    first = entries[0]
    assert first.findtext("atom:id", namespaces=NS) == NEWEST_ID
    assert first.findtext("atom:title", namespaces=NS) == SPECIAL_TITLE
    assert first.findtext("atom:published", namespaces=NS) == "2026-11-20T00:00:00+07:00"
    assert first.findtext("atom:updated", namespaces=NS) == "2026-11-21T00:00:00+07:00"
    assert first.xpath("atom:author/atom:name/text()", namespaces=NS) == ["Nguyễn Văn A", "Trần Thị B"]
    # The summary is text, given as the HTML that shows it: a reader shows `<b>`, it does not make text bold.
    summary = first.find("atom:summary", NS)
    assert summary.get("type") == "html"
    assert summary.text == 'Tóm tắt có ký tự đặc biệt: &lt;b&gt; &amp; "ngoặc kép".'
    assert lxml.html.fragment_fromstring(summary.text, create_parent="div").text_content() \
        == 'Tóm tắt có ký tự đặc biệt: <b> & "ngoặc kép".'
    # An article without `updated` is updated when it was published.
    last = entries[-1]
    assert last.findtext("atom:published", namespaces=NS) == last.findtext("atom:updated", namespaces=NS) \
        == "2024-06-01T00:00:00+07:00"
    assert not feedparser.parse(built.path("nguon-tin/tin-tuc.atom").read_bytes()).bozo


def test_json_feed_follows_the_1_1_rules(built):
    raw = built.text("nguon-tin/tin-tuc.json")
    feed = json.loads(raw)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["language"] == "vi"
    assert feed["title"] and feed["home_page_url"].startswith(SITE)
    assert feed["feed_url"] == SITE + "nguon-tin/tin-tuc.json"
    assert "author" not in feed and all(a["name"] for a in feed["authors"])
    items = feed["items"]
    assert [i["url"] for i in items] == site_urls(ALL_NEWS)
    rss_ids = [g.text for g in xml(built, "nguon-tin/tin-tuc.xml").iterfind("channel/item/guid")]
    assert [i["id"] for i in items] == rss_ids
    for item in items:
        assert isinstance(item["id"], str) and isinstance(item["content_html"], str) and item["content_html"]
        for key in ("date_published", "date_modified"):
            assert dt.datetime.fromisoformat(item[key]).utcoffset() == dt.timedelta(hours=7)
        assert "author" not in item
    first = items[0]
    assert first["title"] == SPECIAL_TITLE
    assert first["date_published"] == "2026-11-20T00:00:00+07:00"
    assert first["date_modified"] == "2026-11-21T00:00:00+07:00"
    assert first["authors"] == [{"name": "Nguyễn Văn A"}, {"name": "Trần Thị B"}]
    assert first["tags"] == ["Hải Dương", "Năng suất các nhân tố tổng hợp (TFP)", "Hỗ trợ doanh nghiệp"]
    assert first["image"] == SITE + "tin-tuc/anh.png"
    # Written as UTF-8 text, not \\u escapes, with a final newline.
    assert "Hải Dương" in raw and "\\u" not in raw and raw.endswith("}\n")


def test_special_characters_and_vietnamese_titles_survive_in_nfc(built):
    raw = built.path("nguon-tin/tin-tuc.xml").read_bytes().decode("utf-8")
    assert "<title>Năng suất &lt;TFP&gt; &amp; \"chất lượng\" ở Hải Dương</title>" in raw
    nfc_title = unicodedata.normalize("NFC", "Tuyên truyền chất lượng ở Tuyên Quang")
    for url in ("nguon-tin/tin-tuc.xml", "nguon-tin/tin-tuc.atom"):
        titles = [t.text for t in xml(built, url).xpath("//item/title | //atom:entry/atom:title", namespaces=NS)]
        assert titles[0] == SPECIAL_TITLE and titles[-1] == nfc_title, url
        assert all(unicodedata.is_normalized("NFC", t) for t in titles)
    titles = [i["title"] for i in json.loads(built.text("nguon-tin/tin-tuc.json"))["items"]]
    assert titles[0] == SPECIAL_TITLE and titles[-1] == nfc_title


def test_item_ids_stay_when_a_title_changes(tmp_path):
    article = "content/tin-tuc/nang-suat-hai-duong.md"
    source = (ROOT / "tests/fixtures/feeds" / article).read_text(encoding="utf-8")
    before = run_build(make_site(tmp_path / "before", fixture="feeds"))
    retitled = source.replace(f"title: '{SPECIAL_TITLE}'", "title: Tiêu đề đã sửa lại")
    assert retitled != source
    after = run_build(make_site(tmp_path / "after", fixture="feeds", files={article: retitled}))
    assert before.ok and after.ok, before.log + after.log
    for url in ("nguon-tin/tin-tuc.xml", "nguon-tin/tinh/hai-duong.xml"):
        old, new = xml(before, url).find("channel/item"), xml(after, url).find("channel/item")
        assert (old.findtext("title"), new.findtext("title")) == (SPECIAL_TITLE, "Tiêu đề đã sửa lại")
        assert old.findtext("guid") == new.findtext("guid") == NEWEST_ID
    assert json.loads(after.text("nguon-tin/tin-tuc.json"))["items"][0]["id"] == NEWEST_ID


def test_limits_apply_to_all_news_videos_and_topics_never_by_default_to_units(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    limited = config.replace("  feeds:\n    limit: 50\n", "  feeds:\n    limit: 1\n    video_limit: 2\n"
                                                           "    topic_limit: 1\n")
    assert limited != config
    built = run_build(make_site(tmp_path / "site", fixture="feeds", files={"mkdocs.yml": limited}))
    assert built.ok, built.log
    assert rss_links(built, "nguon-tin/tin-tuc.xml") == site_urls(ALL_NEWS[:1])
    assert len(xml(built, "nguon-tin/tin-tuc.atom").findall("atom:entry", NS)) == 1
    assert len(json.loads(built.text("nguon-tin/tin-tuc.json"))["items"]) == 1
    assert len(rss_links(built, "nguon-tin/video.xml")) == 2
    assert rss_links(built, "nguon-tin/chu-de/tfp.xml") == site_urls(ALL_NEWS[:1])
    assert rss_links(built, "nguon-tin/tinh/an-giang.xml") == site_urls(["tin-tuc/kien-giang-ocop/",
                                                                          "tin-tuc/bai-cu/"])
    assert "tối đa 1 mục" in built.text("nguon-tin/")


def test_a_bad_limit_names_the_setting(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    bad = config.replace("  feeds:\n    limit: 50\n", "  feeds:\n    limit: 0\n    id_host: ''\n")
    line = bad.split("\n").index("    limit: 0") + 1
    built = run_build(make_site(tmp_path / "site", files={"mkdocs.yml": bad}))
    assert not built.ok
    assert (f"mkdocs.yml, dòng {line}, trường 'extra.feeds.limit': cần một số nguyên dương (số mục tối đa), "
            "hoặc null để không giới hạn; đang là '0'.") in built.log
    assert f"mkdocs.yml, dòng {line + 1}, trường 'extra.feeds.id_host': cần một chuỗi ký tự; đang là ''." in built.log


# ---------------------------------------------------------------------------------------------
# Units and topics


def test_unit_feeds_follow_the_merger(built):
    hai_duong = site_urls(["tin-tuc/nang-suat-hai-duong/"])
    assert rss_links(built, "nguon-tin/tinh/hai-duong.xml") == hai_duong
    # A current unit's feed carries what its merged units published, and its own.
    assert rss_links(built, "nguon-tin/tinh/hai-phong.xml") == hai_duong
    assert rss_links(built, "nguon-tin/tinh/an-giang.xml") == site_urls(["tin-tuc/kien-giang-ocop/",
                                                                          "tin-tuc/bai-cu/"])
    assert rss_links(built, "nguon-tin/tinh/an-giang-cu.xml") == site_urls(["tin-tuc/bai-cu/"])
    assert rss_links(built, "nguon-tin/tinh/kien-giang.xml") == site_urls(["tin-tuc/kien-giang-ocop/"])
    assert rss_links(built, "nguon-tin/tinh/tuyen-quang.xml") == site_urls(["tin-tuc/tuyen-truyen-nfd/"])
    atom = xml(built, "nguon-tin/tinh/an-giang.atom")
    assert atom.xpath("atom:entry/atom:id/text()", namespaces=NS) == [
        "tag:example.org,2025-05-02:tin-tuc/kien-giang-ocop", "tag:example.org,2025-03-01:tin-tuc/bai-cu"]
    assert "An Giang (cũ), Kiên Giang" in atom.findtext("atom:subtitle", namespaces=NS)


def test_every_unit_with_a_plan_has_feeds_even_when_empty(built):
    plan_units = sorted(p.stem for p in (ROOT / "data/plans").glob("*.yml") if not p.name.startswith("_"))
    assert plan_units
    for slug in plan_units:
        for ext in (".xml", ".atom"):
            assert built.path(f"nguon-tin/tinh/{slug}{ext}").is_file(), slug
    # khanh-hoa-cu issued a plan but has no article in the fixture: a valid, empty feed with a fixed date.
    empty = xml(built, "nguon-tin/tinh/khanh-hoa-cu.xml").find("channel")
    assert empty.find("item") is None
    assert empty.findtext("lastBuildDate") == "Thu, 01 Jan 1970 07:00:00 +0700"
    assert xml(built, "nguon-tin/tinh/khanh-hoa-cu.atom").findtext("atom:updated", namespaces=NS) \
        == "1970-01-01T07:00:00+07:00"


def test_every_topic_has_feeds(built):
    topics = yaml.safe_load((ROOT / "data/topics.yml").read_text(encoding="utf-8"))["topics"]
    for topic in topics:
        for ext in (".xml", ".atom"):
            assert built.path(f"nguon-tin/chu-de/{topic['slug']}{ext}").is_file(), topic["slug"]
    assert rss_links(built, "nguon-tin/chu-de/tfp.xml") == site_urls(["tin-tuc/nang-suat-hai-duong/",
                                                                       "tin-tuc/kien-giang-ocop/"])
    assert xml(built, "nguon-tin/chu-de/ocop.xml").findtext("channel/title").endswith("Chủ đề Sản phẩm OCOP")


def test_a_site_without_content_still_has_valid_feeds(build_site):
    built = build_site()
    assert built.ok, built.log
    for url in ("nguon-tin/tin-tuc.xml", "nguon-tin/tin-tuc.atom", "nguon-tin/video.xml"):
        parsed = feedparser.parse(built.path(url).read_bytes())
        assert not parsed.bozo and parsed.entries == [], url
    assert json.loads(built.text("nguon-tin/tin-tuc.json"))["items"] == []


# ---------------------------------------------------------------------------------------------
# Videos: Media RSS


def test_video_feed_carries_media_rss(built):
    channel = xml(built, "nguon-tin/video.xml").find("channel")
    items = channel.findall("item")
    assert [i.findtext("link") for i in items] == site_urls(
        ["video/phong-su-hai-duong/", "video/clip-tren-facebook/", "video/toa-dam-tep/"])
    assert channel.findtext("lastBuildDate") == "Sun, 15 Nov 2026 00:00:00 +0700"
    youtube, facebook, local = items
    assert youtube.findtext("title") == 'Phóng sự <NSCL> & "Hải Dương"'
    assert youtube.findtext("guid") == "tag:example.org,2026-11-15:video/phong-su-hai-duong"
    assert youtube.find("media:player", NS).get("url") == "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE"
    assert youtube.find("media:thumbnail", NS).get("url") == SITE + "assets/video/hoi-nghi.png"
    assert youtube.findtext("media:title", namespaces=NS) == 'Phóng sự <NSCL> & "Hải Dương"'
    assert youtube.findtext("media:description", namespaces=NS) == (
        "Phóng sự về năng suất chất lượng ở Hải Dương.\n\nĐoạn thứ hai của mô tả.")
    assert youtube.find("media:title", NS).get("type") == "plain"
    assert [c.text for c in youtube.iterfind("category")] == ["Hải Dương", "Năng suất các nhân tố tổng hợp (TFP)"]
    assert facebook.find("media:player", NS).get("url").startswith(
        "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fexample%2Fvideos%2F")
    assert facebook.find("media:thumbnail", NS) is None
    size = str((ROOT / "tests/fixtures/feeds/content/assets/video/clip.mp4").stat().st_size)
    content = local.find("media:content", NS)
    assert dict(content.attrib) == {"url": SITE + "assets/video/clip.mp4", "type": "video/mp4", "medium": "video",
                                    "duration": "3723", "fileSize": size}
    assert dict(local.find("enclosure").attrib) == {"url": SITE + "assets/video/clip.mp4", "length": size,
                                                    "type": "video/mp4"}
    parsed = feedparser.parse(built.path("nguon-tin/video.xml").read_bytes())
    assert not parsed.bozo
    assert parsed.entries[0].media_player["url"].startswith("https://www.youtube-nocookie.com/embed/")
    assert parsed.entries[0].media_thumbnail[0]["url"] == SITE + "assets/video/hoi-nghi.png"
    assert parsed.entries[2].media_content[0]["url"] == SITE + "assets/video/clip.mp4"


# ---------------------------------------------------------------------------------------------
# Pages: autodiscovery, the feeds page, the browser view


def test_autodiscovery_lists_site_wide_feeds_first_then_the_pages_own(built):
    assert head_feeds(built.text("")) == SITE_WIDE
    assert head_feeds(built.text("404.html")) == SITE_WIDE
    article = head_feeds(built.text("tin-tuc/nang-suat-hai-duong/"))
    assert article == SITE_WIDE + [("application/rss+xml", f"{SITE}nguon-tin/{key}.xml") for key in (
        "tinh/hai-duong", "tinh/hai-phong", "chu-de/tfp", "chu-de/ho-tro-doanh-nghiep")]
    doc = lxml.html.fromstring(built.text("tin-tuc/nang-suat-hai-duong/"))
    titles = doc.xpath("//head/link[@rel='alternate'][@type='application/rss+xml']/@title")
    assert titles[1] == "Năng suất chất lượng Việt Nam: Tin tức Tỉnh Hải Dương (đến 30/06/2025) (RSS)"
    assert head_feeds(built.text("tinh-thanh/hai-duong/")) == SITE_WIDE + [
        ("application/rss+xml", f"{SITE}nguon-tin/tinh/hai-duong.xml")]
    assert head_feeds(built.text("chu-de/tfp/")) == SITE_WIDE + [
        ("application/rss+xml", f"{SITE}nguon-tin/chu-de/tfp.xml")]
    assert head_feeds(built.text("video/phong-su-hai-duong/")) == SITE_WIDE + [
        ("application/rss+xml", f"{SITE}nguon-tin/video.xml")]


def test_feeds_page_lists_every_feed_with_an_explanation(built):
    doc = lxml.html.fromstring(built.text("nguon-tin/"))
    page = SITE + "nguon-tin/"
    tables = "//table[contains(concat(' ', @class, ' '), ' nscl-feeds ')]"
    listed = sorted(urljoin(page, href) for href in doc.xpath(f"{tables}//td//a/@href"))
    assert listed == sorted(SITE + p.relative_to(built.site).as_posix() for p in feed_files(built))
    for row in doc.xpath(f"{tables}/tbody/tr"):
        assert row.xpath("string(td[1])").strip(), lxml.html.tostring(row)
    assert doc.xpath("//h1/text()") == ["Nguồn tin"]
    assert "Tin về An Giang, gồm cả tin của An Giang (cũ), Kiên Giang." in built.text("nguon-tin/")
    assert doc.xpath("//nav//a[normalize-space()='Nguồn tin']"), "the feeds page is in the navigation"


def test_every_feed_a_page_links_to_exists(built):
    linked = set()
    for page in built.site.rglob("*.html"):
        doc = lxml.html.fromstring(page.read_bytes())
        base = SITE + page.relative_to(built.site).as_posix()
        linked |= {urljoin(base, href) for href in doc.xpath("//a/@href | //link/@href")
                   if href.split("#")[0].endswith((".xml", ".atom", ".json")) and "nguon-tin/" in href}
    published = {SITE + p.relative_to(built.site).as_posix() for p in feed_files(built)}
    assert linked and linked <= published, sorted(linked - published)
    # The province pages (hooks/provinces.py) link their own feed: it exists.
    assert f"{SITE}nguon-tin/tinh/hai-phong.xml" in linked


def test_feeds_open_in_a_browser_as_a_vietnamese_page(built):
    stylesheet = etree.XSLT(etree.parse(str(built.path("assets/feeds/feed.xsl"))))
    for path in feed_files(built):
        if path.suffix == ".json":
            continue
        head = path.read_bytes().split(b"\n", 2)
        assert head[0] == b"<?xml version='1.0' encoding='UTF-8'?>", path.name
        assert head[1].startswith(b'<?xml-stylesheet type="text/xsl" href="'), path.name
        href = head[1].split(b'href="')[1].split(b'"')[0].decode()
        rel = path.relative_to(built.site).as_posix()
        assert posixpath.normpath(posixpath.join(posixpath.dirname(rel), href)) == "assets/feeds/feed.xsl"
    for url, date in (("nguon-tin/tin-tuc.xml", "20/11/2026"), ("nguon-tin/tin-tuc.atom", "20/11/2026"),
                      ("nguon-tin/video.xml", "15/11/2026")):
        page = stylesheet(etree.parse(str(built.path(url))))
        html = str(page)
        doc = lxml.html.fromstring(html)
        assert doc.get("lang") == "vi", url
        assert f"Ngày đăng: {date}" in html, url
        assert "sao chép địa chỉ dưới đây" in html and f'href="{SITE}nguon-tin/"' in html, url
        assert doc.xpath("//article//h2/a/@href")[0].startswith(SITE), url
    video_page = lxml.html.fromstring(str(stylesheet(etree.parse(str(built.path("nguon-tin/video.xml"))))))
    assert video_page.xpath("//article//img/@src")[0] == SITE + "assets/video/hoi-nghi.png"


def test_the_real_site_publishes_valid_feeds_and_the_stylesheet(real_site):
    assert real_site.path("assets/feeds/feed.xsl").is_file()
    parsed = feedparser.parse(real_site.path("nguon-tin/tin-tuc.xml").read_bytes())
    assert not parsed.bozo and parsed.entries
    assert all(e.id.startswith("tag:example.org,") and e.link.startswith(SITE) for e in parsed.entries)


def test_in_chromium_feed_links_cost_no_request_and_rss_reads_as_a_page(tmp_path):
    root = make_site(tmp_path / "site", fixture="feeds",
                     files={STYLESHEET: (ROOT / STYLESHEET).read_text(encoding="utf-8")})
    with SiteServer(root / "site") as server, chromium() as browser:
        built = run_build(root, site_url=server.url)
        assert built.ok, built.log
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(server.url + "tin-tuc/nang-suat-hai-duong/")
        page.wait_for_load_state("networkidle")
        # Material fetches sitemap.xml beside every link[rel=alternate]; the feed links must not trigger it.
        assert not [u for u in requests if "sitemap.xml" in u], requests
        rels = page.evaluate("[...document.querySelectorAll('link[data-nscl-feed]')].map(l => l.rel)")
        assert rels == ["alternate feed"] * 7
        assert [rel for _, rel in head_feeds(built.text("tin-tuc/nang-suat-hai-duong/"))]  # raw HTML keeps them
        page.goto(server.url + "nguon-tin/tin-tuc.xml")
        assert page.locator("h1").inner_text() == "Năng suất chất lượng Việt Nam: Tin tức", "XSLT view missing"
        assert "Ngày đăng: 20/11/2026" in page.locator("article").first.inner_text()
        page.close()
