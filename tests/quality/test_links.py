"""LinkChecker crawls the built site served under a sub-path, and every `#anchor` is looked up in the built pages:
zero broken internal links or anchors."""

from __future__ import annotations

from pathlib import Path

from quality.checkers import missing_anchors, run_linkchecker
from quality.conftest import ServedSite, timed


def _url_path(page: Path, site: Path) -> str:
    """The address of a built file under the site's root: `tin-tuc/index.html` -> `tin-tuc/`."""
    rel = page.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


def test_no_broken_internal_link_or_anchor_under_a_sub_path(served_site: ServedSite, tmp_path: Path):
    # Every built page is a starting point, so a page nothing links to (the 404 page, a held-back listing)
    # has its own links checked too; LinkChecker checks each URL once however often it is reached.
    start = [served_site.url + _url_path(page, served_site.site) for page in served_site.html_files()]
    assert served_site.url + "404.html" in start and served_site.url in start
    with timed("linkchecker: real site"):
        broken = run_linkchecker(start, workdir=tmp_path)
    with timed("anchors: real site"):
        broken += missing_anchors(served_site.site, served_site.url)
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(map(str, broken))


def test_linkchecker_catches_a_root_absolute_link_and_a_missing_anchor(planted_site: ServedSite, tmp_path: Path):
    # The planted links are on the home page: checking its links is enough (the whole planted site took 40 s).
    with timed("linkchecker: planted errors"):
        broken = run_linkchecker([planted_site.url], workdir=tmp_path, depth=1)
    with timed("anchors: planted errors"):
        anchors = missing_anchors(planted_site.site, planted_site.url)
    host = planted_site.url.removesuffix("nscl/")
    # Right at a domain root, wrong under GitHub Pages' /<repository>/.
    found = {(b.url, b.parent, b.result) for b in broken}
    assert found == {(f"{host}gioi-thieu/", planted_site.url, "404 Not Found")}, "\n".join(map(str, broken))
    assert {(b.url, b.parent, b.warning) for b in anchors} == {
        (f"{planted_site.url}gioi-thieu/#muc-khong-co", planted_site.url, "Anchor `muc-khong-co' not found."),
    }, "\n".join(map(str, anchors))
