"""The open data as a Frictionless Data Package (issue 23, item 3): `datapackage.json` (hooks/_datapackage.py)
describes every CSV of /du-lieu-mo/ and the registry's `don-vi.csv`, and frictionless validates the lot with
no error, foreign keys included, without touching the network.

The CSV files are the site's own: MkDocs runs the real project up to `on_files` in-process
(tests/real_model.py), so the files, the registry and each target's status are those a build publishes.
Until the records carry their status (hooks/_datapackage.py, `with_status`), the test appends the column to
the site's CSV text, leaving every other byte as the site wrote it.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import frictionless
import jsonschema
import pytest
from real_model import SITE_URL, Model, real_model

import _datapackage as dp
from _open_data import OPEN_DATA_FIELDS, open_data_records
from conftest import FIXTURES

OPEN_DATA = "du-lieu-mo/"
# The Data Package 2.0 profile as datapackage.org serves it: public/profiles/2.0/datapackage.json of
# frictionlessdata/datapackage at 6a201af8 (public domain). Kept here so the check runs offline.
PROFILE = FIXTURES / "datapackage" / "profile-2.0-datapackage.json"


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Model]:
    """The real project's model after `on_files`, as `mkdocs build` has it."""
    yield from real_model(tmp_path_factory.mktemp("real"))


def csv_files(model: Model) -> list[str]:
    """The source paths of the open data's CSV files, sorted."""
    return sorted(f.src_uri for f in model.files if f.src_uri.startswith(OPEN_DATA) and f.src_uri.endswith(".csv"))


def status_column(text: str, model: Model) -> str:
    """The site's CSV with the status column appended (what `with_status` records give once the site writes them)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    at = rows[0].index("target_id")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*rows[0], "status"])
    for row in rows[1:]:
        writer.writerow([*row, model.build.status[row[at]].state])
    return out.getvalue()


def write_package(model: Model, folder: Path, *, day: dt.date | None = None,
                  plant: Callable[[str, str], str] | None = None) -> Path:
    """Write every CSV (with status), don-vi.csv and datapackage.json into `folder`; `plant(path, text)` may
    change a CSV before the descriptor is made (so its bytes and hash agree with the planted file)."""
    b = model.build
    tables = []
    for src_uri in csv_files(model):
        path = src_uri.removeprefix(OPEN_DATA)
        text = status_column(model.text(src_uri), model)
        text = plant(path, text) if plant else text
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        # The title the site gives the same records in their JSON file.
        title = json.loads(model.text(src_uri.removesuffix(".csv") + ".json"))["title"]
        tables.append(dp.Table(path, title, text.encode("utf-8")))
    units = dp.units_csv(b.registry)
    units = plant(dp.UNITS_PATH, units) if plant else units
    (folder / dp.UNITS_PATH).write_bytes(units.encode("utf-8"))
    descriptor = dp.datapackage(tables, units.encode("utf-8"), catalogue=b.plans.catalogue,
                                plans=[*b.plans.plans, *b.plans.national], homepage=SITE_URL + OPEN_DATA,
                                day=day or b.day)
    (folder / "datapackage.json").write_text(descriptor, encoding="utf-8")
    return folder / "datapackage.json"


# Socket events (PEP 578 audit hooks) while `_offline` is set: validation must never reach for the network.
_offline: list[bool] = []
_reached: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if _offline and (event.startswith("socket.") or event == "urllib.Request"):
        _reached.append(f"{event} {args!r}"[:200])


sys.addaudithook(_audit)


def validate(descriptor: Path, monkeypatch: pytest.MonkeyPatch) -> frictionless.Report:
    """Frictionless's report on the package, with every proxy pointed at a closed port and sockets watched."""
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(key, "http://127.0.0.1:9")
    _reached.clear()
    _offline.append(True)
    try:
        return frictionless.validate(str(descriptor))
    finally:
        _offline.clear()


def errors(report: frictionless.Report) -> list[tuple[str, str, str]]:
    """Each error as (resource, type, message)."""
    found = [("", e.type, e.message) for e in report.errors]
    return found + [(task.name, e.type, e.message) for task in report.tasks for e in task.errors]


# ---------------------------------------------------------------------------------------------
# The real data


def test_the_real_open_data_validates_with_no_error_and_no_network(model, tmp_path, monkeypatch):
    descriptor = write_package(model, tmp_path)
    start = time.perf_counter()
    report = validate(descriptor, monkeypatch)
    seconds = time.perf_counter() - start
    assert errors(report) == []
    assert report.valid and not _reached, _reached
    # Every CSV of the site once, and the units: a task each, every row read.
    names = [task.name for task in report.tasks]
    assert names == [*(dp.resource_name(p.removeprefix(OPEN_DATA)) for p in csv_files(model)), "don-vi"]
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows["don-vi"] == len(model.build.registry.units)
    assert rows["chi-tieu"] == len(model.text(OPEN_DATA + "chi-tieu.csv").splitlines()) - 1 > 40
    assert seconds < 10, f"frictionless took {seconds:.2f} s"


