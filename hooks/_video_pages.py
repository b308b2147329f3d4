"""The video pages' views: lists of videos (all, one kind, one unit) and one page per video.

Pure functions of the content model; hooks/videos.py adds the pages. Filters are plain links to generated
pages, so they work without JavaScript; each video's page has a click-to-load player and a schema.org
`VideoObject`.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urljoin

import _urls
from _articles import Article
from _cards import Card
from _pages import PageView, Pagination, paginate
from _registry import Registry, Unit
from _terms import Term
from _videos import Video
from _vn import as_datetime, fold, format_date

PER_PAGE = 24
RELATED = 4


@dataclass(frozen=True)
class Filters:
    """The filter links every list shows: each kind and each unit with how many videos it has."""

    kinds: tuple[tuple[Term, int], ...]
    units: tuple[tuple[Unit, int], ...]


@dataclass(frozen=True)
class VideoListing(PageView):
    """One page of a video list: all videos, one kind, or one unit."""

    template: ClassVar[str] = "video-list.html"

    title: str
    pagination: Pagination
    videos: tuple[Video, ...]
    total: int
    empty_text: str
    filters: Filters
    kinds: dict[str, Term]
    kind: Term | None = None
    unit: Unit | None = None
    successor: Unit | None = None
    members: tuple[Unit, ...] = ()

    @property
    def page_title(self) -> str:
        """The page's title, with its page number past the first."""
        return self.title if self.pagination.number == 1 else f"{self.title} (trang {self.pagination.number})"


@dataclass(frozen=True)
class VideoContext:
    """What every video page reads besides its video: one object per build, shared by all of them."""

    kinds: dict[str, Term]
    registry: Registry
    topics: dict[str, Term]
    site_url: str
    site_name: str


@dataclass(frozen=True)
class VideoView(PageView):
    """One video's page: the video, its related news, and what its head says of it (worked out on first use)."""

    template: ClassVar[str] = "video-page.html"

    video: Video
    related: tuple[Article, ...]
    context: VideoContext
    # Why the page is only a preview (a draft or scheduled video under `./run serve`), else None.
    preview_reason: str | None = None

    @property
    def kinds(self) -> dict[str, Term]:
        """The video kinds by slug."""
        return self.context.kinds

    @property
    def registry(self) -> Registry:
        """The units."""
        return self.context.registry

    @property
    def topics(self) -> dict[str, Term]:
        """The topics by slug."""
        return self.context.topics

    @cached_property
    def meta(self) -> dict[str, Any]:
        """Absolute addresses and the schema.org VideoObject for the page's head."""
        c = self.context
        return _video_meta(self.video, c.kinds, c.registry, c.topics, c.site_url, c.site_name)

    def card(self, site: str, title: str) -> tuple[Card, str, int | None]:
        """Kind, title, date, duration and the first two places."""
        video = self.video
        places = [self.registry[p].short_name for p in video.provinces[:2] if p in self.registry]
        meta = " · ".join([format_date(video.date), video.duration_text, *places])
        return Card(f"Video · {self.kinds[video.kind].name}", video.title, meta, site), video.file, video.line


def video_pages(videos: Sequence[Video], shown: Iterable[Video], *, kinds: dict[str, Term], registry: Registry,
                topics: dict[str, Term], articles: Sequence[Article], plan_units: Iterable[str],
                held: Mapping[str, str], context: VideoContext) -> list[VideoListing | VideoView]:
    """Every video list (all, each kind, each unit with videos or a plan) and every shown video's page."""
    by_unit = _by_unit(videos, sorted(plan_units), registry)
    filters = Filters(tuple((k, sum(v.kind == k.slug for v in videos)) for k in kinds.values()),
                      tuple((registry[slug], len(items)) for slug, items in by_unit.items() if items))
    pages: list[VideoListing | VideoView] = []

    def listing(title: str, base: str, items: Sequence[Video], empty: str, **extra: Any) -> None:
        for place, chunk in paginate(base, items, PER_PAGE):
            pages.append(VideoListing(title, place, tuple(chunk), len(items), empty, filters, kinds, **extra))

    listing("Video", _urls.VIDEOS, videos, "Chưa có video nào.")
    for kind in kinds.values():
        listing(kind.name, _urls.video_kind(kind.slug), [v for v in videos if v.kind == kind.slug],
                "Chưa có video nào thuộc loại này.", kind=kind)
    for slug, items in by_unit.items():
        unit = registry[slug]
        members = tuple(m for m in registry.members(slug) if m.slug in by_unit)
        listing(f"Video về {unit.short_name}", _urls.video_unit(slug), items, "Chưa có video nào về đơn vị này.",
                unit=unit, successor=registry.successor(slug), members=members)
    by_province, by_topic = _index(articles)
    for video in shown:
        pages.append(VideoView(video, tuple(_related(video, by_province, by_topic, RELATED)), context,
                               held.get(video.id)))
    return pages


