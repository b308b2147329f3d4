"""Lighthouse (npm `lighthouse`, pinned) on a built site served with gzip, as GitHub Pages serves it.

    .venv/bin/python benchmarks/lighthouse.py            # build into benchmarks/out/lighthouse-site, then measure
    .venv/bin/python benchmarks/lighthouse.py --runs 3   # median of three runs per page

Mobile form factor, simulated slow 4G (Lighthouse's defaults), Debian's chromium. Prints the performance
score and its metrics for the home page, an article, a unit page and the overview: the pages, the runner and
the server are those of the gate, tests/quality/test_lighthouse.py (tests/lighthouse.py, tests/browser.py).
A measurement: the score moves with the machine's load (total blocking time above all), so compare runs made
together.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "tests"))

from browser import SiteServer  # noqa: E402
from lighthouse_runner import PAGES, run  # noqa: E402


def main() -> None:
    """Build, serve with gzip, run Lighthouse on each page, print the median score of each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    site = OUT / "lighthouse-site"
    with SiteServer(site) as server:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": server.url}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=ROOT,
                       check=True, env=env, capture_output=True)
        for name, path in PAGES.items():
            runs = [run(server.url + path) for _ in range(args.runs)]
            score = statistics.median(r.score for r in runs)
            median = min(runs, key=lambda r: abs(r.score - score))
            scores = ", ".join(str(r.score) for r in runs)
            sys.stdout.write(f"{name:9} {score:>4}  {median.line()}  (runs: {scores})\n")


if __name__ == "__main__":
    main()
