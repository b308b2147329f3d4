"""YAML with line numbers: reading an editor's file, parsing it, and naming the line of every mistake.

`read_text` refuses what is not text an editor can fix (not UTF-8, UTF-16, too large) with the line and
byte; `load_yaml` turns every failure into a problem with its line (libyaml's syntax errors in Vietnamese,
values YAML cannot build, nesting too deep, an empty file, a key written twice) and reports each hidden
character under its full field name. Nothing here raises.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from _hidden import HIDDEN_EXPECTED, describe_hidden, has_hidden, strip_hidden
from _problems import Problems, short
from _vn import nfc

# The largest file an editor's YAML or Markdown may be: far above any real one (the whole catalogue of
# 1,000 videos is about 0.5 MB), low enough that a wrong file (a video, a database dump) is named, not read.
MAX_FILE_BYTES = 10 * 1024 * 1024
# A key at the start of a YAML line (`title:`, `  - slug:`), to name the field of a line with a hidden character.
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)*)([^\s:#'\"-][^:#]*?)\s*:(?:\s|$)")


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
                None, None, f"không đọc được giá trị '{short(str(getattr(node, 'value', '')))}' [{exc}]",
                node.start_mark) from exc


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
            return f"lỗi cú pháp: {vietnamese} [{short(detail, 120)}]"
    if detail.startswith("không đọc được"):
        return detail
    return f"lỗi cú pháp [{short(detail, 120)}]"


def load_yaml(text: str, file: str, problems: Problems, *, first_line: int = 1, empty_ok: bool = False) -> Any:
    """Parse YAML whose first line is line `first_line` of `file`; every mistake becomes a problem.

    Never raises: a syntax error, a value YAML cannot build or a hidden character is recorded with its
    line, and the result is None (nothing could be read) or the data with hidden characters removed.
    An empty file (or one of comments only) is a problem unless `empty_ok`.
    """
    text, hidden = find_hidden(text, first_line, yaml_keys=True)
    try:
        data = yaml.load("\n" * (first_line - 1) + text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        detail = exc.problem or str(exc)
        problems.error(file, line, "", "cú pháp YAML hợp lệ (thụt lề bằng dấu cách, 'tên: giá trị')",
                       _yaml_problem(detail))
        report_hidden(hidden, file, problems)
        return None
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + first_line if isinstance(position, int) else None
        problems.error(file, line, "", "cú pháp YAML hợp lệ", _yaml_problem(str(exc).splitlines()[0]))
        report_hidden(hidden, file, problems)
        return None
    except RecursionError:
        problems.error(file, None, "", "cú pháp YAML hợp lệ", "các nhóm, danh sách lồng nhau quá sâu")
        return None
    except ValueError as exc:  # a string YAML built but Python cannot hold (a lone surrogate escape)
        problems.error(file, None, "", "cú pháp YAML hợp lệ", _yaml_problem(f"không đọc được giá trị [{exc}]"))
        return None
    if data is None and not empty_ok:
        problems.error(file, None, "", "nội dung YAML (tệp không để trống)", "tệp trống")
    report_hidden(hidden, file, problems, data)
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


def find_hidden(text: str, first_line: int, *, yaml_keys: bool) -> tuple[str, list[tuple[int, str, str]]]:
    """Each line of `text` that holds a hidden character as (line, what, key on or above the line), and the
    text without them: removing them lets the rest be read (and checked) as the editor sees it."""
    if not has_hidden(text):
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


def report_hidden(hits: list[tuple[int, str, str]], file: str, problems: Problems, data: Any = None,
                   field: str = "") -> None:
    """Record each hidden character found by `find_hidden`, under the full name of its field when the
    YAML could be read (`videos[2].title`: the last key at or above its line)."""
    keys = sorted(_key_lines(data, "")) if data is not None else []
    for line, described, fallback in hits:
        before = [name for key_line, name in keys if key_line <= line]
        name = before[-1] if before else (fallback or field)
        problems.error(file, line, name, HIDDEN_EXPECTED, f"{described} (xóa ký tự này: gõ lại chữ quanh chỗ đó)")


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


class SettingLines:
    """The line of a setting in mkdocs.yml by its dotted name, or of its nearest parent (`Problems` asks it for
    a problem recorded without a line); mkdocs.yml is read once, on the first question."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lines: dict[str, int] | None = None

    def __call__(self, file: str, field: str) -> int:
        if file != self.path.name:
            return 0
        if self._lines is None:
            self._lines = settings_lines(self.path)
        parts = field.split(".")
        for end in range(len(parts), 0, -1):
            if line := self._lines.get(".".join(parts[:end])):
                return line
        return 0
