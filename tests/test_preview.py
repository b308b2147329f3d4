"""The preview (`./run serve`, MkDocs' `serve --dirty`): after a save, every page is what a clean build makes.

The preview redraws only the pages that show what changed (hooks/preview.py). These tests edit and delete
an article, and edit a plan, under a running preview, then compare every page the preview serves with a clean build of
the same files, byte for byte (less the live-reload script the server adds), and check that pages that
show nothing of the change were not redrawn.
"""

from __future__ import annotations

import html as html_text
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DEFAULT_DAY, epoch_of, make_site

_LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>", re.DOTALL)
# What only the preview shows, by design: where an editor adds a unit's plan (the public page says none).
_EDITOR_HELP = re.compile(rb'\s*<section class="nscl-editor-help".*?</section>', re.DOTALL)
ARTICLE = "content/tin-tuc/tfp-hai-phong.md"
OLD_TITLE = "Hải Phòng tính đóng góp của TFP"
NEW_TITLE = "Hải Phòng đo phần đóng góp của TFP vào tăng trưởng"


class Preview:
    """`mkdocs serve --dirty` on a fixture site, on a free port of 127.0.0.1."""

    def __init__(self, root: Path, log: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.root, self.log = root, log
        self.url = f"http://127.0.0.1:{self.port}/"
        self.env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": self.url,
                    "SOURCE_DATE_EPOCH": epoch_of(DEFAULT_DAY), "PYTHONDONTWRITEBYTECODE": "1"}
        self.env.pop("REPO_URL", None)
        # MkDocs serves from a temporary folder: one of the test's own, to look at what was written when.
        self.tmp = log.parent / "serve-tmp"
        self.tmp.mkdir()
        self.env["TMPDIR"] = str(self.tmp)
        with log.open("w", encoding="utf-8") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{self.port}"], cwd=root,
                env=self.env, stdout=out, stderr=subprocess.STDOUT)

    def get(self, path: str) -> bytes | None:
        """The page at `path` as a reader gets it (the live-reload script removed), or None for a 404."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:  # noqa: S310 - local preview
                return _LIVERELOAD.sub(b"", response.read())
        except urllib.error.HTTPError as err:
            if err.code == 404:
                return None
            raise

    def builds(self) -> int:
        """How many builds the preview has finished."""
        return len(re.findall(r"Documentation built in|Đã dựng xong trong", self.log.read_text(encoding="utf-8")))

    def feeds_written(self) -> int:
        """How many builds' feeds the preview has written (it writes them after the pages: hooks/feeds.py)."""
        return self.log.read_text(encoding="utf-8").count("Nguồn tin: xong")

    def wait_for_build(self, count: int, timeout: float = 90) -> None:
        """Wait until the preview has finished `count` builds and written their feeds, and its server answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.builds() >= count and self.feeds_written() >= count:
                try:
                    self.get("")
                    return
                except OSError:
                    pass
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        pytest.fail(f"the preview did not finish build {count}:\n{self.log.read_text(encoding='utf-8')}")

    def stop(self) -> None:
        """Stop the server."""
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """A running preview of the news fixture (articles, listings, topics, units, feeds)."""
    server = Preview(make_site(tmp_path / "site", fixture="news"), tmp_path / "serve.log")
    server.wait_for_build(1)
    yield server
    server.stop()
    text = server.log.read_text(encoding="utf-8")
    # The only errors are the content problems a test planted, listed by the preview (hooks/validation.py).
    errors = [line for line in text.splitlines() if "ERROR" in line and "nscl: Nội dung có" not in line]
    assert "Traceback" not in text and errors == [], text
    assert "A 'dirty' build is being performed" not in text, text


def clean_build(root: Path, dest: Path, env: dict[str, str]) -> Path:
    """`mkdocs serve`'s pages as a clean build draws them (`build`, with the preview's own settings)."""
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(dest)], cwd=root, env=env,
                   check=True, capture_output=True)
    return dest


def differences(server: Preview, site: Path) -> list[str]:
    """Every HTML page and feed of the clean build `site` that the preview serves differently."""
    wrong = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".xml", ".atom", ".json") or path.name == "404.html":
            continue
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "du-lieu-mo/")):
            continue
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        served = server.get(url)
        if served is None or _EDITOR_HELP.sub(b"", served) != path.read_bytes():
            wrong.append(rel)
    return wrong


def drawn_at(server: Preview, site_dir: Path) -> dict[str, int]:
    """The time each page of the preview's output was written, by path."""
    return {p.relative_to(site_dir).as_posix(): p.stat().st_mtime_ns for p in site_dir.rglob("index.html")}


