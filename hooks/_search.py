"""Search with Pagefind: its binary in service mode, and what it is handed of each page.

Pagefind splits its index into small chunks that the browser fetches per query, so a reader pays nothing for
search until they use it. The binary (from the pinned `pagefind_bin` package, no download) runs beside the
build in its service mode (`Indexer`). Pagefind matches "nang suat" to "năng suất" but keeps `đ` apart from
`d`: the indexer's copy of each page (`indexer_copy`) also carries its `đ` words folded to `d` ("Đồng" ->
"dong") in a searchable, never-shown metadata field. The page served is unchanged.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath
from typing import IO, Any

from mkdocs.exceptions import PluginError

from _vn import fold

OUTPUT_DIR = "pagefind"
# Material's content element: everything a page says, without header, navigation or footer.
ROOT_TAG = '<article class="md-content__inner md-typeset">'
ROOT_SELECTOR = "article.md-content__inner"
# Inside the content, what is not the page's own text: anchors, edit button, dates, share links, neighbours.
EXCLUDE_SELECTORS = (".headerlink", ".md-content__button", ".nscl-article-meta__dates", ".nscl-share",
                     ".nscl-article-nav")
FOLD_META = "fold"
# Pagefind's bundles for its ready-made interfaces; the header box uses only the core library.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
_D = re.compile("[đĐ]")
_WORD_REST = re.compile(r"\w*")
# Seconds to wait for Pagefind to start, and to write the whole bundle at the end.
START_TIMEOUT = 60
WRITE_TIMEOUT = 600


class Indexer:
    """Pagefind in service mode: base64 JSON messages, each ended by a comma, over stdin and stdout.

    The messages are those of Pagefind's own Python client (pagefind/service/types.py, pinned with the
    binary); that client waits 0.1 s before reading each answer, 500 s for 5,000 pages, so the site
    talks to the binary itself. A thread reads the answers; pages are sent without waiting for theirs.

    The bundle is asked for in memory (`GetFiles`) and written by the site: Pagefind answers `WriteFiles`
    once its writes are handed to its I/O threads, not once they are done, and it exits without
    finishing them when its input closes (a 5,000-article build once found pagefind-entry.json empty).
    """

    def __init__(self) -> None:
        from pagefind_bin import get_executable

        self._stderr: IO[bytes] = tempfile.TemporaryFile()
        self._process = subprocess.Popen(  # noqa: S603 - the pinned package's own binary
            [str(get_executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr)
        self._answers: dict[int, dict[str, Any]] = {}
        self._waiting: set[int] = set()
        self._errors: list[str] = []
        self._finished = False
        self._changed = threading.Condition()
        self._last_id = 0
        self._writing = 0
        self._writer: threading.Thread | None = None
        self._write_error: BaseException | None = None
        self.pages = 0
        threading.Thread(target=self._read, name="pagefind-answers", daemon=True).start()
        config = {"root_selector": ROOT_SELECTOR, "exclude_selectors": list(EXCLUDE_SELECTORS),
                  "force_language": "vi"}
        self._index = self._call({"type": "NewIndex", "config": config}, START_TIMEOUT)["index_id"]

    @property
    def writing(self) -> bool:
        """Whether the bundle has been asked for (no page can be added after that)."""
        return self._writing != 0

    def add(self, url: str, html: str) -> None:
        """Hand one page to the indexer (its answer is read in the background)."""
        if self.writing:
            raise PluginError(f"Lỗi của trang web (hooks/search.py): trang {url} đến sau khi chỉ mục đã được ghi")
        self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_path": None,
                    "file_contents": html})
        self.pages += 1

    def start_writing(self, out: Path, skip: tuple[str, ...] = ()) -> None:
        """Ask for the bundle once every page is indexed; a thread writes it into `out` (less the files named
        in `skip`) while the build goes on."""
        self._writing = self._send({"type": "GetFiles", "index_id": self._index}, wait=True)
        self._writer = threading.Thread(target=self._write, args=(out, skip), name="pagefind-bundle", daemon=True)
        self._writer.start()

    def finish_writing(self) -> None:
        """Wait until the bundle is written; raise if any page or the bundle failed."""
        self._writer.join(WRITE_TIMEOUT)
        if self._writer.is_alive():
            raise self._failure("Pagefind không trả về chỉ mục")
        if self._errors:
            raise PluginError("Không tạo được chỉ mục tìm kiếm (Pagefind): " + "; ".join(self._errors[:5]))
        if self._write_error is not None:
            raise self._write_error

    def _write(self, out: Path, skip: tuple[str, ...]) -> None:
        """Write the bundle Pagefind returned, after checking it holds every page sent."""
        try:
            files = {f["path"]: base64.b64decode(f["content"])
                     for f in self._await(self._writing, WRITE_TIMEOUT)["files"]}
            try:
                entry = json.loads(files["pagefind-entry.json"])
                indexed = sum(language["page_count"] for language in entry["languages"].values())
            except (KeyError, ValueError, TypeError) as exc:
                raise self._failure(f"tệp pagefind-entry.json hỏng ({exc!r})") from exc
            if indexed != self.pages:
                raise self._failure(f"chỉ mục có {indexed} trang, đã gửi {self.pages} trang")
            for name in sorted(files):
                if name in skip:
                    continue
                path = PurePosixPath(name)
                parts = path.parts
                if not parts or path.is_absolute() or ".." in parts:
                    raise self._failure(f"đường dẫn ngoài thư mục chỉ mục: {name}")
                target = out.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(files[name])
        except BaseException as exc:  # noqa: BLE001 - reported by finish_writing, in the build's thread
            self._write_error = exc

    def close(self) -> None:
        """Stop the binary."""
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._stderr.close()

    def _send(self, payload: dict[str, Any], *, wait: bool = False) -> int:
        """Write one message; remember its id when its answer is awaited."""
        self._last_id += 1
        if wait:
            with self._changed:
                self._waiting.add(self._last_id)
        message = json.dumps({"message_id": self._last_id, "payload": payload}, ensure_ascii=False)
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            self._process.stdin.flush()
        except (BrokenPipeError, ValueError) as exc:
            raise self._failure("Pagefind đã dừng") from exc
        return self._last_id

    def _call(self, payload: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Send one message and wait for its answer."""
        return self._await(self._send(payload, wait=True), timeout)

    def _await(self, message_id: int, timeout: float) -> dict[str, Any]:
        """The answer to message `message_id`, once it has come."""
        with self._changed:
            self._changed.wait_for(lambda: message_id in self._answers or self._finished, timeout)
            answer = self._answers.pop(message_id, None)
        if answer is None:
            raise self._failure("Pagefind không trả lời")
        if answer.get("type") == "Error":
            raise self._failure(str(answer.get("message")))
        return answer

    def _read(self) -> None:
        """Collect the answers: keep those awaited, and the text of every error."""
        pending: list[bytes] = []  # the message being received, in pieces (the bundle is one of tens of MB)
        for chunk in iter(lambda: self._process.stdout.read1(1 << 16), b""):
            if b"," not in chunk:
                pending.append(chunk)
                continue
            *messages, rest = chunk.split(b",")
            messages[0] = b"".join([*pending, messages[0]])
            pending = [rest]
            for raw in messages:
                answer = json.loads(base64.b64decode(raw))
                payload, message_id = answer.get("payload") or {}, answer.get("message_id")
                with self._changed:
                    if payload.get("type") == "Error" and message_id not in self._waiting:
                        self._errors.append(str(payload.get("message")))
                    if message_id in self._waiting:
                        self._waiting.discard(message_id)
                        self._answers[message_id] = payload
                        self._changed.notify_all()
        with self._changed:
            self._finished = True
            self._changed.notify_all()

    def _failure(self, reason: str) -> PluginError:
        """A build error that says what Pagefind reported."""
        self._stderr.seek(0)
        detail = self._stderr.read().decode("utf-8", "replace").strip()
        return PluginError(f"Không tạo được chỉ mục tìm kiếm: {reason}" + (f" ({detail})" if detail else ""))


