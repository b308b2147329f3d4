"""Plans and their targets (data/plans/*.yml): typed model, validated loading, progress and open data.

One YAML file per issuing unit (`data/plans/<unit>.yml`), plus `_danh-muc.yml` (groups, units of
measure, qualifiers) and `_quoc-gia.yml` (the national targets shown on the overview). Everything an
editor can get wrong is recorded as a Problem naming file, line and field; nothing here raises.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _registry import Registry
from _validate import Fields, LineDict, Problems, found, load_yaml, read_text, suggest
from _vn import format_date

CATALOGUE_FILE = "_danh-muc.yml"
NATIONAL_FILE = "_quoc-gia.yml"

COMPARATORS = {"eq": "đúng bằng", "min": "tối thiểu", "range": "trong khoảng", "pct": "tỷ lệ phần trăm"}
# Which source wordings fit which comparator ("trên 500" is a minimum, "khoảng 600" an exact figure).
QUALIFIERS_FOR = {"eq": {"khoang", "phan-dau"}, "pct": {"khoang", "phan-dau"}, "range": {"khoang", "phan-dau"},
                  "min": {"it-nhat", "toi-thieu", "tren", "tro-len"}}
DOC_KINDS = {"ke-hoach": "Kế hoạch", "quyet-dinh": "Quyết định", "de-an": "Đề án", "chuong-trinh": "Chương trình"}
URL_SCOPES = {"page": "trang của bài/văn bản", "website": "trang chủ nơi đăng"}
COUNT_CONTENT = {"videos": "video", "news": "tin bài"}

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*$")
# A value written with a dot between thousands ("1.000") is read by YAML as 1.0: catch it on the raw line.
_THOUSANDS = re.compile(r":\s*\d{1,3}(?:\.\d{3})+\s*(?:#.*)?$")

PLAN_FILE_FIELDS = {"unit", "documents"}
DOC_FIELDS = {"id", "kind", "number", "number_note", "number_source", "date", "issuer", "signer", "title", "note",
              "period", "phases", "legal_basis", "source", "sources", "objectives", "task_groups", "targets",
              "results"}
TARGET_FIELDS = {"id", "indicator", "group", "comparator", "qualifier", "value", "min", "max", "unit", "phase",
                 "period", "progress", "count", "part_of", "note"}
LINK_FIELDS = {"name", "url", "title", "url_scope"}


# ---------------------------------------------------------------------------------------------
# Model


@dataclass(frozen=True)
class Group:
    """A target group: outreach, training, support to enterprises, capacity, economy."""

    slug: str
    name: str


@dataclass(frozen=True)
class Measure:
    """A unit of measure (`doanh-nghiep`, `phan-tram`), with how it reads after a number."""

    slug: str
    label: str
    percent: bool = False


@dataclass(frozen=True)
class Catalogue:
    """The controlled lists of data/plans/_danh-muc.yml."""

    groups: dict[str, Group]
    units: dict[str, Measure]
    qualifiers: dict[str, str]


@dataclass(frozen=True, order=True)
class Period:
    """A closed span of days; `2021-2025` means 01/01/2021 to 31/12/2025."""

    start: dt.date
    end: dt.date

    def contains(self, other: Period) -> bool:
        """Whether `other` lies entirely within this period."""
        return self.start <= other.start and other.end <= self.end

    @property
    def label(self) -> str:
        """`2021 - 2025`, `2025`, or `dd/mm/yyyy - dd/mm/yyyy` when not whole years."""
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31):
            if self.start.year == self.end.year:
                return str(self.start.year)
            return f"{self.start.year} - {self.end.year}"
        return f"{format_date(self.start)} - {format_date(self.end)}"


@dataclass(frozen=True)
class Link:
    """A reporting source: its name, its address, and whether the address is the page itself or the site."""

    name: str
    url: str
    title: str = ""
    scope: str = "page"


@dataclass(frozen=True)
class ProgressEntry:
    """A reported figure for a target, as of a date, with its source."""

    as_of: dt.date
    value: float
    source: Link
    note: str = ""


@dataclass(frozen=True)
class CountRule:
    """Progress counted from published content: videos of a kind, or news of a topic, for the unit."""

    content: str
    kind: str | None
    topic: str | None
    file: str
    line: int
    field: str = "count.kind"


@dataclass(frozen=True)
class Phase:
    """A named phase of a plan (`Giai đoạn 2021 - 2025`)."""

    id: str
    name: str
    period: Period


@dataclass(frozen=True)
class TaskGroup:
    """A group of tasks, with its tasks in the editors' own words."""

    title: str
    tasks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    """A reported figure that is not tied to one target (national results)."""

    label: str
    text: str
    as_of: dt.date
    source: Link


