"""The preview (`./run serve`): a save redraws only the pages that show what changed.

`./run serve` runs MkDocs' `serve --dirty`: MkDocs then reads, converts and draws only the pages whose
output file is missing or older than their source, and keeps the rest of the previous build's output.
On its own that leaves listings, neighbours and the home page stale. This hook makes it right: every
page's digest covers what it shows (its view, declared where it is made: hooks/_pages.py) and what
every page shows (templates, hooks, configuration, registry, navigation, the set of pages, and the
problems of the run, which every page lists in its banner); before MkDocs draws, the output of each page
whose digest changed is removed, so MkDocs draws it again, and the output of a page that no longer exists
is removed. A change to the templates, hooks, configuration or problems redraws everything. `./run build`
and CI never take this path (no `--dirty`).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority, get_plugin_logger

import _order
from _cache import stamps
from _digest import Digests
from _state import Build, build, cache

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

log = get_plugin_logger("nscl")

# What every page shows, besides its own view: a change here redraws the whole site.
SITE_INPUTS = ("mkdocs.yml", "overrides", "hooks", "data/provinces.yml", "data/topics.yml", "data/video-kinds.yml")
ALL = "*"


class _DirtyNotice(logging.Filter):
    """MkDocs warns in English on every `--dirty` build that links may be stale: here they are not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(*, command: str, dirty: bool) -> None:
    """Under `mkdocs serve --dirty` only: generated pages get a scratch folder for their sources."""
    session = cache().session
    if command == "serve" and dirty and session.scratch is None:
        session.scratch = Path(tempfile.mkdtemp(prefix="nscl-preview-"))
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


@event_priority(_order.LAST)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Remove the output of every page whose digest changed, and of every page that is gone."""
    b = build()
    if not b.session.preview:
        return nav
    site = Path(config.site_dir)
    pages = files.documentation_pages()
    whole = _site_digest(b.root, nav, [f.url for f in pages], b.problems.error_lines() + b.problems.warning_lines())
    digests = Digests()
    shown = {f.dest_uri: _digest(b, digests, f.src_uri) for f in pages}
    drawn = b.cache.get("drawn", "pages", None) or {}
    redraw_all = drawn.get(ALL) != whole
    stale = [d for d, value in shown.items() if redraw_all or not value or drawn.get(d) != value]
    gone = [d for d in drawn if d != ALL and d not in shown]
    for dest in [*stale, *gone]:
        (site / dest).unlink(missing_ok=True)
    for dest in gone:
        _prune(site, (site / dest).parent)
    b.cache.put("drawn", "pages", None, {**shown, ALL: whole})
    if len(drawn) > 1 and not redraw_all:
        log.info(f"Xem trước: vẽ lại {len(stale)} trang có thay đổi, bỏ {len(gone)} trang đã xóa")
    return nav


def _digest(b: Build, digests: Digests, src_uri: str) -> str:
    """The digest of what a page shows: kept while its view is the very object it was worked out from (the build
    keeps the last build's view when the new one is equal to it: hooks/_pages.py)."""
    page = b.pages.by_source.get(src_uri)
    if page is None:
        return digests.of(None)
    kept = b.cache.get("digest", src_uri, (id(page.view), page.meta))
    if kept is not None and kept[0] is page.view:
        return kept[1]
    digest = digests.of(page)
    b.cache.put("digest", src_uri, (id(page.view), page.meta), (page.view, digest))
    return digest


@event_priority(_order.LAST)
def on_post_build(*, config: MkDocsConfig) -> None:
    """After the preview's first build, what it made and keeps (articles, views, copies: most of the process) is
    left out of the garbage collector's rounds: each save then spends no time walking it again (a tenth of a
    save at 5,000 articles). Only what later builds make is collected, as usual."""
    session = build().session
    if session.preview and not session.frozen:
        gc.freeze()
        session.frozen = True


def on_shutdown() -> None:
    """Remove the scratch folder when the preview stops."""
    scratch = cache().session.scratch
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)


def _site_digest(root: Path, nav: Navigation, urls: list[str], problems: list[str]) -> str:
    """What every page shows: the site's inputs (by size and time of change), the navigation, the pages, and
    the problems of the run (the banner at the top of every page)."""
    inputs = [item for path in (root / name for name in SITE_INPUTS)
              for item in (sorted(path.rglob("*")) if path.is_dir() else [path]) if item.is_file()]
    h = hashlib.sha256(repr(stamps(inputs)).encode())
    h.update(repr([(p.title, p.url) for p in nav.pages]).encode())
    h.update("\n".join(sorted(urls)).encode())
    h.update("\n".join(problems).encode())
    return h.hexdigest()


def _prune(site: Path, folder: Path) -> None:
    """Remove the empty folders left by a removed page, up to the site folder."""
    while folder != site and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
