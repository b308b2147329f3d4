"""Feeds that push (issue 23, item 4): every feed names the WebSub hub, the build lists each feed with the digest
of its bytes, and scripts/websub.py tells the hub of exactly the feeds that changed, never failing the deploy."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import feedparser
import pytest
from lxml import etree

import _settings
from _problems import Problems
from _yaml import SettingLines
from browser import SiteServer
from conftest import ROOT, Built, make_site, run_build

sys.path.insert(0, str(ROOT / "scripts"))
import websub  # noqa: E402

SITE = "https://example.org/nscl/"
PUBLIC_HUB = "https://pubsubhubbub.appspot.com/"
LISTING = "assets/feeds/websub.json"
ATOM = "{http://www.w3.org/2005/Atom}"
CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
HUB_LINE = f"    hub: {PUBLIC_HUB}\n"
ARTICLE = "content/tin-tuc/tuyen-truyen-nfd.md"


def with_hub(line: str | None) -> dict[str, str]:
    """mkdocs.yml with `extra.feeds.hub` set to `line` (None: the setting left out, so its default applies)."""
    assert CONFIG.count(HUB_LINE) == 1
    return {"mkdocs.yml": CONFIG.replace(HUB_LINE, "" if line is None else f"    hub: {line}\n")}


def build(root: Path, files: dict[str, str] | None = None, fixture: str = "feeds") -> Built:
    """A fixture site built with `files` on top; the build must succeed."""
    built = run_build(make_site(root, fixture=fixture, files=files))
    assert built.ok, built.log
    return built


@pytest.fixture(scope="module")
def default(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The feeds fixture with no `hub` in mkdocs.yml: the default hub."""
    return build(tmp_path_factory.mktemp("default"), with_hub(None))


def feed_files(built: Built) -> dict[str, bytes]:
    """Every feed file of the build (path under the site root: bytes)."""
    return {p: data for p, data in built.files().items()
            if p.startswith("nguon-tin/") and p.endswith((".xml", ".atom", ".json"))}


def hubs(path: str, data: bytes) -> list[str]:
    """The hubs a feed names: RSS `<atom:link rel="hub">`, Atom `<link rel="hub">`, JSON Feed `hubs`."""
    if path.endswith(".json"):
        found = json.loads(data).get("hubs", [])
        assert all(h["type"] == "WebSub" for h in found), path
        return [h["url"] for h in found]
    root = etree.fromstring(data)
    where = "channel/" if path.endswith(".xml") else ""
    return root.xpath(f"{where}*[local-name()='link' and namespace-uri()='{ATOM[1:-1]}' and @rel='hub']/@href")


def listing(built: Built) -> dict:
    """The list of feeds the build wrote for the deploy."""
    return json.loads(built.path(LISTING).read_bytes())


# ---------------------------------------------------------------------------------------------
# The feeds name their hub


def test_every_feed_names_the_public_hub_by_default(default):
    files = feed_files(default)
    assert len(files) > 40 and {p.rsplit(".", 1)[1] for p in files} == {"xml", "atom", "json"}
    for path, data in files.items():
        assert hubs(path, data) == [PUBLIC_HUB], path
        if path.endswith(".json"):
            continue
        # As readers see it: beside the feed's own address, which stays the RSS <link>'s HTML page.
        parsed = feedparser.parse(data)
        assert not parsed.bozo, path
        assert [(link.rel, link.href) for link in parsed.feed.links if link.rel in ("self", "hub")] == [
            ("self", SITE + path), ("hub", PUBLIC_HUB)], path
        if path.endswith(".xml"):
            channel = etree.fromstring(data).find("channel")
            own = channel.find(f"{ATOM}link[@rel='self']")
            assert own.getnext().get("rel") == "hub", path
            assert channel.findtext("link").startswith(SITE) and not channel.findtext("link").endswith(".xml")