@dataclass
class Target:
    """One numeric target, exactly as its document states it."""

    id: str
    indicator: str
    group: Group
    comparator: str
    unit: Measure
    period: Period
    value: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    qualifier: str | None = None
    phase: Phase | None = None
    progress: tuple[ProgressEntry, ...] = ()
    count: CountRule | None = None
    part_of: str | None = None
    note: str = ""
    file: str = ""
    line: int = 0
    plan: Plan | None = field(default=None, repr=False, compare=False)

    @property
    def reference(self) -> float:
        """The figure progress is measured against: the value, or the lower end of a range."""
        return float(self.minimum if self.comparator == "range" else self.value)  # type: ignore[arg-type]

    @property
    def upper(self) -> float:
        """The highest figure the target names: the value, or the upper end of a range."""
        return float(self.maximum if self.comparator == "range" else self.value)  # type: ignore[arg-type]

    @property
    def label(self) -> str:
        """The target as the document words it: `Trên 500 lượt người`, `Từ 100 đến 150 doanh nghiệp`."""
        return describe(self)


@dataclass
class Plan:
    """One plan document of one issuing unit (or of the nation), with its targets."""

    id: str
    unit_slug: str | None
    kind: str
    date: dt.date
    issuer: str
    title: str
    period: Period
    number: str | None = None
    number_note: str = ""
    number_source: Link | None = None
    signer: str = ""
    note: str = ""
    phases: tuple[Phase, ...] = ()
    legal_basis: tuple[str, ...] = ()
    sources: tuple[Link, ...] = ()
    general_objective: str = ""
    objectives: tuple[str, ...] = ()
    task_groups: tuple[TaskGroup, ...] = ()
    targets: list[Target] = field(default_factory=list)
    results: tuple[Result, ...] = ()
    file: str = ""
    line: int = 0

    @property
    def kind_label(self) -> str:
        """`Kế hoạch`, `Quyết định`..."""
        return DOC_KINDS[self.kind]

    @property
    def display_name(self) -> str:
        """`Kế hoạch 573/KH-UBND`, or `Kế hoạch (chưa rõ số hiệu)`."""
        return f"{self.kind_label} {self.number}" if self.number else f"{self.kind_label} (chưa rõ số hiệu)"

    def targets_by_group(self, catalogue: Catalogue) -> list[tuple[Group, list[Target]]]:
        """The targets in catalogue group order, each group's targets in file order."""
        return [(g, [t for t in self.targets if t.group.slug == g.slug]) for g in catalogue.groups.values()
                if any(t.group.slug == g.slug for t in self.targets)]


@dataclass
class PlanData:
    """Every plan of the build: the provincial ones by issuing unit, the national ones apart."""

    catalogue: Catalogue
    plans: list[Plan] = field(default_factory=list)
    national: list[Plan] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)

    def by_unit(self, slug: str) -> list[Plan]:
        """The plans one unit issued, oldest first."""
        return [p for p in self.plans if p.unit_slug == slug]

    @property
    def units(self) -> list[str]:
        """The slugs of the units that issued a plan, sorted."""
        return sorted({p.unit_slug for p in self.plans if p.unit_slug})

    def targets(self, *, national: bool = False) -> Iterator[Target]:
        """Every provincial target (or every national one), in file order."""
        for plan in self.national if national else self.plans:
            yield from plan.targets


# ---------------------------------------------------------------------------------------------
# Wording and numbers


