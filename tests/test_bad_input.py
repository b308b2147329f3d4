"""Bad input on every surface an editor touches (issue 15): each case is rejected with its exact Vietnamese
message (file, line, field, expected, found) or read normalised, and nothing else of the file is lost.

Surfaces: article front matter and body, data/videos.yml, data/video-kinds.yml, data/topics.yml,
data/plans/*.yml, data/provinces.yml (loaders called in-process on small files: milliseconds each) and the
`extra:` settings of mkdocs.yml (in the one full build below, which also shows every surface's problems
reported together, and a second one that checks what HTML in text fields becomes in the written pages).
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import FIXTURES, ROOT, Built

sys.path.insert(0, str(ROOT / "hooks"))
import _articles  # noqa: E402
from _plan_loader import load_plans  # noqa: E402
from _problems import Problems  # noqa: E402
from _registry import load_registry  # noqa: E402
from _settings import check_agency  # noqa: E402
from _suggest import allowed_list  # noqa: E402
from _terms import KINDS as KIND_LIST  # noqa: E402
from _terms import TOPICS as TOPIC_LIST  # noqa: E402
from _terms import load_terms  # noqa: E402
from _video_loader import load_videos  # noqa: E402
from _yaml import MAX_FILE_BYTES, SettingLines  # noqa: E402

_base = Problems()
REGISTRY = load_registry(ROOT / "data" / "provinces.yml", "data/provinces.yml", _base)
TOPICS = load_terms(ROOT, TOPIC_LIST, _base)
KINDS = load_terms(ROOT, KIND_LIST, _base)
assert not _base.errors, _base.error_lines()

HIDDEN = ("cần chữ không có ký tự ẩn (ký tự điều khiển, ký tự độ rộng 0, ký tự đổi chiều chữ: thường lẫn vào khi "
          "chép từ chương trình khác); đang là ")
SYNTAX = "cần cú pháp YAML hợp lệ (thụt lề bằng dấu cách, 'tên: giá trị'); đang là lỗi cú pháp: "
DATE = "cần một ngày có thật, dạng dd/mm/yyyy (ví dụ 28/09/2021) hoặc yyyy-mm-dd; đang là "
URL = "cần một địa chỉ web đầy đủ, bắt đầu bằng https:// hoặc http://; đang là "
DELETE = " (xóa ký tự này: gõ lại chữ quanh chỗ đó)."


# ---------------------------------------------------------------------------------------------
# The surfaces: a valid file each, and how it is loaded (returns how many items were read, and the problems)


@dataclass
class Surface:
    """One input file an editor writes: its name in messages, a valid text and its loader."""

    name: str  # the file as messages name it
    valid: str
    load: Callable[[Path, str, Problems], int]  # (path, file name, problems) -> items read
    items: int  # items the valid text holds

    def run(self, tmp: Path, content: str | bytes) -> tuple[int, list[str]]:
        """Load `content` as this surface's file: (items read, rendered errors)."""
        path = tmp / Path(self.name).name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        problems = Problems()
        count = self.load(path, self.name, problems)
        return count, problems.error_lines()


VIDEOS = """\
videos:
  - id: hd-phong-su
    title: Phóng sự truy xuất nguồn gốc
    date: 15/03/2026
    kind: phong-su
    provinces: [hai-duong]
    description: Giới thiệu phóng sự.
    duration: "12:30"
    host: {type: youtube, id: M7lc1UVf-VE}
  - id: hp-toa-dam
    title: Tọa đàm năng suất
    date: 2026-04-10
    kind: toa-dam
    provinces: [hai-phong]
    description: Tọa đàm trên Facebook.
    duration: "45:00"
    host: {type: facebook, url: "https://www.facebook.com/example/videos/1234567890/"}
"""

ARTICLE = """\
---
title: Hải Phòng tập huấn năng suất
date: 15/03/2026
summary: Tóm tắt bài viết.
provinces: [hai-phong]
topics: [tuyen-truyen]
source:
  name: Cổng thông tin thử nghiệm
  url: https://example.org/nguon
---
Nội dung bài viết.

Đoạn thứ hai.
"""


def _videos(path: Path, file: str, problems: Problems) -> int:
    return len(load_videos(path, file, problems, kinds=KINDS, units=REGISTRY.units, topics=TOPICS,
                           docs_file=lambda _: None))


def _kinds(path: Path, file: str, problems: Problems) -> int:
    return len(load_terms(path.parent.parent, dataclasses.replace(KIND_LIST, file=file), problems))


def _topics(path: Path, file: str, problems: Problems) -> int:
    return len(load_terms(path.parent.parent, dataclasses.replace(TOPIC_LIST, file=file), problems))


def _registry(path: Path, file: str, problems: Problems) -> int:
    return len(load_registry(path, file, problems).units)


