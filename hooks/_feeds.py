"""Feed models and writers: RSS 2.0 and Atom through feedgen, JSON Feed 1.1, Media RSS for videos; the list of
every feed with the digest of its bytes, from which the deploy tells the WebSub hub what changed.

Everything here is pure: a `Channel` of `Item`s in, bytes out. The same channel always gives the
same bytes: every date feedgen would take from the clock is set from the items.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import urljoin, urlsplit

import lxml.html
from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseExtension
from feedgen.ext.media import MEDIA_NS, MediaEntryExtension
from feedgen.feed import FeedGenerator
from lxml import etree

import _urls
from _vn import nfc

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_NS = "http://www.w3.org/2005/Atom"
# Every feed's URL with the sha256 of its bytes, and the hub: scripts/websub.py compares the published list
# with the new one after the deploy. Beside the feeds' stylesheet, not among the feeds: it is not one.
WEBSUB_LIST = "assets/feeds/websub.json"
LANGUAGE = "vi"
# An empty feed has no newest item to date it; the epoch is a date no content change can move. Written
# at +07:00 explicitly: Asia/Ho_Chi_Minh was +08:00 in 1970, and every date in the feeds reads +07:00.
EMPTY_FEED_DATE = dt.datetime(1970, 1, 1, 7, tzinfo=dt.timezone(dt.timedelta(hours=7)))
MEDIA_TYPES = MappingProxyType({"rss": "application/rss+xml", "atom": "application/atom+xml",
                                "json": "application/feed+json"})
FORMAT_LABELS = MappingProxyType({"rss": "RSS", "atom": "Atom", "json": "JSON Feed"})
# Characters XML 1.0 forbids; lxml refuses them, and a pasted form feed must not stop the build.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_URL_ATTRS = ("href", "src", "poster", "cite", "data")


@dataclass(frozen=True)
class Category:
    """A province or topic an item belongs to: its display name and the listing that groups it."""

    name: str
    scheme: str


@dataclass(frozen=True)
class Media:
    """What Media RSS says about a video: where it plays, its picture, title and description."""

    title: str
    description: str
    player_url: str | None = None
    content_url: str | None = None
    content_type: str | None = None
    content_size: int | None = None
    thumbnail_url: str | None = None
    duration: int | None = None


@dataclass(frozen=True)
class Item:
    """One entry of a feed, with every URL already absolute."""

    id: str
    url: str
    title: str
    summary: str
    content_html: str
    published: dt.datetime
    updated: dt.datetime
    authors: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    image: str | None = None
    media: Media | None = None


@dataclass
class Channel:
    """One feed: what it is about, its HTML page (`home`, relative to the root) and its items, newest first."""

    key: str
    label: str
    title: str
    description: str
    explanation: str
    home: str
    formats: tuple[str, ...]
    items: list[Item] = field(default_factory=list)
    limit: int | None = None

    def path(self, fmt: str) -> str:
        """The feed file relative to the site root: `nguon-tin/tinh/hai-duong.xml`."""
        return _urls.feed(self.key, fmt)

    @property
    def shown(self) -> list[Item]:
        """The items the feed carries, after its limit."""
        return self.items if self.limit is None else self.items[: self.limit]

    @property
    def updated(self) -> dt.datetime:
        """The newest change among the carried items; never the clock."""
        return max((i.updated for i in self.shown), default=EMPTY_FEED_DATE)


@dataclass(frozen=True)
class Site:
    """What every feed needs from the site: its absolute root, name, author, id authority and WebSub hub."""

    url: str
    name: str
    author: str
    id_host: str
    hub: str | None = None

    def absolute(self, path: str) -> str:
        """An absolute URL for a path relative to the site root."""
        return urljoin(self.url, path)


def tag_id(host: str, day: dt.date, path: str) -> str:
    """A stable RFC 4151 tag URI: the authority, the first-published date and the item's path."""
    return f"tag:{host},{day.isoformat()}:{path.strip('/')}"


def host_of(url: str) -> str:
    """The host name of a URL, the default authority of item ids."""
    return urlsplit(url).hostname or "localhost"


def clean_text(text: str) -> str:
    """NFC text without the characters XML cannot carry."""
    return _NOT_XML.sub("", nfc(text))


# ---------------------------------------------------------------------------------------------
# Article HTML for feeds


