"""What a process keeps between its builds (hooks/_cache.py) follows every input its key names.

`./run serve` builds again in one process on every save, reusing what an earlier build read, checked or made
while its inputs are unchanged. These tests build several times in one process, as the preview does, change
one input of one entry of the cache in between (each input `ENTRIES` names), and check that the next build
shows the change, or reports the mistake, on the page or file that depends on it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import DEFAULT_DAY, ROOT, epoch_of, make_site

# Builds once per step in one process; before each, writes and removes the step's files; after each, reads the
# step's output files.
BUILDS = """
import json, logging, os, pathlib, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
said = []
handler = logging.Handler()
handler.emit = lambda record: said.append(record.getMessage())
logging.getLogger("mkdocs").addHandler(handler)
out = pathlib.Path(sys.argv[1])
for step in json.loads(sys.argv[2]):
    said.clear()
    for rel, text in step.get("write", {}).items():
        pathlib.Path(rel).write_text(text, encoding="utf-8")
    for rel, data in step.get("write_bytes", {}).items():
        pathlib.Path(rel).write_bytes(bytes.fromhex(data))
    for rel in step.get("remove", []):
        pathlib.Path(rel).unlink()
    os.environ.update(step.get("env", {}))
    config = load_config("mkdocs.yml", site_dir=str(out), strict=True)
    try:
        build(config)
        outcome = "ok"
    except Exception as exc:
        outcome = "failed: " + " | ".join([*said, str(exc)]).replace("\\n", " | ")
    texts = {}
    for rel in step.get("read", []):
        path = out / rel
        texts[rel] = path.read_text(encoding="utf-8") if path.is_file() else None
    print("BUILD: " + json.dumps({"outcome": outcome, "texts": texts}, ensure_ascii=False), flush=True)
