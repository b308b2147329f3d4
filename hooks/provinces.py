"""Plans: province pages, the provinces index, the national overview and the open data, from data/plans/.

Loads the plans in `on_files` (after news and videos, so progress can count what they publish), then adds
generated pages: /tinh-thanh/ (index), /tinh-thanh/<unit>/ for every issuing unit and for every current
unit formed from one, /tong-quan/ and /du-lieu-mo/ with its CSV and JSON files. HTML lives in the
`nscl-*` templates of overrides/; this module only hands them typed data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from _charts import Chart, progress_against_target, status_by_group
from _figures import Figure
from _kept import kept
from _map import MapView, unit_map
from _open_data import OPEN_DATA_FIELDS, open_data_records, to_csv, to_json
from _pages import add_file, add_page
from _plans import COMPARATORS, Plan, PlanData, Target, format_number, with_unit
from _progress import Status, totals
from _registry import Unit
from _state import Article, Build, build
from _vn import fold, format_date

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from _videos import Video

PAGES_DIR = "tinh-thanh/"
PLANS_SOURCE = "data/plans"
OVERVIEW = "tong-quan/index.md"
OPEN_DATA = "du-lieu-mo/"
FEEDS_DIR = "nguon-tin/tinh/"
LICENSE_NAME = "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.vi"
NEWS_SHOWN = 10
VIDEOS_SHOWN = 8

T = TypeVar("T")

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
    face: UnitFace | None = None

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
    face: OverviewFace | None = None


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
    data, status = b.plans, b.plan_status
    if b.problems.errors and b.command != "serve":
        # The validation hook stops the build next; pages from half-valid data would only add noise.
        # The preview (serve) still shows them, with the problems in a banner.
        return files
    sections = _sections(data, b)
    articles, videos = _NamedIn(b.articles), _NamedIn(b.videos)
    for slug in sorted(_page_units(data, b)):
        view = _province_view(slug, data, sections, status, b, articles, videos)
        _add_page(files, config, b, f"{PAGES_DIR}{slug}.md", _title(b.registry[slug], b),
                  "nscl-province.html", _face_unit(view, data, b), edit=data.files.get(slug), in_nav=False)
    _add_page(files, config, b, f"{PAGES_DIR}index.md", "Các tỉnh, thành phố", "nscl-provinces.html",
              _face_index(_index_rows(data, sections, b), sections, b))
    _add_page(files, config, b, OVERVIEW, "Tổng quan chỉ tiêu các tỉnh và cả nước", "nscl-overview.html",
              _face_overview(_overview_view(data, sections, status), data, b))
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
    """Hand each generated page its view."""
    view = _views.get(page.file.src_uri)
    if view is not None:
        context["nscl"] = view
        context["nscl_catalogue"] = build().plans.catalogue
    return context


# ---------------------------------------------------------------------------------------------
# Pages


def _page_units(data: PlanData, b: Build) -> set[str]:
    """Every issuing unit, and every current unit that covers one; and the public face's units (below)."""
    units = set(data.units)
    units.update(b.registry.current_of(slug).slug for slug in data.units)
    return units | _face_units(b)


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


class _NamedIn(Generic[T]):
    """The published articles (or videos) that name each unit, in the build's order: one pass over the list,
    where each of 86 unit pages looked through every article."""

    def __init__(self, items: list[T]) -> None:
        self._items = items
        self._at: dict[str, list[int]] = {}
        for index, item in enumerate(items):
            for slug in set(item.provinces):  # type: ignore[attr-defined]
                self._at.setdefault(slug, []).append(index)

    def of(self, units: set[str]) -> list[T]:
        """Those that name any of `units`, each once, in the build's order."""
        return [self._items[i] for i in sorted({i for slug in units for i in self._at.get(slug, ())})]


