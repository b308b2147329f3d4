"""A second core for the build: a forked worker converts Markdown while MkDocs converts the other pages.

MkDocs converts every page's Markdown, one page after another, before it renders any: at 5,000 articles
that is a fifth of the build, on one core of a machine that has two or more (this project's CI two,
GitHub's runners four), and nothing else runs then (Pagefind starts with the first rendered page).
At `on_nav`, once every file and the navigation are known, this hook forks a worker, a copy of the build
sharing its memory copy-on-write, that converts pages from the end of MkDocs' list while MkDocs goes on
from the start, until they meet (see _Worker).

MkDocs still reads every page and runs every hook on it, in its own order; only the conversion itself
(`Page.render`) takes the worker's result, and only when the worker converted exactly the Markdown
MkDocs has at that point (compared by hash). Otherwise, or if the worker failed on the page, MkDocs
converts the page itself, as without this hook, and reports any error its own way. What the worker's
conversion logs (a link to a missing page) is logged again in the build for that page, so `--strict`
counts it as before. The site is byte-identical to a build without the worker (tests/test_performance.py
builds both).

Measured at 5,000 articles on two cores: the worker converts two thirds of the pages (5,553 of 8,281)
and the Markdown stage takes about 5 s instead of 9 s. Drawing the pages in a second worker as well was
tried and measured slower (the second core is busy with Pagefind's indexing by then).

What the hash does not cover: the conversion also reads the site's files (the targets of links) and the
configuration, which no hook changes after `on_nav` (this hook's `on_nav` runs after every other's);
a hook that changed them later, in `on_pre_page` or `on_page_markdown`, would need its change reflected
here (in the hash, or by starting the worker later).

Off where `fork` does not exist (Windows) or on one core, for sites under MIN_PAGES pages (a fork costs
more than it saves there), and with `NSCL_WORKERS=0`. `NSCL_WORKERS=1` turns it on for any size;
`NSCL_WORKERS=all` makes MkDocs wait for the worker's conversion of every page (the tests use it to
prove the worker's pages are the same as MkDocs' own, warnings included).
"""

from __future__ import annotations

import ctypes
import hashlib
import logging
import multiprocessing
import os
import threading
from functools import partial
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation

log = get_plugin_logger("nscl")

MIN_PAGES = 300
# Seconds MkDocs waits for a page the worker has started; a page takes milliseconds, so running out
# means the worker is stuck: it is ended, and MkDocs converts that page and the rest itself.
PAGE_TIMEOUT = 30

_worker: _Worker | None = None
_folders: threading.Thread | None = None
# `mkdocs build --dirty` / `serve --dirtyreload`: MkDocs converts only changed pages, so no worker.
_dirty = False


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether builds are dirty (MkDocs then converts only the pages that changed)."""
    global _dirty
    _dirty = dirty


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """No worker yet (hooks are not reloaded by `mkdocs serve`: stop one a failed build left)."""
    _stop()
    return config


@event_priority(-100)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Start the worker, after every other hook has settled the files and the navigation."""
    global _worker
    order = [f for f in files.documentation_pages() if f.page is not None or f.inclusion.is_not_in_nav()]
    if _dirty or not _wanted(len(order)):
        return nav
    for file in order:
        if file.page is None:
            Page(None, file, config)  # what MkDocs does next for a page outside the navigation
    # Only pages converted by MkDocs' own Page.render (a plugin's page class may convert its own way).
    order = [f for f in order if type(f.page).render is Page.render]
    try:
        _worker = _Worker(order, config, files, every=_setting() == "all")
    except OSError as exc:  # no process to spare (memory, a container's limit): convert on one core
        log.info(f"Markdown: không tạo được tiến trình phụ ({exc}), chuyển trên một lõi")
        return nav
    for file in order:
        file.page.render = partial(_render, file.page, _worker)  # this page object only
    return nav


@event_priority(-200)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Every page is converted: stop the worker and say how much it did. Then create the output folders
    ahead of MkDocs, in the order every other hook has settled (hooks/search.py moves listings last)."""
    global _folders
    pages = files.documentation_pages()
    if _worker is not None:
        log.info(f"Markdown: tiến trình phụ đã chuyển {_worker.used} trang")
        _stop()
        for file in pages:
            file.page.__dict__.pop("render", None)
    if not _dirty and _wanted(len(pages)):
        _folders = threading.Thread(target=_make_folders, args=(pages,), name="nscl-folders", daemon=True)
        _folders.start()
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    """The folders thread has long finished by now: make sure (nothing outlives the build)."""
    _stop()


def on_build_error(*, error: Exception) -> None:
    """Stop the worker and the folders thread when the build stops early."""
    _stop()


def on_shutdown() -> None:
    """Stop the worker when MkDocs exits."""
    _stop()


def _setting() -> str:
    """`NSCL_WORKERS`: "0" off, "1" on at any size, "all" every page from the worker, else automatic."""
    return os.environ.get("NSCL_WORKERS", "").strip()


def _wanted(pages: int) -> bool:
    setting = _setting()
    if setting == "0" or "fork" not in multiprocessing.get_all_start_methods():
        return False
    return setting in ("1", "all") or (pages >= MIN_PAGES and (os.cpu_count() or 1) > 1)


def _stop() -> None:
    global _worker, _folders
    if _worker is not None:
        _worker.stop()
        _worker = None
    if _folders is not None:
        _folders.join()
        _folders = None


def _make_folders(pages: list[File]) -> None:
    """Create the pages' output folders ahead of MkDocs, which creates each just before writing its page:
    on a slow disk a folder takes a third of a millisecond, which this thread waits for instead of the build
    (MkDocs' own `os.makedirs(..., exist_ok=True)` then finds it there)."""
    try:
        for file in pages:
            os.makedirs(os.path.dirname(file.abs_dest_path), exist_ok=True)
    except OSError:
        pass  # MkDocs creates the folder itself when it writes the page, and reports what fails then


def _digest(markdown: str) -> bytes:
    return hashlib.blake2b(markdown.encode("utf-8"), digest_size=16).digest()


def _render(page: Page, worker: _Worker, config: MkDocsConfig, files: Files) -> None:
    """`page.render` while the worker runs: its conversion when it matches, else MkDocs' own."""
    result = worker.take(page.file.src_uri)
    if result is None or page.markdown is None or result["digest"] != _digest(page.markdown):
        type(page).render(page, config, files)
        return
    worker.used += 1
    page.content = result["content"]
    page.toc = result["toc"]
    page._title_from_render = result["title"]
    page.present_anchor_ids = result["anchors"]
    if result["links"] is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in result["links"].items()}
    for record in result["records"]:
        logging.getLogger(record.name).handle(record)