def indexer_copy(html: str) -> str:
    """What the indexer reads of a page: its content element only, with its `đ` words folded to `d`
    in a searchable metadata field (a fifth of the page, so less to send and parse)."""
    start = html.find(ROOT_TAG)
    end = html.rfind("</article>") + len("</article>")
    content = html[start:end]
    words = sorted({fold(w) for w in _words_with_d(content)})
    field = f'<span data-pagefind-meta="{FOLD_META}:{escape(" ".join(words))}"></span>' if words else ""
    return f'<html lang="vi"><body>{ROOT_TAG}{field}{content[len(ROOT_TAG):]}</body></html>'


def _words_with_d(text: str) -> set[str]:
    """The words (as `\\w+` finds them) of `text` that contain `đ` or `Đ`: found from each `đ` outwards,
    three times faster than listing every word of the page (6,264 pages at 5,000 articles)."""
    words: set[str] = set()
    end = 0
    for match in _D.finditer(text):
        start = match.start()
        if start < end:  # a second `đ` in the word just taken
            continue
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        end = _WORD_REST.match(text, match.start()).end()
        words.add(text[start:end])
    return words


@dataclass
class SearchRun:
    """One build's search: the indexer, the searchable pages and which are still to be drawn."""

    indexer: Indexer | None = None
    # Searchable pages (source paths) of this build, those not drawn yet, and those with no content to index.
    searchable: set[str] = field(default_factory=set)
    unrendered: set[str] = field(default_factory=set)
    unindexable: list[str] = field(default_factory=list)
    # A preview build after the first: pages drawn again are indexed with the kept copies of the others,
    # after the build (`reindex`).
    later: bool = False
    # Whether a searchable page was drawn again, added or removed this build.
    changed: bool = False

    def stop(self) -> None:
        """Stop this build's indexer, if one runs."""
        if self.indexer is not None:
            self.indexer.close()
            self.indexer = None


