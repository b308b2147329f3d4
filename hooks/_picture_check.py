"""Pictures an editor adds, checked before anything decodes them: their upright size, or what is wrong.

`check_picture` opens any file without decoding its pixels and never raises. It reads what the file
declares (PNG chunks, JPEG markers, GIF blocks, the RIFF size of a WebP, the boxes of an AVIF), so a
truncated upload or a picture that declares an enormous size (a decompression bomb) is a problem in
Vietnamese, named before Pillow could spend the build's memory on it; then Pillow reads the header for
the format, the size and the EXIF orientation (the size as shown: a phone's portrait JPEG is stored on its
side). A file whose content is not what its extension says, or in a format browsers do not all show
(TIFF, PSD, HEIC...), is readable but named too, so the caller can warn.
"""

from __future__ import annotations

import functools
import mmap
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from PIL import Image

# 50 million pixels: a 48 MP phone photo (8064x6048, the largest most phones take) passes; above it a picture
# is a scan or a bomb. The widest rendition is 1,200 px, and 50 MP decodes into 150 MB of RGB, twice that while
# Lanczos resizes it: bounded on a 2-core, 24 GiB runner with two test workers. Pillow's own limit (89 MP warns,
# 179 MP refuses) is left as it is for the rest of the build.
MAX_PIXELS = 50_000_000
# The largest phone photos weigh 10 to 25 MB; a heavier file is not a picture for a web page.
MAX_BYTES = 50 * 1024 * 1024

WEB_FORMATS = ("JPEG", "PNG", "WEBP", "AVIF", "GIF")  # what every current browser shows
SUFFIXES = MappingProxyType({
    ".jpg": "JPEG", ".jpeg": "JPEG", ".jpe": "JPEG", ".jfif": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP",
    ".avif": "AVIF", ".tif": "TIFF", ".tiff": "TIFF", ".bmp": "BMP", ".ico": "ICO", ".psd": "PSD", ".heic": "HEIF",
    ".heif": "HEIF", ".svg": "SVG", ".pdf": "PDF", ".jxl": "JXL"})
_NAMES = MappingProxyType({"WEBP": "WebP", "HEIF": "HEIC/HEIF", "JXL": "JPEG XL", "PSD": "Photoshop (PSD)",
                           "ICO": "biểu tượng ICO"})
WEB_EXPECTED = "ảnh JPEG, PNG, WebP, AVIF hoặc GIF (định dạng mọi trình duyệt hiển thị được)"
# Formats Pillow reads but browsers do not all show: what the editor is told (the picture is still readable).
_NOT_WEB = MappingProxyType({
    "TIFF": "ảnh TIFF (Chrome, Firefox, Edge không hiển thị): hãy xuất lại thành JPEG",
    "BMP": "ảnh BMP (không nén, nặng gấp hàng chục lần ảnh JPEG cùng cỡ): hãy xuất lại thành JPEG hoặc PNG",
    "ICO": "biểu tượng ICO (dùng làm biểu tượng của trang, không phải ảnh trong bài): hãy dùng ảnh PNG",
    "PSD": "tệp Photoshop (PSD) (trình duyệt không hiển thị): hãy xuất ảnh thành JPEG hoặc PNG",
})
# Formats Pillow cannot read here: no size, and why.
_UNREADABLE = MappingProxyType({
    "HEIF": "ảnh HEIC/HEIF của iPhone (chỉ Safari hiển thị): hãy xuất thành JPEG, hoặc chọn 'Tương thích nhất' "
            "trong Cài đặt > Camera > Định dạng",
    "SVG": "hình vẽ SVG (không có kích thước điểm ảnh để làm ảnh bìa hay ảnh xem trước)",
    "PDF": "tệp PDF, không phải ảnh: hãy xuất trang cần dùng thành JPEG hoặc PNG",
    "JXL": "ảnh JPEG XL (chỉ Safari hiển thị): hãy xuất lại thành JPEG",
})


