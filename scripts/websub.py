"""Tell the WebSub hub which feeds changed; the deploy workflow (.github/workflows/site.yml) runs it.

    python3 scripts/websub.py changes site/assets/feeds/websub.json [--published FILE_OR_URL] [--output FILE]
    python3 scripts/websub.py publish '{"hub": "https://…/", "feeds": ["https://…/nguon-tin/tin-tuc.xml"]}'

`changes`, before the deploy: compares the list the build wrote (hooks/_feeds.py, `render_websub`: the hub, the
list's own address, each feed's address with the sha256 of its bytes) with the list the site published before
(by default fetched from that address), and writes `websub=<the hub and the changed feeds, as JSON>` to FILE
(the job's $GITHUB_OUTPUT), or `websub=` when there is no hub or nothing changed. `publish`, after the deploy:
POSTs `hub.mode=publish&hub.url=<feed>` to the hub for each feed. Standard library only.

A hub or network failure never fails the run (the site is already published): it is a `::warning::` in the log,
and after `MAX_FAILURES` failures the rest is not sent (the hub is down; the next change tells it again).
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

TIMEOUT = 20
MAX_FAILURES = 3
USER_AGENT = "nscl-websub (+https://www.w3.org/TR/websub/)"
# What a request can fail with: refused, timed out, reset, a reply that is not HTTP, an address that is not one.
FAILURES = (OSError, http.client.HTTPException, ValueError)


@dataclass(frozen=True)
class Listing:
    """A list the build wrote: the hub (None: no hub), its own address, each feed's address and sha256."""

    hub: str | None
    url: str
    feeds: dict[str, str]


def say(out: TextIO, line: str, kind: str | None = None) -> None:
    """One line of the log; `kind` (notice, warning) makes it a GitHub Actions annotation."""
    if kind:
        # Workflow commands end at a newline and read % as an escape.
        line = f"::{kind}::" + line.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    out.write(line + "\n")
    out.flush()


def listing(data: bytes) -> Listing:
    """The list in the bytes the build wrote; ValueError if they are not one."""
    doc = json.loads(data.decode("utf-8"))
    if not isinstance(doc, dict):
        raise ValueError("không phải một nhóm trường")
    hub, url, feeds = doc.get("hub"), doc.get("url"), doc.get("feeds")
    if hub is not None and not isinstance(hub, str):
        raise ValueError("'hub' không phải một địa chỉ")
    if not isinstance(url, str):
        raise ValueError("'url' không phải một địa chỉ")
    if not isinstance(feeds, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in feeds.items()):
        raise ValueError("'feeds' không phải danh sách địa chỉ và mã sha256")
    return Listing(hub or None, url, feeds)


def published(source: str, out: TextIO) -> dict[str, str]:
    """The digests of the feeds as published before, from a file or an address; none if there is no list yet
    (every feed is then new to the hub) or it cannot be read (a warning: every feed is then told again)."""
    try:
        if source.startswith(("https://", "http://")):
            request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                data = response.read()
        else:
            data = Path(source).read_bytes()
        return listing(data).feeds
    except (urllib.error.HTTPError, FileNotFoundError) as error:
        if isinstance(error, FileNotFoundError) or error.code == 404:
            say(out, f"WebSub: chưa có danh sách nguồn tin đã xuất bản ({source}): mọi nguồn tin đều mới.")
            return {}
        reason = f"trả lời {error.code}"
    except FAILURES as error:
        reason = str(getattr(error, "reason", error))
    say(out, f"WebSub: không đọc được danh sách nguồn tin đã xuất bản ({source}: {reason}); báo mọi nguồn tin.",
        "warning")
    return {}


def changed(new: dict[str, str], old: dict[str, str]) -> list[str]:
    """The feeds whose bytes differ from the published ones, or that are new; sorted."""
    return sorted(url for url, digest in new.items() if old.get(url) != digest)


def body(feed: str) -> bytes:
    """The form a hub takes to hear that `feed` changed."""
    return urllib.parse.urlencode({"hub.mode": "publish", "hub.url": feed}).encode("ascii")


