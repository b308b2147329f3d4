"""The unit pages' views: one page per unit, the provinces index with the tile map and the open data page, from
the plans and their progress (a plan's, a group's and the overview's pages: hooks/_plan_pages.py).

Pure functions of the content model (hooks/_content.py); hooks/provinces.py adds the pages and data files.
The counts a page and its card show (`UnitCounts`), a plan in a few lines (`PlanSummary`) and a unit's names
(`unit_title`, `display_name`) are defined here once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

import _urls
from _articles import Article
from _cards import Card
from _charts import Chart, Tally, status_by_group, tally
from _content import Model
from _map import MapView, unit_map
from _open_data import OPEN_DATA_FIELDS
from _pages import PageView
from _plans import COMPARATORS, Catalogue, Plan, PlanData
from _progress import Status
from _registry import Registry, Unit
from _videos import Video
from _vn import fold, format_date

LICENSE_NAME = "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.vi"
NEWS_SHOWN = 10
VIDEOS_SHOWN = 8
NATIONAL = "quoc-gia"
ALL = "chi-tieu"

T = TypeVar("T")


def display_name(unit: Unit, registry: Registry) -> str:
    """The official name, with `(cũ)` when a later unit took the same name: `Tỉnh An Giang (cũ)`."""
    twins = any(u.name == unit.name and u.slug != unit.slug for u in registry.units.values())
    return f"{unit.name} (cũ)" if twins and unit.until is not None else unit.name


def unit_title(unit: Unit, registry: Registry) -> str:
    """A unit page's title; a name two units share gets the dates that tell them apart."""
    twins = [u for u in registry.units.values() if u.name == unit.name and u.slug != unit.slug]
    if unit.until is not None:
        return f"{unit.name} (đến {format_date(unit.until)})" if twins or unit.merged_into else unit.name
    if twins and unit.start is not None:
        return f"{unit.name} (từ {format_date(unit.start)})"
    return unit.name


@dataclass
class UnitSection:
    """A unit with the plans it issued, and its page (None when it has none)."""

    unit: Unit
    plans: list[Plan]
    url: str | None

    @property
    def target_count(self) -> int:
        """How many targets its plans hold."""
        return sum(len(p.targets) for p in self.plans)


@dataclass(frozen=True)
class UnitCounts:
    """What a unit page and its card count, once: plans and targets (the unit's own and its members'), targets
    met (`Status.met`), published news and videos about it."""

    plans: int
    targets: int
    met: int
    articles: int
    videos: int


def data_links(stem: str) -> dict[str, str]:
    """The open data files of `stem` and the page that explains them, as a page links to them."""
    return {"csv": _urls.open_data(stem, "csv"), "json": _urls.open_data(stem, "json"), "page": _urls.OPEN_DATA}


@dataclass
class PlanSummary:
    """A plan document in a few lines, where a page lists it: its targets and how they stand, one row each."""

    plan: Plan
    tally: Tally
    statuses: list[Status]  # its targets' statuses, in file order


def summarise(plan: Plan, statuses: dict[str, Status]) -> PlanSummary:
    """The summary of `plan`, from the build's statuses."""
    mine = [statuses[t.id] for t in plan.targets]
    return PlanSummary(plan, tally(mine), mine)


@dataclass
class UnitView(PageView):
    """One /tinh-thanh/<unit>/ page: the unit first (its status at a glance, its plans in a few lines each), then
    the national targets in one paragraph, its news, videos, feeds and history."""

    template: ClassVar[str] = "nscl-province.html"

    title: str
    unit: Unit
    own: list[PlanSummary]
    members: list[UnitSection]  # the units merged into it, each with its plans in a few lines (by slug)
    member_plans: dict[str, list[PlanSummary]]
    successor: UnitSection | None
    siblings: list[UnitSection]
    counts: UnitCounts
    articles: list[Article]
    videos: list[Video]
    video_kinds: dict[str, str]
    merger_date: dt.date
    merger_decision: str
    source_file: str | None
    stats: list[tuple[str, str]]
    charts: list[Chart]
    national: list[PlanSummary]
    # Where the anchors this page once had now lead (a target's id -> its plan page), for old links.
    moved: dict[str, str]
    # Under the preview only: which files an editor fills to give the unit a plan (the public page says none).
    plan_files: list[tuple[str, str]] | None

    @property
    def has_plans(self) -> bool:
        """Whether the unit or a unit merged into it has a plan in the data."""
        return self.counts.plans > 0

    @property
    def feeds(self) -> dict[str, str]:
        """The unit's feed in each format."""
        key = _urls.unit_feed(self.unit.slug)
        return {"rss": _urls.feed(key, "rss"), "atom": _urls.feed(key, "atom")}

    @property
    def data(self) -> dict[str, str]:
        """The unit's open data files and the page that explains them."""
        return data_links(_urls.unit_data_stem(self.unit.slug))

    def card(self, site: str, title: str) -> tuple[Card, str, int | None]:
        """The unit's name, its documents and targets met, its number of targets."""
        counts = self.counts
        meta = f"{counts.plans} văn bản kế hoạch" + (f" · {counts.met} chỉ tiêu đã đạt" if counts.met else "")
        return (Card("Tỉnh, thành phố", title or self.title, meta, site, str(counts.targets), "chỉ tiêu có số"),
                self.source_file or "data/provinces.yml", None)


