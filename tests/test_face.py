"""The public face (issue 13): front page figures from the data, a page and a map tile for every current unit,
charts with title, description and table, the one-line footer, and no page scrolling sideways on a phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
import yaml

from browser import SiteServer, chromium
from conftest import FIXTURES, ROOT, Built

CURRENT = sorted(u["slug"] for u in yaml.safe_load((ROOT / "data/provinces.yml").read_text(encoding="utf-8"))["units"]
                 if u["until"] is None)


def text_of(html: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def between(html: str, start: str, end: str) -> str:
    """The part of `html` from `start` to the next `end`."""
    i = html.index(start)
    return html[i:html.index(end, i)]


# ---------------------------------------------------------------------------------------------
# Every current unit: a page, a tile on the map, a line in the list


def test_there_are_34_current_units():
    assert len(CURRENT) == 34


def test_every_current_unit_has_a_page_a_map_tile_and_a_list_entry(real_site: Built):
    index = real_site.text("tinh-thanh/")
    svg = between(index, '<svg class="nscl-map__svg"', "</svg>")
    units = between(index, '<ul class="nscl-units">', "</ul>")
    tiles = re.findall(r'<a href="([^"]+)/" class="nscl-tile nscl-tile--(plan|none)"', svg)
    assert sorted(href for href, _ in tiles) == CURRENT
    listed = re.findall(r'<li class="nscl-unit nscl-unit--\w+">\s*<a href="([^"]+)/">', units)
    assert sorted(listed) == CURRENT
    for slug in CURRENT:
        assert real_site.path(f"tinh-thanh/{slug}/").is_file(), slug
    # The home page has the same map, smaller.
    home = real_site.text("")
    assert len(re.findall(r'class="nscl-tile nscl-tile--', home)) == 34
    assert 'href="tinh-thanh/hai-phong/" class="nscl-tile nscl-tile--plan"' in home


def test_map_status_is_in_words_not_colour_alone(real_site: Built):
    index = real_site.text("tinh-thanh/")
    assert 'aria-label="Thành phố Hải Phòng: Có kế hoạch trong dữ liệu của trang"' in index
    assert 'aria-label="Tỉnh Cao Bằng: Chưa có kế hoạch trong dữ liệu của trang"' in index
    legend = text_of(between(index, '<figcaption id="nscl-map-tinh-caption"', "</figcaption>"))
    assert "Có kế hoạch trong dữ liệu của trang: 4" in legend
    assert "Chưa có kế hoạch trong dữ liệu của trang: 30" in legend


def test_a_unit_without_a_plan_says_so_and_shows_what_applies(real_site: Built):
    page = real_site.text("tinh-thanh/cao-bang/")
    text = text_of(page)
    assert "Cao Bằng chưa có kế hoạch riêng trong dữ liệu của trang; các chỉ tiêu quốc gia bên dưới áp dụng " \
           "cho mọi tỉnh, thành phố." in text
    assert "Tỉnh Cao Bằng không thay đổi trong đợt sắp xếp này." in text
    # The national targets in a few lines, each document leading to its page; the feeds.
    assert 'href="../../tong-quan/qd-1322-2020/"' in page and 'href="../../nguon-tin/tinh/cao-bang.xml"' in page
    # An old link to a national target on this page goes on to the target's row on its document's page.
    assert '"quoc-gia-mo-hinh-diem-2021-2030": "../../tong-quan/qd-1322-2020/#quoc-gia-mo-hinh-diem-2021-2030"' in page
    # Editors' instructions are for the preview and the guides, not for the public (tests/test_preview.py).
    for page_of in ("cao-bang", "bac-ninh"):
        public = real_site.text(f"tinh-thanh/{page_of}/")
        assert "Biên tập viên" not in public and "data/plans/" not in text_of(public)


def test_a_former_unit_named_by_news_keeps_a_page_to_its_successor(build_site):
    article = ("---\ntitle: Tin về Kiên Giang\ndate: 2026-01-05\nsummary: Tóm tắt.\nprovinces: [kien-giang]\n"
               "topics: [tuyen-truyen]\n---\n\nNội dung.\n")
    built = build_site({"content/tin-tuc/kien-giang.md": article})
    assert built.ok, built.log
    page = built.text("tinh-thanh/kien-giang/")
    assert '<a href="../an-giang/">Tỉnh An Giang</a>' in page
    assert "Tin về Kiên Giang" in page
    # A former unit nobody names gets no page of its own; its current unit's page names it.
    assert not built.path("tinh-thanh/ha-giang/").exists()
    assert "Hà Giang" in text_of(built.text("tinh-thanh/tuyen-quang/"))


# ---------------------------------------------------------------------------------------------
# Front page figures come from the data


def figures_of(html: str) -> list[str]:
    """The big numbers of the headline figures, in order."""
    return [text_of(v) for v in re.findall(r'<span class="nscl-figure__value">(.*?)</span>', html, re.S)]


def test_front_page_figures_are_the_national_data(real_site: Built):
    home = real_site.text("")
    assert figures_of(home) == ["63%", "102 doanh nghiệp", "Hơn 6.400 doanh nghiệp", "14.306 TCVN"]
    block = text_of(between(home, '<ul class="nscl-figures">', "</ul>"))
    assert "Đến 16/12/2025 · Nguồn: Việt Nam News (vietnamnews.vn), 16/12/2025" in block
    # The overview leads with the same figures, before its charts and tables.
    overview = real_site.text("tong-quan/")
    assert figures_of(overview) == figures_of(home)
    assert overview.index("nscl-figures") < overview.index('class="nscl-chart"') < overview.index("nscl-table")


NATIONAL = """\
documents:
  - id: qd-1-2020
    kind: quyet-dinh
    number: 1/QĐ-TTg
    date: 01/01/2020
    issuer: Thủ tướng Chính phủ
    title: Văn bản thử nghiệm
    period: 2021-2030
    sources:
      - {name: Nguồn thử, url: "https://example.org/nguon"}
    results:
      - label: Kết quả thử
        text: Hơn 1.234 doanh nghiệp
        as_of: 02/02/2026
        source: {name: Báo kết quả, url: "https://example.org/ket-qua"}
      - label: Kết quả chưa đến ngày
        text: 999 doanh nghiệp
        as_of: 01/12/2026
        source: {name: Báo tương lai, url: "https://example.org/tuong-lai"}
    targets:
      - id: qd-1-a
        indicator: Doanh nghiệp được đánh giá
        group: ho-tro-doanh-nghiep
        comparator: min
        value: 50
        unit: doanh-nghiep
        progress:
          - as_of: 01/03/2025
            value: 57
            source: {name: Báo tiến độ, url: "https://example.org/tien-do"}
      - id: qd-1-b
        indicator: Chỉ tiêu chưa có số liệu
        group: dao-tao
        comparator: eq
        value: 10
        unit: nguoi
