"""An editor's preview: time from saving a file to `mkdocs serve` showing the change, on the synthetic corpus.

    .venv/bin/python benchmarks/serve_reload.py            # N = 1000, three edits of each kind
    .venv/bin/python benchmarks/serve_reload.py 1000 --rounds 5

It starts `mkdocs serve --dirty` (what `./run serve` runs) on a generated corpus (benchmarks/corpus.py),
then saves in turn an article, a plan and the video catalogue, each with a new marker text, and measures
the wall time from the save until the page that shows that text serves it (what the editor waits for
after pressing save; the browser reloads itself at that moment). Prints the median and the worst per
kind, each as a share of the full first build of the same run, and writes benchmarks/out/serve.json.

The floor: the same article saved under plain MkDocs + Material serving the same Markdown (`--dirty`,
no hooks: benchmarks/run.py's (b)). What MkDocs does on every save whatever the hooks do (reading the
configuration, listing the theme's files, making every page's object, the sitemap) and its watcher,
which looks for changes every 0.5 s, are in that figure too.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import generate, report  # noqa: E402
from run import plain_config  # noqa: E402

TIMEOUT = 300.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the local preview only
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, marker: str, started: float) -> float:
    """Seconds from `started` until `url` serves `marker`."""
    while time.perf_counter() - started < TIMEOUT:
        if marker in _get(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {marker!r} within {TIMEOUT:.0f} s")


def _edits(site: Path) -> dict[str, tuple[Path, str, Callable[[str, str], str]]]:
    """Per kind: the file an editor saves, the page that shows it, and how to put a marker in the text."""
    article = site / "content" / "tin-tuc" / "bai-00000.md"
    plan = site / "data" / "plans" / "ha-noi.yml"
    videos = site / "data" / "videos.yml"

    def in_article(text: str, marker: str) -> str:
        return re.sub(r"(?m)^summary: .*$", f"summary: {marker}", text, count=1)

    def in_plan(text: str, marker: str) -> str:
        return re.sub(r"(?m)^(\s+)indicator: .*$", rf"\1indicator: {marker}", text, count=1)

    def in_videos(text: str, marker: str) -> str:
        return re.sub(r"(?m)^(\s+)title: .*$", rf"\1title: {marker}", text, count=1)

    return {"article": (article, "tin-tuc/bai-00000/", in_article),
            "plan": (plan, "tinh-thanh/ha-noi/", in_plan),
            "video": (videos, "video/video-00000/", in_videos)}


def _serve(site: Path, config: Path, edits: dict[str, tuple[Path, str, Callable[[str, str], str]]], rounds: int,
           log_name: str) -> tuple[float, dict[str, list[float]], list[float]]:
    """Start `mkdocs serve --dirty` with `config`, make each edit `rounds` times; the first serve's seconds,
    the seconds from each save to its page showing it, and the build times MkDocs logged."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (site / log_name).open("w", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config),
                               "-a", f"127.0.0.1:{port}"], cwd=site, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    results: dict[str, list[float]] = {}
    try:
        started = time.perf_counter()
        first = _wait_for(base, "<html", started)
        for round_ in range(rounds):
            for kind, (path, page, edit) in edits.items():
                marker = f"Sửa lần {round_} {kind} {time.time_ns()}"
                text = edit(path.read_text(encoding="utf-8"), marker)
                saved = time.perf_counter()
                path.write_text(text, encoding="utf-8")
                results.setdefault(kind, []).append(_wait_for(base + page, marker, saved))
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    built = [float(x) for x in re.findall(r"(?:Documentation built in|Đã dựng xong trong) ([0-9.]+) (?:seconds|giây)",
                                          (site / log_name).read_text(encoding="utf-8"))]
    return first, results, built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    site = generate(args.n, (args.work or Path(tempfile.mkdtemp(prefix="nscl-serve-"))) / f"n{args.n}")
    edits = _edits(site)
    first, results, built = _serve(site, site / "mkdocs.yml", edits, args.rounds, "serve.log")
    # The floor: plain MkDocs + Material serving the same Markdown, the same article saved.
    article, page, _ = edits["article"]
    plain = plain_config(site)
    plain_article = site / "content-plain" / article.relative_to(site / "content")
    # Material alone does not show `summary:`; the title is on the page (its <title> and heading).
    def in_title(text: str, marker: str) -> str:
        return re.sub(r"(?m)^title: .*$", f"title: '{marker}'", text, count=1)

    _, floor, _ = _serve(site, plain, {"article": (plain_article, page, in_title)}, args.rounds, "serve-plain.log")
    full = built[0]
    lines = [f"N={args.n}: first (full) build {full:.1f}s, first serve {first:.1f}s"]
    summary = {"n": args.n, "first_serve_seconds": first, "full_build_seconds": full, "reload_seconds": results,
               "rebuild_seconds": built[1:], "plain_mkdocs_article_seconds": floor["article"]}
    for kind, seconds in results.items():
        median = statistics.median(seconds)
        lines.append(f"  {kind:8} save -> shown: median {median:.2f}s ({median / full:.0%} of the full build), "
                     f"worst {max(seconds):.2f}s")
    lines.append(f"  floor: plain MkDocs + Material, article save -> shown: median "
                 f"{statistics.median(floor['article']):.2f}s, worst {max(floor['article']):.2f}s")
    report("serve", lines, summary)


if __name__ == "__main__":
    main()
