"""An allowlist sanitizer for article HTML (issue 22): nh3 (Ammonia) keeps what articles need, and says what it removed.

Python-Markdown passes raw HTML and `attr_list` attributes (`{: onclick="…" }`) through as they are, so an
article's HTML is cleaned after conversion, not its Markdown searched for bad patterns. nh3 parses with
html5ever, as a browser does (character references, tabs inside a scheme, unclosed tags), and keeps only the
elements and attributes below. What it removed is found by comparing the elements and attributes of the input
with those of the output, both read with Python's HTML parser, so the build can warn about each by file and line.

Legitimate markup keeps its meaning; only how some of it is written changes: html5ever writes `&para;`,
`&#8617;` and `&#160;` as `¶`, `↩` and `&nbsp;`, `<hr />` as `<hr>`, `&quot;` in text as `"`, and an e-mail
autolink's character references as plain letters.

Pure functions: no MkDocs import. `sanitize` for article and feed HTML, `plain_text` for a summary made from
HTML, `locate` for the Markdown line a removal came from, `describe` for the editor's words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from types import MappingProxyType
from typing import Literal

import nh3

# ---------------------------------------------------------------------------------------------
# The allowlist: what Python-Markdown 3.11 writes with the site's extensions (toc, tables, attr_list,
# md_in_html, admonition, footnotes, and MkDocs' fenced_code), and the plain HTML an editor may type.

ALLOWED_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "figure", "figcaption", "details", "summary",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "img", "picture", "source",
    "code", "pre", "kbd", "samp", "var",
    "em", "strong", "b", "i", "small", "sub", "sup", "mark", "abbr", "dfn", "cite", "q",
    "del", "ins", "s", "u", "wbr",
})
# On every element: anchors and footnotes need `id`, attr_list and admonitions `class`, links and
# abbreviations `title`; `lang`/`dir` mark a quotation in another language.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
TAG_ATTRIBUTES: Mapping[str, frozenset[str]] = MappingProxyType({
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"}),
    "source": frozenset({"srcset", "sizes", "media", "type", "width", "height"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "tr": frozenset({"align"}),
    "thead": frozenset({"align"}),
    "tbody": frozenset({"align"}),
    "tfoot": frozenset({"align"}),
    "col": frozenset({"span", "align"}),
    "colgroup": frozenset({"span", "align"}),
    "details": frozenset({"open"}),
    "del": frozenset({"datetime"}),
    "ins": frozenset({"datetime"}),
})
# The tables extension aligns a column with `style`; these exact values and no other style anywhere.
_ALIGN_STYLES = frozenset({"text-align: left;", "text-align: right;", "text-align: center;"})
TAG_ATTRIBUTE_VALUES: Mapping[str, dict[str, frozenset[str]]] = MappingProxyType({"th": {"style": _ALIGN_STYLES},
                                                             "td": {"style": _ALIGN_STYLES}})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Attributes holding addresses, on the allowed elements (srcset holds several).
URL_ATTRIBUTES = frozenset({"href", "src", "srcset"})
# Removed with everything inside: their content is code, another page or a form, never article text.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "noframes", "object", "embed",
    "applet", "noembed", "svg", "math", "textarea", "select", "xmp", "title", "video", "audio", "canvas",
})
# Their content is raw text to the HTML parser: the first end tag closes them, nothing nests.
_RAW_TEXT = frozenset({"script", "style", "noscript", "iframe", "noframes", "noembed", "textarea", "xmp", "title"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta",
                   "param", "source", "track", "wbr"})
SHORT = 60

Kind = Literal["element", "attribute", "address", "comment"]


@dataclass(frozen=True)
class Removed:
    """One thing the sanitizer removed: an element, an attribute, an address or an HTML comment."""

    kind: Kind
    tag: str  # the element it was, or was on ("" for a comment)
    attribute: str = ""  # for an attribute or an address
    value: str = ""  # the start tag as written, the attribute's value or the comment, shortened
    scheme: str = ""  # for an address: the scheme it was refused for (`javascript`), as a browser reads it


# ---------------------------------------------------------------------------------------------
# Sanitizing


def sanitize(html: str) -> tuple[str, list[Removed]]:
    """The HTML with only allowed elements, attributes and addresses, and what was removed, in document order."""
    clean = _CLEANER.clean(html)
    if clean == _as_serialised(html):  # the same text, so nothing was removed: the common case needs no parse
        return clean, []
    return clean, _removed(html, clean)


# How Python-Markdown writes what html5ever writes otherwise, in the same document: the `¶` of a heading's
# permalink, the footnote's `↩` and no-break space, void elements closed with ` />`. These touch text, attribute
# values and a void tag's slash, never a name: if the input so rewritten is nh3's output, nothing was removed.
_SERIALISED = (("&para;", "¶"), ("&#8617;", "↩"), ("&#160;", "&nbsp;"), (" />", ">"))


def _as_serialised(html: str) -> str:
    """The HTML as html5ever would write it, if it was written as Python-Markdown writes."""
    for written, serialised in _SERIALISED:
        if written in html:
            html = html.replace(written, serialised)
    return html


def plain_text(html: str) -> str:
    """The text of an HTML fragment as a reader sees it, for a summary: plain text, to be escaped again where used."""
    reader = _TextReader()
    reader.feed(_CLEANER.clean(html))
    reader.close()
    return " ".join("".join(reader.text).split())


def _safe_value(tag: str, attribute: str, value: str) -> str | None:
    """nh3's last word on each kept attribute: an address it let through is checked again, more strictly."""
    if attribute not in URL_ATTRIBUTES:
        return value
    if attribute == "srcset":
        return value if all(_scheme(token) in (None, "http", "https") for token in _srcset_tokens(value)) else None
    scheme = _scheme(value)
    return value if scheme is None or scheme in URL_SCHEMES else None


