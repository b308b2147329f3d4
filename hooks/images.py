"""Images in page content: sized and lazy-loaded, so a phone on a slow link fetches only what it shows.

An editor writes `![mô tả](anh.jpg)`; Python-Markdown makes `<img alt src>` with no size, which makes the
text jump when the picture arrives, and every picture of a long article loads at once. This hook adds
`loading="lazy" decoding="async"` to every image of the content and, for the site's own files, the
`width` and `height` read from the file's header. What an editor set explicitly is kept.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from _images import image_size

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

_IMG = re.compile(r"<img\b(?P<attrs>[^>]*?)\s*/?>")
_SRC = re.compile(r'\ssrc="(?P<src>[^"]*)"')


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add lazy loading, and the size of the site's own images, to every `<img>` of the page's content."""
    if "<img" not in html:
        return html
    return _IMG.sub(lambda m: _improve(m, page.url, files), html)


def _improve(match: re.Match[str], page_url: str, files: Files) -> str:
    attrs = match["attrs"]
    if " loading=" not in attrs:
        attrs += ' loading="lazy"'
    if " decoding=" not in attrs:
        attrs += ' decoding="async"'
    if " width=" not in attrs and " height=" not in attrs:
        size = _size(attrs, page_url, files)
        if size:
            attrs += f' width="{size[0]}" height="{size[1]}"'
    return f"<img{attrs}>"


def _size(attrs: str, page_url: str, files: Files) -> tuple[int, int] | None:
    """Width and height of the image `src` points at, if it is one of the site's files."""
    found = _SRC.search(attrs)
    if not found:
        return None
    parts = urlsplit(found["src"])
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    url = posixpath.normpath(posixpath.join(base, unquote(parts.path))).lstrip("/")
    file = files.get_file_from_path(url)  # a media file's URL is its path under the docs folder
    return image_size(Path(file.abs_src_path)) if file and file.is_media_file() and file.abs_src_path else None
