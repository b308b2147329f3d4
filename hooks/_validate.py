"""The content-validation layer: YAML with line numbers, typed field readers, and one report of all problems.

Every loader (news, videos, plans, registry) reads raw YAML through `load_yaml` and `Fields`, records
what is wrong in the build's `Problems`, and builds typed objects from what is right. The validation
hook raises once, after every loader has run, so an editor sees every mistake of a run in one message.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from _vn import nfc, slugify

log = get_plugin_logger("nscl")

_VN_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# The largest file an editor's YAML or Markdown may be: far above any real one (the whole catalogue of
# 1,000 videos is about 0.5 MB), low enough that a wrong file (a video, a database dump) is named, not read.
MAX_FILE_BYTES = 10 * 1024 * 1024
# A key at the start of a YAML line (`title:`, `  - slug:`), to name the field of a line with a hidden character.
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)*)([^\s:#'\"-][^:#]*?)\s*:(?:\s|$)")
# Markup that has no place in an article: scripts run in every reader's browser, and `javascript:` or `data:`
# addresses in a link or image do the same on a click.
_BODY_SCRIPT = re.compile(r"<\s*script\b", re.IGNORECASE)
_BODY_BAD_URL = re.compile(r"(?:\]\(\s*<?|\b(?:href|src)\s*=\s*[\"']?\s*|^\s*\[[^\]\n]+\]:\s*<?)"
                           r"((?:javascript|vbscript|data)\s*:[^\s)\"'>]*)", re.IGNORECASE | re.MULTILINE)
_BODY_EVENT = re.compile(r"<[a-z][^<>]{0,1000}?\son[a-z]+\s*=", re.IGNORECASE)


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

    def __init__(self, settings: Path | None = None) -> None:
        # mkdocs.yml, to find the line of a setting named `extra.…` when the caller has none (MkDocs
        # parses that file itself, without lines).
        self.settings = settings
        self._settings_lines: dict[str, int] | None = None
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        # Files that could not be read at all (not UTF-8, too large): the preview leaves them out.
        self.unreadable: set[str] = set()

    def error(self, file: str, line: int | None, field: str, expected: str, found: str) -> None:
        """Record a mistake that stops the build."""
        self.errors.append(Problem(file, line or self._setting_line(file, field), field, expected, found))

    def warn(self, file: str, line: int | None, field: str, expected: str, found: str) -> None:
        """Record and log a doubtful input that the build can go past (`--strict` still fails on it)."""
        problem = Problem(file, line or self._setting_line(file, field), field, expected, found)
        self.warnings.append(problem)
        log.warning(problem.render())

    @property
    def count(self) -> int:
        """How many problems (errors and warnings) have been recorded so far."""
        return len(self.errors) + len(self.warnings)

    def _setting_line(self, file: str, field: str) -> int:
        """The line of setting `field` (`extra.news.page_size`) in mkdocs.yml, or of its nearest parent; else 0."""
        if self.settings is None or file != self.settings.name or not field:
            return 0
        if self._settings_lines is None:
            self._settings_lines = settings_lines(self.settings)
        parts = field.split(".")
        for end in range(len(parts), 0, -1):
            if line := self._settings_lines.get(".".join(parts[:end])):
                return line
        return 0

    def error_lines(self) -> list[str]:
        """Every recorded error, rendered, sorted by file and line, each once."""
        return [p.render() for p in sorted(set(self.errors))]

    def warning_lines(self) -> list[str]:
        """Every recorded warning, rendered, sorted by file and line, each once."""
        return [p.render() for p in sorted(set(self.warnings))]

    def report(self) -> str | None:
        """The one message that lists every error of the run, or None when there is none."""
        if not self.errors:
            return None
        lines = self.error_lines()
        header = f"Nội dung có {len(lines)} lỗi cần sửa trước khi xuất bản:"
        return "\n".join([header, *(f"  - {line}" for line in lines)])

    def raise_if_any(self) -> None:
        """Stop the build with every recorded error, sorted by file and line, one per line."""
        if (message := self.report()) is not None:
            raise PluginError(message)


def found(value: Any) -> str:
    """How a wrong value is shown back to the editor."""
    if value is None:
        return "để trống"
    if isinstance(value, str):
        # A whole pasted paragraph would bury the message: its start is enough to find it.
        return f"'{value}'" if len(value) <= 200 else f"'{value[:120]}…' ({len(value)} ký tự)"
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một nhóm trường"
    return f"'{value}'"


# ---------------------------------------------------------------------------------------------
# Hidden characters

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_HIDDEN_EXPECTED = ("chữ không có ký tự ẩn (ký tự điều khiển, ký tự độ rộng 0, ký tự đổi chiều chữ: thường "
                    "lẫn vào khi chép từ chương trình khác)")


def hidden_kind(char: str) -> str | None:
    """What kind of invisible character `char` is, in Vietnamese, or None for a character text may hold.

    Tab and line ends are text; the soft hyphen is harmless. Everything else here is invisible on the page
    yet changes it: control characters (U+0007 pasted from a terminal), zero-width characters (U+200B from a
    web page), bidirectional overrides (U+202E, which shows text in another order than it is stored),
    surrogates and non-characters (not text at all), and the Unicode line separators YAML reads as line ends.
    """
    if char in "\t\n\r" or char == "\u00ad" or char.isprintable() and char not in _BIDI:
        return None
    if char in _BIDI:
        return "ký tự đổi chiều chữ"
    category = unicodedata.category(char)
    if category == "Cc":
        return "ký tự điều khiển"
    if category == "Cf":
        return "ký tự độ rộng 0"
    if category in ("Zl", "Zp"):
        return "ký tự xuống dòng lạ"
    if category == "Cs" or (ord(char) & 0xFFFE) == 0xFFFE or 0xFDD0 <= ord(char) <= 0xFDEF:
        return "ký tự không hợp lệ"
    return None


# Every character `hidden_kind` names (Unicode 14, Python 3.11's tables; tests/test_properties.py checks
# the two agree), for a scan in C: the build reads every article and data file through it. Characters
# past U+FFFF are looked for only in a text that has any (a class with them is scanned far slower).
_HIDDEN_BMP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufdd0-\ufdef\ufeff\ufff9-\ufffb"
    "\ufffe\uffff]")
_HIDDEN_ASTRAL = re.compile(
    "[\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f" + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17)) + "]")


def _has_hidden(text: str) -> bool:
    """Whether `text` holds a hidden character."""
    if _HIDDEN_BMP.search(text) is not None:
        return True
    return bool(text) and max(text) > "\uffff" and _HIDDEN_ASTRAL.search(text) is not None


def describe_hidden(text: str) -> str | None:
    """`ký tự điều khiển U+0007 sau 'Hội nghị'` for the first hidden character of `text`, with how many."""
    hidden = [i for i, c in enumerate(text) if hidden_kind(c)]
    if not hidden:
        return None
    first = hidden[0]
    char = text[first]
    before = "".join(c for c in text[max(0, first - 20):first] if not hidden_kind(c)).lstrip()
    where = f" sau '{before}'" if before.strip() else " ở đầu"
    more = f" (và {len(hidden) - 1} ký tự ẩn khác)" if len(hidden) > 1 else ""
    return f"{hidden_kind(char)} U+{ord(char):04X}{where}{more}"


def strip_hidden(text: str) -> str:
    """`text` without its hidden characters (the line ends YAML would split on become spaces)."""
    if not _has_hidden(text):
        return text
    return "".join(" " if hidden_kind(c) == "ký tự xuống dòng lạ" else c for c in text if
                   not hidden_kind(c) or hidden_kind(c) == "ký tự xuống dòng lạ")


def _field_of_line(lines: list[str], index: int) -> str:
    """The YAML key a line belongs to: its own, or the nearest one above it with less indentation."""
    indent = None
    for i in range(index, -1, -1):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        width = len(line) - len(line.lstrip())
        if indent is not None and width >= indent:
            continue
        if m := _KEY_LINE.match(line):
            return m.group(2).strip()
        indent = width if indent is None else min(indent, width)
        if width == 0:
            break
    return ""


def _find_hidden(text: str, first_line: int, *, yaml_keys: bool) -> tuple[str, list[tuple[int, str, str]]]:
    """Each line of `text` that holds a hidden character as (line, what, key on or above the line), and the
    text without them: removing them lets the rest be read (and checked) as the editor sees it."""
    if not _has_hidden(text):
        return text, []
    lines = text.split("\n")
    hits = []
    for index, line in enumerate(lines):
        key = _KEY_LINE.match(line) if yaml_keys else None
        if key and describe_hidden(line[key.end():]) and not describe_hidden(line[:key.end()]):
            line = line[key.end():]  # the value's own words around the character, not its key
        if described := describe_hidden(line):
            hits.append((first_line + index, described, _field_of_line(lines, index) if yaml_keys else ""))
    return "\n".join(strip_hidden(line) for line in lines), hits


def _report_hidden(hits: list[tuple[int, str, str]], file: str, problems: Problems, data: Any = None,
                   field: str = "") -> None:
    """Record each hidden character found by `_find_hidden`, under the full name of its field when the
    YAML could be read (`videos[2].title`: the last key at or above its line)."""
    keys = sorted(_key_lines(data, "")) if data is not None else []
    for line, described, fallback in hits:
        before = [name for key_line, name in keys if key_line <= line]
        name = before[-1] if before else (fallback or field)
        problems.error(file, line, name, _HIDDEN_EXPECTED, f"{described} (xóa ký tự này: gõ lại chữ quanh chỗ đó)")


def _key_lines(data: Any, prefix: str, seen: set[int] | None = None) -> list[tuple[int, str]]:
    """(line, full field name) of every key in `data`, named as `Fields` names them (`videos[0].title`)."""
    seen = set() if seen is None else seen
    if id(data) in seen:
        return []
    seen.add(id(data))
    result: list[tuple[int, str]] = []
    if isinstance(data, LineDict):
        for key, value in data.items():
            name = f"{prefix}{key}"
            result.append((data.lines.get(key, 0), name))
            result += _key_lines(value, f"{name}.", seen)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            result += _key_lines(value, f"{prefix[:-1]}[{index}].", seen)
    return result


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
    """SafeLoader (libyaml when available) that builds LineDict/LineList and normalises strings to NFC.

    A value YAML cannot build (an impossible date `2026-02-30`, `!!int abc`, a number of 5,000 digits)
    raises a ConstructorError at its node, like a syntax error, never a bare Python exception.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # PyYAML's constructors raise whatever their input trips (ValueError, IndexError…)
            raise yaml.constructor.ConstructorError(
                None, None, f"không đọc được giá trị '{_short(str(getattr(node, 'value', '')))}' [{exc}]",
                node.start_mark) from exc


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date or time as YAML reads it; an impossible one (`2026-02-30`, `2026-13-01`) stays the text it is.

    The field's own reader then says what is wrong with it (a day this month does not have), with its line.
    """
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError, OverflowError):
        return nfc(loader.construct_scalar(node))


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
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

# libyaml's syntax errors, in the words an editor needs (the English original follows in brackets).
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "dấu ':' ở chỗ không được dùng (giá trị có dấu ':' cần đặt trong ngoặc "
                                       "kép, ví dụ title: \"Hội nghị: kết quả\")"),
    ("could not find expected ':'", "thiếu dấu ':' sau tên trường, hoặc một dòng thụt lề sai"),
    ("did not find expected key", "thụt lề không khớp với các dòng trên (thụt lề bằng dấu cách, đều nhau)"),
    ("did not find expected '-' indicator", "thụt lề không khớp với các mục '- ' phía trên"),
    ("found character that cannot start any token", "một ký tự không thể đứng đầu giá trị (dấu tab, '@', '`', "
                                                    "'%'): thụt lề bằng dấu cách, đặt giá trị trong ngoặc kép"),
    ("found a tab character", "dấu tab dùng để thụt lề (chỉ thụt lề bằng dấu cách)"),
    ("did not find expected ',' or ']'", "danh sách trong ngoặc vuông chưa đóng ']' hoặc thiếu dấu ','"),
    ("did not find expected ',' or '}'", "nhóm trong ngoặc nhọn chưa đóng '}' hoặc thiếu dấu ','"),
    ("found unexpected end of stream", "tệp kết thúc khi một dấu nháy hoặc ngoặc chưa đóng"),
    ("found unknown escape character", "dấu '\\' lạ trong chuỗi ngoặc kép (viết '\\\\' hoặc dùng ngoặc đơn)"),
    ("found undefined alias", "một bí danh '*' không có neo '&' tương ứng"),
    ("expected <block end>", "thụt lề không khớp với các dòng trên"),
    ("did not find expected node content", "thiếu giá trị ở chỗ cần có"),
    ("block sequence entries are not allowed", "mục danh sách '- ' ở chỗ không được dùng (thụt lề sai?)"),
    ("could not determine a constructor for the tag", "một nhãn '!' lạ (bỏ dấu '!' hoặc đặt giá trị trong "
                                                      "ngoặc kép)"),
    ("found unconstructable recursive node", "một bí danh tự tham chiếu chính nó"),
    ("expected a single document", "nhiều hơn một tài liệu (dòng '---' ở giữa tệp)"),
    ("found duplicate anchor", "một neo '&' khai báo hai lần"),
    ("khóa không hợp lệ", "tên trường không hợp lệ (một danh sách hoặc một nhóm)"),
)


def _yaml_problem(detail: str) -> str:
    """A libyaml problem in Vietnamese; the English original kept in brackets for whoever maintains the file."""
    for english, vietnamese in _YAML_PROBLEMS:
        if english in detail:
            return f"lỗi cú pháp: {vietnamese} [{_short(detail, 120)}]"
    if detail.startswith("không đọc được"):
        return detail
    return f"lỗi cú pháp [{_short(detail, 120)}]"


def load_yaml(text: str, file: str, problems: Problems, *, first_line: int = 1, empty_ok: bool = False) -> Any:
    """Parse YAML whose first line is line `first_line` of `file`; every mistake becomes a problem.

    Never raises: a syntax error, a value YAML cannot build or a hidden character is recorded with its
    line, and the result is None (nothing could be read) or the data with hidden characters removed.
    An empty file (or one of comments only) is a problem unless `empty_ok`.
    """
    text, hidden = _find_hidden(text, first_line, yaml_keys=True)
    try:
        data = yaml.load("\n" * (first_line - 1) + text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        detail = exc.problem or str(exc)
        problems.error(file, line, "", "cú pháp YAML hợp lệ (thụt lề bằng dấu cách, 'tên: giá trị')",
                       _yaml_problem(detail))
        _report_hidden(hidden, file, problems)
        return None
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + first_line if isinstance(position, int) else None
        problems.error(file, line, "", "cú pháp YAML hợp lệ", _yaml_problem(str(exc).splitlines()[0]))
        _report_hidden(hidden, file, problems)
        return None
    except RecursionError:
        problems.error(file, None, "", "cú pháp YAML hợp lệ", "các nhóm, danh sách lồng nhau quá sâu")
        return None
    except ValueError as exc:  # a string YAML built but Python cannot hold (a lone surrogate escape)
        problems.error(file, None, "", "cú pháp YAML hợp lệ", _yaml_problem(f"không đọc được giá trị [{exc}]"))
        return None
    if data is None and not empty_ok:
        problems.error(file, None, "", "nội dung YAML (tệp không để trống)", "tệp trống")
    _report_hidden(hidden, file, problems, data)
    _report_duplicates(data, file, problems, set())
    return data


class _SettingsLoader(_LineLoader):
    """mkdocs.yml read only for its lines: MkDocs's own tags (`!ENV`, `!!python/name:`) read as None."""


_SettingsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def settings_lines(path: Path) -> dict[str, int]:
    """The line of every setting in mkdocs.yml by its dotted name (`extra.feeds.limit`); {} if unreadable."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_SettingsLoader)  # noqa: S506
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    result: dict[str, int] = {}

    def walk(node: Any, prefix: str) -> None:
        if isinstance(node, LineDict):
            for key, value in node.items():
                name = f"{prefix}{key}"
                result[name] = node.lines.get(key, 0)
                walk(value, f"{name}.")

    walk(data, "")
    return result


def _report_duplicates(data: Any, file: str, problems: Problems, seen: set[int]) -> None:
    """A key written twice in one mapping silently loses the first value: make it an error.

    `seen` holds the mappings and lists already walked: YAML aliases (`*a`) share them, once each.
    """
    if not isinstance(data, dict | list) or id(data) in seen:
        return
    seen.add(id(data))
    if isinstance(data, LineDict):
        for key, line in data.duplicates:
            problems.error(file, line, str(key), "mỗi trường chỉ khai báo một lần", "khai báo lặp lại")
    for value in data.values() if isinstance(data, dict) else data:
        _report_duplicates(value, file, problems, seen)


def read_text(path: Path, file: str, problems: Problems) -> str | None:
    """Read a UTF-8 file (a BOM and CRLF line ends allowed) as NFC text; anything else becomes a problem.

    A file that cannot be read is also listed in `problems.unreadable`, so the preview can leave it out.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.unreadable.add(file)
            problems.error(file, None, "", f"một tệp tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB",
                           f"{size / (1024 * 1024):.1f} MB".replace(".", ","))
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.unreadable.add(file)
        problems.error(file, None, "", "một tệp đọc được", f"không mở được tệp ({exc.strerror or exc})")
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.unreadable.add(file)
        problems.error(file, None, "", "tệp mã hóa UTF-8", "tệp mã hóa UTF-16 (lưu lại tệp với mã hóa UTF-8)")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.unreadable.add(file)
        prefix = data[:exc.start]
        line = prefix.count(b"\n") + 1
        before = prefix[prefix.rfind(b"\n") + 1:].decode("utf-8", errors="replace")[-20:].strip()
        where = f" sau '{before}'" if before else ""
        problems.error(file, line, "", "tệp mã hóa UTF-8 (trong trình soạn thảo: lưu lại với mã hóa UTF-8)",
                       f"byte 0x{data[exc.start]:02X} không phải UTF-8{where} (tệp lưu bằng mã hóa khác, "
                       "ví dụ Windows-1258 hoặc TCVN3)")
        return None
    # Line ends as Python reads text files: CRLF and a lone CR become LF.
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


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
    _report_hidden(_find_hidden(body, first_line, yaml_keys=False)[1], file, problems, field="nội dung bài")

    def line_of(match: re.Match[str]) -> int:
        return first_line + body.count("\n", 0, match.start())

    for match in _BODY_SCRIPT.finditer(body):
        problems.error(file, line_of(match), "nội dung bài", "chữ, ảnh và liên kết (bài không chứa mã chạy trên "
                       "trình duyệt)", "thẻ <script>")
    for match in _BODY_EVENT.finditer(body):
        problems.error(file, line_of(match), "nội dung bài", "thẻ HTML không có thuộc tính 'on...' (mã chạy trên "
                       "trình duyệt)", f"'{_short(match.group(0), 40)}'")
    lower = body.lower()  # one fast pass first: the full pattern is slow on Vietnamese text
    for match in _BODY_BAD_URL.finditer(body) if "script" in lower or "data" in lower else ():
        problems.error(file, line_of(match), "nội dung bài", "liên kết và ảnh có địa chỉ https://, http:// hoặc "
                       "đường dẫn tới tệp của trang",
                       f"địa chỉ bắt đầu bằng '{match.group(1).split(':')[0].strip().lower()}:'")


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


