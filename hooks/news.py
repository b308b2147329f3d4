"""News: the listings (index, years, topics) around the articles, and what an article page shows.

Articles are read into the content model by hooks/content.py (hooks/_articles.py). Listing pages
are generated (hooks/_pages.py): the news index paginated under `tin-tuc/trang/N/`, one archive per
year under `tin-tuc/nam/<yyyy>/`, one page per topic under `chu-de/<slug>/`, and an index of years and
of topics. Each listing page receives only its own slice of articles and shows their title, date and
summary, so the work grows linearly with the site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger

from _articles import NEWS_DIR
from _covers import Cover
from _pages import add_page, paginate, shows
from _settings import NewsSettings
from _settings import read as read_settings
from _state import Article, Build, Topic, build
from _vn import as_datetime, reading_minutes

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("nscl")

# What a news listing is made from (named when a real file takes its place).
NEWS_SOURCE = "content/tin-tuc"
TOPICS_DIR = "chu-de/"
YEARS_DIR = "tin-tuc/nam/"


@dataclass(frozen=True)
class Listing:
    """One generated listing page: its own slice of articles and where its sibling pages are."""

    kind: str  # "index", "year", "topic", "years" or "topics"
    title: str
    heading: str
    base: str  # URL of the listing's first page, e.g. `chu-de/tfp/`
    number: int  # 1-based page number
    pages: int
    items: tuple[Article, ...] = ()
    topic: Topic | None = None
    year: int | None = None
    # Years or topics with their article counts, for the two index pages.
    groups: tuple[tuple[Any, int], ...] = ()

    def url_of(self, number: int) -> str:
        """URL of page `number` of this listing (page 1 is the listing's own URL)."""
        return self.base if number == 1 else f"{self.base}trang/{number}/"

    @property
    def window(self) -> list[int | None]:
        """Page numbers to link: first, last and two either side of this one; None marks a gap."""
        shown = sorted({1, self.pages, *range(max(1, self.number - 2), min(self.pages, self.number + 2) + 1)})
        result: list[int | None] = []
        for n in shown:
            if result and n - (result[-1] or 0) > 1:
                result.append(None)
            result.append(n)
        return result


@dataclass(frozen=True)
class ProvinceLink:
    """A province an article is about: its name, and its page when the site has one."""

    name: str
    url: str | None


@dataclass(frozen=True)
class ShareLink:
    """A share target that needs no third-party script: a plain link."""

    label: str
    url: str
    kind: str


@dataclass(frozen=True)
class ArticlePage:
    """What the article template shows beyond the front matter: links, neighbours, metadata."""

    provinces: tuple[ProvinceLink, ...]
    topics: tuple[Topic, ...]
    minutes: int
    newer: Article | None
    older: Article | None
    cover: Cover | None
    share: tuple[ShareLink, ...]
    published: str
    modified: str | None
    json_ld: Markup


@dataclass
class _State:
    """This build's news state, kept apart from the shared store; reset in on_config."""

    listings: dict[str, Listing]
    position: dict[str, int]
    page_urls: frozenset[str] = frozenset()


_news = _State({}, {})


# ---------------------------------------------------------------------------------------------
# Events, in lifecycle order


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Forget the previous build's articles (hooks are not reloaded by `mkdocs serve`)."""
    global _news
    _news = _State({}, {})
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the listing pages around the articles the content model loaded (hooks/content.py)."""
    b = build()
    _news.position = {a.file.src_uri: i for i, a in enumerate(b.articles)}
    # What an article page shows besides its own text: its neighbours' titles (the preview redraws it when they change).
    for i, article in enumerate(b.articles):
        neighbours = b.articles[max(i - 1, 0):i] + b.articles[i + 1:i + 2]
        shows(b, article.file.src_uri, [(a.url, a.title) for a in neighbours])
    for src_uri, listing in _generate_listings(b, _page_size(config, b)):
        meta = {"title": listing.title, "template": _TEMPLATES[listing.kind], "hide": ["toc"],
                "search": {"exclude": True}}
        # A topic's listing is edited in data/topics.yml; the others have nothing an editor could edit.
        topic = listing.kind == "topic"
        source = "data/topics.yml" if topic else NEWS_SOURCE
        if add_page(files, config, b, src_uri, meta, view=listing, source=source, editable=topic) is not None:
            _news.listings[src_uri] = listing
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Remember every page URL once all hooks added theirs, to link province pages only when they exist."""
    _news.page_urls = frozenset(f.url for f in files.documentation_pages())
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Give article pages their template, description and author."""
    article = _article_for(page)
    if article is not None:
        page.meta.setdefault("template", "article.html")
        page.meta.setdefault("description", article.summary)
        if article.authors:
            # Material prints `author` as it is: a list of names would show as a Python list.
            page.meta["author"] = ", ".join(article.authors)
        if _preview_reason(article):
            # A draft previewed under `serve` must never reach the search index.
            page.meta["search"] = {"exclude": True}
    return markdown


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Hand an article page its article and links, a listing page its own slice of articles."""
    b = build()
    article = _article_for(page)
    if article is not None:
        context["article"] = article
        context["topics"] = b.topics
        context["registry"] = b.registry
        context["preview_reason"] = _preview_reason(article)
        context["article_page"] = _article_page(article, page, config, b)
    listing = _news.listings.get(page.file.src_uri)
    if listing is not None:
        context["listing"] = listing
        context["topics"] = b.topics
    return context


# ---------------------------------------------------------------------------------------------
# Loading articles


def _article_for(page: Page) -> Article | None:
    """The article a page shows, if any (drafts previewed under `serve` included)."""
    return build().shown_articles.get(page.file.src_uri)


def _preview_reason(article: Article) -> str | None:
    """Why a page shown under `serve` is only a preview (it is held back from the published site)."""
    return next((h.reason for h in build().held_back if h.path == article.path), None)


# ---------------------------------------------------------------------------------------------
# Listings


def _page_size(config: MkDocsConfig, b: Build) -> int:
    """`extra.news.page_size` in mkdocs.yml (articles per listing page), 10 unless set."""
    return read_settings(config.extra, "news", NewsSettings, b.problems).page_size


def _generate_listings(b: Build, size: int) -> list[tuple[str, Listing]]:
    """Every listing page of the build, by source path: index, years, topics and their indexes."""
    result = _paginate("index", "Tin tức", "Tin tức", NEWS_DIR, b.articles, size)
    by_year: dict[int, list[Article]] = {}
    by_topic: dict[str, list[Article]] = {slug: [] for slug in b.topics}
    for article in b.articles:
        by_year.setdefault(article.date.year, []).append(article)
        for slug in article.topics:
            by_topic[slug].append(article)
    years = sorted(by_year, reverse=True)
    result.append((f"{YEARS_DIR}index.md", Listing("years", "Lưu trữ tin tức", "Lưu trữ tin tức theo năm",
                                                   YEARS_DIR, 1, 1, groups=tuple((y, len(by_year[y])) for y in years))))
    for year in years:
        result += _paginate("year", f"Tin tức năm {year}", f"Tin tức năm {year}", f"{YEARS_DIR}{year}/",
                            by_year[year], size, year=year)
    topics = sorted(b.topics.values(), key=lambda t: t.slug)
    result.append((f"{TOPICS_DIR}index.md", Listing("topics", "Chủ đề", "Chủ đề tin tức", TOPICS_DIR, 1, 1,
                                                    groups=tuple((t, len(by_topic[t.slug])) for t in topics))))
    for topic in topics:
        result += _paginate("topic", f"Chủ đề: {topic.name}", topic.name, f"{TOPICS_DIR}{topic.slug}/",
                            by_topic[topic.slug], size, topic=topic)
    return result


def _paginate(kind: str, title: str, heading: str, base: str, articles: list[Article], size: int,
              **extra: Any) -> list[tuple[str, Listing]]:
    """Split one listing into pages of `size` articles: `base` first, then `base/trang/N/`."""
    result = []
    for number, pages, items in paginate(articles, size):
        suffix = "" if number == 1 else f" (trang {number})"
        src_uri = f"{base}index.md" if number == 1 else f"{base}trang/{number}.md"
        result.append((src_uri, Listing(kind, title + suffix, heading, base, number, pages, tuple(items), **extra)))
    return result


_TEMPLATES = {"index": "news-list.html", "year": "news-list.html", "topic": "news-list.html",
              "years": "news-years.html", "topics": "news-topics.html"}


def _article_page(article: Article, page: Page, config: MkDocsConfig, b: Build) -> ArticlePage:
    """Links, neighbours, share targets and structured data of one article page."""
    index = _news.position.get(article.file.src_uri)
    newer = b.articles[index - 1] if index is not None and index > 0 else None
    older = b.articles[index + 1] if index is not None and index + 1 < len(b.articles) else None
    provinces = tuple(
        ProvinceLink(b.registry[slug].short_name,
                     f"tinh-thanh/{slug}/" if f"tinh-thanh/{slug}/" in _news.page_urls else None)
        for slug in article.provinces)
    cover = article.cover
    canonical = page.canonical_url or ""
    published = as_datetime(article.date).isoformat()
    modified = as_datetime(article.updated).isoformat() if article.updated else None
    return ArticlePage(provinces=provinces, topics=tuple(b.topics[t] for t in article.topics),
                       minutes=reading_minutes(page.markdown or ""), newer=newer, older=older, cover=cover,
                       share=_share_links(article, canonical), published=published, modified=modified,
                       json_ld=_json_ld(article, canonical, config, b, cover, published, modified))


def _share_links(article: Article, url: str) -> tuple[ShareLink, ...]:
    """Plain share URLs (no script from the networks is loaded): Facebook, Zalo, X and e-mail."""
    if not url:
        return ()
    return (
        ShareLink("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}), "facebook"),
        ShareLink("Zalo", "https://sp.zalo.me/share_inline?" + urlencode({"url": url}), "zalo"),
        ShareLink("X", "https://x.com/intent/post?" + urlencode({"url": url, "text": article.title}), "x"),
        ShareLink("Thư điện tử", "mailto:?" + urlencode({"subject": article.title, "body": f"{article.summary}\n{url}"},
                                                        quote_via=quote), "email"),
    )


# Author names that are bodies, not people ("Ban biên tập", "Sở Khoa học và Công nghệ ...").
_BODIES = ("ban ", "sở ", "phòng ", "trung tâm ", "cục ", "viện ", "văn phòng ", "ủy ban ", "báo ", "đài ")


def _author_type(name: str) -> str:
    """schema.org type of an author: an Organization for an editorial board or an office, else a Person."""
    return "Organization" if name.lower().startswith(_BODIES) else "Person"


def _json_ld(article: Article, url: str, config: MkDocsConfig, b: Build, cover: Cover | None,
             published: str, modified: str | None) -> Markup:
    """schema.org NewsArticle as JSON, safe inside <script> (no `<`, `>` or `&` left raw)."""
    site = (config.site_url or "").rstrip("/") + "/"
    publisher = {"@type": "Organization", "name": config.site_name, "url": site}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": published,
        "dateModified": modified or published,
        "inLanguage": "vi",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "author": [{"@type": _author_type(n), "name": n} for n in article.authors] or publisher,
        "publisher": publisher,
        "about": [{"@type": "Thing", "name": b.topics[t].name} for t in article.topics],
        "keywords": [b.topics[t].name for t in article.topics],
    }
    if article.provinces:
        data["contentLocation"] = [{"@type": "AdministrativeArea", "name": b.registry[p].name}
                                   for p in article.provinces]
    if cover is not None:
        data["image"] = {"@type": "ImageObject", "url": site + cover.file.url, "width": cover.width,
                         "height": cover.height, "caption": article.image_alt}
    if article.source is not None:
        data["isBasedOn"] = {"@type": "CreativeWork", "name": article.source.name, "url": article.source.url}
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    # Inside <script>, `</script>` or `<!--` in a title would end or derail the block: escape the characters.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - every `<`, `>` and `&` escaped just above
