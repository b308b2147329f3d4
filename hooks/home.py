"""The home page: latest news and videos, the national headline figures and the small map, from the content model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from _map import unit_map
from _pages import shows
from _state import build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

LATEST_NEWS = 6
LATEST_VIDEOS = 4


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Say what the home page shows (the preview redraws it when that changes)."""
    b = build()
    shows(b, "index.md", (b.articles[:LATEST_NEWS], b.videos[:LATEST_VIDEOS], b.figures, b.grid, b.planned))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """The home page (content/index.md) uses the home template."""
    if page.file.src_uri == "index.md":
        page.meta.setdefault("template", "home.html")
    return markdown


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Give the home template only the few items it shows (constant work, whatever the site's size)."""
    if page.file.src_uri == "index.md":
        b = build()
        context["latest_articles"] = b.articles[:LATEST_NEWS]
        context["latest_videos"] = b.videos[:LATEST_VIDEOS]
        context["registry"] = b.registry
        context["nscl_figures"] = b.figures
        context["nscl_map"] = unit_map(b)
    return context
