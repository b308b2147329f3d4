"""Pictures an editor adds, on built sites (issue 22, item 3): a cover, a picture in an article's text and a
video's thumbnail that is a decompression bomb, broken, empty or in a format browsers do not show is named
with its file and line, never a traceback; what can be shown is published, sized as it is shown."""

from __future__ import annotations

import io
import re
import struct

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from test_news import article
from test_picture_check import CUT, WEB, picture, png_declaring

from conftest import DEFAULT_DAY, make_site, run_build

BOMB = ("cần ảnh tối đa 50 triệu điểm ảnh (ví dụ 8000×6000; ảnh bìa chỉ cần rộng 1200 điểm ảnh); đang là "
        "'{name}': ảnh khai báo 100000×100000 điểm ảnh (10.000 triệu): hãy thu nhỏ ảnh trước khi đưa lên.")


def encoded(fmt: str, size: tuple[int, int] = (200, 120), **options: object) -> bytes:
    out = io.BytesIO()
    picture(size).save(out, fmt, **options)
    return out.getvalue()


def gif_bomb() -> bytes:
    data = bytearray(encoded("GIF", (10, 10)))
    data[6:10] = struct.pack("<HH", 65535, 65535)
    return bytes(data)


def turned_jpeg() -> bytes:
    """A 200x120 JPEG whose EXIF says to turn it a quarter: shown 120x200."""
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    picture((200, 120)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def build_with(tmp_path, pictures: dict[str, bytes], files: dict[str, str], *, fixture: str = "minimal",
               strict: bool = True):
    root = make_site(tmp_path / "site", fixture=fixture, files=files)
    for rel, data in pictures.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return run_build(root, day=DEFAULT_DAY, strict=strict)


COVER = "content/tin-tuc/co-anh.md"
# Covers that cannot be used: an error on the `image:` line (line 8), what was found, nothing decoded.
BAD_COVERS = [
    ("bom.png", png_declaring(100_000, 100_000), BOMB.format(name="bom.png")),
    ("bom.gif", gif_bomb(), "'bom.gif': ảnh khai báo 65535×65535 điểm ảnh (4.295 triệu)"),
    ("cut.jpg", encoded("JPEG")[:800], f"cần một tệp ảnh JPEG trọn vẹn; đang là 'cut.jpg': tệp JPEG bị cắt cụt {CUT}."),
    ("cut.webp", encoded("WEBP")[:60], "'cut.webp': tệp WebP bị cắt cụt"),
    ("rong.png", b"", "cần một tệp ảnh; đang là 'rong.png': tệp rỗng (0 byte)."),
    ("chu.jpg", "Không phải ảnh.\n".encode() * 20,
     "cần một ảnh JPEG (như đuôi tệp '.jpg' cho biết); đang là 'chu.jpg': nội dung không phải ảnh"),
    ("iphone.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 64, f"cần {WEB}; đang là 'iphone.heic': ảnh "
     "HEIC/HEIF của iPhone (chỉ Safari hiển thị)"),
]


def cover_article(name: str) -> str:
    return article("Bài có ảnh bìa", extra=f"image: {name}\nimage_alt: Ảnh hội nghị\n")


@pytest.mark.parametrize(("name", "data", "said"), BAD_COVERS, ids=[c[0] for c in BAD_COVERS])
def test_a_cover_that_cannot_be_shown_is_an_error_on_its_line(tmp_path, name, data, said):
    built = build_with(tmp_path, {f"content/tin-tuc/{name}": data}, {COVER: cover_article(name)}, strict=False)
    assert not built.ok
    assert "Traceback" not in built.log and "DecompressionBomb" not in built.log
    assert f"{COVER}, dòng 8, trường 'image': " in built.log, built.log
    assert said in built.log, built.log


def test_a_cover_browsers_cannot_all_show_is_published_with_a_warning(tmp_path):
    # A TIFF is drawn into the site's WebP renditions, so the article has its cover; the editor is told.
    pictures = {"content/tin-tuc/scan.tif": encoded("TIFF"), "content/tin-tuc/anh.jpg": encoded("PNG")}
    files = {COVER: cover_article("scan.tif"), "content/tin-tuc/ten-sai.md": article("Ảnh sai đuôi", extra=(
        "image: anh.jpg\nimage_alt: Ảnh hội nghị\n"))}
    built = build_with(tmp_path, pictures, files)
    assert not built.ok  # --strict
    assert (f"WARNING -  nscl: {COVER}, dòng 8, trường 'image': cần {WEB}; đang là 'scan.tif': ảnh TIFF (Chrome, "
            "Firefox, Edge không hiển thị): hãy xuất lại thành JPEG.") in built.log
    assert ("content/tin-tuc/ten-sai.md, dòng 8, trường 'image': cần nội dung đúng với đuôi tệp '.jpg' (ảnh JPEG); "
            "đang là 'anh.jpg': ảnh PNG mang đuôi '.jpg': hãy đổi đuôi tệp thành '.png'.") in built.log
    lenient = run_build(built.root, strict=False)
    assert lenient.ok, lenient.log
    page = BeautifulSoup(lenient.text("tin-tuc/co-anh/"), "html.parser")
    cover = page.select_one(".nscl-article-cover img")
    assert cover is not None and cover["src"].endswith(".webp") and cover["alt"] == "Ảnh hội nghị"


def test_a_turned_photo_is_sized_as_it_is_shown(tmp_path):
    body = "Ảnh chụp dọc:\n\n![Ảnh dọc](doc.jpg)\n"
    built = build_with(tmp_path, {"content/tin-tuc/doc.jpg": turned_jpeg()},
                       {COVER: article("Bài có ảnh dọc", extra="image: doc.jpg\nimage_alt: Ảnh dọc\n", body=body)})
    assert built.ok, built.log
    page = BeautifulSoup(built.text("tin-tuc/co-anh/"), "html.parser")
    (img,) = [i for i in page.select("article img") if i.get("src") == "../doc.jpg"]
    assert (img["width"], img["height"]) == ("120", "200")
    # The cover's renditions keep the upright proportions too.
    cover = page.select_one(".nscl-article-cover img")
    assert int(cover["height"]) > int(cover["width"])


def test_pictures_in_the_text_that_cannot_be_shown_are_named_with_their_lines(tmp_path):
    # An SVG drawing is a picture every browser shows in the text: no warning (only a cover needs pixels).
    body = ("Mở đầu.\n\n![Ảnh lớn](bom.png)\n\nGiữa.\n\n![Ảnh hỏng](hong.jpg)\n\n![Ảnh tốt](tot.png)\n\n"
            "![Sơ đồ](so-do.svg)\n")
    pictures = {"content/tin-tuc/bom.png": png_declaring(100_000, 100_000),
                "content/tin-tuc/hong.jpg": encoded("JPEG")[:800], "content/tin-tuc/tot.png": encoded("PNG"),
                "content/tin-tuc/so-do.svg": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"/>'}
    built = build_with(tmp_path, pictures, {COVER: article(body=body)})
    assert not built.ok and "Traceback" not in built.log
    said = re.findall(r"WARNING -  nscl: (content/tin-tuc/co-anh\.md, dòng \d+, trường 'ảnh trong bài': .*)",
                      built.log)
    assert said == [f"{COVER}, dòng 12, trường 'ảnh trong bài': {BOMB.format(name='bom.png')}",
                    f"{COVER}, dòng 16, trường 'ảnh trong bài': cần một tệp ảnh JPEG trọn vẹn; đang là 'hong.jpg': "
                    f"tệp JPEG bị cắt cụt {CUT}."]
    lenient = run_build(built.root, strict=False)
    assert lenient.ok, lenient.log
    page = BeautifulSoup(lenient.text("tin-tuc/co-anh/"), "html.parser")
    images = {i["src"].removeprefix("../"): i for i in page.select("article img")}
    assert "width" not in images["bom.png"].attrs and "width" not in images["hong.jpg"].attrs
    assert (images["tot.png"]["width"], images["tot.png"]["height"]) == ("200", "120")
    assert images["so-do.svg"]["alt"] == "Sơ đồ" and (lenient.site / "tin-tuc/so-do.svg").is_file()


def test_a_video_thumbnail_that_cannot_be_shown_is_an_error_on_its_line(tmp_path):
    thumbnail = "content/assets/video/hd-phong-su-1.png"
    built = build_with(tmp_path, {thumbnail: png_declaring(100_000, 100_000)}, {}, fixture="videos", strict=False)
    assert not built.ok and "Traceback" not in built.log
    assert (f"data/videos.yml, dòng 19, trường 'videos[0].thumbnail.src': "
            f"{BOMB.format(name='assets/video/hd-phong-su-1.png')}") in built.log, built.log
