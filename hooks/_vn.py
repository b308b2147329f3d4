"""Vietnamese text helpers shared by every hook: slugs, normalisation, dates and the build clock."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata
from zoneinfo import ZoneInfo

from slugify import slugify as _slugify

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_WORD = re.compile(r"\w+", re.UNICODE)


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC, the one form the site stores and compares."""
    return unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """ASCII slug for Vietnamese text: `Đồng Nai` -> `dong-nai`, `Hải Dương` -> `hai-duong`.

    Cached: headings, names and topics repeat across thousands of pages, and python-slugify is slow. The
    transliteration is text-unidecode's (pinned), named: python-slugify's default first tries to import
    `unidecode`, a failing search of the whole import path on every call (a quarter of the slugs' time),
    and would change the slugs if that package were ever installed."""
    return _slugify(nfc(text).replace("Đ", "D").replace("đ", "d"), backend="text-unidecode")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case text with tone marks and `đ` removed, for matching what readers type (cached, as slugify)."""
    text = nfc(text).replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def toc_slugify(value: str, separator: str = "-") -> str:
    """Heading anchors for Python-Markdown's toc: ASCII like page slugs (`Đà Nẵng` -> `da-nang`)."""
    slug = slugify(value)
    return slug.replace("-", separator) if separator != "-" else slug


def format_date(value: dt.date | dt.datetime) -> str:
    """Format a date the Vietnamese way, dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y")


def as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    """A timezone-aware datetime in Asia/Ho_Chi_Minh; a bare date means its midnight there."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=TZ) if value.tzinfo is None else value.astimezone(TZ)
    return dt.datetime(value.year, value.month, value.day, tzinfo=TZ)


def build_date() -> dt.date:
    """The day this build publishes for: `SOURCE_DATE_EPOCH` when set, otherwise today in Vietnam."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=TZ).date()
    return dt.datetime.now(tz=TZ).date()


def reading_minutes(text: str, words_per_minute: int = 200) -> int:
    """Minutes a reader needs for `text`, at least one."""
    return max(1, round(_WORD.subn("", text)[1] / words_per_minute))  # counts words without listing them
