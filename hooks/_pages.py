"""Pages of the build and what each shows: one registry, one way to add a page, one typed view per page.

Every hook that makes pages (news listings, videos, units, feeds) adds them through `Pages.add`, and a page
written by an editor that shows more than its text (an article's neighbours, the home page's latest news)
says so through `Pages.shows`. So that:
- a real file at the same place or address is a problem reported with the others, never a silent swap;
- the edit button of a generated page opens the data file it is made from (through `File.edit_uri`);
- every hook that draws for a page reads the same typed view (`PageView`), made where the page is made;
- the preview knows what each page shows, and redraws it only when that changes (hooks/preview.py).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from mkdocs.structure.files import File, InclusionLevel

import _urls
from _front_matter import dump_front_matter

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from _cache import Cache
    from _cards import Card
    from _problems import Problems

T = TypeVar("T")


def written(file: File) -> bool:
    """A page an editor writes (an article, the home page): a Markdown file of content/, not a generated one."""
    return file.is_documentation_page() and not file.generated_by and bool(file.abs_src_path)


class PageView:
    """What one page shows beyond its own Markdown, for its template, its preview card and the preview.

    Each kind of page subclasses it (hooks/_news.py, _video_pages.py, _unit_pages.py, _home.py, _channels.py):
    its template reads it as `view`, hooks/cards.py asks it for its card, hooks/preview.py digests it.
    """

    template: ClassVar[str | None] = None

    def card(self, site: str, title: str) -> tuple[Card, str, int | None] | None:
        """The page's own preview card and where its title comes from (file, line); None: the home page's.

        `site` is the site's name, `title` the page's title as the page shows it (MkDocs': the navigation's
        title of a page in the navigation, else its front matter's)."""
        return None


@dataclass(frozen=True)
class Pagination:
    """Where one page of a paginated listing is among its pages."""

    base: str  # the listing's first page, e.g. `chu-de/tfp/`
    number: int  # 1-based
    pages: int

    def url_of(self, number: int) -> str:
        """The address of page `number` of this listing."""
        return _urls.page_of(self.base, number)

    @property
    def url(self) -> str:
        """This page's address."""
        return self.url_of(self.number)

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


def paginate(base: str, items: Sequence[T], size: int) -> list[tuple[Pagination, Sequence[T]]]:
    """`items` in pages of `size`, each with its place; one empty page when there are none."""
    pages = max(1, math.ceil(len(items) / size))
    return [(Pagination(base, n, pages), items[(n - 1) * size:n * size]) for n in range(1, pages + 1)]


@dataclass
class Page:
    """One page the build knows the view of: its front matter when generated (None for an editor's file)."""

    meta: dict[str, Any] | None
    view: PageView


class Pages:
    """This build's pages with a view, by source path, and the files they must not collide with."""

    def __init__(self, problems: Problems, root: Path, cache: Cache) -> None:
        self.problems, self.root, self.cache = problems, root, cache
        self.by_source: dict[str, Page] = {}
        self._taken: dict[str, File] = {}
        self._edit_uris: dict[str, str] = {}

    def view(self, src_uri: str) -> PageView | None:
        """The view of the page made from `src_uri`, if it has one."""
        page = self.by_source.get(src_uri)
        return page.view if page is not None else None

    def meta(self, src_uri: str) -> dict[str, Any]:
        """The front matter a generated page was made with (empty for other pages)."""
        page = self.by_source.get(src_uri)
        return (page.meta if page is not None else None) or {}

    def made(self, name: str, key: object, make: Callable[[], T]) -> T:
        """Under the preview, the view of page `name` made by the last build from the same `key` (what it is made
        from, compared with ==), else `make()`: an unchanged page's view is not even made again."""
        if not self.cache.session.preview:
            return make()
        made = self.cache.get("made", name, key)
        if made is None:
            made = make()
            self.cache.put("made", name, key, made)
        return made

    def shows(self, src_uri: str, view: PageView) -> None:
        """Say what a page written by an editor shows besides its own text (an article, the home page)."""
        self.by_source[src_uri] = Page(None, self.same(src_uri, view))

    def same(self, name: str, value: T) -> T:
        """Under the preview, the last build's view of page `name` (or object shared by views) when it is equal
        to this one, else this one: hooks/preview.py then keeps its digest, and comparing the views that hold
        it is quick. A save works out again only what it changed."""
        return self.cache.same("views", name, value) if self.cache.session.preview else value

    def add(self, files: Files, config: MkDocsConfig, url: str, meta: dict[str, Any], view: PageView, *,
            source: str, editable: bool = True, in_nav: bool = False) -> File | None:
        """Add a generated Markdown page at `url`, whose body its template draws from `view`.

        `source` is what it is made from (`data/plans/hai-duong.yml`), for the clash message and, when
        `editable`, the edit button. Returns None when a file of the build already has its place (the
        problem is recorded).
        """
        src_uri = _urls.source_of(url)
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        scratch = self.cache.session.scratch
        if scratch is None:
            file = File.generated(config, src_uri, content=dump_front_matter(meta), inclusion=inclusion)
        else:
            # The front matter is compared as `repr`, so it is dumped again only when it changed.
            path = self._scratch(scratch, src_uri, repr(meta), lambda: dump_front_matter(meta).encode("utf-8"))
            file = File.generated(config, src_uri, abs_src_path=path, inclusion=inclusion)
        if not self._claim(files, file, source, meta.get("title")):
            return None
        # The edit button opens the data file (edit_uri points into docs_dir; MkDocs resolves the '..').
        file.edit_uri = self._edit_uri(source, config.docs_dir) if editable else None
        self.by_source[src_uri] = Page(meta, self.same(src_uri, view))
        return file

    def _edit_uri(self, source: str, docs_dir: str) -> str:
        """The edit link of a page made from `source`, relative to the docs folder (worked out once a source)."""
        if source not in self._edit_uris:
            self._edit_uris[source] = os.path.relpath(os.path.join(self.root, source), docs_dir).replace(os.sep, "/")
        return self._edit_uris[source]

    def add_file(self, files: Files, config: MkDocsConfig, src_uri: str, data: bytes, *, source: str) -> None:
        """Add a generated file that is copied as it is (open data, for example)."""
        scratch = self.cache.session.scratch
        if scratch is None:
            file = File.generated(config, src_uri, content=data)
        else:
            file = File.generated(config, src_uri, abs_src_path=self._scratch(scratch, src_uri, data, lambda: data))
        self._claim(files, file, source, None)

    def _scratch(self, folder: Path, src_uri: str, said: str | bytes, content: Callable[[], bytes]) -> str:
        """Under the preview, the file in the scratch `folder` that backs a generated page or data file.

        A file held in memory always counts as modified, so MkDocs' `--dirty` check would draw or copy it on
        every save; a file on disk whose time of change moves only when its bytes do lets MkDocs skip it.
        `said` is what the file was made from (compared with the last build's), `content` makes its bytes.
        """
        path = os.path.join(folder, src_uri)
        if self.cache.get("scratch", path, said) is None:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            data = content()
            if not os.path.isfile(path) or Path(path).read_bytes() != data:
                Path(path).write_bytes(data)
            self.cache.put("scratch", path, said, True)
        return path

    def _claim(self, files: Files, file: File, source: str, title: str | None) -> bool:
        """Append `file` unless a file of the build already has its place or address (a recorded problem)."""
        taken = self._taken
        if not taken:
            for existing in files:
                taken[existing.src_uri] = taken[existing.dest_uri] = existing
        clash = taken.get(file.src_uri) or taken.get(file.dest_uri)
        if clash is not None:
            where = (Path(os.path.relpath(clash.abs_src_path, self.root)).as_posix()
                     if clash.abs_src_path and not clash.generated_by else clash.src_uri)
            page = f"trang '{title}'" if title else "một trang"
            self.problems.error(where, None, "địa chỉ trang",
                                f"một địa chỉ khác '{file.url or file.src_uri}', nơi trang web tự tạo {page} từ "
                                f"{source} (đổi tên hoặc xóa tệp này; với bài tin, đổi 'slug:')", "trùng địa chỉ")
            return False
        files.append(file)
        taken[file.src_uri] = taken[file.dest_uri] = file
        return True
