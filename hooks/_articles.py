"""News articles: every Markdown file under content/tin-tuc/, read and checked into typed `Article`s.

An article's address is `tin-tuc/<slug>/` (`_urls.article`), the slug coming from `slug:` or else the file
name, never from the title, so editing a title keeps the address. Which articles are published (drafts and
articles dated after the build day are held back) is the content model's decision (hooks/_content.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import _urls
from _cache import Cache, stamp
from _covers import Cover
from _fields import Fields
from _front_matter import load_front_matter
from _picture_check import picture
from _problems import Problems
from _vn import format_date, slugify
from _yaml import read_text

if TYPE_CHECKING:
    import datetime as dt

    from mkdocs.structure.files import File, Files

FIELDS = frozenset({"title", "date", "updated", "summary", "provinces", "topics", "source", "cover", "cover_alt",
                    "image", "image_alt", "author", "draft", "slug", "description", "hide", "template", "search"})
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_IMAGE_NO_ALT = re.compile(r"!\[\s*\]\(")
_WORD = re.compile(r"\w+", re.UNICODE)
WORDS_PER_MINUTE = 200


@dataclass(frozen=True)
class Source:
    """Where a piece of content comes from: a name and a link."""

    name: str
    url: str


@dataclass(frozen=True)
class Article:
    """One news article, validated from its front matter. The same object serves every build while its file
    and what it is checked against are unchanged (hooks/_cache.py)."""

    src_uri: str  # the file under content/: `tin-tuc/x.md`
    path: str  # as the editor sees it: `content/tin-tuc/x.md`
    slug: str
    title: str
    date: dt.date
    summary: str
    provinces: tuple[str, ...]
    topics: tuple[str, ...]
    source: Source | None
    authors: tuple[str, ...]
    updated: dt.date | None = None
    image: str | None = None
    image_alt: str | None = None
    draft: bool = False
    image_line: int | None = None
    # Which front-matter key holds the cover: `cover` (or the older `image`).
    image_key: str = "cover"
    # Words of the body, for the reading time.
    words: int = 0
    # A digest of the article's file: with its cover, all that its pages show of it (the preview's digests).
    digest: str = ""
    # The cover image, once found in content/ (checked again on every build).
    cover: Cover | None = None

    @property
    def url(self) -> str:
        """The article's address relative to the site root: `tin-tuc/<slug>/`."""
        return _urls.article(self.slug)

    @property
    def minutes(self) -> int:
        """Minutes a reader needs for the body, at least one."""
        return max(1, round(self.words / WORDS_PER_MINUTE))


def load_articles(files: Files, docs_dir: str, units: frozenset[str], topics: frozenset[str],
                  problems: Problems, cache: Cache, rel: str) -> list[tuple[File, Article]]:
    """Every valid article with its file, by source path; each file gets the article's address.

    `rel` is the docs folder as the editor sees it (`content`). Each article is read again only when its file,
    or the unit and topic slugs it is checked against, changed since a build of this process read it.
    """
    by_slug: dict[str, Article] = {}
    # What an article is checked against besides its own file, as one digest (compared once per article).
    against = hashlib.sha256("\n".join([*sorted(units), "", *sorted(topics)]).encode()).hexdigest()
    result = []
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        if not _is_article(file):
            continue
        source = file.abs_src_path or ""
        article = cache.kept("article", source, (stamp(source), against), problems,
                             lambda file=file: _read_article(file, f"{rel}/{file.src_uri}", units, topics, problems))
        if article is None:
            continue
        if article.slug in by_slug:
            problems.error(article.path, None, "slug", "mỗi bài một địa chỉ riêng (đặt 'slug:' khác)",
                           f"'{article.slug}', trùng với {by_slug[article.slug].path}")
            continue
        by_slug[article.slug] = article
        file.dest_uri = _urls.output_of(article.url)
        if article.image is not None:
            article = dataclasses.replace(article, cover=_resolve_cover(article, files, rel, problems))
        result.append((file, article))
    return result


