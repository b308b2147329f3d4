"""Generate data/provinces.yml, the province registry, from the statistics office's reference CSVs.

Run once when the reference changes (the output is committed and then edited by hand only to add
dated events such as a rename):

    .venv/bin/python scripts/make_registry.py ../shared/reference data/provinces.yml
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from _vn import nfc, slugify  # noqa: E402

MERGER = {
    "date": "2025-07-01",
    "decision": "Nghị quyết 202/2025/QH15",
    "decision_date": "2025-06-12",
    "codes_source": "Công văn 915/CTK-CSCL",
}
TYPES = {"Tỉnh": "tinh", "Thành phố Trung ương": "thanh-pho", "Thành phố trực thuộc trung ương": "thanh-pho"}
# Dated changes that are not part of the merger. Unverified ones are kept but never published as fact.
EVENTS = {
    "hue": [{
        "date": "2025-01-01", "name": "Thành phố Huế", "type": "thanh-pho",
        "previous_name": "Tỉnh Thừa Thiên Huế", "previous_type": "tinh", "verified": True,
        "note": "Tỉnh Thừa Thiên Huế trở thành thành phố trực thuộc trung ương.",
    }],
    "dong-nai": [{
        "date": "2026-04-30", "name": "Thành phố Đồng Nai", "type": "thanh-pho",
        "previous_name": "Tỉnh Đồng Nai", "previous_type": "tinh", "verified": False,
        "note": "Được đưa tin là trở thành thành phố trực thuộc trung ương theo Nghị quyết 30/2026/QH16; "
                "chưa kiểm chứng.",
    }],
}


def short(name: str) -> str:
    """`Tỉnh Hải Dương` -> `Hải Dương`; `Thành phố Hồ Chí Minh` -> `Hồ Chí Minh`."""
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def main(reference: Path, out: Path) -> None:
    """Read both CSVs and write the registry."""
    with (reference / "provinces_63_to_34.csv").open(encoding="utf-8") as fh:
        rows = [{k: nfc(v.strip()) for k, v in row.items()} for row in csv.DictReader(fh)]
    with (reference / "915_CTK-CSCL.csv").open(encoding="utf-8") as fh:
        new_units = {row["Mã số"].strip(): nfc(row["Tên 34 tỉnh sau sáp nhập"].strip()) for row in csv.DictReader(fh)}
    if len(rows) != 63 or len(new_units) != 34:
        raise SystemExit(f"expected 63 and 34 units, found {len(rows)} and {len(new_units)}")

    members: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if short(new_units.get(row["new_code"], "")) != short(row["new_full_name"]):
            raise SystemExit(f"new unit {row['new_code']} {row['new_full_name']} is not in 915_CTK-CSCL.csv")
        members[row["new_code"]].append(row)

    units: list[dict] = []
    for code in sorted(new_units):
        group = sorted(members[code], key=lambda r: r["old_code"])
        new_name = group[0]["new_full_name"]
        new_slug = slugify(short(new_name))
        new_type = TYPES[group[0]["new_type_2025_07_01"]]
        if len(group) == 1 and group[0]["old_code"] == code and group[0]["old_full_name"] == new_name:
            # Not merged: one unit that lives on under the same name and code.
            units.append({"slug": new_slug, "name": new_name, "short_name": short(new_name), "type": new_type,
                          "codes": [{"code": code, "from": None}], "from": None, "until": None})
            continue
        old_slugs = []
        for row in group:
            old_slug = slugify(short(row["old_full_name"]))
            name = short(row["old_full_name"])
            if old_slug == new_slug:
                old_slug, name = f"{old_slug}-cu", f"{name} (cũ)"
            old_slugs.append(old_slug)
            units.append({"slug": old_slug, "name": row["old_full_name"], "short_name": name,
                          "type": TYPES[row["old_type"]], "codes": [{"code": row["old_code"], "from": None}],
                          "from": None, "until": "2025-06-30", "merged_into": new_slug})
        units.append({"slug": new_slug, "name": new_name, "short_name": short(new_name), "type": new_type,
                      "codes": [{"code": code, "from": MERGER["date"]}], "from": MERGER["date"], "until": None,
                      "formed_from": old_slugs})
    for unit in units:
        if unit["slug"] in EVENTS:
            unit["events"] = EVENTS[unit["slug"]]
    units.sort(key=lambda u: u["slug"])

    header = ("# Danh mục đơn vị hành chính cấp tỉnh (sổ đăng ký tỉnh/thành).\n"
              "# Sinh bởi scripts/make_registry.py từ ../shared/reference (63 đơn vị trước 01/07/2025,\n"
              "# 34 đơn vị sau sắp xếp theo Nghị quyết 202/2025/QH15, mã theo Công văn 915/CTK-CSCL).\n"
              "# Thay đổi về sau (đổi tên, đổi loại) thêm thành một mục có ngày trong `events`, không sửa đè.\n")
    body = yaml.safe_dump({"merger": MERGER, "units": units}, allow_unicode=True, sort_keys=False, width=110)
    out.write_text(header + body, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
