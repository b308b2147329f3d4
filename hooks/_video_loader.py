"""The video catalogue read and checked: data/videos.yml into typed `Video`s, every mistake a problem.

The loader records every problem (file, line, field, expected, found) and returns the videos that are valid;
the content model (hooks/_content.py) decides what is published, and checks each video's `counts_toward`
against the plans' targets (`check_counts_toward`), which load after the videos.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import _urls
from _fields import Fields
from _picture_check import picture
from _problems import Problems, found
from _suggest import allowed_list, suggest
from _terms import Term
from _videos import Facebook, Host, Thumbnail, Video, VideoFile, YouTube
from _vn import format_date, slugify
from _yaml import LineDict, load_yaml, read_text

FACEBOOK_HOSTS = ("www.facebook.com", "facebook.com", "m.facebook.com", "web.facebook.com", "fb.watch")
MIME_TYPES = ("video/mp4", "video/webm")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif")
VIDEO_FIELDS = frozenset({"id", "title", "date", "kind", "provinces", "topics", "description", "duration", "host",
                "thumbnail", "counts_toward", "draft"})

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
# An id inside a pasted YouTube address (watch?v=, youtu.be/, /embed/, /shorts/), to suggest it back.
_YOUTUBE_IN_URL = re.compile(r"(?:[?&]v=|youtu\.be/|/embed/|/shorts/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])")
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")
_ISO_DURATION = re.compile(r"^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$")

YOUTUBE_ID_EXPECTED = ("mã video YouTube đúng 11 ký tự gồm chữ, số, '-' hoặc '_' (phần sau 'v=' trong địa chỉ, "
                       "ví dụ 'M7lc1UVf-VE')")
FACEBOOK_URL_EXPECTED = ("một địa chỉ https:// của video trên Facebook (" + ", ".join(FACEBOOK_HOSTS[:-1])
                         + f" hoặc {FACEBOOK_HOSTS[-1]})")
DURATION_EXPECTED = ("thời lượng dạng phút:giây đặt trong ngoặc kép, ví dụ \"12:30\" hoặc \"1:02:03\", "
                     "hoặc dạng ISO 8601 như PT12M30S")
ALT_EXPECTED = "lời mô tả ảnh cho người không nhìn thấy ảnh"
THUMBNAIL_EXPECTED = ("đường dẫn một ảnh (" + ", ".join(IMAGE_SUFFIXES) + ") trong thư mục content/, ví dụ "
                      "'assets/video/ten-video.jpg' (ảnh lưu cùng trang web, không lấy từ trang khác)")



def load_videos(path: Path, file: str, problems: Problems, *, kinds: Mapping[str, Term], units: Iterable[str],
                topics: Mapping[str, Term], docs_file: Callable[[str], Path | None]) -> list[Video]:
    """Every valid video of data/videos.yml, in file order; each mistake becomes a problem.

    `docs_file(path)` returns the file a site-relative path points at in content/, or None.
    """
    text = read_text(path, file, problems) if path.exists() else None
    data = load_yaml(text, file, problems) if text is not None else None
    if data is None:
        return []
    if not isinstance(data, LineDict):
        problems.error(file, 1, "", "các trường 'videos' (và 'file_hosts' nếu có)", found(data))
        return []
    root = Fields(data, file, problems)
    root.unknown({"videos", "file_hosts"})
    file_hosts = _read_file_hosts(root)
    units = set(units)
    videos: list[Video] = []
    seen: dict[str, int] = {}
    for item in root.items("videos", required=False):
        video = _read_video(item, kinds=kinds, units=units, topics=topics, file_hosts=file_hosts,
                            docs_file=docs_file)
        # A repeated id is reported even when either entry has other mistakes: both would claim one page.
        raw_id = item.data.get("id")
        if isinstance(raw_id, str) and raw_id.strip() in seen:
            item.problems.error(file, item.line("id"), item.name("id"), "mỗi video một mã riêng",
                                f"'{raw_id.strip()}', trùng với video ở dòng {seen[raw_id.strip()]}")
            continue
        if isinstance(raw_id, str):
            seen[raw_id.strip()] = item.line("id") or 0
        if video is not None:
            videos.append(video)
    return videos


def _read_file_hosts(root: Fields) -> tuple[str, ...]:
    """`file_hosts:`: the host names that may serve self-hosted video files (e.g. media.example.gov.vn)."""
    raw = root.data.get("file_hosts")
    if raw is None:
        return ()
    hosts = raw if isinstance(raw, list) else [raw]
    valid = [h.strip().lower() for h in hosts if isinstance(h, str) and _HOST.fullmatch(h.strip().lower())]
    if len(valid) != len(hosts):
        root.error("file_hosts", "danh sách tên máy chủ, ví dụ [media.example.gov.vn] (không có https://)", raw)
    return tuple(sorted(set(valid)))


def _read_video(f: Fields, *, kinds: Mapping[str, Term], units: set[str], topics: Mapping[str, Term],
                file_hosts: tuple[str, ...], docs_file: Callable[[str], Path | None]) -> Video | None:
    """One entry of `videos:`; None when a required part is missing or wrong."""
    f.unknown(VIDEO_FIELDS)
    video_id = _read_id(f)
    title = f.text("title", max_length=200)
    date = f.date("date")
    kind = f.choice("kind", kinds, what="loại video")
    provinces = f.choices("provinces", units, required=False, what="slug tỉnh/thành", listed_in="data/provinces.yml")
    topic_list = f.choices("topics", topics, required=False, what="chủ đề")
    description = f.text("description", max_length=5000)
    duration = _read_duration(f)
    host = _read_host(f, file_hosts, docs_file)
    thumbnail_ok, thumbnail = _read_thumbnail(f, docs_file)
    counts_toward = f.text("counts_toward", required=False)
    draft = f.boolean("draft")
    if counts_toward is not None and not _ID.match(counts_toward):
        f.error("counts_toward", "mã một chỉ tiêu trong data/plans/ (trường 'id' của chỉ tiêu)", counts_toward)
        return None
    if None in (video_id, title, date, kind, description, duration, host) or not thumbnail_ok:
        return None
    return Video(id=video_id, title=title, date=date, kind=kind, provinces=tuple(provinces), topics=tuple(topic_list),
                 description=description, duration=duration, host=host, thumbnail=thumbnail,
                 counts_toward=counts_toward, draft=draft, file=f.file, line=f.default_line or 0,
                 counts_toward_field=f.name("counts_toward"), counts_toward_line=f.line("counts_toward") or 0)


def _read_id(f: Fields) -> str | None:
    """`id:`: the stable ASCII slug of the page address, never derived from the title."""
    value = f.text("id", max_length=80)
    if value is None:
        return None
    if not _ID.match(value):
        f.error("id", f"mã video chữ thường không dấu, nối bằng '-' (ví dụ '{slugify(value) or 'hai-duong-phong-su'}')",
                value)
        return None
    if value in _urls.VIDEO_RESERVED:
        f.error("id", f"một mã khác {allowed_list(_urls.VIDEO_RESERVED)} (dành cho các trang lọc video)", value)
        return None
    return value


def parse_duration(value: object) -> int | None:
    """Seconds from `"12:30"`, `"1:02:03"`, `PT12M30S` or a number of seconds; None if none of those.

    YAML 1.1 reads an unquoted 12:30 as the base-60 number 750, which is already its seconds.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if m := _CLOCK.match(text):
        hours, minutes, seconds = int(m.group(1) or 0), int(m.group(2)), int(m.group(3))
        if seconds >= 60 or (m.group(1) is not None and minutes >= 60):
            return None
        total = hours * 3600 + minutes * 60 + seconds
    elif m := _ISO_DURATION.match(text.upper()):
        total = int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + round(float(m.group(3) or 0))
    else:
        return None
    return total if total > 0 else None


