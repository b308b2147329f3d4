"""The one cache of the hooks: what a process keeps from one build to the next, each entry under a key that
covers every input it was made from.

`./run serve` builds again in the same process on every save (MkDocs does not reload hooks), so the
preview can reuse what an earlier build read, checked or drew while its inputs are unchanged. Everything a
build keeps lives here, declared in `ENTRIES` with what its key covers; every other piece of state lives on
the build (`_state.Build`) and dies with it. A result read with a problem is never kept (`kept`), so a mistake
is reported on every build until it is fixed. `./run build` builds once: what it keeps is never used again.
`tests/test_cache.py` changes each input an entry names and checks that the build sees the change.

The session (`Session`) is what MkDocs says once, at start-up: which command runs.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from _problems import Problems

if TYPE_CHECKING:
    from _search import Reindexer

T = TypeVar("T")

# Every entry, and what its key covers (size and time of change stand for a file's bytes).
ENTRIES = MappingProxyType({
    "registry": "data/provinces.yml",
    "topics": "data/topics.yml",
    "kinds": "data/video-kinds.yml",
    "article": "the article's file; the unit and topic slugs it is checked against",
    "videos": "data/videos.yml and every media file in content/; kinds, unit and topic slugs",
    "plans": "every file of data/plans/; the registry and topics",
    "grid": "data/ban-do.yml; the registry (its current units and their names)",
    "scratch": "a generated page's front matter or a generated file's bytes (what its scratch file holds)",
    "open data": "the records of one file, its label and the site's address",
    "drawn": "what each page showed when the preview last drew it (its digest), and the site's digest",
    "made": "a page's view, under what it is made from (an article page's: its article, neighbours, context)",
    "views": "each page's view, kept while the next build's is equal to it (so its digest is kept too)",
    "digest": "the digest of a page's view and front matter, while the view is the very same object",
    "html": "an article page's HTML as last drawn; valid while the page's digest is the one drawn",
    "feed item": "an article's digest, address, categories, HTML and the site",
    "feed files": "a channel's items and texts; the site (its address, author and WebSub hub)",
    "feed run": "the channels' definitions and the site; each article with its HTML, and the videos",
    "editor": "the web editor's configuration (as `repr`), for its YAML text",
    "sanitized": "what the sanitizer removed from a page, under its file's size and time of change",
    "pictures in pages": "the site's pictures a page shows, under its file's size and time of change (each picture "
                         "is checked again on every build)",
    "templates": "a compiled template, by name (Jinja checks the source's checksum before using it)",
    "search": "what the preview handed the indexer of each searchable page (its copy on disk is the same)",
})


@dataclass
class Session:
    """The command this process runs, as MkDocs says in `on_startup` (before any build)."""

    command: str = "build"
    dirty: bool = False
    # Under the preview, the folder of the generated pages' source files (hooks/_pages.py).
    scratch: Path | None = None
    # Under the preview, what makes the search index again after a build (hooks/search.py, `_search.Reindexer`).
    reindexer: Reindexer | None = None
    # Under the preview, the thread writing the last build's feeds (hooks/feeds.py).
    feeds: threading.Thread | None = None
    # Whether the objects of the preview's first build are left out of garbage collection (hooks/preview.py).
    frozen: bool = False

    @property
    def preview(self) -> bool:
        """`./run serve`: `mkdocs serve --dirty`, which redraws only what changed (hooks/preview.py)."""
        return self.command == "serve" and self.dirty


@dataclass
class Cache:
    """Named entries, each a dict of values with the key they were made under."""

    session: Session = field(default_factory=Session)
    _entries: dict[str, dict[Hashable, tuple[object, Any]]] = field(
        default_factory=lambda: {name: {} for name in ENTRIES})

    def get(self, entry: str, name: Hashable, key: object) -> Any | None:
        """The value kept under `name` if it was made under `key` (compared with ==), else None."""
        kept = self._entries[entry].get(name)
        return kept[1] if kept is not None and kept[0] == key else None

    def put(self, entry: str, name: Hashable, key: object, value: Any) -> None:
        """Keep `value`, made under `key`."""
        self._entries[entry][name] = (key, value)

    def same(self, entry: str, name: Hashable, value: T) -> T:
        """`value`, or the value kept under `name` when it is equal to it (==): what was worked out for the kept
        object (its digest) is then kept with it. Keeps `value` otherwise."""
        kept = self._entries[entry].get(name)
        if kept is not None and type(kept[1]) is type(value) and kept[1] == value:
            return kept[1]
        self._entries[entry][name] = (None, value)
        return value

    def drop(self, entry: str, name: Hashable) -> None:
        """Forget what is kept under `name`."""
        self._entries[entry].pop(name, None)

    def names(self, entry: str) -> list[Hashable]:
        """The names kept in `entry`."""
        return list(self._entries[entry])

    def kept(self, entry: str, name: Hashable, key: object, problems: Problems, load: Callable[[], T]) -> T:
        """The value kept under `name` if its key is `key`; else `load()` it, and keep it if that recorded no
        problem."""
        kept = self._entries[entry].get(name)
        if kept is not None and kept[0] == key:
            return kept[1]
        before = problems.count
        value = load()
        if problems.count == before:
            self._entries[entry][name] = (key, value)
        else:
            self._entries[entry].pop(name, None)
        return value


def stamp(path: str | os.PathLike[str]) -> tuple[int, int]:
    """A file's time of change (ns) and size; (-1, -1) for one that cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


def stamps(paths: Iterable[str | os.PathLike[str]]) -> tuple[tuple[str, int, int], ...]:
    """Each file's path with its `stamp`."""
    return tuple((os.fspath(p), *stamp(p)) for p in paths)