def format_number(value: float | int | None) -> str:
    """A number the Vietnamese way: `1.000`, `7,5`; integral floats lose their `.0`."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, frac = f"{value:.6f}".rstrip("0").partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def with_unit(value: float | int | None, unit: Measure) -> str:
    """`50%`, `7,5%/năm`, `10 phóng sự`."""
    number = format_number(value)
    return f"{number}{unit.label}" if unit.percent else f"{number} {unit.label}"


def describe(target: Target) -> str:
    """The target's level in words, keeping the source's qualifier: `Trên 70%`, `Khoảng 600 chuyên gia`."""
    q = target.qualifier
    words = {"it-nhat": "ít nhất", "toi-thieu": "tối thiểu", "tren": "trên", "khoang": "khoảng",
             "phan-dau": "phấn đấu"}
    if target.comparator == "range":
        lo, hi = format_number(target.minimum), with_unit(target.maximum, target.unit)
        if target.unit.label.startswith("%"):
            lo += "%"
        text = f"từ {lo} đến {hi}"
        text = f"{words[q]} {text}" if q else text
    elif target.comparator == "min":
        amount = with_unit(target.value, target.unit)
        text = f"{amount} trở lên" if q == "tro-len" else f"{words.get(q or 'it-nhat', 'ít nhất')} {amount}"
    else:
        amount = with_unit(target.value, target.unit)
        text = f"{words[q]} {amount}" if q else amount
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------------
# Loading


def load_plans(folder: Path, rel: str, registry: Registry, topics: Iterable[str], problems: Problems) -> PlanData:
    """Read the catalogue, every unit's plan file and the national file; problems are recorded, never raised."""
    catalogue = _load_catalogue(folder / CATALOGUE_FILE, f"{rel}/{CATALOGUE_FILE}", problems)
    data = PlanData(catalogue)
    seen: dict[str, tuple[str, int]] = {}
    topics = set(topics)
    for path in sorted(folder.glob("*.yml")):
        if path.name.startswith("_"):
            continue
        file = f"{rel}/{path.name}"
        loaded = _load_plan_file(path, file, registry, catalogue, topics, seen, problems)
        if loaded is not None:
            unit, plans = loaded
            data.files[unit] = file
            data.plans.extend(plans)
    national = folder / NATIONAL_FILE
    if national.exists():
        loaded = _load_plan_file(national, f"{rel}/{NATIONAL_FILE}", registry, catalogue, topics, seen, problems,
                                 national=True)
        if loaded is not None:
            data.national = loaded[1]
    data.plans.sort(key=lambda p: (p.unit_slug or "", p.date, p.id))
    return data


def _root(path: Path, file: str, problems: Problems) -> tuple[LineDict, list[str]] | None:
    """A YAML file's top mapping and its raw lines (for checks YAML's parser cannot do)."""
    text = read_text(path, file, problems)
    if text is None:
        return None
    data = load_yaml(text, file, problems)
    if data is None:
        return None
    if not isinstance(data, LineDict):
        problems.error(file, 1, "", "các dòng dạng 'tên: giá trị'", found(data))
        return None
    return data, text.splitlines()


def _load_catalogue(path: Path, file: str, problems: Problems) -> Catalogue:
    """Groups, units of measure and qualifiers from data/plans/_danh-muc.yml."""
    empty = Catalogue({}, {}, {})
    if not path.exists():
        problems.error(file, None, "", "tệp danh mục nhóm chỉ tiêu và đơn vị đo", "không có tệp")
        return empty
    loaded = _root(path, file, problems)
    if loaded is None:
        return empty
    root = Fields(loaded[0], file, problems)
    root.unknown({"groups", "units", "qualifiers"})
    groups: dict[str, Group] = {}
    for item in root.items("groups"):
        item.unknown({"slug", "name"})
        slug, name = _slug(item, "slug"), item.text("name")
        if slug and name:
            groups[slug] = Group(slug, name)
    units: dict[str, Measure] = {}
    for item in root.items("units"):
        item.unknown({"slug", "label", "percent"})
        slug, label, percent = _slug(item, "slug"), item.text("label"), item.boolean("percent")
        if slug and label:
            units[slug] = Measure(slug, label, percent)
    qualifiers: dict[str, str] = {}
    for item in root.items("qualifiers"):
        item.unknown({"slug", "label"})
        slug, label = _slug(item, "slug"), item.text("label")
        if slug and label:
            qualifiers[slug] = label
    return Catalogue(groups, units, qualifiers)