def _province_view(slug: str, data: PlanData, sections: dict[str, UnitSection], status: dict[str, Status],
                   b: Build, named_articles: _NamedIn[Article], named_videos: _NamedIn[Video]) -> ProvinceView:
    """Everything the page of one unit shows."""
    unit = b.registry[slug]
    members = [_section(m.slug, sections, b) for m in b.registry.members(slug) if m.slug != slug]
    successor = b.registry.successor(slug)
    siblings = [_section(m.slug, sections, b) for m in b.registry.members(successor.slug)
                if m.slug != slug] if successor else []
    covered = {slug, *(m.unit.slug for m in members)}
    articles, videos = named_articles.of(covered), named_videos.of(covered)
    kinds = {k: v.name for k, v in b.kinds.items()}
    own = _section(slug, sections, b)
    after = _section(successor.slug, sections, b) if successor else None
    # The progress of the targets the page can show, and no other: a unit's page is redrawn in the preview
    # when these change, not when another unit's do.
    shown = [own, *members, *siblings, *([after] if after else [])]
    targets = [t for section in shown for plan in section.plans for t in plan.targets]
    targets += [t for plan in data.national for t in plan.targets]
    return ProvinceView(
        unit=unit, own=own, members=members, successor=after, siblings=siblings,
        status={t.id: status[t.id] for t in targets}, articles=articles[:NEWS_SHOWN], article_total=len(articles),
        videos=videos[:VIDEOS_SHOWN],
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
        # The preview builds again on every save: the files are written out again only when what they hold changed.
        csv_text, json_text = kept(("open data", stem), (records, label, site_url), b.problems, lambda: (
            to_csv(records), to_json(records, title=f"Chỉ tiêu và tiến độ: {label}", license_name=LICENSE_NAME,
                                     license_url=LICENSE_URL, schema_url=site_url.rstrip("/") + "/" + OPEN_DATA)))
        _add_file(files, config, b, csv_path, csv_text)
        _add_file(files, config, b, json_path, json_text)
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
    """A generated page whose body is its template, made from `edit` (a plan file) or from data/plans."""
    meta = {"title": title, "template": template, "hide": ["toc"]}
    if add_page(files, config, b, src_uri, meta, view=view, source=edit or PLANS_SOURCE, editable=edit is not None,
                in_nav=in_nav) is not None:
        _views[src_uri] = view


def _add_file(files: Files, config: MkDocsConfig, b: Build, src_uri: str, text: str) -> None:
    """A generated data file, UTF-8 without a byte-order mark."""
    add_file(files, config, b, src_uri, text.encode("utf-8"), source=PLANS_SOURCE)


# ---------------------------------------------------------------------------------------------
# The public face (issue 13): a page for every current unit, the tile map, charts, headline figures.
# Kept in one block so the hook's restructure can move it whole; the drawing is in _map.py and _charts.py.


@dataclass
class UnitFace:
    """What a unit page leads with: its figures and charts; without a plan, the national ones and how to add it."""

    has_plans: bool
    stats: list[tuple[str, str]]
    figures: list[Figure]
    charts: list[Chart]
    national: list[Plan]
    plan_files: list[tuple[str, str]]


@dataclass
class UnitRow:
    """A current unit in the list beside the map: its status in words and what its page holds."""

    unit: Unit
    url: str
    state: str
    state_label: str
    plans: int
    targets: int
    members: list[Unit]


@dataclass
class ProvincesView:
    """The /tinh-thanh/ page: the map, every current unit in a list, and the plans by issuing unit."""

    rows: list[IndexRow]
    map: MapView | None
    units: list[UnitRow]


@dataclass
class OverviewFace:
    """What the overview leads with: headline figures, charts, and links to each group below."""

    figures: list[Figure]
    charts: list[Chart]
    nav: list[tuple[str, str]]


def _face_units(b: Build) -> set[str]:
    """Every current unit, and every former unit that news or videos name (it keeps a page to its successor)."""
    named = {p for a in b.articles for p in a.provinces}
    named |= {p for v in b.videos for p in v.provinces}
    return {u.slug for u in b.registry.current()} | {s for s in named if s in b.registry}


def _face_unit(view: ProvinceView, data: PlanData, b: Build) -> ProvinceView:
    """Add to a unit page its lead figures and charts, or, without a plan, the national targets."""
    slug, status = view.unit.slug, view.status
    groups = list(data.catalogue.groups.values())
    plans = [*view.own.plans, *(p for m in view.members for p in m.plans)]
    targets = [t for p in plans for t in p.targets]
    files = [(view.unit.short_name, f"data/plans/{slug}.yml")]
    files += [(m.unit.short_name, f"data/plans/{m.unit.slug}.yml") for m in view.members]
    if plans:
        met = sum(1 for t in targets if status[t.id].state in ("met", "in-range", "over"))
        stats = [(str(len(plans)), "văn bản kế hoạch"), (str(len(targets)), "chỉ tiêu có số"),
                 (str(met), "chỉ tiêu đã đạt"), (str(view.article_total), "tin bài")]
        charts = [status_by_group(f"bieu-do-{slug}-nhom", f"Chỉ tiêu của {view.unit.short_name} theo tình trạng",
                                  targets, status, groups),
                  progress_against_target(f"bieu-do-{slug}-tien-do", "Số liệu so với mức chỉ tiêu",
                                          (status[t.id] for t in targets))]
        figures: list[Figure] = []
    else:
        stats = [(str(view.article_total), "tin bài"), (str(view.video_total), "video")]
        national = [t for t in data.targets(national=True)]
        charts = [status_by_group(f"bieu-do-{slug}-quoc-gia", "Chỉ tiêu quốc gia theo tình trạng", national, status,
                                  groups),
                  progress_against_target(f"bieu-do-{slug}-quoc-gia-tien-do", "Chỉ tiêu quốc gia: số liệu so với mức",
                                          (status[t.id] for t in national))]
        figures = b.figures
    view.face = UnitFace(bool(plans), stats, figures, [c for c in charts if c], data.national, files)
    return view


def _face_index(rows: list[IndexRow], sections: dict[str, UnitSection], b: Build) -> ProvincesView:
    """The map and the list of every current unit, in Vietnamese alphabetical order."""
    units = []
    for unit in sorted(b.registry.current(), key=lambda u: (fold(u.short_name), u.slug)):
        members = [m for m in b.registry.members(unit.slug) if m.slug != unit.slug]
        covered = [sections[s] for s in (unit.slug, *(m.slug for m in members)) if s in sections]
        state = "plan" if unit.slug in b.planned else "none"
        units.append(UnitRow(unit, f"{PAGES_DIR}{unit.slug}/", state,
                             "Có kế hoạch" if state == "plan" else "Chưa có kế hoạch trong dữ liệu",
                             sum(len(s.plans) for s in covered), sum(s.target_count for s in covered), members))
    return ProvincesView(rows, unit_map(b), units)


def _face_overview(view: OverviewView, data: PlanData, b: Build) -> OverviewView:
    """Lead the overview with the headline figures and charts, and a link to each group."""
    groups = list(data.catalogue.groups.values())
    national = list(data.targets(national=True))
    charts = [status_by_group("bieu-do-tinh-nhom", "Chỉ tiêu của các tỉnh, thành phố theo tình trạng",
                              data.targets(), view.status, groups),
              status_by_group("bieu-do-quoc-gia-nhom", "Chỉ tiêu quốc gia theo tình trạng", national, view.status,
                              groups),
              progress_against_target("bieu-do-quoc-gia-tien-do", "Chỉ tiêu quốc gia: số liệu so với mức",
                                      (view.status[t.id] for t in national))]
    view.face = OverviewFace(b.figures, [c for c in charts if c],
                             [(f"nhom-{g.slug}", g.name) for g in view.groups])
    return view
