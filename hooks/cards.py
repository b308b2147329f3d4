"""Pictures: a social preview card for each page that is shared, and the renditions of article covers.

Cards (hooks/_cards.py draws them): every article, video and unit page, the overview and the home page
gets a 1200x630 PNG of its own; every other page gets the home page's. An article with a cover shows its
cover instead (cropped to 1200x630). The page's head links it (`og:image`, its size and description,
`twitter:card`), through `nscl_card` in the context (overrides/partials/nscl-head-meta.html).

Covers: in `on_files`, each article's checked cover (hooks/news.py) gets WebP renditions for `srcset` and
its preview crop; templates get them through the `nscl_cover` filter.

Cost: every picture is kept in `.cache/cards/` under a digest of what it shows, and drawn only when that
changes; the workflow keeps the folder between runs (actions/cache). The build log says how many were
drawn and how many reused. `NSCL_CARDS=0` turns pictures off (the benchmark's baseline).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

import _cards
import _covers
from _cards import Cache, Card
from _covers import CoverImage, Rendition
from _state import Build, build
from _vn import format_date

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("nscl")

CACHE_DIR = ".cache/cards"
CARDS_DIR = "assets/cards/"
COVERS_DIR = "assets/covers/"


@dataclass(frozen=True)
class CardRef:
    """What the head of a page says about its preview image."""

    url: str  # absolute, from site_url
    width: int
    height: int
    type: str
    alt: str


@dataclass
class _Run:
    cache: Cache
    site_dir: Path
    site_url: str
    home: CardRef | None = None
    seconds: float = 0.0  # time spent in this hook, for the log
    folder_made: bool = False


_run: _Run | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """A fresh cache counter and cover store for this build; nothing when `NSCL_CARDS=0`."""
    global _run
    _covers.reset()
    _run = None
    if os.environ.get("NSCL_CARDS", "1") != "0":
        root = Path(config.config_file_path).resolve().parent
        _run = _Run(Cache(root / CACHE_DIR), Path(config.site_dir), (config.site_url or "").rstrip("/") + "/")
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Make each checked cover's renditions (from the cache when they are there) and add them to the site."""
    if _run is None:
        return files
    start = time.perf_counter()
    _add_covers(files, config)
    _run.seconds += time.perf_counter() - start
    return files


