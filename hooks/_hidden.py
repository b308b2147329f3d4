"""Hidden characters: invisible in the editor's text yet changing the page (control, zero-width, bidi-override).

Every article and data file is scanned for them (hooks/_yaml.py, hooks/_front_matter.py): each is reported
with its line and removed, so the rest of the text is read as the editor sees it.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
HIDDEN_EXPECTED = ("chữ không có ký tự ẩn (ký tự điều khiển, ký tự độ rộng 0, ký tự đổi chiều chữ: thường "
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


def has_hidden(text: str) -> bool:
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
    if not has_hidden(text):
        return text
    return "".join(" " if hidden_kind(c) == "ký tự xuống dòng lạ" else c for c in text if
                   not hidden_kind(c) or hidden_kind(c) == "ký tự xuống dòng lạ")
