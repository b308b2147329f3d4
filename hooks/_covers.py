"""Article covers: the checked picture of each article and its renditions.

hooks/_articles.py checks `cover:`/`cover_alt:` and gives the article its `Cover` (the content model);
hooks/cards.py makes the renditions (`CoverImage`) in `on_files` and hands them to the templates through
the `nscl_cover` filter. They are reset in `on_config` by hooks/cards.py, so nothing survives a rebuild
under `mkdocs serve`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.structure.files import File

    from _state import Article


@dataclass(frozen=True)
class Cover:
    """An article's cover image: the file it is served from, its size in pixels and its description."""

    file: File
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


images: dict[str, CoverImage] = {}  # by the article's src_uri


def reset() -> None:
    """Forget the previous build's renditions."""
    images.clear()


def of(article: Article) -> CoverImage | None:
    """The renditions of an article's cover, if it has one."""
    return images.get(article.file.src_uri)
