"""Issue 22 on built sites: what an editor writes reaches readers without active content, and every removal is
said with its file and line. The HTML is read with a parser (tests/test_sanitize.py `active_content`), never a
regex: the page's content area, and the article HTML that every feed format carries."""

from __future__ import annotations

import json
import re
import unicodedata

import lxml.etree
import lxml.html
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_news import article
from test_sanitize import HTMLISH, active_content

from conftest import Built

PAGE = "content/tin-tuc/doc-hai.md"
# One article with each way active content is spelled, line by line (its body starts on line 10).
HOSTILE = [
    (10, "<script>alert(1)</script>", "thẻ <script> (mã chạy trên trình duyệt)"),
    (12, '<img src="anh.png" onerror="alert(1)">', "thuộc tính onerror của thẻ <img> (mã chạy trên trình duyệt)"),
    (14, "[Bấm vào đây](javascript:alert(1))", "địa chỉ 'javascript:' trong liên kết"),
    (16, '<a href="jav&#x61;script:alert(1)">Tham chiếu ký tự</a>', "địa chỉ 'javascript:' trong liên kết"),
    (18, '<a href="java\tscript:alert(1)">Có dấu tab</a>', "địa chỉ 'javascript:' trong liên kết"),
    (20, '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
     "thẻ <iframe> (nội dung bài không nhúng trang khác)"),
    (22, '<form action="javascript:alert(1)"><button>Gửi</button></form>', "thẻ <form> (bài không chứa biểu mẫu)"),
    (22, None, "thẻ <button> (bài không chứa biểu mẫu)"),
    (24, "Đoạn có thuộc tính.", None),
    (25, '{: onclick="alert(1)" }', "thuộc tính onclick của thẻ <p> (mã chạy trên trình duyệt)"),
    (27, "![Ảnh](data:image/png;base64,AAAA)", "địa chỉ 'data:' trong ảnh"),
    (29, '<SCRIPT SRC="https://example.com/x.js"></SCRIPT>', "thẻ <script> (mã chạy trên trình duyệt)"),
    (31, '<svg onload="alert(1)"><circle r="1"/></svg>',
     "thẻ <svg> (hình vẽ và công thức đưa vào bài dưới dạng tệp ảnh)"),
    (33, '<a href="VBScript:msgbox(1)">VB</a>', "địa chỉ 'vbscript:' trong liên kết"),
    (35, '<object data="data:text/html,<script>alert(1)</script>"></object>',
     "thẻ <object> (nội dung bài không nhúng trang khác)"),
    (37, "<!-- ghi chú của biên tập viên -->", None),
    (39, "Đoạn cuối.", None),
]
EXPECTED = "cần chữ, ảnh, bảng và liên kết (bài không chứa mã chạy trên trình duyệt hay trang nhúng)"


def hostile_article() -> str:
    """The article of HOSTILE, each piece on its line, with a summary that holds markup as text."""
    lines: dict[int, str] = {}
    for line, text, _ in HOSTILE:
        if text is not None:
            lines[line] = text
    text = article("Bài có mã độc", body="\n".join(lines.get(n, "") for n in range(10, max(lines) + 1)))
    assert text.splitlines()[9] == HOSTILE[0][1]
    return text.replace("summary: Tóm tắt bài thử nghiệm.", "summary: 'Tóm tắt <script>alert(1)</script> & R&D.'")


def body_area(html: str) -> BeautifulSoup:
    """A page's content area without the parts the project's own templates draw around what an editor wrote
    (dates and places, share links, charts and the map, which hold SVG, inline sizes and a copy button)."""
    area = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    assert area is not None
    for part in area.select("div.nscl-article-meta, aside.nscl-share, figure.nscl-chart, figure.nscl-map"):
        part.decompose()
    for bar in area.select("span.nscl-bar__fill, span.nscl-bar__target"):
        del bar["style"]
    return area


