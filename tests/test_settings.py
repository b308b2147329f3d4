"""The site's settings under `extra:` in mkdocs.yml (hooks/_settings.py), checked in-process."""

from __future__ import annotations

from pathlib import Path

import _settings
from _problems import Problems
from _yaml import SettingLines

CONFIG = """\
site_name: Thử
extra:
  news:
    page_size: 0
  feeds:
    limit: -1
    id_host: ''
    unit_limit: nhiều
    limt: 3
"""


def read(tmp_path: Path, extra: dict, name: str, schema: type) -> tuple[object, list[str], list[str]]:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    problems = Problems(setting_line=SettingLines(tmp_path / "mkdocs.yml"))
    settings = _settings.read(extra, name, schema, problems)
    # As the build reports them: by file and line.
    return settings, [p.render() for p in sorted(problems.errors)], [p.render() for p in sorted(problems.warnings)]


def test_every_wrong_feed_setting_is_reported_at_once_with_its_line(tmp_path: Path):
    extra = {"feeds": {"limit": -1, "id_host": "", "unit_limit": "nhiều", "limt": 3}}
    settings, errors, warnings = read(tmp_path, extra, "feeds", _settings.FeedSettings)
    assert errors == [
        "mkdocs.yml, dòng 6, trường 'extra.feeds.limit': cần một số nguyên dương (số mục tối đa), hoặc null để "
        "không giới hạn; đang là '-1'.",
        "mkdocs.yml, dòng 7, trường 'extra.feeds.id_host': cần một chuỗi ký tự; đang là ''.",
        "mkdocs.yml, dòng 8, trường 'extra.feeds.unit_limit': cần một số nguyên dương (số mục tối đa), hoặc null "
        "để không giới hạn; đang là 'nhiều'.",
    ]
    assert warnings == ["mkdocs.yml, dòng 9, trường 'extra.feeds.limt': cần một trong: author, hub, id_host, "
                        "limit, topic_limit, unit_limit, video_limit; đang là 'limt'."]
    # A wrong value falls back to its default; what is right is kept.
    assert (settings.limit, settings.id_host, settings.unit_limit, settings.topic_limit) == (50, None, None, 50)


def test_null_means_no_limit_and_a_missing_setting_its_default(tmp_path: Path):
    settings, errors, _ = read(tmp_path, {"feeds": {"limit": None, "author": " Ban biên tập "}}, "feeds",
                               _settings.FeedSettings)
    assert errors == []
    assert (settings.limit, settings.video_limit, settings.author) == (None, 50, "Ban biên tập")


def test_a_group_that_is_not_a_mapping_and_a_bad_page_size(tmp_path: Path):
    _, errors, _ = read(tmp_path, {"feeds": [1, 2]}, "feeds", _settings.FeedSettings)
    assert errors == ["mkdocs.yml, dòng 5, trường 'extra.feeds': cần một nhóm trường (author, hub, id_host, "
                      "limit, topic_limit, unit_limit, video_limit); đang là một danh sách."]
    settings, errors, _ = read(tmp_path, {"news": {"page_size": True}}, "news", _settings.NewsSettings)
    assert errors == ["mkdocs.yml, dòng 4, trường 'extra.news.page_size': cần một số nguyên dương (số bài mỗi "
                      "trang); đang là 'True'."]
    assert settings.page_size == 10