def _load_plan_file(path: Path, file: str, registry: Registry, catalogue: Catalogue, topics: set[str],
                    seen: dict[str, tuple[str, int]], problems: Problems,
                    national: bool = False) -> tuple[str, list[Plan]] | None:
    """One plan file: its unit (none for the national file) and its documents."""
    loaded = _root(path, file, problems)
    if loaded is None:
        return None
    data, raw = loaded
    root = Fields(data, file, problems)
    root.unknown({"documents"} if national else PLAN_FILE_FIELDS)
    unit = "" if national else _read_unit(root, path.stem, registry)
    plans: list[Plan] = []
    ids: set[str] = set()
    ctx = _Context(file, raw, registry, catalogue, topics, seen, problems)
    for item in root.items("documents"):
        plan = _read_plan(item, unit or None, ctx)
        if plan is None:
            continue
        if plan.id in ids:
            item.error("id", "mỗi văn bản trong tệp một mã riêng", plan.id)
            continue
        ids.add(plan.id)
        plans.append(plan)
    if unit is None:
        return None
    return unit, plans


@dataclass
class _Context:
    """What reading one file needs besides the fields themselves."""

    file: str
    raw: list[str]
    registry: Registry
    catalogue: Catalogue
    topics: set[str]
    seen: dict[str, tuple[str, int]]
    problems: Problems


def _read_unit(root: Fields, stem: str, registry: Registry) -> str | None:
    """`unit:`: a registry slug, the same as the file's name."""
    slug = root.text("unit")
    if slug is None:
        return None
    if slug not in registry:
        hint = suggest(slug, registry.units)  # a near-miss, or the slug of a display name ('Hải Phòng')
        root.problems.error(root.file, root.line("unit"), "unit", "slug tỉnh/thành có trong data/provinces.yml",
                            f"'{slug}'{hint}")
        return None
    if slug != stem:
        root.error("unit", f"slug trùng với tên tệp ('{stem}'), mỗi đơn vị một tệp <slug>.yml", slug)
        return None
    return slug


def _slug(f: Fields, key: str, *, required: bool = True) -> str | None:
    """A lower-case ASCII slug joined by `-`."""
    value = f.text(key, required=required)
    if value is not None and not _SLUG.match(value):
        f.error(key, "chữ thường không dấu, nối bằng '-' (ví dụ 'dn-ho-tro-2021-2025')", value)
        return None
    return value


def _strings(f: Fields, key: str) -> tuple[str, ...]:
    """An optional list of non-empty strings."""
    raw = f.data.get(key)
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    if not all(isinstance(i, str) and i.strip() for i in items):
        f.error(key, "một danh sách các dòng chữ (mỗi dòng bắt đầu bằng '- ')", raw)
        return ()
    return tuple(i.strip() for i in items)


def _period(f: Fields, key: str, *, required: bool = True) -> Period | None:
    """`2021-2025`, a year (`2025`) or `{from: dd/mm/yyyy, to: dd/mm/yyyy}`."""
    expected = "một thời kỳ dạng 2021-2025, một năm (2025), hoặc from/to là hai ngày"
    if not f.has(key):
        if required:
            f.problems.error(f.file, f.line(key), f.name(key), expected, "chưa có (trường bắt buộc)")
        return None
    raw = f.data[key]
    if isinstance(raw, dict):
        group = Fields(raw, f.file, f.problems, prefix=f"{f.name(key)}.")
        group.unknown({"from", "to"})
        start, end = group.date("from"), group.date("to")
        if start is None or end is None:
            return None
        if end < start:
            group.error("to", f"một ngày không trước ngày bắt đầu {format_date(start)}", format_date(end))
            return None
        return Period(start, end)
    match = _YEARS.match(str(raw)) if isinstance(raw, int | str) and not isinstance(raw, bool) else None
    if not match:
        f.error(key, expected, raw)
        return None
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if last < first:
        f.error(key, "năm cuối không trước năm đầu (ví dụ 2021-2025)", raw)
        return None
    return Period(dt.date(first, 1, 1), dt.date(last, 12, 31))


def _link(f: Fields | None) -> Link | None:
    """`{name, url, title?, url_scope?}`."""
    if f is None:
        return None
    f.unknown(LINK_FIELDS)
    name, url, title = f.text("name"), f.url("url"), f.text("title", required=False) or ""
    scope = f.choice("url_scope", URL_SCOPES, required=False, what="phạm vi địa chỉ") or "page"
    return Link(name, url, title, scope) if name and url else None


