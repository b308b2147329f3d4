"""Front matter: the `---` block at the top of a Markdown page, read with lines, and the body's own rules.

MkDocs' own meta parser swallows YAML errors (the page silently loses its metadata), so articles are read
here: the YAML with lines (hooks/_yaml.py), the body's first line, and what the body may not hold.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from _problems import Problems, found, short
from _yaml import LineDict, find_hidden, load_yaml, report_hidden

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# Markup that has no place in an article: scripts run in every reader's browser, and `javascript:` or `data:`
# addresses in a link or image do the same on a click.
_BODY_SCRIPT = re.compile(r"<\s*script\b", re.IGNORECASE)
_BODY_BAD_URL = re.compile(r"(?:\]\(\s*<?|\b(?:href|src)\s*=\s*[\"']?\s*|^\s*\[[^\]\n]+\]:\s*<?)"
                           r"((?:javascript|vbscript|data)\s*:[^\s)\"'>]*)", re.IGNORECASE | re.MULTILINE)
_BODY_EVENT = re.compile(r"<[a-z][^<>]{0,1000}?\son[a-z]+\s*=", re.IGNORECASE)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split Markdown into (front matter YAML or None, body, line number where the body starts)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    return match.group(1) or "", text[match.end():], text[: match.end()].count("\n") + 1


def dump_front_matter(meta: dict[str, Any], *, sort_keys: bool = True) -> str:
    """The `---` block of a generated page (libyaml's emitter when available: the pure-Python one took
    0.4 ms a page, 2,000 listing pages at 5,000 articles)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=sort_keys) + "---\n"


def load_front_matter(text: str, file: str, problems: Problems) -> tuple[LineDict | None, str, int]:
    """Front matter of a Markdown page as a LineDict (lines as in the file), its body and the body's first line."""
    raw, body, body_line = split_front_matter(text)
    check_body(body, body_line, file, problems)
    if raw is None:
        problems.error(file, 1, "", "phần khai báo ở đầu tệp, mở và đóng bằng dòng '---'",
                       "không có phần khai báo" + (" (tệp trống)" if not text.strip() else ""))
        return None, body, body_line
    data = load_yaml(raw, file, problems, first_line=2, empty_ok=True)
    if data is None and raw.strip():
        return None, body, body_line
    if data is None:
        data = LineDict()
        data.line, data.lines, data.duplicates = 2, {}, []
    if not isinstance(data, LineDict):
        problems.error(file, 2, "", "các dòng dạng 'tên: giá trị'", found(data))
        return None, body, body_line
    return data, body, body_line


def check_body(body: str, first_line: int, file: str, problems: Problems) -> None:
    """The Markdown body of an article: no hidden characters, scripts, event handlers or script addresses.

    Python-Markdown passes raw HTML through, so these would reach every reader's browser as they are.
    """
    report_hidden(find_hidden(body, first_line, yaml_keys=False)[1], file, problems, field="nội dung bài")

    def line_of(match: re.Match[str]) -> int:
        return first_line + body.count("\n", 0, match.start())

    for match in _BODY_SCRIPT.finditer(body):
        problems.error(file, line_of(match), "nội dung bài", "chữ, ảnh và liên kết (bài không chứa mã chạy trên "
                       "trình duyệt)", "thẻ <script>")
    for match in _BODY_EVENT.finditer(body):
        problems.error(file, line_of(match), "nội dung bài", "thẻ HTML không có thuộc tính 'on...' (mã chạy trên "
                       "trình duyệt)", f"'{short(match.group(0), 40)}'")
    lower = body.lower()  # one fast pass first: the full pattern is slow on Vietnamese text
    for match in _BODY_BAD_URL.finditer(body) if "script" in lower or "data" in lower else ():
        problems.error(file, line_of(match), "nội dung bài", "liên kết và ảnh có địa chỉ https://, http:// hoặc "
                       "đường dẫn tới tệp của trang",
                       f"địa chỉ bắt đầu bằng '{match.group(1).split(':')[0].strip().lower()}:'")
