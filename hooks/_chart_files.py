"""Every chart can be taken away: the same chart as a standalone SVG, a PNG and a CSV of its numbers.

`sheet` lays out the picture once: the chart's title on top, the chart's own coordinates (hooks/_charts.py)
below it, then a legend and the source line, so a picture taken out of the page still says what it shows and
where it comes from. The SVG is rendered from partials/nscl-chart-file.html, which draws the marks with the
page's own macro (partials/nscl-chart-marks.html); the PNG is drawn by Pillow from the same sheet at twice the
size, in Be Vietnam Pro (the cards' typeface, from its PyPI package). Both use `PAPER`: the light scheme of
nscl.css, except the segments' fills, stepped in lightness so they stay apart in greyscale and in print.

Nothing here knows MkDocs or reads the clock: the same chart and source give the same bytes, and `png_key`
is a digest of everything the PNG depends on, for a cache like the cards' (hooks/_cards.py, `Cache`).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import math
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import fontpkg_be_vietnam_pro
import PIL
from PIL import Image, ImageDraw, ImageFont, features

from _charts import PAD, Chart
from _vn import format_date

if TYPE_CHECKING:
    from jinja2 import Environment

# Part of the PNG's cache key, with this file's own digest and the fonts'.
VERSION = "1"
TEMPLATE = "partials/nscl-chart-file.html"
SCALE = 2  # the PNG's pixels per SVG unit: sharp on a phone's screen and in a printed report
TITLE_WRAP, TITLE_LEADING = 40, 20  # characters per title line at 15px bold; distance between lines
LEGEND_LINE = 18
SOURCE_WRAP, SOURCE_LEADING = 58, 15
GAP = 6
# The page's chart points its reader at the table under it; a picture taken away has none.
PAGE_TABLE, FILE_TABLE = "; số liệu đầy đủ ở bảng ngay dưới.", "; bảng số liệu có ở trang nguồn, cả dạng CSV."
# Fonts a viewer of the SVG has: Be Vietnam Pro where it is installed (as the PNG), then the site's own stack.
FONT_STACK = "'Be Vietnam Pro', 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif"


@dataclass(frozen=True)
class Paint:
    """The picture's colours and type sizes (SVG units; the PNG multiplies by SCALE)."""

    paper: str
    ink: str
    muted: str
    marker: str
    marker_width: float
    fill: dict[str, str]  # by segment key, and "track", "band"
    stroke: dict[str, str]  # an outline, for a fill too close to what is around it
    num: dict[str, str]  # the number printed in a segment, by segment key
    font: str = FONT_STACK
    title_size: int = 15
    label_size: int = 13
    num_size: int = 12
    legend_size: int = 12
    source_size: int = 11


INK, WHITE = "#212121", "#ffffff"
# Light scheme of nscl.css (text is Material's 87% black on white, the track, marker and "met" green are the
# site's). The site's five segment fills all turn a grey of 81 to 111 (of 255): here they step from 42 to
# 255 (missed 42, met 83, counted 149, below 197, none white with an outline), each number in white or ink
# at 4.5:1 or more; the range band, as light as the track in grey, is outlined in the "met" green.
PAPER = Paint(
    paper=WHITE, ink=INK, muted="#5f5f5f", marker="#1f1f1f", marker_width=2.5,
    fill={"met": "#1d7437", "missed": "#3b1a4f", "counted": "#6a9fd0", "below": "#f2bf6b", "none": WHITE,
          "track": "#eee7df", "band": "#c9d8c3"},
    stroke={"none": "#68707c", "band": "#1d7437"},
    num={"met": WHITE, "missed": WHITE, "counted": INK, "below": INK, "none": INK},
)


@dataclass(frozen=True)
class Sheet:
    """The picture's layout: title lines, where the chart's own coordinates start, legend and source lines."""

    chart: Chart
    width: int
    height: int
    title_text: str
    desc: str
    source_text: str
    title: tuple[tuple[float, str], ...]  # (baseline, line)
    top: float  # the chart is drawn moved down by this much
    legend: tuple[tuple[float, str, str], ...]  # (top of the swatch, key, words)
    source: tuple[tuple[float, str], ...]


def source_line(site_name: str, page_url: str, as_of: dt.date | None) -> str:
    """`Nguồn: Năng suất chất lượng Việt Nam, <page URL>, số liệu đến dd/mm/yyyy` (the date only when known)."""
    line = f"Nguồn: {site_name}, {page_url}"
    return f"{line}, số liệu đến {format_date(as_of)}" if as_of else line


