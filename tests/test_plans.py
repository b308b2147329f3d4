"""Plans (issue 4): comparators, progress and "no data", merger links, validation messages, open data, real data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from _plans import CountRule, Group, Measure, Period, Target
from _progress import Counted, evaluate
from conftest import ROOT, Built

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "plans"
PLANS = ROOT / "data" / "plans"
# Every real plan file except the shared catalogue: fixture sites bring their own plans.
REAL_PLAN_FILES = tuple(f"data/plans/{p.name}" for p in sorted(PLANS.glob("*.yml")) if p.name != "_danh-muc.yml")
# The fixture's plan of Hải Dương: its page holds every target with its progress (issue 24).
HD_PLAN = "tinh-thanh/hai-duong/qd-1-2021/"
REQUIRED_FIELDS = ("unit_slug", "plan_number", "indicator", "comparator", "value", "min", "max", "unit",
                   "period_start", "period_end", "progress_value", "progress_as_of", "source_url")


def fixture_files(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The plans fixture (plans, videos, one article) as a `files=` mapping, with `extra` on top."""
    files = {p.relative_to(FIXTURE).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted(FIXTURE.rglob("*")) if p.is_file()}
    files.update(extra or {})
    return files


@pytest.fixture
def build_plans(build_site):
    """Build the minimal site with the plans fixture instead of the real plans."""

    def _build(extra: dict[str, str] | None = None, *, only: dict[str, str] | None = None, **kwargs) -> Built:
        files = only if only is not None else fixture_files(extra)
        return build_site(files, remove=REAL_PLAN_FILES, **kwargs)

    return _build


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Built:
    """The plans fixture built once for the read-only tests of this module."""
    from conftest import make_site, run_build

    root = make_site(tmp_path_factory.mktemp("plans"), files=fixture_files(), remove=REAL_PLAN_FILES)
    built = run_build(root)
    assert built.ok, built.log
    return built


