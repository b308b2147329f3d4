"""Stop the build once, with every content problem of the run; list what is held back; speak Vietnamese.

Under `mkdocs serve` (the editors' preview) a problem does not stop the build: the valid content is
built, every page carries a banner listing each problem with its file and line (overrides/main.html,
block `announce`), and the next save that fixes it brings the pages back without the banner (the
problems are part of what every page shows: hooks/preview.py). A build (`./run build`, CI) stays strict.
MkDocs's own lines in the terminal are said in Vietnamese, and every build of the preview ends with one.
"""

from __future__ import annotations

import logging
import re
import time
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority, get_plugin_logger

import _order
from _state import build

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = get_plugin_logger("nscl")

# MkDocs' lines (mkdocs.commands, mkdocs.livereload), in the order an editor meets them. The live-reload
# server starts its lines with the time of day ("[11:56:00] Serving on ..."): kept, in front.
_TRANSLATIONS = tuple((re.compile(r"(\[\d\d:\d\d:\d\d\] )?" + english), vietnamese) for english, vietnamese in (
    (r"Building documentation\.\.\.", r"\1Đang dựng trang..."),
    (r"Cleaning site directory", r"\1Đang dọn thư mục kết quả"),
    (r"Building documentation to directory: (.*)", r"\1Đang dựng trang vào thư mục: \2"),
    (r"Documentation built in ([\d.]+) seconds", r"\1Đã dựng xong trong \2 giây"),
    (r"Serving on (.*)", r"\1Xem trước tại \2 (dừng: Ctrl + C)"),
    (r"Watching paths for changes: (.*)", r"\1Theo dõi thay đổi trong: \2"),
    (r"Detected file changes", r"\1Có tệp vừa thay đổi, đang dựng lại"),
    (r"Reloading browsers", r"\1Tải lại trình duyệt"),
    (r"Browser connected: (.*)", r"\1Trình duyệt đã kết nối: \2"),
    (r"Shutting down\.\.\.", r"\1Đang dừng xem trước..."),
))
# MkDocs says "Documentation built in N seconds" through a filter that drops any line it said before, so a
# rebuild as fast as an earlier one printed nothing: the preview says it itself, with the time of day.
_BUILT = "Documentation built in"


def on_startup(*, command: str, dirty: bool) -> None:
    """Say MkDocs's lines in Vietnamese, in the terminal an editor watches."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, logging.StreamHandler) and not any(isinstance(f, _Vietnamese) for f in handler.filters):
            handler.addFilter(_Vietnamese(preview=command == "serve"))


@event_priority(_order.REPORT)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Runs after every page is made from the model: report held-back items, then raise if anything was wrong
    (the preview shows it instead)."""
    b = build()
    m = b.model
    # Nothing is dropped silently: every draft and scheduled item is named in the log.
    for item in sorted(m.held_back, key=lambda h: h.path):
        verb = "Xem trước, không xuất bản" if m.previews else "Không xuất bản"
        log.info(f"{verb}: {item.path} ({item.reason})")
    if b.session.command != "serve":
        b.problems.raise_if_any()
        return files
    if (message := b.problems.report()) is not None:
        log.error(message + "\nTrang xem trước vẫn được dựng, với danh sách lỗi ở đầu mỗi trang.")
        # A file that cannot be read at all (not UTF-8, too large) would stop MkDocs itself: leave it out.
        for file in list(files):
            if file.abs_src_path and b.rel(file.abs_src_path) in b.problems.unreadable:
                files.remove(file)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """The preview's problems, for the banner on every page; read as each page is drawn, so it holds what was
    found while pages were converted too (what the sanitizer removed). None in a build, which stops on any."""
    b = build()
    env.globals["nscl_report"] = b.problems if b.session.command == "serve" else None
    return env


@event_priority(_order.LAST)
def on_post_build(*, config: MkDocsConfig) -> None:
    """The last lines of a preview: what is left to fix, and that the build is done."""
    b = build()
    if b.session.command != "serve":
        return
    errors, warnings = b.problems.error_lines(), b.problems.warning_lines()
    if errors or warnings:
        log.warning(f"Bản xem trước có {len(errors)} lỗi và {len(warnings)} cảnh báo (danh sách ở trên và ở đầu "
                    "mỗi trang): sửa rồi lưu tệp, trang tự tải lại.")
    log.info(f"Đã dựng xong trong {time.monotonic() - b.started:.2f} giây (lúc {time.strftime('%H:%M:%S')})")


class _Vietnamese(logging.Filter):
    """Rewrites MkDocs's English lines before the terminal handler prints them."""

    def __init__(self, *, preview: bool) -> None:
        super().__init__()
        self.preview = preview

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str):
            return True
        message = record.getMessage()
        if self.preview and _BUILT in message:
            return False  # the preview's own line says it (on_post_build)
        for pattern, vietnamese in _TRANSLATIONS:
            if match := pattern.fullmatch(message):
                record.msg, record.args = match.expand(vietnamese), ()
                break
        return True