class _Worker:
    """The forked converter, and its results, read by a thread of the build as they come.

    MkDocs goes through `order` from the start, the worker from the end. Each marks a page before
    converting it and looks at the other's mark: MkDocs waits for a page only when the worker has marked
    it (so its result comes); if both marked a page at the same instant, both convert it and MkDocs keeps
    its own. The worker stops at the first page MkDocs has marked. With `every`, MkDocs marks no page
    and waits for the worker's conversion of each.
    """

    def __init__(self, order: list[File], config: MkDocsConfig, files: Files, *, every: bool = False) -> None:
        context = multiprocessing.get_context("fork")
        self._every = every
        self._index = {f.src_uri: i for i, f in enumerate(order)}
        self._taken = context.RawArray("b", len(order))  # by MkDocs
        self._claimed = context.RawArray("b", len(order))  # by the worker
        receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_work, args=(order, config, files, receiver, sender, self._taken,
                                                            self._claimed), name="nscl-markdown", daemon=True)
        try:
            self._process.start()
        finally:
            sender.close()
        self._results: dict[str, dict[str, Any] | None] = {}
        self._finished = False
        self._changed = threading.Condition()
        self.used = 0
        self._reader = threading.Thread(target=self._read, args=(receiver,), name="nscl-markdown-results",
                                        daemon=True)
        self._reader.start()

    def take(self, src_uri: str) -> dict[str, Any] | None:
        """The worker's conversion of a page, or None when MkDocs is to convert it."""
        index = self._index.get(src_uri)
        if index is None:
            return None
        if not self._every:
            self._taken[index] = 1
            if not self._claimed[index]:
                return None
        # The worker marked this page before MkDocs did: its result comes, or the pipe closes.
        with self._changed:
            if not self._changed.wait_for(lambda: src_uri in self._results or self._finished, PAGE_TIMEOUT):
                log.info(f"Markdown: tiến trình phụ không trả lời sau {PAGE_TIMEOUT} giây; "
                         "các trang còn lại được chuyển trên một lõi")
                self._finished = True
                self._process.kill()
            return self._results.pop(src_uri, None)

    def stop(self) -> None:
        """Let the worker stop (it does before its next page), or end it."""
        ctypes.memset(self._taken, 1, len(self._taken))
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._reader.join(timeout=10)
        self._results.clear()

    def _read(self, receiver: Connection) -> None:
        try:
            while True:
                src_uri, result = receiver.recv()
                with self._changed:
                    self._results[src_uri] = result
                    self._changed.notify_all()
        except Exception:  # noqa: BLE001 - the pipe closed (EOFError), or a result that cannot be read
            pass
        finally:
            receiver.close()
            with self._changed:
                self._finished = True
                self._changed.notify_all()
            if self._process.is_alive():  # nobody reads its results any more: MkDocs converts the rest
                self._process.kill()


def _work(order: list[File], config: MkDocsConfig, files: Files, receiver: Connection, sender: Connection,
          taken: Any, claimed: Any) -> None:
    """In the worker: read and convert pages from the end of `order` down, as MkDocs' _populate_page does
    up to the conversion, until a page MkDocs has taken; send each result."""
    receiver.close()  # the build's end: if the build stops reading, sending fails instead of waiting
    records: list[logging.LogRecord] = []

    def keep(logger: logging.Logger, record: logging.LogRecord) -> None:
        if not logger.disabled and logger.filter(record):
            records.append(record)

    # The worker prints nothing: what the conversion logs goes back with its result; what the hooks log,
    # MkDocs logs itself when it runs them.
    logging.Logger.handle = keep  # type: ignore[method-assign]  # in this process only
    for position in range(len(order) - 1, -1, -1):
        if taken[position]:
            break
        claimed[position] = 1
        file = order[position]
        result: dict[str, Any] | None = None
        try:
            page = file.page
            config._current_page = page
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            records.clear()
            type(page).render(page, config, files)
            links = page.links_to_anchors
            result = {"digest": _digest(page.markdown), "content": page.content, "toc": page.toc,
                      "title": page._title_from_render, "anchors": page.present_anchor_ids,
                      "links": None if links is None else {f.src_uri: v for f, v in links.items()},
                      "records": [_portable(r) for r in records]}
        except Exception:  # noqa: BLE001 - MkDocs converts this page itself and reports the error its own way
            result = None
        finally:
            config._current_page = None
            records.clear()
        try:
            sender.send((file.src_uri, result))
        except (BrokenPipeError, OSError):
            break  # the build has stopped reading
        except Exception:  # noqa: BLE001 - a result that does not pickle: MkDocs converts that page itself
            sender.send((file.src_uri, None))
    sender.close()


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """A log record that pickles: its message formatted, no arguments or traceback objects."""
    record.msg = record.getMessage()
    record.args = None
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    return record
