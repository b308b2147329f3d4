"""Images in page content: checked, sized and lazy-loaded, so a phone on a slow link fetches only what it shows.

An editor writes `![mô tả](anh.jpg)`; Python-Markdown makes `<img alt src>` with no size, which makes the
text jump when the picture arrives, and every picture of a long article loads at once. This hook adds
`loading="lazy" decoding="async"` to every image of the content and, for the site's own files, the upright
`width` and `height` read from the file's header (`_picture_check`, which decodes nothing). What an editor
set explicitly is kept.

A picture of the site that cannot be shown (a broken or truncated file, a decompression bomb, a format
browsers do not show, a PNG named `.jpg`) is a warning naming the page's file and the Markdown line (`--strict`
fails). Under the preview a page is converted again only when its file changes, so the pictures each page
uses are kept with the file's stamp and checked again on every build: a picture fixed or broken since is seen.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from mkdocs.plugins import event_priority

import _order
from _cache import stamp
from _front_matter import split_front_matter
from _pages import written
from _picture_check import picture
from _state import Build, build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

_IMG = re.compile(r"<img\b(?P<attrs>[^>]*?)\s*/?>")
_SRC = re.compile(r'\ssrc="(?P<src>[^"]*)"')
FIELD = "ảnh trong bài"

# A picture a page uses: its name as the Markdown writes it, the line it is on (None if not found), its file.
Used = tuple[str, int | None, str]


@event_priority(_order.REPORT + 1)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Under the preview: the pictures of pages whose files did not change since, checked as they are now."""
    b = build()
    for file in files.documentation_pages():
        if written(file):
            kept = b.cache.get("pictures in pages", file.src_uri, stamp(file.abs_src_path))
            if kept:
                _check(b, b.rel(file.abs_src_path), kept)
    return files


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add lazy loading, and the size of the site's own images, to every `<img>` of the page's content."""
    if "<img" not in html:
        return html
    used: list[tuple[str, str]] = []
    html = _IMG.sub(lambda m: _improve(m, page.url, files, used), html)
    if written(page.file) and used:
        b = build()
        _, body, first = split_front_matter(page.file.content_string)
        found = tuple((*_written_as(body, first, page.file.src_uri, src_uri), path) for src_uri, path in used)
        key = stamp(page.file.abs_src_path)
        if b.cache.get("pictures in pages", page.file.src_uri, key) != found:  # not checked already (on_files)
            _check(b, b.rel(page.file.abs_src_path), found)
        b.cache.put("pictures in pages", page.file.src_uri, key, found)
    return html


def _improve(match: re.Match[str], page_url: str, files: Files, used: list[tuple[str, str]]) -> str:
    attrs = match["attrs"]
    if " loading=" not in attrs:
        attrs += ' loading="lazy"'
    if " decoding=" not in attrs:
        attrs += ' decoding="async"'
    found = _SRC.search(attrs)
    file = _site_file(found["src"], page_url, files) if found else None
    if file is not None:
        used.append((file.src_uri, file.abs_src_path))
        size = picture(Path(file.abs_src_path)).size
        if size and " width=" not in attrs and " height=" not in attrs:
            attrs += f' width="{size[0]}" height="{size[1]}"'
    return f"<img{attrs}>"


def _site_file(src: str, page_url: str, files: Files) -> File | None:
    """The file of content/ an image's `src` (as MkDocs wrote it, relative to the page's address) points at, if
    it is one of the site's files."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    url = posixpath.normpath(posixpath.join(base, unquote(parts.path))).lstrip("/")
    file = files.get_file_from_path(url)  # a media file's URL is its path under the docs folder
    return file if file and file.is_media_file() and file.abs_src_path else None


def _written_as(body: str, first: int, page_uri: str, src_uri: str) -> tuple[str, int | None]:
    """How the Markdown names the picture at `src_uri` (relative to the page's file, or from content/'s root),
    and the line it is on (None if not found)."""
    relative = posixpath.relpath(src_uri, posixpath.dirname(page_uri) or ".")
    for name in (relative, "/" + src_uri, quote(relative), "/" + quote(src_uri)):
        if (at := body.find(name)) >= 0:
            return name, first + body.count("\n", 0, at)
    return relative, None


def _check(b: Build, page_file: str, used: tuple[Used, ...]) -> None:
    """A warning for each picture the page uses that browsers cannot show as it is, with what to do."""
    for src, line, path in used:
        found = picture(Path(path))
        # An SVG drawing is shown by every browser in an <img> (where its scripts never run); it only lacks
        # the pixel size a cover or a preview card needs, which is checked where covers are read.
        if found.found is not None and found.format != "SVG":
            b.problems.warn(page_file, line, FIELD, found.expected, f"'{src}': {found.found}")