def text_of(html: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def target_html(page: str, target_id: str) -> str:
    """The `<li>` of one target on a page."""
    match = re.search(rf'<li class="nscl-target" id="{re.escape(target_id)}".*?</li>', page, re.S)
    assert match, f"{target_id} not on the page"
    return match.group(0)


def progress_text(page: str, target_id: str) -> str:
    """The visible progress sentence of one target."""
    item = target_html(page, target_id)
    return text_of(re.search(r'<p class="nscl-progress__text">(.*?)</p>', item, re.S).group(1))


def level_text(page: str, target_id: str) -> str:
    """The target's level as shown (`Trên 500 lượt người`)."""
    item = target_html(page, target_id)
    return text_of(re.search(r'<span class="nscl-target__value">(.*?)</span>', item, re.S).group(1))


# ---------------------------------------------------------------------------------------------
# Comparators, progress, "no data" vs 0


@pytest.mark.parametrize(("target_id", "level"), [
    ("fx-count-phong-su", "10 phóng sự"),
    ("fx-min-tro-len", "30 doanh nghiệp trở lên"),
    ("fx-min-tren", "Trên 500 lượt người"),
    ("fx-range-in", "Từ 100 đến 150 doanh nghiệp"),
    ("fx-pct", "Phấn đấu 50%"),
    ("fx-min-pct", "Trên 70%"),
])
def test_each_comparator_is_shown_as_the_document_words_it(fixture_site, target_id, level):
    assert level_text(fixture_site.text(HD_PLAN), target_id) == level


def test_minimum_met_exactly_and_strict_minimum_not_yet(fixture_site):
    page = fixture_site.text(HD_PLAN)
    assert progress_text(page, "fx-min-tro-len").startswith("Đạt chỉ tiêu: 30 doanh nghiệp (100% chỉ tiêu)")
    # "Trên 500" means more than 500: exactly 500 is not there yet.
    assert progress_text(page, "fx-min-tren").startswith("Đang thực hiện: 500 lượt người (100% chỉ tiêu)")


def test_range_inside_and_percentage(fixture_site):
    page = fixture_site.text(HD_PLAN)
    assert progress_text(page, "fx-range-in").startswith("Đạt, trong khoảng chỉ tiêu: 120 doanh nghiệp ·")
    assert progress_text(page, "fx-pct").startswith("Đang thực hiện: 25% (50% chỉ tiêu)")


def test_no_data_is_not_zero(fixture_site):
    page = fixture_site.text(HD_PLAN)
    none, zero = target_html(page, "fx-none"), target_html(page, "fx-zero")
    assert progress_text(page, "fx-none") == "Chưa có số liệu"
    assert 'data-state="no-data"' in none and "nscl-bar__fill" not in none
    assert progress_text(page, "fx-zero") == "Đang thực hiện: 0 doanh nghiệp (0% chỉ tiêu) · số liệu đến 01/06/2026"
    assert 'data-state="below"' in zero and 'style="width: 0.00%"' in zero
    rows = {r["target_id"]: r for r in csv.DictReader(io.StringIO(fixture_site.text("du-lieu-mo/chi-tieu.csv")))}
    assert rows["fx-none"]["progress_value"] == "" and rows["fx-none"]["progress_as_of"] == ""
    assert rows["fx-zero"]["progress_value"] == "0" and rows["fx-zero"]["progress_as_of"] == "2026-06-01"
    records = {r["target_id"]: r for r in json.loads(fixture_site.text("du-lieu-mo/chi-tieu.json"))["records"]}
    assert records["fx-none"]["progress_value"] is None
    assert records["fx-zero"]["progress_value"] == 0


def test_over_achievement_is_shown_not_clipped(fixture_site):
    page = fixture_site.text(HD_PLAN)
    assert progress_text(page, "fx-over") == (
        "Vượt chỉ tiêu: 6 doanh nghiệp (150% chỉ tiêu) · số liệu đến 30/06/2025 · kỳ đã kết thúc ngày 31/12/2025")
    bar = target_html(page, "fx-over")
    # The bar's scale grows to the figure: the fill is full and the target mark sits at 4/6 of it.
    assert 'class="nscl-bar__fill" style="width: 100.00%"' in bar
    assert 'class="nscl-bar__target" style="left: 66.67%"' in bar
    assert "Báo cáo giữa năm 2025" in bar and "2 lần cập nhật" in bar


def test_above_a_range_and_reported_after_the_period_say_so(fixture_site):
    page = fixture_site.text(HD_PLAN)
    assert progress_text(page, "fx-range-over") == (
        "Vượt mức trên của khoảng: 160 doanh nghiệp · số liệu đến 15/03/2026 · "
        "ghi nhận sau khi kỳ đã kết thúc (31/12/2025)")
    bar = target_html(page, "fx-range-over")
    assert 'class="nscl-bar__band" style="left: 62.50%; width: 31.25%"' in bar


def test_progress_bar_is_text_first_for_screen_readers(fixture_site):
    page = fixture_site.text(HD_PLAN)
    # Every bar is decorative; the sentence before it carries the figures.
    bars = re.findall(r'<div class="nscl-bar[^"]*"[^>]*>', page)
    assert len(bars) == 10
    for bar in bars:
        assert 'aria-hidden="true"' in bar
    assert "<script" not in target_html(page, "fx-over")


def test_count_rule_counts_published_videos_of_the_kind_unit_and_period(fixture_site):
    page = fixture_site.text(HD_PLAN)
    # Two phóng sự of Hải Dương in 2026; not the 2025 one, the tọa đàm, Hải Phòng's, nor the scheduled one.
    assert progress_text(page, "fx-count-phong-su") == (
        "Trang này ghi nhận 2 phóng sự (20% chỉ tiêu) · số liệu đến 22/11/2026")
    item = target_html(page, "fx-count-phong-su")
    assert 'href="../../../video/tinh/hai-duong/"' in item and "Phóng sự về Hải Dương" in item


def test_count_rule_without_a_video_catalogue_is_no_data_and_an_empty_count_is_zero():
    rule = CountRule("videos", "phong-su", None, "data/plans/hai-duong.yml", 20)
    target = Target(id="x", indicator="Phóng sự", group=Group("tuyen-truyen", "Tuyên truyền"), comparator="eq",
                    unit=Measure("phong-su", "phóng sự"), period=Period(dt.date(2026, 1, 1), dt.date(2030, 12, 31)),
                    value=10, count=rule)
    day = dt.date(2026, 11, 22)
    assert evaluate(target, day, lambda t: None).state == "no-data"
    assert evaluate(target, day, lambda t: None).value is None
    zero = evaluate(target, day, lambda t: Counted(0, day, "Phóng sự", "video/tinh/hai-duong/"))
    assert (zero.state, zero.value, zero.method) == ("below", 0, "count")
    # Before the period starts nothing is counted yet.
    assert evaluate(target, dt.date(2025, 11, 22), lambda t: Counted(3, day, "", "")).state == "not-started"


# ---------------------------------------------------------------------------------------------
# Pages: merger links, news, feeds, open data links, edit links


def test_merger_links_both_ways(fixture_site):
    merged = text_of(fixture_site.text("tinh-thanh/hai-duong/"))
    current = fixture_site.text("tinh-thanh/hai-phong/")
    assert ("Từ ngày 01/07/2025, theo Nghị quyết 202/2025/QH15, Tỉnh Hải Dương hợp nhất vào Thành phố Hải Phòng, "
            "cùng với Thành phố Hải Phòng (cũ).") in merged
    assert '<a href="../hai-phong/">Thành phố Hải Phòng</a>' in fixture_site.text("tinh-thanh/hai-duong/")
    assert '<a href="../hai-duong/">Tỉnh Hải Dương</a>' in current
    assert '<a href="../hai-phong-cu/">Thành phố Hải Phòng (cũ)</a>' in current
    assert "Thành phố Hải Phòng được thành lập từ ngày 01/07/2025" in text_of(current)
    # The current unit's page lists the plans of every unit merged into it, each leading to its page; an old
    # link to one of their targets on this page goes on to the target's row there.
    assert '<a href="../hai-duong/qd-1-2021/">Quyết định 1/QĐ-UBND</a>' in current
    moved = json.loads(re.search(r'<script type="application/json" id="nscl-moved">(.*?)</script>', current,
                                 re.S).group(1))
    assert moved["fx-over"] == "../hai-duong/qd-1-2021/#fx-over"
    assert moved["fx-hp-tfp"].startswith("../hai-phong-cu/") and moved["fx-hp-tfp"].endswith("/#fx-hp-tfp")
    # The issuing unit's page keeps a row for each of its targets, at the address it always had.
    merged_page = fixture_site.text("tinh-thanh/hai-duong/")
    for target_id in ("fx-over", "fx-none"):
        row = re.search(rf'<li id="{target_id}" data-target-id="{target_id}"[^>]*>(.*?)</li>', merged_page, re.S)
        assert row and f'href="qd-1-2021/#{target_id}"' in row.group(1)


def test_province_page_lists_news_feeds_and_open_data(fixture_site):
    for unit in ("hai-duong", "hai-phong"):
        page = fixture_site.text(f"tinh-thanh/{unit}/")
        assert "Tin thử nghiệm về Hải Dương" in page
        assert f'href="../../nguon-tin/tinh/{unit}.xml"' in page and f'href="../../nguon-tin/tinh/{unit}.atom"' in page
        assert f'href="../../du-lieu-mo/tinh/{unit}.csv"' in page and 'href="../../du-lieu-mo/"' in page
    assert "Phóng sự thử nghiệm hai" in fixture_site.text("tinh-thanh/hai-duong/")


def test_index_and_overview(fixture_site):
    index = text_of(fixture_site.text("tinh-thanh/"))
    assert "Thành phố Hải Phòng Hải Dương Quyết định 1/QĐ-UBND (11/01/2021) 10" in index
    overview = fixture_site.text("tong-quan/")
    # The overview says each group in a few lines and leads to its page, where the units' targets and the
    # totals that agree are set side by side.
    block = text_of(re.search(r'<li class="nscl-group-block" id="nhom-ho-tro-doanh-nghiep">(.*?)</li>', overview,
                              re.S).group(1))
    assert block.startswith("Hỗ trợ doanh nghiệp")
    assert 'href="nhom/ho-tro-doanh-nghiep/"' in overview
    group = fixture_site.text("tong-quan/nhom/ho-tro-doanh-nghiep/")
    totals = text_of(re.search(r'<ul class="nscl-totals">(.*?)</ul>', group, re.S).group(1))
    assert totals.startswith("11 doanh nghiệp, thời kỳ 2021 - 2025, đúng bằng; cộng 2 chỉ tiêu của 2 đơn vị:")
    assert 'href="../../../tinh-thanh/hai-duong/qd-1-2021/#fx-over"' in group
    # Percentages are never summed, and national targets are shown with their source on their document's page.
    assert "Tỷ trọng TFP trong GRDP" in fixture_site.text("tong-quan/nhom/kinh-te/")
    assert 'href="qd-9-2020/"' in overview
    national = fixture_site.text("tong-quan/qd-9-2020/")
    assert "Nguồn quốc gia thử nghiệm" in national
    assert "Đạt chỉ tiêu: 102 doanh nghiệp (102% chỉ tiêu)" in text_of(national)


def test_edit_link_points_at_the_yaml_source(build_plans):
    built = build_plans(env={"REPO_URL": "https://github.com/example/nscl"})
    assert built.ok, built.log
    assert 'href="https://github.com/example/nscl/edit/main/data/plans/hai-duong.yml"' in built.text(
        "tinh-thanh/hai-duong/")
    assert "edit/main/content/tong-quan" not in built.text("tong-quan/")


def test_a_real_page_in_the_way_of_a_generated_one_is_an_error(build_plans):
    built = build_plans({"content/tinh-thanh/hai-duong.md": "# Trang viết tay\n"})
    assert not built.ok
    assert ("content/tinh-thanh/hai-duong.md, trường 'địa chỉ trang': cần một địa chỉ khác 'tinh-thanh/hai-duong/', "
            "nơi trang web tự tạo trang 'Tỉnh Hải Dương (đến 30/06/2025)' từ data/plans/hai-duong.yml (đổi tên hoặc "
            "xóa tệp này; với bài tin, đổi 'slug:'); đang là trùng địa chỉ.") in built.log


# ---------------------------------------------------------------------------------------------
# Validation: one message per mistake, naming file, line and field


HEAD = """\
unit: {unit}
documents:
  - id: qd-1-2021
    kind: quyet-dinh
    number: 1/QĐ-UBND
    date: 11/01/2021
    issuer: Ủy ban nhân dân
    title: Văn bản thử nghiệm
    period: 2021-2030
    source:
      name: Nguồn thử nghiệm
      url: https://example.org/nguon
    targets:
      - id: {target_id}
        indicator: Doanh nghiệp được hỗ trợ
        group: ho-tro-doanh-nghiep
"""


def plan_file(body: str, *, unit: str = "hai-duong", target_id: str = "fx-a") -> str:
    """A one-target plan; `body` lines go under the target, from line 17 on."""
    lines = "".join(f"        {line}\n" for line in body.strip().splitlines())
    return HEAD.format(unit=unit, target_id=target_id) + lines


def line_of(text: str, needle: str) -> int:
    """The 1-based line where `needle` first appears."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


ERROR_CASES = {
    "min-greater-than-max": (
        "comparator: range\nmin: 150\nmax: 100\nunit: doanh-nghiep", "max: 100",
        "trường 'documents[0].targets[0].max': cần một số không nhỏ hơn 'min' (150); đang là '100'."),
    "period-outside-plan": (
        "comparator: eq\nvalue: 5\nunit: doanh-nghiep\nperiod: 2019-2025", "period: 2019",
        "trường 'documents[0].targets[0].period': cần một thời kỳ nằm trong thời kỳ của văn bản (2021 - 2030); "
        "đang là '2019 - 2025'."),
    "percentage-over-100": (
        "comparator: pct\nvalue: 120\nunit: phan-tram", "value: 120",
        "trường 'documents[0].targets[0].value': cần một tỷ lệ phần trăm từ 0 đến 100; đang là '120'."),
    "minimum-percentage-over-100": (
        "comparator: min\nqualifier: tren\nvalue: 170\nunit: phan-tram", "value: 170",
        "trường 'documents[0].targets[0].value': cần một tỷ lệ phần trăm từ 0 đến 100; đang là '170'."),
    "non-numeric-value": (
        "comparator: eq\nvalue: 10-15\nunit: doanh-nghiep", "value: 10-15",
        "trường 'documents[0].targets[0].value': cần một số (dùng dấu chấm cho phần thập phân, ví dụ 7.5) "
        "không nhỏ hơn 0; đang là '10-15'."),
    "thousands-written-with-a-dot": (
        "comparator: eq\nvalue: 1.000\nunit: doanh-nghiep", "value: 1.000",
        "trường 'documents[0].targets[0].value': cần một số viết liền, không dùng dấu chấm ngăn hàng nghìn "
        "(một nghìn viết 1000); đang là '1.000'."),
    "unknown-unit-of-measure": (
        "comparator: eq\nvalue: 5\nunit: doanh-nghiepp", "unit: doanh-nghiepp",
        "trường 'documents[0].targets[0].unit': cần một đơn vị đo (data/plans/_danh-muc.yml) trong danh sách: "
        + ", ".join(f"'{u}'" for u in sorted(
            u["slug"] for u in yaml.safe_load((PLANS / "_danh-muc.yml").read_text(encoding="utf-8"))["units"]))
        + " (có phải 'doanh-nghiep'?); đang là 'doanh-nghiepp'."),
    "qualifier-that-does-not-fit": (
        "comparator: eq\nqualifier: tren\nvalue: 5\nunit: doanh-nghiep", "qualifier: tren",
        "trường 'documents[0].targets[0].qualifier': cần với comparator 'eq', một trong: 'khoang', 'phan-dau'; "
        "đang là 'tren'."),
    "unknown-phase": (
        "comparator: eq\nvalue: 5\nunit: doanh-nghiep\nphase: 2021-2025", "phase: 2021",
        "trường 'documents[0].targets[0].phase': cần mã một giai đoạn khai báo trong 'phases' của văn bản: "
        "(văn bản chưa có 'phases'); đang là '2021-2025'."),
    "unknown-video-kind": (
        "comparator: eq\nvalue: 5\nunit: phong-su\ncount:\n  content: videos\n  kind: phong-su-tv", "kind: phong-su-tv",
        "trường 'documents[0].targets[0].count.kind': cần một loại video có trong data/video-kinds.yml: "),
}


def test_figures_that_cannot_be_true_are_named(build_plans):
    # Issue 22: a figure dated after the build day (22/11/2026), two figures on one day, a figure ten times the
    # level (a warning: it may be true, but a slip in a unit or a decimal point is likelier).
    source = "source: {name: Báo cáo, url: https://example.org/bc}"
    text = plan_file(f"""comparator: eq
value: 5
unit: doanh-nghiep
progress:
  - as_of: 2026-06-01
    value: 3
    {source}
  - as_of: 2026-06-01
    value: 4
    {source}
  - as_of: 2026-11-23
    value: 4
    {source}
  - as_of: 2026-09-01
    value: 50
    {source}""")
    built = build_plans(only={"data/plans/hai-duong.yml": text})
    assert not built.ok and "Traceback" not in built.log
    file, field = "data/plans/hai-duong.yml", "trường 'documents[0].targets[0].progress"
    lines = [i for i, line in enumerate(text.splitlines(), 1) if "as_of:" in line]
    assert (f"{file}, dòng {lines[1]}, {field}[1].as_of': cần mỗi ngày một số liệu cho một chỉ tiêu (số liệu mới ghi "
            f"với ngày mới); đang là '01/06/2026, đã có số liệu ngày này ở dòng {lines[0]}'.") in built.log
    assert (f"{file}, dòng {lines[2]}, {field}[2].as_of': cần ngày của một số liệu đã báo cáo (không sau hôm nay, "
            "22/11/2026); đang là 23/11/2026.") in built.log
    assert (f"WARNING -  nscl: {file}, dòng {lines[3] + 1}, {field}[3].value': cần một số liệu cùng cỡ với mức chỉ "
            "tiêu (5 doanh nghiệp); đang là 50, gấp 10 lần: kiểm tra lại đơn vị đo và dấu thập phân (bảy phẩy năm "
            "viết 7.5).") in built.log
    # Nine times the level is news, not a slip.
    calm = build_plans(only={"data/plans/hai-duong.yml": text.replace("value: 50", "value: 45").replace(
        "as_of: 2026-11-23", "as_of: 2026-11-22").replace("  - as_of: 2026-06-01\n            value: 4", "  - as_of: "
                                                          "2026-07-01\n            value: 4")})
    assert calm.ok, calm.log


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_each_validation_error_names_file_line_and_field(build_plans, case):
    body, needle, message = ERROR_CASES[case]
    text = plan_file(body)
    built = build_plans(only={"data/plans/hai-duong.yml": text})
    assert not built.ok
    assert "Nội dung có 1 lỗi cần sửa trước khi xuất bản:" in built.log
    assert f"data/plans/hai-duong.yml, dòng {line_of(text, needle)}, {message}" in built.log


def test_unknown_unit_slug_names_the_file_and_suggests(build_plans):
    built = build_plans(only={"data/plans/ha-tay.yml": plan_file("comparator: eq\nvalue: 5\nunit: doanh-nghiep",
                                                                   unit="ha-tay")})
    assert not built.ok
    assert ("data/plans/ha-tay.yml, dòng 1, trường 'unit': cần slug tỉnh/thành có trong data/provinces.yml; "
            "đang là 'ha-tay' (có phải 'ha-nam'?).") in built.log


def test_a_current_unit_cannot_have_issued_a_2021_plan(build_plans):
    built = build_plans(only={"data/plans/hai-phong.yml": plan_file("comparator: eq\nvalue: 5\nunit: doanh-nghiep",
                                                                      unit="hai-phong")})
    assert not built.ok
    assert ("data/plans/hai-phong.yml, dòng 6, trường 'documents[0].date': cần một ngày Hải Phòng còn tồn tại "
            "(đơn vị ban hành là 'hai-phong'; văn bản trước 01/07/2025 ghi slug đơn vị cũ, ví dụ 'hai-phong-cu'); "
            "đang là '11/01/2021'.") in built.log


def test_duplicate_target_id_across_files(build_plans):
    body = "comparator: eq\nvalue: 5\nunit: doanh-nghiep"
    built = build_plans(only={"data/plans/hai-duong.yml": plan_file(body),
                              "data/plans/hai-phong-cu.yml": plan_file(body, unit="hai-phong-cu")})
    assert not built.ok
    assert ("data/plans/hai-phong-cu.yml, dòng 14, trường 'documents[0].targets[0].id': cần mỗi chỉ tiêu một mã "
            "riêng trong data/plans; đang là 'fx-a', đã dùng ở data/plans/hai-duong.yml, dòng 14.") in built.log


def test_all_mistakes_of_a_file_are_reported_in_one_run(build_plans):
    text = plan_file("comparator: range\nmin: 150\nmax: 100\nunit: doanh-nghiepp\nperiod: 2019-2025")
    built = build_plans(only={"data/plans/hai-duong.yml": text})
    assert not built.ok
    assert "Nội dung có 3 lỗi cần sửa trước khi xuất bản:" in built.log


def test_a_valid_minimal_plan_builds(build_plans):
    built = build_plans(only={"data/plans/hai-duong.yml": plan_file("comparator: eq\nvalue: 5\nunit: doanh-nghiep")})
    assert built.ok, built.log
    assert progress_text(built.text(HD_PLAN), "fx-a") == "Chưa có số liệu"


# ---------------------------------------------------------------------------------------------
# Open data


def read_open_data(built: Built, stem: str) -> tuple[list[dict[str, str]], dict]:
    """A CSV file (UTF-8, decoded strictly) and its JSON twin."""
    raw = built.path(f"du-lieu-mo/{stem}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    data = json.loads(built.path(f"du-lieu-mo/{stem}.json").read_bytes().decode("utf-8"))
    return rows, data


def as_csv_text(value: object) -> str:
    """How a JSON value reads in the CSV."""
    return "" if value is None else str(value)


@pytest.mark.parametrize("stem", ["chi-tieu", "quoc-gia", "tinh/hai-duong", "tinh/hai-phong"])
def test_open_data_csv_and_json_parse_and_agree(fixture_site, stem):
    rows, data = read_open_data(fixture_site, stem)
    assert rows and len(rows) == len(data["records"])
    assert list(rows[0]) == data["fields"]
    assert set(REQUIRED_FIELDS) <= set(data["fields"])
    for row, record in zip(rows, data["records"], strict=True):
        assert row == {k: as_csv_text(v) for k, v in record.items()}
    assert data["license"] == "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"
    assert {r["comparator"] for r in rows} <= {"eq", "min", "range", "pct"}


def test_open_data_has_every_target_and_progress_entry(fixture_site):
    rows, _ = read_open_data(fixture_site, "chi-tieu")
    by_target: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_target.setdefault(row["target_id"], []).append(row)
    assert len(by_target) == 13
    assert [r["progress_value"] for r in by_target["fx-over"]] == ["3", "6"]
    assert by_target["fx-range-over"][0]["min"] == "100" and by_target["fx-range-over"][0]["max"] == "150"
    assert by_target["fx-range-over"][0]["value"] == ""
    assert by_target["fx-count-phong-su"][0]["progress_method"] == "count"
    assert by_target["fx-qg-mo-hinh"][0]["level"] == "national"
    page = text_of(fixture_site.text("du-lieu-mo/"))
    assert "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)" in page
    for name in REQUIRED_FIELDS:
        assert name in page


# ---------------------------------------------------------------------------------------------
# The real data: every numeric target of the five sources, exactly, on its page and in the open data


# Written from ../shared/sources, independently of data/plans: (unit, target id) -> level as shown.
REAL_TARGETS = {
    ("hai-duong", "hai-duong-phong-su-2021-2025"): "10 phóng sự",
    ("hai-duong", "hai-duong-toa-dam-2021-2025"): "1 tọa đàm",
    ("hai-duong", "hai-duong-video-2021-2025"): "20 video",
    ("hai-duong", "hai-duong-dn-chung-nhan-2021-2025"): "Từ 100 đến 150 doanh nghiệp",
    ("hai-duong", "hai-duong-dn-truy-xuat-2021-2025"): "5 doanh nghiệp",
    ("hai-duong", "hai-duong-phong-su-2026-2030"): "10 phóng sự",
    ("hai-duong", "hai-duong-toa-dam-2026-2030"): "1 tọa đàm",
    ("hai-duong", "hai-duong-video-2026-2030"): "20 video",
    ("hai-duong", "hai-duong-dn-chung-nhan-2026-2030"): "Từ 100 đến 150 doanh nghiệp",
    ("hai-duong", "hai-duong-dn-truy-xuat-2026-2030"): "10 doanh nghiệp",
    ("an-giang-cu", "an-giang-cu-dao-tao-can-bo-2021-2025"): "Tối thiểu 100 người",
    ("an-giang-cu", "an-giang-cu-chuyen-gia-2021-2025"): "5 chuyên gia",
    ("an-giang-cu", "an-giang-cu-he-thong-quan-ly-2021-2025"): "Tối thiểu 12 hệ thống quản lý",
    ("an-giang-cu", "an-giang-cu-cong-cu-2021-2025"): "Tối thiểu 15 công cụ",
    ("an-giang-cu", "an-giang-cu-ma-so-ma-vach-2021-2025"): "25 doanh nghiệp",
    ("an-giang-cu", "an-giang-cu-truy-xuat-2021-2025"): "8 doanh nghiệp",
    ("khanh-hoa-cu", "khanh-hoa-cu-chuyen-gia-2021-2025"): "Từ 10 đến 15 chuyên gia",
    ("khanh-hoa-cu", "khanh-hoa-cu-dao-tao-can-bo-2021-2025"): "Ít nhất 300 người",
    ("khanh-hoa-cu", "khanh-hoa-cu-dao-tao-doanh-nghiep-2021-2025"): "500 lượt người",
    ("khanh-hoa-cu", "khanh-hoa-cu-dn-ho-tro-2021-2025"): "Tối thiểu 50 doanh nghiệp",
    ("khanh-hoa-cu", "khanh-hoa-cu-dn-dong-bo-2021-2025"): "Ít nhất 3 doanh nghiệp",
    ("khanh-hoa-cu", "khanh-hoa-cu-nhiem-vu-khcn-2021-2025"): "Từ 5 đến 10 nhiệm vụ",
    ("khanh-hoa-cu", "khanh-hoa-cu-to-chuc-danh-gia-2021-2025"): "2 tổ chức",
    ("khanh-hoa-cu", "khanh-hoa-cu-trung-tam-khoi-nghiep-2021-2025"): "1 trung tâm",
    ("tuyen-quang-cu", "tuyen-quang-cu-dao-tao-2021-2025"): "Trên 500 lượt người",
    ("tuyen-quang-cu", "tuyen-quang-cu-chuyen-gia-2021-2025"): "Ít nhất 10 người",
    ("tuyen-quang-cu", "tuyen-quang-cu-dn-ho-tro-2021-2025"): "30 doanh nghiệp trở lên",
    ("tuyen-quang-cu", "tuyen-quang-cu-tuyen-truyen-truy-xuat-2021-2025"): "Phấn đấu 50%",
    ("tuyen-quang-cu", "tuyen-quang-cu-giai-thuong-2021-2025"): "2 doanh nghiệp",
    ("tuyen-quang-cu", "tuyen-quang-cu-ocop-nhan-hieu-2021-2025"): "Trên 70%",
    ("hai-phong-cu", "hai-phong-cu-tfp-grdp-2025"): "47%",
}
# Per-source checklist: how many numeric targets each source states.
SOURCE_COUNTS = {"hai-duong": 10, "an-giang-cu": 6, "khanh-hoa-cu": 8, "tuyen-quang-cu": 6, "hai-phong-cu": 1}
CURRENT = {"hai-duong": "hai-phong", "hai-phong-cu": "hai-phong", "an-giang-cu": "an-giang",
           "khanh-hoa-cu": "khanh-hoa", "tuyen-quang-cu": "tuyen-quang"}


def test_real_plan_files_hold_exactly_the_checklist():
    found: dict[tuple[str, str], None] = {}
    for path in sorted(PLANS.glob("*.yml")):
        if path.name.startswith("_"):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for doc in data["documents"]:
            for target in doc.get("targets", []):
                found[(data["unit"], target["id"])] = None
        assert sum(1 for unit, _ in found if unit == data["unit"]) == SOURCE_COUNTS[data["unit"]], path.name
    assert set(found) == set(REAL_TARGETS)


def test_real_data_builds_and_every_target_is_on_its_pages(real_site):
    assert "data/plans" not in real_site.log  # no warning or error about the real plan files
    rows, data = read_open_data(real_site, "chi-tieu")
    in_data = {r["target_id"] for r in rows}
    plan_of = {r["target_id"]: r["plan_id"] for r in rows}
    group_of = {r["target_id"]: r["group"] for r in rows}
    for (unit, target_id), level in REAL_TARGETS.items():
        plan_page = real_site.text(f"tinh-thanh/{unit}/{plan_of[target_id]}/")
        assert level_text(plan_page, target_id) == level, target_id
        assert f'<li id="{target_id}" data-target-id="{target_id}"' in real_site.text(f"tinh-thanh/{unit}/")
        current = real_site.text(f"tinh-thanh/{CURRENT[unit]}/")
        assert target_id in current  # a row, or where its old anchor leads
        assert f'data-target-id="{target_id}"' in real_site.text(f"tong-quan/nhom/{group_of[target_id]}/")
        assert target_id in in_data
    # No progress is invented: the provincial sources report none.
    reported = [r for r in rows if r["level"] == "provincial" and r["progress_method"] == "entry"]
    assert reported == []


def test_real_overview_names_the_national_sources(real_site):
    overview = real_site.text("tong-quan/qd-1322-2020/") + real_site.text("tong-quan/qd-36-2021/")
    for needle in ("1322/QĐ-TTg", "36/QĐ-TTg", "english.vov.vn", "thuviennhadat.vn", "vietnamnews.vn",
                   "Khoảng 65%", "Từ 30 đến 35 tỉnh, thành phố", "Trên 7,5%/năm"):
        assert needle in overview
