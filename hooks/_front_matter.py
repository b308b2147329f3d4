"""Front matter: the `---` block at the top of a Markdown page, read with lines, and the body's own rules.

MkDocs' own meta parser swallows YAML errors (the page silently loses its metadata), so articles are read
here: the YAML with lines (hooks/_yaml.py), the body's first line, and what the body may not hold.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from _problems import Problems, found
from _yaml import LineDict, find_hidden, load_yaml, report_hidden

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


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
    """The Markdown body of a page: no hidden characters. Active content (scripts, event attributes, script
    addresses) is removed from its HTML by the allowlist sanitizer (hooks/sanitize.py), never looked for here."""
    report_hidden(find_hidden(body, first_line, yaml_keys=False)[1], file, problems, field="nội dung bài")
