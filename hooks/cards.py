"""Pictures: a social preview card for each page that is shared, and the renditions of article covers.

Cards (hooks/_cards.py draws them): every page whose view has a card of its own (an article, a video, a
unit page, the overview, the home page: `PageView.card`) gets a 1200x630 PNG of its own; every other page
gets the home page's. An article with a cover shows its cover instead (cropped to 1200x630). The page's head
links it (`og:image`, its size and description, `twitter:card`), through `nscl_card` in the context
(overrides/partials/nscl-head-meta.html).

Covers: in `on_files`, each article's checked cover gets WebP renditions for `srcset` and its preview crop,
kept on the build (`Build.covers`); templates get them through the `nscl_cover` filter.

Cost: every picture is kept in `.cache/cards/` under a digest of what it shows, and drawn only when that
changes; the workflow keeps the folder between runs (actions/cache). The build log says how many were
drawn and how many reused. `NSCL_CARDS=0` turns pictures off (the benchmark's baseline).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

import _cards
import _fonts
import _urls
from _articles import Article
from _cards import Cache, Card, CardRef, Pictures
from _covers import CoverImage, Rendition
from _home import home_card
from _news import ArticleView
from _state import Build, build

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("nscl")

CACHE_DIR = ".cache/cards"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """This build's pictures (none when `NSCL_CARDS=0`); each checked cover's renditions, added to the site."""
    b = build()
    if os.environ.get("NSCL_CARDS", "1") == "0":
        return files
    b.pictures = Pictures(Cache(b.root / CACHE_DIR), Path(config.site_dir), (config.site_url or "").rstrip("/") + "/")
    start = time.perf_counter()
    _add_covers(files, config, b)
    b.pictures.seconds += time.perf_counter() - start
    return files


def _add_covers(files: Files, config: MkDocsConfig, b: Build) -> None:
    """The renditions of every cover of the content model (srcset widths and the 1200x630 preview)."""
    cache = b.pictures.cache
    added: set[str] = set()

    def add(url: str, path: Path) -> None:
        # Two articles may share a picture: one file for both.
        if url not in added:
            added.add(url)
            files.append(File.generated(config, url, abs_src_path=str(path)))

    for src_uri, cover in sorted((s, a.cover) for s, a in b.model.shown.items() if a.cover is not None):
        data = cover.path.read_bytes()
        width, height = cover.width, cover.height  # upright, as the model checked it (_picture_check)
        srcset = []
        for w in _cards.cover_widths(width):
            key = _cards.cover_key(data, f"w{w}")
            path = cache.get(key, ".webp", lambda w=w, d=data: _cards.cover_rendition(d, w))
            url = f"{_urls.COVERS}{key}.webp"
            add(url, path)
            srcset.append(Rendition(url, w, max(1, round(height * w / width))))
        key = _cards.cover_key(data, "preview")
        path = cache.get(key, ".jpg", lambda d=data: _cards.cover_preview(d))
        preview = Rendition(f"{_urls.COVERS}{key}.jpg", _cards.WIDTH, _cards.HEIGHT)
        add(preview.url, path)
        small = [r for r in srcset if r.width <= 800]
        b.covers[src_uri] = CoverImage(src=small[-1] if small else srcset[0], srcset=tuple(srcset),
                                       preview=preview, alt=cover.alt)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """`article | nscl_cover`: the article's cover renditions, or None."""
    covers = build().covers
    env.filters["nscl_cover"] = lambda article: covers.get(article.src_uri) if isinstance(article, Article) else None
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Give the page its preview image: the article's cover, its own card, or the home page's card."""
    b = build()
    if b.pictures is None:
        return context
    start = time.perf_counter()
    context["nscl_card"] = _preview(page, config, b)
    b.pictures.seconds += time.perf_counter() - start
    return context


def _preview(page: Page, config: MkDocsConfig, b: Build) -> CardRef:
    """What the head says of the page's preview image."""
    pictures = b.pictures
    view = b.pages.view(page.file.src_uri)
    cover = b.covers.get(view.article.src_uri) if isinstance(view, ArticleView) else None
    if cover is not None:
        return CardRef(pictures.site_url + cover.preview.url, cover.preview.width, cover.preview.height, "image/jpeg",
                       cover.alt)
    title = Markup(page.title).unescape() if page.title else ""  # MkDocs' title, escaped by hooks/theme.py
    found = view.card(config.site_name, title) if view is not None else None
    if found is None:
        if pictures.home is None:
            pictures.home = _draw(home_card(config.site_name), None, b)
        return pictures.home
    card, file, line = found
    ref = _draw(card, (file, line), b)
    if page.is_homepage:
        pictures.home = ref
    return ref


def on_post_build(*, config: MkDocsConfig) -> None:
    """Say how many pictures were drawn and reused; a build (not a preview) drops what it did not use."""
    b = build()
    if b.pictures is None:
        return
    cache = b.pictures.cache
    start = time.perf_counter()
    pruned = cache.prune() if b.session.command == "build" else 0
    b.pictures.seconds += time.perf_counter() - start
    log.info(f"Ảnh xem trước và ảnh bìa: vẽ mới {cache.drawn}, dùng lại {cache.reused} từ {CACHE_DIR}/"
             + (f", xóa {pruned} ảnh không còn dùng" if pruned else "") + f" ({b.pictures.seconds:.2f} s)")


def _draw(card: Card, where: tuple[str, int | None] | None, b: Build) -> CardRef:
    """The card's file in the cache (drawn if missing) linked into the site; what the head says of it."""
    pictures = b.pictures
    shown = card  # the page's text, whole, for the picture's description
    if _cards.missing("".join(card.texts)):
        for text in card.texts:
            gone = _cards.missing(text)
            if not gone or where is None:
                continue
            # A real letter of a script the fonts lack costs the card one character, not the page: a note.
            # A private-use or unassigned character is garbled text the page shows too: a warning.
            if _fonts.unusual(gone):
                b.problems.warn(where[0], where[1], "title", "chữ của một ngôn ngữ", _fonts.left_out(text, gone))
            else:
                log.info(f"{where[0]}: {_fonts.left_out(text, gone)}")
        card = _cards.without_missing(card)
    key = _cards.card_key(card)
    path = pictures.cache.get(key, ".png", lambda: _cards.draw_card(card))
    url = f"{_urls.CARDS}{key}.png"
    if not pictures.folder_made:
        (pictures.site_dir / _urls.CARDS).mkdir(parents=True, exist_ok=True)
        pictures.folder_made = True
    _cards.place(path, pictures.site_dir / url)
    alt = f"{shown.kind}: {shown.title}. {shown.meta}" + (
        f". {shown.figure} {shown.figure_label}" if shown.figure else "")
    return CardRef(pictures.site_url + url, _cards.WIDTH, _cards.HEIGHT, "image/png", alt)
