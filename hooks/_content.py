"""The content model, built in one place: registry and topics (hooks/site.py), then articles, videos,
plans, the map's grid and the checks between them. Every problem goes into one list, reported once
(hooks/validation.py).

Listings, unit pages, the home page, feeds, search and open data read the model through the typed
attributes of `_state.Build`; none of them loads content of its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from _articles import load_articles
from _figures import headline_figures
from _kept import kept, stamps
from _map import load_grid
from _plan_loader import load_plans
from _plans import PlanData, Target
from _progress import Counted, count_items, evaluate
from _state import Build, HeldBack
from _videos import KINDS_FILE, VIDEOS_FILE, check_counts_toward, count_videos, load_kinds, load_videos, newest_first

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

PLANS_DIR = "data/plans"
UNIT_PAGES = "tinh-thanh/"


def load(files: Files, config: MkDocsConfig, b: Build) -> None:
    """Fill `b` with every article, video and plan of the build, checked against each other."""
    load_articles(files, config, b)
    _load_videos(files, b)
    _load_plans(b)


def _load_videos(files: Files, b: Build) -> None:
    """Video kinds and videos; drafts and scheduled ones are held back (and listed in the build log)."""
    def docs_file(path: str) -> Path | None:
        file = files.get_file_from_path(path)
        return Path(file.abs_src_path) if file is not None and file.abs_src_path else None

    b.kinds = load_kinds(b.root / KINDS_FILE, KINDS_FILE, b.problems)
    # Videos name files in content/ (thumbnails, self-hosted videos): those are part of what they depend on.
    docs = os.path.join(b.config.docs_dir, "")
    media = sorted(Path(f.abs_src_path) for f in files.media_files()
                   if f.abs_src_path and not f.generated_by and f.abs_src_path.startswith(docs))
    key = (stamps([b.root / VIDEOS_FILE, *media]), b.kinds, frozenset(b.registry.units), b.topics)
    b.all_videos = kept("videos", key, b.problems, lambda: load_videos(
        b.root / VIDEOS_FILE, VIDEOS_FILE, b.problems, kinds=b.kinds, units=b.registry.units, topics=b.topics,
        docs_file=docs_file))
    published = []
    for video in b.all_videos:
        reason = b.held_back_reason(draft=video.draft, date=video.date)
        if reason is None:
            published.append(video)
        else:
            b.held_videos[video.id] = reason
            b.held_back.append(HeldBack(video.where, reason))
    b.videos = newest_first(published)


def _load_plans(b: Build) -> None:
    """Plans, then each target's progress: reported, or counted from the published videos and news."""
    folder = b.root / PLANS_DIR
    key = (stamps(sorted(folder.glob("*.yml"))), b.registry, b.topics)
    data = kept("plans", key, b.problems, lambda: load_plans(folder, PLANS_DIR, b.registry, b.topics, b.problems))
    # Every valid video, drafts and scheduled ones included: a wrong `counts_toward` is caught before it publishes.
    periods = {t.id: (t.period.start, t.period.end) for t in (*data.targets(), *data.targets(national=True))}
    check_counts_toward(b.all_videos, periods, b.problems)
    _check_count_kinds(data, b)
    status = {t.id: evaluate(t, b.day, lambda t: _count(t, b)) for t in data.targets()}
    status.update({t.id: evaluate(t, b.day) for t in data.targets(national=True)})
    b.plans, b.plan_status = data, status
    b.planned = frozenset(data.units) | {b.registry.current_of(s).slug for s in data.units}
    b.grid = load_grid(b.root, b.registry, b.problems)
    b.figures = headline_figures(data.national, status, b.day)


def _count(target: Target, b: Build) -> Counted | None:
    """Published videos or news of the target's unit within its period."""
    rule, plan = target.count, target.plan
    if rule is None or plan is None or plan.unit_slug is None:
        return None
    last = min(target.period.end, b.day)
    units = {plan.unit_slug}
    unit = b.registry[plan.unit_slug]
    if rule.content == "videos":
        value = count_videos(b.videos, kind=rule.kind, units=units, start=target.period.start, end=last,
                             target=target.id)
        kind = b.kinds[rule.kind].name if rule.kind in b.kinds else "Video"
        where = f"video/tinh/{plan.unit_slug}/"
        name = f"{kind} về {unit.short_name}"
    else:
        value = count_items(b.articles, rule, units, target.period, b.day, "topics")
        topic = b.topics[rule.topic].name if rule.topic in b.topics else ""
        where = f"{UNIT_PAGES}{plan.unit_slug}/#tin-tuc"
        name = f"Tin bài về {unit.short_name}" + (f", chủ đề {topic}" if topic else "")
    return Counted(value, last, name, where)


def _check_count_kinds(data: PlanData, b: Build) -> None:
    """A count rule's video kind must be one of data/video-kinds.yml (when that list loaded)."""
    if not b.kinds:
        return
    for target in data.targets():
        rule = target.count
        if rule and rule.content == "videos" and rule.kind and rule.kind not in b.kinds:
            listed = ", ".join(f"'{k}'" for k in sorted(b.kinds))
            expected = f"một loại video có trong data/video-kinds.yml: {listed}"
            b.problems.error(rule.file, rule.line, rule.field, expected, f"'{rule.kind}'")