def _read_duration(f: Fields) -> int | None:
    """`duration:` in seconds."""
    if not f.has("duration"):
        f.problems.error(f.file, f.line("duration"), f.name("duration"), DURATION_EXPECTED, "chưa có (trường bắt buộc)")
        return None
    seconds = parse_duration(f.data["duration"])
    if seconds is None:
        f.error("duration", DURATION_EXPECTED, f.data["duration"])
    return seconds


def _read_host(f: Fields, file_hosts: tuple[str, ...], docs_file: Callable[[str], Path | None]) -> Host | None:
    """`host:`: where the video is, with only known hosts and well-formed ids and addresses."""
    group = f.mapping("host")
    if group is None:
        return None
    kind = group.choice("type", ("youtube", "facebook", "file"), what="nơi đăng video")
    if kind == "youtube":
        group.unknown({"type", "id"})
        return _read_youtube(group)
    if kind == "facebook":
        group.unknown({"type", "url"})
        url = group.text("url")
        if url is None:
            return None
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.hostname not in FACEBOOK_HOSTS or parts.path in ("", "/") \
                or any(c.isspace() for c in url):
            group.error("url", FACEBOOK_URL_EXPECTED, url)
            return None
        return Facebook(url)
    if kind == "file":
        group.unknown({"type", "url", "path", "size", "mime"})
        return _read_file(group, file_hosts, docs_file)
    return None


def _read_youtube(group: Fields) -> YouTube | None:
    """`id:` of a YouTube video: exactly 11 characters; a pasted address gets its id suggested."""
    value = group.text("id")
    if value is None:
        return None
    if not _YOUTUBE_ID.match(value):
        m = _YOUTUBE_IN_URL.search(value)
        hint = f" (có phải '{m.group(1)}'?)" if m else ""
        group.problems.error(group.file, group.line("id"), group.name("id"), YOUTUBE_ID_EXPECTED, found(value) + hint)
        return None
    return YouTube(value)


