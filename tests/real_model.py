"""The real project's content model, in-process: MkDocs runs its events up to `on_files` on a copy of the
project (half a second, nothing drawn or written), so a test holds the registry, plans, each target's status
and the generated files exactly as a build of the real content has them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files, get_files

import _content
import _state
from conftest import DEFAULT_DAY, epoch_of, make_site

SITE_URL = "https://example.org/nscl/"  # as conftest's builds


@dataclasses.dataclass
class Model:
    """What one build of the real content knows after `on_files`, and the files it generated."""

    build: _content.Model  # the build's content model
    files: Files

    def text(self, src_uri: str) -> str:
        """A generated file's text."""
        file = self.files.get_file_from_path(src_uri)
        assert file is not None, src_uri
        return file.content_string


def real_model(folder: Path) -> Iterator[Model]:
    """Lay out the real project in `folder` and run MkDocs to `on_files` (pictures off); for a module fixture."""
    root = make_site(folder / "site", fixture=None, real_content=True)
    with pytest.MonkeyPatch.context() as mp:
        for key, value in {"SOURCE_DATE_EPOCH": epoch_of(DEFAULT_DAY), "NO_MKDOCS_2_WARNING": "1",
                           "SITE_URL": SITE_URL, "NSCL_CARDS": "0"}.items():
            mp.setenv(key, value)
        mp.delenv("REPO_URL", raising=False)
        mp.chdir(root)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        b = _state.build()
        assert not b.problems.errors, b.problems.error_lines()
        yield Model(b.model, files)
        config.plugins.on_shutdown()
