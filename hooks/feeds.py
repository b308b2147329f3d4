"""Feeds: RSS 2.0 and Atom for all news, each province and each topic; JSON Feed 1.1; Media RSS for videos.

Which feeds exist is decided in `on_files` (after every loader), so pages can link them; each
article's HTML is captured in `on_page_content`; the files are written in `on_post_build`. Nothing
in a feed depends on the clock: a feed is dated by its newest item.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from _feeds import (
    FEEDS_DIR,
    FORMAT_LABELS,
    MEDIA_TYPES,
    Category,
    Channel,
    Item,
    Media,
    Site,
    absolute_html,
    host_of,
    render,
    sorted_items,
    tag_id,
)
from _pages import add_page
from _registry import Registry, Unit
from _settings import FeedSettings
from _settings import read as read_settings
from _state import Article, Build, build
from _vn import as_datetime, fold, format_date

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from _videos import Video

PAGE_SRC = f"{FEEDS_DIR}index.md"
NEWS_KEY, VIDEO_KEY = "tin-tuc", "video"
_SECTION_URL = re.compile(r"^(tinh-thanh|chu-de)/([a-z0-9-]+)/")


@dataclass
class FeedState:
    """This build's feeds: settings, the channels decided in on_files, captured article HTML."""

    settings: FeedSettings
    site: Site
    channels: dict[str, Channel] = field(default_factory=dict)
    # Published articles by source path, made once in on_files: the page events look pages up in it.
    articles: dict[str, Article] = field(default_factory=dict)
    # The category of each unit and topic, made once (items share them).
    unit_categories: dict[str, Category] = field(default_factory=dict)
    topic_categories: dict[str, Category] = field(default_factory=dict)
    # The HTML page each channel belongs to, relative to the site root (for its <link>).
    unit_keys: dict[str, str] = field(default_factory=dict)
    topic_keys: dict[str, str] = field(default_factory=dict)
    # Each <link rel=alternate> by (channel key, format), made once: every page's head repeats them.
    head_links: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)


