"""Every chart can be taken away (issue 23, item 2): hooks/_chart_files.py turns a chart into a standalone SVG,
a PNG and a CSV of its numbers.

The charts are the real Hải Phòng page's (built from the real content in-process, tests/real_model.py, as
hooks/provinces.py builds them), plus one drawn by hand that holds every status and a range band. The SVG's
marks are checked against the page the real build writes, so the picture and the page cannot drift apart.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import jinja2
import pytest
from PIL import Image
from real_model import SITE_URL, Model, real_model

import _chart_files as cf
from _charts import BUCKETS, Chart, Marker, Row, Segment, progress_against_target, status_by_group
from _vn import format_date
from conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOURCE = cf.source_line("Năng suất chất lượng Việt Nam", SITE_URL + "tinh-thanh/hai-phong/", dt.date(2026, 11, 22))


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Model]:
    """The real project's model after `on_files`."""
    yield from real_model(tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="module")
def env() -> jinja2.Environment:
    """The site's templates, as MkDocs loads them (no autoescape: templates escape with `| e`), with the one site
    filter the chart partial's other macros name."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
    environment.filters["vn_date"] = format_date
    return environment


@pytest.fixture(scope="module")
def hai_phong(model: Model) -> list[Chart]:
    """The status chart of /tinh-thanh/hai-phong/ and the progress chart of its Hải Dương plan's page, made as
    hooks/_unit_pages.py and hooks/_plan_pages.py make them."""
    b = model.build
    unit = b.registry["hai-phong"]
    members = [m for m in b.registry.members(unit.slug) if m.slug != unit.slug]
    plans = [*b.plans.by_unit(unit.slug), *(p for m in members for p in b.plans.by_unit(m.slug))]
    targets = [t for p in plans for t in p.targets]
    groups = list(b.plans.catalogue.groups.values())
    charts = [status_by_group("bieu-do-hai-phong-nhom", "Chỉ tiêu của Hải Phòng theo tình trạng", targets,
                              b.status, groups),
              progress_against_target("bieu-do-qd-74-2021-tien-do", "Số liệu so với mức chỉ tiêu",
                                      (b.status[t.id] for t in b.plans.by_unit("hai-duong")[0].targets))]
    assert all(charts)
    return charts  # type: ignore[return-value]


# Every status, a range band and a marker, in the chart's own coordinates.
EVERY = Chart(
    "bieu-do-thu", "Mọi tình trạng & <ký tự> \"đặc biệt\"", "Biểu đồ thử; số liệu đầy đủ ở bảng ngay dưới.", 360, 102,
    (Row(((20.0, "Mỗi tình trạng một màu"),), 26, (Segment("met", 8, 70, "3"), Segment("below", 78, 70, "2"),
                                                   Segment("missed", 148, 70, "1"), Segment("counted", 218, 70, "4"),
                                                   Segment("none", 288, 64, "5")), "15 chỉ tiêu"),
     Row(((70.0, "Một khoảng: vùng nhạt, vạch ở đầu dưới"),), 76, (Segment("below", 8, 150, ""),), "",
         (Marker(200),), Segment("band", 200, 80, ""))),
    (*BUCKETS, ("marker", "Vạch dọc: mức chỉ tiêu")), ("Nhóm", "Đạt, \"trọn\"", "Tổng"),
    (("Đào tạo, tập huấn", "3", "15"), ("Dòng có\nxuống dòng", "0", "1")), "Số liệu của biểu đồ thử")


def charts(hai_phong: list[Chart]) -> list[Chart]:
    """The real charts and the one drawn by hand."""
    return [*hai_phong, EVERY]


def hexcolour(rgb: tuple[int, int, int]) -> str:
    """`#rrggbb` of a pixel."""
    r, g, b = rgb
    return f"#{r:02x}{g:02x}{b:02x}"


def texts(element: ET.Element) -> list[str]:
    """The text of every <text> element, in order."""
    return [t.text or "" for t in element.iter(f"{SVG}text")]


# ---------------------------------------------------------------------------------------------
# SVG


def test_the_svg_is_a_standalone_document_with_title_desc_source_and_every_label(hai_phong, env):
    for chart in charts(hai_phong):
        data = cf.chart_svg(chart, SOURCE, env)
        assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg ') and data.endswith(b"</svg>\n")
        root = ET.fromstring(data)
        sheet = cf.sheet(chart, SOURCE)
        assert (root.tag, root.get(XML_LANG), root.get("viewBox")) == (f"{SVG}svg", "vi",
                                                                      f"0 0 {sheet.width} {sheet.height}")
        assert root.find(f"{SVG}title").text == chart.title
        desc = root.find(f"{SVG}desc").text
        assert desc.endswith(SOURCE) and "ở bảng ngay dưới" not in desc
        drawn = texts(root)
        assert drawn == cf.all_texts(chart, SOURCE)
        assert {line for _, line in chart.rows[0].lines} <= set(drawn)
        assert " ".join(line for _, line in sheet.source) == SOURCE
        # Concrete colours and common fonts, nothing fetched, nothing run.
        assert "var(" not in data.decode() and b"<script" not in data and b"href" not in data
        assert "Be Vietnam Pro" in root.get("font-family") and root.get("font-family").endswith("sans-serif")


def test_the_svg_escapes_what_a_title_or_label_may_hold(env):
    root = ET.fromstring(cf.chart_svg(EVERY, SOURCE, env))
    assert root.find(f"{SVG}title").text == "Mọi tình trạng & <ký tự> \"đặc biệt\""


def test_a_title_naming_the_unit_replaces_the_charts_own(hai_phong, env):
    chart = hai_phong[1]
    root = ET.fromstring(cf.chart_svg(chart, SOURCE, env, title="Hải Phòng: số liệu so với mức chỉ tiêu"))
    assert root.find(f"{SVG}title").text == "Hải Phòng: số liệu so với mức chỉ tiêu"
    assert texts(root)[0] == "Hải Phòng: số liệu so với mức chỉ tiêu"


def test_the_files_marks_are_the_pages_marks(hai_phong, env, real_site):
    # One macro draws both: what the picture holds between its title and its legend is, byte for byte, what
    # the page's chart partial draws and what the real build wrote into the page that shows it.
    marks = env.get_template("partials/nscl-chart-marks.html").module
    page = env.get_template("partials/nscl-chart.html").module
    pages = {"bieu-do-hai-phong-nhom": "tinh-thanh/hai-phong/",
             "bieu-do-qd-74-2021-tien-do": "tinh-thanh/hai-duong/qd-74-2021/"}
    for chart in hai_phong:
        built = real_site.text(pages[chart.id])
        drawn = str(marks.marks(chart))
        assert drawn.count("<g>") == len(chart.rows)
        assert drawn in str(page.chart(chart))
        assert drawn in built, chart.id
        painted = cf.chart_svg(chart, SOURCE, env).decode()
        # The file adds colours as attributes and changes nothing else.
        assert re.sub(r' (fill|stroke|stroke-width|font-size|font-weight|text-anchor)="[^"]*"', "",
                      painted.split("<g transform=")[1]).count(drawn.strip()) == 1


# ---------------------------------------------------------------------------------------------
# PNG


def test_the_png_is_twice_the_svg_not_blank_and_the_same_bytes_every_time(hai_phong):
    for chart in charts(hai_phong):
        data = cf.chart_png(chart, SOURCE)
        assert cf.chart_png(chart, SOURCE) == data
        image = Image.open(io.BytesIO(data))
        sheet = cf.sheet(chart, SOURCE)
        assert image.format == "PNG" and image.size == (sheet.width * cf.SCALE, sheet.height * cf.SCALE)
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 16)
        assert len(colours) > 8
        # Mostly paper, but with ink: a blank picture would be all paper.
        paper = max(colours)[1]
        assert paper == (255, 255, 255) and max(colours)[0] < 0.9 * image.width * image.height


def test_the_png_draws_each_segment_where_the_svg_does_in_its_colour(hai_phong):
    for chart in charts(hai_phong):
        rgb = Image.open(io.BytesIO(cf.chart_png(chart, SOURCE))).convert("RGB")
        top = cf.sheet(chart, SOURCE).top
        for row in chart.rows:
            for seg in (s for s in row.segments if s.width >= 4):
                # A point of the segment clear of its number and outline.
                x, y = (seg.x + 2) * cf.SCALE, (top + row.y + 3) * cf.SCALE
                assert hexcolour(rgb.getpixel((round(x), round(y)))) == cf.PAPER.fill[seg.key], (chart.id, seg)
            if row.band:
                x = round((row.band.x + row.band.width / 2) * cf.SCALE)
                assert hexcolour(rgb.getpixel((x, round((top + row.y + 9) * cf.SCALE)))) == cf.PAPER.fill["band"]
                # Its outline, as the SVG's stroke.
                assert hexcolour(rgb.getpixel((x, round((top + row.y) * cf.SCALE)))) == cf.PAPER.stroke["band"]


def test_a_line_too_wide_for_the_picture_is_set_smaller_never_past_its_edge():
    wide = Chart("bieu-do-rong", "W" * 40, "", 360, 52, (Row(((20.0, "W" * 52),), 26, (), ""),), (), ("a",), (),
                 "")
    rgb = Image.open(io.BytesIO(cf.chart_png(wide, "Nguồn: " + "W" * 58))).convert("L")
    right = (wide.width - cf.PAD + 1) * cf.SCALE
    strip = rgb.crop((right, 0, rgb.width, rgb.height))
    assert strip.getextrema() == (255, 255)  # nothing drawn in the right margin


def test_the_pngs_colours_stay_apart_in_greyscale_and_numbers_read_on_their_segment():
    def luma(colour: str) -> float:
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    def luminance(colour: str) -> float:
        def lin(c: int) -> float:
            c /= 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)

    fills = cf.PAPER.fill
    keys = [key for key, _ in BUCKETS]
    # The five statuses at least 30 grey levels apart, and from the track unless outlined (white "none" is).
    greys = sorted(luma(fills[k]) for k in keys)
    assert min(b - a for a, b in zip(greys, greys[1:], strict=False)) >= 30, greys
    assert all(abs(luma(fills[k]) - luma(fills["track"])) >= 30 for k in keys if k not in cf.PAPER.stroke)
    assert "band" in cf.PAPER.stroke  # as light as the track in grey: outlined
    for key in keys:
        hi, lo = sorted((luminance(fills[key]), luminance(cf.PAPER.num[key])), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, key


def test_the_png_key_follows_what_the_picture_shows(hai_phong):
    chart = hai_phong[0]
    key = cf.png_key(chart, SOURCE)
    assert key == cf.png_key(chart, SOURCE) and len(key) == 20
    assert cf.png_key(chart, SOURCE + ".") != key
    assert cf.png_key(chart, SOURCE, title="Hải Phòng") != key
    assert cf.png_key(hai_phong[1], SOURCE) != key
    # What only the page and the SVG show is not part of it: the same picture under another id is drawn once.
    same = dataclasses.replace(chart, id="bieu-do-khac", desc="Khác.", table=(), caption="")
    assert cf.png_key(same, SOURCE) == key and cf.chart_png(same, SOURCE) == cf.chart_png(chart, SOURCE)


# ---------------------------------------------------------------------------------------------
# CSV and the source line


def test_the_csv_parses_back_to_the_charts_table(hai_phong):
    for chart in charts(hai_phong):
        text = cf.chart_csv(chart)
        assert text.endswith("\r\n") and not text.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0] == list(chart.headers)
        assert [tuple(r) for r in rows[1:]] == list(chart.table)


def test_the_source_line_names_the_site_the_page_and_the_date():
    assert SOURCE == ("Nguồn: Năng suất chất lượng Việt Nam, https://example.org/nscl/tinh-thanh/hai-phong/, "
                      "số liệu đến 22/11/2026")
    assert cf.source_line("NSCL", "https://x.example/", None) == "Nguồn: NSCL, https://x.example/"
