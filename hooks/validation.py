"""Stop the build once, with every content problem of the run; list what is held back.

Under `mkdocs serve` (the editors' preview) a problem does not stop the build: the valid content is
built, every page carries a banner listing each problem with its file and line (overrides/main.html,
block `announce`), and the next save that fixes it brings the pages back without the banner. A build
(`./run build`, CI) stays strict. MkDocs's own progress lines in the terminal are said in Vietnamese.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from _state import build
from _validate import Fields, Problems, describe_hidden, found

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = get_plugin_logger("nscl")

# What the preview shows this build: (errors, warnings), each rendered with file and line. Reset per build.
_shown: tuple[list[str], list[str]] = ([], [])


def on_startup(*, command: str, dirty: bool) -> None:
    """Say MkDocs's progress lines in Vietnamese, in the terminal an editor watches."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, logging.StreamHandler) and not any(isinstance(f, _Vietnamese) for f in handler.filters):
            handler.addFilter(_Vietnamese())


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Forget the previous build's problems (hooks are not reloaded by `mkdocs serve`); check `extra.agency`."""
    global _shown
    _shown = ([], [])
    _check_agency(config.extra.get("agency"), build().problems)
    return config


_AGENCY = ("name", "programme_lead", "address", "phone", "email")
_PHONE = re.compile(r"^\+?[0-9][0-9 .()-]{5,24}$")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


def _check_agency(raw: object, problems: Problems) -> None:
    """`extra.agency` (the footer of every page, /tiep-can/): each detail a line of text or empty."""
    if raw is None:
        return
    if not isinstance(raw, dict):
        problems.error("mkdocs.yml", None, "extra.agency", f"một nhóm trường ({', '.join(_AGENCY)})", found(raw))
        return
    f = Fields(raw, "mkdocs.yml", problems, prefix="extra.agency.")
    f.unknown(_AGENCY)
    for key in _AGENCY:
        value = raw.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str):
            f.error(key, "một dòng chữ, đặt trong ngoặc kép (ví dụ phone: \"024 3822 6785\")", value)
        elif described := describe_hidden(value):
            problems.error(f.file, None, f.name(key), "chữ không có ký tự ẩn", f"{described} (xóa ký tự này)")
        elif key == "phone" and not _PHONE.match(value):
            f.error(key, "một số điện thoại, ví dụ \"024 3822 6785\"", value)
        elif key == "email" and not _EMAIL.match(value):
            f.error(key, "một địa chỉ thư điện tử, ví dụ \"lienhe@example.gov.vn\"", value)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Runs after every loader: report held-back items, then raise if anything was wrong (the preview shows it)."""
    global _shown
    b = build()
    # Nothing is dropped silently: every draft and scheduled item is named in the log.
    for item in sorted(b.held_back, key=lambda h: h.path):
        verb = "Xem trước, không xuất bản" if b.command == "serve" else "Không xuất bản"
        log.info(f"{verb}: {item.path} ({item.reason})")
    if b.command != "serve":
        b.problems.raise_if_any()
        return files
    _shown = (b.problems.error_lines(), b.problems.warning_lines())
    if (message := b.problems.report()) is not None:
        log.error(message + "\nTrang xem trước vẫn được dựng, với danh sách lỗi ở đầu mỗi trang.")
        # A file that cannot be read at all (not UTF-8, too large) would stop MkDocs itself: leave it out.
        for file in list(files):
            if file.abs_src_path and b.rel(file.abs_src_path) in b.problems.unreadable:
                files.remove(file)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """The preview's problem lists, for the banner on every page."""
    env.globals["nscl_problems"], env.globals["nscl_warnings"] = _shown
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    """The last line of a preview with problems says so, in Vietnamese."""
    errors, warnings = _shown
    if errors or warnings:
        log.warning(f"Bản xem trước có {len(errors)} lỗi và {len(warnings)} cảnh báo (danh sách ở trên và ở đầu "
                    "mỗi trang): sửa rồi lưu tệp, trang tự tải lại.")


# MkDocs's progress lines (mkdocs.commands, mkdocs.livereload), in the order an editor meets them.
_TRANSLATIONS = tuple((re.compile(english), vietnamese) for english, vietnamese in (
    (r"Building documentation\.\.\.", "Đang dựng trang..."),
    (r"Cleaning site directory", "Đang dọn thư mục kết quả"),
    (r"Building documentation to directory: (.*)", r"Đang dựng trang vào thư mục: \1"),
    (r"Documentation built in ([\d.]+) seconds", r"Đã dựng xong trong \1 giây"),
    (r"Serving on (.*)", r"Xem trước tại \1 (dừng: Ctrl + C)"),
    (r"Watching paths for changes: (.*)", r"Theo dõi thay đổi trong: \1"),
    (r"Detected file changes", "Có tệp vừa thay đổi"),
    (r"Reloading browsers", "Tải lại trình duyệt"),
    (r"Shutting down\.\.\.", "Đang dừng xem trước..."),
))


class _Vietnamese(logging.Filter):
    """Rewrites MkDocs's English progress messages before the terminal handler prints them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str) or record.args:
            return True
        for pattern, vietnamese in _TRANSLATIONS:
            if match := pattern.fullmatch(record.msg):
                record.msg = match.expand(vietnamese)
                break
        return True
