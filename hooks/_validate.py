"""The content-validation layer: YAML with line numbers, typed field readers, and one report of all problems.

Every loader (news, videos, plans, registry) reads raw YAML through `load_yaml` and `Fields`, records
what is wrong in the build's `Problems`, and builds typed objects from what is right. The validation
hook raises once, after every loader has run, so an editor sees every mistake of a run in one message.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from _vn import nfc

log = get_plugin_logger("nscl")

_VN_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


# ---------------------------------------------------------------------------------------------
# Problems


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, worded for an editor."""

    file: str
    line: int
    field: str
    expected: str
    found: str

    def render(self) -> str:
        """`file, dòng N, trường X: cần ...; đang là ...` in one line."""
        where = f"{self.file}, dòng {self.line}" if self.line else self.file
        field = f", trường '{self.field}'" if self.field else ""
        return f"{where}{field}: cần {self.expected}; đang là {self.found}."


class Problems:
    """Every problem found in one build, reported together."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, file: str, line: int | None, field: str, expected: str, found: str) -> None:
        """Record a mistake that stops the build."""
        self.errors.append(Problem(file, line or 0, field, expected, found))

    def warn(self, file: str, line: int | None, field: str, expected: str, found: str) -> None:
        """Record and log a doubtful input that the build can go past (`--strict` still fails on it)."""
        problem = Problem(file, line or 0, field, expected, found)
        self.warnings.append(problem)
        log.warning(problem.render())

    def raise_if_any(self) -> None:
        """Stop the build with every recorded error, sorted by file and line, one per line."""
        if not self.errors:
            return
        lines = [p.render() for p in sorted(set(self.errors))]
        header = f"Nội dung có {len(lines)} lỗi cần sửa trước khi xuất bản:"
        raise PluginError("\n".join([header, *(f"  - {line}" for line in lines)]))


def found(value: Any) -> str:
    """How a wrong value is shown back to the editor."""
    if value is None:
        return "để trống"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một nhóm trường"
    return f"'{value}'"


# ---------------------------------------------------------------------------------------------
# YAML with line numbers


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (1-based, as in the file)."""

    line: int = 0
    lines: dict[Any, int]
    duplicates: list[tuple[Any, int]]