def feed_html(built: Built) -> list[str]:
    """The article HTML and summaries of every feed file, as readers take them: RSS content and description,
    Atom content and summary (both HTML), JSON Feed content_html."""
    found = []
    for path in sorted((built.site / "nguon-tin").rglob("*")):
        if path.suffix in (".xml", ".atom"):
            root = lxml.etree.fromstring(path.read_bytes())
            found += [e.text or "" for e in root.iter() if isinstance(e.tag, str)
                      and e.tag.rsplit("}", 1)[-1] in ("encoded", "description", "content", "summary")]
        elif path.suffix == ".json":
            found += [item.get("content_html", "") for item in json.loads(path.read_text("utf-8"))["items"]]
    return found


def test_each_spelling_of_active_content_is_named_with_its_line_and_stops_a_strict_build(build_site):
    built = build_site({PAGE: hostile_article()})
    assert not built.ok
    said = re.findall(rf"WARNING -  nscl: {PAGE}, dòng (\d+), trường 'nội dung bài': {re.escape(EXPECTED)}; "
                      r"đang là (.+), đã bỏ khỏi trang\.", built.log)
    assert [(int(line), what) for line, what in said] == [(line, what) for line, _, what in HOSTILE
                                                          if what is not None]
    # The HTML comment shows on no page: a note, not a warning.
    assert f"INFO    -  nscl: {PAGE}, dòng 37: ghi chú HTML <!-- … --> (không đưa lên trang), đã bỏ khỏi trang" \
        in built.log
    assert "Traceback" not in built.log


def test_what_is_published_holds_the_text_and_no_active_content(build_site):
    built = build_site({PAGE: hostile_article()}, strict=False)
    assert built.ok, built.log
    area = body_area(built.text("tin-tuc/doc-hai/"))
    assert active_content(str(area)) == []
    text = area.get_text(" ", strip=True)
    for words in ("Bấm vào đây", "Tham chiếu ký tự", "Có dấu tab", "Gửi", "Đoạn có thuộc tính.",
                  "VB", "Đoạn cuối."):
        assert words in text
    # The summary is shown as the text it is, on the page's listing and in every feed.
    listing = BeautifulSoup(built.text("tin-tuc/"), "html.parser")
    assert [p.get_text() for p in listing.select(".nscl-news-item__summary")] \
        == ["Tóm tắt <script>alert(1)</script> & R&D."]
    pieces = feed_html(built)
    assert any("Đoạn cuối." in piece for piece in pieces)
    for piece in pieces:
        assert active_content(piece) == [], piece
        assert lxml.html.fragment_fromstring(piece or "<p></p>", create_parent="div").xpath("//script") == []


def test_the_real_site_has_no_active_content_from_its_content(real_site):
    pages = sorted(real_site.site.rglob("*.html"))
    checked = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if "md-content__inner" not in html:
            continue  # the web editor's page, which holds no content
        assert active_content(str(body_area(html))) == [], path
        checked += 1
    assert checked >= 60
    for piece in feed_html(real_site):
        assert active_content(piece) == [], piece


def _printable(body: str) -> str:
    """A generated body without the characters the build rejects as hidden (tests/test_bad_input.py has them)."""
    return "".join(c for c in body if c in "\t\n" or unicodedata.category(c) not in ("Cc", "Cf") and c != "\u00ad")


# A few builds of eight generated articles each (a build takes seconds; tests/test_sanitize.py draws thousands
# of bodies through the sanitizer itself).
@settings(max_examples=4, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(HTMLISH.map(_printable), min_size=8, max_size=8))
def test_generated_bodies_are_published_without_active_content(build_site, bodies):
    files = {f"content/tin-tuc/bai-{n}.md": article(f"Bài sinh tự động {n}", f"2026-11-{n + 1:02d}", body=body)
             for n, body in enumerate(bodies)}
    built = build_site(files, strict=False)
    assert built.ok, built.log
    assert "Traceback" not in built.log
    for n in range(len(bodies)):
        assert active_content(str(body_area(built.text(f"tin-tuc/bai-{n}/")))) == [], bodies[n]
    for piece in feed_html(built):
        assert active_content(piece) == [], piece
