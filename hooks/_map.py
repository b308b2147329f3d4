"""The tile-grid map of the current units: positions from data/ban-do.yml, drawn by partials/nscl-map.html.

One equal tile per unit, placed by geography (no boundary data). This module only reads and checks the
grid and turns it into a view of coordinates; the SVG markup lives in the template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import _urls
from _fields import Fields
from _problems import Problems
from _registry import Registry
from _yaml import LineDict, load_yaml, read_text

GRID_FILE = "data/ban-do.yml"
# Tile size and gap in SVG user units; the label's font size is set in the template's CSS.
TILE_W = 60
TILE_H = 44
GAP = 4
# A unit's status on the map, in legend order: (key, words a reader sees).
STATES = (("plan", "Có kế hoạch trong dữ liệu của trang"),
          ("none", "Chưa có kế hoạch trong dữ liệu của trang"))


@dataclass(frozen=True)
class GridCell:
    """Where one unit's tile sits, and the words printed on it."""

    unit: str
    col: int
    row: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Grid:
    """The checked grid: its size and one cell per current unit."""

    columns: int
    rows: int
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class Tile:
    """One drawn tile: a link to the unit's page, its status, and where the text goes."""

    slug: str
    name: str
    url: str
    state: str
    state_label: str
    x: int
    y: int
    lines: tuple[str, ...]

    @property
    def text_y(self) -> tuple[float, ...]:
        """The baseline of each label line, centred in the tile."""
        first = self.y + TILE_H / 2 - (len(self.lines) - 1) * 6.5 + 4
        return tuple(first + i * 13 for i in range(len(self.lines)))


@dataclass(frozen=True)
class LegendEntry:
    """One status of the legend, with how many units have it."""

    state: str
    label: str
    count: int


@dataclass(frozen=True)
class MapView:
    """Everything partials/nscl-map.html draws."""

    width: int
    height: int
    tile_w: int
    tile_h: int
    tiles: tuple[Tile, ...]
    legend: tuple[LegendEntry, ...]


def load_grid(root: Path, registry: Registry, problems: Problems) -> Grid | None:
    """Read data/ban-do.yml: every current unit exactly once, inside the grid, no two on one cell."""
    text = read_text(root / GRID_FILE, GRID_FILE, problems)
    data = load_yaml(text, GRID_FILE, problems) if text is not None else None
    if not isinstance(data, LineDict):
        if data is not None:
            problems.error(GRID_FILE, 1, "", "các trường 'columns', 'rows' và 'tiles'", "một nội dung khác")
        return None
    f = Fields(data, GRID_FILE, problems)
    f.unknown({"columns", "rows", "tiles"})
    columns, rows = f.number("columns", integer=True, minimum=1), f.number("rows", integer=True, minimum=1)
    current = {u.slug for u in registry.current()}
    cells: list[GridCell] = []
    seen: dict[str, int] = {}
    taken: dict[tuple[int, int], str] = {}
    for item in f.items("tiles"):
        item.unknown({"unit", "col", "row", "label"})
        slug = item.choice("unit", current, what="slug một đơn vị hiện nay (data/provinces.yml)")
        col = item.number("col", integer=True, minimum=0)
        row = item.number("row", integer=True, minimum=0)
        label = item.text("label", required=False)
        if slug is None or col is None or row is None:
            continue
        if slug in seen:
            _problem(item, "unit", "mỗi đơn vị một ô", f"'{slug}' đã có ô ở dòng {seen[slug]}")
            continue
        seen[slug] = item.default_line or 0
        if (columns and col >= columns) or (rows and row >= rows):
            _problem(item, "col", f"một ô trong lưới {columns} cột, {rows} hàng (đếm từ 0)", f"cột {col}, hàng {row}")
            continue
        if (col, row) in taken:
            _problem(item, "col", "một ô còn trống", f"cột {col}, hàng {row} đã là ô của '{taken[(col, row)]}'")
            continue
        taken[(col, row)] = slug
        lines = tuple(part.strip() for part in (label or registry[slug].short_name).split("|") if part.strip())
        cells.append(GridCell(slug, int(col), int(row), lines))
    for slug in sorted(current - set(seen)):
        problems.error(GRID_FILE, None, "tiles", f"một ô cho mỗi đơn vị hiện nay; thiếu '{slug}'",
                       f"{len(seen)} ô")
    if columns is None or rows is None:
        return None
    return Grid(int(columns), int(rows), tuple(cells))


def _problem(item: Fields, key: str, expected: str, found: str) -> None:
    """Record a problem whose found value is already worded (not a raw value to quote)."""
    item.problems.error(item.file, item.line(key), item.name(key), expected, found)


def tile_map(grid: Grid, registry: Registry, state_of: Callable[[str], str], url_of: Callable[[str], str]) -> MapView:
    """The map's view: each tile placed on the grid, with its unit's status and page."""
    labels = dict(STATES)
    tiles = tuple(
        Tile(c.unit, registry[c.unit].name, url_of(c.unit), state_of(c.unit), labels[state_of(c.unit)],
             GAP + c.col * (TILE_W + GAP), GAP + c.row * (TILE_H + GAP), c.lines)
        # Reading order (north to south, west to east) is also the keyboard's tab order.
        for c in sorted(grid.cells, key=lambda c: (c.row, c.col)))
    legend = tuple(LegendEntry(key, label, sum(1 for t in tiles if t.state == key)) for key, label in STATES)
    return MapView(GAP + grid.columns * (TILE_W + GAP), GAP + grid.rows * (TILE_H + GAP), TILE_W, TILE_H,
                   tiles, legend)


def unit_map(grid: Grid | None, registry: Registry, planned: frozenset[str]) -> MapView | None:
    """The tile map of the current units, each coloured by whether it has a plan in the data, each a link."""
    if grid is None:
        return None
    return tile_map(grid, registry, lambda s: "plan" if s in planned else "none", _urls.unit)
