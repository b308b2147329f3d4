"""Which feeds the site has and what each carries: all news, videos, every unit with a page, every topic.

Channels are decided from the content model before any page is drawn (every page's head links its
feeds); their items are filled at the end of the build from the published articles (with the HTML each
page was drawn with) and videos. The writers are in hooks/_feeds.py. Nothing in a feed depends on the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

import _urls
from _articles import Article, cover_source
from _cache import Cache
from _feeds import FORMAT_LABELS, MEDIA_TYPES, Category, Channel, Item, Media, Site, absolute_html, sorted_items, tag_id
from _pages import PageView
from _registry import Registry, Unit
from _settings import FeedSettings
from _vn import as_datetime, fold, format_date

if TYPE_CHECKING:
    from _content import Model
    from _videos import Video

_SECTION_URL = re.compile(r"^(tinh-thanh|chu-de)/([a-z0-9-]+)/")
PAGE_TITLE = "Nguồn tin"
PAGE_DESCRIPTION = ("Danh sách nguồn tin RSS, Atom và JSON Feed của trang: toàn bộ tin tức, video, từng tỉnh, thành "
                    "phố và từng chủ đề.")


@dataclass
class FeedRun:
    """This build's feeds: settings, site, the channels, and what items and head links share."""

    settings: FeedSettings
    site: Site
    channels: dict[str, Channel] = field(default_factory=dict)
    # Published articles by source path: the page events look pages up in it.
    articles: dict[str, Article] = field(default_factory=dict)
    # The category of each unit and topic, made once (items share them).
    unit_categories: dict[str, Category] = field(default_factory=dict)
    topic_categories: dict[str, Category] = field(default_factory=dict)
    # The channel of each unit and topic with one.
    unit_keys: dict[str, str] = field(default_factory=dict)
    topic_keys: dict[str, str] = field(default_factory=dict)
    # Each <link rel=alternate> by (channel key, format), made once: every page's head repeats them.
    head_links: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class FeedRow:
    """One feed on the feeds page: name, explanation, its page, and its files."""

    name: str
    explanation: str
    home: str
    links: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class FeedGroup:
    """A heading of the feeds page and its feeds."""

    id: str
    heading: str
    rows: tuple[FeedRow, ...]


@dataclass(frozen=True)
class FeedsView(PageView):
    """The /nguon-tin/ page: every feed, grouped."""

    template: ClassVar[str] = "feeds.html"

    groups: tuple[FeedGroup, ...]


def plan(m: Model, settings: FeedSettings, site: Site, site_description: str) -> FeedRun:
    """Every channel of the build: all news, videos, every unit with a page, every topic."""
    run = FeedRun(settings=settings, site=site)
    # Drafts and scheduled articles are not in `m.articles`, so they reach no feed (even under the preview).
    run.articles = {a.src_uri: a for a in m.articles}
    units_scheme, topics_scheme = site.absolute(_urls.UNITS), site.absolute(_urls.TOPICS)
    run.unit_categories = {s: Category(u.short_name, units_scheme) for s, u in m.registry.units.items()}
    run.topic_categories = {s: Category(t.name, topics_scheme) for s, t in m.topics.items()}
    name = site.name
    channels = [
        Channel(_urls.NEWS_FEED, "Tất cả tin tức", f"{name}: Tin tức", site_description or f"Tin tức của {name}.",
                f"Mọi bài tin của trang, mới nhất trước{_limit_text(settings.limit)}.", _urls.NEWS,
                ("rss", "atom", "json"), limit=settings.limit),
        Channel(_urls.VIDEO_FEED, "Video", f"{name}: Video",
                "Phóng sự, tọa đàm và video clip về năng suất chất lượng, kèm ảnh đại diện và trình phát.",
                f"Video mới, có ảnh đại diện và trình phát cho trình đọc tin hỗ trợ Media RSS"
                f"{_limit_text(settings.video_limit)}.", _urls.VIDEOS, ("rss",), limit=settings.video_limit),
    ]
    units = sorted((m.registry[s] for s in m.unit_pages), key=lambda u: (not u.current, fold(u.short_name), u.slug))
    for unit in units:
        key = run.unit_keys[unit.slug] = _urls.unit_feed(unit.slug)
        title, description, explanation = _unit_texts(unit, m.registry)
        channels.append(Channel(key, unit.short_name, f"{name}: {title}", description, explanation,
                                _urls.unit(unit.slug), ("rss", "atom"), limit=settings.unit_limit))
    for topic in m.topics.values():
        key = run.topic_keys[topic.slug] = _urls.topic_feed(topic.slug)
        explanation = f"{topic.description.rstrip('.')}{_limit_text(settings.topic_limit)}."
        channels.append(Channel(key, topic.name, f"{name}: Chủ đề {topic.name}", topic.description, explanation,
                                _urls.topic(topic.slug), ("rss", "atom"), limit=settings.topic_limit))
    run.channels = {c.key: c for c in channels}
    return run


