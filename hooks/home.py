"""The home page: latest news and videos, the national headline figures and the small map, from the content
model (its view: hooks/_home.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

import _order
from _home import HomeView, home_view
from _state import build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

HOME_SOURCE = "index.md"


@event_priority(_order.HOME)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Say what the home page shows (its template reads it; the preview redraws it when that changes)."""
    b = build()
    b.pages.shows(HOME_SOURCE, home_view(b.model))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """The home page (content/index.md) uses the home template."""
    view = build().pages.view(page.file.src_uri)
    if isinstance(view, HomeView):
        page.meta.setdefault("template", view.template)
    return markdown