def _read_plan(f: Fields, unit: str | None, ctx: _Context) -> Plan | None:
    """One entry of `documents:` with everything under it."""
    f.unknown(DOC_FIELDS)
    plan_id = _slug(f, "id")
    kind = f.choice("kind", DOC_KINDS, what="loại văn bản")
    number = f.text("number", required=False)
    number_note = f.text("number_note", required=False) or ""
    if number is None and not number_note:
        f.problems.error(f.file, f.line("number"), f.name("number"),
                         "số hiệu văn bản, hoặc 'number_note' nói vì sao chưa có", "chưa có")
    number_source = _link(f.mapping("number_source", required=False))
    date, issuer, title = f.date("date"), f.text("issuer"), f.text("title", max_length=400)
    period = _period(f, "period")
    if unit and date:
        record = ctx.registry[unit]
        if not record.exists_on(date):
            ctx.problems.error(f.file, f.line("date"), f.name("date"),
                               f"một ngày {record.short_name} còn tồn tại (đơn vị ban hành là '{unit}'; "
                               "văn bản trước 01/07/2025 ghi slug đơn vị cũ, ví dụ 'hai-phong-cu')",
                               f"'{format_date(date)}'")
    phases = _read_phases(f, period)
    sources = _read_sources(f)
    objectives = f.mapping("objectives", required=False)
    general, specific = "", ()
    if objectives is not None:
        objectives.unknown({"general", "specific"})
        general = objectives.text("general", required=False) or ""
        specific = _strings(objectives, "specific")
    groups = []
    for item in f.items("task_groups", required=False):
        item.unknown({"title", "tasks"})
        group_title = item.text("title")
        if group_title:
            groups.append(TaskGroup(group_title, _strings(item, "tasks")))
    results = []
    for item in f.items("results", required=False):
        item.unknown({"label", "text", "as_of", "source"})
        values = (item.text("label"), item.text("text"), item.date("as_of"), _link(item.mapping("source")))
        if None not in values:
            results.append(Result(*values))  # type: ignore[arg-type]
    if None in (plan_id, kind, date, issuer, title, period):
        # Still read the targets, so their mistakes are reported in the same run.
        for item in f.items("targets", required=False):
            _read_target(item, period, phases, unit, ctx)
        return None
    plan = Plan(id=plan_id, unit_slug=unit, kind=kind, date=date, issuer=issuer, title=title, period=period,
                number=number, number_note=number_note, number_source=number_source,
                signer=f.text("signer", required=False) or "", note=f.text("note", required=False) or "",
                phases=tuple(phases.values()), legal_basis=_strings(f, "legal_basis"), sources=sources,
                general_objective=general, objectives=specific, task_groups=tuple(groups), results=tuple(results),
                file=f.file, line=f.default_line or 0)
    for item in f.items("targets", required=False):
        target = _read_target(item, period, phases, unit, ctx)
        if target is not None:
            target.plan = plan
            plan.targets.append(target)
    _check_part_of(plan, ctx)
    return plan


def _read_phases(f: Fields, period: Period | None) -> dict[str, Phase]:
    """`phases:`: ids, names and periods, each inside the plan's period."""
    phases: dict[str, Phase] = {}
    for item in f.items("phases", required=False):
        item.unknown({"id", "name", "period"})
        phase_id, name, span = item.text("id"), item.text("name"), _period(item, "period")
        if None in (phase_id, name, span):
            continue
        if period and not period.contains(span):
            item.error("period", f"một thời kỳ nằm trong thời kỳ của văn bản ({period.label})", span.label)
            continue
        if phase_id in phases:
            item.error("id", "mỗi giai đoạn một mã riêng", phase_id)
            continue
        phases[phase_id] = Phase(phase_id, name, span)
    return phases


def _read_sources(f: Fields) -> tuple[Link, ...]:
    """`source:` (one) or `sources:` (several): who reported the document, with the link."""
    if f.has("sources"):
        links = [_link(item) for item in f.items("sources")]
        return tuple(link for link in links if link)
    link = _link(f.mapping("source"))
    return (link,) if link else ()


