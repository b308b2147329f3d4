"""The province registry (data/provinces.yml): every provincial unit before and after 1/7/2025."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from _fields import Fields
from _problems import Problems, found
from _suggest import suggest
from _vn import format_date
from _yaml import LineDict, LineList, load_yaml, read_text

TYPE_LABELS = MappingProxyType({"tinh": "Tỉnh", "thanh-pho": "Thành phố trực thuộc trung ương"})


@dataclass(frozen=True)
class UnitEvent:
    """A dated change of one unit that is not the merger: a rename or a change of type."""

    date: dt.date
    name: str
    type: str
    previous_name: str
    previous_type: str
    verified: bool
    note: str


@dataclass(frozen=True)
class Unit:
    """One provincial-level unit, with the dates it existed and what it became."""

    slug: str
    name: str
    short_name: str
    type: str
    code: str
    start: dt.date | None
    until: dt.date | None
    merged_into: str | None = None
    formed_from: tuple[str, ...] = ()
    events: tuple[UnitEvent, ...] = field(default=())

    @property
    def current(self) -> bool:
        """Whether the unit still exists (has no end date)."""
        return self.until is None

    def exists_on(self, day: dt.date) -> bool:
        """Whether the unit existed on `day`."""
        return (self.start is None or self.start <= day) and (self.until is None or day <= self.until)

    def published_events(self) -> list[UnitEvent]:
        """The verified changes, oldest first; unverified ones are never shown as fact."""
        return sorted((e for e in self.events if e.verified), key=lambda e: e.date)

    def name_on(self, day: dt.date) -> str:
        """The official name on `day`, following verified dated events."""
        name = self.name
        for event in sorted(self.events, key=lambda e: e.date, reverse=True):
            if event.verified and day < event.date:
                name = event.previous_name
        return name


@dataclass
class Registry:
    """All units by slug, with the merger's facts."""

    units: dict[str, Unit]
    merger_date: dt.date
    merger_decision: str

    def __contains__(self, slug: str) -> bool:
        return slug in self.units

    def __getitem__(self, slug: str) -> Unit:
        return self.units[slug]

    def on(self, day: dt.date) -> list[Unit]:
        """The units that existed on `day`, sorted by slug."""
        return [u for u in self.units.values() if u.exists_on(day)]

    def current(self) -> list[Unit]:
        """The units that exist today (34 since 1/7/2025)."""
        return [u for u in self.units.values() if u.current]

    def successor(self, slug: str) -> Unit | None:
        """The current unit that `slug` became part of, or None if it still exists."""
        unit = self.units[slug]
        while unit.merged_into:
            unit = self.units[unit.merged_into]
        return None if unit.slug == slug else unit

    def current_of(self, slug: str) -> Unit:
        """The current unit covering `slug`'s territory (itself if it still exists)."""
        return self.successor(slug) or self.units[slug]

    def members(self, slug: str) -> list[Unit]:
        """Every unit merged into `slug` (the units it was formed from), by slug."""
        return sorted((self.units[s] for s in self.units[slug].formed_from), key=lambda u: u.slug)


def load_registry(path: Path, file: str, problems: Problems) -> Registry:
    """Read and check data/provinces.yml; problems are recorded, never raised here."""
    text = read_text(path, file, problems)
    data = load_yaml(text, file, problems) if text is not None else None
    empty = Registry({}, dt.date(2025, 7, 1), "")
    if not isinstance(data, LineDict):
        if data is not None:
            problems.error(file, 1, "", "các trường 'merger' và 'units'", "một nội dung khác")
        return empty
    root = Fields(data, file, problems)
    merger = root.mapping("merger")
    merger_date = merger.date("date") if merger else None
    decision = merger.text("decision") if merger else None
    units: dict[str, Unit] = {}
    written: dict[str, Fields] = {}  # where each unit is written, for the checks between units
    # Each reference to another unit, with where it is written: checked once every unit is known.
    references: list[tuple[str, int | None, str]] = []
    for item in root.items("units"):
        unit = _read_unit(item, references)
        if unit is None:
            continue
        if unit.slug in units:
            item.error("slug", "mỗi đơn vị một slug riêng", unit.slug)
            continue
        units[unit.slug], written[unit.slug] = unit, item
    for field_name, line, other in references:
        if other not in units:
            problems.error(file, line, field_name, "slug của một đơn vị có trong danh mục",
                           f"'{other}'{suggest(other, units)}")
    # A reported reference to no unit is left out, so the rest of the build reads a registry that holds together.
    broken = set()
    for slug, unit in units.items():
        formed = tuple(s for s in unit.formed_from if s in units)
        merged = unit.merged_into if unit.merged_into in units else None
        if formed != unit.formed_from or merged != unit.merged_into:
            units[slug] = dataclasses.replace(unit, formed_from=formed, merged_into=merged)
            broken.add(slug)
    _check_mergers(units, written, broken)
    return Registry(units, merger_date or empty.merger_date, decision or "")


