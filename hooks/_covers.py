"""Article covers: the checked picture of an article, and the files made from it.

hooks/_articles.py checks `cover:`/`cover_alt:` and gives the article its `Cover`; hooks/cards.py makes the
renditions (`CoverImage`) and keeps them on the build (`Build.covers`), which the templates read through the
`nscl_cover` filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Cover:
    """An article's cover image: its path in content/, its address (the same path, URL-quoted), its file, its
    size in pixels and its description."""

    src: str
    url: str
    path: Path
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Rendition:
    """One file made from a cover: its URL relative to the site root and its size."""

    url: str
    width: int
    height: int


@dataclass(frozen=True)
class CoverImage:
    """What a template shows of a cover: the default file, every width for `srcset`, the description."""

    src: Rendition
    srcset: tuple[Rendition, ...]
    preview: Rendition  # 1200x630, for link previews
    alt: str
