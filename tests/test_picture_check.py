"""Pictures checked before anything decodes them (issue 22, item 3): bombs, broken and mislabelled files."""

from __future__ import annotations

import io
import os
import struct
import sys
import time
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import _picture_check  # noqa: E402
from _picture_check import Picture, check_picture  # noqa: E402

CUT = "(thiếu phần cuối, có thể do tải lên hay chép chưa xong): hãy chép lại tệp gốc"


def picture(size: tuple[int, int] = (64, 40), mode: str = "RGB") -> Image.Image:
    """A small gradient, so every encoder has something to encode."""
    return Image.linear_gradient("L").resize(size).convert(mode)


def save(path: Path, image: Image.Image, fmt: str, **options: object) -> Path:
    image.save(path, fmt, **options)
    return path


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose IHDR declares `width`x`height`, with one small IDAT: Pillow would try to decode all of it."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


# ---------------------------------------------------------------------------------------------
# Good pictures


@pytest.mark.parametrize(("fmt", "suffix", "options"), [
    ("JPEG", ".jpg", {}), ("JPEG", ".jpeg", {"progressive": True}), ("PNG", ".png", {}), ("GIF", ".gif", {}),
    ("WEBP", ".webp", {}), ("WEBP", ".webp", {"lossless": True}), ("AVIF", ".avif", {})])
def test_every_web_format_passes_with_its_size(tmp_path, fmt, suffix, options):
    path = save(tmp_path / f"a{suffix}", picture((64, 40)), fmt, **options)
    assert check_picture(path) == Picture((64, 40), fmt)


def test_a_transparent_png_an_animated_gif_and_an_animated_webp_pass(tmp_path):
    assert check_picture(save(tmp_path / "t.png", picture((30, 20), "RGBA"), "PNG")) == Picture((30, 20), "PNG")
    frames = [picture((50, 30)).rotate(a) for a in (0, 90, 180)]
    for fmt, suffix in (("GIF", ".gif"), ("WEBP", ".webp")):
        path = tmp_path / f"anim{suffix}"
        frames[0].save(path, fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)
        with Image.open(path) as image:
            assert image.n_frames == 3
        assert check_picture(path) == Picture((50, 30), fmt)


@pytest.mark.parametrize(("fmt", "suffix"), [("JPEG", ".jpg"), ("PNG", ".png"), ("WEBP", ".webp")])
def test_a_photo_turned_by_its_exif_orientation_has_its_upright_size(tmp_path, fmt, suffix):
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side, shown turned 90 degrees: a phone's portrait photo
    path = save(tmp_path / f"doc{suffix}", picture((80, 60)), fmt, exif=exif.tobytes())
    assert check_picture(path) == Picture((60, 80), fmt)
    exif[0x0112] = 3  # upside down: the same size
    path = save(tmp_path / f"nguoc{suffix}", picture((80, 60)), fmt, exif=exif.tobytes())
    assert check_picture(path) == Picture((80, 60), fmt)


# ---------------------------------------------------------------------------------------------
# Bombs: refused from the header, never decoded


def test_a_png_declaring_100000_by_100000_is_refused_from_its_header(tmp_path):
    path = tmp_path / "bom.png"
    path.write_bytes(png_declaring(100_000, 100_000))
    start = time.perf_counter()
    result = check_picture(path)
    assert time.perf_counter() - start < 0.5
    assert result.size is None and result.format == "PNG"
    assert result.problem == ("cần ảnh tối đa 50 triệu điểm ảnh (ví dụ 8000×6000; ảnh bìa chỉ cần rộng 1200 điểm "
                              "ảnh); đang là ảnh khai báo 100000×100000 điểm ảnh (10.000 triệu): hãy thu nhỏ ảnh "
                              "trước khi đưa lên")


def test_a_picture_just_above_the_limit_is_refused_and_one_at_it_passes(tmp_path):
    over = tmp_path / "lon.png"
    over.write_bytes(png_declaring(10_000, 5_001))
    assert check_picture(over).found.startswith("ảnh khai báo 10000×5001 điểm ảnh (50 triệu)")
    # Between Pillow's own warning (89 MP) and its error (179 MP): our message, and no Python warning.
    middle = tmp_path / "vua.png"
    middle.write_bytes(png_declaring(12_000, 10_000))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_picture(middle).found.startswith("ảnh khai báo 12000×10000 điểm ảnh (120 triệu)")