class Reindexer:
    """The preview's search after an edit: Pagefind's command line over the folder of the copies of every
    searchable page (kept there by hooks/search.py), on its own core, never two at a time; a request while one
    runs makes one more run after it, over the folder as it is then. Its bundle is put in place of `out`."""

    def __init__(self, pages: Path, out: Path, said: Callable[[str], None]) -> None:
        self.pages, self.out, self.said = pages, out, said
        self._lock = threading.Lock()
        self._running = self._again = False

    def request(self) -> None:
        """Index the folder again, now or once the run under way ends."""
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        threading.Thread(target=self._work, name="pagefind-preview", daemon=True).start()

    def _work(self) -> None:
        while True:
            try:
                count = self._run()
            except (OSError, subprocess.SubprocessError, ValueError, KeyError) as exc:
                self.said(f"Tìm kiếm của bản xem trước chưa cập nhật được: {exc}")
            else:
                self.said(f"Tìm kiếm: đã cập nhật chỉ mục của bản xem trước ({count} trang)")
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False

    def _run(self) -> int:
        """One run of Pagefind's command line; the pages indexed."""
        from pagefind_bin import get_executable

        fresh, old = self.out.with_name(self.out.name + ".neu"), self.out.with_name(self.out.name + ".cu")
        shutil.rmtree(fresh, ignore_errors=True)
        config = {"site": str(self.pages), "output_path": str(fresh), "root_selector": ROOT_SELECTOR,
                  "exclude_selectors": list(EXCLUDE_SELECTORS), "force_language": "vi"}
        (self.pages.parent / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        # One thread, at the lowest priority: the editor's next save is built beside it.
        env = {**os.environ, "RAYON_NUM_THREADS": "1"}
        subprocess.run([str(get_executable()), "--silent"], cwd=self.pages.parent, check=True, env=env,  # noqa: S603
                       capture_output=True, timeout=WRITE_TIMEOUT, preexec_fn=lambda: os.nice(19))  # noqa: PLW1509
        for name in UNUSED:
            (fresh / name).unlink(missing_ok=True)
        entry = json.loads((fresh / "pagefind-entry.json").read_text(encoding="utf-8"))
        shutil.rmtree(old, ignore_errors=True)
        if self.out.exists():
            self.out.rename(old)
        fresh.rename(self.out)
        shutil.rmtree(old, ignore_errors=True)
        return sum(language["page_count"] for language in entry["languages"].values())