def date_hint(value: Any) -> str:
    """Why a date-looking text is not a date: ` (tháng 2 năm 2026 chỉ có 28 ngày)`, or '' if it is no date form."""
    if not isinstance(value, str):
        return ""
    text = value.strip().split(" ")[0].split("T")[0]
    if m := _VN_DATE.match(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in m.groups())
    else:
        return ""
    if not 1 <= month <= 12:
        if 1 <= day <= 12 and 1 <= month <= calendar.monthrange(year or 1, day)[1]:
            return f" (tháng chỉ từ 1 đến 12; có phải ngày {month:02d}/{day:02d}/{year}?)"
        return " (tháng chỉ từ 1 đến 12)"
    if year < 1:
        return " (năm phải từ 1 trở lên)"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f" (tháng {month} năm {year} chỉ có {last} ngày)"
    return ""


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
            raw = self.data[key]
            self.problems.error(self.file, self.line(key), self.name(key), expected, found(raw) + date_hint(raw))
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
        value = self.text(key, required=required, max_length=2000)
        if value is None:
            return None
        try:
            parts = urlsplit(value)
            ok = parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in value)
        except ValueError:  # an address Python cannot split (`http://[`)
            parts, ok = None, False
        if not ok:
            self.problems.error(self.file, self.line(key), self.name(key), expected, found(value) + url_hint(value))
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