"""


def test_other_data_gives_other_figures_newest_first(build_site):
    built = build_site({"data/plans/_quoc-gia.yml": NATIONAL})
    assert built.ok, built.log
    home = built.text("")
    # A result dated after the build day (22/11/2026) is not shown yet; a target without data has no figure.
    assert figures_of(home) == ["Hơn 1.234 doanh nghiệp", "57 doanh nghiệp"]
    assert "Báo kết quả" in home and "Báo tương lai" not in home and "6.400" not in home


# ---------------------------------------------------------------------------------------------
# Charts: title, description, data table


@pytest.mark.parametrize("url", ["tong-quan/", "tinh-thanh/hai-phong/", "tinh-thanh/hai-duong/qd-74-2021/",
                                 "tong-quan/qd-1322-2020/"])
def test_every_chart_has_title_desc_and_a_data_table(real_site: Built, url: str):
    page = real_site.text(url)
    charts = re.findall(r'<figure class="nscl-chart" id="([^"]+)">(.*?)</figure>', page, re.S)
    assert charts, url
    for chart_id, body in charts:
        svg = between(body, "<svg", "</svg>")
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg
        assert re.search(rf'<title id="{chart_id}-title">[^<]+</title>', svg), chart_id
        assert re.search(rf'<desc id="{chart_id}-desc">[^<]+</desc>', svg), chart_id
        assert "<script" not in svg
        rows = re.findall(r"<tr>(.*?)</tr>", between(body, "<table", "</table>"), re.S)
        assert len(rows) >= 2, chart_id  # a header row and at least one row of figures


def test_status_chart_counts_agree_with_its_table(real_site: Built):
    page = real_site.text("tong-quan/")
    body = between(page, '<figure class="nscl-chart" id="bieu-do-tinh-nhom">', "</figure>")
    bars = re.findall(r"<g>(.*?)</g>", body, re.S)
    table = between(body, "<tbody>", "</tbody>")
    totals = [int(n) for n in re.findall(r"<td>(\d+)</td></tr>", table)]
    provincial = [yaml.safe_load(p.read_text(encoding="utf-8"))["documents"]
                  for p in sorted((ROOT / "data/plans").glob("*.yml")) if not p.name.startswith("_")]
    # Every provincial target, each counted once.
    assert sum(totals) == sum(len(d.get("targets", [])) for docs in provincial for d in docs)
    assert len(bars) == len(totals)
    for bar, total in zip(bars, totals, strict=True):
        shown = [int(n) for n in re.findall(r'<text class="nscl-chart__num"[^>]*>(\d+)</text>', bar)]
        segment = r'class="nscl-seg nscl-seg--\w+" x="[^"]+" y="[^"]+" width="([^"]+)"'
        widths = [float(w) for w in re.findall(segment, bar)]
        assert sum(shown) <= total and len(widths) >= len(shown)
        # Bars share one scale: the segments of a group add up to its share of the largest group.
        assert abs(sum(widths) - 344 * total / max(totals)) < 0.1


def test_count_below_its_level_is_not_called_missed(real_site: Built):
    page = real_site.text("tinh-thanh/hai-duong/")
    body = between(page, '<figure class="nscl-chart" id="bieu-do-hai-duong-nhom">', "</figure>")
    assert "Trang này ghi nhận, chưa đủ mức" in body and "Chưa đạt" not in body


# ---------------------------------------------------------------------------------------------
# The map's data file: every mistake named for an editor


def test_map_file_mistakes_name_file_field_and_fix(build_site):
    grid = (ROOT / "data/ban-do.yml").read_text(encoding="utf-8")
    grid = grid.replace("{unit: cao-bang, col: 4, row: 0,", "{unit: cao-bang, col: 3, row: 0,")
    grid = grid.replace('  - {unit: hue, col: 4, row: 8, label: "Huế"}\n', "")
    grid = grid.replace("{unit: lai-chau,", "{unit: lai-chauu,")
    built = build_site({"data/ban-do.yml": grid})
    assert not built.ok
    assert ("data/ban-do.yml, dòng 11, trường 'tiles[3].col': cần một ô còn trống; "
            "đang là cột 3, hàng 0 đã là ô của 'tuyen-quang'.") in built.log
    assert "trường 'tiles[0].unit': cần slug một đơn vị hiện nay (data/provinces.yml) trong danh sách" in built.log
    assert "(có phải 'lai-chau'?)" in built.log
    assert "trường 'tiles': cần một ô cho mỗi đơn vị hiện nay; thiếu 'hue'" in built.log


# ---------------------------------------------------------------------------------------------
# Footer and phone layout


def test_footer_says_once_that_agency_details_are_being_updated(real_site: Built):
    home = real_site.text("")
    footer = home[home.index('<div class="md-copyright nscl-footer">'):home.index("</footer>")]
    assert footer.count("nscl-pending") == 1
    assert footer.count("cập nhật") == 1
    assert "thông tin về cơ quan chủ quản, địa chỉ, điện thoại, thư điện tử đang được cập nhật" in footer


# Every kind of page a reader lands on; none may scroll sideways on a 390 px phone.
PHONE_PAGES = ("", "tin-tuc/", "tin-tuc/hai-phong-dat-muc-tieu-tfp-dong-gop-47-grdp-vao-nam-2025/", "tinh-thanh/",
               "tinh-thanh/hai-phong/", "tinh-thanh/cao-bang/", "tong-quan/", "video/", "du-lieu-mo/", "nguon-tin/")


@pytest.fixture(scope="module")
def phone(real_site: Built) -> Iterator[tuple[object, str]]:
    """A 390 px wide chromium page on the served real site."""
    with SiteServer(real_site.site) as server, chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        yield context.new_page(), server.url
        context.close()


@pytest.mark.parametrize("url", PHONE_PAGES)
def test_no_page_scrolls_sideways_on_a_phone(phone, url: str):
    page, base = phone
    response = page.goto(base + url)
    assert response is not None and response.status == 200, url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{url or 'home'} is {width} px wide"


def test_map_tiles_are_reached_by_keyboard(phone):
    page, base = phone
    page.goto(base + "tinh-thanh/")
    page.focus('a.nscl-tile[href="lai-chau/"]')
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Tỉnh Lào Cai: Chưa có kế hoạch trong dữ liệu của trang"
    page.keyboard.press("Enter")
    page.wait_for_url("**/tinh-thanh/lao-cai/")


def test_a_unit_s_card_and_page_count_the_same_targets_as_met(build_site):
    # One rule (hooks/_progress.py Status.met): a target above its level counts as met on the page, in its
    # chart and on its preview card alike (the card once left out "over").
    plan = (FIXTURES / "plans/data/plans/hai-phong-cu.yml").read_text(encoding="utf-8")
    reported = plan.replace("        value: 7\n        unit: doanh-nghiep\n", """        value: 7
        unit: doanh-nghiep
        progress:
          - as_of: 01/06/2025
            value: 9
            source: {name: Báo cáo thử nghiệm, url: https://example.org/bao-cao}
""", 1)
    assert reported != plan
    from test_plans import REAL_PLAN_FILES, fixture_files

    built = build_site(fixture_files({"data/plans/hai-phong-cu.yml": reported}), remove=REAL_PLAN_FILES)
    assert built.ok, built.log
    html = built.text("tinh-thanh/hai-phong-cu/")
    assert "Vượt chỉ tiêu: 9 doanh nghiệp" in html
    met = re.search(r"<li><strong>(\d+)</strong> chỉ tiêu đã đạt</li>", html)
    card = re.search(r'<meta property="og:image:alt" content="([^"]*)"', html).group(1)
    assert met and met.group(1) == "1", html
    assert "· 1 chỉ tiêu đã đạt" in card, card
