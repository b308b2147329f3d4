"""Every target and progress entry as open data: records, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from _plans import Plan
from _progress import Status
from _registry import Registry

# ---------------------------------------------------------------------------------------------
# Open data


OPEN_DATA_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("level", "chuỗi", "'provincial' (kế hoạch của tỉnh, thành phố) hoặc 'national' (chỉ tiêu quốc gia)"),
    ("unit_slug", "chuỗi", "slug đơn vị ban hành trong danh mục tỉnh/thành (trống với chỉ tiêu quốc gia)"),
    ("unit_name", "chuỗi", "tên đơn vị ban hành (hoặc 'Toàn quốc')"),
    ("current_unit_slug", "chuỗi", "slug đơn vị hiện nay bao gồm đơn vị ban hành (sau 01/07/2025)"),
    ("plan_id", "chuỗi", "mã văn bản trong dữ liệu"),
    ("plan_kind", "chuỗi", "loại văn bản: ke-hoach, quyet-dinh, de-an, chuong-trinh"),
    ("plan_number", "chuỗi", "số hiệu văn bản (trống nếu nguồn không nêu)"),
    ("plan_date", "ngày", "ngày ban hành, yyyy-mm-dd"),
    ("plan_title", "chuỗi", "tên văn bản"),
    ("target_id", "chuỗi", "mã chỉ tiêu, ổn định qua các lần cập nhật"),
    ("indicator", "chuỗi", "nội dung chỉ tiêu (lời của ban biên tập, đúng ý văn bản)"),
    ("group", "chuỗi", "nhóm: tuyen-truyen, dao-tao, ho-tro-doanh-nghiep, nang-luc, kinh-te"),
    ("comparator", "chuỗi", "cách ghi mức: eq, min, range, pct (xem bảng dưới)"),
    ("qualifier", "chuỗi", "chữ văn bản dùng trước con số: it-nhat, toi-thieu, tren, tro-len, khoang, phan-dau"),
    ("value", "số", "mức chỉ tiêu khi comparator là eq, min hoặc pct"),
    ("min", "số", "đầu dưới của khoảng khi comparator là range"),
    ("max", "số", "đầu trên của khoảng khi comparator là range"),
    ("unit", "chuỗi", "đơn vị đo (slug), ví dụ doanh-nghiep, luot-nguoi, phan-tram"),
    ("unit_label", "chuỗi", "đơn vị đo để đọc, ví dụ 'doanh nghiệp', '%'"),
    ("period_start", "ngày", "ngày đầu thời kỳ của chỉ tiêu, yyyy-mm-dd"),
    ("period_end", "ngày", "ngày cuối thời kỳ của chỉ tiêu, yyyy-mm-dd"),
    ("phase", "chuỗi", "mã giai đoạn của văn bản (nếu có)"),
    ("part_of", "chuỗi", "mã chỉ tiêu lớn hơn chứa chỉ tiêu này (không cộng hai lần)"),
    ("progress_value", "số", "số liệu tiến độ; trống là chưa có số liệu (khác với 0)"),
    ("progress_as_of", "ngày", "số liệu tính đến ngày, yyyy-mm-dd"),
    ("progress_method", "chuỗi", "'entry' (số liệu được báo cáo) hoặc 'count' (đếm nội dung đã đăng trên trang)"),
    ("progress_source_name", "chuỗi", "nguồn của số liệu tiến độ"),
    ("progress_source_url", "chuỗi", "địa chỉ nguồn của số liệu tiến độ"),
    ("source_name", "chuỗi", "nguồn đưa tin về văn bản"),
    ("source_url", "chuỗi", "địa chỉ nguồn đưa tin về văn bản"),
)
NUMBER_FIELDS = frozenset({"value", "min", "max", "progress_value"})


def open_data_records(plans: Iterable[Plan], statuses: dict[str, Status], registry: Registry,
                      site_url: str = "") -> list[dict[str, Any]]:
    """One record per target and reported progress entry (a target without entries gives one record)."""
    records = []
    for plan in plans:
        unit = registry[plan.unit_slug] if plan.unit_slug else None
        source = plan.sources[0] if plan.sources else None
        base = {
            "level": "provincial" if unit else "national",
            "unit_slug": unit.slug if unit else "",
            "unit_name": unit.name if unit else "Toàn quốc",
            "current_unit_slug": registry.current_of(unit.slug).slug if unit else "",
            "plan_id": plan.id, "plan_kind": plan.kind, "plan_number": plan.number or "",
            "plan_date": plan.date.isoformat(), "plan_title": plan.title,
        }
        for target in plan.targets:
            row = {**base, "target_id": target.id, "indicator": target.indicator, "group": target.group.slug,
                   "comparator": target.comparator, "qualifier": target.qualifier or "", "value": target.value,
                   "min": target.minimum, "max": target.maximum, "unit": target.unit.slug,
                   "unit_label": target.unit.label, "period_start": target.period.start.isoformat(),
                   "period_end": target.period.end.isoformat(), "phase": target.phase.id if target.phase else "",
                   "part_of": target.part_of or ""}
            status = statuses.get(target.id)
            progress: list[tuple[float | None, str, str, str, str]] = []
            if status is not None and status.method == "entry":
                progress = [(e.value, e.as_of.isoformat(), "entry", e.source.name, e.source.url)
                            for e in status.entries]
            elif status is not None and status.method == "count" and status.as_of and status.source:
                url = status.source.url
                progress = [(status.value, status.as_of.isoformat(), "count", status.source.name,
                             site_url.rstrip("/") + "/" + url.lstrip("/") if site_url else url)]
            for value, as_of, method, name, url in progress or [(None, "", "", "", "")]:
                records.append({**row, "progress_value": value, "progress_as_of": as_of, "progress_method": method,
                                "progress_source_name": name, "progress_source_url": url,
                                "source_name": source.name if source else "",
                                "source_url": source.url if source else ""})
    return records


def _plain(value: Any) -> str:
    """A record value as CSV text: numbers without a trailing `.0`, None as empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _json_number(value: Any) -> Any:
    """Integral floats as JSON integers, so `10` reads the same in CSV and JSON."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def to_csv(records: list[dict[str, Any]]) -> str:
    """RFC 4180 CSV with a header row, every field of OPEN_DATA_FIELDS in order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [name for name, _, _ in OPEN_DATA_FIELDS]
    writer.writerow(names)
    for record in records:
        writer.writerow([_plain(record[name]) for name in names])
    return out.getvalue()


def to_json(records: list[dict[str, Any]], *, title: str, license_name: str, license_url: str,
            schema_url: str) -> str:
    """The same records as JSON, with the license and the schema's address."""
    names = [name for name, _, _ in OPEN_DATA_FIELDS]
    body = {
        "title": title,
        "license": license_name,
        "license_url": license_url,
        "schema_url": schema_url,
        "fields": names,
        "records": [{name: _json_number(record[name]) if name in NUMBER_FIELDS else record[name]
                     for name in names} for record in records],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