def sheet(chart: Chart, source: str, title: str | None = None, paint: Paint | None = None) -> Sheet:
    """Lay out the picture of `chart`: `title` (the chart's own by default) above it, `source` at the foot."""
    paint = paint or PAPER
    heading = title or chart.title
    lines = textwrap.wrap(heading, TITLE_WRAP)
    title_lines = tuple((PAD + paint.title_size + i * TITLE_LEADING, line) for i, line in enumerate(lines))
    top = len(lines) * TITLE_LEADING + GAP
    y = top + chart.height + 2
    legend = []
    for key, words in chart.legend:
        legend.append((y, key, words))
        y += LEGEND_LINE
    # An address has no spaces to wrap on: cut it where the line ends rather than run off the picture.
    foot = textwrap.wrap(source, SOURCE_WRAP, break_long_words=True, break_on_hyphens=False)
    source_lines = tuple((y + GAP + paint.source_size + i * SOURCE_LEADING, line) for i, line in enumerate(foot))
    bottom = (source_lines[-1][0] + 4) if source_lines else y
    desc = chart.desc.replace(PAGE_TABLE, FILE_TABLE)
    return Sheet(chart, chart.width, math.ceil(bottom + PAD), heading, desc, source, title_lines, top, tuple(legend),
                 source_lines)


# ---------------------------------------------------------------------------------------------
# SVG and CSV


def chart_svg(chart: Chart, source: str, env: Environment, *, title: str | None = None,
              paint: Paint = PAPER) -> bytes:
    """The chart as a standalone SVG document (UTF-8), from partials/nscl-chart-file.html."""
    text = env.get_template(TEMPLATE).render(sheet=sheet(chart, source, title, paint), paint=paint)
    return (text.rstrip("\n") + "\n").encode("utf-8")


def chart_csv(chart: Chart) -> str:
    """The chart's table (`headers`, then `table`) as RFC 4180 CSV with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(chart.headers)
    writer.writerows(chart.table)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# PNG


FONT_DIR = Path(fontpkg_be_vietnam_pro.ROOT) / "files"
FONTS = MappingProxyType({"regular": FONT_DIR / "BeVietnamPro-Regular.ttf", "bold": FONT_DIR / "BeVietnamPro-Bold.ttf"})


def _layout() -> ImageFont.Layout:
    """raqm (HarfBuzz shaping) when Pillow has it, as the cards use."""
    return ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


@cache
def _font(weight: str, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS[weight]), size, layout_engine=_layout())


@cache
def drawing_digest() -> str:
    """Digest of this file, the fonts and the drawing engine: a change to any draws every chart again."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    for name in sorted(FONTS):
        h.update(FONTS[name].read_bytes())
    h.update(f"{PIL.__version__}|{_layout().name}".encode())
    return h.hexdigest()


def png_key(chart: Chart, source: str, title: str | None = None, paint: Paint = PAPER) -> str:
    """The cache key of a chart's PNG: a digest of what it draws (not the chart's id, description or table,
    which only the page and the SVG show) and of the drawing code."""
    drawn = {"width": chart.width, "height": chart.height, "rows": [dataclasses.asdict(r) for r in chart.rows],
             "legend": chart.legend, "title": title or chart.title, "source": source,
             "paint": dataclasses.asdict(paint)}
    shown = json.dumps(drawn, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"chart\x1f{VERSION}\x1f{drawing_digest()}\x1f{shown}".encode()).hexdigest()[:20]


class _Pen:
    """Draws in SVG units on an image SCALE times larger."""

    def __init__(self, image: Image.Image) -> None:
        self.draw = ImageDraw.Draw(image)

    def box(self, x: float, y: float, w: float, h: float, fill: str, *, radius: float = 0,
            outline: str | None = None) -> None:
        """A rectangle, its edges on whole pixels (an empty one draws nothing)."""
        x0, y0, x1, y1 = (round(v * SCALE) for v in (x, y, x + w, y + h))
        if x1 <= x0 or y1 <= y0:
            return
        width = SCALE if outline else 0
        if radius:
            self.draw.rounded_rectangle((x0, y0, x1 - 1, y1 - 1), round(radius * SCALE), fill=fill, outline=outline,
                                        width=width)
        else:
            self.draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=fill, outline=outline, width=width)

    def line(self, x: float, y0: float, y1: float, colour: str, width: float) -> None:
        """A vertical line centred on `x`."""
        w = round(width * SCALE)
        left = round(x * SCALE - w / 2)
        self.draw.rectangle((left, round(y0 * SCALE), left + w - 1, round(y1 * SCALE) - 1), fill=colour)

    def text(self, x: float, y: float, text: str, size: float, colour: str, *, weight: str = "regular",
             anchor: str = "ls", room: float | None = None) -> None:
        """Text at a baseline; a line wider than `room` is set smaller until it fits (never cut, never overflowing)."""
        font = _font(weight, size * SCALE)
        if room is not None and font.getlength(text) > room * SCALE:
            font = _font(weight, math.floor(size * SCALE * room * SCALE / font.getlength(text)))
        self.draw.text((x * SCALE, y * SCALE), text, font=font, fill=colour, anchor=anchor)


