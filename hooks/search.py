"""Search: a Pagefind index of the site's content pages, written into `pagefind/` (hooks/_search.py).

Pages are handed to Pagefind's binary, in service mode beside the build, as soon as MkDocs has rendered them,
so it indexes on the second core while MkDocs renders on the first; the bundle is made and written once the
last searchable page has rendered, while listings and feeds are made. The build fails if a searchable page
has no content element to index, or if the pages sent or indexed differ from the searchable pages.

The preview draws only the pages that changed: it keeps what it handed the indexer of every page in a folder,
and after each build in which a searchable page was drawn again, added or removed, has Pagefind's command line
index that folder on the other core and puts the new bundle in place (`_search.Reindexer`, one run at a
time), so its search finds what was just written, a few seconds later.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

import _order
from _search import OUTPUT_DIR, ROOT_TAG, UNUSED, Indexer, Reindexer, SearchRun, indexer_copy
from _state import Build, build

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("nscl")


@event_priority(_order.LAST)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Render the pages kept out of search (listings) last, and note which pages the indexer waits for.

    Every page's front matter is known here (`search: exclude` included), and MkDocs renders pages in
    the order of `files`: moving the excluded ones to the end lets the bundle be written while they render.
    """
    b = build()
    later = b.session.preview and (Path(config.site_dir) / OUTPUT_DIR / "pagefind-entry.json").is_file()
    run = b.search = SearchRun(later=later)
    # The order is kept under the preview too (it is also the sitemap's order).
    for file in [f for f in files if f.is_documentation_page() and f.page is not None]:
        if _excluded(file.page):
            files.remove(file)
            files.append(file)
        else:
            run.searchable.add(file.src_uri)
    if later:
        # Pages gone, or kept out of search since: their copies go, and the index is made again.
        for src_uri in b.cache.names("search"):
            if src_uri not in run.searchable:
                url, _ = b.cache.get("search", src_uri, None)
                _copy_path(b, url).unlink(missing_ok=True)
                b.cache.drop("search", src_uri)
                run.changed = True
    else:
        # Counting a page that is not rendered only delays the bundle to the end of the build; never too early.
        run.unrendered.update(run.searchable)
    return env


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    """Hand each content page to the indexer; listings and pages marked `search: exclude` stay out."""
    b = build()
    run = b.search
    src_uri = page.file.src_uri
    if not _excluded(page):
        if ROOT_TAG not in output:
            # Material's markup changed: the page would silently be missing from search.
            run.unindexable.append(src_uri)
        else:
            url, copy = "/" + page.url, indexer_copy(output)
            if b.session.preview and b.cache.get("search", src_uri, None) != (url, copy):
                path = _copy_path(b, url)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(copy, encoding="utf-8")
                b.cache.put("search", src_uri, None, (url, copy))
                run.changed = True
            if not run.later:
                if run.indexer is None:
                    run.indexer = Indexer()
                run.indexer.add(url, copy)
    run.unrendered.discard(src_uri)
    if not run.later and not run.unrendered and run.indexer is not None and not run.indexer.writing:
        # Pagefind makes the bundle on the second core, and a thread writes it, while the build goes on.
        out = Path(config.site_dir) / OUTPUT_DIR
        shutil.rmtree(out, ignore_errors=True)
        run.indexer.start_writing(out, skip=UNUSED)
    return output


def _excluded(page: Page) -> bool:
    # A generated page the preview did not read again this build still has the front matter it was made with.
    meta = page.meta or build().pages.meta(page.file.src_uri)
    search = meta.get("search")
    return isinstance(search, dict) and search.get("exclude") is True


def on_post_build(*, config: MkDocsConfig) -> None:
    """Wait for the search bundle to be written; stop the build if it misses a searchable page."""
    b = build()
    run = b.search
    if run.unindexable:
        run.stop()
        raise PluginError(
            f"Tìm kiếm: {len(run.unindexable)} trang không có vùng nội dung '{ROOT_TAG}' để lập chỉ mục "
            f"(mẫu giao diện của Material đã đổi? xem ROOT_TAG trong hooks/search.py): "
            + ", ".join(sorted(run.unindexable)[:10]))
    out = Path(config.site_dir) / OUTPUT_DIR
    if run.later:
        if run.changed:
            session = b.session
            if session.reindexer is None:
                session.reindexer = Reindexer(_copy_path(b, "/").parent, out, log.info)
            session.reindexer.request()
        return
    indexer = run.indexer
    if indexer is None:
        shutil.rmtree(out, ignore_errors=True)
        log.info("Tìm kiếm: không có trang nào để lập chỉ mục")
        return
    try:
        if not indexer.writing:  # a page counted above was not rendered
            shutil.rmtree(out, ignore_errors=True)
            indexer.start_writing(out, skip=UNUSED)
        pages = indexer.pages
        if pages != len(run.searchable) and not run.unrendered:
            raise PluginError(f"Tìm kiếm: đã gửi {pages} trang cho Pagefind, nhưng trang web có "
                              f"{len(run.searchable)} trang cần tìm kiếm được (hooks/search.py)")
        indexer.finish_writing()
    finally:
        run.stop()
    log.info(f"Tìm kiếm: đã lập chỉ mục {pages} trang vào {OUTPUT_DIR}/")


def _copy_path(b: Build, url: str) -> Path:
    """Under the preview, the file that holds what the indexer is handed of the page at `url` (`/tin-tuc/x/`)."""
    return b.session.scratch / "search" / "site" / url.lstrip("/") / "index.html"


def on_build_error(*, error: Exception) -> None:
    """Stop the indexer when the build stops early."""
    _stop()


def on_shutdown() -> None:
    """Stop the indexer when MkDocs exits (for example `mkdocs serve` interrupted mid-build)."""
    _stop()


def _stop() -> None:
    """Stop this build's indexer, if one runs."""
    try:
        run = build().search
    except PluginError:
        return
    if run is not None:
        run.stop()
