"""Plans: the unit pages, the provinces index with its tile map, the national overview and the open data.

Pages, from the plans and their progress in the content model (views from hooks/_unit_pages.py and
hooks/_plan_pages.py): /tinh-thanh/ (map and list of the 34 units), /tinh-thanh/<unit>/ for every unit with a
page, a page per plan document (/tinh-thanh/<unit>/<plan>/, national ones /tong-quan/<plan>/), /tong-quan/ with
a page per target group (/tong-quan/nhom/<group>/), and /du-lieu-mo/ with its CSV and JSON files. HTML lives
in the `nscl-*` templates of overrides/.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

import _order
import _urls
from _open_data import open_data_records, to_csv, to_json
from _plan_pages import group_views, overview_view, plan_views
from _plans import CATALOGUE_FILE, format_number, with_unit
from _state import Build, build
from _unit_pages import (
    LICENSE_NAME,
    LICENSE_URL,
    DataFile,
    data_files,
    display_name,
    open_data_view,
    provinces_view,
    sections,
    unit_views,
)

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

PLANS_SOURCE = "data/plans"
INDEX_TITLE = "Các tỉnh, thành phố"
OVERVIEW_TITLE = "Tổng quan chỉ tiêu các tỉnh và cả nước"
OPEN_DATA_TITLE = "Dữ liệu mở: chỉ tiêu và tiến độ"


@event_priority(_order.UNITS)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """The unit, index, overview and open-data pages, and the open-data files."""
    b = build()
    m = b.model
    found = sections(m)
    for view in unit_views(m, found, preview=b.cache.session.preview):
        _add(files, config, b, _urls.unit(view.unit.slug), view.title, view, edit=m.plans.files.get(view.unit.slug),
             in_nav=False)
    for plan_view in plan_views(m):
        plan = plan_view.plan
        _add(files, config, b, plan.url, plan_view.title, plan_view, edit=plan.file, in_nav=False)
    _add(files, config, b, _urls.UNITS, INDEX_TITLE, provinces_view(m, found))
    groups = group_views(m)
    for group_view in groups:
        _add(files, config, b, _urls.group(group_view.group.slug), group_view.title, group_view,
             edit=f"{PLANS_SOURCE}/{CATALOGUE_FILE}", in_nav=False)
    _add(files, config, b, _urls.OVERVIEW, OVERVIEW_TITLE, overview_view(m, groups, OVERVIEW_TITLE))
    published = data_files(m, found)
    for data_file in published:
        _write_data(files, config, b, data_file)
    _add(files, config, b, _urls.OPEN_DATA, OPEN_DATA_TITLE, open_data_view(m, published))
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Filters the plan templates use: Vietnamese numbers, amounts with their unit, a unit's display name."""
    registry = build().model.registry
    env.filters["vn_number"] = format_number
    env.filters["nscl_amount"] = with_unit
    env.filters["nscl_unit_name"] = lambda unit: display_name(unit, registry)
    return env


def _add(files: Files, config: MkDocsConfig, b: Build, url: str, title: str, view: object, *, edit: str | None = None,
         in_nav: bool = True) -> None:
    """A generated page whose body is its template, made from `edit` (a plan file) or from data/plans."""
    meta = {"title": title, "template": view.template, "hide": ["toc"]}
    b.pages.add(files, config, url, meta, view, source=edit or PLANS_SOURCE, editable=edit is not None, in_nav=in_nav)


def _write_data(files: Files, config: MkDocsConfig, b: Build, data_file: DataFile) -> None:
    """One pair of open-data files (CSV and JSON, UTF-8 without a byte-order mark), and how many rows it has."""
    m, site_url = b.model, config.site_url or ""
    records = open_data_records(data_file.plans, m.status, m.registry, site_url)
    label = data_file.label
    # The preview builds again on every save: the files are written out again only when what they hold changed.
    csv_text, json_text = b.cache.kept("open data", data_file.stem, (records, label, site_url), b.problems, lambda: (
        to_csv(records), to_json(records, title=f"Chỉ tiêu và tiến độ: {label}", license_name=LICENSE_NAME,
                                 license_url=LICENSE_URL, schema_url=site_url.rstrip("/") + "/" + _urls.OPEN_DATA)))
    data_file.rows = len(records)
    for fmt, text in (("csv", csv_text), ("json", json_text)):
        b.pages.add_file(files, config, _urls.open_data(data_file.stem, fmt), text.encode("utf-8"), source=PLANS_SOURCE)
