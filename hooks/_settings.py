"""The site's own settings under `extra:` in mkdocs.yml: `mkdocs.config.base.Config` schemas, Vietnamese messages.

Each group is a `Config` subclass whose options check one value each. Every option is checked on its own
(MkDocs' `Config.validate` stops at the first failure) and every problem is recorded with the others:
file mkdocs.yml, its line, the setting, what was expected and what was found. A wrong value falls back
to its default, so the rest of the build can still report its own problems.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from _fields import Fields
from _hidden import describe_hidden
from _problems import Problems, found

CONFIG_FILE = "mkdocs.yml"
C = TypeVar("C", bound=Config)


class _Count(c.BaseConfigOption[int | None]):
    """A positive whole number (or null, where `nullable`)."""

    def __init__(self, default: int | None, expected: str, *, nullable: bool = False) -> None:
        super().__init__()
        self.default, self.expected, self.nullable = default, expected, nullable

    def run_validation(self, value: object) -> int | None:
        if value is None and self.nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(self.expected)
        return value


class _Text(c.BaseConfigOption[str | None]):
    """A non-empty text, stripped; not set is None."""

    def run_validation(self, value: object) -> str | None:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError("một chuỗi ký tự")
        return value.strip()


# Google's public WebSub hub: free, with no account; every feed names it unless `extra.feeds.hub` says otherwise.
PUBLIC_HUB = "https://pubsubhubbub.appspot.com/"
_PRINTABLE = re.compile(r"[!-~]+")


class _Hub(c.BaseConfigOption[str | None]):
    """An https:// address in plain ASCII; empty or null is None (no hub)."""

    def __init__(self, default: str | None) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str | None:
        if value is None or value == "":
            return None
        text = value.strip() if isinstance(value, str) else ""
        try:
            parts = urlsplit(text)
        except ValueError:
            parts = urlsplit("")
        # Spaces and hidden characters would reach every feed and every notice the deploy sends.
        if parts.scheme != "https" or not parts.hostname or not _PRINTABLE.fullmatch(text):
            raise ValidationError(f"một địa chỉ bắt đầu bằng https://, ví dụ {PUBLIC_HUB} (mặc định), "
                                  "hoặc \"\" để tắt")
        return text


_FEED_LIMIT = "một số nguyên dương (số mục tối đa), hoặc null để không giới hạn"


class NewsSettings(Config):
    """`extra.news`: articles per listing page."""

    page_size = _Count(10, "một số nguyên dương (số bài mỗi trang)")


class FeedSettings(Config):
    """`extra.feeds`: how many items each feed keeps, the authority of item ids, the feeds' author, the WebSub
    hub every feed names (None: no hub)."""

    limit = _Count(50, _FEED_LIMIT, nullable=True)
    video_limit = _Count(50, _FEED_LIMIT, nullable=True)
    # Topic feeds cut across everything (an article has several topics): capped like all news, they stay a
    # fixed size; in full they cost ~26 MB per 1,000 articles. A unit's feed keeps every item.
    topic_limit = _Count(50, _FEED_LIMIT, nullable=True)
    unit_limit = _Count(None, _FEED_LIMIT, nullable=True)
    id_host = _Text()
    author = _Text()
    hub = _Hub(PUBLIC_HUB)


def read(extra: dict[str, Any], name: str, schema: type[C], problems: Problems) -> C:
    """`extra.<name>` checked against `schema`; each problem recorded, defaults kept for the wrong values.

    Problems are recorded without a line: `Problems` finds the setting's line in mkdocs.yml itself.
    """
    raw = extra.get(name)
    options = {k: o for k, o in vars(schema).items() if isinstance(o, c.BaseConfigOption)}
    if raw is not None and not isinstance(raw, dict):
        problems.error(CONFIG_FILE, None, f"extra.{name}",
                       f"một nhóm trường ({', '.join(sorted(options))})", found(raw))
        raw = None
    # Each option on its own: Config.validate stops at the first failure, and the editor needs them all.
    values: dict[str, Any] = {}
    for key, option in options.items():
        values[key] = option.default
        if raw and key in raw:
            try:
                values[key] = option.validate(raw[key])
            except ValidationError as error:
                problems.error(CONFIG_FILE, None, f"extra.{name}.{key}", str(error),
                               found(raw[key]))
    for key in sorted(set(raw or {}) - set(options), key=str):
        problems.warn(CONFIG_FILE, None, f"extra.{name}.{key}",
                      f"một trong: {', '.join(sorted(options))}", f"'{key}'")
    settings = schema(config_file_path=CONFIG_FILE)
    settings.load_dict(values)
    return settings


_AGENCY = ("name", "programme_lead", "address", "phone", "email")
_PHONE = re.compile(r"^\+?[0-9][0-9 .()-]{5,24}$")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


def check_agency(raw: object, problems: Problems) -> None:
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
