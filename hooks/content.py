"""The content model: every article, video and plan, read and checked in one place (hooks/_content.py).

Runs before the hooks that make pages from it (news, videos, provinces, home, feeds), which read it
through `_state.build()`; hooks/validation.py then reports every problem of the run at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import _content
from _state import build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Load the content model for this build."""
    _content.load(files, config, build())
    return files
