"""The content model of one build, made in one place: registry, topics and kinds, articles, videos, plans with
each target's progress, the map's grid, the headline figures, and the facts every page reads (which units
have a plan, which have a page).

Every page, listing, card, feed, data file and search entry is made from this `Model` (hooks/news.py,
videos.py, provinces.py, home.py, feeds.py); none of them reads content of its own or works a fact out
again. Every problem goes into the build's `Problems`, reported once (hooks/validation.py).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import _urls
from _articles import Article, load_articles
from _cache import Cache, stamps
from _figures import Figure, headline_figures
from _map import GRID_FILE, Grid, load_grid
from _plan_loader import load_plans
from _plans import PlanData, Target
from _problems import Problems
from _progress import Counted, Status, count_items, count_videos, evaluate
from _registry import Registry, load_registry
from _terms import KINDS, TOPICS, Term, load_terms
from _video_loader import check_counts_toward, load_videos
from _videos import VIDEOS_FILE, Video, newest_first
from _vn import format_date

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

T = TypeVar("T")

REGISTRY_FILE = "data/provinces.yml"
PLANS_DIR = "data/plans"


@dataclass(frozen=True)
class HeldBack:
    """A content item that this build does not publish, and why (listed in the build log)."""

    path: str
    reason: str


@dataclass
class Model:
    """Everything the site shows, checked, for one build."""

    day: dt.date
    # Whether drafts and scheduled items get a page marked as a preview (`./run serve`).
    previews: bool
    registry: Registry
    topics: dict[str, Term]
    kinds: dict[str, Term]
    # Published articles, newest first; every article with a page this build (previews too) by source path.
    articles: list[Article] = field(default_factory=list)
    shown: dict[str, Article] = field(default_factory=dict)
    held_back: list[HeldBack] = field(default_factory=list)
    # Every valid video (drafts and scheduled ones too); the published ones, newest first; why each held-back
    # video is held back, by id.
    all_videos: list[Video] = field(default_factory=list)
    videos: list[Video] = field(default_factory=list)
    held_videos: dict[str, str] = field(default_factory=dict)
    plans: PlanData | None = None
    status: dict[str, Status] = field(default_factory=dict)
    grid: Grid | None = None
    figures: list[Figure] = field(default_factory=list)
    # Units with a plan in the data: the issuing units and the current units covering them.
    planned: frozenset[str] = frozenset()
    # Units with a page of their own (and a feed): every current unit, every issuing unit, and every former
    # unit that news or videos name.
    unit_pages: frozenset[str] = frozenset()

    def preview_reason(self, path: str) -> str | None:
        """Why an item shown under the preview is not published (a draft, scheduled), or None."""
        return self._held_reasons.get(path)

    @cached_property
    def _held_reasons(self) -> dict[str, str]:
        """Each held-back item's reason, by path (asked once per article page)."""
        return {h.path: h.reason for h in self.held_back}


def held_reason(day: dt.date, *, draft: bool, date: dt.date) -> str | None:
    """Why a build dated `day` does not publish an item (a draft, or dated after the build day), else None."""
    if draft:
        return "bản nháp, draft: true"
    if date > day:
        return f"hẹn đăng ngày {format_date(date)}"
    return None


def load_model(files: Files, *, root: Path, docs_dir: str, day: dt.date, previews: bool, problems: Problems,
               cache: Cache) -> Model:
    """Read and check every piece of content of the build, each against the others."""
    def kept(name: str, path: str, load: Callable[[], T]) -> T:
        """An entry of the cache made from one file."""
        return cache.kept(name, name, stamps([root / path]), problems, load)

    registry = kept("registry", REGISTRY_FILE, lambda: load_registry(root / REGISTRY_FILE, REGISTRY_FILE, problems))
    topics = kept("topics", TOPICS.file, lambda: load_terms(root, TOPICS, problems))
    kinds = kept("kinds", KINDS.file, lambda: load_terms(root, KINDS, problems))
    model = Model(day=day, previews=previews, registry=registry, topics=topics, kinds=kinds)
    _load_articles(files, model, root, docs_dir, problems, cache)
    _load_videos(files, model, root, docs_dir, problems, cache)
    _load_plans(model, root, problems, cache)
    model.grid = cache.kept("grid", GRID_FILE, (stamps([root / GRID_FILE]), registry), problems,
                            lambda: load_grid(root, registry, problems))
    model.unit_pages = _unit_pages(model)
    return model


def _load_articles(files: Files, m: Model, root: Path, docs_dir: str, problems: Problems, cache: Cache) -> None:
    """Articles: the published ones newest first; drafts and scheduled ones held back (a page only in a preview)."""
    rel = Path(os.path.relpath(docs_dir, root)).as_posix()
    for file, article in load_articles(files, docs_dir, frozenset(m.registry.units), frozenset(m.topics), problems,
                                       cache, rel):
        reason = held_reason(m.day, draft=article.draft, date=article.date)
        if reason is None:
            m.articles.append(article)
        else:
            m.held_back.append(HeldBack(article.path, reason))
            if not m.previews:
                files.remove(file)
                continue
        m.shown[file.src_uri] = article
    m.articles.sort(key=lambda a: (a.date, a.slug), reverse=True)