def test_an_edited_title_shows_on_every_page_that_shows_it_and_nothing_else_is_redrawn(preview: Preview,
                                                                                      tmp_path: Path):
    site_dir = _site_dir(preview)
    before = drawn_at(preview, site_dir)
    article = preview.root / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace(OLD_TITLE, NEW_TITLE), encoding="utf-8")
    preview.wait_for_build(2)

    clean = clean_build(preview.root, tmp_path / "clean", preview.env)
    showing = [p for p in clean.rglob("index.html") if NEW_TITLE.encode() in p.read_bytes()]
    # The article, its neighbours, the news index, its year and topic, its unit's page, the home page.
    assert len(showing) >= 6, showing
    assert differences(preview, clean) == []
    after = drawn_at(preview, site_dir)
    redrawn = {p for p in after if after[p] != before.get(p)}
    # Pages that show nothing of the article keep the output of the first build (pages in the navigation are
    # always drawn: their titles come from their own front matter).
    unrelated = {"tin-tuc/dong-nai-tap-huan/index.html", "chu-de/ocop/index.html", "tinh-thanh/khanh-hoa-cu/index.html"}
    assert unrelated <= set(after) and not unrelated & redrawn, sorted(redrawn)
    assert len(redrawn) < len(after) / 2, sorted(redrawn)
    assert "Xem trước: vẽ lại" in preview.log.read_text(encoding="utf-8")


def test_a_deleted_article_is_gone_from_every_page(preview: Preview, tmp_path: Path):
    assert preview.get("tin-tuc/tfp-hai-phong/") is not None
    (preview.root / ARTICLE).unlink()
    preview.wait_for_build(2)

    assert preview.get("tin-tuc/tfp-hai-phong/") is None
    clean = clean_build(preview.root, tmp_path / "clean", preview.env)
    assert not [p for p in clean.rglob("*.html") if OLD_TITLE.encode() in p.read_bytes()]
    assert differences(preview, clean) == []
    # Where an editor adds a unit's plan: in the preview, never on the public page.
    help_text = "Biên tập viên: thêm kế hoạch của Cao Bằng".encode()
    assert help_text in preview.get("tinh-thanh/cao-bang/") and b"data/plans/cao-bang.yml" in preview.get(
        "tinh-thanh/cao-bang/")
    assert help_text not in (clean / "tinh-thanh/cao-bang/index.html").read_bytes()


def test_an_edited_plan_shows_on_every_page_that_shows_it(preview: Preview, tmp_path: Path):
    # The plan's number is shown with each of its targets (a target refers back to its plan), the
    # indicator on the unit pages, the overview and the home page's figures.
    plan = preview.root / "data/plans/hai-phong-cu.yml"
    text = plan.read_text(encoding="utf-8")
    indicator = re.search(r"(?m)^\s+indicator: (.+)$", text).group(1)
    assert "number: 06/KH-UBND" in text
    plan.write_text(text.replace("number: 06/KH-UBND", "number: 60/KH-UBND").replace(
        f"indicator: {indicator}", "indicator: Chỉ tiêu đã sửa khi xem trước", 1), encoding="utf-8")
    preview.wait_for_build(2)

    clean = clean_build(preview.root, tmp_path / "clean", preview.env)
    assert [p for p in clean.rglob("index.html") if b"60/KH-UBND" in p.read_bytes()]
    assert [p for p in clean.rglob("index.html") if "Chỉ tiêu đã sửa khi xem trước".encode() in p.read_bytes()]
    assert differences(preview, clean) == []
    # Open data is served from files the preview copies only when their bytes change (hooks/_pages.add_file).
    for data_file in ("du-lieu-mo/chi-tieu.csv", "du-lieu-mo/tinh/hai-phong-cu.json"):
        assert "Chỉ tiêu đã sửa khi xem trước" in preview.get(data_file).decode("utf-8"), data_file


def _site_dir(server: Preview) -> Path:
    """The preview's output folder (MkDocs makes it in the server's temporary folder)."""
    (found,) = server.tmp.glob("mkdocs_*")
    return found


