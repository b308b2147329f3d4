"""Plans loaded from data/plans/*.yml and checked: every mistake a Problem naming file, line and field.

One YAML file per issuing unit (`data/plans/<unit>.yml`), plus `_danh-muc.yml` (groups, units of
measure, qualifiers) and `_quoc-gia.yml` (the national targets shown on the overview). Nothing here raises.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from _fields import Fields
from _plans import (
    CATALOGUE_FILE,
    COMPARATORS,
    COUNT_CONTENT,
    DOC_KINDS,
    NATIONAL_FILE,
    QUALIFIERS_FOR,
    URL_SCOPES,
    Catalogue,
    CountRule,
    Group,
    Link,
    Measure,
    Period,
    Phase,
    Plan,
    PlanData,
    ProgressEntry,
    Result,
    Target,
    TaskGroup,
    format_number,
)
from _problems import Problems, found
from _registry import Registry
from _suggest import suggest
from _vn import format_date
from _yaml import LineDict, load_yaml, read_text

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*$")
# A value written with a dot between thousands ("1.000") is read by YAML as 1.0: catch it on the raw line.
_THOUSANDS = re.compile(r":\s*\d{1,3}(?:\.\d{3})+\s*(?:#.*)?$")

PLAN_FILE_FIELDS = frozenset({"unit", "documents"})
DOC_FIELDS = frozenset({"id", "kind", "number", "number_note", "number_source", "date", "issuer", "signer", "title",
                        "note", "period", "phases", "legal_basis", "source", "sources", "objectives", "task_groups",
                        "targets", "results"})
TARGET_FIELDS = frozenset({"id", "indicator", "group", "comparator", "qualifier", "value", "min", "max", "unit",
                           "phase", "period", "progress", "count", "part_of", "note"})
LINK_FIELDS = frozenset({"name", "url", "title", "url_scope"})


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
    progress = tuple(_read_progress(f, unit, ctx, maximum if comparator == "range" else value))
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


# A reported figure this many times its target's level is more likely a slip (a unit, a decimal point) than news.
IMPLAUSIBLE = 10


def _read_progress(f: Fields, unit: Measure | None, ctx: _Context, level: float | None) -> Iterator[ProgressEntry]:
    """`progress:` entries: as of a date, a value, a source; one figure a day, and a warning for a figure ten
    times the target's level (`level`: its value, or the top of its range). Dates after the build day are
    checked by the content model (hooks/_content.py), which knows the day."""
    dates: dict[dt.date, int] = {}
    for item in f.items("progress", required=False):
        item.unknown({"as_of", "value", "source", "note"})
        as_of, value = item.date("as_of"), _number(item, "value", ctx, unit)
        source = _link(item.mapping("source"))
        if as_of is not None and as_of in dates:
            item.error("as_of", "mỗi ngày một số liệu cho một chỉ tiêu (số liệu mới ghi với ngày mới)",
                       f"{format_date(as_of)}, đã có số liệu ngày này ở dòng {dates[as_of]}")
            continue
        if as_of is not None:
            dates[as_of] = item.line("as_of") or 0
        if value is not None and level and unit is not None and value >= IMPLAUSIBLE * level:
            ctx.problems.warn(item.file, item.line("value"), item.name("value"),
                              f"một số liệu cùng cỡ với mức chỉ tiêu ({format_number(level)} {unit.label})",
                              f"{format_number(value)}, gấp {format_number(round(value / level))} lần: kiểm tra lại "
                              "đơn vị đo và dấu thập phân (bảy phẩy năm viết 7.5)")
        if None not in (as_of, value, source):
            yield ProgressEntry(as_of, value, source, item.text("note", required=False) or "", file=item.file,
                                line=item.line("as_of") or 0, field_name=item.name("as_of"))


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