def _load_videos(files: Files, m: Model, root: Path, docs_dir: str, problems: Problems, cache: Cache) -> None:
    """Videos; drafts and scheduled ones are held back (and listed in the build log)."""
    def docs_file(path: str) -> Path | None:
        file = files.get_file_from_path(path)
        return Path(file.abs_src_path) if file is not None and file.abs_src_path else None

    # Videos name files in content/ (thumbnails, self-hosted videos): those are part of what they depend on.
    docs = os.path.join(docs_dir, "")
    media = sorted(f.abs_src_path for f in files.media_files()
                   if f.abs_src_path and not f.generated_by and f.abs_src_path.startswith(docs))
    key = (stamps([root / VIDEOS_FILE, *media]), m.kinds, frozenset(m.registry.units), m.topics)
    m.all_videos = cache.kept("videos", VIDEOS_FILE, key, problems, lambda: load_videos(
        root / VIDEOS_FILE, VIDEOS_FILE, problems, kinds=m.kinds, units=m.registry.units, topics=m.topics,
        docs_file=docs_file))
    published = []
    for video in m.all_videos:
        reason = held_reason(m.day, draft=video.draft, date=video.date)
        if reason is None:
            published.append(video)
        else:
            m.held_videos[video.id] = reason
            m.held_back.append(HeldBack(video.where, reason))
    m.videos = newest_first(published)


def _load_plans(m: Model, root: Path, problems: Problems, cache: Cache) -> None:
    """Plans, then each target's progress: reported, or counted from the published videos and news."""
    folder = root / PLANS_DIR
    key = (stamps(sorted(folder.glob("*.yml"))), m.registry, m.topics)
    data = cache.kept("plans", PLANS_DIR, key, problems,
                      lambda: load_plans(folder, PLANS_DIR, m.registry, m.topics, problems))
    # Every valid video, drafts and scheduled ones included: a wrong `counts_toward` is caught before it publishes.
    periods = {t.id: (t.period.start, t.period.end) for t in (*data.targets(), *data.targets(national=True))}
    check_counts_toward(m.all_videos, periods, problems)
    _check_count_kinds(data, m, problems)
    _check_reported(data, m.day, problems)
    status = {t.id: evaluate(t, m.day, lambda t: _count(t, m)) for t in data.targets()}
    status.update({t.id: evaluate(t, m.day) for t in data.targets(national=True)})
    m.plans, m.status = data, status
    m.planned = frozenset(data.units) | {m.registry.current_of(s).slug for s in data.units}
    m.figures = headline_figures(data.national, status, m.day)


def _check_reported(data: PlanData, day: dt.date, problems: Problems) -> None:
    """A figure is reported on or before the day it is published: one dated later is a slip in its date (and is
    not shown: a target's status reads the figures up to the build day)."""
    for target in (*data.targets(), *data.targets(national=True)):
        for entry in target.progress:
            if entry.as_of > day:
                problems.error(entry.file, entry.line, entry.field_name,
                               f"ngày của một số liệu đã báo cáo (không sau hôm nay, {format_date(day)})",
                               f"{format_date(entry.as_of)}")


def _count(target: Target, m: Model) -> Counted | None:
    """Published videos or news of the target's unit within its period."""
    rule, plan = target.count, target.plan
    if rule is None or plan is None or plan.unit_slug is None:
        return None
    last = min(target.period.end, m.day)
    units = {plan.unit_slug}
    unit = m.registry[plan.unit_slug]
    if rule.content == "videos":
        value = count_videos(m.videos, kind=rule.kind, units=units, start=target.period.start, end=last,
                             target=target.id)
        kind = m.kinds[rule.kind].name if rule.kind in m.kinds else "Video"
        where = _urls.video_unit(plan.unit_slug)
        name = f"{kind} về {unit.short_name}"
    else:
        value = count_items(m.articles, rule, units, target.period, m.day, "topics")
        topic = m.topics[rule.topic].name if rule.topic in m.topics else ""
        where = _urls.unit_news(plan.unit_slug)
        name = f"Tin bài về {unit.short_name}" + (f", chủ đề {topic}" if topic else "")
    return Counted(value, last, name, where)


def _check_count_kinds(data: PlanData, m: Model, problems: Problems) -> None:
    """A count rule's video kind must be one of data/video-kinds.yml (when that list loaded)."""
    if not m.kinds:
        return
    for target in data.targets():
        rule = target.count
        if rule and rule.content == "videos" and rule.kind and rule.kind not in m.kinds:
            listed = ", ".join(f"'{k}'" for k in sorted(m.kinds))
            expected = f"một loại video có trong data/video-kinds.yml: {listed}"
            problems.error(rule.file, rule.line, rule.field, expected, f"'{rule.kind}'")


def _unit_pages(m: Model) -> frozenset[str]:
    """Every unit with a page: each current unit, each issuing unit and the current unit covering it, and each
    former unit that published news or videos name (its page leads to its successor)."""
    registry = m.registry
    issuing = set(m.plans.units) if m.plans else set()
    named = {p for a in m.articles for p in a.provinces} | {p for v in m.videos for p in v.provinces}
    return frozenset({u.slug for u in registry.current()} | issuing | {registry.current_of(s).slug for s in issuing}
                     | {s for s in named if s in registry})
