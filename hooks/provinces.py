"""Plans: province pages, the provinces index, the national overview and the open data, from data/plans/.

Loads the plans in `on_files` (after news and videos, so progress can count what they publish), then adds
generated pages: /tinh-thanh/ (index), /tinh-thanh/<unit>/ for every issuing unit and for every current
unit formed from one, /tong-quan/ and /du-lieu-mo/ with its CSV and JSON files. HTML lives in the
`nscl-*` templates of overrides/; this module only hands them typed data.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, InclusionLevel

from _plans import (
    COMPARATORS,
    OPEN_DATA_FIELDS,
    Counted,
    Plan,
    PlanData,
    Status,
    Target,
    count_items,
    evaluate,
    format_number,
    load_plans,
    open_data_records,
    to_csv,
    to_json,
    totals,
    with_unit,
)
from _registry import Unit
from _state import Build, build
from _validate import dump_front_matter
from _videos import check_counts_toward, count_videos
from _vn import format_date

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

PAGES_DIR = "tinh-thanh/"
OVERVIEW = "tong-quan/index.md"
OPEN_DATA = "du-lieu-mo/"
FEEDS_DIR = "nguon-tin/tinh/"
LICENSE_NAME = "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.vi"
NEWS_SHOWN = 10
VIDEOS_SHOWN = 8

# What each generated page shows, by source path; filled in on_files, emptied in on_config.
_views: dict[str, Any] = {}


# ---------------------------------------------------------------------------------------------
# Views handed to the templates


@dataclass
class UnitSection:
    """A unit with the plans it issued, and whether it has its own page."""

    unit: Unit
    plans: list[Plan]
    url: str | None

    @property
    def target_count(self) -> int:
        """How many targets its plans hold."""
        return sum(len(p.targets) for p in self.plans)


@dataclass
class ProvinceView:
    """One /tinh-thanh/<unit>/ page."""

    unit: Unit
    own: UnitSection
    members: list[UnitSection]
    successor: UnitSection | None
    siblings: list[UnitSection]
    status: dict[str, Status]
    articles: list[Any]
    article_total: int
    videos: list[Any]
    video_total: int
    video_kinds: dict[str, str]
    feeds: dict[str, str]
    data: dict[str, str]
    merger_date: dt.date
    merger_decision: str
    source_file: str | None

    @property
    def plan_count(self) -> int:
        """Documents on the page, the unit's own and its members'."""
        return len(self.own.plans) + sum(len(m.plans) for m in self.members)

    @property
    def target_count(self) -> int:
        """Targets on the page."""
        return self.own.target_count + sum(m.target_count for m in self.members)


@dataclass
class IndexRow:
    """A current unit on the provinces index, with the issuing units it covers."""

    unit: Unit
    url: str | None
    sections: list[UnitSection]


@dataclass
class GroupRows:
    """One target group of the overview: every provincial target in it, and the totals that agree."""

    name: str
    slug: str
    targets: list[Target]
    totals: list[Any]


@dataclass
class OverviewView:
    """The /tong-quan/ page."""

    groups: list[GroupRows]
    national: list[Plan]
    status: dict[str, Status]
    units: dict[str, UnitSection]
    comparators: dict[str, str]


@dataclass
class DataFile:
    """One downloadable pair of files on the open-data page."""

    label: str
    csv: str
    json: str
    rows: int


@dataclass
class OpenDataView:
    """The /du-lieu-mo/ page."""

    files: list[DataFile]
    fields: tuple[tuple[str, str, str], ...]
    comparators: dict[str, str]
    license_name: str
    license_url: str
    rows: int
    targets: int
    extra: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Events


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Forget the previous build's pages (hooks are not reloaded by `mkdocs serve`)."""
    _views.clear()
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Load the plans, work out progress, and add the province, overview and open-data pages and files."""
    b = build()
    data = load_plans(b.root / "data" / "plans", "data/plans", b.registry, b.topics, b.problems)
    b.extra["plans"] = data
    # Every valid video, drafts and scheduled ones included: a wrong `counts_toward` is caught before it publishes.
    videos = b.extra.get("videos_all", b.extra.get("videos"))
    if videos is not None:
        periods = {t.id: (t.period.start, t.period.end) for t in (*data.targets(), *data.targets(national=True))}
        check_counts_toward(videos, periods, b.problems)
    _check_count_kinds(data, b)
    status = {t.id: evaluate(t, b.day, lambda t: _count(t, b)) for t in data.targets()}
    status.update({t.id: evaluate(t, b.day) for t in data.targets(national=True)})
    b.extra["plan_status"] = status
    if b.problems.errors and b.command != "serve":
        # The validation hook stops the build next; pages from half-valid data would only add noise.
        # The preview (serve) still shows them, with the problems in a banner.
        return files
    sections = _sections(data, b)
    for slug in sorted(_page_units(data, b)):
        _add_page(files, config, b, f"{PAGES_DIR}{slug}.md", _title(b.registry[slug], b),
                  "nscl-province.html", _province_view(slug, data, sections, status, b),
                  edit=data.files.get(slug), in_nav=False)
    _add_page(files, config, b, f"{PAGES_DIR}index.md", "Kế hoạch của các tỉnh, thành phố", "nscl-provinces.html",
              _index_rows(data, sections, b))
    _add_page(files, config, b, OVERVIEW, "Tổng quan chỉ tiêu các tỉnh và cả nước", "nscl-overview.html",
              _overview_view(data, sections, status))
    _add_page(files, config, b, f"{OPEN_DATA}index.md", "Dữ liệu mở: chỉ tiêu và tiến độ", "nscl-open-data.html",
              _open_data(files, config, data, status, sections, b))
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Filters the plan templates use: Vietnamese numbers and amounts with their unit."""
    env.filters["vn_number"] = format_number
    env.filters["nscl_amount"] = with_unit
    env.filters["nscl_unit_name"] = lambda unit: _unit_name(unit, build())
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Hand each generated page its view; give the home page the national picture."""
    view = _views.get(page.file.src_uri)
    if view is not None:
        context["nscl"] = view
        context["nscl_catalogue"] = build().extra["plans"].catalogue
    elif page.file.src_uri == "index.md":
        b = build()
        data = b.extra.get("plans")
        if isinstance(data, PlanData):
            context["nscl_national"] = {"plans": data.national, "status": b.extra.get("plan_status", {}),
                                        "units": len(data.units),
                                        "targets": sum(1 for _ in data.targets())}
    return context


# ---------------------------------------------------------------------------------------------
# Progress counted from published content


def _count(target: Target, b: Build) -> Counted | None:
    """Published videos or news of the target's unit within its period; None when the catalogue is absent."""
    rule, plan = target.count, target.plan
    if rule is None or plan is None or plan.unit_slug is None:
        return None
    last = min(target.period.end, b.day)
    units = {plan.unit_slug}
    unit = b.registry[plan.unit_slug]
    if rule.content == "videos":
        videos = b.extra.get("videos")
        if videos is None:
            return None
        value = count_videos(videos, kind=rule.kind, units=units, start=target.period.start, end=last,
                             target=target.id)
        kinds = b.extra.get("video_kinds") or {}
        kind = getattr(kinds.get(rule.kind), "name", "Video") if rule.kind else "Video"
        where = f"video/tinh/{plan.unit_slug}/"
        name = f"{kind} về {unit.short_name}"
    else:
        value = count_items(b.articles, rule, units, target.period, b.day, "topics")
        topic = b.topics[rule.topic].name if rule.topic in b.topics else ""
        where = f"{PAGES_DIR}{plan.unit_slug}/#tin-tuc"
        name = f"Tin bài về {unit.short_name}" + (f", chủ đề {topic}" if topic else "")
    return Counted(value, last, name, where)