_UNIT_PREFIX = re.compile(r"^(?:tỉnh|thành phố|tp\.?|t\.)\s+", re.IGNORECASE)


def suggest(value: str, allowed: Iterable[str]) -> str:
    """`(có phải 'x'?)` when an allowed value is close: the slug of a display name (`Hải Dương` -> `hai-duong`,
    `Thành phố Hải Phòng` -> `hai-phong`), or a near-miss of the text or of its slug."""
    if not isinstance(value, str):
        return ""
    allowed = sorted(set(allowed))
    text = value.strip()
    slugs = [slugify(text), slugify(_UNIT_PREFIX.sub("", text))]
    for slug in slugs:
        if slug and slug != text and slug in allowed:
            return f" (có phải '{slug}'?)"
    parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    if len(parts) > 1 and all(p in allowed for p in parts):
        return f" (nhiều giá trị thì viết thành danh sách: [{', '.join(parts)}])"
    for candidate in (text, slugs[0]):
        close = difflib.get_close_matches(candidate, allowed, n=1, cutoff=0.6) if candidate else []
        if close:
            return f" (có phải '{close[0]}'?)"
    return ""


def url_hint(value: str) -> str:
    """What to do with an address that is not http(s): add the scheme, or why a scheme is refused."""
    scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
    if scheme in ("javascript", "vbscript", "data", "file"):
        return f" (địa chỉ '{scheme}:' không được dùng: chỉ nhận trang web http:// hoặc https://)"
    if any(c.isspace() for c in value.strip()):
        return " (địa chỉ có dấu cách: xóa dấu cách, hoặc chép lại địa chỉ từ trình duyệt)"
    if not scheme and re.match(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)?$", value.strip(), re.IGNORECASE):
        return f" (có phải 'https://{value.strip()}'?)"
    return ""
