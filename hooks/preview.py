"""The preview (`./run serve`): a save redraws only the pages that show what changed.

`./run serve` runs MkDocs' `serve --dirty`: MkDocs then reads, converts and draws only the pages whose
output file is missing or older than their source, and keeps the rest of the previous build's output.
On its own that leaves listings, neighbours and the home page stale. This hook makes it right: every
page's digest covers what it shows (its view, declared where it is made: hooks/_pages.py) and what
every page shows (templates, hooks, configuration, registry, navigation, the set of pages); before
MkDocs draws, the output of each page whose digest changed is removed, so MkDocs draws it again, and
the output of a page that no longer exists is removed. A change to the templates, hooks or configuration
redraws everything. `./run build` and CI never take this path (no `--dirty`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

from _kept import stamps
from _state import Article, build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

log = get_plugin_logger("nscl")

# What every page shows, besides its own view: a change here redraws the whole site.
SITE_INPUTS = ("mkdocs.yml", "overrides", "hooks", "data/provinces.yml", "data/topics.yml", "data/video-kinds.yml")
ALL = "*"

_on = False
_sources: Path | None = None
# Output path (relative to site_dir) -> digest of what it showed when last drawn; ALL -> the site's digest.
_drawn: dict[str, str] = {}


class _DirtyNotice(logging.Filter):
    """MkDocs warns in English on every `--dirty` build that links may be stale: here they are not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(*, command: str, dirty: bool) -> None:
    """On for `mkdocs serve --dirty` only; generated pages get a scratch folder for their sources."""
    global _on, _sources
    _on = command == "serve" and dirty
    if _on:
        _sources = Path(tempfile.mkdtemp(prefix="nscl-preview-"))
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


@event_priority(-50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Generated pages are backed by files in the scratch folder (after hooks/site.py starts the build)."""
    if _on:
        build().preview_sources = _sources
    return config


@event_priority(-100)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Remove the output of every page whose digest changed, and of every page that is gone."""
    if not _on:
        return nav
    b = build()
    site = Path(config.site_dir)
    pages = files.documentation_pages()
    whole = _site_digest(b.root, nav, [f.url for f in pages])
    shared: dict[int, str] = {}
    digests = {f.dest_uri: view_digest(b.views.get(f.src_uri), shared) for f in pages}
    redraw_all = _drawn.get(ALL) != whole
    stale = [d for d, value in digests.items() if redraw_all or not value or _drawn.get(d) != value]
    gone = [d for d in _drawn if d != ALL and d not in digests]
    for dest in [*stale, *gone]:
        (site / dest).unlink(missing_ok=True)
    for dest in gone:
        _prune(site, (site / dest).parent)
    _drawn.clear()
    _drawn.update(digests)
    _drawn[ALL] = whole
    if len(_drawn) > 1 and not redraw_all:
        log.info(f"Xem trước: vẽ lại {len(stale)} trang có thay đổi, bỏ {len(gone)} trang đã xóa")
    return nav


def on_shutdown() -> None:
    """Remove the scratch folder when the preview stops."""
    if _sources is not None:
        shutil.rmtree(_sources, ignore_errors=True)


def _site_digest(root: Path, nav: Navigation, urls: list[str]) -> str:
    """What every page shows: the site's inputs (by size and time of change), the navigation, the pages."""
    inputs = [item for path in (root / name for name in SITE_INPUTS)
              for item in (sorted(path.rglob("*")) if path.is_dir() else [path]) if item.is_file()]
    h = hashlib.sha256(repr(stamps(inputs)).encode())
    h.update(repr([(p.title, p.url) for p in nav.pages]).encode())
    h.update("\n".join(sorted(urls)).encode())
    return h.hexdigest()


def view_digest(view: Any, shared: dict[int, str]) -> str:
    """A digest that changes whenever what `view` shows does; "" if `view` cannot be written out (then the
    page is always redrawn: never wrongly kept).

    The view is written out by `pickle` (its C code does the strings, numbers, lists and dicts that make
    most of a view), with `_Writer` deciding how the project's objects are written.
    """
    try:
        return _Writer.digest(view, shared)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return ""


class _Writer(pickle.Pickler):
    """Writes out a view for `view_digest`: an article by its file's digest, an MkDocs file by its place and
    URL, any other dataclass by the digest of its fields.

    Listings, unit pages and the home page share the same articles, targets and statuses: each dataclass
    is digested once per build (`shared`, by object id). A reference back to an object still being
    written out (a target's plan, say) is written as its kind only.
    """

    # Each dataclass's field names; None for a class pickle writes itself.
    _fields: ClassVar[dict[type, tuple[str, ...] | None]] = {}

    def __init__(self, out: io.BytesIO, shared: dict[int, str], top: Any) -> None:
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared, self.top = shared, top

    @classmethod
    def digest(cls, value: Any, shared: dict[int, str]) -> str:
        """The digest of `value` written out."""
        out = io.BytesIO()
        cls(out, shared, value).dump(value)
        return hashlib.sha256(out.getvalue()).hexdigest()

    def reducer_override(self, obj: Any) -> Any:
        """How one object is written, as a tuple (pickle writes strings, lists and dicts itself)."""
        cls = type(obj)
        names = self._fields.get(cls, ())
        if names is None:  # pickle's own way: dates, enums, Markup, and the `str` and `tuple` written below
            return NotImplemented
        if isinstance(obj, File):
            return tuple, (("File", obj.src_uri, obj.url),)
        if isinstance(obj, Article) and obj.digest:
            # All of an article that depends on its own file is in the file's digest (hooks/_articles.py);
            # listings share the same articles, so each is written out once per build.
            key = id(obj)
            if key not in self.shared:
                self.shared[key] = self.digest(("Article", obj.digest, obj.file, obj.cover), self.shared)
            return str, (self.shared[key],)
        if not names:
            if not dataclasses.is_dataclass(cls):
                self._fields[cls] = None
                return NotImplemented
            names = self._fields[cls] = tuple(f.name for f in dataclasses.fields(cls))
        if obj is not self.top:
            return str, (self._once(obj),)
        return tuple, ((cls.__qualname__, *(getattr(obj, name) for name in names)),)

    def _once(self, obj: Any) -> str:
        """The digest of a dataclass, written out once per build."""
        key = id(obj)
        if key not in self.shared:
            self.shared[key] = f"<{type(obj).__name__}>"
            self.shared[key] = self.digest(obj, self.shared)
        return self.shared[key]


def _prune(site: Path, folder: Path) -> None:
    """Remove the empty folders left by a removed page, up to the site folder."""
    while folder != site and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
