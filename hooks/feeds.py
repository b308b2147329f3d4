"""Feeds: RSS 2.0 and Atom for all news, each unit and each topic; JSON Feed 1.1; Media RSS for videos.

Which feeds exist is decided in `on_files`, from the content model (hooks/_channels.py), so every page's
head can link its feeds; each article's HTML is captured in `on_page_content`; the files are written in
`on_post_build` (hooks/_feeds.py), with the list of every feed and its digest that the deploy reads to tell the
WebSub hub which feeds changed (scripts/websub.py). Nothing in a feed depends on the clock: a feed is dated by its
newest item.
"""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority, get_plugin_logger

import _channels
import _order
import _urls
from _feeds import WEBSUB_LIST, Site, host_of, render, render_websub
from _state import build, cache

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from _cache import Cache
    from _content import Model

log = get_plugin_logger("nscl")


@event_priority(_order.FEEDS)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Decide every feed of the build, and add the page that lists them (/nguon-tin/)."""
    b = build()
    settings = b.feed_settings
    site = Site(url=config.site_url or "http://localhost/", name=config.site_name,
                author=settings.author or config.site_author or config.site_name,
                id_host=settings.id_host or host_of(config.site_url or ""), hub=settings.hub)
    b.feeds = _channels.plan(b.model, settings, site, config.site_description or "")
    front = {"title": _channels.PAGE_TITLE, "template": _channels.FeedsView.template,
             "description": _channels.PAGE_DESCRIPTION}
    b.pages.add(files, config, _urls.FEEDS, front, _channels.feeds_view(b.feeds, b.model.registry), source="mkdocs.yml",
                editable=False, in_nav=True)
    return files


@event_priority(_order.CAPTURE)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Keep each published article's HTML for the feeds' full text (its links are made absolute when the feeds
    are written, at the end of the build). The preview draws only the pages that changed: the others' HTML is
    the one kept from the build that drew them (hooks/_cache.py)."""
    b = build()
    article = b.feeds.articles.get(page.file.src_uri) if b.feeds else None
    if article is not None:
        b.cache.put("html", page.file.src_uri, article.digest, html)
    return html


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Autodiscovery links for the page's head."""
    b = build()
    keys = _channels.page_keys(b.feeds, b.model.registry, page.file.src_uri, page.url)
    context["nscl_feeds"] = _channels.head_links(b.feeds, keys)
    return context


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    """The 404 page, rendered without a page, still announces the site-wide feeds."""
    context["nscl_feeds"] = _channels.head_links(build().feeds, [])
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    """Fill every channel with its items and write the files whose items changed (linear in the items).

    Under the preview the feeds are written on another thread once the pages are: the browser shows the saved
    page without waiting for them, and the next save's build waits for them before it makes its own.
    """
    b = build()
    html = {a.src_uri: b.cache.get("html", a.src_uri, a.digest) or "" for a in b.model.articles}
    writing = partial(_write, b.feeds, b.model, html, b.cache, Path(config.site_dir))
    session = b.session
    if not session.preview:
        writing()
        return
    _wait_for_feeds()
    session.feeds = threading.Thread(target=lambda: log.info(f"Nguồn tin: xong, ghi lại {writing()} tệp"),
                                     name="nscl-feeds", daemon=True)
    session.feeds.start()


def on_shutdown() -> None:
    """The preview's last feeds are written before it stops."""
    _wait_for_feeds()


def _wait_for_feeds() -> None:
    """Wait until the feeds of the preview's last build are written."""
    thread = cache().session.feeds
    if thread is not None:
        thread.join()


def _write(run: _channels.FeedRun, m: Model, html: dict[str, str], kept: Cache, site_dir: Path) -> int:
    """Fill the channels and write the files of those whose items changed, then the list of every feed with its
    digest (when it changed); how many files were written."""
    # What every feed is made from: when the preview's save changed none of it, no feed is made again.
    made_from = (tuple(m.articles), tuple(html.values()), tuple(m.videos), run.site, tuple(run.channels.values()))
    listing = site_dir / WEBSUB_LIST
    if kept.get("feed files", "made from", made_from) is not None and listing.is_file() and all(
            (site_dir / c.path(f)).is_file() for c in run.channels.values() for f in c.formats):
        return 0
    _channels.fill(run, m, html, kept)
    written = 0
    files: dict[str, bytes] = {}
    for channel in run.channels.values():
        # The site is part of every file (its address, author and hub), not of the channel.
        made = (channel, run.site)
        output = kept.get("feed files", channel.key, made)
        if output is None or not all((site_dir / channel.path(f)).is_file() for f in output):
            output = render(channel, run.site)
            kept.put("feed files", channel.key, made, output)
            for fmt, data in output.items():
                target = site_dir / channel.path(fmt)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                written += 1
        files.update((channel.path(fmt), data) for fmt, data in output.items())
    data = render_websub(files, run.site)
    if not listing.is_file() or listing.read_bytes() != data:
        listing.parent.mkdir(parents=True, exist_ok=True)
        listing.write_bytes(data)
        written += 1
    kept.put("feed files", "made from", made_from, True)
    return written