def _slug_list(item: Fields, key: str, references: list[tuple[str, int | None, str]]) -> tuple[str, ...]:
    """`formed_from:`: a list of unit slugs; a single slug written without `[ ]` is read as a list of one."""
    raw = item.data.get(key)
    if raw is None:
        return ()
    values = raw if isinstance(raw, list) else [raw]
    lines = raw.lines if isinstance(raw, LineList) else [item.line(key)] * len(values)
    result = []
    for index, value in enumerate(values):
        if not isinstance(value, str) or not value.strip():
            item.problems.error(item.file, lines[index], item.name(key), "slug của một đơn vị có trong danh mục",
                                found(value))
            continue
        references.append((item.name(key), lines[index], value.strip()))
        result.append(value.strip())
    return tuple(result)


def _read_unit(item: Fields, references: list[tuple[str, int | None, str]]) -> Unit | None:
    """One entry of `units:`; the units it names are added to `references`."""
    item.unknown({"slug", "name", "short_name", "type", "codes", "from", "until", "merged_into",
                  "formed_from", "events"})
    slug, name, short = item.text("slug"), item.text("name"), item.text("short_name")
    kind = item.choice("type", TYPE_LABELS)
    codes = [c.text("code") for c in item.items("codes")]
    events = []
    for ev in item.items("events", required=False):
        ev.unknown({"date", "name", "type", "previous_name", "previous_type", "verified", "note"})
        values = (ev.date("date"), ev.text("name"), ev.choice("type", TYPE_LABELS), ev.text("previous_name"),
                  ev.choice("previous_type", TYPE_LABELS))
        if None not in values:
            note = ev.text("note", required=False) or ""
            events.append(UnitEvent(*values, verified=ev.boolean("verified"), note=note))
    formed = _slug_list(item, "formed_from", references)
    merged_into = item.text("merged_into", required=False)
    if merged_into is not None:
        references.append((item.name("merged_into"), item.line("merged_into"), merged_into))
    start, until = item.date("from", required=False), item.date("until", required=False)
    if None in (slug, name, short, kind) or not codes or None in codes:
        return None
    return Unit(slug=slug, name=name, short_name=short, type=kind, code=codes[-1], start=start, until=until,
                merged_into=merged_into, formed_from=formed, events=tuple(events))


def _check_mergers(units: dict[str, Unit], written: dict[str, Fields], broken: set[str]) -> None:
    """A merger is written on both sides and its dates meet: a unit that names X in `merged_into` is in X's
    `formed_from`, and the other way; it ends (`until`) the day before X begins (`from`). A unit whose
    references were already reported (`broken`) is not checked against the others again."""
    for slug, unit in units.items():
        item = written[slug]
        whole = units.get(unit.merged_into) if unit.merged_into else None
        if whole is not None and slug not in whole.formed_from and whole.slug not in broken:
            other = written[whole.slug]
            listed = f"'{', '.join(whole.formed_from)}'" if whole.formed_from else "chưa có"
            other.problems.error(other.file, other.line("formed_from"), other.name("formed_from"),
                                 f"danh sách có '{slug}' ('{slug}' ghi merged_into: {whole.slug})", listed)
        for part_slug in unit.formed_from:
            part = units.get(part_slug)
            if part is not None and part.merged_into != slug and part_slug not in broken:
                at = written[part_slug]
                at.problems.error(at.file, at.line("merged_into"), at.name("merged_into"),
                                  f"'{slug}' ('{slug}' ghi đơn vị này trong formed_from)",
                                  f"'{part.merged_into}'" if part.merged_into else "chưa có")
        if unit.start and unit.until and unit.until < unit.start:
            item.error("until", f"một ngày không trước ngày bắt đầu 'from' ({format_date(unit.start)})",
                       format_date(unit.until))
        if whole is None:
            continue
        if unit.until is None:
            item.problems.error(item.file, item.line("until"), item.name("until"),
                                "ngày cuối cùng của đơn vị trước khi hợp nhất (đơn vị có merged_into)", "chưa có")
        elif whole.start is not None and unit.until + dt.timedelta(days=1) != whole.start:
            item.error("until", f"ngày liền trước ngày '{whole.slug}' bắt đầu ({format_date(whole.start)}, "
                       f"trường 'from' của '{whole.slug}'): {format_date(whole.start - dt.timedelta(days=1))}",
                       format_date(unit.until))
        if whole.start is None and whole.formed_from[:1] == (slug,):  # said once, for its first part
            other = written[whole.slug]
            other.problems.error(other.file, other.line("from"), other.name("from"),
                                 "ngày đơn vị bắt đầu" + (f", {format_date(unit.until + dt.timedelta(days=1))} "
                                 f"('{slug}' hợp nhất vào đây kết thúc {format_date(unit.until)})" if unit.until
                                 else f" (đơn vị hợp nhất từ '{slug}')"), "chưa có")
