"""The open data as a Frictionless Data Package (v2): `datapackage.json` beside the CSV files, and the units' CSV.

One resource per CSV under du-lieu-mo/, each with its Table Schema: types, a Vietnamese description per field
(OPEN_DATA_FIELDS'), the controlled lists as `constraints.enum` (what validators check) and as v2 `categories`
(with their Vietnamese labels), and foreign keys from the unit columns to `don-vi.csv`, the registry as a table.
Pure functions of the model and the files' bytes: nothing here reads the clock, the disk or the network, and
the same input gives the same text (fixed key order, `ensure_ascii=False`, one trailing newline).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from _open_data import NUMBER_FIELDS, OPEN_DATA_FIELDS
from _plans import COMPARATORS, DOC_KINDS, Catalogue, Link, Plan
from _progress import Status
from _registry import TYPE_LABELS, Registry
from _vn import TZ

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
NAME = "nang-suat-chat-luong-chi-tieu-tien-do"
TITLE = "Chỉ tiêu và tiến độ Chương trình năng suất chất lượng của các tỉnh, thành phố và cả nước"
DESCRIPTION = (
    "Mọi chỉ tiêu có số trong kế hoạch của các tỉnh, thành phố thực hiện Chương trình quốc gia hỗ trợ doanh nghiệp"
    " nâng cao năng suất và chất lượng sản phẩm, hàng hóa giai đoạn 2021-2030 (Quyết định 1322/QĐ-TTg) và các chỉ"
    " tiêu quốc gia, cùng mọi số liệu tiến độ. Mỗi dòng là một chỉ tiêu với một lần ghi nhận tiến độ; chỉ tiêu chưa"
    " có số liệu có đúng một dòng, các trường tiến độ để trống. Tệp don-vi.csv là danh mục tỉnh, thành phố trước"
    " và sau ngày 01/07/2025 mà các cột unit_slug, current_unit_slug trỏ tới."
)
KEYWORDS = ("năng suất", "chất lượng", "Quyết định 1322/QĐ-TTg", "chỉ tiêu", "tiến độ", "tỉnh, thành phố",
            "dữ liệu mở", "Việt Nam")
LICENSE = MappingProxyType({"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"})
UNITS_PATH = "don-vi.csv"
UNITS_TITLE = "Danh mục tỉnh, thành phố (trước và sau ngày 01/07/2025)"

# The target's state on the build day (hooks/_progress.py, Status.state), each with how it reads.
STATES = MappingProxyType({
    "no-data": "chưa có số liệu",
    "not-started": "chưa đến kỳ của chỉ tiêu",
    "below": "dưới mức chỉ tiêu",
    "met": "đạt chỉ tiêu",
    "in-range": "đạt, trong khoảng chỉ tiêu",
    "over": "vượt chỉ tiêu, với một khoảng là vượt mức trên",
})
STATUS_FIELD = ("status", "chuỗi", "tình trạng của chỉ tiêu vào ngày xuất dữ liệu (trường created của gói), theo số"
                " liệu mới nhất đến ngày đó, giống nhau trên mọi dòng của cùng chỉ tiêu: " +
                ", ".join(f"{key} ({words})" for key, words in STATES.items()) +
                "; với progress_method là 'count', 'below' chỉ là số nội dung trang này ghi nhận, không phải đánh giá")
# The CSV's columns once the records carry their status: OPEN_DATA_FIELDS, then status (a new column goes last,
# so a reader that takes columns by position keeps working).
FIELDS = (*OPEN_DATA_FIELDS, STATUS_FIELD)
LEVELS = MappingProxyType({"provincial": "kế hoạch của tỉnh, thành phố", "national": "chỉ tiêu quốc gia"})
METHODS = MappingProxyType({"entry": "số liệu được báo cáo", "count": "đếm nội dung đã đăng trên trang"})
URL_FIELDS = frozenset({"progress_source_url", "source_url"})
# Always filled in: a target's own facts; the unit columns are empty on national rows, progress on rows without it.
REQUIRED = frozenset({"level", "unit_name", "plan_id", "plan_kind", "plan_date", "plan_title", "target_id", "indicator",
            "group", "comparator", "unit", "unit_label", "period_start", "period_end", "status"})
TYPES = MappingProxyType({"chuỗi": "string", "số": "number", "ngày": "date"})

UNIT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("slug", "chuỗi", "slug của đơn vị, mã ổn định mà unit_slug và current_unit_slug trỏ tới"),
    ("name", "chuỗi", "tên chính thức, ví dụ 'Thành phố Hải Phòng'"),
    ("short_name", "chuỗi", "tên ngắn, ví dụ 'Hải Phòng'"),
    ("type", "chuỗi", "loại đơn vị: tinh (tỉnh) hoặc thanh-pho (thành phố trực thuộc trung ương)"),
    ("code", "chuỗi", "mã đơn vị hành chính (mã mới nhất của đơn vị)"),
    ("from", "ngày", "ngày đơn vị bắt đầu tồn tại, yyyy-mm-dd (trống nếu có từ trước khi danh mục ghi nhận)"),
    ("until", "ngày", "ngày cuối cùng đơn vị tồn tại, yyyy-mm-dd (trống nếu đơn vị còn đến nay)"),
    ("merged_into", "chuỗi", "slug của đơn vị mà đơn vị này được hợp nhất vào (trống nếu không)"),
)


@dataclass(frozen=True)
class Table:
    """One CSV of the records: its path beside datapackage.json, its title and its bytes."""

    path: str  # "chi-tieu.csv", "tinh/hai-phong.csv"
    title: str
    data: bytes


# ---------------------------------------------------------------------------------------------
# Records and tables


def with_status(records: Iterable[dict[str, Any]], statuses: dict[str, Status]) -> list[dict[str, Any]]:
    """The open-data records, each with its target's state on the build day (`no-data` without a status)."""
    return [{**r, "status": statuses[r["target_id"]].state if r["target_id"] in statuses else "no-data"}
            for r in records]


