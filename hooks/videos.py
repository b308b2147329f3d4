"""Videos: the catalogue's lists and filter pages, and one page per video (views from hooks/_video_pages.py).

Pages: /video/ (newest first, paginated), /video/loai/<kind>/ and /video/tinh/<unit>/ (filters that are
plain links, so they work without JavaScript), and /video/<id>/ with a click-to-load player. Scheduled and
draft videos get a page only in a preview (`./run serve`), marked as such.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

import _order
import _urls
from _state import build
from _video_pages import VideoContext, VideoListing, VideoView, video_pages
from _videos import VIDEOS_FILE

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


@event_priority(_order.VIDEOS)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Every video list and page of the content model."""
    b = build()
    m = b.model
    shown = m.all_videos if m.previews else m.videos
    context = b.pages.same("video context", VideoContext(m.kinds, m.registry, m.topics, config.site_url or "",
                                                         config.site_name))
    for view in video_pages(m.videos, shown, kinds=m.kinds, registry=m.registry, topics=m.topics,
                            articles=m.articles, plan_units=m.plans.files if m.plans else [], held=m.held_videos,
                            context=context):
        url = view.video.url if isinstance(view, VideoView) else view.pagination.url
        # The /video/ page is in the navigation; the rest are reached from it.
        b.pages.add(files, config, url, {"template": view.template}, view, source=VIDEOS_FILE,
                    in_nav=url == _urls.VIDEOS)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """A video page's title, and a list's with its page number (escaped with every title, hooks/theme.py)."""
    view = build().pages.view(page.file.src_uri)
    if isinstance(view, VideoView):
        page.meta["title"] = view.video.title
    elif isinstance(view, VideoListing):
        page.meta["title"] = view.page_title
    return markdown