def _by_unit(videos: Sequence[Video], plan_units: list[str], registry: Registry) -> dict[str, list[Video]]:
    """Videos per unit list, sorted by unit name: each tagged or planning unit, and the current unit it is part of."""
    by_unit: dict[str, list[Video]] = {}
    for slug in plan_units:
        for key in (slug, registry.current_of(slug).slug):
            by_unit.setdefault(key, [])
    for video in videos:
        slugs = dict.fromkeys(s for p in video.provinces for s in (p, registry.current_of(p).slug))
        for slug in slugs:
            by_unit.setdefault(slug, []).append(video)
    return dict(sorted(by_unit.items(), key=lambda item: (fold(registry[item[0]].short_name), item[0])))


def _index(articles: Iterable[Article]) -> tuple[dict[str, list[Article]], dict[str, list[Article]]]:
    """Articles by province and by topic, each list in the given (newest-first) order: one pass."""
    by_province: dict[str, list[Article]] = {}
    by_topic: dict[str, list[Article]] = {}
    for article in articles:
        for slug in article.provinces:
            by_province.setdefault(slug, []).append(article)
        for slug in article.topics:
            by_topic.setdefault(slug, []).append(article)
    return by_province, by_topic


def _related(video: Video, by_province: Mapping[str, list[Article]], by_topic: Mapping[str, list[Article]],
             limit: int) -> list[Article]:
    """Up to `limit` newest articles sharing a province or a topic with the video.

    Merges the already sorted lists lazily, so the cost is about `limit` steps per list, not the site's size.
    """
    lists = [by_province.get(s, []) for s in video.provinces] + [by_topic.get(s, []) for s in video.topics]
    # The model sorts articles by (date, slug), newest first; merging with the same key keeps that order.
    merged: Iterator[Article] = heapq.merge(*lists, key=lambda a: (a.date, a.slug), reverse=True)
    result: list[Article] = []
    seen: set[str] = set()
    for article in merged:
        if article.slug not in seen:
            seen.add(article.slug)
            result.append(article)
            if len(result) == limit:
                break
    return result


def _video_meta(video: Video, kinds: dict[str, Term], registry: Registry, topics: dict[str, Term], site: str,
                site_name: str) -> dict[str, Any]:
    """Absolute addresses and the schema.org VideoObject for a video page's head."""
    page_url = urljoin(site, video.url)
    thumbnail = urljoin(site, video.thumbnail.src) if video.thumbnail else None
    host = video.host
    jsonld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": video.title,
        "description": " ".join(video.description.split()),
        "uploadDate": as_datetime(video.date).isoformat(),
        "duration": video.iso_duration,
        "url": page_url,
        "inLanguage": "vi",
    }
    if thumbnail:
        jsonld["thumbnailUrl"] = [thumbnail]
    if host.type == "file":
        content_url = urljoin(site, host.path) if host.local else host.url
        jsonld.update(contentUrl=content_url, encodingFormat=host.mime, contentSize=f"{host.size / 1048576:.1f} MB")
        video_url, video_type = content_url, host.mime
    else:
        jsonld["embedUrl"] = host.embed_url
        video_url, video_type = host.embed_url, "text/html"
    jsonld["genre"] = kinds[video.kind].name
    if video.provinces:
        jsonld["contentLocation"] = [{"@type": "AdministrativeArea", "name": registry[s].name_on(video.date)}
                                     for s in video.provinces]
    if video.topics:
        jsonld["keywords"] = ", ".join(topics[t].name for t in video.topics)
    jsonld["publisher"] = {"@type": "Organization", "name": site_name, "url": site or None}
    return {"page_url": page_url, "thumbnail_url": thumbnail, "video_url": video_url, "video_type": video_type,
            "jsonld": jsonld}
