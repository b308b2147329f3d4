"""The news pages' views: each listing page (index, years, topics) with its own slice of articles, and what
an article page shows beyond its text (neighbours, places, topics, share links, structured data).

Pure functions of the content model (hooks/_content.py); hooks/news.py adds the pages. A listing page
holds only its own articles and shows their title, date and summary, so the work grows linearly with the site.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import quote, urlencode, urljoin

from markupsafe import Markup

import _urls
from _articles import Article
from _cards import Card
from _covers import Cover
from _pages import PageView, Pagination, paginate
from _registry import Registry
from _terms import Term
from _vn import as_datetime, format_date

# Author names that are bodies, not people ("Ban biên tập", "Sở Khoa học và Công nghệ ...").
_BODIES = ("ban ", "sở ", "phòng ", "trung tâm ", "cục ", "viện ", "văn phòng ", "ủy ban ", "báo ", "đài ")


@dataclass(frozen=True)
class NewsListing(PageView):
    """One generated listing page: its own slice of articles and where its sibling pages are."""

    kind: str  # "index", "year", "topic", "years" or "topics"
    title: str
    heading: str
    pagination: Pagination
    items: tuple[Article, ...] = ()
    topic: Term | None = None
    year: int | None = None
    # Years or topics with their article counts, for the two index pages.
    groups: tuple[tuple[Any, int], ...] = ()
    topics: dict[str, Term] | None = None

    @property
    def template(self) -> str:  # type: ignore[override]
        """The listing's template: a list of articles, or the index of years or of topics."""
        return {"years": "news-years.html", "topics": "news-topics.html"}.get(self.kind, "news-list.html")


@dataclass(frozen=True)
class Neighbour:
    """An article next to another in time: what its page links to."""

    url: str
    title: str


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
class ArticleContext:
    """What every article page reads besides its article: one object per build, shared by all of them."""

    registry: Registry
    topics: dict[str, Term]
    unit_pages: frozenset[str]
    site_url: str
    site_name: str


@dataclass(frozen=True)
class ArticleView(PageView):
    """What the article template shows beyond the Markdown body: links, neighbours, metadata.

    Its fields are what it is made from (the preview digests them); what it shows is worked out from them on
    first use, only for the pages that are drawn.
    """

    template: ClassVar[str] = "article.html"

    article: Article
    newer: Neighbour | None
    older: Neighbour | None
    context: ArticleContext
    # Why the page is only a preview (a draft or scheduled article under `./run serve`), else None.
    preview_reason: str | None = None

    @property
    def cover(self) -> Cover | None:
        """The article's checked cover picture."""
        return self.article.cover

    @property
    def minutes(self) -> int:
        """Minutes a reader needs for the body."""
        return self.article.minutes

    @cached_property
    def provinces(self) -> tuple[ProvinceLink, ...]:
        """The units the article names, each linked to its page."""
        registry, pages = self.context.registry, self.context.unit_pages
        return tuple(ProvinceLink(registry[slug].short_name, _urls.unit(slug) if slug in pages else None)
                     for slug in self.article.provinces)

    @cached_property
    def topics(self) -> tuple[Term, ...]:
        """The article's topics."""
        return tuple(self.context.topics[t] for t in self.article.topics)

    @cached_property
    def canonical(self) -> str:
        """The page's absolute address, as MkDocs makes a page's canonical address (`Page.canonical_url`)."""
        site = self.context.site_url
        return urljoin(site if site.endswith("/") else site + "/", self.article.url) if site else ""

    @cached_property
    def published(self) -> str:
        """The date of publication, ISO 8601 in Vietnam's time zone."""
        return as_datetime(self.article.date).isoformat()

    @cached_property
    def modified(self) -> str | None:
        """The date of the last update, if any."""
        return as_datetime(self.article.updated).isoformat() if self.article.updated else None

    @cached_property
    def share(self) -> tuple[ShareLink, ...]:
        """Plain share links (no script from the networks is loaded)."""
        return _share_links(self.article, self.canonical)

    @cached_property
    def json_ld(self) -> Markup:
        """schema.org NewsArticle for the page's head."""
        c = self.context
        return _json_ld(self.article, self.canonical, c.site_url, c.site_name, c.registry, c.topics, self.published,
                        self.modified)

    def card(self, site: str, title: str) -> tuple[Card, str, int | None]:
        """Kind, title, date and the first two places."""
        names = [p.name for p in self.provinces]
        where = ", ".join(names[:2]) + (f" và {len(names) - 2} tỉnh, thành khác" if len(names) > 2 else "")
        meta = " · ".join(x for x in (format_date(self.article.date), where) if x)
        return Card("Tin tức", self.article.title, meta, site), self.article.path, None