def _scheme(url: str) -> str | None:
    """The scheme of an address, lower case, as a lenient browser could read it; None for a relative address.

    Stricter than a browser: every control, format and space character is dropped first (a browser drops only
    tabs and newlines inside), so `java\\x01script:` counts as `javascript:` and is refused.
    """
    kept = "".join(c for c in url if not _ignorable(c)).lower()
    head, colon, _ = kept.partition(":")
    if not colon or not head or not head[0].isascii() or not head[0].isalpha():
        return None
    if all(c.isascii() and (c.isalnum() or c in "+-.") for c in head):
        return head
    return None


def _ignorable(char: str) -> bool:
    """A character a browser or a lenient reader may skip inside an address."""
    return char.isspace() or char == "\ufffd" or unicodedata.category(char) in ("Cc", "Cf", "Zs")


def _srcset_tokens(value: str) -> list[str]:
    """Every word of a srcset (addresses and descriptors alike), split on commas and spaces."""
    return [token for piece in value.split(",") for token in piece.split()]


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}},
    tag_attribute_values={tag: {name: set(values) for name, values in allowed.items()}
                          for tag, allowed in TAG_ATTRIBUTE_VALUES.items()},
    attribute_filter=_safe_value,
    # Links stay as written: no `target` is allowed, so `noopener` has nothing to guard, and `noreferrer` would
    # change every internal link, heading anchor and footnote reference for nothing.
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
    strip_comments=True,
)

# Elements that sit inside a line of text: no space is added where they start or end.
_INLINE = frozenset({"a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp",
                     "small", "span", "strong", "sub", "sup", "u", "var", "wbr"})
# What Python-Markdown adds around the text: heading permalinks (¶) and footnotes.
_DECORATION = frozenset({"headerlink", "footnote-ref", "footnote-backref", "footnote"})


class _TextReader(HTMLParser):
    """The text of sanitized HTML, a space at each block's edge, Python-Markdown's permalinks and footnotes left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self._skipping: list[str] = []  # the open elements since a decoration began

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Start skipping at a decoration; a block or a line break separates words."""
        if tag not in _VOID and (self._skipping or _DECORATION & set((dict(attrs).get("class") or "").split())):
            self._skipping.append(tag)
        if tag not in _INLINE:
            self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        """Stop skipping at the decoration's end."""
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()
        if tag not in _INLINE:
            self.text.append(" ")

    def handle_data(self, data: str) -> None:
        """Text outside decorations."""
        if not self._skipping:
            self.text.append(data)


# ---------------------------------------------------------------------------------------------
# What was removed: the elements and attributes of the input against those of the output


@dataclass
class _Tag:
    """One start tag of the input: its name, attributes and the text it was written as."""

    name: str
    attributes: list[tuple[str, str]]
    text: str


