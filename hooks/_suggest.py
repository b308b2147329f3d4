"""What an editor probably meant: the closest allowed value, the slug of a display name, a fixed address."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from _vn import slugify


def allowed_list(values: Iterable[str], limit: int = 40) -> str:
    """The allowed values, quoted, for an error message (shortened past `limit`)."""
    values = sorted(values)
    shown = ", ".join(f"'{v}'" for v in values[:limit])
    return shown + (f" (và {len(values) - limit} giá trị khác)" if len(values) > limit else "")


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