def _limit_text(limit: int | None) -> str:
    """`, tối đa 50 mục` or nothing."""
    return f", tối đa {limit} mục" if limit else ""


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


def fill(run: FeedRun, m: Model, html: dict[str, str], cache: Cache) -> None:
    """Every published article into all-news, its units' and current units' feeds and its topics' feeds; every
    published video into the video feed. `html` is each article's HTML as its page was drawn.

    The preview's builds start from the last build's channels when the channels themselves are the same: only
    those that held or now hold an article that changed (its file or its HTML) are made again, so a save costs
    the few feeds it touches, not every article of every feed.
    """
    now = {a.src_uri: (a, html.get(a.src_uri, "")) for a in m.articles}
    defs = (run.site, tuple((c.key, c.label, c.title, c.description, c.explanation, c.home, c.formats, c.limit)
                            for c in run.channels.values()))
    last = cache.get("feed run", "articles", defs)
    if last is None:
        items = {s: _article_item(a, run, text, cache) for s, (a, text) in now.items()}
        members: dict[str, list[str]] = {key: [] for key in run.channels}
        for src_uri, (article, _) in now.items():
            for key in _keys(article, run, m):
                members[key].append(src_uri)
        touched = set(run.channels)
        last_items: dict[str, list[Item]] = {}
    else:
        before, last_members, last_items, last_item_of = last
        changed = {s for s, value in now.items() if before.get(s) != value} | {s for s in before if s not in now}
        items = {s: last_item_of[s] for s in now if s not in changed}
        touched = set()
        for src_uri in changed:
            if src_uri in before:
                touched.update(_keys(before[src_uri][0], run, m))
        members = dict(last_members)
        for key in touched:
            members[key] = [s for s in last_members[key] if s not in changed]
        for src_uri in sorted(changed & now.keys()):
            article, text = now[src_uri]
            items[src_uri] = _article_item(article, run, text, cache)
            for key in _keys(article, run, m):
                if key not in touched:
                    touched.add(key)
                    members[key] = [s for s in last_members[key] if s not in changed]
                members[key].append(src_uri)
    channel_items = {}
    for key, channel in run.channels.items():
        # An untouched channel keeps the very list it had: it then compares equal to the last build's at once.
        channel.items = channel_items[key] = (sorted_items(items[s] for s in members[key]) if key in touched
                                              else last_items[key])
    cache.put("feed run", "articles", defs, (now, members, channel_items, items))
    run.channels[_urls.VIDEO_FEED].items = _video_items(m.videos, run, cache)


def _keys(article: Article, run: FeedRun, m: Model) -> list[str]:
    """The channels an article belongs to: all news, its units and their current units, its topics."""
    keys = [_urls.NEWS_FEED]
    for slug in article.provinces:
        keys += [run.unit_keys[slug], run.unit_keys[m.registry.current_of(slug).slug]]
    keys += [run.topic_keys[t] for t in article.topics]
    return list(dict.fromkeys(keys))


def _video_items(videos: list[Video], run: FeedRun, cache: Cache) -> list[Item]:
    """The video feed's items, newest first; made again only when a video or the site changed."""
    key = (tuple(videos), run.site)
    items = cache.get("feed run", "videos", key)
    if items is None:
        items = sorted_items(_video_item(v, run) for v in videos)
        cache.put("feed run", "videos", key, items)
    return items


def _article_item(article: Article, run: FeedRun, html: str, cache: Cache) -> Item:
    """One article as a feed item: a tag: id from its first-published date and slug, never its title. The
    preview's builds reuse the item while the article's file, address, categories and HTML are the same."""
    site = run.site
    categories = (*(run.unit_categories[p] for p in article.provinces),
                  *(run.topic_categories[t] for t in article.topics))
    key = (article.digest, article.url, site, categories, html)
    item = cache.get("feed item", article.src_uri, key)
    if item is not None:
        return item
    published = as_datetime(article.date)
    updated = as_datetime(article.updated) if article.updated else published
    url = site.absolute(article.url)
    item = Item(id=tag_id(site.id_host, article.date, article.url), url=url,
                title=article.title, summary=article.summary, content_html=absolute_html(html, url),
                published=published, updated=updated, authors=article.authors, categories=categories,
                image=_article_image(article, site))
    cache.put("feed item", article.src_uri, key, item)
    return item