def banner(server: Preview, path: str) -> str:
    """The text of the problems banner a page shows ('' when it shows none)."""
    html = (server.get(path) or b"").decode("utf-8")
    match = re.search(r'<div class="nscl-problems" role="alert">(.*?)</div>', html, re.DOTALL)
    return html_text.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1)))).strip() if match else ""


def test_every_page_shows_this_build_s_problems_and_none_of_the_last(preview: Preview):
    # The banner is part of what every page shows (hooks/preview.py): after each save, the home page, a
    # listing and a unit page list the problems of that build, in articles and in data files alike.
    pages = ["", "tin-tuc/", "tinh-thanh/hai-phong/"]
    article, plan, videos = (preview.root / p for p in (ARTICLE, "data/plans/hai-phong-cu.yml", "data/videos.yml"))
    good_article, good_plan = article.read_text(encoding="utf-8"), plan.read_text(encoding="utf-8")
    good_videos = videos.read_text(encoding="utf-8")
    builds = preview.builds()

    def save(path: Path, text: str) -> None:
        nonlocal builds
        path.write_text(text, encoding="utf-8")
        builds += 1
        preview.wait_for_build(builds)

    # A: a misspelt field in an article (a warning: the preview still shows the page).
    save(article, good_article.replace("summary:", "sumary:", 1))
    for page in pages:
        assert "trường 'sumary'" in banner(preview, page), page
    # A fixed, B: an impossible date in the same article.
    save(article, good_article.replace("date: '2025-06-01'", "date: 2025-02-30"))
    for page in pages:
        text = banner(preview, page)
        assert "tháng 2 năm 2025 chỉ có 28 ngày" in text and "sumary" not in text, (page, text)
    # B fixed, E: a script in the article's body, which the sanitizer removes while pages are converted.
    save(article, good_article)
    for page in pages:
        assert banner(preview, page) == "", page
    save(article, good_article.rstrip("\n") + "\n\n<script>alert(1)</script>\n")
    for page in [*pages, "tin-tuc/tfp-hai-phong/"]:
        text = banner(preview, page)
        assert "thẻ <script>" in text and "tháng 2" not in text, (page, text)
    assert b"alert(1)" not in preview.get("tin-tuc/tfp-hai-phong/")
    # C: a number a plan cannot hold. The article is not converted again, and its warning is still said.
    target = re.search(r"(?m)^(\s+)value: (\d+)$", good_plan)
    save(plan, good_plan.replace(target.group(0), f"{target.group(1)}value: mot tram", 1))
    for page in pages:
        text = banner(preview, page)
        assert "'mot tram'" in text and "thẻ <script>" in text, (page, text)
    # E fixed: C alone.
    save(article, good_article)
    for page in pages:
        text = banner(preview, page)
        assert "data/plans/hai-phong-cu.yml" in text and "'mot tram'" in text and ARTICLE not in text, (page, text)
    # C fixed, D: a video with a wrong YouTube id.
    save(plan, good_plan)
    save(videos, "videos:\n  - id: clip-thu\n    title: Clip thử\n    date: 01/06/2025\n    kind: video-clip\n"
                 "    description: Mô tả.\n    duration: \"1:00\"\n    host: {type: youtube, id: ngan}\n")
    for page in pages:
        text = banner(preview, page)
        assert "data/videos.yml" in text and "videos[0].host.id" in text and "hai-phong-cu.yml" not in text, page
    # Everything fixed: no banner anywhere, and every page is what a clean build draws.
    save(videos, good_videos)
    for page in pages:
        assert banner(preview, page) == "", page


def test_the_terminal_speaks_vietnamese_and_every_build_says_it_is_done(preview: Preview):
    article = preview.root / ARTICLE
    text = article.read_text(encoding="utf-8")
    for n in range(3):
        article.write_text(text.replace(OLD_TITLE, f"{OLD_TITLE} {n}"), encoding="utf-8")
        preview.wait_for_build(2 + n)
    log = preview.log.read_text(encoding="utf-8")
    assert "Xem trước tại http://127.0.0.1:" in log and "(dừng: Ctrl + C)" in log
    for english in ("Serving on", "Detected file changes", "Reloading browsers", "Documentation built",
                    "Building documentation"):
        assert english not in log, english
    # MkDocs' own line is dropped when it repeats an earlier one; the preview's own says it every time.
    assert log.count("Đã dựng xong trong") == log.count("Đang dựng trang...") == 4, log
