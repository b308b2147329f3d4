"""The content editor at /admin/ in Debian's headless chromium, against decap-server on 127.0.0.1.

A temporary copy of the site is built and served; decap-server (npm, pinned in package-lock.json), started
and stopped here, writes into that copy. An editor creates an article, a video and a progress figure
through the forms; the files appear in the copy, and a strict build of it passes and shows them.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import struct
import subprocess
import time
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from browser import SiteServer, chromium
from conftest import ROOT, make_site, run_build

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
TITLE = "Đồng Nai đẩy mạnh đào tạo năng suất cho doanh nghiệp"
ARTICLE = "content/tin-tuc/dong-nai-day-manh-dao-tao-nang-suat-cho-doanh-nghiep.md"
# Dated 2 December 2026: a day that read month first (as JavaScript's Date does) is 12 February.
DECEMBER_TITLE = "Hà Nội tổng kết phong trào năng suất năm 2026"
DECEMBER = "content/tin-tuc/ha-noi-tong-ket-phong-trao-nang-suat-nam-2026.md"
VIDEO_ID = "dong-nai-phong-su-nang-suat"
PLAN = "data/plans/an-giang-cu.yml"
TARGET = "an-giang-cu-dao-tao-can-bo-2021-2025"


@dataclass
class Editor:
    """The site copy, the address it is served at, the browser /admin/ is opened in, and what the pages asked for."""

    root: Path
    site_url: str
    browser: object
    requests: list[str]
    failed: list[str]  # every answer 400 or above, the page icon's included (seen only in the console)

    def open(self, fragment: str, *, routed: bool = True):
        """A fresh, signed-in editor (new browser context: no draft kept from another test) at `#/<fragment>`.

        Routed, every request is recorded and any off 127.0.0.1 refused; but chromium then asks for no page
        icon at all, so `routed=False` opens the page as an editor's browser does."""
        context = self.browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")

        def route(r) -> None:
            self.requests.append(r.request.url)
            if urlsplit(r.request.url).hostname == "127.0.0.1":
                r.continue_()
            else:
                r.abort()

        if routed:
            context.route("**/*", route)
        page = context.new_page()
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        # The browser fetches the page's icon itself: neither routed nor a response event, only this console line.
        page.on("console", lambda m: m.type == "error" and m.text.startswith("Failed to load resource")
                and self.failed.append(f"{m.text} {m.location.get('url')}"))
        page.goto(self.site_url + "admin/")
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_text("Bộ sưu tập").wait_for()
        page.goto(self.site_url + "admin/#/" + fragment)
        return page


def _png(path: Path, width: int = 8, height: int = 6) -> Path:
    """A small solid PNG, written with the standard library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x3f\x51\xb5" * width for _ in range(height))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """A built copy of the real site served on 127.0.0.1, decap-server writing into it, and chromium."""
    node = shutil.which("node")
    if node is None or not DECAP_SERVER.is_file():
        raise RuntimeError("decap-server not installed: run `./run test` (npm ci installs it from package-lock.json)")
    root = make_site(tmp_path_factory.mktemp("cms"), fixture=None, real_content=True)
    port = _free_port()
    server = SiteServer(root / "site")
    built = run_build(root, site_url=server.url, env={"NSCL_CMS_PROXY": f"http://127.0.0.1:{port}/api/v1"})
    assert built.ok, built.log
    env = {**os.environ, "GIT_REPO_DIRECTORY": str(root), "PORT": str(port), "BIND_HOST": "127.0.0.1",
           "LOG_LEVEL": "error"}
    # Its log goes to a file (never an unread pipe, which could fill up), shown if it stops.
    log = (root.parent / "decap-server.log").open("wb")
    proxy = subprocess.Popen([node, str(DECAP_SERVER)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for(f"http://127.0.0.1:{port}/api/v1", proxy, root.parent / "decap-server.log")
        with server, chromium() as browser:
            yield Editor(root, server.url, browser, [], [])
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
        log.close()


def _wait_for(url: str, proc: subprocess.Popen, log: Path) -> None:
    """Until decap-server answers its info action (or fail with its output)."""
    request = urllib.request.Request(url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
    for _ in range(100):
        if proc.poll() is not None:
            raise RuntimeError(f"decap-server stopped: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(request, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("decap-server did not answer on 127.0.0.1")


def _publish(page) -> None:
    """Decap's "Công bố" menu, then "Công bố ngay" (publish now)."""
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_text("Công bố ngay", exact=True).click()


def _pick(page, label: str, *options: str) -> None:
    """Choose options of a select field by typing their labels."""
    field = page.get_by_label(label)
    for option in options:
        field.click()
        page.keyboard.type(option)
        page.get_by_role("option", name=option, exact=True).click()