@dataclass(frozen=True)
class Picture:
    """What a picture file is: its upright size when it can be used, its format, and what is wrong with it.

    `size` None: the file cannot be used (the caller reports an error). `size` with a problem: it can be
    read, but the editor should change it (the caller warns). No problem: fine.
    """

    size: tuple[int, int] | None  # (width, height) as shown, EXIF orientation applied
    format: str | None  # what the content is ("JPEG", "PNG", "WEBP", "TIFF", ...), whatever the extension says
    expected: str | None = None
    found: str | None = None

    @property
    def problem(self) -> str | None:
        """`cần ...; đang là ...`, as the build's problems are worded, or None."""
        return None if self.found is None else f"cần {self.expected}; đang là {self.found}"


def _name(fmt: str) -> str:
    return _NAMES.get(fmt, fmt)


def check_picture(path: Path) -> Picture:
    """The upright size of the picture at `path`, or what is wrong with it; never raises, never decodes pixels."""
    try:
        bytes_ = path.stat().st_size
        if bytes_ == 0:
            return Picture(None, None, "một tệp ảnh", "tệp rỗng (0 byte)")
        if bytes_ > MAX_BYTES:
            return Picture(None, None, f"ảnh nặng tối đa {MAX_BYTES // 2**20} MB",
                           f"tệp nặng {bytes_ / 2**20:.0f} MB: hãy thu nhỏ ảnh trước khi đưa lên")
        with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _check(path, data)
    except OSError as e:
        return Picture(None, None, "một tệp ảnh đọc được", f"không đọc được tệp ({e.strerror or e})")