def _article_image(article: Article, site: Site) -> str | None:
    """The cover as an absolute URL; its path is relative to the article's folder, or to content/ with `/`."""
    if not article.image:
        return None
    image = article.image.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*:", image):
        return image
    return site.absolute(cover_source(article))


def _video_item(video: Video, run: FeedRun) -> Item:
    """One video as a Media RSS item: the host's player, or the file itself, with its picture and text."""
    site = run.site
    published = as_datetime(video.date)
    host = video.host
    media = Media(title=video.title, description=video.description,
                  player_url=getattr(host, "embed_url", None), duration=video.duration,
                  thumbnail_url=site.absolute(video.thumbnail.src.lstrip("/")) if video.thumbnail else None)
    if getattr(host, "type", "") == "file":
        media = replace(media, content_url=host.url or site.absolute((host.path or "").lstrip("/")),
                        content_type=host.mime, content_size=host.size)
    units = tuple(run.unit_categories[p] for p in video.provinces if p in run.unit_categories)
    topics = tuple(run.topic_categories[t] for t in video.topics if t in run.topic_categories)
    summary = " ".join(video.description.split())
    return Item(id=tag_id(site.id_host, video.date, video.url), url=site.absolute(video.url),
                title=video.title, summary=summary, content_html="", published=published, updated=published,
                categories=units + topics, media=media)


# ---------------------------------------------------------------------------------------------
# Links for pages


def page_keys(run: FeedRun, registry: Registry, src_uri: str, url: str) -> list[str]:
    """The section feeds a page belongs to: an article's units and topics, a unit's, a topic's, the videos'."""
    article = run.articles.get(src_uri)
    if article is not None:
        keys: list[str] = []
        for slug in article.provinces:
            keys += [run.unit_keys[slug], run.unit_keys[registry.current_of(slug).slug]]
        keys += [run.topic_keys[t] for t in article.topics]
        return list(dict.fromkeys(keys))
    if url.startswith(_urls.VIDEOS):
        return [_urls.VIDEO_FEED]
    match = _SECTION_URL.match(url)
    if match:
        kind, slug = match.groups()
        key = (run.unit_keys if f"{kind}/" == _urls.UNITS else run.topic_keys).get(slug)
        return [key] if key else []
    return []


def head_links(run: FeedRun, keys: list[str]) -> list[dict[str, str]]:
    """Site-wide news feeds (RSS, Atom, JSON) first, then the RSS feed of each section of the page."""
    news = run.channels.get(_urls.NEWS_FEED)
    links = [_link(run, news, fmt) for fmt in news.formats] if news else []
    return links + [_link(run, run.channels[k], "rss") for k in keys if k in run.channels]


def _link(run: FeedRun, channel: Channel, fmt: str) -> dict[str, str]:
    """One <link rel=alternate>: absolute href, media type, and a title naming the format."""
    link = run.head_links.get((channel.key, fmt))
    if link is None:
        link = run.head_links[channel.key, fmt] = {
            "href": run.site.absolute(channel.path(fmt)), "type": MEDIA_TYPES[fmt],
            "title": f"{channel.title} ({FORMAT_LABELS[fmt]})"}
    return link


def feeds_view(run: FeedRun, registry: Registry) -> FeedsView:
    """The feeds page, grouped: site-wide, current units, units before the merger, topics."""
    merger = format_date(registry.merger_date)
    groups = [
        ("chung", "Toàn trang", [_urls.NEWS_FEED, _urls.VIDEO_FEED]),
        ("tinh-thanh", f"Theo tỉnh, thành phố (từ {merger})",
         [k for s, k in run.unit_keys.items() if registry[s].current]),
        ("truoc-sap-xep", f"Theo đơn vị ban hành trước {merger}",
         [k for s, k in run.unit_keys.items() if not registry[s].current]),
        ("chu-de", "Theo chủ đề", list(run.topic_keys.values())),
    ]
    return FeedsView(tuple(FeedGroup(gid, heading, tuple(_row(run.channels[k]) for k in keys))
                           for gid, heading, keys in groups if keys))


def _row(channel: Channel) -> FeedRow:
    """One feed on the feeds page: name, explanation, and its files."""
    return FeedRow(channel.label, channel.explanation, channel.home,
                   tuple({"label": FORMAT_LABELS[fmt], "path": channel.path(fmt), "type": MEDIA_TYPES[fmt]}
                         for fmt in channel.formats))