def _read_file(group: Fields, file_hosts: tuple[str, ...], docs_file: Callable[[str], Path | None]) -> VideoFile | None:
    """A self-hosted file: `path` in content/ or `url` on a declared host, its `size` in bytes and `mime`."""
    mime = group.choice("mime", MIME_TYPES, what="kiểu tệp video")
    has_url, has_path = group.has("url"), group.has("path")
    if has_url == has_path:
        group.error("url" if has_url else "path",
                    "đúng một trong hai: 'path' (tệp trong thư mục content/) hoặc 'url' (tệp trên máy chủ khác)",
                    "có cả hai" if has_url else None)
        return None
    if has_url:
        url = _read_file_url(group, file_hosts)
        size = group.number("size", integer=True, minimum=1)
        return VideoFile(size=size, mime=mime, url=url) if None not in (url, size, mime) else None
    path = _read_docs_path(group, "path", (".mp4", ".webm"), "đường dẫn một tệp .mp4 hoặc .webm trong thư mục "
                           "content/, ví dụ 'assets/video/ten-video.mp4'", docs_file)
    if path is None:
        return None
    actual = docs_file(path).stat().st_size
    size = group.number("size", integer=True, minimum=1, required=False)
    if size is not None and size != actual:
        group.error("size", f"kích thước thật của tệp: {actual} byte (hoặc bỏ trống)", size)
        return None
    return VideoFile(size=actual, mime=mime, path=path) if mime else None


def _read_file_url(group: Fields, file_hosts: tuple[str, ...]) -> str | None:
    """An https address on one of the hosts declared in `file_hosts:`."""
    declared = f"(hiện có: {allowed_list(file_hosts)})" if file_hosts else "(chưa khai báo máy chủ nào)"
    expected = f"một địa chỉ https:// trên máy chủ khai báo trong 'file_hosts' ở đầu tệp {declared}"
    url = group.text("url")
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in file_hosts or any(c.isspace() for c in url):
        group.error("url", expected, url)
        return None
    return url


def _read_docs_path(group: Fields, key: str, suffixes: tuple[str, ...], expected: str,
                    docs_file: Callable[[str], Path | None]) -> str | None:
    """A path relative to content/ that names an existing file (never an address on another site)."""
    value = group.text(key)
    if value is None:
        return None
    pure = PurePosixPath(value)
    if urlsplit(value).scheme or value.startswith(("/", "\\")) or ".." in pure.parts or "\\" in value \
            or pure.suffix.lower() not in suffixes:
        group.error(key, expected, value)
        return None
    if docs_file(value) is None:
        group.problems.error(group.file, group.line(key), group.name(key), "một tệp có trong thư mục content/",
                             f"'{value}' (không tìm thấy content/{value})")
        return None
    return value


def _read_thumbnail(f: Fields, docs_file: Callable[[str], Path | None]) -> tuple[bool, Thumbnail | None]:
    """`thumbnail: {src, alt}` (optional): a local image and its description; (False, None) when wrong."""
    group = f.mapping("thumbnail", required=False)
    if group is None:
        return not f.has("thumbnail"), None
    group.unknown({"src", "alt"})
    src = _read_docs_path(group, "src", IMAGE_SUFFIXES, THUMBNAIL_EXPECTED, docs_file)
    if not group.has("alt"):
        group.problems.error(group.file, group.line("alt"), group.name("alt"), ALT_EXPECTED,
                             "chưa có (bắt buộc khi có ảnh)")
        return False, None
    alt = group.text("alt", max_length=250)
    if not src or not alt:
        return False, None
    # Checked before any reader's browser decodes it: a broken file or a decompression bomb is an error.
    path = docs_file(src)
    found = picture(path) if path else None
    if found is not None and found.found is not None:
        at = (group.file, group.line("src"), group.name("src"), found.expected, f"'{src}': {found.found}")
        if found.size is None:
            group.problems.error(*at)
            return False, None
        group.problems.warn(*at)
    return True, Thumbnail(src, alt)




def check_counts_toward(videos: Iterable[Video], targets: Mapping[str, tuple[dt.date, dt.date] | None],
                        problems: Problems) -> None:
    """Record a problem for each `counts_toward` that names no target, or a target whose period misses the video.

    `targets` maps every plan target id to its (first day, last day), or None when it has no period.
    """
    for video in videos:
        ref = video.counts_toward
        if ref is None:
            continue
        if ref not in targets:
            hint = suggest(ref, targets)
            problems.error(video.file, video.counts_toward_line, video.counts_toward_field,
                           "mã một chỉ tiêu có trong data/plans/ (trường 'id' của chỉ tiêu)", f"'{ref}'{hint}")
            continue
        period = targets[ref]
        if period is not None and not period[0] <= video.date <= period[1]:
            problems.error(video.file, video.counts_toward_line, video.counts_toward_field,
                           f"một chỉ tiêu có giai đoạn chứa ngày đăng {format_date(video.date)} của video",
                           f"'{ref}' (giai đoạn {format_date(period[0])} - {format_date(period[1])})")