def _is_article(file: File) -> bool:
    """Articles are Markdown files under tin-tuc/ written by an editor, other than a listing page."""
    src = file.src_uri
    return (src.startswith(_urls.NEWS) and src.endswith(".md") and not file.generated_by
            and src.rsplit("/", 1)[-1] != "index.md")


def _read_article(file: File, path: str, units: frozenset[str], topics: frozenset[str],
                  problems: Problems) -> Article | None:
    """Read and check one article's front matter; record every problem, return None if unusable."""
    text = read_text(Path(file.abs_src_path), path, problems)
    if text is None:
        return None
    data, body, body_line = load_front_matter(text, path, problems)
    if data is None:
        return None
    # A missing field is reported on the line that closes the front matter, where the editor adds it.
    f = Fields(data, path, problems, missing_line=body_line - 1)
    f.unknown(FIELDS)
    title = f.text("title", max_length=200)
    date = f.date("date")
    updated = f.date("updated", required=False)
    summary = f.text("summary", max_length=400)
    provinces = f.choices("provinces", units, required=False, what="slug tỉnh/thành", listed_in="data/provinces.yml")
    topic_list = f.choices("topics", topics, what="chủ đề")
    draft = f.boolean("draft")
    source = _read_source(f)
    authors = _read_authors(f)
    key, alt_key = _cover_keys(f)
    image = f.text(key, required=False)
    image_alt = f.text(alt_key, required=False, max_length=250)
    if f.has(key) and not f.has(alt_key):
        # Point at the picture's line: that is where the editor added what needs the description.
        problems.error(path, f.line(key), alt_key, "lời mô tả ảnh cho người không nhìn thấy ảnh",
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
            problems.error(path, body_line + offset, "ảnh trong bài",
                           "lời mô tả ảnh trong ngoặc vuông, ví dụ ![Hội nghị tập huấn](anh.jpg)",
                           "ảnh không có mô tả")
    if None in (title, date, summary) or not topic_list:
        return None
    return Article(src_uri=file.src_uri, path=path, slug=slug or slugify(Path(file.src_uri).stem), title=title,
                   date=date, summary=summary, provinces=tuple(provinces), topics=tuple(topic_list), source=source,
                   authors=authors, updated=updated, image=image, image_alt=image_alt, draft=draft,
                   image_line=f.line(key), image_key=key, words=_WORD.subn("", body)[1],
                   digest=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())


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


def cover_source(article: Article) -> str:
    """The cover's path under content/: relative to the article's folder, or to content/ when it starts with /."""
    image = (article.image or "").strip()
    if image.startswith("/"):
        return posixpath.normpath(image.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(article.src_uri), image))


def _resolve_cover(article: Article, files: Files, rel: str, problems: Problems) -> Cover | None:
    """Find the cover image in content/ (a path as in Markdown, from the article's folder) and read its size."""
    line, key = article.image_line, article.image_key
    if "://" in article.image or article.image.startswith("//"):
        problems.error(article.path, line, key, f"một ảnh lưu trong {rel}/, không lấy từ trang web khác",
                       f"'{article.image}'")
        return None
    src = cover_source(article)
    image = files.get_file_from_path(src)
    if image is None or image.abs_src_path is None:
        problems.error(article.path, line, key,
                       f"đường dẫn tới một ảnh có trong {rel}/ (tính từ thư mục của bài viết)",
                       f"'{article.image}' (không tìm thấy {rel}/{src})")
        return None
    # Checked before anything decodes it: a broken file or a decompression bomb is named, never opened.
    found = picture(Path(image.abs_src_path))
    if found.size is None:
        problems.error(article.path, line, key, found.expected, f"'{article.image}': {found.found}")
        return None
    if found.problem:  # readable, but not as browsers show it: published, and the editor told what to do
        problems.warn(article.path, line, key, found.expected, f"'{article.image}': {found.found}")
    return Cover(src, image.url, Path(image.abs_src_path), *found.size, alt=article.image_alt or "")
