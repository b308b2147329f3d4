"""Controlled lists an editor picks from: the news topics (data/topics.yml) and the video kinds
(data/video-kinds.yml). Both are the same kind of entry, a `Term`, read by one loader."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from _fields import Fields
from _problems import Problems
from _vn import slugify
from _yaml import LineDict, load_yaml, read_text

TOPICS_FILE = "data/topics.yml"
KINDS_FILE = "data/video-kinds.yml"

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    """One entry of a controlled list: its slug (part of addresses: never changed), name and description."""

    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class TermList:
    """How one controlled list is written and worded in messages."""

    file: str
    key: str  # the list's key at the top of the file: `topics`, `kinds`
    expected: str  # what the file should hold, for a file that does not
    unique: str  # why a slug may appear once
    found_when_wrong: str  # how a file that is not such a list is described
    optional_file: bool = False  # whether a missing file is reported as an empty list (not unreadable)


TOPICS = TermList(TOPICS_FILE, "topics", "một danh sách chủ đề", "mỗi chủ đề một slug riêng",
                  "tệp trống hoặc sai cấu trúc")
KINDS = TermList(KINDS_FILE, "kinds", "một danh sách loại video", "mỗi loại một slug riêng",
                 "tệp trống, thiếu hoặc sai cấu trúc", optional_file=True)


def load_terms(root: Path, kind: TermList, problems: Problems) -> dict[str, Term]:
    """The entries of one controlled list, in file order, by slug; each mistake a problem."""
    path = root / kind.file
    missing = kind.optional_file and not path.exists()
    text = None if missing else read_text(path, kind.file, problems)
    data = load_yaml(text, kind.file, problems) if text is not None else None
    if not isinstance(data, LineDict):
        if data is not None or missing:  # an unreadable or empty file is already reported
            problems.error(kind.file, 1, kind.key, kind.expected, kind.found_when_wrong)
        return {}
    terms: dict[str, Term] = {}
    for item in Fields(data, kind.file, problems).items(kind.key):
        item.unknown({"slug", "name", "description"})
        slug, name, description = item.text("slug"), item.text("name"), item.text("description")
        if slug and not _SLUG.match(slug):
            item.error("slug", f"chữ thường không dấu nối bằng '-' (ví dụ '{slugify(slug)}')", slug)
        elif slug in terms:
            item.error("slug", kind.unique, slug)
        elif slug and name and description:
            terms[slug] = Term(slug, name, description)
    return terms
