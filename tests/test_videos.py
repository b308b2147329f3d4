"""Videos: catalogue validation, listing and filter pages, the video page and its metadata, counted progress."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, Built

sys.path.insert(0, str(ROOT / "hooks"))
from _problems import Problems  # noqa: E402
from _progress import count_videos  # noqa: E402
from _video_loader import check_counts_toward, parse_duration  # noqa: E402
from _video_pages import _related as related_articles  # noqa: E402
from _videos import Video, YouTube  # noqa: E402

PUBLISHED = ["hd-clip-dem", "hp-clip", "hd-phong-su-2", "ag-toa-dam", "hd-phong-su-1", "xss-thu", "kh-huong-dan",
             "tq-phong-su-2021"]


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag == "script":
            self._script = values

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
            self._script = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def tags(html: str) -> _Tags:
    """Parse a page's tags."""
    parser = _Tags()
    parser.feed(html)
    return parser


def card_ids(html: str) -> list[str]:
    """The video ids a list page shows, in order."""
    return [m.group(1).rstrip("/").rsplit("/", 1)[-1]
            for m in re.finditer(r'class="nscl-video-card__link" href="([^"]+)"', html)]


def json_ld(html: str) -> dict:
    """The page's VideoObject."""
    found = [json.loads(text) for attrs, text in tags(html).scripts if attrs.get("type") == "application/ld+json"]
    videos = [d for d in found if d.get("@type") == "VideoObject"]
    assert len(videos) == 1, found
    return videos[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The video fixture site, built once for the read-only tests of this module."""
    from conftest import make_site, run_build

    built = run_build(make_site(tmp_path_factory.mktemp("videos"), fixture="videos"))
    assert built.ok, built.log
    return built


# ---------------------------------------------------------------------------------------------
# Listing and filters


def test_listing_is_newest_first_without_drafts_or_scheduled(site):
    assert card_ids(site.text("video/")) == PUBLISHED
    for held in ("ban-nhap", "hen-ngay"):
        assert not site.path(f"video/{held}/").exists()
        assert f"video/{held}/" not in site.text("sitemap.xml")
    assert ("INFO    -  nscl: Không xuất bản: data/videos.yml, video 'ban-nhap' (bản nháp, draft: true)"
            in site.log)
    assert ("INFO    -  nscl: Không xuất bản: data/videos.yml, video 'hen-ngay' (hẹn đăng ngày 01/12/2026)"
            in site.log)


def test_listing_card_shows_kind_date_and_duration(site):
    page = site.text("video/")
    card = page[page.index('href="hd-phong-su-1/"'):]
    card = card[:card.index("</li>")]
    assert '<img class="nscl-video-thumb" src="../assets/video/hd-phong-su-1.png" alt=""' in card
    assert "Phóng sự · <time datetime=\"2026-03-15\">15/03/2026</time>" in card
    assert "12:30</span>" in card


def test_each_kind_has_a_page_that_lists_only_that_kind(site):
    assert card_ids(site.text("video/loai/phong-su/")) == ["hd-phong-su-2", "hd-phong-su-1", "tq-phong-su-2021"]
    assert card_ids(site.text("video/loai/toa-dam/")) == ["ag-toa-dam", "xss-thu"]
    empty = site.text("video/loai/ban-tin/")
    assert card_ids(empty) == [] and '<p class="nscl-video-empty">Chưa có video nào thuộc loại này.</p>' in empty
    # The filters are plain links, the current one marked; they work without JavaScript.
    assert '<a href="./" aria-current="page">Phóng sự <span class="nscl-video-filters__count">(3)</span></a>' \
        in site.text("video/loai/phong-su/")


def test_province_pages_follow_the_merger(site):
    hai_duong = site.text("video/tinh/hai-duong/")
    assert card_ids(hai_duong) == ["hd-clip-dem", "hd-phong-su-2", "hd-phong-su-1", "xss-thu"]
    assert 'thuộc\n      <a href="../hai-phong/">Thành phố Hải Phòng</a>' in hai_duong
    # The current city lists its own videos and those of the units merged into it.
    hai_phong = site.text("video/tinh/hai-phong/")
    assert card_ids(hai_phong) == ["hd-clip-dem", "hp-clip", "hd-phong-su-2", "hd-phong-su-1", "xss-thu"]
    assert '<a href="../hai-duong/">Hải Dương</a>' in hai_phong
    # A video tagged with two merged-away units appears once on their new province's page.
    assert card_ids(site.text("video/tinh/an-giang/")) == ["ag-toa-dam"]
    # A unit with a plan but no video still has its page, so the plan's counted progress can link it.
    assert "Chưa có video nào về đơn vị này." in site.text("video/tinh/hai-phong-cu/")
    filters = site.text("video/")
    assert '<a href="tinh/kien-giang/">Kiên Giang <span class="nscl-video-filters__count">(1)</span></a>' in filters
    assert 'href="tinh/hai-phong-cu/"' not in filters


def test_long_lists_are_paginated(build_site):
    entries = "".join(f"""
  - id: video-{i:02d}
    title: Video số {i}
    date: 2026-01-{i + 1:02d}
    kind: video-clip
    provinces: [hai-duong]
    description: Mô tả.
    duration: "1:00"
    host: {{type: youtube, id: abcdefghi{i:02d}}}
""" for i in range(30))
    built = build_site({"data/videos.yml": "videos:" + entries})
    assert built.ok, built.log
    first, second = built.text("video/"), built.text("video/trang/2/")
    assert card_ids(first) == [f"video-{i:02d}" for i in range(29, 5, -1)]
    assert card_ids(second) == [f"video-{i:02d}" for i in range(5, -1, -1)]
    # The same pagination as the news listings (one model, hooks/_pages.py; one partial).
    assert '<a href="trang/2/" rel="next">Cũ hơn ›</a>' in first
    assert '<a aria-current="page" href="./">1</a>' in first
    assert '<a href="trang/2/" aria-label="Trang 2">2</a>' in first
    assert '<a href="../../" rel="prev">‹ Mới hơn</a>' in second
    assert "<title>Video (trang 2) - " in second
    assert len(card_ids(built.text("video/loai/video-clip/trang/2/"))) == 6


def test_empty_catalogue_is_graceful(build_site):
    built = build_site()
    assert built.ok, built.log
    assert '<p class="nscl-video-empty">Chưa có video nào.</p>' in built.text("video/")
    assert "Chưa có video nào thuộc loại này." in built.text("video/loai/phong-su/")
    assert "Theo tỉnh, thành phố" not in built.text("video/")
    # The shipped catalogue holds no invented video.
    real = (ROOT / "data/videos.yml").read_text(encoding="utf-8")
    assert [line for line in real.splitlines() if line.startswith("videos:")] == ["videos: []"]


# ---------------------------------------------------------------------------------------------
# One video's page


def test_video_page_shows_details_description_and_related_news(site):
    page = site.text("video/hd-phong-su-1/")
    assert "<h1>Phóng sự truy xuất nguồn gốc ở Hải Dương</h1>" in page
    assert '<dd><time datetime="2026-03-15">15/03/2026</time></dd>' in page
    assert '<dd><time datetime="PT12M30S">12:30</time></dd>' in page
    assert '<a href="../tinh/hai-duong/">Hải Dương</a>' in page
    assert '<a href="../loai/phong-su/">Phóng sự</a>' in page
    assert "<p>Doanh nghiệp Hải Dương dán tem truy xuất nguồn gốc.</p>" in page
    assert "<p>Đoạn thứ hai của phần giới thiệu.</p>" in page
    # Related: the four newest articles sharing its province or topic (hd-1 is the fifth; ag-1 shares neither).
    related = page[page.index('id="nscl-video-related"'):page.index("← Tất cả video")]
    assert re.findall(r'href="../../tin-tuc/([^/]+)/"', related) == ["truy-xuat", "hd-4", "hd-3", "hd-2"]
    # A one-hour video reads h:mm:ss.
    assert '<time datetime="PT1H2M3S">1:02:03</time>' in site.text("video/hd-phong-su-2/")


def test_video_page_json_ld_and_open_graph(site):
    page = site.text("video/hd-phong-su-1/")
    data = json_ld(page)
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Phóng sự truy xuất nguồn gốc ở Hải Dương"
    assert data["uploadDate"] == "2026-03-15T00:00:00+07:00"
    assert data["duration"] == "PT12M30S"
    assert data["embedUrl"] == "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE"
    assert data["thumbnailUrl"] == ["https://example.org/nscl/assets/video/hd-phong-su-1.png"]
    assert data["url"] == "https://example.org/nscl/video/hd-phong-su-1/"
    assert data["contentLocation"] == [{"@type": "AdministrativeArea", "name": "Tỉnh Hải Dương"}]
    assert data["description"] == ("Doanh nghiệp Hải Dương dán tem truy xuất nguồn gốc. "
                                   "Đoạn thứ hai của phần giới thiệu.")
    assert data["inLanguage"] == "vi" and data["genre"] == "Phóng sự"
    metas = {a.get("property"): a.get("content") for t, a in tags(page).tags if t == "meta" and a.get("property")}
    assert metas["og:type"] == "video.other"
    assert metas["og:video"] == "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE"
    assert metas["og:video:type"] == "text/html"
    # The preview is the video's card (tests/test_cards.py); its still stays in the JSON-LD above.
    assert metas["og:image"].startswith("https://example.org/nscl/assets/cards/")
    assert metas["og:image:alt"].startswith("Video · Phóng sự: Phóng sự truy xuất nguồn gốc ở Hải Dương. 15/03/2026")
    # A file on a declared host: contentUrl and its type instead of an embed.
    clip = json_ld(site.text("video/hp-clip/"))
    assert (clip["contentUrl"], clip["encodingFormat"], clip["duration"]) == (
        "https://media.example.vn/hp-clip.webm", "video/webm", "PT45S")
    assert "embedUrl" not in clip


def _loaded_urls(html: str) -> list[str]:
    """Every address the page fetches by itself on load: src, srcset, poster, data, and fetched <link>s."""
    urls = []
    for tag, attrs in tags(html).tags:
        for name in ("src", "poster", "data"):
            if attrs.get(name):
                urls.append(attrs[name])
        if attrs.get("srcset"):
            urls += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]
        rels = set(attrs.get("rel", "").split())
        if tag == "link" and rels & {"stylesheet", "preload", "modulepreload", "icon", "prefetch", "preconnect",
                                     "dns-prefetch", "manifest"}:
            urls.append(attrs["href"])
    return urls


@pytest.mark.parametrize("video", PUBLISHED)
def test_no_third_party_request_before_the_click(site, video):
    page = site.text(f"video/{video}/")
    parsed = tags(page)
    assert not [t for t, _ in parsed.tags if t in ("iframe", "embed", "object")]
    urls = _loaded_urls(page)
    assert urls, "the page loads its own assets"
    third_party = [u for u in urls if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", u, re.IGNORECASE)]
    assert third_party == []


def test_player_button_and_plain_link_fallback(site):
    page = site.text("video/hd-phong-su-1/")
    buttons = [a for t, a in tags(page).tags if t == "button" and "data-nscl-src" in a]
    assert len(buttons) == 1
    button = buttons[0]
    assert button["data-nscl-src"] == "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1"
    assert "hidden" in button and button["type"] == "button"
    assert '<a href="https://www.youtube.com/watch?v=M7lc1UVf-VE" rel="noopener">Xem video trên YouTube</a>' in page
    assert page.count('src="../../assets/javascripts/nscl-video.js" defer') == 1
    # The player script is only on video pages.
    assert "nscl-video.js" not in site.text("video/") and "nscl-video.js" not in site.text("")
    facebook = site.text("video/ag-toa-dam/")
    assert ('data-nscl-src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fexample'
            '%2Fvideos%2F1234567890%2F&amp;show_text=false&amp;autoplay=true"') in facebook
    assert '<a href="https://www.facebook.com/example/videos/1234567890/" rel="noopener">Xem video trên Facebook</a>' \
        in facebook
    # A file stored in the site plays at once, from the site itself, loading nothing until play.
    local = site.text("video/kh-huong-dan/")
    assert '<source src="../../assets/video/kh-huong-dan.mp4" type="video/mp4">' in local
    assert 'preload="none"' in local and "data-nscl-src" not in local


def test_html_in_title_and_description_is_escaped(site):
    for url in ("video/xss-thu/", "video/", "video/loai/toa-dam/", "video/tinh/hai-duong/"):
        page = site.text(url)
        assert "<script>alert" not in page and "<img src=x" not in page and "<img src=y" not in page, url
        assert not [a for t, a in tags(page).tags if "onerror" in a], url
    page = site.text("video/xss-thu/")
    escaped = "&lt;script&gt;alert(&#34;tieu-de&#34;)&lt;/script&gt; Tọa đàm &lt;img src=x onerror=alert(1)&gt;"
    assert f"<h1>{escaped}</h1>" in page
    assert f"<title>{escaped} - " in page
    assert "<p>Mô tả &lt;img src=y onerror=alert(2)&gt; và &lt;script&gt;alert(3)&lt;/script&gt; &amp; " in page
    # JSON-LD keeps the text exactly, with `<` escaped so it cannot close its <script>.
    assert json_ld(page)["name"] == '<script>alert("tieu-de")</script> Tọa đàm <img src=x onerror=alert(1)>'
    assert "\\u003cscript\\u003e" in page


# ---------------------------------------------------------------------------------------------
# Validation

BAD = """\
file_hosts: [media.example.vn]
videos:
  - id: fb-javascript
    title: Video A
    date: 01/03/2026
    kind: phong-su
    provinces: [hai-duong]
    description: Mô tả.
    duration: "1:00"
    host:
      type: facebook
      url: javascript:alert(1)
  - id: fb-la
    title: Video B
    date: 01/03/2026
    kind: phongsu
    provinces: [hai-duong, ha-tay]
    description: Mô tả.
    duration: "1:00"
    host: {type: facebook, url: "https://evil.example/videos/1"}
  - id: yt-sai
    title: Video C
    date: 01/03/2026
    kind: phong-su
    description: Mô tả.
    duration: "1:00"
    host: {type: youtube, id: "https://www.youtube.com/watch?v=M7lc1UVf-VE"}
    thumbnail:
      src: assets/khong-co.jpg
  - id: yt-sai
    title: Video D
    date: 01/03/2026
    kind: phong-su
    description: Mô tả.
    duration: "1:00"
    host: {type: youtube, id: abc}
    thumbnail: {src: "https://i.ytimg.com/vi/x/hq.jpg", alt: Ảnh}
  - id: loai
    title: Video E
    date: 01/03/2026
    kind: video-clip
    description: Mô tả.
    duration: dài lắm
    host: {type: file, url: "https://cdn.khac.example/a.mp4", size: 100, mime: video/avi}
  - id: vimeo
    title: Video F
    date: 01/03/2026
    kind: video-clip
    description: Mô tả.
    duration: "1:00"
    host: {type: vimeo, id: "123"}
"""

FB = ("cần một địa chỉ https:// của video trên Facebook (www.facebook.com, facebook.com, m.facebook.com, "
      "web.facebook.com hoặc fb.watch)")
YT = ("cần mã video YouTube đúng 11 ký tự gồm chữ, số, '-' hoặc '_' (phần sau 'v=' trong địa chỉ, "
      "ví dụ 'M7lc1UVf-VE')")


def test_each_validation_error_names_file_line_field_expected_and_found(build_site):
    built = build_site({"data/videos.yml": BAD})
    assert not built.ok
    where = "data/videos.yml, dòng"
    expected = [
        f"{where} 12, trường 'videos[0].host.url': {FB}; đang là 'javascript:alert(1)'.",
        f"{where} 16, trường 'videos[1].kind': cần loại video trong danh sách: 'ban-tin', 'hoi-nghi', 'huong-dan', "
        "'phong-su', 'toa-dam', 'video-clip' (có phải 'phong-su'?); đang là 'phongsu'.",
        f"{where} 17, trường 'videos[1].provinces': cần slug tỉnh/thành có trong data/provinces.yml; "
        "đang là 'ha-tay' (có phải 'ha-nam'?).",
        f"{where} 20, trường 'videos[1].host.url': {FB}; đang là 'https://evil.example/videos/1'.",
        f"{where} 27, trường 'videos[2].host.id': {YT}; "
        "đang là 'https://www.youtube.com/watch?v=M7lc1UVf-VE' (có phải 'M7lc1UVf-VE'?).",
        f"{where} 29, trường 'videos[2].thumbnail.alt': cần lời mô tả ảnh cho người không nhìn thấy ảnh; "
        "đang là chưa có (bắt buộc khi có ảnh).",
        f"{where} 29, trường 'videos[2].thumbnail.src': cần một tệp có trong thư mục content/; "
        "đang là 'assets/khong-co.jpg' (không tìm thấy content/assets/khong-co.jpg).",
        f"{where} 30, trường 'videos[3].id': cần mỗi video một mã riêng; đang là 'yt-sai', trùng với video ở dòng 21.",
        f"{where} 36, trường 'videos[3].host.id': {YT}; đang là 'abc'.",
        f"{where} 37, trường 'videos[3].thumbnail.src': cần đường dẫn một ảnh (.jpg, .jpeg, .png, .webp, .avif) "
        "trong thư mục content/, ví dụ 'assets/video/ten-video.jpg' (ảnh lưu cùng trang web, không lấy từ trang "
        "khác); đang là 'https://i.ytimg.com/vi/x/hq.jpg'.",
        f"{where} 38, trường 'videos[4].id': cần một mã khác 'loai', 'tinh', 'trang' (dành cho các trang lọc video); "
        "đang là 'loai'.",
        f"{where} 43, trường 'videos[4].duration': cần thời lượng dạng phút:giây đặt trong ngoặc kép, ví dụ \"12:30\" "
        "hoặc \"1:02:03\", hoặc dạng ISO 8601 như PT12M30S; đang là 'dài lắm'.",
        f"{where} 44, trường 'videos[4].host.mime': cần kiểu tệp video trong danh sách: 'video/mp4', 'video/webm' "
        "(có phải 'video/mp4'?); đang là 'video/avi'.",
        f"{where} 44, trường 'videos[4].host.url': cần một địa chỉ https:// trên máy chủ khai báo trong 'file_hosts' "
        "ở đầu tệp (hiện có: 'media.example.vn'); đang là 'https://cdn.khac.example/a.mp4'.",
        f"{where} 51, trường 'videos[5].host.type': cần nơi đăng video trong danh sách: 'facebook', 'file', "
        "'youtube'; đang là 'vimeo'.",
    ]
    for line in expected:
        assert line in built.log, line
    assert f"Nội dung có {len(expected)} lỗi cần sửa trước khi xuất bản:" in built.log


def test_unknown_field_warns_and_fails_strict_only(build_site):
    video = """\
        videos:
          - id: go-nham
            title: Video gõ nhầm
            date: 01/03/2026
            kind: phong-su
            descripton: Mô tả gõ nhầm.
            description: Mô tả.
            duration: "1:00"
            host: {type: youtube, id: M7lc1UVf-VE}
        """
    strict = build_site({"data/videos.yml": video})
    assert not strict.ok
    assert ("WARNING -  nscl: data/videos.yml, dòng 6, trường 'videos[0].descripton': cần một trường đã biết: "
            in strict.log)
    assert "(có phải 'description'?); đang là một trường lạ (bị bỏ qua)." in strict.log
    lenient = build_site({"data/videos.yml": video}, strict=False)
    assert lenient.ok and lenient.path("video/go-nham/").exists()


def test_a_real_file_where_a_video_page_goes_is_an_error(build_site):
    built = build_site({"content/video/index.md": "# Trang tự viết\n"})
    assert not built.ok
    assert ("content/video/index.md, trường 'địa chỉ trang': cần một địa chỉ khác 'video/', nơi trang web tự tạo "
            "một trang từ data/videos.yml (đổi tên hoặc xóa tệp này; với bài tin, đổi 'slug:'); "
            "đang là trùng địa chỉ.") in built.log


def test_counts_toward_an_unknown_target_fails_the_build(build_site):
    video = """\
        videos:
          - id: dem-sai
            title: Video tính sai chỉ tiêu
            date: 01/03/2026
            kind: video-clip
            provinces: [hai-duong]
            description: Mô tả.
            duration: "1:00"
            host: {type: youtube, id: M7lc1UVf-VE}
            counts_toward: hai-duong-video-2026-2035
        """
    built = build_site({"data/videos.yml": video})
    assert not built.ok
    assert ("data/videos.yml, dòng 10, trường 'videos[0].counts_toward': cần mã một chỉ tiêu có trong data/plans/ "
            "(trường 'id' của chỉ tiêu); đang là 'hai-duong-video-2026-2035' (có phải 'hai-duong-video-2026-2030'?)."
            ) in built.log


# ---------------------------------------------------------------------------------------------
# Pure helpers: durations, counted progress, related news


@pytest.mark.parametrize("raw, seconds", [
    ("12:30", 750), ("1:02:03", 3723), ("0:45", 45), ("05:30", 330), (750, 750), ("PT12M30S", 750),
    ("PT1H", 3600), ("pt2m", 120), ("PT7.6S", 8),
    ("12:75", None), ("1:60:00", None), ("0:00", None), ("PT", None), ("P1D", None), (True, None), (-5, None),
    ("mười phút", None),
])
def test_parse_duration(raw, seconds):
    assert parse_duration(raw) == seconds


def video(vid: str, date: str, kind: str = "phong-su", provinces: tuple[str, ...] = ("hai-duong",),
          counts_toward: str | None = None, topics: tuple[str, ...] = ()) -> Video:
    """A valid video for the pure-function tests."""
    return Video(id=vid, title=vid, date=dt.date.fromisoformat(date), kind=kind, provinces=provinces,
                 topics=topics, description="Mô tả.", duration=60, host=YouTube("M7lc1UVf-VE"), thumbnail=None,
                 counts_toward=counts_toward, draft=False, file="data/videos.yml", line=3,
                 counts_toward_field="videos[0].counts_toward", counts_toward_line=12)


def test_count_videos_by_kind_unit_and_period():
    videos = [
        video("a", "2026-01-01"),                                   # first day of the period
        video("b", "2030-12-31"),                                   # last day
        video("c", "2025-12-31"),                                   # before the period
        video("d", "2026-06-01", kind="toa-dam"),                   # another kind
        video("e", "2026-06-01", provinces=("hai-phong",)),         # another unit
        video("f", "2026-06-01", provinces=("hai-phong", "hai-duong")),
        video("g", "2026-06-01", counts_toward="hai-duong-phong-su-2026-2030"),
        video("h", "2026-06-01", counts_toward="hai-duong-toa-dam-2026-2030"),  # names another target
        video("i", "2026-06-01", kind="video-clip", provinces=(), counts_toward="hai-duong-phong-su-2026-2030"),
    ]
    period = {"start": dt.date(2026, 1, 1), "end": dt.date(2030, 12, 31)}
    assert count_videos(videos, kind="phong-su", units={"hai-duong"}, target="hai-duong-phong-su-2026-2030",
                        **period) == 5  # a, b, f, g, i
    assert count_videos(videos, kind="phong-su", units={"hai-duong"}, **period) == 3  # a, b, f
    assert count_videos(videos, kind="toa-dam", units={"hai-duong"}, target="hai-duong-toa-dam-2026-2030",
                        **period) == 2  # d, h
    assert count_videos(videos, kind=None, units={"hai-phong"}, **period) == 2  # e, f
    assert count_videos([], kind="phong-su", units={"hai-duong"}, **period) == 0


def test_check_counts_toward_unknown_target_and_period():
    problems = Problems()
    videos = [video("a", "2026-03-01", counts_toward="hai-duong-phong-su-2026-2030"),
              video("b", "2026-03-01", counts_toward="hai-duong-phong-su-2021-2025"),
              video("c", "2026-03-01", counts_toward="khong-co")]
    check_counts_toward(videos, {"hai-duong-phong-su-2026-2030": (dt.date(2026, 1, 1), dt.date(2030, 12, 31)),
                                 "hai-duong-phong-su-2021-2025": (dt.date(2021, 1, 1), dt.date(2025, 12, 31))},
                        problems)
    assert [p.render() for p in problems.errors] == [
        "data/videos.yml, dòng 12, trường 'videos[0].counts_toward': cần một chỉ tiêu có giai đoạn chứa ngày đăng "
        "01/03/2026 của video; đang là 'hai-duong-phong-su-2021-2025' (giai đoạn 01/01/2021 - 31/12/2025).",
        "data/videos.yml, dòng 12, trường 'videos[0].counts_toward': cần mã một chỉ tiêu có trong data/plans/ "
        "(trường 'id' của chỉ tiêu); đang là 'khong-co'.",
    ]


def test_related_articles_merge_sorted_lists_and_stop_early():
    from _articles import Article

    def article(slug: str, day: int, provinces: tuple[str, ...], topics: tuple[str, ...]) -> Article:
        return Article(src_uri=f"tin-tuc/{slug}.md", path=f"content/tin-tuc/{slug}.md", slug=slug, title=slug,
                       date=dt.date(2026, 1, day), summary="", provinces=provinces, topics=topics, source=None,
                       authors=())

    articles = [article("p5", 25, ("hai-duong",), ("tfp",)), article("t4", 24, (), ("ocop",)),
                article("p3", 23, ("hai-duong",), ()), article("x2", 22, ("ha-noi",), ("tfp",)),
                article("t1", 21, (), ("ocop",))]
    by_province, by_topic = {"hai-duong": [articles[0], articles[2]]}, {"ocop": [articles[1], articles[4]],
                                                                        "tfp": [articles[0], articles[3]]}
    item = video("v", "2026-02-01", topics=("ocop", "tfp"))
    assert [a.slug for a in related_articles(item, by_province, by_topic, 3)] == ["p5", "t4", "p3"]
    assert [a.slug for a in related_articles(item, by_province, by_topic, 10)] == ["p5", "t4", "p3", "x2", "t1"]
    assert related_articles(video("w", "2026-02-01", provinces=()), by_province, by_topic, 4) == []


def test_fixture_thumbnails_are_real_images():
    for name in ("hd-phong-su-1.png", "kh-huong-dan.png"):
        data = (Path(__file__).parent / "fixtures/videos/content/assets/video" / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")


def test_edit_link_of_a_generated_page_points_at_the_catalogue(build_site):
    built = build_site(env={"REPO_URL": "https://github.com/example/nscl"})
    assert built.ok, built.log
    edit = [a["href"] for t, a in tags(built.text("video/loai/phong-su/")).tags
            if t == "a" and "md-content__button" in a.get("class", "")]
    assert edit == ["https://github.com/example/nscl/edit/main/data/videos.yml"]
