"""Pictures (issue 14): preview cards and covers, read back from real builds and from the drawing functions."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from PIL import Image

from conftest import ROOT, Built, make_site, run_build

sys.path.insert(0, str(ROOT / "hooks"))
import _cards  # noqa: E402

SITE = "https://example.org/nscl/"
LONG = ("Đề án nâng cao năng suất chất lượng tỉnh Hải Dương: các mục tiêu giai đoạn 2026-2030 và những việc "
        "phải làm ngay trong năm đầu tiên để đạt được mục tiêu đã đề ra, với sự tham gia của doanh nghiệp")
SHORT = "Nghệ An"
DARK = "Bắc Ninh: ứng dụng Lean, Kaizen, 5S; Đắk Lắk ưu tiên ổn định chuỗi giá trị cà phê"


def article(title: str, *, extra: str = "", date: str = "2026-11-01") -> str:
    front = {"title": title, "date": date, "summary": "Tóm tắt bài thử nghiệm.", "provinces": ["hai-duong"],
             "topics": ["tfp"]}
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + extra + "---\n\nNội dung.\n"


ARTICLES = {
    "content/tin-tuc/dai.md": article(LONG),
    "content/tin-tuc/ngan.md": article(SHORT),
    "content/tin-tuc/dau.md": article(DARK),
    "content/tin-tuc/co-bia.md": article("Bài có ảnh bìa", extra="cover: anh/bia.jpg\ncover_alt: Xưởng sản xuất\n"),
}


def photo(path: Path, size: tuple[int, int] = (1600, 1000)) -> None:
    """A photograph stand-in: a gradient, so resizing and cropping have something to change."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.save(path, "JPEG", quality=90)


def lay_out(dest: Path) -> Path:
    root = make_site(dest, fixture="videos", files=ARTICLES)
    photo(root / "content/tin-tuc/anh/bia.jpg")
    return root


def images(built: Built) -> dict[str, bytes]:
    return {k: v for k, v in built.files().items() if k.startswith(("assets/cards/", "assets/covers/"))}


def drawn(log: str) -> tuple[int, int]:
    found = re.search(r"Ảnh xem trước và ảnh bìa: vẽ mới (\d+), dùng lại (\d+)", log)
    assert found, log
    return int(found[1]), int(found[2])


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[tuple[str, dict[str, bytes]], Built, Built]:
    """The same site built cold (its log and pictures), again with the warm cache, and cold elsewhere."""
    root = lay_out(tmp_path_factory.mktemp("cards") / "a")
    cold = run_build(root)
    assert cold.ok, cold.log
    first = (cold.log, images(cold))  # the second build replaces the folder
    warm = run_build(root)
    assert warm.ok, warm.log
    other = run_build(lay_out(tmp_path_factory.mktemp("cards") / "b"))
    assert other.ok, other.log
    return first, warm, other


def meta(built: Built, url: str) -> dict[str, str]:
    page = BeautifulSoup(built.text(url), "html.parser")
    return {m.get("property") or m.get("name"): m.get("content") for m in page.select("meta")
            if m.get("property") or m.get("name")}


def shared_pages(built: Built) -> list[str]:
    """Every article, video and unit page, the overview and the home page of a build."""
    site = built.site
    urls = ["", "tong-quan/"]
    urls += [f"tin-tuc/{p.parent.name}/" for p in (site / "tin-tuc").glob("*/index.html")
             if p.parent.name not in ("nam", "trang")]
    urls += [f"video/{p.parent.name}/" for p in (site / "video").glob("*/index.html")
             if p.parent.name not in ("loai", "tinh", "trang")]
    urls += [f"tinh-thanh/{p.parent.name}/" for p in (site / "tinh-thanh").glob("*/index.html")]
    return urls