def listings(articles: Sequence[Article], topics: dict[str, Term], size: int) -> list[NewsListing]:
    """Every listing page of the build: the index, the years and the topics, and the indexes of both."""
    result = _paginate("index", "Tin tức", "Tin tức", _urls.NEWS, articles, size, topics)
    by_year: dict[int, list[Article]] = {}
    by_topic: dict[str, list[Article]] = {slug: [] for slug in topics}
    for article in articles:
        by_year.setdefault(article.date.year, []).append(article)
        for slug in article.topics:
            by_topic[slug].append(article)
    years = sorted(by_year, reverse=True)
    result.append(NewsListing("years", "Lưu trữ tin tức", "Lưu trữ tin tức theo năm", Pagination(_urls.YEARS, 1, 1),
                              groups=tuple((y, len(by_year[y])) for y in years)))
    for year in years:
        result += _paginate("year", f"Tin tức năm {year}", f"Tin tức năm {year}", _urls.year(year), by_year[year],
                            size, topics, year=year)
    ordered = sorted(topics.values(), key=lambda t: t.slug)
    result.append(NewsListing("topics", "Chủ đề", "Chủ đề tin tức", Pagination(_urls.TOPICS, 1, 1),
                              groups=tuple((t, len(by_topic[t.slug])) for t in ordered)))
    for topic in ordered:
        result += _paginate("topic", f"Chủ đề: {topic.name}", topic.name, _urls.topic(topic.slug),
                            by_topic[topic.slug], size, topics, topic=topic)
    return result


def _paginate(kind: str, title: str, heading: str, base: str, articles: Sequence[Article], size: int,
              topics: dict[str, Term], **extra: Any) -> list[NewsListing]:
    """One listing in pages of `size` articles: `base` first, then `base/trang/N/`."""
    return [NewsListing(kind, title + ("" if place.number == 1 else f" (trang {place.number})"), heading, place,
                        tuple(items), topics=topics, **extra)
            for place, items in paginate(base, articles, size)]


def neighbours(articles: Sequence[Article],
               shown: Iterable[tuple[str, Article]]) -> Iterator[tuple[str, Article, Article | None, Article | None]]:
    """Every article page's source path and article, with the next newer and next older published article."""
    position = {a.src_uri: i for i, a in enumerate(articles)}
    for src_uri, article in shown:
        index = position.get(src_uri)
        newer = articles[index - 1] if index is not None and index > 0 else None
        older = articles[index + 1] if index is not None and index + 1 < len(articles) else None
        yield src_uri, article, newer, older


def article_view(article: Article, newer: Article | None, older: Article | None, context: ArticleContext,
                 preview_reason: str | None) -> ArticleView:
    """One article page's view."""
    return ArticleView(article, Neighbour(newer.url, newer.title) if newer else None,
                       Neighbour(older.url, older.title) if older else None, context, preview_reason)


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


def _author_type(name: str) -> str:
    """schema.org type of an author: an Organization for an editorial board or an office, else a Person."""
    return "Organization" if name.lower().startswith(_BODIES) else "Person"


def _json_ld(article: Article, url: str, site_url: str, site_name: str, registry: Registry, topics: dict[str, Term],
             published: str, modified: str | None) -> Markup:
    """schema.org NewsArticle as JSON, safe inside <script> (no `<`, `>` or `&` left raw)."""
    site = (site_url or "").rstrip("/") + "/"
    publisher = {"@type": "Organization", "name": site_name, "url": site}
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
        "about": [{"@type": "Thing", "name": topics[t].name} for t in article.topics],
        "keywords": [topics[t].name for t in article.topics],
    }
    if article.provinces:
        data["contentLocation"] = [{"@type": "AdministrativeArea", "name": registry[p].name}
                                   for p in article.provinces]
    cover = article.cover
    if cover is not None:
        data["image"] = {"@type": "ImageObject", "url": site + cover.url, "width": cover.width,
                         "height": cover.height, "caption": article.image_alt}
    if article.source is not None:
        data["isBasedOn"] = {"@type": "CreativeWork", "name": article.source.name, "url": article.source.url}
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    # Inside <script>, `</script>` or `<!--` in a title would end or derail the block: escape the characters.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - every `<`, `>` and `&` escaped just above
