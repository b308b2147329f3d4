"""Videos: the catalogue in data/, its listing and filter pages, one page per video, and the store's list.

Pages: /video/ (newest first, paginated), /video/loai/<kind>/ and /video/tinh/<unit>/ (filters that are
plain links, so they work without JavaScript), and /video/<id>/ with a click-to-load player.
The store gets `videos` (published, newest first), `videos_all` (every valid one, for the plans hook's
`check_counts_toward`) and `video_kinds`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from markupsafe import Markup, escape
from mkdocs.plugins import get_plugin_logger

from _pages import add_page
from _registry import Unit
from _state import Article, Build, build
from _videos import (
    VIDEO_DIR,
    VIDEOS_FILE,
    Kind,
    Video,
    index_articles,
    related_articles,
)
from _vn import as_datetime, fold

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("nscl")

PER_PAGE = 24
RELATED = 4
JS = "assets/javascripts/nscl-video.js"
# Every generated page's source is only its template (the data reaches it through on_page_context);
# dumped once, since a YAML dump per page costs more than everything else this hook does per page.

@dataclass
class Listing:
    """One page of a video list: all videos, one kind, or one province."""

    title: str
    base: str
    videos: list[Video]
    total: int
    page: int
    pages: int
    empty_text: str
    kind: Kind | None = None
    unit: Unit | None = None
    successor: Unit | None = None
    members: list[Unit] = field(default_factory=list)

    def page_url(self, number: int) -> str:
        """The URL of page `number` of this list (`video/`, `video/trang/2/`)."""
        return self.base if number == 1 else f"{self.base}trang/{number}/"


@dataclass
class Section:
    """What this build's video pages share: kinds, filter counts, related-news index, page data."""

    kinds: dict[str, Kind]
    kind_counts: list[tuple[Kind, int]]
    unit_counts: list[tuple[Unit, int]]
    by_province: dict[str, list[Article]]
    by_topic: dict[str, list[Article]]
    pages: dict[str, Listing | Video] = field(default_factory=dict)
    held: dict[str, str] = field(default_factory=dict)
    urls: frozenset[str] = frozenset()


_section: Section | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Forget the previous build's pages (hooks are not reloaded by `mkdocs serve`)."""
    global _section
    _section = None
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Generate every video page and list from the videos of the content model."""
    global _section
    b = build()
    kinds, published, videos = b.kinds, b.videos, b.all_videos
    by_province, by_topic = index_articles(b.articles)
    by_unit = _group_by_unit(published, sorted(b.plans.files) if b.plans else [], b)
    section = Section(kinds=kinds, kind_counts=[(k, sum(v.kind == k.slug for v in published)) for k in kinds.values()],
                      unit_counts=[(b.registry[slug], len(items)) for slug, items in by_unit.items() if items],
                      by_province=by_province, by_topic=by_topic, held=b.held_videos)
    _add_listing(section, "Video", VIDEO_DIR, published, "Chưa có video nào.")
    for kind in kinds.values():
        _add_listing(section, kind.name, f"{VIDEO_DIR}loai/{kind.slug}/", [v for v in published if v.kind == kind.slug],
                     "Chưa có video nào thuộc loại này.", kind=kind)
    for slug, items in by_unit.items():
        unit = b.registry[slug]
        successor = b.registry.successor(slug)
        members = [m for m in b.registry.members(slug) if m.slug in by_unit]
        _add_listing(section, f"Video về {unit.short_name}", f"{VIDEO_DIR}tinh/{slug}/", items,
                     "Chưa có video nào về đơn vị này.", unit=unit, successor=successor, members=members)
    # Scheduled and draft videos get a page only in a preview (`mkdocs serve`), marked as such.
    shown = videos if b.command == "serve" else published
    for video in shown:
        section.pages[f"{video.url}index.md"] = video
    _section = section
    for src_uri, data in list(section.pages.items()):
        if not _generate(files, config, b, src_uri, data, section):
            del section.pages[src_uri]
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Remember which pages exist once every hook has added its own, to link topics only where a page is."""
    if _section is not None:
        _section.urls = frozenset(f.url for f in files.documentation_pages())
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Give video pages a title that is escaped once, wherever a template prints it (raw or with `|e`)."""
    data = _data_for(page)
    if data is not None:
        page.meta["title"] = Markup(escape(data.title if isinstance(data, Video) else _listing_title(data)))
    return markdown


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Hand a video page or a list page its typed data."""
    data = _data_for(page)
    if data is None or _section is None:
        return context
    b = build()
    context.update(video_kinds=_section.kinds, registry=b.registry, topics=b.topics, video_js=JS)
    if isinstance(data, Video):
        context["video"] = data
        context["video_related"] = related_articles(data, _section.by_province, _section.by_topic, RELATED)
        context["video_topic_urls"] = {t: f"chu-de/{t}/" for t in data.topics if f"chu-de/{t}/" in _section.urls}
        context["video_meta"] = _video_meta(data, _section.kinds, config, b)
        context["preview_reason"] = _section.held.get(data.id)
    else:
        context["video_list"] = data
        context["video_filters"] = {"kinds": _section.kind_counts, "units": _section.unit_counts}
    return context