def test_the_default_is_the_setting_written_out_and_every_byte_is_stable(default, tmp_path):
    written = build(tmp_path / "written")
    assert HUB_LINE in (written.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert feed_files(written) == feed_files(default)
    assert written.path(LISTING).read_bytes() == default.path(LISTING).read_bytes()


def test_a_custom_hub_is_named_by_every_feed(tmp_path):
    hub = "https://hub.example.gov.vn/websub?site=nscl"
    built = build(tmp_path / "custom", with_hub(f'"{hub}"'))
    files = feed_files(built)
    assert files and all(hubs(path, data) == [hub] for path, data in files.items())
    assert PUBLIC_HUB.encode() not in b"".join(files.values())
    assert listing(built)["hub"] == hub


@pytest.mark.parametrize("value", ['""', "null"])
def test_an_empty_hub_leaves_every_hub_element_out(tmp_path, value):
    built = build(tmp_path / "none", with_hub(value))
    files = feed_files(built)
    assert files
    for path, data in files.items():
        assert hubs(path, data) == [], path
        assert b'rel="hub"' not in data and b"pubsubhubbub" not in data, path
        if path.endswith(".json"):
            assert "hubs" not in json.loads(data)
    assert listing(built)["hub"] is None


def test_a_hub_that_is_not_https_stops_the_build_with_its_line(tmp_path):
    files = with_hub("http://pubsubhubbub.appspot.com/")
    line = files["mkdocs.yml"].split("\n").index("    hub: http://pubsubhubbub.appspot.com/") + 1
    built = run_build(make_site(tmp_path / "bad", fixture="minimal", files=files))
    assert not built.ok
    assert (f"mkdocs.yml, dòng {line}, trường 'extra.feeds.hub': cần một địa chỉ bắt đầu bằng https://, ví dụ "
            f"{PUBLIC_HUB} (mặc định), hoặc \"\" để tắt; đang là 'http://pubsubhubbub.appspot.com/'.") in built.log


@pytest.mark.parametrize(("value", "shown"), [
    ("pubsubhubbub.appspot.com", "'pubsubhubbub.appspot.com'"),
    ("https://", "'https://'"),
    ("https://hub.example.org/ có dấu cách", "'https://hub.example.org/ có dấu cách'"),
    ("https://hub\u200b.example.org/", "'https://hub\u200b.example.org/'"),
    (["https://pubsubhubbub.appspot.com/"], "một danh sách"),
    (443, "'443'"),
])
def test_each_wrong_hub_is_named_and_no_hub_is_used(tmp_path, value, shown):
    (tmp_path / "mkdocs.yml").write_text("extra:\n  feeds:\n    hub: x\n", encoding="utf-8")
    problems = Problems(setting_line=SettingLines(tmp_path / "mkdocs.yml"))
    settings = _settings.read({"feeds": {"hub": value}}, "feeds", _settings.FeedSettings, problems)
    assert [p.render() for p in problems.errors] == [
        "mkdocs.yml, dòng 3, trường 'extra.feeds.hub': cần một địa chỉ bắt đầu bằng https://, ví dụ "
        f"{PUBLIC_HUB} (mặc định), hoặc \"\" để tắt; đang là {shown}."]
    # The wrong value falls back to the default, so the build still reports the rest of its problems.
    assert settings.hub == PUBLIC_HUB


def test_a_hub_is_kept_as_written_without_its_spaces(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("extra:\n  feeds:\n    hub: x\n", encoding="utf-8")
    problems = Problems(setting_line=SettingLines(tmp_path / "mkdocs.yml"))
    settings = _settings.read({"feeds": {"hub": " https://hub.example.org:8443/p "}}, "feeds",
                              _settings.FeedSettings, problems)
    assert not problems.errors and settings.hub == "https://hub.example.org:8443/p"


# ---------------------------------------------------------------------------------------------
# The list the deploy reads


def test_the_list_names_every_feed_with_the_sha256_of_its_bytes(default):
    doc = listing(default)
    assert list(doc) == ["hub", "url", "feeds"]
    assert doc["hub"] == PUBLIC_HUB and doc["url"] == SITE + LISTING
    expected = {SITE + p: hashlib.sha256(data).hexdigest() for p, data in sorted(feed_files(default).items())}
    assert doc["feeds"] == expected and list(doc["feeds"]) == sorted(expected)


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The default site again, with one article's text changed."""
    text = (ROOT / "tests/fixtures/feeds" / ARTICLE).read_text(encoding="utf-8")
    changed = text.replace("Nội dung bài tuyên truyền.", "Nội dung bài tuyên truyền, đã sửa lại.")
    assert changed != text
    return build(tmp_path_factory.mktemp("edited"), {**with_hub(None), ARTICLE: changed})


# The feeds that carry that article: all news, its unit before the merger and the unit it is part of, its topic.
CARRYING = sorted(SITE + p for p in (
    "nguon-tin/tin-tuc.xml", "nguon-tin/tin-tuc.atom", "nguon-tin/tin-tuc.json",
    "nguon-tin/tinh/tuyen-quang-cu.xml", "nguon-tin/tinh/tuyen-quang-cu.atom",
    "nguon-tin/tinh/tuyen-quang.xml", "nguon-tin/tinh/tuyen-quang.atom",
    "nguon-tin/chu-de/tuyen-truyen.xml", "nguon-tin/chu-de/tuyen-truyen.atom"))


def test_changes_are_exactly_the_feeds_whose_bytes_changed(default, edited, tmp_path):
    before, after = feed_files(default), feed_files(edited)
    differ = sorted(SITE + p for p in after if before.get(p) != after[p])
    assert differ == CARRYING
    out = io.StringIO()
    github_output = tmp_path / "github-output"
    github_output.write_text("earlier=1\n", encoding="utf-8")
    result = websub.run_changes(edited.path(LISTING), str(default.path(LISTING)), github_output, out)
    assert result == {"hub": PUBLIC_HUB, "feeds": CARRYING}
    assert github_output.read_text(encoding="utf-8") == ("earlier=1\nwebsub="
                                                          + json.dumps(result, ensure_ascii=False) + "\n")
    assert f"WebSub: {len(CARRYING)}/{len(after)} nguồn tin thay đổi" in out.getvalue()
    # Nothing changed: nothing to send, and the websub job does not run.
    websub.run_changes(default.path(LISTING), str(default.path(LISTING)), github_output, out)
    assert github_output.read_text(encoding="utf-8").endswith("\nwebsub=\n")


def test_changed_counts_new_feeds_and_leaves_removed_ones_out():
    old = {"a": "1", "b": "2", "gone": "3"}
    assert websub.changed({"a": "1", "b": "9", "new": "4"}, old) == ["b", "new"]
    assert websub.changed(old, old) == []


def test_the_published_list_is_fetched_from_its_own_address(default, edited, tmp_path):
    published = tmp_path / "published"
    (published / "assets" / "feeds").mkdir(parents=True)
    (published / LISTING).write_bytes(default.path(LISTING).read_bytes())
    out = io.StringIO()
    with SiteServer(published) as server:
        assert websub.run_changes(edited.path(LISTING), server.url + LISTING, None, out)["feeds"] == CARRYING
        # The first deploy: nothing published yet, every feed is new to the hub (a note, not a warning).
        missing = websub.run_changes(edited.path(LISTING), server.url + "assets/feeds/khong-co.json", None, out)
    assert missing["feeds"] == sorted(listing(edited)["feeds"])
    assert "chưa có danh sách nguồn tin đã xuất bản" in out.getvalue() and "::warning::" not in out.getvalue()
    assert out.getvalue().splitlines()[-1].startswith('websub={"hub": "https://pubsubhubbub.appspot.com/"')


def test_a_published_list_that_cannot_be_read_is_a_warning_and_every_feed_is_told(edited, tmp_path):
    (tmp_path / "broken.json").write_text("<html>", encoding="utf-8")
    out = io.StringIO()
    result = websub.run_changes(edited.path(LISTING), str(tmp_path / "broken.json"), None, out)
    assert result["feeds"] == sorted(listing(edited)["feeds"])
    assert "::warning::WebSub: không đọc được danh sách nguồn tin đã xuất bản" in out.getvalue()


def test_no_hub_means_nothing_to_send(tmp_path):
    built = build(tmp_path / "none", with_hub('""'), fixture="minimal")
    out = io.StringIO()
    assert websub.run_changes(built.path(LISTING), str(tmp_path / "nowhere.json"), None, out) is None
    assert out.getvalue().splitlines() == ["WebSub: không dùng hub (extra.feeds.hub để trống); không báo.",
                                           "websub="]


# ---------------------------------------------------------------------------------------------
# Telling the hub


class FakeHub:
    """A local hub: records each request (path, content type, form) and answers with `status`."""

    def __init__(self, status: int = 204) -> None:
        self.status, self.requests = status, []
        hub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
                data = self.rfile.read(int(self.headers["Content-Length"]))
                hub.requests.append((self.path, self.headers["Content-Type"], data))
                self.send_response(hub.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/hub"

    def __enter__(self) -> FakeHub:
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def hub() -> Iterator[FakeHub]:
    with FakeHub() as running:
        yield running


def test_each_changed_feed_is_posted_to_the_hub(hub):
    out = io.StringIO()
    changes = json.dumps({"hub": hub.url, "feeds": CARRYING[:3]})
    assert websub.run_publish(changes, out) == 0
    assert [(path, kind) for path, kind, _ in hub.requests] == [("/hub", "application/x-www-form-urlencoded")] * 3
    assert [parse_qs(data.decode(), strict_parsing=True) for *_, data in hub.requests] == [
        {"hub.mode": ["publish"], "hub.url": [feed]} for feed in CARRYING[:3]]
    assert hub.requests[0][2] == (b"hub.mode=publish&hub.url=https%3A%2F%2Fexample.org%2Fnscl%2Fnguon-tin%2F"
                                  b"chu-de%2Ftuyen-truyen.atom")
    assert "::warning::" not in out.getvalue()
    assert out.getvalue().splitlines()[-1] == f"WebSub: đã báo {hub.url} về 3/3 nguồn tin."


def test_a_hub_answering_500_is_a_warning_not_a_failure(hub):
    hub.status = 500
    out = io.StringIO()
    assert websub.notify(hub.url, CARRYING[:2], out) == 2
    warnings = [line for line in out.getvalue().splitlines() if line.startswith("::warning::")]
    assert warnings == [f"::warning::WebSub: hub {hub.url} không nhận tin báo {feed}: trả lời 500 Internal Server Error"
                        for feed in CARRYING[:2]]
    # From the command line, as the workflow runs it: exit 0, the warnings in the log.
    changes = json.dumps({"hub": hub.url, "feeds": CARRYING})
    proc = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "scripts" / "websub.py"), "publish", changes],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    # After three failures the hub is taken to be down: the rest is not sent.
    assert len(hub.requests) == 2 + websub.MAX_FAILURES
    assert proc.stdout.count("::warning::") == websub.MAX_FAILURES + 1
    assert (f"::warning::WebSub: dừng sau 3 lần lỗi; {len(CARRYING) - 3} nguồn tin chưa được báo (lần thay đổi "
            "sau sẽ báo lại).") in proc.stdout
    assert proc.stdout.splitlines()[-1] == f"WebSub: đã báo {hub.url} về {len(CARRYING) - 3}/{len(CARRYING)} nguồn tin."


def test_a_hub_that_cannot_be_reached_is_a_warning():
    # A port nothing listens on any more.
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{unused.getsockname()[1]}/hub"
    out = io.StringIO()
    assert websub.notify(url, CARRYING[:1], out, timeout=5) == 1
    assert out.getvalue().startswith(f"::warning::WebSub: hub {url} không nhận tin báo {CARRYING[0]}: ")


def test_the_command_line_runs_on_the_standard_library_alone(default, edited, tmp_path):
    output = tmp_path / "github-output"
    proc = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "scripts" / "websub.py"), "changes",
                           str(edited.path(LISTING)), "--published", str(default.path(LISTING)),
                           "--output", str(output)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(output.read_text(encoding="utf-8").removeprefix("websub=")) == {"hub": PUBLIC_HUB,
                                                                                      "feeds": CARRYING}
    nothing = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "scripts" / "websub.py"), "publish", ""],
                             capture_output=True, text=True, check=False)
    assert nothing.returncode == 0 and nothing.stdout == "WebSub: không có gì để báo.\n"
