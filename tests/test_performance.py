"""Performance work that must not change what readers get: the cache of navigation fragments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import make_site, run_build


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
