"""Articles: every Markdown file under content/tin-tuc/, read and checked into the content model.

An article's URL is `tin-tuc/<slug>/`, the slug coming from `slug:` or else the file name, never from
the title, so editing a title keeps the URL. Drafts and articles dated after the build date are held
back (listed in the build log); under the preview they keep a page, marked as a preview.
"""

from __future__ import annotations

import dataclasses
import hashlib
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING

from _covers import Cover
from _images import image_size
from _kept import kept, stamps
from _state import Article, Build, HeldBack, Source
from _validate import Fields, load_front_matter, read_text
from _vn import format_date, slugify

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

NEWS_DIR = "tin-tuc/"
FIELDS = {"title", "date", "updated", "summary", "provinces", "topics", "source", "cover", "cover_alt", "image",
          "image_alt", "author", "draft", "slug", "description", "hide", "template", "search"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_IMAGE_NO_ALT = re.compile(r"!\[\s*\]\(")
_IMAGE_TYPES = "PNG, JPEG, GIF hoặc WebP"


def load_articles(files: Files, config: MkDocsConfig, b: Build) -> None:
    """Every article into `b.articles` (published, newest first) or `b.held_back`; each gets its URL."""
    by_slug: dict[str, Article] = {}
    # What an article is checked against, besides its own file: the unit and topic slugs.
    against = (frozenset(b.registry.units), frozenset(b.topics))
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        if not _is_article(file):
            continue
        article = _checked_article(file, against, b)
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
        b.shown_articles[file.src_uri] = article
        reason = b.held_back_reason(draft=article.draft, date=article.date)
        if reason is None:
            b.articles.append(article)
            continue
        b.held_back.append(HeldBack(article.path, reason))
        if b.command != "serve":
            files.remove(file)
            del b.shown_articles[file.src_uri]
    b.articles.sort(key=lambda a: (a.date, a.slug), reverse=True)


def _is_article(file: File) -> bool:
    """Articles are Markdown files under tin-tuc/ written by an editor, other than a listing page."""
    return (file.src_uri.startswith(NEWS_DIR) and file.src_uri.endswith(".md") and not file.generated_by
            and Path(file.src_uri).name != "index.md")


def _checked_article(file: File, against: tuple[frozenset[str], frozenset[str]], b: Build) -> Article | None:
    """The article checked from its file; under the preview, kept from an earlier build if the file is unchanged
    (hooks/_kept.py). Each build gets its own copy, with this build's file and its cover found again."""
    source = Path(file.abs_src_path)
    article = kept(("article", source), (stamps([source]), against), b.problems, lambda: _read_article(file, b))
    return None if article is None else dataclasses.replace(article, file=file, cover=None)


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
                      authors=authors, updated=updated, image=image, image_alt=image_alt, draft=draft,
                      image_line=f.line(key), image_key=key,
                      digest=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
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


def _resolve_cover(article: Article, files: Files, b: Build) -> None:
    """Find the cover image in content/ (a path as in Markdown, from the article's folder) and read its size."""
    if article.image is None:
        return
    line, key = article.image_line, article.image_key
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
    article.cover = Cover(image, *size, alt=article.image_alt or "")
