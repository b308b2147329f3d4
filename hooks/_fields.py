"""Typed field readers: one YAML mapping read field by field, each mistake a problem with its line.

Each reader returns the value, or None when it is missing or wrong (and then records a problem), so a
loader builds as much as is valid and still reports every mistake of the file in one run.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from _problems import Problems, found
from _suggest import allowed_list, suggest, url_hint
from _yaml import LineList

_VN_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


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


class Fields:
    """Reads typed fields out of one YAML mapping, recording a problem for each bad one.

    Each reader returns the value, or None when it is missing or wrong (and then a problem is recorded),
    so loaders can build as much as is valid and still report every mistake.
    """

    def __init__(self, data: Mapping[str, Any], file: str, problems: Problems, *, prefix: str = "",
                 line: int | None = None, missing_line: int | None = None) -> None:
        self.data = data
        self.file = file
        self.problems = problems
        self.prefix = prefix
        self.default_line = line if line is not None else getattr(data, "line", None)
        # Where a missing field is reported: the mapping's own line (a list item's `- ` line), or for a page's
        # front matter the line that closes it, where the editor adds what is missing (not the title's line).
        self.missing_line = missing_line

    def name(self, key: str) -> str:
        """The field's full name as the editor sees it, e.g. `source.url` or `targets[2].value`."""
        return f"{self.prefix}{key}"

    def line(self, key: str) -> int | None:
        """The line of `key` in the file; when the key is missing, where it would be added."""
        lines = getattr(self.data, "lines", {})
        return lines.get(key, self.missing_line or self.default_line)

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

    def unknown(self, known: Iterable[str]) -> None:
        """Warn about every key that is not in `known` (a typo must not pass silently)."""
        known = set(known)
        for key in self.data:
            if key not in known:
                self.problems.warn(self.file, self.line(key), self.name(str(key)),
                                   f"một trường đã biết: {allowed_list(known)}" + suggest(str(key), known),
                                   "một trường lạ (bị bỏ qua)")
