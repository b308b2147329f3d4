"""One build: its configuration, clock, problems, content model, pages, and what each hook keeps while it draws.

`Build` is made in `on_config` (hooks/model.py) and dies with the build, so nothing survives a rebuild under
`mkdocs serve` except what the one cache keeps (hooks/_cache.py). These two, the current build and the
cache, are the hooks' only module-level state.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from _cache import Cache, Session
from _pages import Pages
from _problems import Problems

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from _cards import Pictures
    from _channels import FeedRun
    from _content import Model
    from _covers import CoverImage
    from _fragments import Fragments
    from _search import SearchRun
    from _settings import FeedSettings, NewsSettings


@dataclass
class Build:
    """Everything one build knows; one instance per `on_config`."""

    config: MkDocsConfig
    root: Path
    day: dt.date
    problems: Problems
    cache: Cache
    pages: Pages
    news: NewsSettings
    feed_settings: FeedSettings
    # The content model (hooks/_content.py), loaded in `on_files` before any page is made from it.
    content: Model | None = None
    # What the drawing hooks keep for this build: cover renditions by article source path (hooks/cards.py),
    # the pictures' cache and counters, the feeds, search, the navigation's fragments (hooks/theme.py).
    covers: dict[str, CoverImage] = field(default_factory=dict)
    pictures: Pictures | None = None
    feeds: FeedRun | None = None
    search: SearchRun | None = None
    fragments: Fragments | None = None
    # When the build started (the preview says how long it took).
    started: float = field(default_factory=time.monotonic)

    @property
    def session(self) -> Session:
        """The command this process runs (`build` or the preview)."""
        return self.cache.session

    @property
    def model(self) -> Model:
        """The content model; hooks/model.py loads it before every other hook's `on_files`."""
        if self.content is None:
            raise PluginError("Lỗi của trang web: mô hình nội dung chưa được nạp (hooks/model.py phải có trong "
                              "danh sách 'hooks' của mkdocs.yml)")
        return self.content

    def rel(self, path: Path | str) -> str:
        """A path as the editor sees it, relative to the project folder (`content/tin-tuc/a.md`)."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()


_current: Build | None = None
_cache = Cache()


def cache() -> Cache:
    """The one cache of this process (hooks/_cache.py)."""
    return _cache


def start(build_: Build) -> Build:
    """Make `build_` the current build (called once per `on_config`, by hooks/model.py)."""
    global _current
    _current = build_
    return build_


def build() -> Build:
    """The current build; hooks call this instead of keeping state of their own."""
    if _current is None:
        raise PluginError("Lỗi của trang web: chưa có bản dựng nào (hooks/model.py phải có trong danh sách 'hooks' "
                          "của mkdocs.yml)")
    return _current
