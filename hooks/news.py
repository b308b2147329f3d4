"""News articles: read and check every article's front matter, hold back drafts and scheduled ones.

Articles are the Markdown files under `content/tin-tuc/`. Their URL is `tin-tuc/<slug>/`, the slug
coming from `slug:` or else the file name, never from the title, so editing a title keeps the URL.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from _state import Article, Build, HeldBack, Source, build
from _validate import Fields, load_front_matter, read_text
from _vn import format_date, slugify

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("nscl")

NEWS_DIR = "tin-tuc/"
FIELDS = {"title", "date", "updated", "summary", "provinces", "topics", "source", "image", "image_alt",
          "author", "draft", "slug", "description", "hide", "template", "search"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_IMAGE_NO_ALT = re.compile(r"!\[\s*\]\(")
# Articles by source path, for the page events; filled in on_files, emptied in on_config.
_by_src: dict[str, Article] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Forget the previous build's articles (hooks are not reloaded by `mkdocs serve`)."""
    _by_src.clear()
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Load every article; drop drafts and future-dated ones from the build (kept under `serve`)."""
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
        reason = _held_back_reason(article, b)
        if reason is None:
            b.articles.append(article)
            continue
        b.held_back.append(HeldBack(article.path, reason))
        if b.command != "serve":
            files.remove(file)
    b.articles.sort(key=lambda a: (a.date, a.slug), reverse=True)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Give article pages their template and their typed data."""
    article = _article_for(page)
    if article is not None:
        page.meta.setdefault("template", "article.html")
    return markdown


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Hand the article, and whether it is only a preview, to the template."""
    article = _article_for(page)
    if article is not None:
        b = build()
        context["article"] = article
        context["topics"] = b.topics
        context["registry"] = b.registry
        context["preview_reason"] = next((h.reason for h in b.held_back if h.path == article.path), None)
    return context


def _is_article(file: File) -> bool:
    """Articles are Markdown files under tin-tuc/, other than a listing page."""
    return file.src_uri.startswith(NEWS_DIR) and file.src_uri.endswith(".md") and Path(file.src_uri).name != "index.md"


def _article_for(page: Page) -> Article | None:
    """The article a page shows, if any (drafts previewed under `serve` included)."""
    return _by_src.get(page.file.src_uri)


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
    image = f.text("image", required=False)
    image_alt = f.text("image_alt", required=False, max_length=250)
    if image is not None and not f.has("image_alt"):
        # Point at the image line: that is where the editor added what needs the description.
        b.problems.error(path, f.line("image"), "image_alt", "lời mô tả ảnh cho người không nhìn thấy ảnh",
                         "chưa có (bắt buộc khi có 'image')")
    if f.has("image_alt") and image is None:
        f.error("image", "đường dẫn ảnh khi đã có 'image_alt'", None)
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
    _by_src[file.src_uri] = article
    return article


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


def _held_back_reason(article: Article, b: Build) -> str | None:
    """Why this build does not publish the article (draft, or dated after the build date), else None."""
    if article.draft:
        return "bản nháp, draft: true"
    if article.date > b.day:
        return f"hẹn đăng ngày {format_date(article.date)}"
    return None
