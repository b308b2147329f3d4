"""Charts drawn at build time: pure functions from targets and their status to views of coordinates.

partials/nscl-chart.html turns a `Chart` into inline SVG (with `<title>` and `<desc>`) followed by the same
figures in a table. No JavaScript, nothing from another host. Sizes are SVG user units in a viewBox a phone
shows at about 1:1, so labels stay readable; each label sits on its own line above its bar.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from _plans import Group, Target, format_number, with_unit
from _progress import Status

WIDTH = 360
PAD = 8
LINE = 16  # distance between label lines
BAR = 18
ROW_GAP = 14
WRAP = 52  # characters per label line at the chart's font size
# The words of each `Status.bucket`, in the legend, the table and the summaries.
# A count of what this site published is no verdict on a province: below its level it is "counted", never "missed".
BUCKETS = (("met", "Đạt chỉ tiêu"), ("below", "Đang thực hiện"), ("missed", "Chưa đạt (kỳ đã kết thúc)"),
           ("counted", "Trang này ghi nhận, chưa đủ mức"), ("none", "Chưa có số liệu"))


@dataclass(frozen=True)
class Segment:
    """One coloured part of a bar, with the number printed in it when it fits."""

    key: str
    x: float
    width: float
    text: str


@dataclass(frozen=True)
class Marker:
    """A vertical line across a bar: the target's level."""

    x: float


@dataclass(frozen=True)
class Row:
    """One bar with its label lines above it and its value text."""

    lines: tuple[tuple[float, str], ...]
    y: float
    segments: tuple[Segment, ...]
    value: str
    markers: tuple[Marker, ...] = ()
    band: Segment | None = None


@dataclass(frozen=True)
class Chart:
    """A chart and its data table: what the template draws, and the words a screen reader gets."""

    id: str
    title: str
    desc: str
    width: int
    height: float
    rows: tuple[Row, ...]
    legend: tuple[tuple[str, str], ...]
    headers: tuple[str, ...]
    table: tuple[tuple[str, ...], ...]
    caption: str


@dataclass(frozen=True)
class Tally:
    """How a set of targets stands, by `bucket`: what a plan's summary, a group's block and the status chart
    count, so that they never disagree."""

    counts: tuple[tuple[str, str, int], ...]  # (bucket, words, how many) in BUCKETS order, each above 0
    total: int

    def of(self, key: str) -> int:
        """How many targets are in bucket `key`."""
        return next((n for k, _, n in self.counts if k == key), 0)

    @property
    def met(self) -> int:
        """How many are met (`Status.met`)."""
        return self.of("met")

    @property
    def words(self) -> str:
        """`3 đạt chỉ tiêu, 2 đang thực hiện, 7 chưa có số liệu`."""
        return ", ".join(f"{n} {label[:1].lower()}{label[1:]}" for _, label, n in self.counts)


def tally(statuses: Iterable[Status]) -> Tally:
    """The targets of `statuses` counted by bucket."""
    found = {key: 0 for key, _ in BUCKETS}
    for status in statuses:
        found[status.bucket] += 1
    return Tally(tuple((key, label, found[key]) for key, label in BUCKETS if found[key]), sum(found.values()))


def _lines(text: str, top: float) -> tuple[tuple[float, str], ...]:
    """A label wrapped to the chart's width, each line with its baseline."""
    return tuple((top + (i + 1) * LINE - 4, line) for i, line in enumerate(textwrap.wrap(text, WRAP)))


