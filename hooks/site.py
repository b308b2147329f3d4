"""Site-wide set-up: build clock, registry and topics, Vietnamese slugs, Jinja filters, patched Material templates."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from jinja2.bccache import Bucket, FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.plugins import event_priority, get_plugin_logger

import _theme
from _fragments import Fragments
from _kept import kept, stamps
from _registry import load_registry
from _state import Build, Topic, build, start
from _validate import Fields, LineDict, Problems, load_yaml, read_text, split_front_matter, strip_hidden
from _vn import build_date, fold, format_date, nfc, slugify, toc_slugify

log = get_plugin_logger("nscl")

# Compiled templates, kept for the next build (git-ignored, like the cards in .cache/cards/).
TEMPLATE_CACHE = ".cache/templates"

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
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
    # Kept while the files are unchanged (hooks/_kept.py): the same objects from build to build make the
    # preview's other keys, which hold them, cheap to compare.
    registry = kept("registry", stamps([data / "provinces.yml"]), problems,
                    lambda: load_registry(data / "provinces.yml", "data/provinces.yml", problems))
    topics = kept("topics", stamps([data / "topics.yml"]), problems,
                  lambda: _load_topics(data / "topics.yml", "data/topics.yml", problems))
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
    """Filters the templates use (Vietnamese dates, slugs, folded text); Material's templates load patched."""
    env.filters["vn_date"] = format_date
    env.filters["slugify"] = slugify
    env.filters["fold"] = fold
    _theme.install(env)
    env.globals["nscl_fragment"] = _fragments[0] = Fragments()
    env.globals["nscl_translator"] = _Translator()
    env.bytecode_cache = _TemplateCache(Path(os.environ.get("NSCL_TEMPLATE_CACHE") or build().root / TEMPLATE_CACHE))
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    """Say how much of the navigation was drawn once and reused (hooks/_fragments.py)."""
    fragments = _fragments[0]
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


# This build's fragment cache (made in on_env).
_fragments: list[Fragments | None] = [None]


class _TemplateCache(FileSystemBytecodeCache):
    """Compiled templates: in memory for the life of the process (the preview builds again on every save),
    and in `.cache/templates/` for the next build (`NSCL_TEMPLATE_CACHE` names another folder).

    Compiling Material's and the project's templates is a third of a small site's build. Jinja checks a
    checksum of the template's source before it uses compiled code, so a changed template (a Material
    upgrade, a patch in hooks/_theme.py, an edit in overrides/) is compiled again. Templates are keyed by
    name only, so that sites laid out in other folders (the tests' fixtures) share the compiled code.
    """

    _memory: ClassVar[dict[str, bytes]] = {}

    def __init__(self, directory: Path) -> None:
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # then every load misses and every dump fails quietly: the build only compiles as before
        super().__init__(str(directory))

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._memory.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        else:
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._memory[bucket.key] = bucket.bytecode_to_string()
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a read-only or full disk: the compiled code stays in memory for this process


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