def _wait_file(page, path: Path, *, changed_from: bytes | None = None) -> str:
    """The file's text once decap-server has written it (waiting through Playwright, which routes requests).

    The server writes in more than one call: the text counts once it is not empty and the same twice in a row.
    """
    last = None
    for _ in range(300):
        data = path.read_bytes() if path.is_file() else b""
        if data and data != changed_from and data == last:
            return data.decode("utf-8")
        last = data
        page.wait_for_timeout(100)
    raise AssertionError(f"{path} was not written")


def test_admin_loads_only_from_the_site(editor: Editor) -> None:
    """The editor's UI is Vietnamese, every request goes to the site or the local proxy on 127.0.0.1, and none
    gets a 404: the page's icon is the site's own."""
    page = editor.open("collections/tin-tuc")
    page.get_by_text("Bộ sưu tập").wait_for()
    page.get_by_text("Tiến độ kế hoạch").wait_for()
    # A plain "+": Decap's fullwidth "＋" (U+FF0B) is an empty box in fonts without it.
    page.get_by_text("+ bài tin", exact=True).wait_for()
    assert "\uff0b" not in page.inner_text("body")
    icon = page.eval_on_selector("link[rel=icon]", "link => link.href")
    assert icon == editor.site_url + "assets/images/favicon.png"
    with urllib.request.urlopen(icon, timeout=5) as answer:
        assert answer.status == 200 and answer.headers["Content-Type"] == "image/png"
    assert any(u.endswith("/admin/vendor/decap-cms.js") for u in editor.requests)
    assert all(urlsplit(u).hostname == "127.0.0.1" for u in editor.requests), editor.requests
    page.context.close()
    page = editor.open("collections/tin-tuc", routed=False)
    page.get_by_text("+ bài tin", exact=True).wait_for()
    page.wait_for_timeout(1000)  # the icon is asked for after the page has loaded
    assert editor.failed == []
    page.context.close()


def test_required_field_left_empty_cannot_be_saved(editor: Editor) -> None:
    """A new article without its summary and topics: Decap refuses to publish and writes nothing."""
    before = set((editor.root / "content" / "tin-tuc").iterdir())
    page = editor.open("collections/tin-tuc/new")
    page.get_by_label("Tiêu đề").fill("Bài thiếu tóm tắt")
    page.get_by_label("Ngày đăng").fill("2026-11-20")
    _publish(page)
    page.get_by_text("Bạn còn thiếu vài thông tin bắt buộc", exact=False).wait_for()
    page.wait_for_timeout(1000)
    assert set((editor.root / "content" / "tin-tuc").iterdir()) == before
    page.context.close()


def test_create_article(editor: Editor, tmp_path: Path) -> None:
    """Title with diacritics, two units, a topic, a date, a cover image: the files appear with those values."""
    page = editor.open("collections/tin-tuc/new")
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Ngày đăng").fill("2026-11-20")
    page.get_by_label("Tóm tắt").fill("Sở Khoa học và Công nghệ tập huấn công cụ cải tiến năng suất cho doanh nghiệp.")
    _pick(page, "Tỉnh, thành phố", "Đồng Nai", "Hải Phòng")
    _pick(page, "Chủ đề", "Tuyên truyền, nâng cao nhận thức")
    page.get_by_role("button", name="Chọn một hình").click()
    page.locator("input[type=file]").set_input_files(_png(tmp_path / "anh-bia.png"))
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    page.get_by_label("Mô tả ảnh bìa").fill("Doanh nghiệp Đồng Nai tại lớp tập huấn")
    _publish(page)
    text = _wait_file(page, editor.root / ARTICLE)
    front = yaml.safe_load(text.split("---")[1])
    assert front["title"] == TITLE
    assert front["date"] == "20/11/2026"
    assert front["provinces"] == ["dong-nai", "hai-phong"]
    assert front["topics"] == ["tuyen-truyen"]
    assert front["cover"] == "../assets/images/anh-bia.png"  # one media folder, linked relative to the article
    assert front["cover_alt"] == "Doanh nghiệp Đồng Nai tại lớp tập huấn"
    assert (editor.root / "content" / "assets" / "images" / "anh-bia.png").is_file()
    page.context.close()


def test_list_shows_dates_as_written(editor: Editor) -> None:
    """An article dated 2 December 2026 is saved as 02/12/2026 and listed as 02/12/2026, never 12/02/2026;
    a hand-written yyyy-mm-dd date is listed as written."""
    page = editor.open("collections/tin-tuc/new")
    page.get_by_label("Tiêu đề").fill(DECEMBER_TITLE)
    page.get_by_label("Ngày đăng").fill("2026-12-02")
    page.get_by_label("Tóm tắt").fill("Thành phố tổng kết một năm phong trào năng suất trong doanh nghiệp.")
    _pick(page, "Chủ đề", "Tuyên truyền, nâng cao nhận thức")
    _publish(page)
    front = yaml.safe_load(_wait_file(page, editor.root / DECEMBER).split("---")[1])
    assert front["date"] == "02/12/2026"
    page.goto(editor.site_url + "admin/#/collections/tin-tuc")
    page.get_by_text(f"{DECEMBER_TITLE} (02/12/2026)", exact=True).wait_for()
    listed = page.inner_text("body")
    assert "12/02/2026" not in listed and "Invalid Date" not in listed
    assert "Tuyên Quang triển khai Chương trình năng suất chất lượng giai đoạn 2021-2025 (2022-04-19)" in listed
    page.context.close()


