"""Drawing pages: the templates' filters and globals, Material's templates patched as they load (hooks/_theme.py),
compiled templates kept for the next build, ASCII heading anchors, escaped titles, and each page's view
handed to its template as `view`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2.bccache import Bucket, FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.plugins import event_priority, get_plugin_logger

import _order
import _theme
import _urls
from _cache import Cache
from _fragments import Fragments
from _front_matter import split_front_matter
from _hidden import strip_hidden
from _state import build
from _vn import fold, format_date, nfc, slugify, toc_slugify

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("nscl")

# Compiled templates, kept for the next build (git-ignored, like the cards in .cache/cards/).
TEMPLATE_CACHE = ".cache/templates"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Heading anchors in ASCII: Python-Markdown's default slugify drops Vietnamese letters ("Đà Nẵng" -> "a-nang")."""
    config.mdx_configs.setdefault("toc", {})["slugify"] = toc_slugify
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Filters and globals the templates use; Material's templates load patched; compiled templates kept."""
    b = build()
    env.filters["vn_date"] = format_date
    env.filters["slugify"] = slugify
    env.filters["fold"] = fold
    env.globals["urls"] = _urls
    _theme.install(env)
    env.globals["nscl_fragment"] = b.fragments = Fragments()
    env.globals["nscl_translator"] = _Translator()
    folder = Path(os.environ.get("NSCL_TEMPLATE_CACHE") or b.root / TEMPLATE_CACHE)
    env.bytecode_cache = _TemplateCache(folder, b.cache)
    return env


@event_priority(_order.LAST)
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


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Hand the page's template its view (hooks/_pages.py): the one object every hook draws that page from."""
    context["view"] = build().pages.view(page.file.src_uri)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    """Say how much of the navigation was drawn once and reused (hooks/_fragments.py)."""
    fragments = build().fragments
    if fragments is not None and fragments.on:
        log.info(f"Thanh điều hướng: {fragments.drawn} bản vẽ, dùng lại {fragments.reused} lần")


class _Translator:
    """Material's translation lookup `t(key)` as a function that looks each key up once per build.

    overrides/partials/language.html hands it the project's Vietnamese, Material's language and its
    English fallback; the words stay in that template. Material calls `lang.t(...)` about 22 times a page:
    as a Jinja macro, 2 of the 48 profiled seconds of a 1,000-article build.
    """

    def __init__(self) -> None:
        self._words: dict[str, str] = {}

    def __call__(self, own: dict[str, str], material: Any, fallback: Any) -> Callable[[str], str]:
        """`t` for the given dictionaries (the same in every page of a build)."""
        words = self._words

        def t(key: str) -> str:
            if key not in words:
                words[key] = own.get(key) or str(material.t(key)) or str(fallback.t(key)) or key
            return words[key]

        return t


class _TemplateCache(FileSystemBytecodeCache):
    """Compiled templates: in the process's cache (the preview builds again on every save), and in
    `.cache/templates/` for the next build (`NSCL_TEMPLATE_CACHE` names another folder).

    Compiling Material's and the project's templates is a third of a small site's build. Jinja checks a
    checksum of the template's source before it uses compiled code, so a changed template (a Material
    upgrade, a patch in hooks/_theme.py, an edit in overrides/) is compiled again. Templates are keyed by
    name only, so that sites laid out in other folders (the tests' fixtures) share the compiled code.
    """

    def __init__(self, directory: Path, cache: Cache) -> None:
        self.cache = cache
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # then every load misses and every dump fails quietly: the build only compiles as before
        super().__init__(str(directory))

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.cache.get("templates", bucket.key, bucket.checksum)
        if code is not None:
            bucket.bytecode_from_string(code)
        else:
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.cache.put("templates", bucket.key, bucket.checksum, bucket.bytecode_to_string())
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a read-only or full disk: the compiled code stays in memory for this process
