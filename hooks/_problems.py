"""Problems: everything wrong in the content of one build, worded for an editor and reported together.

Every loader records what it finds wrong (file, line, field, what was expected, what was found) in the
build's `Problems`; hooks/validation.py stops the build once with all of them, or, in the preview, shows
them on every page. Nothing that reads content raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("nscl")


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

    def __init__(self, setting_line: Callable[[str, str], int] | None = None) -> None:
        # The line of a setting (`extra.news.page_size`) in mkdocs.yml, for a problem recorded without one
        # (MkDocs parses that file itself, without lines): `_yaml.SettingLines`.
        self._setting_line_of = setting_line
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
        """The line of setting `field` when `file` is mkdocs.yml; else 0."""
        return self._setting_line_of(file, field) if self._setting_line_of is not None and field else 0

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


def short(text: str, limit: int = 60) -> str:
    """`text`, cut to `limit` characters with "…" when longer."""
    return text if len(text) <= limit else text[:limit] + "…"