def _check_count_kinds(data: PlanData, b: Build) -> None:
    """A count rule's video kind must be one of data/video-kinds.yml (when the video catalogue is loaded)."""
    kinds = b.extra.get("video_kinds")
    if not kinds:
        return
    for target in data.targets():
        rule = target.count
        if rule and rule.content == "videos" and rule.kind and rule.kind not in kinds:
            listed = ", ".join(f"'{k}'" for k in sorted(kinds))
            expected = f"một loại video có trong data/video-kinds.yml: {listed}"
            b.problems.error(rule.file, rule.line, rule.field, expected, f"'{rule.kind}'")


# ---------------------------------------------------------------------------------------------
# Pages


def _page_units(data: PlanData, b: Build) -> set[str]:
    """Every issuing unit, and every current unit that covers one."""
    units = set(data.units)
    units.update(b.registry.current_of(slug).slug for slug in data.units)
    return units


def _sections(data: PlanData, b: Build) -> dict[str, UnitSection]:
    """A section for every unit that has a page, with the plans it issued itself."""
    pages = _page_units(data, b)
    return {slug: UnitSection(b.registry[slug], data.by_unit(slug), f"{PAGES_DIR}{slug}/")
            for slug in sorted(pages)}


def _section(slug: str, sections: dict[str, UnitSection], b: Build) -> UnitSection:
    """The unit's section, or one without a page or plans."""
    return sections.get(slug) or UnitSection(b.registry[slug], [], None)