def _number(f: Fields, key: str, ctx: _Context, unit: Measure | None) -> float | None:
    """A non-negative number; a percentage is at most 100; `1.000` written for a thousand is refused."""
    value = f.number(key, minimum=0)
    if value is None:
        return None
    line = f.line(key)
    if line and 0 < line <= len(ctx.raw) and _THOUSANDS.search(ctx.raw[line - 1]):
        written = ctx.raw[line - 1].split(":", 1)[1].split("#", 1)[0].strip()
        f.error(key, "một số viết liền, không dùng dấu chấm ngăn hàng nghìn (một nghìn viết 1000)", written)
        return None
    if unit is not None and unit.percent and value > 100:
        f.error(key, "một tỷ lệ phần trăm từ 0 đến 100", value)
        return None
    return value


def _read_target(f: Fields, period: Period | None, phases: dict[str, Phase], unit_slug: str | None,
                 ctx: _Context) -> Target | None:
    """One entry of `targets:`: every rule of the issue's validation list is checked here."""
    f.unknown(TARGET_FIELDS)
    target_id = _slug(f, "id")
    if target_id is not None:
        if target_id in ctx.seen:
            other_file, other_line = ctx.seen[target_id]
            ctx.problems.error(f.file, f.line("id"), f.name("id"), "mỗi chỉ tiêu một mã riêng trong data/plans",
                               f"'{target_id}', đã dùng ở {other_file}, dòng {other_line}")
            target_id = None
        else:
            ctx.seen[target_id] = (f.file, f.line("id") or 0)
    indicator = f.text("indicator", max_length=400)
    group = f.choice("group", ctx.catalogue.groups, what="nhóm chỉ tiêu")
    comparator = f.choice("comparator", COMPARATORS, what="cách ghi mức")
    unit_slug_ = f.choice("unit", ctx.catalogue.units, what="một đơn vị đo (data/plans/_danh-muc.yml)")
    unit = ctx.catalogue.units.get(unit_slug_) if unit_slug_ else None
    qualifier = f.choice("qualifier", ctx.catalogue.qualifiers, required=False, what="cách nói của nguồn")
    if qualifier and comparator and qualifier not in QUALIFIERS_FOR[comparator]:
        f.error("qualifier", f"với comparator '{comparator}', một trong: "
                + ", ".join(f"'{q}'" for q in sorted(QUALIFIERS_FOR[comparator])), qualifier)
        qualifier = None
    value = minimum = maximum = None
    if comparator == "range":
        for key in ("value",):
            if key in f.data:
                f.error(key, "không ghi 'value' khi comparator là 'range' (ghi 'min' và 'max')", f.data[key])
        minimum, maximum = _number(f, "min", ctx, unit), _number(f, "max", ctx, unit)
        if minimum is not None and maximum is not None and minimum > maximum:
            f.error("max", f"một số không nhỏ hơn 'min' ({format_number(minimum)})", maximum)
            maximum = None
    elif comparator is not None:
        for key in ("min", "max"):
            if key in f.data:
                f.error(key, f"không ghi '{key}' khi comparator là '{comparator}' (chỉ ghi 'value')", f.data[key])
        value = _number(f, "value", ctx, unit)
    if comparator == "pct" and unit is not None and not unit.percent:
        f.error("unit", "một đơn vị phần trăm (ví dụ 'phan-tram') khi comparator là 'pct'", unit.slug)
        unit = None
    span, phase = _target_period(f, period, phases)
    progress = tuple(_read_progress(f, unit, ctx))
    count = _read_count(f, ctx)
    if progress and count:
        f.error("count", "chỉ một cách tính tiến độ: 'progress' (số liệu báo cáo) hoặc 'count' (đếm nội dung)",
                "có cả hai")
        count = None
    part_of = _slug(f, "part_of", required=False)
    numbers_ok = (minimum is not None and maximum is not None) if comparator == "range" else value is not None
    if None in (target_id, indicator, group, comparator, unit, span) or not numbers_ok:
        return None
    return Target(id=target_id, indicator=indicator, group=ctx.catalogue.groups[group], comparator=comparator,
                  unit=unit, period=span, value=value, minimum=minimum, maximum=maximum, qualifier=qualifier,
                  phase=phase, progress=progress, count=count, part_of=part_of,
                  note=f.text("note", required=False) or "", file=f.file, line=f.default_line or 0)