@dataclass
class IndexRow:
    """A current unit on the provinces index, with the issuing units it covers."""

    unit: Unit
    url: str | None
    sections: list[UnitSection]


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
class ProvincesView(PageView):
    """The /tinh-thanh/ page: the map, every current unit in a list, and the plans by issuing unit."""

    template: ClassVar[str] = "nscl-provinces.html"

    rows: list[IndexRow]
    map: MapView | None
    units: list[UnitRow]


@dataclass
class DataFile:
    """One downloadable pair of files on the open-data page, and the plans it holds."""

    label: str
    stem: str
    plans: list[Plan]
    rows: int = 0

    @property
    def csv(self) -> str:
        """The CSV file's address."""
        return _urls.open_data(self.stem, "csv")

    @property
    def json(self) -> str:
        """The JSON file's address."""
        return _urls.open_data(self.stem, "json")


@dataclass
class OpenDataView(PageView):
    """The /du-lieu-mo/ page."""

    template: ClassVar[str] = "nscl-open-data.html"

    files: list[DataFile]
    fields: tuple[tuple[str, str, str], ...]
    comparators: dict[str, str]
    license_name: str
    license_url: str
    rows: int
    targets: int


class _NamedIn(Generic[T]):
    """The published articles (or videos) that name each unit, in the build's order: one pass over the list,
    where each of 86 unit pages looked through every article."""

    def __init__(self, items: Sequence[T]) -> None:
        self._items = items
        self._at: dict[str, list[int]] = {}
        for index, item in enumerate(items):
            for slug in set(item.provinces):  # type: ignore[attr-defined]
                self._at.setdefault(slug, []).append(index)

    def of(self, units: set[str]) -> list[T]:
        """Those that name any of `units`, each once, in the build's order."""
        return [self._items[i] for i in sorted({i for slug in units for i in self._at.get(slug, ())})]


def sections(m: Model) -> dict[str, UnitSection]:
    """A section for every unit with a page, with the plans it issued itself, by slug."""
    data = m.plans or PlanData(Catalogue({}, {}, {}))
    return {slug: UnitSection(m.registry[slug], data.by_unit(slug), _urls.unit(slug)) for slug in sorted(m.unit_pages)}


def _section(slug: str, found: dict[str, UnitSection], registry: Registry) -> UnitSection:
    """The unit's section, or one without a page or plans."""
    return found.get(slug) or UnitSection(registry[slug], [], None)


def unit_views(m: Model, found: dict[str, UnitSection], *, preview: bool = False) -> list[UnitView]:
    """Every unit page's view, by unit slug; `preview`: with the editor's hints."""
    articles, videos = _NamedIn(m.articles), _NamedIn(m.videos)
    national = [summarise(p, m.status) for p in m.plans.national]
    moved = moved_targets(m.plans.national)
    return [_unit_view(slug, m, found, articles, videos, national, moved, preview) for slug in sorted(m.unit_pages)]


def moved_targets(plans: Sequence[Plan]) -> dict[str, str]:
    """The anchors a page showing `plans` in full once had, and where they lead now: each target to its row on
    its plan's page, each plan's title and group headings to the same place there."""
    moved = {}
    for plan in plans:
        moved[f"{plan.id}-title"] = plan.url
        moved.update((f"{plan.id}-{t.group.slug}", f"{plan.url}#{plan.id}-{t.group.slug}") for t in plan.targets)
        moved.update((t.id, t.url) for t in plan.targets)
    return moved