def _add_covers(files: Files, config: MkDocsConfig) -> None:
    """The renditions of every cover of the content model (srcset widths and the 1200x630 preview)."""
    assert _run is not None
    added: set[str] = set()

    def add(url: str, path: Path) -> None:
        # Two articles may share a picture: one file for both.
        if url not in added:
            added.add(url)
            files.append(File.generated(config, url, abs_src_path=str(path)))

    articles = build().shown_articles
    for src_uri, cover in sorted((s, a.cover) for s, a in articles.items() if a.cover is not None):
        data = Path(cover.file.abs_src_path or "").read_bytes()
        width, height = _cards.upright_size(data)
        srcset = []
        for w in _cards.cover_widths(width):
            key = _cards.cover_key(data, f"w{w}")
            path = _run.cache.get(key, ".webp", lambda w=w, d=data: _cards.cover_rendition(d, w))
            url = f"{COVERS_DIR}{key}.webp"
            add(url, path)
            srcset.append(Rendition(url, w, max(1, round(height * w / width))))
        key = _cards.cover_key(data, "preview")
        path = _run.cache.get(key, ".jpg", lambda d=data: _cards.cover_preview(d))
        preview = Rendition(f"{COVERS_DIR}{key}.jpg", _cards.WIDTH, _cards.HEIGHT)
        add(preview.url, path)
        small = [r for r in srcset if r.width <= 800]
        _covers.images[src_uri] = CoverImage(src=small[-1] if small else srcset[0], srcset=tuple(srcset),
                                             preview=preview, alt=cover.alt)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """`article | nscl_cover`: the article's cover renditions, or None."""
    env.filters["nscl_cover"] = _covers.of
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Give the page its preview image: the article's cover, its own card, or the home page's card."""
    if _run is None:
        return context
    start = time.perf_counter()
    context["nscl_card"] = _preview(page, context, config)
    _run.seconds += time.perf_counter() - start
    return context


def _preview(page: Page, context: dict, config: MkDocsConfig) -> CardRef:
    assert _run is not None
    b = build()
    article = context.get("article")
    cover = _covers.of(article) if article is not None else None
    if cover is not None:
        return CardRef(_run.site_url + cover.preview.url, cover.preview.width, cover.preview.height, "image/jpeg",
                       cover.alt)
    found = _card_for(page, context, config, b)
    if found is None:
        if _run.home is None:
            _run.home = _draw(_home_card(config), None, b)
        return _run.home
    card, where = found
    ref = _draw(card, where, b)
    if page.is_homepage:
        _run.home = ref
    return ref


def on_post_build(*, config: MkDocsConfig) -> None:
    """Say how many pictures were drawn and reused; a build (not a preview) drops what it did not use."""
    if _run is None:
        return
    cache = _run.cache
    start = time.perf_counter()
    pruned = cache.prune() if build().command == "build" else 0
    _run.seconds += time.perf_counter() - start
    log.info(f"Ảnh xem trước và ảnh bìa: vẽ mới {cache.drawn}, dùng lại {cache.reused} từ {CACHE_DIR}/"
             + (f", xóa {pruned} ảnh không còn dùng" if pruned else "") + f" ({_run.seconds:.2f} s)")


# ---------------------------------------------------------------------------------------------
# What each page's card shows: the one place that reads the other hooks' model


def _card_for(page: Page, context: dict, config: MkDocsConfig, b: Build) -> tuple[Card, tuple[str, int | None]] | None:
    """The card of a page and where its title comes from (file, line); None for pages without their own."""
    site = config.site_name
    src = page.file.src_uri
    article, video, view = context.get("article"), context.get("video"), context.get("nscl")
    if article is not None:
        names = [p.name for p in context["article_page"].provinces]
        where = ", ".join(names[:2]) + (f" và {len(names) - 2} tỉnh, thành khác" if len(names) > 2 else "")
        meta = " · ".join(x for x in (format_date(article.date), where) if x)
        return Card("Tin tức", article.title, meta, site), (article.path, None)
    if video is not None:
        kind = context["video_kinds"][video.kind].name
        places = [b.registry[p].short_name for p in video.provinces[:2] if p in b.registry.units]
        meta = " · ".join([format_date(video.date), video.duration_text, *places])
        return Card(f"Video · {kind}", video.title, meta, site), (video.file, video.line)
    if view is not None and src.startswith("tinh-thanh/") and hasattr(view, "own"):
        plans = [*view.own.plans, *(p for m in view.members for p in m.plans)]
        met = sum(1 for p in plans for t in p.targets
                  if getattr(view.status.get(t.id), "state", "") in ("met", "in-range"))
        meta = f"{view.plan_count} văn bản kế hoạch" + (f" · {met} chỉ tiêu đã đạt" if met else "")
        return (Card("Tỉnh, thành phố", page.title or view.unit.name, meta, site, str(view.target_count),
                     "chỉ tiêu có số"), (view.source_file or "data/provinces.yml", None))
    if view is not None and src == "tong-quan/index.md":
        targets = sum(len(g.targets) for g in view.groups)
        units = sum(1 for s in view.units.values() if s.plans)
        meta = f"{units} tỉnh, thành phố · {len(view.national)} văn bản quốc gia"
        return Card("Tổng quan", page.title or "", meta, site, str(targets), "chỉ tiêu của các tỉnh"), \
            ("data/plans", None)
    if page.is_homepage:
        return _home_card(config), ("mkdocs.yml", None)
    return None


def _home_card(config: MkDocsConfig) -> Card:
    return Card("Trang thông tin", config.site_name, "Tin tức · Video · Kế hoạch của các tỉnh, thành phố",
                "Chương trình quốc gia 2021-2030 · Quyết định 1322/QĐ-TTg")


# ---------------------------------------------------------------------------------------------


def _draw(card: Card, where: tuple[str, int | None] | None, b: Build) -> CardRef:
    """The card's file in the cache (drawn if missing) linked into the site; what the head says of it."""
    assert _run is not None
    if _cards.missing("".join(card.texts)):
        for text in card.texts:
            gone = _cards.missing(text)
            if gone and where is not None:
                b.problems.warn(where[0], where[1], "title",
                                "chữ có trong phông chữ của ảnh xem trước (Be Vietnam Pro)",
                                f"{', '.join(repr(c) for c in gone)} trong '{text}' (ảnh sẽ bỏ ký tự này)")
        card = _cards.without_missing(card)
    key = _cards.card_key(card)
    path = _run.cache.get(key, ".png", lambda: _cards.draw_card(card))
    url = f"{CARDS_DIR}{key}.png"
    if not _run.folder_made:
        (_run.site_dir / CARDS_DIR).mkdir(parents=True, exist_ok=True)
        _run.folder_made = True
    _cards.place(path, _run.site_dir / url)
    alt = f"{card.kind}: {card.title}. {card.meta}" + (
        f". {card.figure} {card.figure_label}" if card.figure else "")
    return CardRef(_run.site_url + url, _cards.WIDTH, _cards.HEIGHT, "image/png", alt)