def test_a_gif_bomb_and_a_webp_with_a_huge_canvas_are_refused(tmp_path):
    gif = io.BytesIO()
    picture((10, 10)).convert("P").save(gif, "GIF")
    data = bytearray(gif.getvalue())
    data[6:10] = struct.pack("<HH", 65535, 65535)  # the logical screen: 4,295 million pixels
    path = tmp_path / "bom.gif"
    path.write_bytes(bytes(data))
    result = check_picture(path)
    assert (result.size, result.format) == (None, "GIF")
    assert "ảnh khai báo 65535×65535 điểm ảnh (4.295 triệu)" in result.found
    webp = io.BytesIO()
    picture((16, 16), "RGBA").save(webp, "WEBP", save_all=True, append_images=[picture((16, 16), "RGBA").rotate(90)])
    data = bytearray(webp.getvalue())
    assert data[12:16] == b"VP8X"
    data[24:30] = (16383).to_bytes(3, "little") * 2  # canvas 16384x16384: WebP's largest, 268 million pixels
    path = tmp_path / "bom.webp"
    path.write_bytes(bytes(data))
    assert "ảnh khai báo 16384×16384 điểm ảnh (268 triệu)" in check_picture(path).found


def test_a_huge_file_is_refused_by_its_weight_without_being_read(tmp_path):
    path = tmp_path / "nang.jpg"
    with path.open("wb") as f:
        f.truncate(_picture_check.MAX_BYTES + 1)  # sparse: nothing written
    assert check_picture(path) == Picture(None, None, "ảnh nặng tối đa 50 MB",
                                          "tệp nặng 50 MB: hãy thu nhỏ ảnh trước khi đưa lên")


# ---------------------------------------------------------------------------------------------
# Broken files


@pytest.mark.parametrize(("fmt", "suffix", "options"), [
    ("JPEG", ".jpg", {}), ("JPEG", ".jpg", {"progressive": True}), ("PNG", ".png", {}), ("GIF", ".gif", {}),
    ("WEBP", ".webp", {}), ("AVIF", ".avif", {})])
