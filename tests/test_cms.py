"""The editor's generated configuration agrees with the validation layer; /admin/ stays out of public output.

Agreement is tested on real builds: every choice the form offers is written into content and the build
accepts it; every field the form requires is left out in turn and the build refuses it; every field the
form leaves optional is left out and the build accepts it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, make_site, run_build

VENDOR = ROOT / "overrides" / "admin" / "vendor"
# Optional in the form because Decap cannot require a field only when another is filled; the build
# requires them in that case (source.name/url once there is a source, cover_alt once there is a cover).
CONDITIONAL = {"cover_alt", "source.name", "source.url", "host.id", "host.url", "host.path", "host.mime",
               "host.size", "thumbnail.src", "thumbnail.alt"}


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory):
    """The real site, built once for this module."""
    root = make_site(tmp_path_factory.mktemp("cms-real"), fixture=None, real_content=True)
    built = run_build(root)
    assert built.ok, built.log
    return built


def search_records(built) -> dict[str, dict]:
    """Every page of the Pagefind index by URL (fragments are gzip JSON), as tests/test_news.py reads them."""
    records = {}
    for path in sorted((built.site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[len(b"pagefind_dcd"):])
        records[record["url"]] = record
    return records


def _config(built) -> dict:
    return yaml.safe_load(built.text("admin/config.yml"))


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _fields(config: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """The article, video and progress-entry forms."""
    articles = _collection(config, "tin-tuc")["fields"]
    videos_file = _collection(config, "video")["files"][0]
    videos = next(f for f in videos_file["fields"] if f["name"] == "videos")["fields"]
    plan = _collection(config, "tien-do")["files"][0]
    targets = plan["fields"][1]["fields"][1]
    progress = next(f for f in targets["fields"] if f["name"] == "progress")["fields"]
    return articles, videos, progress


def _required(fields: list[dict], prefix: str = "") -> dict[str, bool]:
    """Every field path of a form and whether the form requires it."""
    result = {}
    for f in fields:
        path = prefix + f["name"]
        result[path] = f.get("required", True) and not (f["widget"] == "hidden")
        if f["widget"] == "object":
            result.update(_required(f["fields"], path + "."))
    return result


def _options(field: dict) -> list[str]:
    return [o["value"] if isinstance(o, dict) else o for o in field["options"]]


def test_admin_is_served_but_is_no_page(real) -> None:
    """/admin/ exists, is noindex, and is absent from the sitemap, the search index, feeds and every page."""
    page = real.text("admin/")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert '<script src="vendor/decap-cms.js"></script>' in page
    assert (real.site / "admin" / "vendor" / "decap-cms.js").is_file()
    assert (real.site / "admin" / "config.yml").is_file()
    assert "admin" not in real.text("sitemap.xml")
    records = search_records(real)
    assert "/" in records and any(url.startswith("/tin-tuc/") for url in records), "public pages are indexed"
    assert not [url for url in records if "admin" in url]
    assert not [r for r in records.values() if "Decap" in r["content"] or "Biên tập nội dung" in r["content"]]
    for path in real.site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".atom") and "admin" not in path.relative_to(real.site).parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "admin/" not in text and "decap" not in text.lower(), path


def test_vendored_script_matches_its_manifest() -> None:
    """The committed Decap bundle is byte for byte what scripts/vendor_decap.py took from npm."""
    manifest = json.loads((VENDOR / "decap-cms.json").read_text())
    assert manifest["package"] == "decap-cms" and manifest["license"] == "MIT"
    assert (VENDOR / "LICENSE").read_text().startswith("Copyright (c) 2016 Netlify")
    on_disk = {p.name for p in VENDOR.iterdir()} - {"decap-cms.json", "LICENSE"}
    assert on_disk == set(manifest["sha256"])
    for name, digest in manifest["sha256"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert f'DECAP_VERSION = "{manifest["version"]}"' in (ROOT / "hooks" / "_cms.py").read_text()


def test_form_offers_exactly_the_registries(real) -> None:
    """Units, topics and kinds offered are those of data/; the keys offered are keys the validation accepts."""
    from _articles import FIELDS
    from _video_loader import VIDEO_FIELDS

    config = _config(real)
    articles, videos, _ = _fields(config)
    registry = yaml.safe_load((ROOT / "data" / "provinces.yml").read_text())
    units = {u["slug"] for u in registry["units"]}
    topics = {t["slug"] for t in yaml.safe_load((ROOT / "data" / "topics.yml").read_text())["topics"]}
    kinds = {k["slug"] for k in yaml.safe_load((ROOT / "data" / "video-kinds.yml").read_text())["kinds"]}
    by_name = {f["name"]: f for f in articles}
    assert set(_options(by_name["provinces"])) == units
    assert set(_options(by_name["topics"])) == topics
    video_by_name = {f["name"]: f for f in videos}
    assert set(_options(video_by_name["kind"])) == kinds
    assert set(_options(video_by_name["provinces"])) == units
    article_keys = {f["name"] for f in articles} - {"body"}
    assert article_keys <= FIELDS
    # Page layout is not editing; `image`/`image_alt` are the older names of `cover`/`cover_alt`, still read.
    assert FIELDS - article_keys == {"hide", "template", "search", "image", "image_alt"}
    assert {f["name"] for f in videos} == VIDEO_FIELDS
    plans = {p["file"] for p in _collection(config, "tien-do")["files"]}
    files = (ROOT / "data" / "plans").glob("*.yml")
    assert plans == {f"data/plans/{p.name}" for p in files if p.name != "_danh-muc.yml"}


def test_new_topic_appears_without_touching_the_cms(build_site) -> None:
    """A topic added to data/topics.yml is offered by the next build's form."""
    topics = (ROOT / "data" / "topics.yml").read_text(encoding="utf-8")
    topics += "  - slug: chu-de-moi\n    name: Chủ đề mới\n    description: Một chủ đề thêm cho thử nghiệm.\n"
    built = build_site({"data/topics.yml": topics})
    assert built.ok, built.log
    articles, _, _ = _fields(_config(built))
    offered = next(f for f in articles if f["name"] == "topics")["options"]
    assert {"label": "Chủ đề mới", "value": "chu-de-moi"} in offered