def unit_records(registry: Registry) -> list[dict[str, str]]:
    """Every unit of the registry as a row of don-vi.csv, by slug."""
    return [{"slug": u.slug, "name": u.name, "short_name": u.short_name, "type": u.type, "code": u.code,
             "from": u.start.isoformat() if u.start else "", "until": u.until.isoformat() if u.until else "",
             "merged_into": u.merged_into or ""} for u in sorted(registry.units.values(), key=lambda u: u.slug)]


def units_csv(registry: Registry) -> str:
    """don-vi.csv: RFC 4180 with a header row, as the records' CSV files are written."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [name for name, _, _ in UNIT_FIELDS]
    writer.writerow(names)
    for row in unit_records(registry):
        writer.writerow([row[name] for name in names])
    return out.getvalue()


def resource_name(path: str) -> str:
    """A resource's name from its path: `tinh/hai-phong.csv` -> `tinh-hai-phong`."""
    return path.removesuffix(".csv").replace("/", "-")


# ---------------------------------------------------------------------------------------------
# Schemas


def _categories(labels: dict[str, str]) -> list[dict[str, str]]:
    """A v2 `categories` list: each allowed value with its Vietnamese label."""
    return [{"value": value, "label": label} for value, label in labels.items()]


def _field(name: str, kind: str, meaning: str, *, labels: dict[str, str] | None = None,
           required: bool = False) -> dict[str, Any]:
    """One Table Schema field: type, description, and for a controlled list its values twice (enum, categories)."""
    # The page's pointer to its own table of comparators means nothing inside the package.
    meaning = meaning.removesuffix(" (xem bảng dưới)")
    field: dict[str, Any] = {"name": name, "type": TYPES[kind], "description": meaning}
    if name in NUMBER_FIELDS:
        # The unit of measure differs from row to row, so it cannot be a property of the field.
        field["description"] = f"{meaning}; đơn vị đo ở cột unit của cùng dòng (đọc: unit_label)"
    if name in URL_FIELDS:
        field["format"] = "uri"
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if labels is not None:
        field["categories"] = _categories(labels)
        constraints["enum"] = list(labels)
    if constraints:
        field["constraints"] = constraints
    return field