# Each article's HTML by source path, kept across the preview's builds: `serve --dirty` converts only the
# pages that changed, and a feed carries every article in full. Only published articles are read from it.
_html: dict[str, str] = {}
# This build's feeds (made in on_config).
_feeds: FeedState | None = None
# The same HTML with absolute links (with the HTML and base it was made from), and each channel's files
# with the items they were made from: the preview's builds make again only what changed.
_absolute_html: dict[str, tuple[str, str, str]] = {}
_written: dict[str, tuple[Channel, dict[str, bytes]]] = {}
# Each article's feed item, with what it was made from: its HTML and the rest (`_article_item`).
_items: dict[str, tuple[tuple[object, ...], str, Item]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read `extra.feeds`; a bad value is a problem the validation hook reports with the others."""
    b = build()
    settings = read_settings(config.extra, "feeds", FeedSettings, b.problems)
    if not config.site_url:
        b.problems.error("mkdocs.yml", None, "site_url", "địa chỉ gốc của trang (nguồn tin cần liên kết tuyệt đối)",
                         "để trống")
    site = Site(url=config.site_url or "http://localhost/", name=config.site_name,
                author=settings.author or config.site_author or config.site_name,
                id_host=settings.id_host or host_of(config.site_url or ""))
    global _feeds
    _feeds = FeedState(settings=settings, site=site)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Decide every feed of the build, and add the page that lists them (/nguon-tin/)."""
    b = build()
    state = _state()
    pages = {f.url for f in files.documentation_pages()}
    # Drafts and scheduled articles are not in `b.articles`, so they reach no feed (even under serve).
    state.articles = {a.file.src_uri: a for a in b.articles}
    units_scheme, topics_scheme = state.site.absolute("tinh-thanh/"), state.site.absolute("chu-de/")
    state.unit_categories = {s: Category(u.short_name, units_scheme) for s, u in b.registry.units.items()}
    state.topic_categories = {s: Category(t.name, topics_scheme) for s, t in b.topics.items()}
    for channel in _plan_channels(b, state, pages):
        state.channels[channel.key] = channel
    front = {"title": "Nguồn tin", "template": "feeds.html",
             "description": "Danh sách nguồn tin RSS, Atom và JSON Feed của trang: toàn bộ tin tức, video, "
                            "từng tỉnh, thành phố và từng chủ đề."}
    view = [(c.key, c.title, c.path("rss")) for c in state.channels.values()]
    add_page(files, config, b, PAGE_SRC, front, view=view, source="mkdocs.yml", editable=False, in_nav=True)
    return files


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Keep each published article's HTML for the feeds' full text (its links are made absolute when the
    feeds are written, at the end of the build, while Pagefind writes its bundle on the other core)."""
    if page.file.src_uri in _state().articles:
        _html[page.file.src_uri] = html
    return html


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Autodiscovery links for the page's head, and the feed list for /nguon-tin/."""
    b = build()
    state = _state()
    context["nscl_feeds"] = _head_links(state, _page_keys(b, state, page))
    if page.file.src_uri == PAGE_SRC:
        context["nscl_feed_groups"] = _feed_groups(b, state)
    return context


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    """The 404 page, rendered without a page, still announces the site-wide feeds."""
    context["nscl_feeds"] = _head_links(_state(), [])
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    """Fill every channel with its items and write the files (linear in the number of items)."""
    b = build()
    state = _state()
    _fill_news(b, state)
    _fill_videos(b, state)
    site_dir = Path(config.site_dir)
    for channel in state.channels.values():
        before = _written.get(channel.key)
        if before is not None and before[0] == channel and all((site_dir / channel.path(f)).is_file()
                                                                for f in before[1]):
            continue
        output = render(channel, state.site)
        _written[channel.key] = (channel, output)
        for fmt, data in output.items():
            target = site_dir / channel.path(fmt)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


# ---------------------------------------------------------------------------------------------
# Settings


def _state() -> FeedState:
    """This build's feed state (made in on_config)."""
    assert _feeds is not None, "hooks/feeds.py: on_config makes the feed state"
    return _feeds


# ---------------------------------------------------------------------------------------------
# Which feeds exist


def _plan_channels(b: Build, state: FeedState, pages: set[str]) -> list[Channel]:
    """All news, videos, every unit with content, a plan or a page (and its current unit), every topic."""
    site, settings = state.site, state.settings
    name = site.name
    news_home = "tin-tuc/" if "tin-tuc/" in pages else ""
    channels = [
        Channel(NEWS_KEY, "Tất cả tin tức", f"{name}: Tin tức", b.config.site_description or f"Tin tức của {name}.",
                f"Mọi bài tin của trang, mới nhất trước{_limit_text(settings.limit)}.", news_home,
                ("rss", "atom", "json"), limit=settings.limit),
        Channel(VIDEO_KEY, "Video", f"{name}: Video",
                "Phóng sự, tọa đàm và video clip về năng suất chất lượng, kèm ảnh đại diện và trình phát.",
                f"Video mới, có ảnh đại diện và trình phát cho trình đọc tin hỗ trợ Media RSS"
                f"{_limit_text(settings.video_limit)}.",
                "video/" if "video/" in pages else "", ("rss",), limit=settings.video_limit),
    ]
    registry = b.registry
    for unit in _feed_units(b, pages):
        key = f"tinh/{unit.slug}"
        state.unit_keys[unit.slug] = key
        page = f"tinh-thanh/{unit.slug}/"
        home = page if page in pages else "tinh-thanh/" if "tinh-thanh/" in pages else ""
        title, description, explanation = _unit_texts(unit, registry)
        channels.append(Channel(key, unit.short_name, f"{name}: {title}", description, explanation, home,
                                ("rss", "atom"), limit=settings.unit_limit))
    for topic in b.topics.values():
        key = f"chu-de/{topic.slug}"
        state.topic_keys[topic.slug] = key
        page = f"chu-de/{topic.slug}/"
        explanation = f"{topic.description.rstrip('.')}{_limit_text(settings.topic_limit)}."
        channels.append(Channel(key, topic.name, f"{name}: Chủ đề {topic.name}", topic.description, explanation,
                                page if page in pages else news_home, ("rss", "atom"), limit=settings.topic_limit))
    return channels


def _limit_text(limit: int | None) -> str:
    """`, tối đa 50 mục` or nothing."""
    return f", tối đa {limit} mục" if limit else ""


def _feed_units(b: Build, pages: set[str]) -> list[Unit]:
    """Units named by an article, a video or a plan, or with a province page, plus their current units."""
    registry = b.registry
    slugs = {p for a in b.articles for p in a.provinces}
    slugs |= _plan_units(b)
    slugs |= {p for video in b.videos for p in video.provinces}
    for url in pages:
        match = _SECTION_URL.match(url)
        if match and match.group(1) == "tinh-thanh":
            slugs.add(match.group(2))
    slugs = {s for s in slugs if s in registry}
    slugs |= {registry.current_of(s).slug for s in slugs}
    return sorted((registry[s] for s in slugs), key=lambda u: (not u.current, fold(u.short_name), u.slug))


def _plan_units(b: Build) -> set[str]:
    """The units that issued a plan."""
    return set(b.plans.units) if b.plans else set()


def _unit_texts(unit: Unit, registry: Registry) -> tuple[str, str, str]:
    """Title, description and one-line explanation of a unit's feed, saying what the merger changed."""
    if unit.current:
        members = registry.members(unit.slug)
        title = f"Tin tức {unit.name}"
        if not members:
            return title, f"Tin tức về năng suất chất lượng của {unit.name}.", f"Tin về {unit.short_name}."
        names = ", ".join(m.short_name for m in members)
        return (title, f"Tin tức về năng suất chất lượng của {unit.name}, gồm cả tin của các đơn vị hợp nhất "
                       f"vào: {names}.",
                f"Tin về {unit.short_name}, gồm cả tin của {names}.")
    successor = registry.successor(unit.slug)
    until = format_date(unit.until) if unit.until else ""
    after = f"; nay thuộc {successor.name}" if successor else ""
    return (f"Tin tức {unit.name} (đến {until})",
            f"Tin tức về năng suất chất lượng của {unit.name} (đơn vị tồn tại đến {until}{after}).",
            f"Tin của {unit.name} đến {until}{after}.")


# ---------------------------------------------------------------------------------------------
# Items


def _fill_news(b: Build, state: FeedState) -> None:
    """Every published article into all-news, its units' and current units' feeds, and its topics' feeds."""
    registry = b.registry
    for article in b.articles:
        item = _article_item(article, state)
        keys = [NEWS_KEY]
        for slug in article.provinces:
            keys += [state.unit_keys[slug], state.unit_keys[registry.current_of(slug).slug]]
        keys += [state.topic_keys[t] for t in article.topics]
        for key in dict.fromkeys(keys):
            state.channels[key].items.append(item)
    for channel in state.channels.values():
        channel.items = sorted_items(channel.items)


def _article_item(article: Article, state: FeedState) -> Item:
    """One article as a feed item: a tag: id from its first-published date and slug, never its title. The
    preview's builds reuse the item while the article's file, address and HTML are the same."""
    site = state.site
    categories = (*(state.unit_categories[p] for p in article.provinces),
                  *(state.topic_categories[t] for t in article.topics))
    key = (article.digest, article.url, site, categories)
    html = _html.get(article.file.src_uri, "")
    kept = _items.get(article.file.src_uri)
    if kept is not None and article.digest and kept[0] == key and kept[1] is html:
        return kept[2]
    content = _absolute(article.file.src_uri, site.absolute(article.url))
    published = as_datetime(article.date)
    updated = as_datetime(article.updated) if article.updated else published
    item = Item(id=tag_id(site.id_host, article.date, f"tin-tuc/{article.slug}"), url=site.absolute(article.url),
                title=article.title, summary=article.summary, content_html=content,
                published=published, updated=updated,
                authors=article.authors, categories=categories,
                image=_article_image(article, site))
    _items[article.file.src_uri] = (key, html, item)
    return item


def _absolute(src_uri: str, base: str) -> str:
    """An article's HTML with absolute links; made again only when its HTML or address changed."""
    html = _html.get(src_uri, "")
    cached = _absolute_html.get(src_uri)
    if cached is None or cached[0] is not html or cached[1] != base:
        cached = _absolute_html[src_uri] = (html, base, absolute_html(html, base))
    return cached[2]


def _article_image(article: Article, site: Site) -> str | None:
    """The cover as an absolute URL; its path is relative to the article's folder, or to content/ with `/`."""
    if not article.image:
        return None
    image = article.image.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*:", image):
        return image
    folder = "" if image.startswith("/") else posixpath.dirname(article.file.src_uri)
    return site.absolute(posixpath.normpath(posixpath.join(folder, image.lstrip("/"))))


def _fill_videos(b: Build, state: FeedState) -> None:
    """Every published video into the video feed, newest first."""
    state.channels[VIDEO_KEY].items = sorted_items(_video_item(v, state) for v in b.videos)


def _video_item(video: Video, state: FeedState) -> Item:
    """One video as a Media RSS item: the host's player, or the file itself, with its picture and text."""
    site = state.site
    published = as_datetime(video.date)
    host = video.host
    media = Media(title=video.title, description=video.description,
                  player_url=getattr(host, "embed_url", None), duration=video.duration,
                  thumbnail_url=site.absolute(video.thumbnail.src.lstrip("/")) if video.thumbnail else None)
    if getattr(host, "type", "") == "file":
        media = replace(media, content_url=host.url or site.absolute((host.path or "").lstrip("/")),
                        content_type=host.mime, content_size=host.size)
    units = tuple(state.unit_categories[p] for p in video.provinces if p in state.unit_categories)
    topics = tuple(state.topic_categories[t] for t in video.topics if t in state.topic_categories)
    summary = " ".join(video.description.split())
    return Item(id=tag_id(site.id_host, video.date, f"video/{video.id}"), url=site.absolute(video.url),
                title=video.title, summary=summary, content_html="", published=published, updated=published,
                categories=units + topics, media=media)


# ---------------------------------------------------------------------------------------------
# Links for templates


def _page_keys(b: Build, state: FeedState, page: Page) -> list[str]:
    """The section feeds a page belongs to: an article's units and topics, a province's, a topic's."""
    article = state.articles.get(page.file.src_uri)
    if article is not None:
        keys: list[str] = []
        for slug in article.provinces:
            keys += [state.unit_keys[slug], state.unit_keys[b.registry.current_of(slug).slug]]
        keys += [state.topic_keys[t] for t in article.topics]
        return list(dict.fromkeys(keys))
    url = page.url
    if url.startswith("video/"):
        return [VIDEO_KEY]
    match = _SECTION_URL.match(url)
    if match:
        kind, slug = match.groups()
        key = (state.unit_keys if kind == "tinh-thanh" else state.topic_keys).get(slug)
        return [key] if key else []
    return []


def _head_links(state: FeedState, keys: list[str]) -> list[dict[str, str]]:
    """Site-wide news feeds (RSS, Atom, JSON) first, then the RSS feed of each section of the page."""
    news = state.channels.get(NEWS_KEY)
    links = [_link(state, news, fmt) for fmt in news.formats] if news else []
    return links + [_link(state, state.channels[k], "rss") for k in keys if k in state.channels]


def _link(state: FeedState, channel: Channel, fmt: str) -> dict[str, str]:
    """One <link rel=alternate>: absolute href, media type, and a title naming the format."""
    link = state.head_links.get((channel.key, fmt))
    if link is None:
        link = state.head_links[channel.key, fmt] = {
            "href": state.site.absolute(channel.path(fmt)), "type": MEDIA_TYPES[fmt],
            "title": f"{channel.title} ({FORMAT_LABELS[fmt]})"}
    return link


def _feed_groups(b: Build, state: FeedState) -> list[dict[str, Any]]:
    """The feeds page, grouped: site-wide, current units, units before the merger, topics."""
    merger = format_date(b.registry.merger_date)
    groups = [
        ("chung", "Toàn trang", [NEWS_KEY, VIDEO_KEY]),
        ("tinh-thanh", f"Theo tỉnh, thành phố (từ {merger})",
         [k for s, k in state.unit_keys.items() if b.registry[s].current]),
        ("truoc-sap-xep", f"Theo đơn vị ban hành trước {merger}",
         [k for s, k in state.unit_keys.items() if not b.registry[s].current]),
        ("chu-de", "Theo chủ đề", list(state.topic_keys.values())),
    ]
    return [
        {"id": gid, "heading": heading,
         "rows": [_feed_row(state.channels[k]) for k in keys]}
        for gid, heading, keys in groups if keys
    ]


def _feed_row(channel: Channel) -> dict[str, Any]:
    """One feed on the feeds page: name, explanation, and its files."""
    return {"name": channel.label, "explanation": channel.explanation, "home": channel.home,
            "links": [{"label": FORMAT_LABELS[fmt], "path": channel.path(fmt), "type": MEDIA_TYPES[fmt]}
                      for fmt in channel.formats]}
