"""What an editor writes is cleaned by an allowlist sanitizer (nh3, the Ammonia bindings: hooks/_sanitize.py)
before anything else reads it: Python-Markdown passes raw HTML and `attr_list` attributes through as written,
so each page written in content/ is cleaned after conversion, before pictures are sized and feeds take its HTML.

Nothing disappears silently: each element, attribute or address removed is a warning naming the file and the
Markdown line it came from (`--strict` fails); an HTML comment, which shows on no page, is a note. Under the
preview a page is converted again only when its file changes, so what was removed from it is kept with the
file's stamp and said again on every build until the file is fixed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority, get_plugin_logger

import _order
from _cache import stamp
from _front_matter import split_front_matter
from _pages import written
from _sanitize import Removed, describe, locate, sanitize
from _state import Build, build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("nscl")

EXPECTED = "chữ, ảnh, bảng và liên kết (bài không chứa mã chạy trên trình duyệt hay trang nhúng)"


@event_priority(_order.REPORT + 1)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Under the preview: say again what was removed from the pages whose files did not change since."""
    b = build()
    for file in files.documentation_pages():
        if written(file):
            kept = b.cache.get("sanitized", file.src_uri, stamp(file.abs_src_path))
            if kept:
                _say(b, kept)
    return files


@event_priority(_order.SANITIZE)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The page's HTML through the allowlist; each removal said once, with its file and line."""
    if not written(page.file):
        return html
    b = build()
    clean, removed = sanitize(html)
    found: tuple[tuple[str, int | None, Removed], ...] = ()
    if removed:
        # Looked for in the file as the editor wrote it (MkDocs' `page.markdown` has lost the blank lines
        # after the front matter, and other hooks may have added to it).
        path = b.rel(page.file.abs_src_path)
        _, body, first = split_front_matter(page.file.content_string)
        found = tuple((path, line, r) for r, line in zip(removed, locate(body, removed, first), strict=True))
    key = stamp(page.file.abs_src_path)
    if b.cache.get("sanitized", page.file.src_uri, key) != found:  # not said already this build (on_files)
        _say(b, found)
    b.cache.put("sanitized", page.file.src_uri, key, found)
    return clean


def _say(b: Build, found: tuple[tuple[str, int | None, Removed], ...]) -> None:
    """A warning for each removal (a note for an HTML comment)."""
    for path, line, removed in found:
        words = f"{describe(removed)}, đã bỏ khỏi trang"
        if removed.kind == "comment":
            log.info(f"{path}{f', dòng {line}' if line else ''}: {words}")
        else:
            b.problems.warn(path, line, "nội dung bài", EXPECTED, words)
