"""News: load and check every article, then generate the listings (index, years, topics) around them.

Articles are the Markdown files under `content/tin-tuc/`. Their URL is `tin-tuc/<slug>/`, the slug
coming from `slug:` or else the file name, never from the title, so editing a title keeps the URL.
Listing pages are generated in memory (`File.generated`): the news index paginated under
`tin-tuc/trang/N/`, one archive per year under `tin-tuc/nam/<yyyy>/`, one page per topic under
`chu-de/<slug>/`, and an index of years and of topics. Each listing page receives only its own
slice of articles and shows their title, date and summary, so the work grows linearly with the site.
"""

from __future__ import annotations

import json
import math
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

import _covers
from _covers import Cover
from _images import image_size
from _state import Article, Build, HeldBack, Source, Topic, build
from _validate import Fields, dump_front_matter, load_front_matter, read_text
from _vn import as_datetime, format_date, reading_minutes, slugify

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("nscl")

NEWS_DIR = "tin-tuc/"
TOPICS_DIR = "chu-de/"
YEARS_DIR = "tin-tuc/nam/"
PAGE_SIZE = 10
FIELDS = {"title", "date", "updated", "summary", "provinces", "topics", "source", "cover", "cover_alt", "image",
          "image_alt", "author", "draft", "slug", "description", "hide", "template", "search"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_IMAGE_NO_ALT = re.compile(r"!\[\s*\]\(")
_IMAGE_TYPES = "PNG, JPEG, GIF hoặc WebP"


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

    by_src: dict[str, Article]
    listings: dict[str, Listing]
    covers: dict[str, Cover]
    position: dict[str, int]
    image_lines: dict[str, int | None]
    image_keys: dict[str, str] = field(default_factory=dict)
    page_urls: frozenset[str] = frozenset()


_news = _State({}, {}, {}, {}, {})


# ---------------------------------------------------------------------------------------------
# Events, in lifecycle order


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Forget the previous build's articles (hooks are not reloaded by `mkdocs serve`)."""
    global _news
    _news = _State({}, {}, {}, {}, {})
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Load every article, hold back drafts and scheduled ones, then add the listing pages."""
    b = build()
    by_slug: dict[str, Article] = {}
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        if not _is_article(file):
            continue
        article = _read_article(file, b)
        if article is None:
            continue
        if article.slug in by_slug:
            b.problems.error(article.path, None, "slug", "mỗi bài một địa chỉ riêng (đặt 'slug:' khác)",
                             f"'{article.slug}', trùng với {by_slug[article.slug].path}")
            continue
        by_slug[article.slug] = article
        file.dest_uri = f"{NEWS_DIR}{article.slug}/index.html" if config.use_directory_urls \
            else f"{NEWS_DIR}{article.slug}.html"
        _resolve_cover(article, files, b)
        reason = b.held_back_reason(draft=article.draft, date=article.date)
        if reason is None:
            b.articles.append(article)
            continue
        b.held_back.append(HeldBack(article.path, reason))
        if b.command != "serve":
            files.remove(file)
    b.articles.sort(key=lambda a: (a.date, a.slug), reverse=True)
    _news.position = {a.file.src_uri: i for i, a in enumerate(b.articles)}
    # Every page's place, looked up once: checking each listing against all files would be quadratic.
    taken = {f.src_uri: f for f in files} | {f.dest_uri: f for f in files}
    for src_uri, listing in _generate_listings(b, _page_size(config, b)):
        _add_generated(files, config, b, src_uri, listing, taken)
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Remember every page URL once all hooks added theirs, to link province pages only when they exist."""
    _news.page_urls = frozenset(f.url for f in files.documentation_pages())
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Give article and listing pages their template; make their titles safe for Material's templates."""
    article = _article_for(page)
    listing = _news.listings.get(page.file.src_uri)
    if article is not None:
        page.meta.setdefault("template", "article.html")
        page.meta.setdefault("description", article.summary)
        if article.authors:
            # Material prints `author` as it is: a list of names would show as a Python list.
            page.meta["author"] = ", ".join(article.authors)
        if _preview_reason(article):
            # A draft previewed under `serve` must never reach the search index.
            page.meta["search"] = {"exclude": True}
    if listing is not None:
        page.edit_url = _edit_url(config, "data/topics.yml") if listing.kind == "topic" else None
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


def _is_article(file: File) -> bool:
    """Articles are Markdown files under tin-tuc/ written by an editor, other than a listing page."""
    return (file.src_uri.startswith(NEWS_DIR) and file.src_uri.endswith(".md") and not file.generated_by
            and Path(file.src_uri).name != "index.md")


def _article_for(page: Page) -> Article | None:
    """The article a page shows, if any (drafts previewed under `serve` included)."""
    return _news.by_src.get(page.file.src_uri)


def _read_article(file: File, b: Build) -> Article | None:
    """Read and check one article's front matter; record every problem, return None if unusable."""
    path = b.rel(file.abs_src_path)
    text = read_text(Path(file.abs_src_path), path, b.problems)
    if text is None:
        return None
    data, body, body_line = load_front_matter(text, path, b.problems)
    if data is None:
        return None
    f = Fields(data, path, b.problems)
    f.unknown(FIELDS)
    title = f.text("title", max_length=200)
    date = f.date("date")
    updated = f.date("updated", required=False)
    summary = f.text("summary", max_length=400)
    provinces = f.choices("provinces", b.registry.units, required=False, what="slug tỉnh/thành",
                          listed_in="data/provinces.yml")
    topics = f.choices("topics", b.topics, what="chủ đề")
    draft = f.boolean("draft")
    source = _read_source(f)
    authors = _read_authors(f)
    key, alt_key = _cover_keys(f)
    image = f.text(key, required=False)
    image_alt = f.text(alt_key, required=False, max_length=250)
    if f.has(key) and not f.has(alt_key):
        # Point at the picture's line: that is where the editor added what needs the description.
        b.problems.error(path, f.line(key), alt_key, "lời mô tả ảnh cho người không nhìn thấy ảnh",
                         f"chưa có (bắt buộc khi có '{key}')")
    if f.has(alt_key) and not f.has(key):
        f.error(key, f"đường dẫn ảnh khi đã có '{alt_key}'", None)
    slug = f.text("slug", required=False)
    if slug is not None and not _SLUG.match(slug):
        f.error("slug", f"chữ thường không dấu, nối bằng '-' (ví dụ '{slugify(slug)}')", slug)
        slug = None
    if date and updated and updated < date:
        f.error("updated", f"một ngày không trước ngày đăng {format_date(date)}", format_date(updated))
    for offset, line in enumerate(body.splitlines()):
        if _IMAGE_NO_ALT.search(line):
            b.problems.error(path, body_line + offset, "ảnh trong bài",
                             "lời mô tả ảnh trong ngoặc vuông, ví dụ ![Hội nghị tập huấn](anh.jpg)",
                             "ảnh không có mô tả")
    if None in (title, date, summary) or not topics:
        return None
    article = Article(file=file, path=path, slug=slug or slugify(Path(file.src_uri).stem), title=title, date=date,
                      summary=summary, provinces=tuple(provinces), topics=tuple(topics), source=source,
                      authors=authors, updated=updated, image=image, image_alt=image_alt, draft=draft)
    _news.by_src[file.src_uri] = article
    _news.image_lines[file.src_uri] = f.line(key)
    _news.image_keys[file.src_uri] = key
    return article


def _cover_keys(f: Fields) -> tuple[str, str]:
    """`cover`/`cover_alt`, or the older names `image`/`image_alt` (still read); both at once is an error."""
    if any(f.has(k) for k in ("image", "image_alt")) and any(f.has(k) for k in ("cover", "cover_alt")):
        f.error("image", "chỉ một ảnh bìa: 'cover' và 'cover_alt' (tên mới của 'image' và 'image_alt')",
                "có cả 'image' và 'cover'")
        return "cover", "cover_alt"
    return ("image", "image_alt") if any(f.has(k) for k in ("image", "image_alt")) else ("cover", "cover_alt")


def _read_source(f: Fields) -> Source | None:
    """`source: {name, url}`: both required when the article reports a source."""
    group = f.mapping("source", required=False)
    if group is None:
        return None
    group.unknown({"name", "url"})
    name, url = group.text("name"), group.url("url")
    return Source(name, url) if name and url else None


def _read_authors(f: Fields) -> tuple[str, ...]:
    """`author:` as one name or a list of names."""
    raw = f.data.get("author")
    if raw is None:
        return ()
    names = raw if isinstance(raw, list) else [raw]
    if not all(isinstance(n, str) and n.strip() for n in names):
        f.error("author", "tên tác giả, hoặc danh sách tên", raw)
        return ()
    return tuple(n.strip() for n in names)



def _preview_reason(article: Article) -> str | None:
    """Why a page shown under `serve` is only a preview (it is held back from the published site)."""
    return next((h.reason for h in build().held_back if h.path == article.path), None)


def _resolve_cover(article: Article, files: Files, b: Build) -> None:
    """Find the cover image next to the article (a path as in Markdown) and read its size."""
    if article.image is None:
        return
    line = _news.image_lines.get(article.file.src_uri)
    key = _news.image_keys.get(article.file.src_uri, "cover")
    if "://" in article.image or article.image.startswith("//"):
        b.problems.error(article.path, line, key,
                         f"một ảnh lưu trong {b.docs_rel}/, không lấy từ trang web khác", f"'{article.image}'")
        return
    src = posixpath.normpath(posixpath.join(posixpath.dirname(article.file.src_uri), article.image.lstrip("/")))
    if article.image.startswith("/"):
        src = posixpath.normpath(article.image.lstrip("/"))
    image = files.get_file_from_path(src)
    if image is None or image.abs_src_path is None:
        b.problems.error(article.path, line, key,
                         f"đường dẫn tới một ảnh có trong {b.docs_rel}/ (tính từ thư mục của bài viết)",
                         f"'{article.image}' (không tìm thấy {b.docs_rel}/{src})")
        return
    size = image_size(Path(image.abs_src_path))
    if size is None:
        b.problems.error(article.path, line, key, f"ảnh {_IMAGE_TYPES}", f"'{article.image}'")
        return
    cover = Cover(image, *size, alt=article.image_alt or "")
    _news.covers[article.file.src_uri] = _covers.covers[article.file.src_uri] = cover


# ---------------------------------------------------------------------------------------------
# Listings


def _page_size(config: MkDocsConfig, b: Build) -> int:
    """`extra.news.page_size` in mkdocs.yml (articles per listing page), 10 unless set."""
    settings = config.extra.get("news") or {}
    size = settings.get("page_size", PAGE_SIZE) if isinstance(settings, dict) else None
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        b.problems.error("mkdocs.yml", None, "extra.news.page_size", "một số nguyên dương (số bài mỗi trang)",
                         f"'{size}'")
        return PAGE_SIZE
    return size


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
    pages = max(1, math.ceil(len(articles) / size))
    result = []
    for number in range(1, pages + 1):
        items = tuple(articles[(number - 1) * size:number * size])
        suffix = "" if number == 1 else f" (trang {number})"
        src_uri = f"{base}index.md" if number == 1 else f"{base}trang/{number}.md"
        result.append((src_uri, Listing(kind, title + suffix, heading, base, number, pages, items, **extra)))
    return result


def _add_generated(files: Files, config: MkDocsConfig, b: Build, src_uri: str, listing: Listing,
                   taken: dict[str, File]) -> None:
    """Add one listing page in memory; a real file at the same place or URL is an error, not a silent swap."""
    front = {"title": listing.title, "template": _TEMPLATES[listing.kind], "hide": ["toc"],
             "search": {"exclude": True}}
    content = dump_front_matter(front)
    file = File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    clash = taken.get(src_uri) or taken.get(file.dest_uri)
    if clash is not None:
        where = b.rel(clash.abs_src_path) if clash.abs_src_path else clash.src_uri
        b.problems.error(where, None, "địa chỉ trang",
                         f"một địa chỉ khác '{file.url}', nơi trang tự tạo '{listing.title}' được đặt "
                         "(đổi tên tệp hoặc 'slug:')", "trùng địa chỉ")
        return
    files.append(file)
    taken[src_uri] = taken[file.dest_uri] = file
    _news.listings[src_uri] = listing


_TEMPLATES = {"index": "news-list.html", "year": "news-list.html", "topic": "news-list.html",
              "years": "news-years.html", "topics": "news-topics.html"}


def _edit_url(config: MkDocsConfig, data_path: str) -> str | None:
    """The edit link of a page generated from data: the data file in the repository, when edit links are on."""
    edit_uri = config.edit_uri or ""
    docs = Path(config.docs_dir).name + "/"
    if not config.repo_url or not edit_uri.endswith(docs):
        return None
    return config.repo_url.rstrip("/") + "/" + edit_uri[: -len(docs)].strip("/") + "/" + data_path


# ---------------------------------------------------------------------------------------------
# The article page


def _article_page(article: Article, page: Page, config: MkDocsConfig, b: Build) -> ArticlePage:
    """Links, neighbours, share targets and structured data of one article page."""
    index = _news.position.get(article.file.src_uri)
    newer = b.articles[index - 1] if index is not None and index > 0 else None
    older = b.articles[index + 1] if index is not None and index + 1 < len(b.articles) else None
    provinces = tuple(
        ProvinceLink(b.registry[slug].short_name,
                     f"tinh-thanh/{slug}/" if f"tinh-thanh/{slug}/" in _news.page_urls else None)
        for slug in article.provinces)
    cover = _news.covers.get(article.file.src_uri)
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