def _unit_view(slug: str, m: Model, found: dict[str, UnitSection], named_articles: _NamedIn[Article],
               named_videos: _NamedIn[Video], national: list[PlanSummary], national_moved: dict[str, str],
               preview: bool) -> UnitView:
    """Everything the page of one unit shows."""
    registry, data, status = m.registry, m.plans, m.status
    unit = registry[slug]
    members = [_section(u.slug, found, registry) for u in registry.members(slug) if u.slug != slug]
    successor = registry.successor(slug)
    siblings = [_section(u.slug, found, registry) for u in registry.members(successor.slug)
                if u.slug != slug] if successor else []
    covered = {slug, *(s.unit.slug for s in members)}
    articles, videos = named_articles.of(covered), named_videos.of(covered)
    own = _section(slug, found, registry)
    after = _section(successor.slug, found, registry) if successor else None
    plans = [*own.plans, *(p for s in members for p in s.plans)]
    mine = [t for p in plans for t in p.targets]
    counts = UnitCounts(len(plans), len(mine), sum(1 for t in mine if status[t.id].met), len(articles), len(videos))
    if plans:
        stats = [(str(counts.plans), "văn bản kế hoạch"), (str(counts.targets), "chỉ tiêu có số"),
                 (str(counts.met), "chỉ tiêu đã đạt"), (str(counts.articles), "tin bài")]
        chart = status_by_group(f"bieu-do-{slug}-nhom", f"Chỉ tiêu của {unit.short_name} theo tình trạng",
                                mine, status, data.catalogue.groups.values())
    else:
        stats, chart = [(str(counts.articles), "tin bài"), (str(counts.videos), "video")], None
    files = None
    if preview and not plans:
        files = [(unit.short_name, f"data/plans/{slug}.yml")]
        files += [(s.unit.short_name, f"data/plans/{s.unit.slug}.yml") for s in members]
    moved = {**(national_moved if not plans else {}), **moved_targets(plans)}
    for target in (t for p in own.plans for t in p.targets):
        moved.pop(target.id)  # the page keeps a row for each target of its own plans; its members' have theirs
    return UnitView(
        title=unit_title(unit, registry), unit=unit, own=[summarise(p, status) for p in own.plans],
        members=members, member_plans={s.unit.slug: [summarise(p, status) for p in s.plans] for s in members},
        successor=after,
        siblings=siblings, counts=counts, articles=articles[:NEWS_SHOWN], videos=videos[:VIDEOS_SHOWN],
        video_kinds={k: v.name for k, v in m.kinds.items()}, merger_date=registry.merger_date,
        merger_decision=registry.merger_decision, source_file=data.files.get(slug), stats=stats,
        charts=[chart] if chart else [], national=national, moved=moved, plan_files=files)


def provinces_view(m: Model, found: dict[str, UnitSection]) -> ProvincesView:
    """The map and the list of every current unit in Vietnamese alphabetical order, and the plans by issuer."""
    registry = m.registry
    rows: dict[str, IndexRow] = {}
    for slug in m.plans.units:
        current = registry.current_of(slug)
        row = rows.setdefault(current.slug, IndexRow(current, _urls.unit(current.slug), []))
        row.sections.append(found[slug])
    for row in rows.values():
        row.sections.sort(key=lambda s: s.unit.short_name)
    units = []
    for unit in sorted(registry.current(), key=lambda u: (fold(u.short_name), u.slug)):
        members = [u for u in registry.members(unit.slug) if u.slug != unit.slug]
        covered = [found[s] for s in (unit.slug, *(u.slug for u in members)) if s in found]
        state = "plan" if unit.slug in m.planned else "none"
        units.append(UnitRow(unit, _urls.unit(unit.slug), state,
                             "Có kế hoạch" if state == "plan" else "Chưa có kế hoạch trong dữ liệu",
                             sum(len(s.plans) for s in covered), sum(s.target_count for s in covered), members))
    return ProvincesView(sorted(rows.values(), key=lambda r: r.unit.short_name), unit_map(m.grid, registry, m.planned),
                         units)


def data_files(m: Model, found: dict[str, UnitSection]) -> list[DataFile]:
    """The open data files: everything, the national targets, and each unit with plans (its own and its
    members')."""
    data, registry = m.plans, m.registry
    files = [DataFile("tất cả (các tỉnh, thành phố và cả nước)", ALL, [*data.plans, *data.national]),
             DataFile("chỉ tiêu quốc gia", NATIONAL, list(data.national))]
    for slug, section in found.items():
        plans = [p for p in data.plans if p.unit_slug == slug or registry.current_of(p.unit_slug).slug == slug]
        if plans:
            files.append(DataFile(unit_title(section.unit, registry), _urls.unit_data_stem(slug), plans))
    return files


def open_data_view(m: Model, files: list[DataFile]) -> OpenDataView:
    """The open data page: the files, their fields, the licence."""
    every = [*m.plans.plans, *m.plans.national]
    return OpenDataView(files, OPEN_DATA_FIELDS, COMPARATORS, LICENSE_NAME, LICENSE_URL, rows=files[0].rows,
                        targets=sum(len(p.targets) for p in every))

