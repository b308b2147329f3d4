"""Progress of a target (reported, or counted from published content), and totals across units.

The rules every page, chart, card and data file reads, defined once: where a target stands (`evaluate`),
whether that counts as met (`Status.met`), and how published content is counted (`count_videos`,
`count_items`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from _plans import CountRule, Group, Link, Measure, Period, ProgressEntry, Target, format_number, with_unit

if TYPE_CHECKING:
    from _videos import Video

# The states in which a target counts as met: at or above its level, inside its range, or above the range.
MET_STATES = frozenset({"met", "in-range", "over"})

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

    @property
    def met(self) -> bool:
        """Whether the target counts as met (`MET_STATES`): the one rule for pages, charts, cards and data."""
        return self.state in MET_STATES

    @property
    def bucket(self) -> str:
        """Where the target stands, as summaries, rows and charts count it: `met`, `below` (period running),
        `missed` (period over), `counted` (a count of this site's content below the level: no verdict on a
        province) or `none` (no figure, or not started)."""
        if not self.has_data or self.state == "not-started":
            return "none"
        if self.met:
            return "met"
        if self.method == "count":
            return "counted"
        return "missed" if self.period_ended else "below"


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


def count_videos(videos: Iterable[Video], *, kind: str | None, units: Iterable[str], start: dt.date, end: dt.date,
                 target: str | None = None) -> int:
    """How many published videos count toward a target over [start, end] (both days included).

    A video that names a target in `counts_toward` counts for that target only (when `target` is it);
    any other video counts when its kind is `kind` (any kind if None) and one of its provinces is in `units`.
    """
    units = set(units)
    total = 0
    for video in videos:
        if not start <= video.date <= end:
            continue
        if video.counts_toward is not None:
            total += target is not None and video.counts_toward == target
        elif (kind is None or video.kind == kind) and units.intersection(video.provinces):
            total += 1
    return total


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