def test_create_video(editor: Editor) -> None:
    """A YouTube video added to data/videos.yml through the form."""
    page = editor.open("collections/video/entries/videos")
    # Decap 3.16.3's Vietnamese lacks this label ("Add video"): overrides/admin/nscl-cms.js gives it.
    page.get_by_role("button", name=re.compile(r"^Thêm video")).click()
    page.get_by_label("Mã video (địa chỉ").fill(VIDEO_ID)
    page.get_by_label("Tiêu đề").fill("Phóng sự: Đồng Nai nâng cao năng suất")
    page.get_by_label("Ngày đăng").fill("2026-11-18")
    _pick(page, "Loại video", "Phóng sự")
    _pick(page, "Tỉnh, thành phố", "Đồng Nai")
    page.get_by_label("Giới thiệu").fill("Phóng sự về doanh nghiệp Đồng Nai áp dụng công cụ cải tiến năng suất.")
    page.get_by_label("Thời lượng").fill("12:30")
    page.get_by_label("Mã video YouTube").fill("M7lc1UVf-VE")
    before = (editor.root / "data" / "videos.yml").read_bytes()
    _publish(page)
    data = yaml.safe_load(_wait_file(page, editor.root / "data" / "videos.yml", changed_from=before))
    video = data["videos"][0]
    assert video["id"] == VIDEO_ID and video["kind"] == "phong-su" and video["provinces"] == ["dong-nai"]
    assert video["host"] == {"type": "youtube", "id": "M7lc1UVf-VE"}
    page.context.close()


def test_add_progress_figure(editor: Editor) -> None:
    """A progress entry added to one target of a plan; every other field of the plan is kept."""
    plan = editor.root / PLAN
    before_bytes = plan.read_bytes()
    before = yaml.safe_load(before_bytes)
    page = editor.open("collections/tien-do/entries/an-giang-cu")
    # A target's summary (its indicator) sits under the bar that opens it.
    summary = page.get_by_text("Cán bộ, công chức, viên chức", exact=False).first
    summary.locator("xpath=ancestor::*[.//button][1]").get_by_role("button").first.click()
    page.get_by_role("button", name=re.compile(r"^Thêm số liệu")).first.click()
    page.get_by_label("Số liệu tính đến ngày").fill("2023-12-31")
    page.get_by_label("Giá trị lũy kế").fill("85")
    page.get_by_label("Tên nguồn").fill("Sở Khoa học và Công nghệ tỉnh An Giang")
    page.get_by_label("Địa chỉ web của nguồn").fill("https://sokhcn.angiang.gov.vn/bao-cao-2023")
    _publish(page)
    after = yaml.safe_load(_wait_file(page, plan, changed_from=before_bytes))
    target = after["documents"][0]["targets"][0]
    assert target["id"] == TARGET
    assert target["progress"] == [{"as_of": "31/12/2023", "value": 85,
                                   "source": {"name": "Sở Khoa học và Công nghệ tỉnh An Giang",
                                              "url": "https://sokhcn.angiang.gov.vn/bao-cao-2023"}}]
    del target["progress"]
    assert after == before
    page.context.close()


def test_strict_build_of_the_edited_site_shows_everything(editor: Editor) -> None:
    """After the three edits, a strict build of the copy passes and shows the article, video and figure."""
    # The three tests above made the edits (pytest runs a module's tests in file order).
    assert (editor.root / ARTICLE).is_file(), "run the whole module: the edits are made by the tests above"
    shutil.rmtree(editor.root / "site")
    built = run_build(editor.root)
    assert built.ok, built.log
    article = built.text("tin-tuc/dong-nai-day-manh-dao-tao-nang-suat-cho-doanh-nghiep/")
    assert f"<h1>{TITLE}</h1>" in article
    assert "Đồng Nai" in article and "Hải Phòng" in article
    assert 'alt="Doanh nghiệp Đồng Nai tại lớp tập huấn"' in article and "assets/images/anh-bia.png" in article
    assert "Phóng sự: Đồng Nai nâng cao năng suất" in built.text(f"video/{VIDEO_ID}/")
    # The figure, on the target's row of the unit page and, with its date, on its plan's page.
    province = built.text("tinh-thanh/an-giang-cu/")
    assert "Chưa đạt: 85 người" in province.split(f'id="{TARGET}"', 1)[1].split("</li>", 1)[0]
    plan_page = built.text("tinh-thanh/an-giang-cu/kh-573-2021/")
    section = plan_page.split(f'id="{TARGET}"', 1)[1].split("</li>", 1)[0]
    assert "85" in section and "31/12/2023" in section