def _target_period(f: Fields, period: Period | None,
                   phases: dict[str, Phase]) -> tuple[Period | None, Phase | None]:
    """The target's period and phase: its phase's, its own, or the document's; always inside the document's."""
    if f.has("phase") and f.has("period"):
        f.error("period", "chỉ một trong hai: 'phase' (giai đoạn của văn bản) hoặc 'period'", f.data["period"])
        return None, None
    if f.has("phase"):
        key = str(f.data["phase"])
        if key not in phases:
            listed = ", ".join(f"'{p}'" for p in sorted(phases)) if phases else "(văn bản chưa có 'phases')"
            f.error("phase", f"mã một giai đoạn khai báo trong 'phases' của văn bản: {listed}", f.data["phase"])
            return None, None
        return phases[key].period, phases[key]
    span = _period(f, "period", required=False)
    if span is None:
        return (None if f.has("period") else period), None
    if period is not None and not period.contains(span):
        f.error("period", f"một thời kỳ nằm trong thời kỳ của văn bản ({period.label})", span.label)
        return None, None
    return span, None


def _read_progress(f: Fields, unit: Measure | None, ctx: _Context) -> Iterator[ProgressEntry]:
    """`progress:` entries: as of a date, a value, a source."""
    for item in f.items("progress", required=False):
        item.unknown({"as_of", "value", "source", "note"})
        as_of, value = item.date("as_of"), _number(item, "value", ctx, unit)
        source = _link(item.mapping("source"))
        if None not in (as_of, value, source):
            yield ProgressEntry(as_of, value, source, item.text("note", required=False) or "")


def _read_count(f: Fields, ctx: _Context) -> CountRule | None:
    """`count: {content: videos, kind: phong-su}` or `{content: news, topic: ...}`."""
    group = f.mapping("count", required=False)
    if group is None:
        return None
    group.unknown({"content", "kind", "topic"})
    content = group.choice("content", COUNT_CONTENT, what="loại nội dung được đếm")
    kind = _slug(group, "kind", required=False)
    topic = group.choice("topic", ctx.topics, required=False, what="chủ đề") if group.has("topic") else None
    if content == "news" and kind:
        group.error("kind", "không ghi 'kind' khi đếm tin bài (dùng 'topic')", kind)
        return None
    if content == "videos" and group.has("topic"):
        group.error("topic", "không ghi 'topic' khi đếm video (dùng 'kind')", group.data["topic"])
        return None
    if content is None:
        return None
    return CountRule(content, kind, topic, f.file, group.line("kind") or f.line("count") or 0, group.name("kind"))


def _check_part_of(plan: Plan, ctx: _Context) -> None:
    """`part_of` names another target of the same document, with the same unit of measure."""
    by_id = {t.id: t for t in plan.targets}
    for target in plan.targets:
        if target.part_of is None:
            continue
        whole = by_id.get(target.part_of)
        if whole is None or whole is target or whole.unit.slug != target.unit.slug:
            ctx.problems.error(target.file, target.line, "part_of",
                               "mã một chỉ tiêu khác của cùng văn bản, cùng đơn vị đo", f"'{target.part_of}'")
            target.part_of = None


# ---------------------------------------------------------------------------------------------
# Progress


@dataclass(frozen=True)
class Counted:
    """What a count rule found: how many items, up to which day, and where to see them."""

    value: int
    as_of: dt.date
    name: str
    url: str


@dataclass(frozen=True)
class Status:
    """Where a target stands on the build day, with what the progress bar needs to draw it."""

    state: str  # no-data | not-started | below | met | in-range | over
    target: Target
    value: float | None = None
    as_of: dt.date | None = None
    method: str = ""  # entry | count
    source: Link | None = None
    note: str = ""
    entries: tuple[ProgressEntry, ...] = ()
    percent: float | None = None
    fill: float = 0.0
    marker: float = 100.0
    band: tuple[float, float] | None = None
    period_ended: bool = False
    after_period: bool = False

    @property
    def has_data(self) -> bool:
        """Whether any figure is known (0 is a figure; no figure is "chưa có số liệu")."""
        return self.value is not None