def notify(hub: str, feeds: list[str], out: TextIO, *, timeout: float = TIMEOUT,
           max_failures: int = MAX_FAILURES) -> int:
    """POST each feed to the hub, one request each; how many failed. A failure is a warning, never an error."""
    failures = 0
    for number, feed in enumerate(feeds):
        request = urllib.request.Request(hub, data=body(feed), method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
            say(out, f"WebSub: đã báo {feed} ({response.status})")
            continue
        except urllib.error.HTTPError as error:
            reason = f"trả lời {error.code} {error.reason}"
        except FAILURES as error:
            reason = str(getattr(error, "reason", error))
        failures += 1
        say(out, f"WebSub: hub {hub} không nhận tin báo {feed}: {reason}", "warning")
        if failures >= max_failures and number + 1 < len(feeds):
            say(out, f"WebSub: dừng sau {failures} lần lỗi; {len(feeds) - number - 1} nguồn tin chưa được báo "
                     "(lần thay đổi sau sẽ báo lại).", "warning")
            break
    return failures


def run_changes(built: Path, source: str | None, output: Path | None, out: TextIO) -> dict[str, object] | None:
    """`changes`: the hub and the changed feeds, written as `websub=<json>` (or `websub=` for nothing to send)."""
    result: dict[str, object] | None = None
    try:
        new = listing(built.read_bytes())
    except (OSError, ValueError) as error:
        say(out, f"WebSub: không đọc được {built}: {error}; không báo hub.", "warning")
    else:
        if new.hub is None:
            say(out, "WebSub: không dùng hub (extra.feeds.hub để trống); không báo.")
        else:
            feeds = changed(new.feeds, published(source or new.url, out))
            say(out, f"WebSub: {len(feeds)}/{len(new.feeds)} nguồn tin thay đổi, sẽ báo {new.hub} sau khi đăng "
                     "trang.")
            result = {"hub": new.hub, "feeds": feeds} if feeds else None
    line = "websub=" + (json.dumps(result, ensure_ascii=False) if result else "")
    if output is None:
        say(out, line)
    else:
        with output.open("a", encoding="utf-8") as f:
            f.write(line + "\n")
    return result


def run_publish(changes: str, out: TextIO) -> int:
    """`publish`: tell the hub of each feed in `changes` (what `changes` wrote); how many failed."""
    try:
        doc = json.loads(changes) if changes.strip() else {}
        hub, feeds = doc.get("hub"), list(doc.get("feeds") or [])
    except (ValueError, AttributeError) as error:
        say(out, f"WebSub: không đọc được danh sách thay đổi: {error}; không báo hub.", "warning")
        return 0
    if not hub or not feeds:
        say(out, "WebSub: không có gì để báo.")
        return 0
    failures = notify(hub, feeds, out)
    say(out, f"WebSub: đã báo {hub} về {len(feeds) - failures}/{len(feeds)} nguồn tin.")
    return failures


def main(argv: list[str] | None = None) -> int:
    """The command line; exits 0 whatever the hub says."""
    parser = argparse.ArgumentParser(description="Báo WebSub hub các nguồn tin đã thay đổi.")
    commands = parser.add_subparsers(dest="command", required=True)
    changes = commands.add_parser("changes", help="so sánh danh sách mới dựng với danh sách đã xuất bản")
    changes.add_argument("built", type=Path, help="site/assets/feeds/websub.json")
    changes.add_argument("--published", help="tệp hoặc địa chỉ của danh sách đã xuất bản (mặc định: địa chỉ "
                                             "ghi trong danh sách mới)")
    changes.add_argument("--output", type=Path, help="tệp nhận dòng websub=… ($GITHUB_OUTPUT)")
    publish = commands.add_parser("publish", help="báo hub từng nguồn tin đã thay đổi")
    publish.add_argument("changes", help="dòng JSON mà lệnh changes ghi ra")
    args = parser.parse_args(argv)
    if args.command == "changes":
        run_changes(args.built, args.published, args.output, sys.stdout)
    else:
        run_publish(args.changes, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
