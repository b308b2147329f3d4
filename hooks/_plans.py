"""Plans and their targets (data/plans/*.yml): the typed model, and how a target is worded.

Loading and checking the files is hooks/_plan_loader.py; progress and totals hooks/_progress.py; the open
data files hooks/_open_data.py.

One YAML file per issuing unit (`data/plans/<unit>.yml`), plus `_danh-muc.yml` (groups, units of
measure, qualifiers) and `_quoc-gia.yml` (the national targets shown on the overview). Everything an
editor can get wrong is recorded as a Problem naming file, line and field; nothing here raises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import MappingProxyType

import _urls
from _vn import format_date

CATALOGUE_FILE = "_danh-muc.yml"
NATIONAL_FILE = "_quoc-gia.yml"

COMPARATORS = MappingProxyType({"eq": "đúng bằng", "min": "tối thiểu", "range": "trong khoảng",
                                "pct": "tỷ lệ phần trăm"})
# Which source wordings fit which comparator ("trên 500" is a minimum, "khoảng 600" an exact figure).
QUALIFIERS_FOR = MappingProxyType({
    "eq": frozenset({"khoang", "phan-dau"}), "pct": frozenset({"khoang", "phan-dau"}),
    "range": frozenset({"khoang", "phan-dau"}), "min": frozenset({"it-nhat", "toi-thieu", "tren", "tro-len"})})
DOC_KINDS = MappingProxyType({"ke-hoach": "Kế hoạch", "quyet-dinh": "Quyết định", "de-an": "Đề án",
                              "chuong-trinh": "Chương trình"})
URL_SCOPES = MappingProxyType({"page": "trang của bài/văn bản", "website": "trang chủ nơi đăng"})
COUNT_CONTENT = MappingProxyType({"videos": "video", "news": "tin bài"})



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
    # Where its date is written, for the checks made against the build day (not part of what it says).
    file: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)
    field_name: str = field(default="", compare=False)


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

    @property
    def url(self) -> str:
        """The target's one address: its place on its plan's page (hooks/_urls.py)."""
        plan = self.plan
        return _urls.target(plan.unit_slug if plan else None, plan.id if plan else "", self.id)


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
    def url(self) -> str:
        """The document's page: its facts, objectives, tasks and every target with its progress."""
        return _urls.plan(self.unit_slug, self.id)

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