def _group_by_unit(videos: list[Video], plan_units: list[str], b: Build) -> dict[str, list[Video]]:
    """Videos per unit page, sorted by unit name: each tagged or planning unit, and the current unit it is part of."""
    by_unit: dict[str, list[Video]] = {}
    for slug in plan_units:
        for key in (slug, b.registry.current_of(slug).slug):
            by_unit.setdefault(key, [])
    for video in videos:
        slugs = dict.fromkeys(s for p in video.provinces for s in (p, b.registry.current_of(p).slug))
        for slug in slugs:
            by_unit.setdefault(slug, []).append(video)
    return dict(sorted(by_unit.items(), key=lambda item: (fold(b.registry[item[0]].short_name), item[0])))


def _add_listing(section: Section, title: str, base: str, videos: list[Video], empty_text: str, **extra: Any) -> None:
    """The pages of one list, PER_PAGE videos each (one empty page when there are none)."""
    pages = max(1, -(-len(videos) // PER_PAGE))
    for number in range(1, pages + 1):
        listing = Listing(title=title, base=base, videos=videos[(number - 1) * PER_PAGE:number * PER_PAGE],
                          total=len(videos), page=number, pages=pages, empty_text=empty_text, **extra)
        section.pages[listing.page_url(number) + "index.md"] = listing


def _generate(files: Files, config: MkDocsConfig, b: Build, src_uri: str, data: Listing | Video,
              section: Section) -> bool:
    """Add one generated page (False when a real file has its place: a recorded problem)."""
    if isinstance(data, Video):
        template = "video-page.html"
        view: Any = (data, related_articles(data, section.by_province, section.by_topic, RELATED))
    else:
        template, view = "video-list.html", (data, section.kind_counts, section.unit_counts)
    # The /video/ page is in the navigation; the rest are reached from it.
    return add_page(files, config, b, src_uri, {"template": template}, view=view, source=VIDEOS_FILE,
                    in_nav=src_uri == f"{VIDEO_DIR}index.md") is not None


def _data_for(page: Page) -> Listing | Video | None:
    """The list or video a page shows, if it is one of this hook's pages."""
    return _section.pages.get(page.file.src_uri) if _section is not None else None


def _listing_title(listing: Listing) -> str:
    """The page title of a list, with its page number past the first."""
    return listing.title if listing.page == 1 else f"{listing.title} (trang {listing.page})"


def _video_meta(video: Video, kinds: dict[str, Kind], config: MkDocsConfig, b: Build) -> dict[str, Any]:
    """Absolute addresses and the schema.org VideoObject for a video page's head."""
    site = config.site_url or ""
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
        jsonld["contentLocation"] = [{"@type": "AdministrativeArea", "name": b.registry[s].name_on(video.date)}
                                     for s in video.provinces]
    if video.topics:
        jsonld["keywords"] = ", ".join(b.topics[t].name for t in video.topics)
    jsonld["publisher"] = {"@type": "Organization", "name": config.site_name, "url": site or None}
    return {"page_url": page_url, "thumbnail_url": thumbnail, "video_url": video_url, "video_type": video_type,
            "jsonld": jsonld}
