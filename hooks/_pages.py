"""Pages and files made from data: one way to add them, with the clash check, the edit link and the view.

Every hook that generates pages (news listings, videos, provinces, feeds) adds them here, so that:
- a real file at the same place or URL is a problem reported with the others, never a silent swap;
- the edit button of a generated page opens the data file it is made from (through `File.edit_uri`);
- the preview knows what each page shows (its view), and redraws it only when that changes (hooks/preview.py).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mkdocs.structure.files import File, InclusionLevel

from _validate import dump_front_matter

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from _state import Build

T = TypeVar("T")

# Under the preview: each scratch file (`_scratch`) and what it was last made from: a generated page's front
# matter (as `repr`), a generated data file's bytes.
_written: dict[Path, str | bytes] = {}


def add_page(files: Files, config: MkDocsConfig, b: Build, src_uri: str, meta: dict[str, Any], *, view: Any,
             source: str, editable: bool = True, in_nav: bool = False) -> File | None:
    """Add a generated Markdown page whose body is drawn by its template from `view`.

    `source` is what it is made from (`data/plans/hai-duong.yml`), for the clash message and, when
    `editable`, the edit button. Returns None when a file of the build already has its place (the
    problem is recorded).
    """
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    if b.preview_sources is None:
        file = File.generated(config, src_uri, content=dump_front_matter(meta), inclusion=inclusion)
    else:
        # The front matter is compared as `repr`, so it is dumped again only when it changed.
        path = _scratch(b.preview_sources, src_uri, repr(meta), lambda: dump_front_matter(meta).encode("utf-8"))
        file = File.generated(config, src_uri, abs_src_path=path, inclusion=inclusion)
    if not _claim(files, b, file, source, meta.get("title")):
        return None
    # The edit button opens the data file (edit_uri points into docs_dir; MkDocs resolves the '..').
    file.edit_uri = os.path.relpath(b.root / source, Path(config.docs_dir)).replace(os.sep, "/") if editable else None
    b.views[src_uri] = (meta, view)
    return file


def add_file(files: Files, config: MkDocsConfig, b: Build, src_uri: str, data: bytes, *, source: str) -> None:
    """Add a generated file that is copied as it is (open data, for example)."""
    if b.preview_sources is None:
        file = File.generated(config, src_uri, content=data)
    else:
        file = File.generated(config, src_uri, abs_src_path=_scratch(b.preview_sources, src_uri, data, lambda: data))
    _claim(files, b, file, source, None)


def _scratch(folder: Path, src_uri: str, said: str | bytes, content: Callable[[], bytes]) -> str:
    """Under the preview, the file in the scratch `folder` that backs a generated page or data file.

    A file held in memory always counts as modified, so MkDocs' `--dirty` check would draw or copy it on
    every save; a file on disk whose time of change moves only when its bytes do lets MkDocs skip it. `said`
    is what the file was made from (compared with the last build's), `content` makes its bytes.
    """
    path = folder / src_uri
    if _written.get(path) != said:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content()
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        _written[path] = said
    return str(path)


def shows(b: Build, src_uri: str, view: Any) -> None:
    """Say what a page written by an editor shows besides its own text (the home page's latest news)."""
    b.views[src_uri] = (None, view)


def declared_meta(b: Build, src_uri: str) -> dict[str, Any]:
    """The front matter a generated page was made with (empty for other pages)."""
    return (b.views.get(src_uri) or ({}, None))[0] or {}


def paginate(items: Sequence[T], size: int) -> list[tuple[int, int, Sequence[T]]]:
    """`items` in pages of `size`: (number, page count, items) from 1; one empty page when there are none."""
    pages = max(1, math.ceil(len(items) / size))
    return [(n, pages, items[(n - 1) * size:n * size]) for n in range(1, pages + 1)]


def _claim(files: Files, b: Build, file: File, source: str, title: str | None) -> bool:
    """Append `file` unless a file of the build already has its place or URL (a recorded problem)."""
    taken = b.taken
    if not taken:
        for existing in files:
            taken[existing.src_uri] = taken[existing.dest_uri] = existing
    clash = taken.get(file.src_uri) or taken.get(file.dest_uri)
    if clash is not None:
        where = b.rel(clash.abs_src_path) if clash.abs_src_path and not clash.generated_by else clash.src_uri
        page = f"trang '{title}'" if title else "một trang"
        b.problems.error(where, None, "địa chỉ trang",
                         f"một địa chỉ khác '{file.url or file.src_uri}', nơi trang web tự tạo {page} từ {source} "
                         "(đổi tên hoặc xóa tệp này; với bài tin, đổi 'slug:')", "trùng địa chỉ")
        return False
    files.append(file)
    taken[file.src_uri] = taken[file.dest_uri] = file
    return True