def evaluate(target: Target, day: dt.date, counter: Callable[[Target], Counted | None] | None = None) -> Status:
    """The target's status on `day`: the latest reported entry, else what its count rule finds, else no data."""
    ended = target.period.end < day
    entries = tuple(sorted((e for e in target.progress if e.as_of <= day), key=lambda e: e.as_of))
    if entries:
        latest = entries[-1]
        value, as_of, method, source, note = latest.value, latest.as_of, "entry", latest.source, latest.note
    elif target.count is not None and counter is not None:
        if day < target.period.start:
            return Status("not-started", target, period_ended=False)
        counted = counter(target)
        if counted is None:
            return Status("no-data", target, period_ended=ended)
        value, as_of, method, note = counted.value, counted.as_of, "count", ""
        source = Link(counted.name, counted.url)
    else:
        return Status("no-data", target, period_ended=ended)
    reference, upper = target.reference, target.upper
    scale = max(value, upper) or 1.0
    strict = target.comparator == "min" and target.qualifier == "tren"
    if target.comparator == "range":
        state = "over" if value > upper else "in-range" if value >= reference else "below"
    elif value > reference:
        state = "met" if target.comparator == "min" else "over"
    elif value == reference and not strict:
        state = "met"
    else:
        state = "below"
    band = (reference / scale * 100, upper / scale * 100) if target.comparator == "range" else None
    return Status(state, target, value=value, as_of=as_of, method=method, source=source, note=note,
                  entries=entries,
                  # A range has no single 100%: its state (below, in range, over) says where the figure stands.
                  percent=(value / reference * 100) if reference and target.comparator != "range" else None,
                  fill=value / scale * 100, marker=reference / scale * 100, band=band, period_ended=ended,
                  after_period=as_of > target.period.end)


def count_items(items: Iterable[Any], rule: CountRule, units: set[str], period: Period, day: dt.date,
                attr: str) -> int:
    """How many dated items (videos or articles) of `units` match the rule within the period, up to `day`."""
    last = min(period.end, day)
    wanted = rule.kind if attr == "kind" else rule.topic
    total = 0
    for item in items:
        when = getattr(item, "date", None)
        if isinstance(when, dt.datetime):
            when = when.date()
        if not isinstance(when, dt.date) or not period.start <= when <= last:
            continue
        if not units.intersection(getattr(item, "provinces", ()) or ()):
            continue
        if wanted is not None:
            value = getattr(item, attr, None)
            values = value if isinstance(value, list | tuple | set | frozenset) else (value,)
            if wanted not in values:
                continue
        total += 1
    return total


# ---------------------------------------------------------------------------------------------
# National overview: totals where units and comparators agree


@dataclass(frozen=True)
class Total:
    """The sum of targets of several units that share group, unit of measure, comparator and period."""

    group: Group
    unit: Measure
    comparator: str
    period: Period
    targets: tuple[Target, ...]
    value: float | None
    minimum: float | None
    maximum: float | None

    @property
    def units(self) -> list[str]:
        """The issuing units summed, sorted."""
        return sorted({t.plan.unit_slug for t in self.targets if t.plan and t.plan.unit_slug})

    @property
    def label(self) -> str:
        """`Ít nhất 80 doanh nghiệp`, `Từ 10 đến 15 chuyên gia`, `40 doanh nghiệp`."""
        if self.comparator == "range":
            return f"Từ {format_number(self.minimum)} đến {with_unit(self.maximum, self.unit)}"
        if self.comparator == "min":
            return f"Ít nhất {with_unit(self.value, self.unit)}"
        return with_unit(self.value, self.unit)


def totals(targets: Iterable[Target]) -> list[Total]:
    """Sums across provinces, only for targets of two or more units that agree on group, unit, comparator and
    period; percentages are never summed, nor a target that is part of another."""
    buckets: dict[tuple[str, str, str, Period], list[Target]] = {}
    for target in targets:
        if target.unit.percent or target.comparator == "pct" or target.part_of:
            continue
        key = (target.group.slug, target.unit.slug, target.comparator, target.period)
        buckets.setdefault(key, []).append(target)
    result = []
    for (_, _, comparator, period), members in sorted(buckets.items(), key=lambda kv: kv[0]):
        if len({t.plan.unit_slug for t in members if t.plan}) < 2:
            continue
        first = members[0]
        if comparator == "range":
            total = Total(first.group, first.unit, comparator, period, tuple(members), None,
                          sum(t.minimum for t in members), sum(t.maximum for t in members))
        else:
            total = Total(first.group, first.unit, comparator, period, tuple(members),
                          sum(t.value for t in members), None, None)
        result.append(total)
    return result


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
NUMBER_FIELDS = {"value", "min", "max", "progress_value"}


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