def test_every_shared_page_has_a_1200x630_preview_with_its_description(builds):
    _, warm, _ = builds
    urls = shared_pages(warm)
    kinds = {u.split("/")[0] for u in urls}
    assert {"", "tong-quan", "tin-tuc", "video", "tinh-thanh"} <= kinds, urls
    assert len(urls) > 20
    for url in urls:
        tags = meta(warm, url)
        image = tags["og:image"]
        assert image.startswith(SITE + "assets/"), (url, image)
        data = warm.path(image.removeprefix(SITE)).read_bytes()
        picture = Image.open(io.BytesIO(data))
        cover = url == "tin-tuc/co-bia/"
        assert picture.format == ("JPEG" if cover else "PNG"), url
        assert picture.size == (1200, 630), url
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
        assert tags["og:image:type"] == ("image/jpeg" if cover else "image/png")
        assert tags["og:image:alt"].strip(), url
        assert tags["twitter:card"] == "summary_large_image"
    assert meta(warm, "tin-tuc/co-bia/")["og:image:alt"] == "Xưởng sản xuất"
    assert meta(warm, "tin-tuc/ngan/")["og:image:alt"] == "Tin tức: Nghệ An. 01/11/2026 · Hải Dương"
    unit = meta(warm, "tinh-thanh/hai-phong/")["og:image:alt"]
    assert re.fullmatch(r"Tỉnh, thành phố: .*Hải Phòng.*\. \d+ văn bản kế hoạch.*\. \d+ chỉ tiêu có số", unit), unit
    # A page without a card of its own (a listing) shows the home page's.
    assert meta(warm, "tin-tuc/")["og:image"] == meta(warm, "")["og:image"]


def test_the_font_has_a_glyph_for_every_character_of_every_title_drawn(builds):
    _, warm, _ = builds
    cmaps = [set(TTFont(path).getBestCmap()) for path in _cards.FONTS.values()]
    titles = {meta(warm, url)["og:title"] for url in shared_pages(warm)}
    assert LONG in titles and DARK in titles
    # The description of a card names everything it draws: kind, title, date or unit, figure.
    drawn_texts = {meta(warm, url)["og:image:alt"] for url in shared_pages(warm) if url != "tin-tuc/co-bia/"}
    for title in titles | drawn_texts:
        for cmap in cmaps:
            assert not [c for c in title if not c.isspace() and ord(c) not in cmap], title
    # The characters the build takes as drawable without reading the cmap: every one is in both fonts.
    for cmap in cmaps:
        assert not [c for c in _cards.COMMON if ord(c) not in cmap]
    assert {"ệ", "ỗ", "ặ", "Ự", "đ", "Đ", "…"} <= _cards.COMMON
    # The check can fail: a hieroglyph is in no font of the chain.
    assert _cards.missing("Năng suất ☃ 质 𓀀") == ["𓀀"]


def test_two_builds_draw_the_same_bytes_and_a_warm_cache_draws_nothing(builds):
    (cold_log, cold_images), warm, other = builds
    assert drawn(cold_log)[0] > 20 and drawn(cold_log)[1] == 0
    assert drawn(warm.log) == (0, drawn(cold_log)[0])
    assert drawn(other.log) == drawn(cold_log)
    assert len(cold_images) > 20
    assert images(other) == cold_images == images(warm)


def test_cover_renditions_keep_the_1200px_file_from_phones_and_the_cover_is_not_lazy(builds):
    _, warm, _ = builds
    page = BeautifulSoup(warm.text("tin-tuc/co-bia/"), "html.parser")
    source = page.select(".nscl-article-cover picture source")[0]
    img = page.select(".nscl-article-cover img")[0]
    assert source["media"] == "(max-width: 600px)"
    phone = [c.split() for c in source["srcset"].split(", ")]
    assert [w for _, w in phone] == ["480w", "800w"]
    every = [c.split() for c in img["srcset"].split(", ")]
    assert [w for _, w in every] == ["480w", "800w", "1200w"]
    assert "loading" not in img.attrs and img["alt"] == "Xưởng sản xuất"
    for url, width in every:
        file = warm.site / "tin-tuc/co-bia" / url
        assert Image.open(file).size == (int(width[:-1]), round(1000 * int(width[:-1]) / 1600))
    assert (img["width"], img["height"]) == ("800", "500")
    # Its entry in the listing shows the smallest rendition, lazily.
    thumb = BeautifulSoup(warm.text("tin-tuc/"), "html.parser").select(".nscl-news-item__cover")
    assert len(thumb) == 1 and thumb[0]["loading"] == "lazy" and thumb[0]["src"].endswith(phone[0][0].split("/")[-1])


