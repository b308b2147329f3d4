"""Lighthouse (npm `lighthouse`, pinned) on a built site served with gzip, as GitHub Pages serves it.

    .venv/bin/python benchmarks/lighthouse.py            # build into benchmarks/out/lighthouse-site, then measure
    .venv/bin/python benchmarks/lighthouse.py --runs 3   # median of three runs per page

Mobile form factor, simulated slow 4G (Lighthouse's defaults), Debian's chromium. Prints the performance
score and its metrics for the home page, an article, a unit page and the overview. A measurement, not a
test: the score moves with the machine's load (total blocking time above all), so compare runs made together.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
TEXT = (".html", ".css", ".js", ".svg", ".json", ".xml", ".atom")
PAGES = {"home": "", "article": "tin-tuc/hai-phong-dat-muc-tieu-tfp-dong-gop-47-grdp-vao-nam-2025/",
         "unit": "tinh-thanh/hai-phong/", "overview": "tong-quan/"}
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
         "--disable-sync")


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Serve the site, text types gzip-compressed (level 6) when the client asks, as Pages does."""

    def send_head(self) -> io.BytesIO | None:  # type: ignore[override]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if path.endswith(TEXT) and os.path.isfile(path) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(Path(path).read_bytes(), 6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def measure(url: str) -> dict[str, object]:
    """One Lighthouse run: the performance score and the metrics' display values."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
        subprocess.run([str(ROOT / "node_modules/.bin/lighthouse"), url, "--only-categories=performance",
                        "--output=json", f"--output-path={report}", f"--chrome-flags={FLAGS}", "--quiet"],
                       check=True, env=env)
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {"score": round(data["categories"]["performance"]["score"] * 100),
            **{m: audits[m]["displayValue"] for m in METRICS}}


def main() -> None:
    """Build, serve with gzip, run Lighthouse on each page, print the median score of each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    site = OUT / "lighthouse-site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=ROOT,
                   check=True, env=env, capture_output=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for name, path in PAGES.items():
            runs = [measure(base + path) for _ in range(args.runs)]
            score = statistics.median(r["score"] for r in runs)
            last = runs[-1]
            line = f"{name:9} {score:>4}  " + "  ".join(f"{m.split('-')[0][:5]} {last[m]}" for m in METRICS)
            sys.stdout.write(line + "\n")
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
