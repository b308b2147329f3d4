"""Site-wide set-up: the build clock, registry and topics, Vietnamese slugs, Jinja filters, and the fragment cache."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape
from mkdocs.plugins import event_priority, get_plugin_logger

from _registry import load_registry
from _state import Build, Topic, build, start
from _validate import Fields, LineDict, Problems, load_yaml, read_text, split_front_matter, strip_hidden
from _vn import build_date, fold, format_date, nfc, slugify, toc_slugify

log = get_plugin_logger("nscl")

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

_command = "build"


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is `serve` (drafts are previewed) or `build`."""
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start a fresh build: clock, registry and topics; ASCII heading anchors."""
    root = Path(config.config_file_path).resolve().parent
    problems = Problems(settings=Path(config.config_file_path))  # mkdocs.yml, for the line of a bad setting
    data = root / "data"
    registry = load_registry(data / "provinces.yml", "data/provinces.yml", problems)
    topics = _load_topics(data / "topics.yml", "data/topics.yml", problems)
    start(Build(config=config, root=root, day=build_date(), command=_command, registry=registry,
                topics=topics, problems=problems))
    # Python-Markdown's default anchor slugify drops Vietnamese letters ("Đà Nẵng" -> "a-nang").
    config.mdx_configs.setdefault("toc", {})["slugify"] = toc_slugify
    # Edit links need the repository (REPO_URL, set by the deploy workflow); a local build has none.
    if not config.repo_url:
        config.edit_uri = None
    return config


@event_priority(-100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """After every other hook: title, description and author of every page become escaped Markup.

    Material prints them without `| e` (in the navigation of every page, the head, the header), so a
    `<` or `&` an editor types in front matter or data would otherwise reach the HTML as markup.
    """
    for key in ("title", "description", "author"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(strip_hidden(nfc(value)))  # as the loaders read it (a preview may hold either)
    if not page.meta and build().problems.errors:  # only in a preview with problems (a build stops before):
        markdown = split_front_matter(markdown)[1]  # a front matter MkDocs could not read is not shown as text
    return nfc(markdown)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Filters the templates use: Vietnamese dates, slugs and folded text."""
    env.filters["vn_date"] = format_date
    env.filters["slugify"] = slugify
    env.filters["fold"] = fold
    env.globals["nscl_cached"] = _fragments(build())
    return env


def _fragments(b: Build) -> Callable[..., str]:
    """`{% call nscl_cached(name, page, nav, base_url) %}...{% endcall %}`: a fragment rendered once per variant.

    Links in the fragment are relative to the page, so a variant is the page's parent folder (pages side
    by side get the same relative links) with the navigation items marked active. A page that is itself in
    the navigation, or has navigation pages below it, is always rendered afresh (Material draws the
    page's table of contents there; links to pages below it differ).
    `NSCL_FRAGMENT_CACHE=0` turns the cache off; `=check` renders every reused fragment again and reports
    any difference as an error (the tests build with it).
    """
    cache: dict[tuple[Any, ...], str] = {}
    mode = os.environ.get("NSCL_FRAGMENT_CACHE", "1")
    stats = b.extra["fragment_stats"] = {"mode": mode, "reused": 0, "variants": 0}

    # A page draws several fragments in a row: its variant is worked out once, for the page being drawn.
    current: list[Any] = [None, None]

    def variant(page: Page, nav: Navigation, base_url: str) -> tuple[Any, ...] | None:
        if current[0] is not page:
            shared = page.url and page not in nav.pages and not any(o.url.startswith(page.url) for o in nav.pages)
            parent = posixpath.dirname(page.url.rstrip("/"))
            current[:] = [page, (parent, page.url.endswith("/"), base_url, tuple(_active(nav.items)))
                                if shared else None]
        return current[1]

    def cached(name: str, page: Page | None, nav: Navigation | None, base_url: str, *,
               caller: Callable[[], str]) -> str:
        found = variant(page, nav, base_url) if mode != "0" and page is not None and nav is not None else None
        if found is None:
            return caller()
        key = (name, *found)
        if key not in cache:
            cache[key] = caller()
            stats["variants"] += 1
            return cache[key]
        stats["reused"] += 1
        if mode == "check" and caller() != cache[key]:
            log.error(f"Bộ đệm mẫu trang: phần '{name}' của trang {page.url} khác bản đã dùng lại (hooks/site.py)")
        return cache[key]

    return cached


def on_post_build(*, config: MkDocsConfig) -> None:
    """Under `NSCL_FRAGMENT_CACHE=check`, say how much the fragment cache was used and checked."""
    stats = build().extra.get("fragment_stats") or {}
    if stats.get("mode") == "check":
        log.info(f"Bộ đệm mẫu trang: {stats['variants']} biến thể, dùng lại {stats['reused']} lần, đã kiểm tra")


def _active(items: list[Any]) -> Iterator[str]:
    """The titles of the active navigation items, depth first."""
    for item in items:
        if item.active:
            yield item.title or ""
            yield from _active(getattr(item, "children", None) or [])


def _load_topics(path: Path, file: str, problems: Problems) -> dict[str, Topic]:
    """The controlled topic list from data/topics.yml."""
    text = read_text(path, file, problems)
    data = load_yaml(text, file, problems) if text is not None else None
    if not isinstance(data, LineDict):
        if data is not None:  # an unreadable or empty file is already reported
            problems.error(file, 1, "topics", "một danh sách chủ đề", "tệp trống hoặc sai cấu trúc")
        return {}
    topics: dict[str, Topic] = {}
    for item in Fields(data, file, problems).items("topics"):
        item.unknown({"slug", "name", "description"})
        slug, name, description = item.text("slug"), item.text("name"), item.text("description")
        if slug and slug != slugify(slug):
            item.error("slug", f"chữ thường không dấu nối bằng '-' (ví dụ '{slugify(slug)}')", slug)
        elif slug in topics:
            item.error("slug", "mỗi chủ đề một slug riêng", slug)
        elif slug and name and description:
            topics[slug] = Topic(slug, name, description)
    return topics