def absolute_html(html: str, base_url: str) -> str:
    """Article HTML with every relative link and image made absolute and heading permalinks removed."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(clean_text(html), create_parent="div")
    # The "¶" permalinks of headings are navigation for the page, noise in a feed reader.
    for anchor in root.xpath('.//a[contains(concat(" ", normalize-space(@class), " "), " headerlink ")]'):
        anchor.drop_tree()
    # The page shows the title above the body; the feed has its own title element.
    first = next(iter(root), None)
    if first is not None and first.tag == "h1" and not (root.text or "").strip():
        first.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attr in _URL_ATTRS:
            value = element.get(attr)
            if value is not None:
                element.set(attr, urljoin(base_url, value.strip()))
        srcset = element.get("srcset")
        if srcset is not None:
            element.set("srcset", _absolute_srcset(srcset, base_url))
    inner = lxml.html.tostring(root, encoding="unicode", method="html")
    return inner[len("<div>"): -len("</div>")].strip()


def _absolute_srcset(srcset: str, base_url: str) -> str:
    """Each candidate of a `srcset` with its URL made absolute, descriptors kept."""
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            candidates.append(" ".join([urljoin(base_url, parts[0]), *parts[1:]]))
    return ", ".join(candidates)


# ---------------------------------------------------------------------------------------------
# Writers


def render(channel: Channel, site: Site) -> dict[str, bytes]:
    """The bytes of `channel` in each of its formats (rss, atom, json), by format."""
    out: dict[str, bytes] = {}
    # One feedgen generator serves RSS and Atom: the entries are built once, only the self link differs.
    fg = _generator(channel, site) if {"rss", "atom"} & set(channel.formats) else None
    for fmt in channel.formats:
        if fmt == "json" or fg is None:
            out[fmt] = render_json(channel, site)
            continue
        self_url = site.absolute(channel.path(fmt))
        fg.id(self_url)
        # RSS takes its <link> from the last link given: rel=self first, the HTML page last. feedgen writes the
        # hub link in Atom only; RSS gets its own from `_WebSubRss`.
        hub = [{"href": site.hub, "rel": "hub"}] if site.hub else []
        fg.link([{"href": self_url, "rel": "self", "type": MEDIA_TYPES[fmt]}, *hub,
                 {"href": site.absolute(channel.home), "rel": "alternate", "type": "text/html"}], replace=True)
        raw = fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)
        out[fmt] = _with_stylesheet(raw, channel.path(fmt))
    return out


def render_json(channel: Channel, site: Site) -> bytes:
    """JSON Feed 1.1: version, title, URLs, language, and items with id and content_html."""
    feed = {
        "version": JSON_FEED_VERSION,
        "title": channel.title,
        "home_page_url": site.absolute(channel.home),
        "feed_url": site.absolute(channel.path("json")),
        "description": channel.description,
        "language": LANGUAGE,
        "authors": [{"name": site.author}],
    }
    if site.hub:
        feed["hubs"] = [{"type": "WebSub", "url": site.hub}]
    feed["items"] = [_json_item(item) for item in channel.shown]
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_item(item: Item) -> dict[str, object]:
    """One JSON Feed item; optional members only when they have a value."""
    data: dict[str, object] = {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "content_html": item.content_html,
        "summary": item.summary,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
    }
    if item.image:
        data["image"] = item.image
    if item.authors:
        data["authors"] = [{"name": name} for name in item.authors]
    if item.categories:
        data["tags"] = [c.name for c in item.categories]
    return data


def _generator(channel: Channel, site: Site) -> FeedGenerator:
    """A feedgen generator for one channel (links set per format), every clock default overridden."""
    fg = FeedGenerator()
    # dc:creator carries author names in RSS; Atom has its own <author><name>.
    fg.load_extension("dc", atom=False, rss=True)
    if any(item.media for item in channel.shown):
        fg.register_extension("media", _MediaRssFeed, _MediaRssEntry, atom=False, rss=True)
    if site.hub:
        fg.register_extension("websub", _WebSubRss, atom=False, rss=True)
        fg.websub.hub = site.hub
    fg.title(clean_text(channel.title))
    fg.description(clean_text(channel.description))
    fg.subtitle(clean_text(channel.description))
    fg.language(LANGUAGE)
    fg.author(name=site.author)
    fg.updated(channel.updated)
    # add_entry prepends by default; append keeps the newest-first order of the channel.
    for item in channel.shown:
        _fill_entry(fg.add_entry(order="append"), item)
    return fg


def _fill_entry(entry: FeedEntry, item: Item) -> None:
    """Set every field of a feedgen entry from `item` (its extensions come from the generator)."""
    entry.id(item.id)
    entry.title(clean_text(item.title))
    entry.link(href=item.url, rel="alternate", type="text/html")
    entry.published(item.published)
    entry.updated(item.updated)
    # A summary is plain text, but readers take RSS's <description> as HTML: written as the HTML that shows the
    # text (so `<b>` in a summary reads as `<b>`, never as markup), and marked so in Atom.
    entry.summary(html.escape(clean_text(item.summary), quote=False), type="html")
    if item.content_html:
        entry.content(item.content_html, type="html")
    if item.categories:
        entry.category([{"term": clean_text(c.name), "scheme": c.scheme} for c in item.categories])
    for name in item.authors:
        entry.author(name=clean_text(name))
    if item.authors:
        entry.dc.dc_creator([clean_text(name) for name in item.authors])
    if item.media is not None:
        entry.media.describe(item.media)
        # Podcast-style readers download files from the enclosure, not from media:content.
        if item.media.content_url and item.media.content_size:
            entry.enclosure(item.media.content_url, str(item.media.content_size), item.media.content_type or "")


def render_websub(files: dict[str, bytes], site: Site) -> bytes:
    """The list the deploy reads (`WEBSUB_LIST`): the hub, the list's own URL, and each feed file (by its path
    relative to the root) as its absolute URL with the sha256 of its bytes, sorted."""
    listing = {
        "hub": site.hub,
        "url": site.absolute(WEBSUB_LIST),
        "feeds": {site.absolute(path): hashlib.sha256(files[path]).hexdigest() for path in sorted(files)},
    }
    return (json.dumps(listing, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _with_stylesheet(raw: bytes, feed_path: str) -> bytes:
    """Insert the browser stylesheet instruction right after the XML declaration."""
    declaration, sep, rest = raw.partition(b"?>")
    href = posixpath.relpath(_urls.FEED_STYLESHEET, posixpath.dirname(feed_path))
    pi = f'\n<?xml-stylesheet type="text/xsl" href="{href}"?>'.encode()
    return declaration + sep + pi + rest


# ---------------------------------------------------------------------------------------------
# Media RSS: feedgen's media extension writes media:content and media:thumbnail; the player, title
# and description that readers show for an embedded video are added here.


class _MediaRssFeed(BaseExtension):
    """Declares the Media RSS namespace on the feed."""

    def extend_ns(self) -> dict[str, str]:
        return {"media": MEDIA_NS}


class _MediaRssEntry(MediaEntryExtension):
    """feedgen's media entry extension plus media:player, media:title and media:description."""

    def __init__(self) -> None:
        super().__init__()
        self._media: Media | None = None

    def describe(self, media: Media) -> None:
        """Set every Media RSS element of the item from `media`."""
        self._media = media
        if media.content_url:
            content = {"url": media.content_url, "medium": "video", "group": None}
            if media.content_type:
                content["type"] = media.content_type
            if media.content_size:
                content["fileSize"] = str(media.content_size)
            if media.duration:
                content["duration"] = str(media.duration)
            self.content(content)
        if media.thumbnail_url:
            self.thumbnail({"url": media.thumbnail_url, "group": None})

    def extend_rss(self, item: object) -> object:
        item = super().extend_rss(item)
        if self._media is None:
            return item
        if self._media.player_url:
            _sub(item, "player", url=self._media.player_url)
        _sub(item, "title", self._media.title, type="plain")
        _sub(item, "description", self._media.description, type="plain")
        return item


class _WebSubRss(BaseExtension):
    """`<atom:link rel="hub">` right after the channel's rel=self link (feedgen writes only that one in RSS)."""

    hub = ""

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        own = feed.find(f"channel/{{{ATOM_NS}}}link[@rel='self']")
        own.addnext(etree.Element(f"{{{ATOM_NS}}}link", href=self.hub, rel="hub"))
        return feed


def _sub(parent: object, name: str, text: str | None = None, **attrs: str) -> None:
    """Append a media: element with optional text."""
    element = etree.SubElement(parent, f"{{{MEDIA_NS}}}{name}", **attrs)
    if text is not None:
        element.text = clean_text(text)


def sorted_items(items: Iterable[Item]) -> list[Item]:
    """Newest first by first publication, then by id, so equal dates keep one order."""
    return sorted(items, key=lambda i: (i.published, i.id), reverse=True)
