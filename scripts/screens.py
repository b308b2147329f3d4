"""How long pages are, in screens, and what they look like: full-page screenshots in Debian's chromium.

    .venv/bin/python scripts/screens.py SITE_DIR [--out DIR] [--shots] [PATH ...]

Serves a built site (built with SITE_URL=http://127.0.0.1/nscl/ or any URL under /nscl/) as GitHub Pages
would, opens each page at 390×844 (a phone) and 1366×900 (a laptop), scrolls to the end so every block
that `content-visibility` skips is drawn, and prints the page's height in screens. With `--shots`, writes
`<name>-390.png` and `<name>-1366.png` to DIR (default /tmp/screens) to open and read. Without PATHs: the
overview, every unit page, and every page under them (plans and groups).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import SiteServer, chromium, page_height  # noqa: E402

SIZES = ((390, 844), (1366, 900))


def default_paths(site: Path) -> list[str]:
    """The overview and its group pages, and every unit page with its plan pages."""
    found = []
    for top in ("tong-quan", "tinh-thanh"):
        for index in sorted((site / top).rglob("index.html")):
            rel = index.parent.relative_to(site).as_posix() + "/"
            if rel != "tinh-thanh/":
                found.append(rel)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--out", type=Path, default=Path("/tmp/screens"))
    parser.add_argument("--shots", action="store_true")
    args = parser.parse_intermixed_args()
    paths = args.paths or default_paths(args.site)
    args.out.mkdir(parents=True, exist_ok=True)
    with SiteServer(args.site) as server, chromium() as browser:
        pages = {w: browser.new_page(viewport={"width": w, "height": h}) for w, h in SIZES}
        print(f"{'page':60} {'390×844':>9} {'1366×900':>9}")  # noqa: T201 - a command-line report
        for path in paths:
            row = []
            for width, height in SIZES:
                page = pages[width]
                total = page_height(page, server.url + path)
                row.append(total / height)
                if args.shots:
                    # A full-page screenshot paints only what is near the screen: draw every block first.
                    page.add_style_tag(content="* { content-visibility: visible !important; }")
                    name = path.strip("/").replace("/", "_") or "home"
                    page.screenshot(path=str(args.out / f"{name}-{width}.png"), full_page=True)
            print(f"{path:60} {row[0]:9.1f} {row[1]:9.1f}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