def _unit_keys(fields: Sequence[str]) -> list[dict[str, Any]]:
    """Foreign keys from unit columns to don-vi.csv's slug."""
    return [{"fields": [name], "reference": {"resource": resource_name(UNITS_PATH), "fields": ["slug"]}}
            for name in fields]


def records_schema(catalogue: Catalogue) -> dict[str, Any]:
    """The Table Schema of every records CSV (all, national, per unit): the same columns in each."""
    lists = {
        "level": LEVELS,
        "plan_kind": DOC_KINDS,
        "group": {g.slug: g.name for g in catalogue.groups.values()},
        "comparator": COMPARATORS,
        "qualifier": catalogue.qualifiers,
        "unit": {m.slug: m.label for m in catalogue.units.values()},
        "progress_method": METHODS,
        "status": STATES,
    }
    fields = [_field(name, kind, meaning, labels=lists.get(name), required=name in REQUIRED)
              for name, kind, meaning in FIELDS]
    return {
        "fields": fields,
        "missingValues": [""],
        # A target has one row per progress entry, one row without any: (target, date) names a row. Not a
        # primary key, whose fields may never be empty; a v2 unique key leaves rows with an empty cell out.
        "uniqueKeys": [["target_id", "progress_as_of"]],
        "foreignKeys": [*_unit_keys(["unit_slug", "current_unit_slug"]),
                        # A target is part of another target of the same document, so of the same file.
                        {"fields": ["part_of"], "reference": {"fields": ["target_id"]}}],
    }


def units_schema() -> dict[str, Any]:
    """The Table Schema of don-vi.csv."""
    fields = []
    for name, kind, meaning in UNIT_FIELDS:
        field = _field(name, kind, meaning, labels=TYPE_LABELS if name == "type" else None,
                       required=name in ("slug", "name", "short_name", "type", "code"))
        if name == "slug":
            field["constraints"]["unique"] = True
        fields.append(field)
    return {"fields": fields, "missingValues": [""], "primaryKey": ["slug"],
            "foreignKeys": [{"fields": ["merged_into"], "reference": {"fields": ["slug"]}}]}


# ---------------------------------------------------------------------------------------------
# The package


def sources(plans: Iterable[Plan]) -> list[dict[str, str]]:
    """Where the figures come from: each plan's sources and each progress entry's, once each, by title."""
    links: set[Link] = set()
    for plan in plans:
        links.update(plan.sources)
        links.update(e.source for t in plan.targets for e in t.progress)
    found = {(f"{link.name}: {link.title}" if link.title else link.name, link.url) for link in links}
    return [{"title": title, "path": url} for title, url in sorted(found)]


def _resource(path: str, title: str, data: bytes, schema: dict[str, Any]) -> dict[str, Any]:
    """One CSV as a v2 table resource; bytes and hash let a reader check the download."""
    return {
        "name": resource_name(path),
        "type": "table",
        "path": path,
        "title": title,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "dialect": {"header": True, "delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
                    "doubleQuote": True},
        "schema": schema,
    }


def datapackage(tables: Sequence[Table], units: bytes, *, catalogue: Catalogue, plans: Iterable[Plan],
                homepage: str, day: dt.date) -> str:
    """datapackage.json describing `tables` (the records' CSV files) and don-vi.csv (`units`), as of `day`."""
    schema = records_schema(catalogue)
    created = dt.datetime.combine(day, dt.time(), tzinfo=TZ).isoformat()
    body = {
        "$schema": PROFILE,
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "homepage": homepage,
        # The build day, never the clock: the same data built on the same day gives the same file.
        "created": created,
        "keywords": list(KEYWORDS),
        "licenses": [dict(LICENSE)],
        "sources": sources(plans),
        "resources": [*(_resource(t.path, t.title, t.data, schema) for t in tables),
                      _resource(UNITS_PATH, UNITS_TITLE, units, units_schema())],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