class LineList(list):
    """A YAML sequence that remembers the line of each item."""

    line: int = 0
    lines: list[int]


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml when available) that builds LineDict/LineList and normalises strings to NFC."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    result.duplicates = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, list | dict):
            raise yaml.constructor.ConstructorError(None, None, "khóa không hợp lệ", key_node.start_mark)
        if key in result:
            result.duplicates.append((key, key_node.start_mark.line + 1))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_str(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    return nfc(loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)


def load_yaml(text: str, file: str, problems: Problems, *, first_line: int = 1) -> Any:
    """Parse YAML whose first line is line `first_line` of `file`; a syntax error becomes a problem."""
    try:
        data = yaml.load("\n" * (first_line - 1) + text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        detail = exc.problem or str(exc)
        problems.error(file, line, "", "cú pháp YAML hợp lệ (thụt lề bằng dấu cách, 'tên: giá trị')",
                       f"lỗi cú pháp ({detail})")
        return None
    except yaml.YAMLError as exc:
        problems.error(file, None, "", "cú pháp YAML hợp lệ", f"lỗi cú pháp ({exc})")
        return None
    _report_duplicates(data, file, problems)
    return data


def _report_duplicates(data: Any, file: str, problems: Problems) -> None:
    """A key written twice in one mapping silently loses the first value: make it an error."""
    if isinstance(data, LineDict):
        for key, line in data.duplicates:
            problems.error(file, line, str(key), "mỗi trường chỉ khai báo một lần", "khai báo lặp lại")
        for value in data.values():
            _report_duplicates(value, file, problems)
    elif isinstance(data, list):
        for value in data:
            _report_duplicates(value, file, problems)


def read_text(path: Path, file: str, problems: Problems) -> str | None:
    """Read a UTF-8 file as NFC text; a file in another encoding becomes a problem."""
    try:
        return nfc(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        problems.error(file, None, "", "tệp mã hóa UTF-8", f"byte không hợp lệ ở vị trí {exc.start}")
        return None


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
    if raw is None:
        problems.error(file, 1, "", "phần khai báo ở đầu tệp, mở và đóng bằng dòng '---'",
                       "không có phần khai báo")
        return None, body, body_line
    data = load_yaml(raw, file, problems, first_line=2)
    if data is None and raw.strip():
        return None, body, body_line
    if data is None:
        data = LineDict()
        data.line, data.lines, data.duplicates = 2, {}, []
    if not isinstance(data, LineDict):
        problems.error(file, 2, "", "các dòng dạng 'tên: giá trị'", found(data))
        return None, body, body_line
    return data, body, body_line


# ---------------------------------------------------------------------------------------------
# Typed field readers


def parse_date(value: Any) -> dt.date | None:
    """A date from YAML: a date, a datetime, `dd/mm/yyyy` or `yyyy-mm-dd`; None if it is none of those."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if m := _VN_DATE.match(value):
            day, month, year = (int(g) for g in m.groups())
        elif m := _ISO_DATE.match(value):
            year, month, day = (int(g) for g in m.groups())
        else:
            return None
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def allowed_list(values: Iterable[str], limit: int = 40) -> str:
    """The allowed values, quoted, for an error message (shortened past `limit`)."""
    values = sorted(values)
    shown = ", ".join(f"'{v}'" for v in values[:limit])
    return shown + (f" (và {len(values) - limit} giá trị khác)" if len(values) > limit else "")


class Fields:
    """Reads typed fields out of one YAML mapping, recording a problem for each bad one.

    Each reader returns the value, or None when it is missing or wrong (and then a problem is recorded),
    so loaders can build as much as is valid and still report every mistake.
    """

    def __init__(self, data: Mapping[str, Any], file: str, problems: Problems, *, prefix: str = "",
                 line: int | None = None) -> None:
        self.data = data
        self.file = file
        self.problems = problems
        self.prefix = prefix
        self.default_line = line if line is not None else getattr(data, "line", None)

    def name(self, key: str) -> str:
        """The field's full name as the editor sees it, e.g. `source.url` or `targets[2].value`."""
        return f"{self.prefix}{key}"

    def line(self, key: str) -> int | None:
        """The line of `key` in the file, or of the mapping when the key is missing."""
        lines = getattr(self.data, "lines", {})
        return lines.get(key, self.default_line)

    def has(self, key: str) -> bool:
        """Whether `key` is present with a non-empty value."""
        return self.data.get(key) not in (None, "", [])

    def error(self, key: str, expected: str, value: Any) -> None:
        """Record a problem for field `key`."""
        self.problems.error(self.file, self.line(key), self.name(key), expected, found(value))

    def _missing(self, key: str, required: bool, expected: str) -> bool:
        if self.has(key):
            return False
        if required:
            self.problems.error(self.file, self.line(key), self.name(key), expected, "chưa có (trường bắt buộc)")
        return True

    def text(self, key: str, *, required: bool = True, max_length: int | None = None) -> str | None:
        """A non-empty single string, trimmed."""
        expected = "một đoạn chữ" + (f" tối đa {max_length} ký tự" if max_length else "")
        if self._missing(key, required, expected):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(key, expected, value)
            return None
        value = str(value).strip()
        if max_length and len(value) > max_length:
            self.error(key, expected, f"{len(value)} ký tự")
            return None
        return value

    def date(self, key: str, *, required: bool = True) -> dt.date | None:
        """A calendar date written `dd/mm/yyyy` or `yyyy-mm-dd`."""
        expected = "một ngày có thật, dạng dd/mm/yyyy (ví dụ 28/09/2021) hoặc yyyy-mm-dd"
        if self._missing(key, required, expected):
            return None
        value = parse_date(self.data[key])
        if value is None:
            self.error(key, expected, self.data[key])
        return value

    def boolean(self, key: str, *, default: bool = False) -> bool:
        """`true` or `false`; anything else is a problem and reads as `default`."""
        if key not in self.data or self.data[key] is None:
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            self.error(key, "true hoặc false", value)
            return default
        return value

    def number(self, key: str, *, required: bool = True, minimum: float | None = None,
               integer: bool = False) -> float | int | None:
        """A number (not text), optionally an integer and at least `minimum`."""
        kind = "một số nguyên" if integer else "một số (dùng dấu chấm cho phần thập phân, ví dụ 7.5)"
        expected = kind + (f" không nhỏ hơn {minimum:g}" if minimum is not None else "")
        if self._missing(key, required, expected):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or (integer and not isinstance(value, int)):
            self.error(key, expected, value)
            return None
        if minimum is not None and value < minimum:
            self.error(key, expected, value)
            return None
        return value

    def url(self, key: str, *, required: bool = True) -> str | None:
        """An absolute http(s) address."""
        expected = "một địa chỉ web đầy đủ, bắt đầu bằng https:// hoặc http://"
        value = self.text(key, required=required)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
            self.error(key, expected, value)
            return None
        return value

    def choice(self, key: str, allowed: Iterable[str], *, required: bool = True,
               what: str = "một giá trị") -> str | None:
        """One value from a controlled list; the error names the allowed values."""
        allowed = set(allowed)
        expected = f"{what} trong danh sách: {allowed_list(allowed)}"
        value = self.text(key, required=required)
        if value is None:
            return None
        if value not in allowed:
            self.error(key, expected + suggest(value, allowed), value)
            return None
        return value

    def choices(self, key: str, allowed: Iterable[str], *, required: bool = True,
                what: str = "các giá trị", listed_in: str | None = None) -> list[str]:
        """A list of values from a controlled list (a single value is read as a list of one).

        `listed_in` names the file that lists a long set of allowed values, instead of quoting them all.
        """
        allowed = set(allowed)
        expected = f"{what} có trong {listed_in}" if listed_in else f"{what} trong danh sách: {allowed_list(allowed)}"
        if self._missing(key, required, "một danh sách " + expected):
            return []
        raw = self.data[key]
        items = raw if isinstance(raw, list) else [raw]
        lines = getattr(raw, "lines", None)
        result: list[str] = []
        for index, item in enumerate(items):
            line = lines[index] if lines else self.line(key)
            if not isinstance(item, str) or item.strip() not in allowed:
                shown = found(item) + (suggest(item, allowed) if isinstance(item, str) else "")
                self.problems.error(self.file, line, self.name(key), expected, shown)
            elif item.strip() in result:
                self.problems.error(self.file, line, self.name(key), "mỗi giá trị một lần", f"'{item}' lặp lại")
            else:
                result.append(item.strip())
        return result

    def mapping(self, key: str, *, required: bool = True) -> Fields | None:
        """A nested group of fields, e.g. `source:` with `name:` and `url:` under it."""
        if self._missing(key, required, "một nhóm trường (các dòng thụt vào bên dưới)"):
            return None
        value = self.data[key]
        if not isinstance(value, dict):
            self.error(key, "một nhóm trường (các dòng thụt vào bên dưới)", value)
            return None
        return Fields(value, self.file, self.problems, prefix=f"{self.name(key)}.")

    def items(self, key: str, *, required: bool = True) -> list[Fields]:
        """A list of groups of fields, each read with its own `Fields` (`targets[0].value`)."""
        if self._missing(key, required, "một danh sách (mỗi mục bắt đầu bằng '- ')"):
            return []
        value = self.data[key]
        if not isinstance(value, list):
            self.error(key, "một danh sách (mỗi mục bắt đầu bằng '- ')", value)
            return []
        result = []
        for index, item in enumerate(value):
            line = value.lines[index] if isinstance(value, LineList) else self.line(key)
            if not isinstance(item, dict):
                self.problems.error(self.file, line, f"{self.name(key)}[{index}]",
                                    "một nhóm trường", found(item))
                continue
            result.append(Fields(item, self.file, self.problems, prefix=f"{self.name(key)}[{index}].", line=line))
        return result

    def check(self, key: str, ok: Callable[[Any], bool], expected: str) -> bool:
        """Record a problem unless `ok(value)` holds for the present field `key`."""
        if key in self.data and not ok(self.data[key]):
            self.error(key, expected, self.data[key])
            return False
        return True

    def unknown(self, known: Iterable[str]) -> None:
        """Warn about every key that is not in `known` (a typo must not pass silently)."""
        known = set(known)
        for key in self.data:
            if key not in known:
                self.problems.warn(self.file, self.line(key), self.name(str(key)),
                                   f"một trường đã biết: {allowed_list(known)}" + suggest(str(key), known),
                                   "một trường lạ (bị bỏ qua)")


def suggest(value: str, allowed: Iterable[str]) -> str:
    """`(có phải 'x'?)` when a close allowed value exists."""
    close = difflib.get_close_matches(value, sorted(allowed), n=1, cutoff=0.6)
    return f" (có phải '{close[0]}'?)" if close else ""
