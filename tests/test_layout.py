"""How the hooks are laid out (scripts/hooks_layout.py): modules in layers, no import circle, no import running
back up or into another hook, at most two module-level values that change, no module over 500 lines."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import hooks_layout  # noqa: E402


def test_the_hooks_keep_their_layout():
    report = hooks_layout.check(ROOT / "hooks")
    assert report.too_long == []
    assert report.circles == []
    assert report.upward == []
    assert report.unlayered == []
    assert report.state == ["_state: _cache", "_state: global _current"]


def test_the_check_finds_what_it_checks(tmp_path):
    # A circle, an import running back up into a hook file, a module in no layer, and module-level state.
    (tmp_path / "_vn.py").write_text("import _urls\n", encoding="utf-8")
    (tmp_path / "_urls.py").write_text("import _vn\nimport news\n_seen = {}\n", encoding="utf-8")
    (tmp_path / "news.py").write_text("_pages = []\n\ndef f():\n    global _x\n", encoding="utf-8")
    (tmp_path / "_new.py").write_text("x = 1\n" * 501, encoding="utf-8")
    report = hooks_layout.check(tmp_path)
    assert report.circles == [["_urls", "_vn"]]
    assert report.upward == ["_urls -> news"]
    assert report.unlayered == ["_new"]
    assert report.too_long == ["_new"]
    assert report.state == ["_urls: _seen", "news: _pages", "news: global _x"]
    assert not report.ok
