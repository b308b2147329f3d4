"""Performance work that must not change what readers get: the cache of navigation fragments, the Markdown worker."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import DEFAULT_DAY, epoch_of, make_site, run_build


@pytest.fixture(scope="module")
def news_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The news fixture (listings, topics, archive, articles kept out of the navigation)."""
    return make_site(tmp_path_factory.mktemp("perf"), fixture="news")


def test_fragment_cache_is_used_and_every_reuse_matches_a_fresh_drawing(news_root: Path):
    built = run_build(news_root, env={"NSCL_FRAGMENT_CACHE": "check"})
    assert built.ok, built.log
    found = re.search(r"Bộ đệm mẫu trang: (\d+) biến thể, dùng lại (\d+) lần, đã kiểm tra", built.log)
    assert found, built.log
    variants, reused = map(int, found.groups())
    # The fixture's articles sit side by side under tin-tuc/: their tabs and sidebar are drawn once.
    assert variants >= 2 and reused > variants, found.group(0)


def test_fragment_cache_changes_no_byte(news_root: Path):
    cached = run_build(news_root, env={"NSCL_FRAGMENT_CACHE": "1"})
    assert cached.ok, cached.log
    with_cache = cached.files()
    fresh = run_build(news_root, env={"NSCL_FRAGMENT_CACHE": "0"})
    assert fresh.ok, fresh.log
    without = fresh.files()
    assert with_cache.keys() == without.keys()
    differing = [name for name in with_cache if with_cache[name] != without[name]]
    assert not differing, differing[:10]


@pytest.fixture(scope="module")
def real_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's real content: headings, tables, footnotes, pages titled by their first heading."""
    return make_site(tmp_path_factory.mktemp("perf-real"), fixture=None, real_content=True)


@pytest.mark.parametrize("fixture", ["news_root", "real_root"])
def test_pages_the_markdown_worker_converts_are_byte_identical(fixture: str, request: pytest.FixtureRequest):
    root = request.getfixturevalue(fixture)
    # `all`: MkDocs takes every page's conversion from the worker (hooks/parallel.py).
    worker = run_build(root, env={"NSCL_WORKERS": "all"})
    assert worker.ok, worker.log
    converted = re.search(r"Markdown: tiến trình phụ đã chuyển (\d+) trang", worker.log)
    assert converted, worker.log
    with_worker = worker.files()  # read now: the next build writes to the same folder
    # admin/index.html is the web editor's static page (hooks/admin.py), not a page MkDocs converts.
    pages = [name for name in with_worker if name.endswith("index.html") and not name.startswith("admin/")]
    assert int(converted.group(1)) == len(pages), (converted.group(0), len(pages))
    serial = run_build(root, env={"NSCL_WORKERS": "0"})
    assert serial.ok, serial.log
    assert "tiến trình phụ" not in serial.log
    without = serial.files()
    assert with_worker.keys() == without.keys()
    differing = [name for name in with_worker if with_worker[name] != without[name]]
    assert not differing, differing[:10]


@pytest.mark.parametrize("workers", ["all", "1"])
def test_a_warning_from_the_worker_still_fails_a_strict_build(tmp_path: Path, workers: str):
    root = make_site(tmp_path / "site", fixture="news", files={
        "content/tin-tuc/lien-ket-hong.md": """
            ---
            title: Bài có liên kết hỏng
            date: '2025-06-02'
            summary: Một bài trỏ tới trang không có.
            provinces: [hai-phong-cu]
            topics: [tfp]
            source:
              name: Cổng thông tin thử nghiệm
              url: https://example.org/nguon
            ---
            Xem [kế hoạch](khong-co.md) của thành phố.
        """})
    built = run_build(root, env={"NSCL_WORKERS": workers})
    assert not built.ok
    warning = "'tin-tuc/lien-ket-hong.md' contains a link 'khong-co.md'"
    assert built.log.count(warning) == 1, built.log
    assert "Aborted with 1 warnings in strict mode!" in built.log, built.log


def test_preview_with_the_worker_rebuilds_an_edited_article(tmp_path: Path):
    # `mkdocs serve` keeps the hooks between builds and runs a server thread beside the fork.
    root = make_site(tmp_path / "site", fixture="news")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NSCL_WORKERS": "all", "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/",
           "SOURCE_DATE_EPOCH": epoch_of(DEFAULT_DAY)}
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                                  env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/tin-tuc/tfp-hai-phong/"
    try:
        assert _served(url, "Noidungchitiet tfphaiphong"), log.read_text(encoding="utf-8")
        article = root / "content" / "tin-tuc" / "tfp-hai-phong.md"
        article.write_text(article.read_text(encoding="utf-8") + "\nĐoạn mới sửa khi xem trước.\n", encoding="utf-8")
        assert _served(url, "Đoạn mới sửa khi xem trước."), log.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert len(re.findall(r"Markdown: tiến trình phụ đã chuyển [1-9]\d* trang", text)) >= 2, text
    assert "Traceback" not in text and "ERROR" not in text, text


def _served(url: str, marker: str, timeout: float = 90) -> bool:
    """Whether `url` serves a page containing `marker` within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the local preview
                if marker in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False