def test_every_resource_names_its_file_bytes_hash_and_schema(model, tmp_path):
    descriptor = json.loads(write_package(model, tmp_path).read_text(encoding="utf-8"))
    resources = descriptor["resources"]
    assert [r["path"] for r in resources] == [*(p.removeprefix(OPEN_DATA) for p in csv_files(model)), "don-vi.csv"]
    for r in resources:
        data = (tmp_path / r["path"]).read_bytes()
        assert r["bytes"] == len(data)
        assert r["hash"].startswith("sha256:") and len(r["hash"]) == 7 + 64
        assert (r["type"], r["format"], r["mediatype"], r["encoding"]) == ("table", "csv", "text/csv", "utf-8")
        assert [f["name"] for f in r["schema"]["fields"]] == next(csv.reader(io.StringIO(data.decode())))
    chi_tieu, hai_phong = resources[0], next(r for r in resources if r["path"] == "tinh/hai-phong.csv")
    assert chi_tieu["title"] == "Chỉ tiêu và tiến độ: tất cả (các tỉnh, thành phố và cả nước)"
    assert hai_phong["name"] == "tinh-hai-phong" and "Hải Phòng" in hai_phong["title"]
    fields = {f["name"]: f for f in chi_tieu["schema"]["fields"]}
    # Types and descriptions from OPEN_DATA_FIELDS; units said where a number has one.
    assert {name: fields[name]["type"] for name in ("value", "min", "max", "progress_value")} == dict.fromkeys(
        ("value", "min", "max", "progress_value"), "number")
    assert {fields[n]["type"] for n in ("plan_date", "period_start", "period_end", "progress_as_of")} == {"date"}
    assert all(fields[n]["description"].startswith(meaning) for n, _, meaning in OPEN_DATA_FIELDS
               if n != "comparator")
    assert "đơn vị đo ở cột unit" in fields["value"]["description"]
    # Controlled lists from the model, not typed here.
    catalogue = model.build.plans.catalogue
    assert fields["comparator"]["constraints"]["enum"] == ["eq", "min", "range", "pct"]
    assert fields["group"]["constraints"]["enum"] == list(catalogue.groups)
    assert fields["unit"]["constraints"]["enum"] == list(catalogue.units)
    assert fields["status"]["constraints"]["enum"] == ["no-data", "not-started", "below", "met", "in-range", "over"]
    assert fields["level"]["constraints"]["enum"] == ["provincial", "national"]
    assert fields["progress_method"]["constraints"]["enum"] == ["entry", "count"]
    assert {"value": "met", "label": "đạt chỉ tiêu"} in fields["status"]["categories"]
    assert chi_tieu["schema"]["foreignKeys"][:2] == [
        {"fields": ["unit_slug"], "reference": {"resource": "don-vi", "fields": ["slug"]}},
        {"fields": ["current_unit_slug"], "reference": {"resource": "don-vi", "fields": ["slug"]}}]
    assert descriptor["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                                       "title": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"}]
    assert descriptor["homepage"] == SITE_URL + OPEN_DATA
    assert descriptor["created"] == "2026-11-22T00:00:00+07:00"
    plan_urls = {s.url for p in model.build.plans.plans for s in p.sources}
    assert plan_urls <= {s["path"] for s in descriptor["sources"]}


