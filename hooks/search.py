"""Search: a Pagefind index of the site's content pages, written into `pagefind/` after the build.

Pagefind splits its index into small chunks that the browser fetches per query, so a reader pays
nothing for search until they use it (Material's own search ships the whole index on every first
visit). The pages to index are copied to a temporary folder as they are rendered, and Pagefind's
binary indexes that folder once, after the build. Pagefind matches "nang suat" to "năng suất" but
keeps `đ` apart from `d`: each copy also carries its `đ` words folded to `d` ("Đồng" -> "dong") in a
metadata field, which is searchable and never shown; the page served is unchanged.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from _vn import fold

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger("nscl")

OUTPUT_DIR = "pagefind"
# Material's content element: everything a page says, without header, navigation or footer.
ROOT_TAG = '<article class="md-content__inner md-typeset">'
ROOT_SELECTOR = "article.md-content__inner"
# Inside the content, what is not the page's own text: anchors, edit button, dates, share links, neighbours.
EXCLUDE_SELECTORS = (".headerlink", ".md-content__button", ".nscl-article-meta__dates", ".nscl-share",
                     ".nscl-article-nav")
FOLD_META = "fold"
# Pagefind's bundles for its ready-made interfaces; the header box uses only the core library.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
_WORD = re.compile(r"\w+")


@dataclass
class _Run:
    """This build's indexer input: a temporary folder holding the pages to index, and their number."""

    folder: Path | None = None
    pages: int = 0


_run = _Run()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start with no pages (hooks are not reloaded by `mkdocs serve`)."""
    global _run
    _discard(_run)
    _run = _Run()
    return config


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    """Copy each content page for the indexer; listings and pages marked `search: exclude` stay out."""
    search = page.meta.get("search")
    excluded = isinstance(search, dict) and search.get("exclude") is True
    if excluded or ROOT_TAG not in output:
        return output
    if _run.folder is None:
        _run.folder = Path(tempfile.mkdtemp(prefix="nscl-search-"))
    target = _run.folder / page.file.dest_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_indexer_copy(output), encoding="utf-8")
    _run.pages += 1
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    """Index the copied pages with Pagefind's own binary and write the bundle into `site/pagefind/`."""
    out = Path(config.site_dir) / OUTPUT_DIR
    shutil.rmtree(out, ignore_errors=True)
    if _run.folder is None:
        log.info("Tìm kiếm: không có trang nào để lập chỉ mục")
        return
    try:
        _index(_run.folder, out)
    finally:
        _discard(_run)
    for name in UNUSED:
        (out / name).unlink(missing_ok=True)
    log.info(f"Tìm kiếm: đã lập chỉ mục {_run.pages} trang vào {OUTPUT_DIR}/")


def on_build_error(*, error: Exception) -> None:
    """Remove the indexer's temporary folder when the build stops early."""
    _discard(_run)


def _index(folder: Path, out: Path) -> None:
    """Run the Pagefind binary (shipped in the pinned `pagefind_bin` package, no download) over `folder`."""
    from pagefind_bin import get_executable

    command = [str(get_executable()), "--site", str(folder), "--output-path", str(out), "--root-selector",
               ROOT_SELECTOR, "--force-language", "vi", "--silent"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - fixed binary
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise PluginError(f"Không tạo được chỉ mục tìm kiếm (Pagefind, mã lỗi {result.returncode}): {detail}")


def _discard(run: _Run) -> None:
    """Delete a run's temporary folder, if it has one."""
    if run.folder is not None:
        shutil.rmtree(run.folder, ignore_errors=True)
        run.folder = None


def _indexer_copy(html: str) -> str:
    """What the indexer reads of a page: its content element only, with its `đ` words folded to `d`
    in a searchable metadata field (a copy a fifth of the page's size, so less to write and parse)."""
    start = html.find(ROOT_TAG)
    end = html.rfind("</article>") + len("</article>")
    content = html[start:end]
    words = sorted({fold(w) for w in {w for w in _WORD.findall(content) if "đ" in w or "Đ" in w}})
    field = f'<span data-pagefind-meta="{FOLD_META}:{escape(" ".join(words))}"></span>' if words else ""
    return f'<html lang="vi"><body>{ROOT_TAG}{field}{content[len(ROOT_TAG):]}</body></html>'