def picture(path: Path) -> Picture:
    """`check_picture`, once for each version of a file (its time of change and size are the key): a cover is
    read for its article, its listings and its feeds, and the preview reads it again only when it changes."""
    try:
        stat = path.stat()
    except OSError:
        return check_picture(path)
    return _picture(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _picture(path: Path, mtime_ns: int, size: int) -> Picture:
    return check_picture(path)


def _check(path: Path, data: mmap.mmap) -> Picture:
    suffix = path.suffix.lower()
    claimed = SUFFIXES.get(suffix)
    sniffed = _sniff(data[:512])
    if sniffed in _UNREADABLE:
        return Picture(None, sniffed, WEB_EXPECTED, _UNREADABLE[sniffed])
    # What the file declares, read without Pillow: a bomb is refused before anything allocates for it.
    declared, broken = _STRUCTURE[sniffed](data) if sniffed in _STRUCTURE else (None, None)
    if declared is not None and (bad := _bad_size(declared, "khai báo ")) is not None:
        return Picture(None, sniffed, *bad)
    if broken is not None:
        return Picture(None, sniffed, f"một tệp ảnh {_name(sniffed or '')} trọn vẹn", broken)
    opened = _open(path)
    if isinstance(opened, Picture):
        if sniffed is None and claimed is not None:
            return Picture(None, None, f"một ảnh {_name(claimed)} (như đuôi tệp '{suffix}' cho biết)",
                           "nội dung không phải ảnh (không nhận ra định dạng nào)")
        return opened
    fmt, size = opened
    if (bad := _bad_size(size, "")) is not None:
        return Picture(None, fmt, *bad)
    if fmt in _NOT_WEB or fmt not in WEB_FORMATS:
        return Picture(size, fmt, WEB_EXPECTED, _NOT_WEB.get(fmt, f"ảnh {fmt} (trình duyệt không hiển thị)"))
    if claimed is not None and claimed != fmt:
        right = next(s for s, f in SUFFIXES.items() if f == fmt)
        return Picture(size, fmt, f"nội dung đúng với đuôi tệp '{suffix}' (ảnh {_name(claimed)})",
                       f"ảnh {_name(fmt)} mang đuôi '{suffix}': hãy đổi đuôi tệp thành '{right}'")
    return Picture(size, fmt)


def _bad_size(size: tuple[int, int], declared: str) -> tuple[str, str] | None:
    """What to say of a picture that has no pixels or too many (`declared`: the header's word, not Pillow's)."""
    width, height = size
    if width <= 0 or height <= 0:
        return "ảnh có chiều rộng và chiều cao lớn hơn 0", f"ảnh {declared}kích thước {width}×{height}"
    if width * height > MAX_PIXELS:
        return (f"{_LIMIT} (ví dụ 8000×6000; ảnh bìa chỉ cần rộng 1200 điểm ảnh)",
                f"ảnh {declared}{width}×{height} điểm ảnh ({_millions(width * height)} triệu): hãy thu nhỏ ảnh "
                "trước khi đưa lên")
    return None


def _millions(pixels: int) -> str:
    """A pixel count in millions, written as Vietnamese writes numbers (1.024, not 1,024)."""
    return f"{pixels / 1e6:,.0f}".replace(",", ".")


_LIMIT = f"ảnh tối đa {MAX_PIXELS // 1_000_000} triệu điểm ảnh"
_BOMB = re.compile(r"\((\d+) pixels\)")  # how Pillow's DecompressionBombError names the pixel count


def _open(path: Path) -> tuple[str, tuple[int, int]] | Picture:
    """Pillow's format and upright size, read from the header only; a Picture with the problem if it cannot."""
    try:
        with warnings.catch_warnings():
            # Pillow warns of 89 to 179 MP: our own limit below says it in Vietnamese instead.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                fmt = image.format or "?"
                width, height = image.size
                # A PNG's EXIF after its pixels is read only by decoding them: only the one before counts.
                exif = image.getexif() if fmt != "PNG" or "exif" in image.info else None
                turned = exif is not None and exif.get(0x0112, 1) in (5, 6, 7, 8)
    except Image.DecompressionBombError as e:
        found = _BOMB.search(str(e))
        return Picture(None, None, _LIMIT,
                       f"ảnh khai báo {_millions(int(found[1])) if found else 'hơn 179'} triệu điểm ảnh")
    except Image.UnidentifiedImageError:
        return Picture(None, None, WEB_EXPECTED, "nội dung không phải ảnh (không nhận ra định dạng nào)")
    # Pillow's plugins raise many kinds for a broken header (SyntaxError, struct.error, ValueError, EOFError...):
    # each is a broken file, never the end of the build.
    except Exception as e:
        return Picture(None, None, "một tệp ảnh đọc được",
                       f"tệp hỏng ở phần đầu, không đọc được kích thước ({type(e).__name__}: {e})")
    return fmt, ((height, width) if turned else (width, height))


# ---------------------------------------------------------------------------------------------
# What a file declares, by its first bytes and its structure


def _sniff(head: bytes) -> str | None:
    """The format the first bytes say, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp":
        brands = {head[i:i + 4] for i in range(8, min(len(head), 8 + int.from_bytes(head[:4], "big")), 4)}
        if brands & {b"avif", b"avis"}:
            return "AVIF"
        if brands & {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}:
            return "HEIF"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if head.startswith(b"%PDF"):
        return "PDF"
    if head.startswith((b"\xff\x0a", b"\x00\x00\x00\x0cJXL \r\n\x87\n")):
        return "JXL"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<svg") or (text.startswith((b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in text):
        return "SVG"
    return None


Structure = tuple[tuple[int, int] | None, str | None]  # the declared (width, height), what is broken


def _cut(fmt: str) -> str:
    return f"tệp {_name(fmt)} bị cắt cụt (thiếu phần cuối, có thể do tải lên hay chép chưa xong): hãy chép lại tệp gốc"


def _png(data: mmap.mmap) -> Structure:
    """IHDR's size; every chunk whole up to IEND, with pixel data before it."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None, "tệp PNG hỏng ở phần đầu (không có khối IHDR)"
    size = (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big"))
    pos, pixels = 8, False
    while pos + 12 <= len(data):
        length, kind = int.from_bytes(data[pos:pos + 4], "big"), data[pos + 4:pos + 8]
        pos += 12 + length
        if pos > len(data):
            break
        pixels |= kind in (b"IDAT", b"fdAT")
        if kind == b"IEND":
            return size, None if pixels else "tệp PNG không có dữ liệu điểm ảnh (không có khối IDAT)"
    return size, _cut("PNG")


def _jpeg(data: mmap.mmap) -> Structure:
    """The frame's size; markers whole up to the first scan, and an end-of-image marker after it."""
    pos, size = 2, None
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return size, "tệp JPEG hỏng (dữ liệu lạ giữa các đoạn đầu tệp)"
        marker = data[pos + 1]
        if marker == 0xFF or marker == 0x01 or 0xD0 <= marker <= 0xD8:
            pos += 1 if marker == 0xFF else 2  # padding, TEM, restart markers: no length
            continue
        if marker == 0xD9:
            return size, "tệp JPEG không có dữ liệu điểm ảnh (hết ảnh trước đoạn quét đầu tiên)"
        length = int.from_bytes(data[pos + 2:pos + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC) and pos + 9 <= len(data):
            size = (int.from_bytes(data[pos + 7:pos + 9], "big"), int.from_bytes(data[pos + 5:pos + 7], "big"))
        if marker == 0xDA:
            # Entropy-coded data never holds FF D9: an image cut before its end has none after its first scan.
            # Looked for from the end, where it is (a search from the scan reads the whole file: 16 ms for 7 MB).
            return size, None if data.rfind(b"\xff\xd9") > pos + 2 + length else _cut("JPEG")
        pos += 2 + length
    return size, _cut("JPEG")


def _gif(data: mmap.mmap) -> Structure:
    """The logical screen's size; every block whole up to the trailer."""
    if len(data) < 13:
        return None, _cut("GIF")
    size = (int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little"))
    pos = 13 + (3 << ((data[10] & 7) + 1) if data[10] & 0x80 else 0)
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:
            return size, None
        if block == 0x21:  # extension: label, then sub-blocks
            pos += 2
        elif block == 0x2C:  # image: descriptor, local colour table, LZW code size, then sub-blocks
            if pos + 10 > len(data):
                break
            flags = data[pos + 9]
            pos += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0) + 1
        else:
            return size, "tệp GIF hỏng (khối dữ liệu lạ)"
        while pos < len(data) and data[pos] != 0:
            pos += data[pos] + 1
        pos += 1
    return size, _cut("GIF")


def _webp(data: mmap.mmap) -> Structure:
    """The canvas size (VP8X, VP8 or VP8L); the file as long as its RIFF header says."""
    chunk, size = data[12:16], None
    if chunk == b"VP8X" and len(data) >= 30:
        size = (int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1)
    elif chunk == b"VP8 " and len(data) >= 30:
        size = (int.from_bytes(data[26:28], "little") & 0x3FFF, int.from_bytes(data[28:30], "little") & 0x3FFF)
    elif chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        size = ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    return size, None if len(data) >= int.from_bytes(data[4:8], "little") + 8 else _cut("WEBP")


def _isobmff(data: mmap.mmap) -> Structure:
    """Every top-level box of an AVIF whole (its size is read by Pillow)."""
    pos = 0
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos:pos + 4], "big")
        if size == 1:
            size = int.from_bytes(data[pos + 8:pos + 16], "big") if pos + 16 <= len(data) else 0
        elif size == 0:
            return None, None  # the last box runs to the end of the file
        if size < 8:
            return None, "tệp AVIF hỏng (hộp dữ liệu có độ dài sai)"
        pos += size
    return None, None if pos == len(data) else _cut("AVIF")


_STRUCTURE = MappingProxyType({"PNG": _png, "JPEG": _jpeg, "GIF": _gif, "WEBP": _webp, "AVIF": _isobmff})
