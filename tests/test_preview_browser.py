"""The editors' preview (`mkdocs serve`) in Debian's headless chromium: a broken front matter shows the problem
on the page, in Vietnamese, with file and line; fixing the file brings the page back, without restarting the
server (issue 15). The build behind `./run build` and CI stays strict (tests/test_bad_input.py)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from browser import chromium
from conftest import DEFAULT_DAY, ROOT, epoch_of, make_site

ARTICLE = "content/tin-tuc/tfp-hai-phong.md"
SCREENSHOTS = os.environ.get("NSCL_SCREENSHOTS")  # a folder to keep the screenshots in, for a look


def test_preview_shows_a_broken_front_matter_then_recovers_on_save(tmp_path: Path):
    root = make_site(tmp_path / "site", fixture="news")
    for asset in ("content/assets/stylesheets/nscl.css",):
        (root / asset).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / asset, root / asset)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/",
           "SOURCE_DATE_EPOCH": epoch_of(DEFAULT_DAY)}
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                                  env=env, stdout=out, stderr=subprocess.STDOUT)
    article = root / ARTICLE
    good = article.read_text(encoding="utf-8")
    assert "\ndate: " in good
    try:
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            url = f"http://127.0.0.1:{port}/tin-tuc/tfp-hai-phong/"
            _wait_for_server(page, url, log)
            assert page.locator(".nscl-problems").count() == 0
            title = page.locator("h1").first.inner_text()

            # An impossible date, unquoted: the form that used to stop the preview with a traceback.
            lines = good.split("\n")
            line = next(i for i, text in enumerate(lines) if text.startswith("date: ")) + 1
            lines[line - 1] = "date: 2026-02-30"
            article.write_text("\n".join(lines), encoding="utf-8")
            # MkDocs's live reload reloads the open page when the rebuild is done.
            banner = page.locator(".nscl-problems")
            banner.wait_for(state="visible", timeout=90_000)
            text = banner.inner_text()
            assert "Bản xem trước có 1 lỗi cần sửa trước khi xuất bản:" in text, text
            assert (f"{ARTICLE}, dòng {line}, trường 'date': cần một ngày có thật, dạng dd/mm/yyyy (ví dụ 28/09/2021) "
                    "hoặc yyyy-mm-dd; đang là '2026-02-30' (tháng 2 năm 2026 chỉ có 28 ngày).") in text, text
            # The page still shows its text, not the front matter MkDocs could not read.
            content = page.locator("article").first.inner_text()
            assert "Noidungchitiet tfphaiphong" in content and "summary:" not in content, content
            _screenshot(page, "preview-problem-390.png")
            page.set_viewport_size({"width": 1366, "height": 900})
            _screenshot(page, "preview-problem-1366.png")
            # The rest of the site is still there, with the same banner.
            page.goto(f"http://127.0.0.1:{port}/tin-tuc/")
            assert page.locator(".nscl-problems").count() == 1

            # Fixed and saved: the page comes back without the banner, the server never restarted.
            page.goto(url)
            article.write_text(good, encoding="utf-8")
            banner.wait_for(state="detached", timeout=90_000)
            assert page.locator("h1").first.inner_text() == title
            page.close()
        assert server.poll() is None, "the preview server stopped"
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text, text
    assert "Đã dựng xong trong" in text and "Bản xem trước có 1 lỗi và 0 cảnh báo" in text, text


def _wait_for_server(page, url: str, log: Path, timeout: float = 90) -> None:
    """Open `url` once the first build is served."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        try:
            response = page.goto(url)
            if response is not None and response.ok:
                return
        except Exception:  # noqa: BLE001 - connection refused until the server listens
            pass
        if time.monotonic() > deadline:
            raise AssertionError(log.read_text(encoding="utf-8"))
        time.sleep(0.5)


def _screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / name), full_page=True)


def test_the_preview_s_search_finds_an_article_added_and_one_edited_after_it_started(tmp_path: Path):
    from types import SimpleNamespace

    from test_search_browser import SCRIPT, Reader

    root = make_site(tmp_path / "site", fixture="news", files={SCRIPT: (ROOT / SCRIPT).read_text(encoding="utf-8")})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/",
           "SOURCE_DATE_EPOCH": epoch_of(DEFAULT_DAY)}
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                  cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        with chromium() as browser:
            reader = Reader(browser, SimpleNamespace(url=f"http://127.0.0.1:{port}/"))
            _wait_for_server(reader.page, reader.server.url, log)
            assert "/tin-tuc/bai-moi/" not in dict(reader.search("xylophonium"))
            (root / "content/tin-tuc/bai-moi.md").write_text(
                "---\ntitle: Bài mới về xylophonium\ndate: 2025-06-02\nsummary: Tóm tắt.\nprovinces: [hai-phong-cu]\n"
                "topics: [tfp]\n---\nNội dung có từ xylophonium hiếm gặp.\n", encoding="utf-8")
            _wait_for_line(log, "Tìm kiếm: đã cập nhật chỉ mục của bản xem trước", 1)
            # (The preview's live reload keeps a connection open: the page never gets network-idle.)
            reader.page.goto(reader.server.url)
            assert reader.search("xylophonium")[0] == ("/tin-tuc/bai-moi/", "Bài mới về xylophonium")
            # An edit: the old words are no longer found, the new ones are.
            article = root / ARTICLE
            assert "/tin-tuc/tfp-hai-phong/" not in dict(reader.search("quokkamarine"))
            article.write_text(article.read_text(encoding="utf-8") + "\nThêm đoạn về quokkamarine.\n",
                               encoding="utf-8")
            _wait_for_line(log, "Tìm kiếm: đã cập nhật chỉ mục của bản xem trước", 2)
            reader.page.goto(reader.server.url)
            assert reader.search("quokkamarine")[0][0] == "/tin-tuc/tfp-hai-phong/"
            assert reader.errors == []
            reader.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Traceback" not in log.read_text(encoding="utf-8")


def _wait_for_line(log: Path, line: str, count: int, timeout: float = 90) -> None:
    """Wait until `line` has been logged `count` times."""
    import time

    deadline = time.monotonic() + timeout
    while log.read_text(encoding="utf-8").count(line) < count:
        if time.monotonic() > deadline:
            raise AssertionError(log.read_text(encoding="utf-8"))
        time.sleep(0.2)