def _plans(path: Path, file: str, problems: Problems) -> int:
    # The plan file beside the real catalogue of groups and units of measure.
    (path.parent / "_danh-muc.yml").write_text((ROOT / "data/plans/_danh-muc.yml").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    data = load_plans(path.parent, "data/plans", REGISTRY, TOPICS, problems)
    return len(list(data.targets()))


def _article(path: Path, file: str, problems: Problems) -> int:
    file_ = SimpleNamespace(abs_src_path=str(path), src_uri=f"tin-tuc/{path.name}")
    article = _articles._read_article(file_, file, frozenset(REGISTRY.units), frozenset(TOPICS), problems)
    return int(article is not None)


def _real(rel: str) -> str:
    return (ROOT / rel).read_text(encoding="utf-8")


SURFACES = {
    "article": Surface("content/tin-tuc/bai-viet.md", ARTICLE, _article, 1),
    "videos": Surface("data/videos.yml", VIDEOS, _videos, 2),
    "kinds": Surface("data/video-kinds.yml", _real("data/video-kinds.yml"), _kinds, 6),
    "topics": Surface("data/topics.yml", _real("data/topics.yml"), _topics, len(TOPICS)),
    "plans": Surface("data/plans/hai-phong-cu.yml", (FIXTURES / "plans/data/plans/hai-phong-cu.yml").read_text(
        encoding="utf-8"), _plans, 2),
    "registry": Surface("data/provinces.yml", _real("data/provinces.yml"), _registry, len(REGISTRY.units)),
}


@pytest.fixture
def load(tmp_path: Path) -> Callable[[str, str | bytes], tuple[int, list[str]]]:
    """`load("videos", text)` -> (items read, rendered errors), the file laid out as in the project."""

    def _load(surface: str, content: str | bytes) -> tuple[int, list[str]]:
        s = SURFACES[surface]
        folder = tmp_path / Path(s.name).parent
        folder.mkdir(parents=True, exist_ok=True)
        return s.run(folder, content)

    return _load


def test_every_valid_surface_loads_without_problems(load):
    for name, surface in SURFACES.items():
        assert load(name, surface.valid) == (surface.items, []), name


# ---------------------------------------------------------------------------------------------
# What every file can get wrong, on every surface


@pytest.mark.parametrize("surface", SURFACES)
def test_empty_file(load, surface):
    count, errors = load(surface, "")
    file = SURFACES[surface].name
    if surface == "article":
        assert errors == [f"{file}, dòng 1: cần phần khai báo ở đầu tệp, mở và đóng bằng dòng '---'; "
                          "đang là không có phần khai báo (tệp trống)."]
    else:
        assert errors[0] == f"{file}: cần nội dung YAML (tệp không để trống); đang là tệp trống."
    assert count == 0


@pytest.mark.parametrize("surface", SURFACES)
def test_bom_and_crlf_read_as_plain_utf8(load, surface):
    text = SURFACES[surface].valid
    assert load(surface, ("\ufeff" + text).replace("\n", "\r\n").encode("utf-8")) == (SURFACES[surface].items, [])
    assert load(surface, text.replace("\n", "\r").encode("utf-8")) == (SURFACES[surface].items, [])


@pytest.mark.parametrize("surface", SURFACES)
def test_not_utf8_names_line_and_byte(load, surface):
    text = SURFACES[surface].valid
    lines = text.split("\n")
    # An editor's program saved the file as Windows-1258 after a line with a Vietnamese word in it.
    lines.insert(3, "# Hà Nội")
    data = "\n".join(lines).encode("utf-8").replace("# Hà Nội".encode(), "# Hà Nội".encode("cp1258", "replace"))
    count, errors = load(surface, data)
    assert errors == [f"{SURFACES[surface].name}, dòng 4: cần tệp mã hóa UTF-8 (trong trình soạn thảo: lưu lại với "
                      "mã hóa UTF-8); đang là byte 0xE0 không phải UTF-8 sau '# H' (tệp lưu bằng mã hóa khác, "
                      "ví dụ Windows-1258 hoặc TCVN3)."]
    assert count == 0
    count, errors = load(surface, text.encode("utf-16"))
    assert errors == [f"{SURFACES[surface].name}: cần tệp mã hóa UTF-8; đang là tệp mã hóa UTF-16 (lưu lại tệp với "
                      "mã hóa UTF-8)."]


@pytest.mark.parametrize("surface", SURFACES)
def test_very_large_file_is_named_not_read(load, surface):
    count, errors = load(surface, SURFACES[surface].valid + "#" * (MAX_FILE_BYTES + 1))
    assert errors == [f"{SURFACES[surface].name}: cần một tệp tối đa 10 MB; đang là 10,0 MB."]
    assert count == 0


def _with_hidden(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


# (surface, the valid text's phrase, the field's line and full name)
HIDDEN_AT = {
    "article": ("Hải Phòng tập huấn", 2, "title"),
    "videos": ("Tọa đàm năng suất", 11, "videos[1].title"),
    "kinds": ("Phóng sự", 7, "kinds[0].name"),
    "topics": ("Kế hoạch triển khai", 6, "topics[0].name"),
    "plans": ("Kế hoạch thử nghiệm", 9, "documents[0].title"),
    "registry": ("Tỉnh An Giang", 12, "units[0].name"),
}


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(("char", "kind"), [
    ("\x07", "ký tự điều khiển U+0007"), ("\u200b", "ký tự độ rộng 0 U+200B"), ("\u202e", "ký tự đổi chiều chữ U+202E"),
    ("\x85", "ký tự điều khiển U+0085"), ("\u2028", "ký tự xuống dòng lạ U+2028")])
def test_hidden_character_is_named_then_removed_so_nothing_else_is_lost(load, surface, char, kind):
    phrase, line, field = HIDDEN_AT[surface]
    first, rest = phrase.split(" ", 1)
    count, errors = load(surface, _with_hidden(SURFACES[surface].valid, phrase, f"{first}{char} {rest}"))
    assert errors == [f"{SURFACES[surface].name}, dòng {line}, trường '{field}': {HIDDEN}{kind} sau '{first}'{DELETE}"]
    assert count == SURFACES[surface].items


@pytest.mark.parametrize("surface", SURFACES)
def test_text_not_in_nfc_is_read_as_nfc(load, surface, tmp_path):
    phrase = HIDDEN_AT[surface][0]
    decomposed = unicodedata.normalize("NFD", phrase)
    assert decomposed != phrase
    assert load(surface, SURFACES[surface].valid.replace(phrase, decomposed, 1)) == (SURFACES[surface].items, [])


@pytest.mark.parametrize("surface", [s for s in SURFACES if s != "article"])
def test_malformed_yaml_names_the_line_in_vietnamese(load, surface):
    text = SURFACES[surface].valid
    phrase, line, _ = HIDDEN_AT[surface]
    count, errors = load(surface, text.replace(phrase, "[" + phrase, 1))
    assert errors == [f"{SURFACES[surface].name}, dòng {line + 1}: {SYNTAX}danh sách trong ngoặc vuông chưa đóng ']' "
                      "hoặc thiếu dấu ',' [did not find expected ',' or ']']."]
    assert count == 0


# ---------------------------------------------------------------------------------------------
# Article front matter and body


@pytest.mark.parametrize(("old", "new", "expected"), [
    # Impossible dates, in every form the guide allows (unquoted ISO used to raise PyYAML's ValueError).
    ("date: 15/03/2026", "date: 2026-02-30", [f"dòng 3, trường 'date': {DATE}'2026-02-30' (tháng 2 năm 2026 chỉ có "
                                               "28 ngày)."]),
    ("date: 15/03/2026", "date: 2026-13-01", [f"dòng 3, trường 'date': {DATE}'2026-13-01' (tháng chỉ từ 1 đến 12; có "
                                               "phải ngày 13/01/2026?)."]),
    ("date: 15/03/2026", "date: '2026-02-30'", [f"dòng 3, trường 'date': {DATE}'2026-02-30' (tháng 2 năm 2026 chỉ có "
                                                 "28 ngày)."]),
    ("date: 15/03/2026", "date: 31/04/2026", [f"dòng 3, trường 'date': {DATE}'31/04/2026' (tháng 4 năm 2026 chỉ có "
                                               "30 ngày)."]),
    ("date: 15/03/2026", "date: 2026-02-30 08:00:00", [f"dòng 3, trường 'date': {DATE}'2026-02-30 08:00:00' (tháng 2 "
                                                        "năm 2026 chỉ có 28 ngày)."]),
    ("date: 15/03/2026", "date: 29/02/2025", [f"dòng 3, trường 'date': {DATE}'29/02/2025' (tháng 2 năm 2025 chỉ có "
                                               "28 ngày)."]),
    ("date: 15/03/2026", "date: 0000-01-01", [f"dòng 3, trường 'date': {DATE}'0000-01-01' (năm phải từ 1 trở lên)."]),
    ("date: 15/03/2026", "date: hôm qua", [f"dòng 3, trường 'date': {DATE}'hôm qua'."]),
    # Wrong types.
    ("title: Hải Phòng tập huấn năng suất", "title: [Hải Phòng, tập huấn]",
     ["dòng 2, trường 'title': cần một đoạn chữ tối đa 200 ký tự; đang là một danh sách."]),
    ("summary: Tóm tắt bài viết.", "summary: {a: b}",
     ["dòng 4, trường 'summary': cần một đoạn chữ tối đa 400 ký tự; đang là một nhóm trường."]),
    ("source:\n  name: Cổng thông tin thử nghiệm\n  url: https://example.org/nguon", "source: https://example.org",
     ["dòng 7, trường 'source': cần một nhóm trường (các dòng thụt vào bên dưới); đang là 'https://example.org'."]),
    # Unknown references, with the slug of a display name, or the list a comma-separated line meant.
    ("provinces: [hai-phong]", "provinces: [Hải Dương]",
     ["dòng 5, trường 'provinces': cần slug tỉnh/thành có trong data/provinces.yml; đang là 'Hải Dương' "
      "(có phải 'hai-duong'?)."]),
    ("provinces: [hai-phong]", "provinces: [Thành phố Hải Phòng]",
     ["dòng 5, trường 'provinces': cần slug tỉnh/thành có trong data/provinces.yml; đang là 'Thành phố Hải Phòng' "
      "(có phải 'hai-phong'?)."]),
    ("provinces: [hai-phong]", "provinces: hai-phong, hai-duong",
     ["dòng 5, trường 'provinces': cần slug tỉnh/thành có trong data/provinces.yml; đang là 'hai-phong, hai-duong' "
      "(nhiều giá trị thì viết thành danh sách: [hai-phong, hai-duong])."]),
    ("provinces: [hai-phong]", "provinces: [hai-phong, hai-phong]",
     ["dòng 5, trường 'provinces': cần mỗi giá trị một lần; đang là 'hai-phong' lặp lại."]),
    ("topics: [tuyen-truyen]", "topics: [tuyen truyen]",
     [f"dòng 6, trường 'topics': cần chủ đề trong danh sách: {allowed_list(TOPICS)}; đang là 'tuyen truyen' "
      "(có phải 'tuyen-truyen'?)."]),
    # javascript: and data: addresses in the URL field; an address without https://.
    ("url: https://example.org/nguon", "url: javascript:alert(1)",
     [f"dòng 9, trường 'source.url': {URL}'javascript:alert(1)' (địa chỉ 'javascript:' không được dùng: chỉ nhận "
      "trang web http:// hoặc https://)."]),
    ("url: https://example.org/nguon", "url: 'data:text/html,<script>alert(1)</script>'",
     [f"dòng 9, trường 'source.url': {URL}'data:text/html,<script>alert(1)</script>' (địa chỉ 'data:' không được "
      "dùng: chỉ nhận trang web http:// hoặc https://)."]),
    ("url: https://example.org/nguon", "url: www.example.org/nguon",
     [f"dòng 9, trường 'source.url': {URL}'www.example.org/nguon' (có phải 'https://www.example.org/nguon'?)."]),
    ("url: https://example.org/nguon", "url: https://example.org/" + "a" * 2000,
     ["dòng 9, trường 'source.url': cần một đoạn chữ tối đa 2000 ký tự; đang là '2020 ký tự'."]),
    # Over-long values.
    ("title: Hải Phòng tập huấn năng suất", "title: " + "Năng suất " * 21,
     ["dòng 2, trường 'title': cần một đoạn chữ tối đa 200 ký tự; đang là '209 ký tự'."]),
    # Duplicated field; malformed YAML (a colon in an unquoted title).
    ("summary: Tóm tắt bài viết.", "summary: Tóm tắt bài viết.\nsummary: Lần hai.",
     ["dòng 5, trường 'summary': cần mỗi trường chỉ khai báo một lần; đang là khai báo lặp lại."]),
    ("title: Hải Phòng tập huấn năng suất", "title: Hải Phòng: tập huấn năng suất",
     [f"dòng 2: {SYNTAX}dấu ':' ở chỗ không được dùng (giá trị có dấu ':' cần đặt trong ngoặc kép, ví dụ title: "
      "\"Hội nghị: kết quả\") [mapping values are not allowed in this context]."]),
    ("date: 15/03/2026", "date: !!int 15/03/2026",
     [f"dòng 3: {SYNTAX[:-len('lỗi cú pháp: ')]}không đọc được giá trị '15/03/2026' [invalid literal for int() with "
      "base 10: '15/03/2026']."]),
    # The body: hidden characters (active content is the sanitizer's: tests/test_sanitize_site.py).
    ("Đoạn thứ hai.", "Đoạn\u200b thứ hai.", [f"dòng 13, trường 'nội dung bài': {HIDDEN}ký tự độ rộng 0 U+200B sau "
                                             f"'Đoạn'{DELETE}"]),
])
def test_article_front_matter_and_body(load, old, new, expected):
    text = SURFACES["article"].valid
    assert old in text
    count, errors = load("article", text.replace(old, new, 1))
    assert errors == [f"content/tin-tuc/bai-viet.md, {e}" for e in expected]
    # The article is still read (for the other checks) unless a field it cannot go without is wrong.
    unusable = ("'date'", "'title'", "'summary'", "'topics'", "cú pháp")
    assert count == (0 if any(f in expected[0] for f in unusable) and "lặp lại" not in expected[0] else 1)


def test_article_html_in_text_fields_is_read_as_text(load):
    # Not rejected: the templates escape it (test_html_in_every_text_field_is_escaped_in_the_pages checks the pages).
    text = SURFACES["article"].valid.replace("Tóm tắt bài viết.", "'<script>alert(1)</script> & <b>đậm</b>'")
    assert load("article", text) == (1, [])


def test_article_without_front_matter(load):
    assert load("article", "Chỉ có nội dung.\n") == (0, [
        "content/tin-tuc/bai-viet.md, dòng 1: cần phần khai báo ở đầu tệp, mở và đóng bằng dòng '---'; đang là "
        "không có phần khai báo."])


# ---------------------------------------------------------------------------------------------
# data/videos.yml


@pytest.mark.parametrize(("old", "new", "expected", "read"), [
    ("date: 15/03/2026", "date: 2026-02-30",
     [f"dòng 4, trường 'videos[0].date': {DATE}'2026-02-30' (tháng 2 năm 2026 chỉ có 28 ngày)."], 1),
    ("date: 2026-04-10", "date: 2026-13-01",
     [f"dòng 12, trường 'videos[1].date': {DATE}'2026-13-01' (tháng chỉ từ 1 đến 12; có phải ngày 13/01/2026?)."], 1),
    ("date: 15/03/2026", "date: 30/02/2026",
     [f"dòng 4, trường 'videos[0].date': {DATE}'30/02/2026' (tháng 2 năm 2026 chỉ có 28 ngày)."], 1),
    ("provinces: [hai-duong]", "provinces: [Hải Dương]",
     ["dòng 6, trường 'videos[0].provinces': cần slug tỉnh/thành có trong data/provinces.yml; đang là 'Hải Dương' "
      "(có phải 'hai-duong'?)."], 2),
    ("kind: phong-su", "kind: Phóng sự",
     ["dòng 5, trường 'videos[0].kind': cần loại video trong danh sách: 'ban-tin', 'hoi-nghi', 'huong-dan', "
      "'phong-su', 'toa-dam', 'video-clip' (có phải 'phong-su'?); đang là 'Phóng sự'."], 1),
    ("id: hp-toa-dam", "id: hd-phong-su",
     ["dòng 10, trường 'videos[1].id': cần mỗi video một mã riêng; đang là 'hd-phong-su', trùng với video ở dòng 2."],
     1),
    ('duration: "12:30"', "duration: [12, 30]",
     ["dòng 8, trường 'videos[0].duration': cần thời lượng dạng phút:giây đặt trong ngoặc kép, ví dụ \"12:30\" hoặc "
      "\"1:02:03\", hoặc dạng ISO 8601 như PT12M30S; đang là một danh sách."], 1),
    ("title: Tọa đàm năng suất", "title: " + "Tọa đàm " * 26,
     ["dòng 11, trường 'videos[1].title': cần một đoạn chữ tối đa 200 ký tự; đang là '207 ký tự'."], 1),
    ('url: "https://www.facebook.com/example/videos/1234567890/"', "url: javascript:alert(1)",
     ["dòng 17, trường 'videos[1].host.url': cần một địa chỉ https:// của video trên Facebook (www.facebook.com, "
      "facebook.com, m.facebook.com, web.facebook.com hoặc fb.watch); đang là 'javascript:alert(1)'."], 1),
    ("{type: youtube, id: M7lc1UVf-VE}", "{type: file, url: 'data:video/mp4;base64,AAAA', size: 1, mime: video/mp4}",
     ["dòng 9, trường 'videos[0].host.url': cần một địa chỉ https:// trên máy chủ khai báo trong 'file_hosts' ở đầu "
      "tệp (chưa khai báo máy chủ nào); đang là 'data:video/mp4;base64,AAAA'."], 1),
    ("{type: youtube, id: M7lc1UVf-VE}", "{type: youtube, id: M7lc1UVf-VE}\n    thumbnail: {src: 'javascript:x.png', "
     "alt: Ảnh}",
     ["dòng 10, trường 'videos[0].thumbnail.src': cần đường dẫn một ảnh (.jpg, .jpeg, .png, .webp, .avif) trong thư "
      "mục content/, ví dụ 'assets/video/ten-video.jpg' (ảnh lưu cùng trang web, không lấy từ trang khác); đang là "
      "'javascript:x.png'."], 1),
    ("kind: phong-su", "kind: " + "x" * 300,
     ["dòng 5, trường 'videos[0].kind': cần loại video trong danh sách: 'ban-tin', 'hoi-nghi', 'huong-dan', "
      f"'phong-su', 'toa-dam', 'video-clip'; đang là '{'x' * 120}…' (300 ký tự)."], 1),
    ("description: Giới thiệu phóng sự.", "description: Giới thiệu.\n    description: Lần hai.",
     ["dòng 8, trường 'description': cần mỗi trường chỉ khai báo một lần; đang là khai báo lặp lại."], 2),
])
def test_videos(load, old, new, expected, read):
    text = SURFACES["videos"].valid
    assert old in text
    count, errors = load("videos", text.replace(old, new, 1))
    assert errors == [f"data/videos.yml, {e}" for e in expected]
    assert count == read


def test_videos_html_in_text_fields_is_read_as_text(load):
    text = SURFACES["videos"].valid.replace("Giới thiệu phóng sự.", "'<script>alert(1)</script> & <i>x</i>'")
    assert load("videos", text) == (2, [])


def test_a_large_catalogue_is_read_whole(load):
    entry = SURFACES["videos"].valid.split("\n", 1)[1].split("  - id: hp-toa-dam")[0]
    text = "videos:\n" + "".join(entry.replace("id: hd-phong-su", f"id: video-{n}") for n in range(3000))
    assert len(text) > 600_000
    assert load("videos", text) == (3000, [])


# ---------------------------------------------------------------------------------------------
# data/video-kinds.yml, data/topics.yml


def test_kinds_duplicate_bad_slug_and_missing_name(load):
    text = SURFACES["kinds"].valid
    text = text.replace("slug: toa-dam", "slug: phong-su", 1).replace("slug: video-clip", "slug: Video clip", 1)
    text = text.replace("    name: Bản tin\n", "", 1)
    count, errors = load("kinds", text)
    assert errors == [
        "data/video-kinds.yml, dòng 9, trường 'kinds[1].slug': cần mỗi loại một slug riêng; đang là 'phong-su'.",
        "data/video-kinds.yml, dòng 12, trường 'kinds[2].slug': cần chữ thường không dấu nối bằng '-' (ví dụ "
        "'video-clip'); đang là 'Video clip'.",
        "data/video-kinds.yml, dòng 15, trường 'kinds[3].name': cần một đoạn chữ; đang là chưa có (trường bắt buộc).",
    ]
    assert count == 3


def test_topics_duplicate_and_wrong_type(load):
    text = SURFACES["topics"].valid.replace("slug: tuyen-truyen", "slug: ke-hoach-trien-khai", 1)
    text = text.replace("name: Tiêu chuẩn, quy chuẩn kỹ thuật", "name: [Tiêu chuẩn]", 1)
    count, errors = load("topics", text)
    assert errors == [
        "data/topics.yml, dòng 8, trường 'topics[1].slug': cần mỗi chủ đề một slug riêng; đang là "
        "'ke-hoach-trien-khai'.",
        "data/topics.yml, dòng 12, trường 'topics[2].name': cần một đoạn chữ; đang là một danh sách.",
    ]
    assert count == len(TOPICS) - 2


# ---------------------------------------------------------------------------------------------
# data/plans/*.yml


@pytest.mark.parametrize(("old", "new", "expected", "read"), [
    ("date: 11/01/2021", "date: 2021-02-30",
     [f"dòng 7, trường 'documents[0].date': {DATE}'2021-02-30' (tháng 2 năm 2021 chỉ có 28 ngày)."], 0),
    ("unit: hai-phong-cu", "unit: Hải Phòng",
     ["dòng 2, trường 'unit': cần slug tỉnh/thành có trong data/provinces.yml; đang là 'Hải Phòng' "
      "(có phải 'hai-phong'?)."], 0),
    ("id: fx-hp-tfp", "id: fx-hp-dn",
     ["dòng 22, trường 'documents[0].targets[1].id': cần mỗi chỉ tiêu một mã riêng trong data/plans; "
      "đang là 'fx-hp-dn', đã dùng ở data/plans/hai-phong-cu.yml, dòng 16."], 1),
    ("url: https://example.org/van-ban", "url: javascript:alert(1)",
     [f"dòng 13, trường 'documents[0].source.url': {URL}'javascript:alert(1)' (địa chỉ 'javascript:' không được "
      "dùng: chỉ nhận trang web http:// hoặc https://)."], 2),
    ("value: 7", "value: bảy", [], None),
])
def test_plans(load, old, new, expected, read):
    text = SURFACES["plans"].valid
    assert old in text
    count, errors = load("plans", text.replace(old, new, 1))
    if read is None:  # message worded by the plans module: only its file, line and field are pinned here
        assert len(errors) == 1 and errors[0].startswith(
            "data/plans/hai-phong-cu.yml, dòng 20, trường 'documents[0].targets[0].value': "), errors
        return
    assert errors == [f"data/plans/hai-phong-cu.yml, {e}" for e in expected]
    assert count == read


def test_plan_progress_as_of_impossible_date(load):
    text = SURFACES["plans"].valid.replace(
        "        unit: doanh-nghiep\n", "        unit: doanh-nghiep\n        progress:\n"
        "          - as_of: 2024-02-30\n            value: 3\n"
        "            source: {name: Báo cáo, url: https://example.org/bc}\n", 1)
    count, errors = load("plans", text)
    assert errors == [f"data/plans/hai-phong-cu.yml, dòng 23, trường 'documents[0].targets[0].progress[0].as_of': "
                      f"{DATE}'2024-02-30' (tháng 2 năm 2024 chỉ có 29 ngày)."]
    assert count == 2


# ---------------------------------------------------------------------------------------------
# data/provinces.yml


def test_registry_formed_from_as_one_slug_is_a_list_of_one(load):
    text = SURFACES["registry"].valid.replace("  formed_from:\n  - an-giang-cu\n  - kien-giang\n",
                                              "  formed_from: an-giang-cu\n", 1)
    count, errors = load("registry", text)
    # Read as a list of one: so Kiên Giang, which names An Giang in `merged_into`, is missing from it.
    assert errors == ["data/provinces.yml, dòng 20, trường 'units[0].formed_from': cần danh sách có 'kien-giang' "
                      "('kien-giang' ghi merged_into: an-giang); đang là 'an-giang-cu'."]
    assert count == len(REGISTRY.units)


@pytest.mark.parametrize(("old", "new", "expected"), [
    # Kiên Giang names An Giang in `merged_into`, but An Giang's `formed_from` leaves it out.
    ("  - an-giang-cu\n  - kien-giang\n", "  - an-giang-cu\n",
     "dòng 20, trường 'units[0].formed_from': cần danh sách có 'kien-giang' ('kien-giang' ghi merged_into: "
     "an-giang); đang là 'an-giang-cu'."),
    # An Giang (cũ) is in An Giang's `formed_from`, but says nothing of where it went.
    ("  until: '2025-06-30'\n  merged_into: an-giang\n", "  until: '2025-06-30'\n",
     "dòng 23, trường 'units[1].merged_into': cần 'an-giang' ('an-giang' ghi đơn vị này trong formed_from); đang là "
     "chưa có."),
    # The dates do not meet: it ends two days before An Giang begins, or never ends.
    ("  until: '2025-06-30'\n  merged_into: an-giang\n", "  until: '2025-06-29'\n  merged_into: an-giang\n",
     "dòng 31, trường 'units[1].until': cần ngày liền trước ngày 'an-giang' bắt đầu (01/07/2025, trường 'from' của "
     "'an-giang'): 30/06/2025; đang là '29/06/2025'."),
    ("  until: '2025-06-30'\n  merged_into: an-giang\n", "  until: null\n  merged_into: an-giang\n",
     "dòng 31, trường 'units[1].until': cần ngày cuối cùng của đơn vị trước khi hợp nhất (đơn vị có merged_into); "
     "đang là chưa có."),
    ("  from: '2025-07-01'\n  until: null\n  formed_from:\n  - an-giang-cu",
     "  from: null\n  until: null\n  formed_from:\n  - an-giang-cu",
     "dòng 18, trường 'units[0].from': cần ngày đơn vị bắt đầu, 01/07/2025 ('an-giang-cu' hợp nhất vào đây kết thúc "
     "30/06/2025); đang là chưa có."),
])
def test_registry_a_merger_is_written_on_both_sides_and_its_dates_meet(load, old, new, expected):
    valid = SURFACES["registry"].valid
    assert old in valid
    count, errors = load("registry", valid.replace(old, new, 1))
    assert errors == [f"data/provinces.yml, {expected}"]
    assert count == len(REGISTRY.units)


def test_registry_unknown_references_have_their_line_and_a_suggestion(load):
    text = SURFACES["registry"].valid.replace("  - kien-giang\n", "  - kien giang\n", 1)
    text = text.replace("merged_into: ho-chi-minh", "merged_into: Thành phố Hồ Chí Minh", 1)
    count, errors = load("registry", text)
    assert errors == [
        "data/provinces.yml, dòng 22, trường 'units[0].formed_from': cần slug của một đơn vị có trong danh mục; "
        "đang là 'kien giang' (có phải 'kien-giang'?).",
        "data/provinces.yml, dòng 42, trường 'units[2].merged_into': cần slug của một đơn vị có trong danh mục; "
        "đang là 'Thành phố Hồ Chí Minh' (có phải 'ho-chi-minh'?).",
    ]
    assert count == len(REGISTRY.units)


def test_registry_duplicate_slug_and_impossible_date(load):
    text = SURFACES["registry"].valid.replace("slug: an-giang-cu", "slug: an-giang", 1)
    text = text.replace("  date: '2025-07-01'", "  date: 2025-06-31", 1)
    count, errors = load("registry", text)
    assert errors == [
        f"data/provinces.yml, dòng 6, trường 'merger.date': {DATE}'2025-06-31' (tháng 6 năm 2025 chỉ có 30 ngày).",
        # The references to the unit that is now missing are named too, each with its line.
        "data/provinces.yml, dòng 21, trường 'units[0].formed_from': cần slug của một đơn vị có trong danh mục; "
        "đang là 'an-giang-cu' (có phải 'an-giang'?).",
        "data/provinces.yml, dòng 23, trường 'units[1].slug': cần mỗi đơn vị một slug riêng; đang là 'an-giang'.",
    ]
    assert count == len(REGISTRY.units) - 1


# ---------------------------------------------------------------------------------------------
# Full builds: every surface's problems in one message (and the settings in mkdocs.yml); HTML escaped


def test_every_surface_reports_together_in_one_message(build_site):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("    page_size: 10", "    page_size: mười").replace("    limit: 50", "    limit: -5")
    page_size, limit = (config.split("\n").index(line) + 1 for line in ("    page_size: mười", "    limit: -5"))
    built: Built = build_site({
        "mkdocs.yml": config,
        "content/tin-tuc/ngay-sai.md": ARTICLE.replace("15/03/2026", "2026-02-30"),
        "content/tin-tuc/trung-1.md": ARTICLE.replace("---\nNội", "slug: trung\n---\nNội"),
        "content/tin-tuc/trung-2.md": ARTICLE.replace("---\nNội", "slug: trung\n---\nNội"),
        "content/tin-tuc/anh-js.md": ARTICLE.replace("---\nNội", "image: javascript:alert(1)\nimage_alt: Ảnh\n"
                                                                 "---\nNội"),
        "data/videos.yml": VIDEOS.replace("2026-04-10", "2026-13-01"),
        "data/topics.yml": _real("data/topics.yml").replace("name: Kế hoạch triển khai", "name: Kế\u200b hoạch", 1),
    })
    assert not built.ok
    assert "Traceback" not in built.log, built.log
    message = built.log[built.log.index("Nội dung có"):]
    assert message.startswith("Nội dung có 7 lỗi cần sửa trước khi xuất bản:\n"), built.log
    for line in [
        "  - content/tin-tuc/anh-js.md, dòng 10, trường 'image': cần đường dẫn tới một ảnh có trong content/ (tính "
        "từ thư mục của bài viết); đang là 'javascript:alert(1)' (không tìm thấy content/tin-tuc/javascript:alert(1)).",
        f"  - content/tin-tuc/ngay-sai.md, dòng 3, trường 'date': {DATE}'2026-02-30' (tháng 2 năm 2026 chỉ có "
        "28 ngày).",
        "  - content/tin-tuc/trung-2.md, trường 'slug': cần mỗi bài một địa chỉ riêng (đặt 'slug:' khác); đang là "
        "'trung', trùng với content/tin-tuc/trung-1.md.",
        f"  - data/topics.yml, dòng 6, trường 'topics[0].name': {HIDDEN}ký tự độ rộng 0 U+200B sau 'Kế'{DELETE}",
        f"  - data/videos.yml, dòng 12, trường 'videos[1].date': {DATE}'2026-13-01' (tháng chỉ từ 1 đến 12; có phải "
        "ngày 13/01/2026?).",
        f"  - mkdocs.yml, dòng {page_size}, trường 'extra.news.page_size': cần một số nguyên dương (số bài mỗi "
        "trang); đang là 'mười'.",
        f"  - mkdocs.yml, dòng {limit}, trường 'extra.feeds.limit': cần một số nguyên dương (số mục tối đa), hoặc "
        "null để không giới hạn; đang là '-5'.",
    ]:
        assert line in message.splitlines(), message


NASTY = "<script>alert('x')</script> & <b onclick=\"alert(1)\">đậm</b>"


def test_html_in_every_text_field_is_escaped_in_the_pages(build_site):
    decomposed = unicodedata.normalize("NFD", "Hội nghị năng suất")
    quoted = json.dumps(NASTY, ensure_ascii=False)  # a JSON string is a double-quoted YAML string
    article = (ARTICLE.replace("Hải Phòng tập huấn năng suất", json.dumps(f"{decomposed} {NASTY}", ensure_ascii=False))
               .replace("Tóm tắt bài viết.", quoted)
               .replace("name: Cổng thông tin thử nghiệm", f"name: {quoted}")
               .replace("\n", "\r\n"))
    videos = (VIDEOS.replace("title: Phóng sự truy xuất nguồn gốc", f"title: {quoted}")
              .replace("description: Giới thiệu phóng sự.", f"description: {quoted}"))
    topics = (_real("data/topics.yml").replace("name: Tuyên truyền, nâng cao nhận thức", f"name: {quoted}", 1)
              .replace("description: Hoạt động thông tin, tuyên truyền, tập huấn nâng cao nhận thức về năng suất chất "
                       "lượng.", f"description: {quoted}", 1))
    kinds = _real("data/video-kinds.yml").replace("name: Tọa đàm", f"name: {quoted}", 1)
    plan = (SURFACES["plans"].valid.replace("title: Kế hoạch thử nghiệm năng suất chất lượng", f"title: {quoted}")
            .replace("indicator: Tỷ trọng TFP trong GRDP", f"indicator: {quoted}"))
    other_plans = tuple(f"data/plans/{p.name}" for p in (ROOT / "data/plans").glob("*.yml")
                        if p.name != "_danh-muc.yml")
    built = build_site({"content/tin-tuc/bai-viet.md": "\ufeff" + article, "data/videos.yml": videos,
                        "data/topics.yml": topics, "data/video-kinds.yml": kinds,
                        "data/plans/hai-phong-cu.yml": plan}, remove=other_plans)
    assert built.ok, built.log
    written = {name: data.decode("utf-8", errors="replace") for name, data in built.files().items()
               if name.endswith((".html", ".xml", ".json", ".atom"))}
    pages = [name for name, text in written.items() if "đậm" in text]
    for page in ("tin-tuc/bai-viet/index.html", "video/hd-phong-su/index.html", "chu-de/tuyen-truyen/index.html",
                 "video/loai/toa-dam/index.html", "tinh-thanh/hai-phong-cu/index.html", "tong-quan/index.html"):
        assert page in pages, (page, pages)
    for name in pages:
        text = written[name]
        if name.endswith(".json"):  # JSON (feed, open data): text values are plain text, kept as written
            assert NASTY in json.dumps(json.loads(text), ensure_ascii=False).replace('\\"', '"'), name
            continue
        assert "<script>alert(" not in text and "<b onclick" not in text, name
    page = written["tin-tuc/bai-viet/index.html"]
    assert "&lt;script&gt;alert(" in page
    # NFD in the file, NFC on the page.
    assert "Hội nghị năng suất" in page and decomposed not in page


# ---------------------------------------------------------------------------------------------
# The preview (`./run serve`): problems on every page, the valid content still built

SERVE_BUILD = """
import os, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url="http://127.0.0.1:8000/")
"""


def test_preview_lists_problems_on_every_page_and_builds_the_rest(tmp_path):
    import os
    import subprocess

    from conftest import epoch_of, make_site

    root = make_site(tmp_path / "site", fixture="news", files={
        "content/tin-tuc/ngay-sai.md": ARTICLE.replace("15/03/2026", "2026-02-30"),
    })
    (root / "content/tin-tuc/utf16.md").write_bytes(ARTICLE.encode("utf-16"))
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch_of("2026-11-22"), "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-c", SERVE_BUILD, str(root / "out")], cwd=root, env=env,
                          capture_output=True, text=True, check=False)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "Traceback" not in log
    home = (root / "out/index.html").read_text(encoding="utf-8")
    banner = re.search(r'<div class="nscl-problems" role="alert">.*?</div>', home, re.S).group(0)
    items = re.findall(r"<li>(.*?)</li>", banner)
    assert items == [
        "content/tin-tuc/ngay-sai.md, dòng 3, trường &#39;date&#39;: cần một ngày có thật, dạng dd/mm/yyyy (ví dụ "
        "28/09/2021) hoặc yyyy-mm-dd; đang là &#39;2026-02-30&#39; (tháng 2 năm 2026 chỉ có 28 ngày).",
        "content/tin-tuc/utf16.md: cần tệp mã hóa UTF-8; đang là tệp mã hóa UTF-16 (lưu lại tệp với mã hóa UTF-8).",
    ]
    assert "Bản xem trước có 2 lỗi cần sửa trước khi xuất bản:" in banner
    # On every page, the valid articles and the province pages still built.
    for page in ("tin-tuc/index.html", "tin-tuc/tfp-hai-phong/index.html", "tinh-thanh/hai-phong/index.html",
                 "404.html"):
        assert 'class="nscl-problems"' in (root / "out" / page).read_text(encoding="utf-8"), page
    assert not (root / "out/tin-tuc/utf16").exists()
    # The terminal's last line says it in Vietnamese.
    assert log.strip().splitlines()[-1].endswith(
        "Bản xem trước có 2 lỗi và 0 cảnh báo (danh sách ở trên và ở đầu mỗi trang): sửa rồi lưu tệp, trang tự tải "
        "lại."), log