def chart_png(chart: Chart, source: str, *, title: str | None = None, paint: Paint = PAPER) -> bytes:
    """The chart as a PNG at SCALE times the SVG's size, drawn from the same sheet: same input, same bytes."""
    s = sheet(chart, source, title, paint)
    image = Image.new("RGB", (s.width * SCALE, s.height * SCALE), paint.paper)
    pen = _Pen(image)
    room = s.width - 2 * PAD
    for y, line in s.title:
        pen.text(PAD, y, line, paint.title_size, paint.ink, weight="bold", room=room)
    # The marks, as partials/nscl-chart-marks.html draws them, moved down by `top`.
    for r in chart.rows:
        ry = s.top + r.y
        for y, line in r.lines:
            pen.text(PAD, s.top + y, line, paint.label_size, paint.ink, room=room)
        pen.box(PAD, ry, chart.width - 2 * PAD, 18, paint.fill["track"], radius=3)
        if r.band:
            pen.box(r.band.x, ry, r.band.width, 18, paint.fill["band"], outline=paint.stroke.get("band"))
        for seg in r.segments:
            pen.box(seg.x, ry, seg.width, 18, paint.fill[seg.key], outline=paint.stroke.get(seg.key))
            if seg.text:
                pen.text(seg.x + seg.width / 2, ry + 13, seg.text, paint.num_size, paint.num[seg.key], weight="bold",
                         anchor="ms")
        for m in r.markers:
            pen.line(m.x, ry - 4, ry + 22, paint.marker, paint.marker_width)
    for y, key, words in s.legend:
        if key == "marker":
            pen.line(PAD + 6, y, y + 12, paint.marker, paint.marker_width)
        else:
            pen.box(PAD, y, 12, 12, paint.fill[key], radius=2, outline=paint.stroke.get(key))
        pen.text(PAD + 18, y + 10.5, words, paint.legend_size, paint.ink, room=room - 18)
    for y, line in s.source:
        pen.text(PAD, y, line, paint.source_size, paint.muted, room=room)
    out = io.BytesIO()
    # Mapped onto the colours the chart can contain (as the cards are): every flat colour kept exactly, a
    # smaller file, and no dithering, so the same picture always gives the same bytes.
    image.quantize(palette=_palette(paint), dither=Image.Dither.NONE).save(out, "PNG", compress_level=6)
    return out.getvalue()


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _palette(paint: Paint) -> Image.Image:
    """A palette image: every colour of `paint`, and 16 steps between each text colour and what it is set on."""
    blends = [(paint.paper, paint.ink), (paint.paper, paint.muted)]
    blends += [(paint.fill[key], colour) for key, colour in sorted(paint.num.items())]
    flat = [paint.marker, *paint.fill.values(), *paint.stroke.values()]
    colours: list[tuple[int, int, int]] = []
    for back, fore in blends:
        b, f = _rgb(back), _rgb(fore)
        colours += [tuple(round(b[k] + (f[k] - b[k]) * step / 15) for k in range(3)) for step in range(16)]  # type: ignore[misc]
    colours += [_rgb(c) for c in flat]
    unique = list(dict.fromkeys(colours))[:256]
    image = Image.new("P", (1, 1))
    # The unused entries repeat the first colour, so no pixel can map onto one.
    image.putpalette([v for c in unique + [unique[0]] * (256 - len(unique)) for v in c])
    return image


def all_texts(chart: Chart, source: str, title: str | None = None) -> list[str]:
    """Every string the picture draws, in the order it draws them (for tests, and a check of the fonts)."""
    s = sheet(chart, source, title)
    texts = [line for _, line in s.title]
    for r in chart.rows:
        texts += [line for _, line in r.lines] + [seg.text for seg in r.segments if seg.text]
    return texts + [words for _, _, words in s.legend] + [line for _, line in s.source]