def test_titles_wrap_on_spaces_and_get_an_ellipsis_only_past_three_lines():
    size, lines, cut = _cards.title_lines(SHORT)
    assert (size, lines, cut) == (68, [SHORT], False)
    size, lines, cut = _cards.title_lines(DARK)
    assert not cut and len(lines) <= 3 and " ".join(lines) == DARK
    size, lines, cut = _cards.title_lines(LONG)
    assert cut and len(lines) == 3 and lines[-1].endswith("…")
    words = LONG.split()
    shown = " ".join(lines).removesuffix("…").split()
    assert shown == words[:len(shown)]  # whole words, in order, none cut
    font = _cards._font("bold", size)
    assert all(font.getlength(line) <= 1040 for line in lines)


def test_a_cover_without_description_or_file_or_of_the_wrong_type_is_refused_in_vietnamese(tmp_path):
    root = make_site(tmp_path / "s", fixture="minimal", files={
        "content/tin-tuc/khong-alt.md": article("Một", extra="cover: anh/bia.jpg\n"),
        "content/tin-tuc/khong-co.md": article("Hai", extra="cover: anh/khong-co.jpg\ncover_alt: Ảnh\n"),
        "content/tin-tuc/sai-kieu.md": article("Ba", extra="cover: [a.jpg, b.jpg]\ncover_alt: Ảnh\n"),
        "content/tin-tuc/ngoai.md": article("Bốn", extra="cover: https://example.com/a.jpg\ncover_alt: Ảnh\n"),
        "content/tin-tuc/ca-hai.md": article("Năm", extra="cover: anh/bia.jpg\ncover_alt: Ảnh\nimage: anh/bia.jpg\n"),
    })
    photo(root / "content/tin-tuc/anh/bia.jpg")
    built = run_build(root)
    assert not built.ok
    log = built.log
    assert ("content/tin-tuc/khong-alt.md, dòng 9, trường 'cover_alt': cần lời mô tả ảnh cho người không nhìn "
            "thấy ảnh; đang là chưa có (bắt buộc khi có 'cover').") in log
    assert ("content/tin-tuc/khong-co.md, dòng 9, trường 'cover': cần đường dẫn tới một ảnh có trong content/ "
            "(tính từ thư mục của bài viết); đang là 'anh/khong-co.jpg' (không tìm thấy "
            "content/tin-tuc/anh/khong-co.jpg).") in log
    assert "content/tin-tuc/sai-kieu.md, dòng 9, trường 'cover': " in log
    assert ("content/tin-tuc/ngoai.md, dòng 9, trường 'cover': cần một ảnh lưu trong content/, không lấy từ trang "
            "web khác; đang là 'https://example.com/a.jpg'.") in log
    assert "content/tin-tuc/ca-hai.md, dòng" in log and "có cả 'image' và 'cover'" in log
    assert "Traceback" not in log


def test_a_title_character_the_font_lacks_is_reported_not_drawn_as_a_box(tmp_path):
    root = make_site(tmp_path / "s", fixture="minimal", files={
        "content/tin-tuc/tuyet.md": article("Người tuyết ☃ ở Sa Pa: Kaizen 改善 🚀 và chữ 𓀀"),
    })
    built = run_build(root, strict=True)
    # A hieroglyph no font has costs the card one character: a note, and a strict build still publishes.
    assert built.ok, built.log
    assert ("INFO    -  nscl: content/tin-tuc/tuyet.md: '𓀀' (U+13000, EGYPTIAN HIEROGLYPH A001) trong "
            "'Người tuyết ☃ ở Sa Pa: Kaizen 改善 🚀 và chữ 𓀀' không có trong phông chữ nào của ảnh xem trước: "
            "ảnh bỏ ký tự này, trang vẫn hiển thị đủ") in built.log, built.log
    root = make_site(tmp_path / "p", fixture="minimal", files={
        "content/tin-tuc/rieng.md": article("Ký tự riêng \ue000 ở đây"),
    })
    built = run_build(root, strict=True)
    assert not built.ok and "không phải chữ của ngôn ngữ nào" in built.log, built.log
