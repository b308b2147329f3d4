"""The build and its content model: the clock, the settings, and every article, video and plan, read and
checked in one place (hooks/_content.py) before any hook makes a page from them.

Runs first whatever the order of `hooks:` in mkdocs.yml (hooks/_order.py). Every other hook reads the
model through `_state.build().model`; hooks/validation.py reports every problem of the run at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _order
from _content import load_model
from _pages import Pages
from _problems import Problems
from _settings import FeedSettings, NewsSettings, check_agency
from _settings import read as read_settings
from _state import Build, build, cache, start
from _vn import build_date
from _yaml import SettingLines

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is `serve` (drafts are previewed; `--dirty`: the preview redraws what changed)."""
    session = cache().session
    session.command, session.dirty = command, dirty


@event_priority(_order.MODEL)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start a fresh build: clock, problems, settings."""
    if not config.use_directory_urls:
        # Every address of the site is a folder (hooks/_urls.py).
        raise PluginError("mkdocs.yml: trang web cần 'use_directory_urls: true' (địa chỉ mỗi trang là một thư mục)")
    root = Path(config.config_file_path).resolve().parent
    config_file = Path(config.config_file_path)
    problems = Problems(setting_line=SettingLines(config_file))  # a bad setting is named with its line
    kept = cache()
    start(Build(config=config, root=root, day=build_date(), problems=problems, cache=kept,
                pages=Pages(problems, root, kept), news=read_settings(config.extra, "news", NewsSettings, problems),
                feed_settings=read_settings(config.extra, "feeds", FeedSettings, problems)))
    check_agency(config.extra.get("agency"), problems)
    if not config.site_url:
        problems.error("mkdocs.yml", None, "site_url", "địa chỉ gốc của trang (nguồn tin cần liên kết tuyệt đối)",
                       "để trống")
    # Edit links need the repository (REPO_URL, set by the deploy workflow); a local build has none.
    if not config.repo_url:
        config.edit_uri = None
    return config


@event_priority(_order.MODEL)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Load the content model for this build."""
    b = build()
    b.content = load_model(files, root=b.root, docs_dir=config.docs_dir, day=b.day,
                           previews=b.session.command == "serve", problems=b.problems, cache=b.cache)
    return files
