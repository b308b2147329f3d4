"""The front page's headline figures, taken from the national plan data (data/plans/_quoc-gia.yml).

A figure is either the latest reported progress of a national target (`progress:`) or a reported result
of a national document (`results:`), each with its date and source. Newest first, file order among equal
dates; nothing is typed into a template, so a new progress entry or result changes the front page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from _plans import Link, Plan, with_unit
from _progress import Status

SHOWN = 4


@dataclass(frozen=True)
class Figure:
    """One headline figure: the number in words, what it counts, against what, as of when, from where."""

    value: str
    label: str
    context: str
    as_of: dt.date
    source: Link
    anchor: str


def headline_figures(national: Iterable[Plan], statuses: dict[str, Status], day: dt.date,
                     shown: int = SHOWN) -> list[Figure]:
    """Up to `shown` figures: reported progress of national targets and reported results, newest first."""
    found: list[Figure] = []
    for plan in national:
        for target in plan.targets:
            status = statuses.get(target.id)
            if status is None or status.method != "entry" or status.as_of is None or status.source is None:
                continue
            context = f"Chỉ tiêu {target.period.label}: {target.label[:1].lower() + target.label[1:]}"
            found.append(Figure(with_unit(status.value, target.unit), target.indicator, context, status.as_of,
                                status.source, target.id))
        for result in plan.results:
            if result.as_of <= day:
                found.append(Figure(result.text, result.label, plan.display_name, result.as_of, result.source,
                                    plan.id))
    found.sort(key=lambda f: f.as_of, reverse=True)
    return found[:shown]
