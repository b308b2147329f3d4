"""The content model of one build: configuration, clock, registry, articles, videos, plans, problems.

Reset in `on_config` (hooks/site.py), so nothing survives a rebuild under `mkdocs serve`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from _registry import Registry
from _validate import Problems
from _vn import format_date

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

    from _covers import Cover
    from _figures import Figure
    from _map import Grid
    from _plans import PlanData
    from _progress import Status
    from _videos import Kind, Video


@dataclass(frozen=True)
class Topic:
    """One entry of the controlled topic list (data/topics.yml)."""

    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class Source:
    """Where a piece of content comes from: a name and a link."""

    name: str
    url: str


@dataclass
class Article:
    """One news article, validated from its front matter."""

    file: File
    path: str
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
    # The cover image, once found in content/ (hooks/_articles.py).
    cover: Cover | None = None
    # A digest of the article's file: with `file` and `cover`, all that its pages show of it (the preview).
    digest: str = ""

    @property
    def url(self) -> str:
        """The article's URL relative to the site root, e.g. `tin-tuc/slug/`."""
        return self.file.url


@dataclass
class HeldBack:
    """A content item that this build does not publish, and why (listed in the build log)."""

    path: str
    reason: str


@dataclass
class Build:
    """Everything one build knows; one instance per `on_config`."""

    config: MkDocsConfig
    root: Path
    day: dt.date
    command: str
    registry: Registry
    topics: dict[str, Topic]
    problems: Problems = field(default_factory=Problems)
    # Published articles, newest first; every article with a page this build (previews too) by source path.
    articles: list[Article] = field(default_factory=list)
    shown_articles: dict[str, Article] = field(default_factory=dict)
    held_back: list[HeldBack] = field(default_factory=list)
    # Video kinds; every valid video (drafts and scheduled ones too); the published ones, newest first; and
    # why each held-back video is held back, by id.
    kinds: dict[str, Kind] = field(default_factory=dict)
    all_videos: list[Video] = field(default_factory=list)
    videos: list[Video] = field(default_factory=list)
    held_videos: dict[str, str] = field(default_factory=dict)
    # Plans of the units and the nation, and each target's progress by target id.
    plans: PlanData | None = None
    plan_status: dict[str, Status] = field(default_factory=dict)
    # Units with a plan in the data (the issuing units and the current units covering them), the tile grid
    # of the map (data/ban-do.yml) and the national headline figures.
    planned: frozenset[str] = frozenset()
    grid: Grid | None = None
    figures: list[Figure] = field(default_factory=list)
    # What each page shows besides its own text, by source path (hooks/_pages.py; the preview's digests).
    views: dict[str, Any] = field(default_factory=dict)
    # Every file of the build by source path and by output path, for the clash check of generated pages.
    taken: dict[str, File] = field(default_factory=dict)
    # Under the preview, the folder that holds generated pages' sources (hooks/preview.py); else None.
    preview_sources: Path | None = None

    def rel(self, path: Path | str) -> str:
        """A path as the editor sees it, relative to the project folder (`content/tin-tuc/a.md`)."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def held_back_reason(self, *, draft: bool, date: dt.date) -> str | None:
        """Why this build does not publish an item (a draft, or dated after the build date), else None."""
        if draft:
            return "bản nháp, draft: true"
        if date > self.day:
            return f"hẹn đăng ngày {format_date(date)}"
        return None

    @property
    def docs_rel(self) -> str:
        """The docs folder relative to the project (`content`)."""
        return self.rel(self.config.docs_dir)


_current: Build | None = None


def start(build_: Build) -> Build:
    """Make `build_` the current build (called once per `on_config`)."""
    global _current
    _current = build_
    return build_


def build() -> Build:
    """The current build; hooks call this instead of keeping state of their own."""
    if _current is None:
        raise RuntimeError("no build in progress: hooks/site.py must run first")
    return _current