def _unit_name(unit: Unit, b: Build) -> str:
    """The official name, with `(cũ)` when a later unit took the same name: `Tỉnh An Giang (cũ)`."""
    twins = any(u.name == unit.name and u.slug != unit.slug for u in b.registry.units.values())
    return f"{unit.name} (cũ)" if twins and unit.until is not None else unit.name


def _title(unit: Unit, b: Build) -> str:
    """The page title; a name two units share gets the dates that tell them apart."""
    twins = [u for u in b.registry.units.values() if u.name == unit.name and u.slug != unit.slug]
    if unit.until is not None:
        return f"{unit.name} (đến {format_date(unit.until)})" if twins or unit.merged_into else unit.name
    if twins and unit.start is not None:
        return f"{unit.name} (từ {format_date(unit.start)})"
    return unit.name


def _province_view(slug: str, data: PlanData, sections: dict[str, UnitSection], status: dict[str, Status],
                   b: Build) -> ProvinceView:
    """Everything the page of one unit shows."""
    unit = b.registry[slug]
    members = [_section(m.slug, sections, b) for m in b.registry.members(slug) if m.slug != slug]
    successor = b.registry.successor(slug)
    siblings = [_section(m.slug, sections, b) for m in b.registry.members(successor.slug)
                if m.slug != slug] if successor else []
    covered = {slug, *(m.unit.slug for m in members)}
    articles = [a for a in b.articles if covered.intersection(a.provinces)]
    videos = [v for v in (b.extra.get("videos") or []) if covered.intersection(getattr(v, "provinces", ()))]
    kinds = {k: getattr(v, "name", str(v)) for k, v in (b.extra.get("video_kinds") or {}).items()}
    return ProvinceView(
        unit=unit, own=_section(slug, sections, b), members=members,
        successor=_section(successor.slug, sections, b) if successor else None, siblings=siblings,
        status=status, articles=articles[:NEWS_SHOWN], article_total=len(articles), videos=videos[:VIDEOS_SHOWN],
        video_total=len(videos), video_kinds=kinds,
        feeds={"rss": f"{FEEDS_DIR}{slug}.xml", "atom": f"{FEEDS_DIR}{slug}.atom"},
        data={"csv": f"{OPEN_DATA}tinh/{slug}.csv", "json": f"{OPEN_DATA}tinh/{slug}.json",
              "page": OPEN_DATA},
        merger_date=b.registry.merger_date, merger_decision=b.registry.merger_decision,
        source_file=data.files.get(slug))


def _index_rows(data: PlanData, sections: dict[str, UnitSection], b: Build) -> list[IndexRow]:
    """The current units that cover an issuing unit, each with its issuing units, by name."""
    rows: dict[str, IndexRow] = {}
    for slug in data.units:
        current = b.registry.current_of(slug)
        row = rows.setdefault(current.slug, IndexRow(current, f"{PAGES_DIR}{current.slug}/", []))
        row.sections.append(sections[slug])
    for row in rows.values():
        row.sections.sort(key=lambda s: s.unit.short_name)
    return sorted(rows.values(), key=lambda r: r.unit.short_name)


