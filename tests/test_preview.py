"""The preview (`mkdocs serve`): a save shows on every page that shows what changed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import DEFAULT_DAY, epoch_of, make_site


def test_preview_rebuilds_an_edited_article(tmp_path: Path):
    root = make_site(tmp_path / "site", fixture="news")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/",
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