def test_the_descriptor_follows_the_official_v2_profile(model, tmp_path):
    # What frictionless 5.21 keeps as custom properties (`categories`, `uniqueKeys`) is checked by the profile.
    profile = json.loads(PROFILE.read_text(encoding="utf-8"))
    descriptor = json.loads(write_package(model, tmp_path).read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(profile)(profile)
    assert [e.message for e in validator.iter_errors(descriptor)] == []
    broken = copy.deepcopy(descriptor)
    broken["resources"][0]["schema"]["uniqueKeys"] = "target_id"
    assert [e.message for e in validator.iter_errors(broken)] == ["'target_id' is not of type 'array'"]


def test_the_unique_key_holds_on_the_real_data(model):
    # Frictionless 5.21 does not check `uniqueKeys`: (target, date) names one row wherever both are given.
    for src_uri in csv_files(model):
        rows = list(csv.DictReader(io.StringIO(model.text(src_uri), newline="")))
        keys = [(r["target_id"], r["progress_as_of"]) for r in rows if r["progress_as_of"]]
        assert len(keys) == len(set(keys)), src_uri
        # A target without progress has exactly one row.
        bare = [r["target_id"] for r in rows if not r["progress_as_of"]]
        assert len(bare) == len(set(bare)) and not set(bare) & {k for k, _ in keys}, src_uri


def test_the_descriptor_is_the_same_for_the_same_input_and_never_reads_the_clock(model, tmp_path):
    first = write_package(model, tmp_path / "a").read_bytes()
    again = write_package(model, tmp_path / "b").read_bytes()
    later = write_package(model, tmp_path / "c", day=dt.date(2027, 1, 5)).read_bytes()
    assert first == again
    assert first.endswith(b"}\n") and not first.endswith(b"\n\n")
    text = first.decode("utf-8")
    assert "\\u" not in text and "Chỉ tiêu và tiến độ" in text  # ensure_ascii=False
    assert later.decode("utf-8") == text.replace('"created": "2026-11-22T00:00:00+07:00"',
                                                 '"created": "2027-01-05T00:00:00+07:00"')


# ---------------------------------------------------------------------------------------------
# Planted errors: each is reported, so the check can fail


def _first_row(path: str, text: str, old: str, new: str) -> str:
    """`text` with `old` replaced by `new` in chi-tieu.csv's first data row only."""
    if path != "chi-tieu.csv":
        return text
    head, first, rest = text.split("\r\n", 2)
    assert old in first, (old, first)
    return "\r\n".join((head, first.replace(old, new, 1), rest))


@pytest.mark.parametrize(("old", "new", "kind", "words"), [
    (",an-giang-cu,Tỉnh An Giang,", ",ha-tay,Tỉnh An Giang,", "foreign-key",
     'for "unit_slug": values "ha-tay" not found in the lookup table "don-vi" as "slug"'),
    (",dao-tao,min,", ",dao-tao,gte,", "constraint-error", "field \"comparator\""),
    (",toi-thieu,100,", ",toi-thieu,một trăm,", "type-error", 'Type error in the cell "một trăm" in row "2" and '
                                                             'field "value"'),
    (",no-data", ",unknown", "constraint-error", "field \"status\""),
], ids=["unit-missing-from-registry", "comparator-outside-enum", "value-not-a-number", "status-outside-enum"])
def test_a_planted_error_is_reported(model, tmp_path, monkeypatch, old, new, kind, words):
    descriptor = write_package(model, tmp_path, plant=lambda path, text: _first_row(path, text, old, new))
    found = errors(validate(descriptor, monkeypatch))
    assert [(name, t) for name, t, _ in found] == [("chi-tieu", kind)], found
    assert words in found[0][2]


def test_a_file_changed_after_the_descriptor_was_made_is_reported(model, tmp_path, monkeypatch):
    descriptor = write_package(model, tmp_path)
    path = tmp_path / "quoc-gia.csv"
    path.write_bytes(path.read_bytes().replace(b"2025-12-16", b"2025-12-17", 1))
    found = errors(validate(descriptor, monkeypatch))
    assert [(name, t) for name, t, _ in found] == [("quoc-gia", "hash-count")], found


def test_a_unit_merged_into_a_unit_missing_from_the_registry_is_reported(model, tmp_path, monkeypatch):
    def plant(path: str, text: str) -> str:
        return text.replace(",hai-phong\r\n", ",hai-phong-moi\r\n", 1) if path == dp.UNITS_PATH else text

    found = errors(validate(write_package(model, tmp_path, plant=plant), monkeypatch))
    assert [(name, t) for name, t, _ in found] == [("don-vi", "foreign-key")], found
    assert '"merged_into": values "hai-phong-moi" not found' in found[0][2]


# ---------------------------------------------------------------------------------------------
# The pieces


def test_with_status_gives_every_record_its_targets_state_on_the_build_day(model):
    b = model.build
    every = [*b.plans.plans, *b.plans.national]
    records = dp.with_status(open_data_records(every, b.status, b.registry, SITE_URL), b.status)
    assert {r["status"] for r in records} <= set(dp.STATES)
    assert all(r["status"] == b.status[r["target_id"]].state for r in records)
    assert {r["status"] for r in records} >= {"no-data", "below", "met"}
    assert dp.with_status([{"target_id": "khong-co"}], {}) == [{"target_id": "khong-co", "status": "no-data"}]


def test_the_units_csv_lists_every_unit_of_the_registry_by_slug(model):
    registry = model.build.registry
    text = dp.units_csv(registry)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert text.startswith("slug,name,short_name,type,code,from,until,merged_into\r\n")
    assert [r["slug"] for r in rows] == sorted(registry.units)
    by_slug = {r["slug"]: r for r in rows}
    old = by_slug["hai-phong-cu"]
    assert (old["until"], old["merged_into"]) == ("2025-06-30", "hai-phong")
    assert by_slug["hai-phong"]["until"] == "" and by_slug["hai-phong"]["from"] == "2025-07-01"
    assert sum(1 for r in rows if not r["until"]) == 34