def _overview_view(data: PlanData, sections: dict[str, UnitSection], status: dict[str, Status]) -> OverviewView:
    """Provincial targets side by side by group, the totals that agree, and the national targets."""
    groups = []
    every = list(data.targets())
    for group in data.catalogue.groups.values():
        members = [t for t in every if t.group.slug == group.slug]
        if members:
            members.sort(key=lambda t: (t.period.start, t.unit.slug, t.plan.unit_slug if t.plan else ""))
            groups.append(GroupRows(group.name, group.slug, members,
                                    [x for x in totals(every) if x.group.slug == group.slug]))
    return OverviewView(groups, data.national, status, sections, COMPARATORS)


def _open_data(files: Files, config: MkDocsConfig, data: PlanData, status: dict[str, Status],
               sections: dict[str, UnitSection], b: Build) -> OpenDataView:
    """Write the CSV and JSON files (all, national, per unit) and describe them for the page."""
    site_url = config.site_url or ""
    every = [*data.plans, *data.national]
    published: list[DataFile] = []

    def add(label: str, stem: str, plans: list[Plan]) -> None:
        records = open_data_records(plans, status, b.registry, site_url)
        csv_path, json_path = f"{OPEN_DATA}{stem}.csv", f"{OPEN_DATA}{stem}.json"
        _add_file(files, config, b, csv_path, to_csv(records))
        _add_file(files, config, b, json_path, to_json(records, title=f"Chỉ tiêu và tiến độ: {label}",
                                                       license_name=LICENSE_NAME, license_url=LICENSE_URL,
                                                       schema_url=site_url.rstrip("/") + "/" + OPEN_DATA))
        published.append(DataFile(label, csv_path, json_path, len(records)))

    add("tất cả (các tỉnh, thành phố và cả nước)", "chi-tieu", every)
    add("chỉ tiêu quốc gia", "quoc-gia", data.national)
    for slug, section in sections.items():
        plans = [p for p in data.plans if p.unit_slug == slug or b.registry.current_of(p.unit_slug).slug == slug]
        if plans:
            add(_title(section.unit, b), f"tinh/{slug}", plans)
    return OpenDataView(published, OPEN_DATA_FIELDS, COMPARATORS, LICENSE_NAME, LICENSE_URL,
                        rows=published[0].rows, targets=sum(len(p.targets) for p in every))


def _add_page(files: Files, config: MkDocsConfig, b: Build, src_uri: str, title: str, template: str, view: Any,
              *, edit: str | None = None, in_nav: bool = True) -> None:
    """A generated Markdown page whose body is its template; a clash with a real page is an error."""
    if files.get_file_from_path(src_uri) is not None:
        b.problems.error(f"{b.docs_rel}/{src_uri}", None, "",
                         "không trùng với trang sinh tự động từ data/plans (xóa hoặc đổi tên tệp này)", "tệp có sẵn")
        return
    meta = {"title": title, "template": template, "hide": ["toc"]}
    content = dump_front_matter(meta)
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, src_uri, content=content, inclusion=inclusion)
    if edit:
        # The edit button opens the YAML the page is made from (edit_uri points into docs_dir).
        file.edit_uri = os.path.relpath(b.root / edit, Path(config.docs_dir)).replace(os.sep, "/")
    files.append(file)
    _views[src_uri] = view


def _add_file(files: Files, config: MkDocsConfig, b: Build, src_uri: str, text: str) -> None:
    """A generated data file, UTF-8 without a byte-order mark."""
    if files.get_file_from_path(src_uri) is not None:
        b.problems.error(f"{b.docs_rel}/{src_uri}", None, "",
                         "không trùng với tệp dữ liệu mở sinh tự động (xóa hoặc đổi tên tệp này)", "tệp có sẵn")
        return
    files.append(File.generated(config, src_uri, content=text.encode("utf-8")))