class _Reader(HTMLParser):
    """The start tags and comments of a fragment, skipping what lies inside an element removed with its content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[_Tag | Removed] = []
        self._inside: str | None = None  # the element removed with its content being skipped
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a start tag, unless it lies inside an element removed with its content."""
        if self._inside is not None:
            if tag == self._inside and tag not in _RAW_TEXT:
                self._depth += 1
            return
        text = self.get_starttag_text() or f"<{tag}>"
        self.items.append(_Tag(tag, [(name, value or "") for name, value in attrs], text))
        if tag in DROPPED_WITH_CONTENT and tag not in _VOID:
            self._inside, self._depth = tag, 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closed tag: `<svg/>` opens nothing to skip, but `<iframe/>` still does (HTML ignores the `/`)."""
        inside = self._inside
        self.handle_starttag(tag, attrs)
        if inside is None and tag in ("svg", "math") and self._inside == tag:
            self._inside = None

    def handle_endtag(self, tag: str) -> None:
        """Stop skipping at the end of the element removed with its content."""
        if self._inside == tag:
            self._depth -= 1
            if self._depth == 0:
                self._inside = None

    def handle_comment(self, data: str) -> None:
        """HTML comments (conditional comments too) are removed."""
        if self._inside is None:
            self.items.append(Removed("comment", "", "", _short(data.strip())))

    def handle_decl(self, decl: str) -> None:
        """`<!DOCTYPE …>` has no place in a fragment."""
        if self._inside is None:
            self.items.append(Removed("comment", "", "", _short(decl)))

    def unknown_decl(self, data: str) -> None:
        """`<![CDATA[…]]>` and the like are comments to an HTML parser."""
        self.handle_decl(data)

    def handle_pi(self, data: str) -> None:
        """`<?…>` is a comment to an HTML parser."""
        self.handle_decl(data)

    def read(self, html: str) -> list[_Tag | Removed]:
        """Everything recorded from `html`, and a tag left unclosed at its end (a browser drops it)."""
        # As the HTML tokenizer does before anything else, so both read the same tag names.
        self.feed(html.replace("\r\n", "\n").replace("\x00", "\ufffd"))
        rest = self.rawdata.lstrip()
        if self._inside is None and rest.startswith("<") and len(rest) > 1:
            if rest[1].isascii() and rest[1].isalpha():
                name = rest[1:].split(None, 1)[0].split("/", 1)[0].split(">", 1)[0].lower()
                self.items.append(Removed("element", name, "", _short(rest)))
            elif rest[1] in "!?":
                self.items.append(Removed("comment", "", "", _short(rest)))
        self.close()
        return self.items


def _removed(html: str, clean: str) -> list[Removed]:
    """What of `html` is missing from `clean`, in the order of `html`."""
    before = _Reader().read(html)
    after = [item for item in _Reader().read(clean) if isinstance(item, _Tag)]
    missing_tags = Counter(item.name for item in before if isinstance(item, _Tag))
    missing_tags.subtract(tag.name for tag in after)
    # The values each kept attribute has in the output, to tell which of several was removed.
    kept_values: dict[tuple[str, str], Counter[str]] = {}
    for tag in after:
        for name, value in tag.attributes:
            kept_values.setdefault((tag.name, name), Counter())[value] += 1
    missing_attributes = Counter((item.name, name) for item in before
                                 if isinstance(item, _Tag) and item.name in ALLOWED_TAGS for name, _ in item.attributes)
    missing_attributes.subtract((tag.name, name) for tag in after for name, _ in tag.attributes)

    found: list[Removed] = []
    for item in before:
        if isinstance(item, Removed):
            found.append(item)
            continue
        if missing_tags[item.name] > 0:
            missing_tags[item.name] -= 1
            found.append(Removed("element", item.name, "", _short(item.text)))
            continue
        for name, value in item.attributes:
            key = (item.name, name)
            if missing_attributes[key] <= 0:
                continue
            values = kept_values.get(key, Counter())
            if values[value] > 0:  # this one is in the output: another of the same name was removed
                values[value] -= 1
                continue
            missing_attributes[key] -= 1
            found.append(_attribute_removed(item.name, name, value))
    return found


def _attribute_removed(tag: str, attribute: str, value: str) -> Removed:
    """An address attribute removed for its scheme is an address; any other removal is of the attribute."""
    scheme = _bad_scheme(attribute, value) if attribute in URL_ATTRIBUTES else None
    return Removed("address" if scheme else "attribute", tag, attribute, _short(value), scheme or "")


def _short(text: str, limit: int = SHORT) -> str:
    """A value cut to `limit` characters, on one line and with control characters spelled out, as a warning shows it."""
    text = "".join(f"\\x{ord(c):02x}" if unicodedata.category(c) in ("Cc", "Cf") else c for c in " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Where in the Markdown, and in the editor's words

# How each ASCII character may be written in HTML: itself, or a decimal or hexadecimal reference with
# any leading zeros and an optional semicolon; a few characters have a named reference too.
_NAMED = MappingProxyType({":": ("&colon;",), "/": ("&sol;",), ".": ("&period;",), "+": ("&plus;",),
                           "-": ("&hyphen;", "&dash;")})
# What may stand between two characters of a scheme: spaces, control characters and their references.
_GAP = r"(?:[\x00-\x20]|&(?:Tab|NewLine);|&#0*(?:9|10|13);?|&#[xX]0*(?:9|[aAdD]);?)*"


def locate(markdown: str, removed: Sequence[Removed], first_line: int = 1) -> list[int | None]:
    """The line of the Markdown each removal came from (`first_line` is the body's first line); None if not found.

    Searched in the raw Markdown, case-insensitively, for the tag, the attribute or the address's scheme
    however it was spelled. Removals come in the order of the page, so each is looked for first from where the
    one before it was found (a `<script>` written inside another removed element's attribute is not taken for
    a later one), then after the last occurrence of the same thing, then from the start.
    """
    lines: list[int | None] = []
    after: dict[str, int] = {}
    cursor = 0
    for item in removed:
        patterns = _needles(item)
        key = patterns[0].pattern
        match = next((m for start in (max(cursor, after.get(key, 0)), after.get(key, 0), 0) for pattern in patterns
                      if (m := pattern.search(markdown, start))), None)
        if match is None:
            lines.append(None)
            continue
        after[key], cursor = match.end(), match.start()
        lines.append(first_line + markdown.count("\n", 0, match.start("at")))
    return lines


def _needles(item: Removed) -> list[re.Pattern[str]]:
    """Patterns that find in Markdown the place a removal was written, the surest first; group `at` is the place."""
    if item.kind == "comment":
        return [re.compile(r"(?P<at><[!?])")]
    if item.kind == "element":
        return [re.compile(r"(?P<at><" + re.escape(item.tag) + r")(?![\w-])", re.IGNORECASE)]
    if item.kind == "address" and item.scheme:
        return [re.compile("(?P<at>" + _GAP.join(_spellings(c) for c in item.scheme + ":") + ")", re.IGNORECASE)]
    # An attribute inside a tag `<…>` or an attribute list `{: …}`, else anywhere as a word.
    name = r"(?P<at>(?<![\w:-])" + re.escape(item.attribute) + r")(?![\w:-])"
    return [re.compile(r"[<{][^<>{}]*?" + name, re.IGNORECASE), re.compile(name, re.IGNORECASE)]


def _bad_scheme(attribute: str, value: str) -> str | None:
    """The scheme that made an address be removed, if that is why."""
    values = _srcset_tokens(value) if attribute == "srcset" else [value]
    return next((s for v in values if (s := _scheme(v)) and s not in URL_SCHEMES), None)


def _spellings(char: str) -> str:
    """Every way `char` may be written in HTML, as a pattern."""
    code = ord(char)
    options = [re.escape(char), rf"&#0*{code};?", rf"&#[xX]0*{code:x};?", *map(re.escape, _NAMED.get(char, []))]
    return "(?:" + "|".join(options) + ")"


_ELEMENT_REASONS = (
    (frozenset({"script", "noscript", "template", "slot"}), "mã chạy trên trình duyệt"),
    (frozenset({"iframe", "frame", "frameset", "noframes", "object", "embed", "applet", "noembed", "portal"}),
     "nội dung bài không nhúng trang khác"),
    (frozenset({"form", "input", "button", "select", "option", "optgroup", "textarea", "fieldset", "label",
                "datalist", "output", "keygen", "legend"}), "bài không chứa biểu mẫu"),
    (frozenset({"style", "link", "font", "center"}), "cách trình bày do giao diện của trang quy định"),
    (frozenset({"base", "meta", "title", "head", "html", "body"}), "thẻ của phần đầu trang, không thuộc nội dung bài"),
    (frozenset({"svg", "math"}), "hình vẽ và công thức đưa vào bài dưới dạng tệp ảnh"),
    (frozenset({"video", "audio", "canvas"}), "video đăng ở mục Video, không nhúng vào bài"),
)


def describe(item: Removed) -> str:
    """One removal in an editor's words: `thẻ <iframe> (nội dung bài không nhúng trang khác)`."""
    if item.kind == "comment":
        return "ghi chú HTML <!-- … --> (không đưa lên trang)"
    if item.kind == "element":
        if item.tag in ALLOWED_TAGS:
            return f"thẻ <{item.tag}> (viết dở hoặc đặt sai chỗ)"
        reason = next((why for tags, why in _ELEMENT_REASONS if item.tag in tags), "thẻ không dùng trong bài")
        return f"thẻ <{item.tag}> ({reason})"
    if item.kind == "address":
        where = "trong liên kết" if item.attribute == "href" else "trong ảnh" if item.tag in ("img", "source") \
            else f"trong thuộc tính {item.attribute} của thẻ <{item.tag}>"
        return f"địa chỉ '{item.scheme}:' {where}"
    name = item.attribute
    if name.startswith("on"):
        reason = "mã chạy trên trình duyệt"
    elif name == "style":
        reason = "cách trình bày do giao diện của trang quy định"
    elif name in ("srcdoc", "formaction", "action", "xlink:href"):
        reason = "địa chỉ hoặc trang nhúng không dùng trong bài"
    elif name in GLOBAL_ATTRIBUTES or name in TAG_ATTRIBUTES.get(item.tag, ()) or name in URL_ATTRIBUTES:
        reason = "viết hai lần, hoặc giá trị không dùng được"
    else:
        reason = "thuộc tính không dùng trong bài"
    return f"thuộc tính {name} của thẻ <{item.tag}> ({reason})"
