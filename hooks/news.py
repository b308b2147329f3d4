"""News: the listings (index, years, topics) around the articles, and what an article page shows.

Articles are read into the content model by hooks/model.py (hooks/_articles.py). Listing pages are
generated from it: the news index paginated under `tin-tuc/trang/N/`, one archive per year under
`tin-tuc/nam/<yyyy>/`, one page per topic under `chu-de/<slug>/`, and an index of years and of topics
(hooks/_news.py makes their views). Each article page gets its view: neighbours, places, topics, share links.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

import _order
from _news import ArticleContext, ArticleView, article_view, listings, neighbours
from _state import build
from _terms import TOPICS

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# What a news listing is made from (named when a real file takes its place).
NEWS_SOURCE = "content/tin-tuc"


@event_priority(_order.NEWS)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Each article page's view, and the listing pages around the articles."""
    b = build()
    m = b.model
    context = b.pages.same("article context", ArticleContext(m.registry, m.topics, m.unit_pages,
                                                              config.site_url or "", config.site_name))
    for src_uri, article, newer, older in neighbours(m.articles, m.shown.items()):
        reason = m.preview_reason(article.path)
        b.pages.shows(src_uri, b.pages.made(src_uri, (article, newer, older, context, reason),
                                            partial(article_view, article, newer, older, context, reason)))
    for listing in listings(m.articles, m.topics, b.news.page_size):
        meta = {"title": listing.title, "template": listing.template, "hide": ["toc"], "search": {"exclude": True}}
        # A topic's listing is edited in data/topics.yml; the others have nothing an editor could edit.
        topic = listing.kind == "topic"
        b.pages.add(files, config, listing.pagination.url, meta, listing, source=TOPICS.file if topic else NEWS_SOURCE,
                    editable=topic)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Give article pages their template, description and author."""
    view = build().pages.view(page.file.src_uri)
    if isinstance(view, ArticleView):
        article = view.article
        page.meta.setdefault("template", view.template)
        page.meta.setdefault("description", article.summary)
        if article.authors:
            # Material prints `author` as it is: a list of names would show as a Python list.
            page.meta["author"] = ", ".join(article.authors)
        if view.preview_reason:
            # A draft previewed under `serve` must never reach the search index.
            page.meta["search"] = {"exclude": True}
    return markdown