# ---------------------------------------------------------------------------------------------
# Required in both: one build holds an article, video and progress entry per field left out.

ARTICLE = {"title": "Bài thử", "date": "20/11/2026", "summary": "Tóm tắt.", "provinces": ["ha-noi"],
           "topics": ["tuyen-truyen"], "author": ["Ban biên tập"], "description": "Mô tả.", "slug": None,
           "updated": "21/11/2026", "source": {"name": "Báo", "url": "https://example.org/a"}, "draft": False}
VIDEO = {"id": None, "title": "Video thử", "date": "20/11/2026", "kind": "phong-su", "provinces": ["ha-noi"],
         "topics": ["tuyen-truyen"], "description": "Giới thiệu.", "duration": "12:30",
         "host": {"type": "youtube", "id": "M7lc1UVf-VE"}, "draft": False}
PROGRESS = {"as_of": "31/12/2023", "value": 85, "source": {"name": "Sở", "url": "https://example.org/b"},
            "note": "Ghi chú."}


def _without(data: dict, path: str) -> dict:
    data = json.loads(json.dumps(data))
    head, _, tail = path.partition(".")
    if tail:
        data[head].pop(tail, None)
    else:
        data.pop(head, None)
    return data


def test_required_in_the_form_is_required_by_the_build(tmp_path: Path) -> None:
    """Each field the form requires, left out, makes the build fail on that field; each optional one does not."""
    root = make_site(tmp_path / "site", fixture=None, real_content=True)
    built = run_build(root)
    assert built.ok, built.log
    articles, videos, progress = _fields(_config(built))
    cases = []  # (kind, path, required, marker)
    article_files = {}
    for path, required in _required(articles).items():
        if path in ("body", "slug", "draft", "cover") or path in CONDITIONAL:
            continue
        name = f"bo-{re.sub(r'[^a-z]', '-', path)}"
        article_files[name] = _without(ARTICLE, path)
        cases.append(("article", path, required, f"content/tin-tuc/{name}.md"))
    for name, data in article_files.items():
        data = {k: v for k, v in data.items() if v is not None}
        (root / "content" / "tin-tuc" / f"{name}.md").write_text(
            "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n\nNội dung.\n", encoding="utf-8")
    video_list = []
    for path, required in _required(videos).items():
        if path in ("draft", "id", "thumbnail", "counts_toward", "host.type") or path in CONDITIONAL:
            continue
        entry = _without(VIDEO, path)
        entry["id"] = f"bo-{re.sub(r'[^a-z]', '-', path)}"
        video_list.append(entry)
        cases.append(("video", path, required, f"videos[{len(video_list) - 1}]"))
    (root / "data" / "videos.yml").write_text(yaml.safe_dump({"file_hosts": [], "videos": video_list},
                                                             allow_unicode=True), encoding="utf-8")
    plan_path = root / "data" / "plans" / "an-giang-cu.yml"
    plan = yaml.safe_load(plan_path.read_text(encoding="utf-8"))
    entries = plan["documents"][0]["targets"][0]["progress"] = []
    for path, required in _required(progress).items():
        entries.append(_without(PROGRESS, path))
        cases.append(("progress", path, required, f"targets[0].progress[{len(entries) - 1}]"))
    plan_path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = run_build(root)
    errors = [line for line in built.log.splitlines() if line.strip().startswith("- ")]
    for kind, path, required, marker in cases:
        field = path.split(".")[-1]
        hit = [e for e in errors if marker in e and f"{field}'" in e]
        if required:
            assert hit, f"{kind} without '{path}': the form requires it, the build accepted it\n{built.log}"
        else:
            assert not hit, f"{kind} without '{path}': optional in the form, refused by the build: {hit}"
    assert any(c[2] for c in cases) and any(not c[2] for c in cases)


def test_a_form_field_the_validation_does_not_know_fails_the_build(tmp_path: Path) -> None:
    """If the form offered a key the news validation does not accept, the strict build stops and says so."""
    root = make_site(tmp_path / "site", fixture="minimal")
    cms = root / "hooks" / "_cms.py"
    text = cms.read_text(encoding="utf-8")
    marker = '        _text("title", "Tiêu đề", max_length=200),\n'
    assert marker in text
    cms.write_text(text.replace(marker, marker + '        _text("subtitle", "Tiêu đề phụ", required=False),\n', 1),
                   encoding="utf-8")
    built = run_build(root)
    assert not built.ok
    assert "Trình biên tập /admin/ (tin tức): trường 'subtitle' không có trong danh sách trường được kiểm tra" \
        in built.log