def test_a_build_without_problems_has_no_banner(built_news_site_pages):
    for text in built_news_site_pages:
        assert "nscl-problems" not in text


@pytest.fixture(scope="module")
def built_news_site_pages(tmp_path_factory) -> list[str]:
    from conftest import make_site, run_build

    built = run_build(make_site(tmp_path_factory.mktemp("news"), fixture="news"))
    assert built.ok, built.log
    assert "Đã dựng xong trong" in built.log  # MkDocs's progress lines, in Vietnamese
    return [built.text("index.html"), built.text("tin-tuc/tfp-hai-phong/")]


def test_agency_settings_are_checked(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  agency:\n    name: \"Sở\u200b KH&CN\"\n    phone: 0243\n"
                      "    email: lienhe\n    fax: \"024\"\n", encoding="utf-8")
    problems = Problems(setting_line=SettingLines(config))
    check_agency({"name": "Sở\u200b KH&CN", "phone": 163, "email": "lienhe", "fax": "024"}, problems)
    assert problems.error_lines() == [
        "mkdocs.yml, dòng 4, trường 'extra.agency.name': cần chữ không có ký tự ẩn; đang là ký tự độ rộng 0 U+200B "
        "sau 'Sở' (xóa ký tự này).",
        "mkdocs.yml, dòng 5, trường 'extra.agency.phone': cần một dòng chữ, đặt trong ngoặc kép (ví dụ phone: "
        "\"024 3822 6785\"); đang là '163'.",
        "mkdocs.yml, dòng 6, trường 'extra.agency.email': cần một địa chỉ thư điện tử, ví dụ "
        "\"lienhe@example.gov.vn\"; đang là 'lienhe'.",
    ]
    assert problems.warning_lines() == [
        "mkdocs.yml, dòng 7, trường 'extra.agency.fax': cần một trường đã biết: 'address', 'email', 'name', 'phone', "
        "'programme_lead'; đang là một trường lạ (bị bỏ qua)."]
    problems = Problems(setting_line=SettingLines(config))
    check_agency({"name": "", "programme_lead": "Bộ Khoa học và Công nghệ", "phone": "024 3822 6785",
                              "email": "lienhe@example.gov.vn"}, problems)
    assert problems.errors == [] and problems.warnings == []
