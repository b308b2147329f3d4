"""Compare two built sites file by file, ignoring whitespace between tags; print each difference.

Used to check that a restructuring leaves the real site's output unchanged:
    python scripts/compare_sites.py OLD_SITE_DIR NEW_SITE_DIR [--ignore GLOB ...] [--mask REGEX ...]

`--mask` hides what is expected to differ in every file (the digests in the names of the preview cards, when
the drawing code changed: `--mask 'assets/cards/[0-9a-f]+'`).
"""

from __future__ import annotations

import argparse
import difflib
import fnmatch
import re
import sys
from pathlib import Path

_SPACE = re.compile(rb"\s+")
_BETWEEN_TAGS = re.compile(rb">\s+<")


def normal(data: bytes, name: str) -> bytes:
    """HTML and XML with runs of whitespace collapsed (templates indent differently); other files as they are."""
    if name.endswith((".html", ".xml", ".atom", ".svg")):
        return _SPACE.sub(b" ", _BETWEEN_TAGS.sub(b"><", data)).strip()
    return data


def main() -> int:
    """Print the files that differ, with a short diff of each; exit 1 if any do."""
    parser = argparse.ArgumentParser()
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--ignore", action="append", default=[], help="glob of paths to skip (e.g. 'pagefind/*')")
    parser.add_argument("--mask", action="append", default=[], help="regular expression replaced by '…' on both sides")
    args = parser.parse_args()
    masks = [re.compile(m.encode()) for m in args.mask]
    names = {p.relative_to(args.old).as_posix() for p in args.old.rglob("*") if p.is_file()}
    names |= {p.relative_to(args.new).as_posix() for p in args.new.rglob("*") if p.is_file()}
    differ = 0
    for name in sorted(names):
        if any(fnmatch.fnmatch(name, g) for g in args.ignore):
            continue
        old, new = args.old / name, args.new / name
        if not old.exists() or not new.exists():
            print(f"only in {'new' if new.exists() else 'old'}: {name}")  # noqa: T201 - a command-line report
            differ += 1
            continue
        a, b = normal(old.read_bytes(), name), normal(new.read_bytes(), name)
        for mask in masks:
            a, b = mask.sub("…".encode(), a), mask.sub("…".encode(), b)
        if a != b:
            differ += 1
            print(f"differs: {name}")  # noqa: T201
            for line in list(difflib.unified_diff(_lines(a), _lines(b), lineterm="", n=0))[2:12]:
                print("   ", line[:200])  # noqa: T201
    print(f"{differ} file(s) differ")  # noqa: T201
    return 1 if differ else 0


def _lines(data: bytes) -> list[str]:
    """One tag a line, for a readable diff."""
    return data.replace(b"><", b">\n<").decode("utf-8", "replace").splitlines()


if __name__ == "__main__":
    sys.exit(main())
