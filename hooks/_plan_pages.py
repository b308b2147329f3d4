"""The pages of the plans themselves: one per plan document, one per target group, and the national overview
that leads to them.

A plan's page (`tinh-thanh/<unit>/<plan>/`, a national one `tong-quan/<plan>/`) holds the document in full:
its facts, objectives, targets by group with their progress (each target's one address, `Target.url`) and
its tasks. A group's page (`tong-quan/nhom/<group>/`) sets the group's targets of every unit side by side,
with the totals that agree. The overview leads with the nation and says each group and each national
document in a few lines. Pure functions of the content model; hooks/provinces.py adds the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import _urls
from _cards import Card
from _charts import Chart, Tally, progress_against_target, status_by_group, tally
from _content import Model
from _figures import Figure
from _map import MapView, unit_map
from _pages import PageView
from _plans import CATALOGUE_FILE, COMPARATORS, Catalogue, Group, Plan, Target
from _progress import Status, Total, totals
from _registry import Unit
from _unit_pages import NATIONAL, PlanSummary, data_links, display_name, moved_targets, summarise

NATIONAL_ISSUER = "Cả nước"


@dataclass
class PlanView(PageView):
    """One plan document's page."""

    template: ClassVar[str] = "nscl-plan.html"

    title: str
    plan: Plan
    issuer: Unit | None  # None: a national document
    issuer_name: str
    back: tuple[str, str]  # the page that lists the plan: (address, words)
    current: tuple[str, str] | None  # the current unit's page when the issuer was merged: (address, name)
    summary: PlanSummary
    status: dict[str, Status]
    catalogue: Catalogue
    charts: list[Chart]
    data: dict[str, str]

    def card(self, site: str, title: str) -> tuple[Card, str, int | None]:
        """The document's name and issuer, its targets met, its number of targets."""
        summary = self.summary
        meta = self.issuer_name + (f" · {summary.tally.met} chỉ tiêu đã đạt" if summary.tally.met else "")
        return (Card("Kế hoạch", title or self.title, meta, site, str(summary.tally.total), "chỉ tiêu có số"),
                self.plan.file, self.plan.line or None)


@dataclass
class GroupView(PageView):
    """One target group's page: its targets in every unit's plans, the totals that agree, the national ones."""

    template: ClassVar[str] = "nscl-group.html"

    title: str
    group: Group
    targets: list[Target]
    totals: list[Total]
    national: list[Target]
    tally: Tally
    status: dict[str, Status]
    issuers: dict[str, str]  # an issuing unit's slug -> its short name
    comparators: dict[str, str]

    def card(self, site: str, title: str) -> tuple[Card, str, int | None]:
        """The group's name, how many units set targets in it, its number of targets."""
        units = len({t.plan.unit_slug for t in self.targets if t.plan})
        meta = f"{units} tỉnh, thành phố" + (f" · {len(self.national)} chỉ tiêu quốc gia" if self.national else "")
        return Card("Nhóm chỉ tiêu", title, meta, site, str(len(self.targets)), "chỉ tiêu của các tỉnh"), \
            f"data/plans/{CATALOGUE_FILE}", None


@dataclass
class GroupBlock:
    """A target group in a few lines on the overview."""

    group: Group
    url: str
    targets: int
    units: int
    national: int
    tally: Tally


@dataclass
class OverviewView(PageView):
    """The /tong-quan/ page: the nation first, then each group and each national document in a few lines."""

    template: ClassVar[str] = "nscl-overview.html"

    title: str
    figures: list[Figure]
    charts: list[Chart]
    map: MapView | None
    groups: list[GroupBlock]
    national: list[PlanSummary]
    units: int  # units with a plan of their own
    targets: int  # provincial targets
    moved: dict[str, str]

    def card(self, site: str, title: str) -> tuple[Card, str, int | None]:
        """The number of provincial targets, the units with a plan and the national documents."""
        meta = f"{self.units} tỉnh, thành phố · {len(self.national)} văn bản quốc gia"
        return Card("Tổng quan", title, meta, site, str(self.targets), "chỉ tiêu của các tỉnh"), "data/plans", None


def plan_title(plan: Plan, issuer: str | None) -> str:
    """`Kế hoạch 573/KH-UBND của Tỉnh An Giang (cũ)`; a national document by its name alone."""
    return f"{plan.display_name} của {issuer}" if issuer else plan.display_name


def plan_views(m: Model) -> list[PlanView]:
    """The page of every plan document, provincial and national."""
    registry, data, status = m.registry, m.plans, m.status
    views = []
    for plan in [*data.plans, *data.national]:
        unit = registry[plan.unit_slug] if plan.unit_slug else None
        summary = summarise(plan, status)
        chart = progress_against_target(f"bieu-do-{plan.id}-tien-do", "Số liệu so với mức chỉ tiêu",
                                        summary.statuses)
        if unit is None:
            name, back, current = NATIONAL_ISSUER, (_urls.OVERVIEW, "Tổng quan chỉ tiêu"), None
            stem = NATIONAL
        else:
            name, back = display_name(unit, registry), (_urls.unit(unit.slug), unit.short_name)
            after = registry.current_of(unit.slug)
            current = (_urls.unit(after.slug), after.short_name) if after.slug != unit.slug else None
            stem = _urls.unit_data_stem(after.slug)
        views.append(PlanView(plan_title(plan, name if unit else None), plan, unit, name, back, current, summary,
                              {t.id: status[t.id] for t in plan.targets}, data.catalogue,
                              [chart] if chart else [], data_links(stem)))
    return views


def group_views(m: Model) -> list[GroupView]:
    """The page of every group that holds a target, provincial or national."""
    data, status, registry = m.plans, m.status, m.registry
    every, national = list(data.targets()), list(data.targets(national=True))
    agreed = totals(every)
    views = []
    for group in data.catalogue.groups.values():
        mine = [t for t in every if t.group.slug == group.slug]
        theirs = [t for t in national if t.group.slug == group.slug]
        if not mine and not theirs:
            continue
        mine.sort(key=lambda t: (t.period.start, t.plan.unit_slug if t.plan else ""))
        issuers = {t.plan.unit_slug: registry[t.plan.unit_slug].short_name for t in mine if t.plan and t.plan.unit_slug}
        views.append(GroupView(f"Nhóm chỉ tiêu: {group.name}", group, mine,
                               [x for x in agreed if x.group.slug == group.slug], theirs,
                               tally(status[t.id] for t in [*mine, *theirs]),
                               {t.id: status[t.id] for t in [*mine, *theirs]}, issuers, dict(COMPARATORS)))
    return views


def overview_view(m: Model, groups: list[GroupView], title: str) -> OverviewView:
    """Headline figures, the status chart and the map first; then a block per group and per national plan."""
    data, status = m.plans, m.status
    catalogue_groups = list(data.catalogue.groups.values())
    # One status chart: the national targets are said in a few lines each below, and charted on their pages.
    charts = [status_by_group("bieu-do-tinh-nhom", "Chỉ tiêu của các tỉnh, thành phố theo tình trạng",
                              data.targets(), status, catalogue_groups)]
    blocks = [GroupBlock(g.group, _urls.group(g.group.slug), len(g.targets), len(g.issuers), len(g.national),
                         g.tally) for g in groups]
    moved = moved_targets(data.national)  # the overview once held the national documents in full
    return OverviewView(title, m.figures, [c for c in charts if c], unit_map(m.grid, m.registry, m.planned), blocks,
                        [summarise(p, status) for p in data.national], len(m.plans.units),
                        sum(1 for _ in data.targets()), moved)