def test_a_file_truncated_in_half_is_refused(tmp_path, fmt, suffix, options):
    whole = save(tmp_path / f"du{suffix}", picture((200, 120)), fmt, **options).read_bytes()
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(whole[:len(whole) // 2])
    name = {"WEBP": "WebP"}.get(fmt, fmt)
    assert check_picture(path) == Picture(None, fmt, f"một tệp ảnh {name} trọn vẹn", f"tệp {name} bị cắt cụt {CUT}")


def test_random_bytes_named_jpg_and_an_empty_file_are_refused(tmp_path):
    noise = tmp_path / "nhieu.jpg"
    noise.write_bytes(os.urandom(4096).replace(b"\xff\xd8", b"\x00\x00"))
    assert check_picture(noise) == Picture(None, None, "một ảnh JPEG (như đuôi tệp '.jpg' cho biết)",
                                           "nội dung không phải ảnh (không nhận ra định dạng nào)")
    empty = tmp_path / "rong.png"
    empty.touch()
    assert check_picture(empty) == Picture(None, None, "một tệp ảnh", "tệp rỗng (0 byte)")
    text = tmp_path / "ghi-chu.png"
    text.write_text("Đây là ghi chú, không phải ảnh.\n", encoding="utf-8")
    assert check_picture(text).found == "nội dung không phải ảnh (không nhận ra định dạng nào)"


def test_a_corrupt_header_and_a_zero_size_image_are_refused(tmp_path):
    bad = tmp_path / "hong.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    assert check_picture(bad) == Picture(None, "PNG", "một tệp ảnh PNG trọn vẹn",
                                         "tệp PNG hỏng ở phần đầu (không có khối IHDR)")
    zero = tmp_path / "khong.png"
    zero.write_bytes(png_declaring(0, 480))
    assert check_picture(zero) == Picture(None, "PNG", "ảnh có chiều rộng và chiều cao lớn hơn 0",
                                          "ảnh khai báo kích thước 0×480")
    jpeg = save(tmp_path / "a.jpg", picture(), "JPEG").read_bytes()
    start = jpeg.index(b"\xff\xc0")  # the frame header: its height and width set to zero
    zero_jpeg = tmp_path / "khong.jpg"
    zero_jpeg.write_bytes(jpeg[:start + 5] + b"\0\0\0\0" + jpeg[start + 9:])
    assert check_picture(zero_jpeg).found == "ảnh khai báo kích thước 0×0"
    # Pillow's own refusal of a broken header is a problem too, never an exception.
    garbled = tmp_path / "sai.gif"
    garbled.write_bytes(b"GIF89a" + b"\xff" * 7)
    result = check_picture(garbled)
    assert result.size is None and result.found


def test_a_png_named_jpg_is_readable_but_named(tmp_path):
    path = save(tmp_path / "anh.jpg", picture(), "PNG")
    assert check_picture(path) == Picture((64, 40), "PNG", "nội dung đúng với đuôi tệp '.jpg' (ảnh JPEG)",
                                          "ảnh PNG mang đuôi '.jpg': hãy đổi đuôi tệp thành '.png'")


# ---------------------------------------------------------------------------------------------
# Formats browsers do not all show

WEB = "ảnh JPEG, PNG, WebP, AVIF hoặc GIF (định dạng mọi trình duyệt hiển thị được)"


def psd(width: int, height: int) -> bytes:
    """A minimal Photoshop file: one RGB layer-less composite, raw."""
    header = b"8BPS" + struct.pack(">HxxxxxxHIIHH", 1, 3, height, width, 8, 3)
    return header + struct.pack(">I", 0) * 3 + struct.pack(">H", 0) + b"\0" * (width * height * 3)


def test_tiff_bmp_ico_and_psd_are_read_but_named_with_what_to_do(tmp_path):
    cases = {
        "a.tiff": (save(tmp_path / "a.tiff", picture(), "TIFF"), "TIFF", "ảnh TIFF (Chrome, Firefox, Edge không "
                   "hiển thị): hãy xuất lại thành JPEG"),
        "a.bmp": (save(tmp_path / "a.bmp", picture(), "BMP"), "BMP", "ảnh BMP (không nén, nặng gấp hàng chục lần "
                  "ảnh JPEG cùng cỡ): hãy xuất lại thành JPEG hoặc PNG"),
        "a.ico": (save(tmp_path / "a.ico", picture((32, 32)), "ICO", sizes=[(32, 32)]), "ICO", "biểu tượng ICO "
                  "(dùng làm biểu tượng của trang, không phải ảnh trong bài): hãy dùng ảnh PNG"),
    }
    (tmp_path / "a.psd").write_bytes(psd(64, 40))
    cases["a.psd"] = (tmp_path / "a.psd", "PSD", "tệp Photoshop (PSD) (trình duyệt không hiển thị): hãy xuất ảnh "
                      "thành JPEG hoặc PNG")
    for name, (path, fmt, found) in cases.items():
        size = (32, 32) if fmt == "ICO" else (64, 40)
        assert check_picture(path) == Picture(size, fmt, WEB, found), name


def test_heic_svg_and_pdf_have_no_size_and_say_why(tmp_path):
    heic = tmp_path / "iphone.heic"
    heic.write_bytes(struct.pack(">I", 24) + b"ftypheic" + b"\0\0\0\0mif1heic" + b"\0" * 64)
    assert check_picture(heic) == Picture(None, "HEIF", WEB, "ảnh HEIC/HEIF của iPhone (chỉ Safari hiển thị): hãy "
                                          "xuất thành JPEG, hoặc chọn 'Tương thích nhất' trong Cài đặt > Camera > "
                                          "Định dạng")
    svg = tmp_path / "logo.svg"
    svg.write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n',
                   encoding="utf-8")
    assert check_picture(svg).format == "SVG" and check_picture(svg).size is None
    pdf = tmp_path / "ban-do.jpg"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert check_picture(pdf).found == "tệp PDF, không phải ảnh: hãy xuất trang cần dùng thành JPEG hoặc PNG"


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path):
    result = check_picture(tmp_path / "khong-co.jpg")
    assert result == Picture(None, None, "một tệp ảnh đọc được", "không đọc được tệp (No such file or directory)")
    assert result.problem == "cần một tệp ảnh đọc được; đang là không đọc được tệp (No such file or directory)"