def status_by_group(chart_id: str, title: str, targets: Iterable[Target], statuses: dict[str, Status],
                    groups: Iterable[Group]) -> Chart | None:
    """Targets by status in each group, one stacked bar per group, scaled to the largest group."""
    targets = list(targets)
    counts: list[tuple[Group, dict[str, int]]] = []
    for group in groups:
        mine = tally(statuses[t.id] for t in targets if t.group.slug == group.slug)
        if mine.total:
            counts.append((group, {key: mine.of(key) for key, _ in BUCKETS}))
    if not counts:
        return None
    largest = max(sum(t.values()) for _, t in counts)
    span = WIDTH - 2 * PAD
    rows, y = [], PAD
    for group, found in counts:
        lines = _lines(group.name, y)
        bar_y = y + len(lines) * LINE + 2
        segments, x = [], float(PAD)
        for key, _ in BUCKETS:
            if found[key]:
                width = span * found[key] / largest
                segments.append(Segment(key, round(x, 2), round(width, 2), str(found[key]) if width >= 14 else ""))
                x += width
        rows.append(Row(lines, bar_y, tuple(segments), f"{sum(found.values())} chỉ tiêu"))
        y = bar_y + BAR + ROW_GAP
    total = sum(sum(t.values()) for _, t in counts)
    met = sum(t["met"] for _, t in counts)
    nodata = sum(t["none"] for _, t in counts)
    desc = (f"{total} chỉ tiêu trong {len(counts)} nhóm: {met} đạt, {nodata} chưa có số liệu. "
            "Mỗi thanh là một nhóm, chia theo tình trạng; số liệu đầy đủ ở bảng ngay dưới.")
    # Legend and table name only the statuses some target has; a group without one shows 0.
    used = tuple((key, label) for key, label in BUCKETS if any(t[key] for _, t in counts))
    headers = ("Nhóm", *(label for _, label in used), "Tổng")
    table = tuple((g.name, *(str(t[key]) for key, _ in used), str(sum(t.values()))) for g, t in counts)
    return Chart(chart_id, title, desc, WIDTH, y - ROW_GAP + PAD, tuple(rows), used, headers, table,
                 f"Số liệu của biểu đồ: {title[:1].lower() + title[1:]}")


def progress_against_target(chart_id: str, title: str, statuses: Iterable[Status]) -> Chart | None:
    """Each target with a figure: the figure as a bar, the target's level (or range) marked on it."""
    known = [s for s in statuses if s.has_data]
    if not known:
        return None
    span = WIDTH - 2 * PAD
    rows, y, table = [], PAD, []
    for s in known:
        t = s.target
        value = with_unit(s.value, t.unit)
        ratio = f"{format_number(round(s.percent))}% mức chỉ tiêu" if s.percent is not None else ""
        words = f"{value} · chỉ tiêu {t.label[:1].lower() + t.label[1:]}"
        lines = _lines(t.indicator, y)
        lines += _lines(words, y + len(lines) * LINE)
        bar_y = y + len(lines) * LINE + 2
        band = (Segment("band", round(PAD + span * s.band[0] / 100, 2), round(span * (s.band[1] - s.band[0]) / 100, 2),
                        "") if s.band else None)
        rows.append(Row(lines, bar_y,
                        (Segment(s.bucket, PAD, round(span * s.fill / 100, 2), ""),), value,
                        (Marker(round(PAD + span * s.marker / 100, 2)),), band))
        table.append((t.indicator, t.label, value, s.as_of.strftime("%d/%m/%Y") if s.as_of else "", ratio or "—"))
        y = bar_y + BAR + ROW_GAP
    desc = (f"{len(known)} chỉ tiêu có số liệu. Mỗi thanh là số liệu mới nhất; vạch dọc là mức chỉ tiêu"
            " (vùng nhạt là khoảng chỉ tiêu, nếu chỉ tiêu là một khoảng).")
    used = {seg.key for row in rows for seg in row.segments}
    legend = tuple((key, label) for key, label in BUCKETS if key in used) + (("marker", "Vạch dọc: mức chỉ tiêu"),)
    return Chart(chart_id, title, desc, WIDTH, y - ROW_GAP + PAD, tuple(rows), legend,
                 ("Chỉ tiêu", "Mức", "Số liệu", "Đến ngày", "So với mức"), tuple(table),
                 f"Số liệu của biểu đồ: {title[:1].lower() + title[1:]}")
