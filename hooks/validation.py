"""Stop the build once, with every content problem of the run; list what is held back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from _state import build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = get_plugin_logger("nscl")


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Runs after every loader: report held-back items, then raise if anything was wrong."""
    b = build()
    # Nothing is dropped silently: every draft and scheduled item is named in the log.
    for item in sorted(b.held_back, key=lambda h: h.path):
        verb = "Xem trước, không xuất bản" if b.command == "serve" else "Không xuất bản"
        log.info(f"{verb}: {item.path} ({item.reason})")
    b.problems.raise_if_any()
    return files