"""


def builds(root: Path, steps: list[dict]) -> list[dict]:
    """Each step's outcome ('ok' or 'failed: <messages>') and the texts it read, from builds in one process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch_of(DEFAULT_DAY), "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": "https://example.org/nscl/", "NSCL_TEMPLATE_CACHE": str(ROOT / ".cache" / "templates")}
    proc = subprocess.run([sys.executable, "-c", BUILDS, str(root / "out"), json.dumps(steps)], cwd=root, env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    return [json.loads(line.removeprefix("BUILD: ")) for line in proc.stdout.splitlines() if line.startswith("BUILD: ")]


def read(root: Path, rel: str) -> str:
    """A file of the site's sources."""
    return (root / rel).read_text(encoding="utf-8")


def title_of(html: str) -> str:
    """The page's <title>."""
    return re.search(r"<title>(.*?)</title>", html).group(1)


def test_a_thumbnail_removed_between_builds_is_reported(tmp_path):
    # videos: every media file in content/.
    root = make_site(tmp_path / "site", fixture="videos")
    picture = "content/assets/video/kh-huong-dan.png"
    saved = (root / picture).read_bytes()
    outcome = [b["outcome"] for b in builds(root, [{}, {"remove": [picture]}, {}])]
    assert outcome[0] == "ok"
    assert outcome[1].startswith("failed:") and "data/videos.yml" in outcome[1] and "kh-huong-dan.png" in outcome[1]
    assert outcome[2] == outcome[1]  # reported again while the file is missing
    (root / picture).write_bytes(saved)
    assert [b["outcome"] for b in builds(root, [{}])] == ["ok"]


def test_an_article_broken_between_builds_is_reported_on_every_build_until_fixed(tmp_path):
    # article: its file.
    root = make_site(tmp_path / "site", fixture="videos")
    article = "content/tin-tuc/hd-1.md"
    text = read(root, article)
    broken = text.replace("date: ", "date: 31/02/", 1)
    outcome = [b["outcome"] for b in builds(root, [{}, {"write": {article: broken}}, {}, {"write": {article: text}}])]
    assert outcome[0] == "ok"
    assert outcome[1].startswith("failed:") and article in outcome[1], outcome
    assert outcome[2] == outcome[1]
    assert outcome[3] == "ok"


def test_an_article_is_checked_again_when_its_units_or_topics_change(tmp_path):
    # article: the unit and topic slugs it is checked against (its own file unchanged).
    root = make_site(tmp_path / "site", fixture="videos")
    registry, topics = read(root, "data/provinces.yml"), read(root, "data/topics.yml")
    no_topic = topics.replace("slug: truy-xuat-nguon-goc", "slug: truy-xuat-nguon-goc-khac")
    outcome = [b["outcome"] for b in builds(root, [{}, {"write": {"data/topics.yml": no_topic}},
                                                  {"write": {"data/topics.yml": topics}}])]
    assert outcome[0] == "ok" and outcome[2] == "ok"
    assert "content/tin-tuc/hd-1.md" in outcome[1] and "'truy-xuat-nguon-goc'" in outcome[1], outcome[1]
    # A unit slug the article names, gone from the registry (the page of the unit goes too).
    renamed = registry.replace("slug: hai-duong\n", "slug: hai-duong-moi\n", 1)
    assert renamed != registry
    outcome = [b["outcome"] for b in builds(root, [{}, {"write": {"data/provinces.yml": renamed}}])]
    assert outcome[0] == "ok"
    assert "content/tin-tuc/hd-1.md" in outcome[1] and "'hai-duong'" in outcome[1], outcome[1]


def test_registry_topics_and_kinds_are_read_again_when_their_files_change(tmp_path):
    # registry, topics, kinds: their files; the pages that show their names follow.
    root = make_site(tmp_path / "site", fixture="videos")
    registry, topics, kinds = (read(root, f"data/{n}.yml") for n in ("provinces", "topics", "video-kinds"))
    pages = ["tinh-thanh/hai-duong/index.html", "chu-de/truy-xuat-nguon-goc/index.html",
             "video/loai/phong-su/index.html"]
    steps = builds(root, [
        {"read": pages},
        {"write": {"data/provinces.yml": registry.replace("short_name: Hải Dương", "short_name: Hải Dương Mới", 1)},
         "read": pages[:1]},
        {"write": {"data/topics.yml": topics.replace("name: Truy xuất nguồn gốc", "name: Truy xuất nguồn gốc mới", 1)},
         "read": pages[1:2]},
        {"write": {"data/video-kinds.yml": kinds.replace("name: Phóng sự", "name: Phóng sự mới", 1)},
         "read": pages[2:]},
    ])
    assert [s["outcome"] for s in steps] == ["ok"] * 4
    assert "Hải Dương Mới" not in steps[0]["texts"][pages[0]] and "Hải Dương Mới" in steps[1]["texts"][pages[0]]
    assert "Truy xuất nguồn gốc mới" in title_of(steps[2]["texts"][pages[1]])
    assert "Phóng sự mới" in title_of(steps[3]["texts"][pages[2]])


def test_videos_are_read_again_when_their_file_or_kinds_change(tmp_path):
    # videos: data/videos.yml and the kinds it is checked against.
    root = make_site(tmp_path / "site", fixture="videos")
    videos, kinds = read(root, "data/videos.yml"), read(root, "data/video-kinds.yml")
    page = "video/hd-phong-su-1/index.html"
    steps = builds(root, [
        {"read": [page]},
        {"write": {"data/videos.yml": videos.replace("title: Phóng sự truy xuất nguồn gốc ở Hải Dương",
                                                     "title: Phóng sự đã sửa", 1)}, "read": [page]},
        {"write": {"data/video-kinds.yml": kinds.replace("slug: phong-su", "slug: phong-su-khac", 1)}},
    ])
    assert steps[0]["outcome"] == steps[1]["outcome"] == "ok"
    assert title_of(steps[1]["texts"][page]).startswith("Phóng sự đã sửa")
    assert "data/videos.yml" in steps[2]["outcome"] and "'phong-su'" in steps[2]["outcome"], steps[2]["outcome"]


def test_plans_are_read_again_when_their_files_the_registry_or_the_topics_change(tmp_path):
    # plans: every file of data/plans/; the registry and topics.
    root = make_site(tmp_path / "site", fixture="videos")
    plan = "data/plans/hai-duong.yml"
    text, registry, topics = read(root, plan), read(root, "data/provinces.yml"), read(root, "data/topics.yml")
    indicator = re.search(r"(?m)^\s+indicator: (.+)$", text).group(1)
    counted = text.replace("          content: videos\n          kind: phong-su",
                           "          content: news\n          topic: tfp", 1)
    assert counted != text
    # Hải Dương ending before its plan was issued (11/01/2021).
    start = registry.index("- slug: hai-duong\n")
    ended = registry[:start] + registry[start:].replace("until: '2025-06-30'", "until: '2020-12-31'", 1)
    page = "tinh-thanh/hai-duong/index.html"
    steps = builds(root, [
        {"read": [page]},
        {"write": {plan: text.replace(indicator, "Chỉ tiêu đã sửa", 1)}, "read": [page]},
        {"write": {plan: counted}},
        {"write": {"data/topics.yml": topics.replace("slug: tfp\n", "slug: tfp-khac\n", 1)}},
        {"write": {"data/topics.yml": topics, plan: text, "data/provinces.yml": ended}},
    ])
    assert [s["outcome"] for s in steps[:3]] == ["ok"] * 3
    assert "Chỉ tiêu đã sửa" not in steps[0]["texts"][page] and "Chỉ tiêu đã sửa" in steps[1]["texts"][page]
    assert "data/plans/hai-duong.yml" in steps[3]["outcome"] and "'tfp'" in steps[3]["outcome"], steps[3]["outcome"]
    # A plan dated after its unit ceased to exist: the registry changed, the plan file did not.
    assert "data/plans/hai-duong.yml" in steps[4]["outcome"] and "documents[0].date" in steps[4]["outcome"], \
        steps[4]["outcome"]


def test_the_map_follows_its_grid_and_the_registry(tmp_path):
    # grid: data/ban-do.yml; the registry (a tile without a label shows the unit's short name).
    root = make_site(tmp_path / "site", fixture="videos")
    grid, registry = read(root, "data/ban-do.yml"), read(root, "data/provinces.yml")
    no_label = grid.replace(', label: "Huế"}', "}", 1)
    assert no_label != grid
    page = "tinh-thanh/index.html"
    steps = builds(root, [
        {"write": {"data/ban-do.yml": no_label}, "read": [page]},
        {"write": {"data/provinces.yml": registry.replace("short_name: Huế", "short_name: Cố đô Huế", 1)},
         "read": [page]},
        {"write": {"data/ban-do.yml": grid.replace('label: "Huế"', 'label: "Thừa|Thiên Huế"', 1)}, "read": [page]},
    ])
    assert [s["outcome"] for s in steps] == ["ok"] * 3
    tile = re.compile(r'<tspan x="[^"]*" y="[^"]*">([^<]*)</tspan>')
    assert "Cố đô Huế" not in tile.findall(steps[0]["texts"][page])
    assert "Cố đô Huế" in tile.findall(steps[1]["texts"][page])
    assert {"Thừa", "Thiên Huế"} <= set(tile.findall(steps[2]["texts"][page]))


def test_open_data_follows_its_records_and_the_site_address(tmp_path):
    # open data: the records of each file and the site's address.
    root = make_site(tmp_path / "site", fixture="videos")
    plan = "data/plans/hai-duong.yml"
    text = read(root, plan)
    indicator = re.search(r"(?m)^\s+indicator: (.+)$", text).group(1)
    files = ["du-lieu-mo/chi-tieu.csv", "du-lieu-mo/tinh/hai-duong.json"]
    steps = builds(root, [
        {"read": files},
        {"write": {plan: text.replace(indicator, "Chỉ tiêu của dữ liệu mở", 1)}, "read": files},
        {"env": {"SITE_URL": "https://nscl.example.gov.vn/"}, "read": files[1:]},
    ])
    assert [s["outcome"] for s in steps] == ["ok"] * 3
    for rel in files:
        assert "Chỉ tiêu của dữ liệu mở" not in steps[0]["texts"][rel]
        assert "Chỉ tiêu của dữ liệu mở" in steps[1]["texts"][rel]
    assert "https://nscl.example.gov.vn/du-lieu-mo/" in steps[2]["texts"][files[1]]


def test_feed_items_follow_the_article_its_categories_and_the_site(tmp_path):
    # feed item and feed files: the article (its file, hence its HTML), its categories' names, the site.
    root = make_site(tmp_path / "site", fixture="videos")
    article, topics = "content/tin-tuc/hd-1.md", read(root, "data/topics.yml")
    text = read(root, article)
    feed = "nguon-tin/tin-tuc.xml"
    steps = builds(root, [
        {"read": [feed]},
        {"write": {article: text.replace("Nội dung bài hd-1", "Nội dung mới của bài hd-1", 1)}, "read": [feed]},
        {"write": {"data/topics.yml": topics.replace("name: Truy xuất nguồn gốc", "name: Nguồn gốc hàng hóa", 1)},
         "read": [feed]},
        {"env": {"SITE_URL": "https://nscl.example.gov.vn/"}, "read": [feed]},
    ])
    assert [s["outcome"] for s in steps] == ["ok"] * 4
    texts = [s["texts"][feed] for s in steps]
    assert "Nội dung mới của bài hd-1" not in texts[0] and "Nội dung mới của bài hd-1" in texts[1]
    assert "Nguồn gốc hàng hóa" not in texts[1] and "Nguồn gốc hàng hóa" in texts[2]
    assert "https://nscl.example.gov.vn/tin-tuc/hd-1/" in texts[3] and "example.org" not in texts[3]


def test_templates_are_compiled_again_when_they_change(tmp_path):
    # templates: a compiled template is used only while its source is the same.
    root = make_site(tmp_path / "site", fixture="videos")
    template = "overrides/partials/nscl-news-sections.html"
    text = read(root, template)
    page = "tin-tuc/index.html"
    steps = builds(root, [{"read": [page]}, {"write": {template: text.replace("Lưu trữ theo năm", "Theo từng năm")},
                                             "read": [page]}])
    assert "Lưu trữ theo năm" in steps[0]["texts"][page]
    assert "Theo từng năm" in steps[1]["texts"][page] and "Lưu trữ theo năm</a>" not in steps[1]["texts"][page]


def test_the_editor_s_configuration_follows_the_topics(tmp_path):
    # editor: the web editor's configuration, made from the registries.
    root = make_site(tmp_path / "site", fixture="videos")
    topics = read(root, "data/topics.yml")
    added = topics.rstrip("\n") + "\n  - slug: chu-de-moi\n    name: Chủ đề mới\n    description: Thử.\n"
    steps = builds(root, [{"read": ["admin/config.yml"]}, {"write": {"data/topics.yml": added},
                                                           "read": ["admin/config.yml"]}])
    assert "chu-de-moi" not in steps[0]["texts"]["admin/config.yml"]
    assert "chu-de-moi" in steps[1]["texts"]["admin/config.yml"]


def test_a_page_s_pictures_and_what_the_sanitizer_removed_are_said_on_every_build_until_fixed(tmp_path):
    # sanitized, pictures in pages: under the page's file; each picture checked again as it is now.
    from test_picture_check import png_declaring

    root = make_site(tmp_path / "site", fixture="videos")
    page, picture = "content/tin-tuc/hd-1.md", "content/tin-tuc/anh.png"
    good = (root / "content/assets/video/hd-phong-su-1.png").read_bytes().hex()
    (root / picture).write_bytes(bytes.fromhex(good))
    text = read(root, page).rstrip("\n") + "\n\n![Ảnh](anh.png)\n"
    hostile = text + "\n<script>alert(1)</script>\n"
    bomb = png_declaring(100_000, 100_000).hex()
    outcome = [b["outcome"] for b in builds(root, [
        {"write": {page: text}}, {"write_bytes": {picture: bomb}}, {}, {"write_bytes": {picture: good}},
        {"write": {page: hostile}}, {}, {"write": {page: text}}])]
    assert outcome[0] == "ok"
    assert outcome[1].startswith("failed:") and "'ảnh trong bài'" in outcome[1] and "100000×100000" in outcome[1]
    assert outcome[2] == outcome[1]  # the page unchanged: its picture is checked again
    assert outcome[3] == "ok"  # the picture fixed, the page unchanged
    assert outcome[4].startswith("failed:") and "thẻ <script>" in outcome[4]
    assert outcome[5] == outcome[4]
    assert outcome[6] == "ok"
