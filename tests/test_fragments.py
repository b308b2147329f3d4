"""The navigation drawn once per kind of page (hooks/_fragments.py) changes no byte of any page."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import make_site, run_build


def test_the_navigation_cache_is_used_and_changes_no_byte(tmp_path: Path):
    root = make_site(tmp_path / "site", fixture="news")
    cached = run_build(root, env={"NSCL_FRAGMENTS": "1"})
    assert cached.ok, cached.log
    reused = re.search(r"Thanh điều hướng: (\d+) bản vẽ, dùng lại (\d+) lần", cached.log)
    assert reused and int(reused.group(2)) > int(reused.group(1)), cached.log
    pages = {p.relative_to(cached.site): p.read_bytes() for p in cached.site.rglob("*.html")}
    fresh = run_build(make_site(tmp_path / "fresh", fixture="news"), env={"NSCL_FRAGMENTS": "0"})
    assert fresh.ok, fresh.log
    assert "Thanh điều hướng" not in fresh.log
    differ = [str(rel) for rel, data in pages.items() if (fresh.site / rel).read_bytes() != data]
    assert differ == [] and len(pages) > 40
