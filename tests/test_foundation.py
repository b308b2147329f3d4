"""The foundation: validation messages, drafts and scheduling, slugs, registry, 404 under a sub-path."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from _problems import Problems  # noqa: E402
from _registry import load_registry  # noqa: E402

GOOD = """\
---
title: {title}
date: {date}
summary: Tóm tắt bài viết thử nghiệm.
provinces: [hai-duong]
topics: [truy-xuat-nguon-goc]
source:
  name: Bản tin KH&CN Hải Dương
  url: https://example.org/ban-tin
{extra}---

# {title}

Nội dung bài viết về năng suất chất lượng.
"""


def article(title: str = "Bài thử nghiệm", date: str = "2026-11-01", extra: str = "") -> str:
    """Front matter and body of a valid article, with `extra` lines added to the front matter."""
    return GOOD.format(title=title, date=date, extra=extra)


def test_three_mistakes_in_two_files_are_reported_together(build_site):
    built = build_site({
        "content/tin-tuc/bai-mot.md": """\
            ---
            title: Bài một
            date: 31/02/2026
            summary: Tóm tắt.
            provinces: [hai-duong, ha-tay]
            topics: [tfp]
            ---
            Nội dung.
            """,
        "content/tin-tuc/bai-hai.md": """\
            ---
            title: Bài hai
            date: 2026-01-05
            summary: Tóm tắt.
            topics: [tfp, nang-suat]
            ---
            Nội dung.
            """,
    })
    assert not built.ok
    assert "Nội dung có 3 lỗi cần sửa trước khi xuất bản:" in built.log
    assert ("content/tin-tuc/bai-hai.md, dòng 5, trường 'topics': cần chủ đề trong danh sách: "
            "'cong-cu-cai-tien', 'dao-tao-chuyen-gia',") in built.log
    assert "đang là 'nang-suat'." in built.log
    assert ("content/tin-tuc/bai-mot.md, dòng 3, trường 'date': cần một ngày có thật, dạng dd/mm/yyyy "
            "(ví dụ 28/09/2021) hoặc yyyy-mm-dd; đang là '31/02/2026' (tháng 2 năm 2026 chỉ có 28 ngày).") in built.log
    assert ("content/tin-tuc/bai-mot.md, dòng 5, trường 'provinces': cần slug tỉnh/thành có trong "
            "data/provinces.yml; đang là 'ha-tay' (có phải 'ha-nam'?).") in built.log
    # One message, not one run per problem: all three appear in the single failure.
    assert built.log.count("content/tin-tuc/") == 3


def test_missing_required_field_and_bad_url_name_line_and_field(build_site):
    built = build_site({"content/tin-tuc/thieu.md": """\
        ---
        title: Thiếu tóm tắt
        date: 2026-01-05
        topics: [tfp]
        source:
          name: Cổng thông tin
          url: javascript:alert(1)
        ---
        Nội dung.
        """})
    assert not built.ok
    # A missing field is named on the line that closes the front matter, where the editor adds it (not on the
    # title's line).
    assert ("content/tin-tuc/thieu.md, dòng 8, trường 'summary': cần một đoạn chữ tối đa 400 ký tự; "
            "đang là chưa có (trường bắt buộc).") in built.log
    assert ("content/tin-tuc/thieu.md, dòng 7, trường 'source.url': cần một địa chỉ web đầy đủ, bắt đầu bằng "
            "https:// hoặc http://; đang là 'javascript:alert(1)' (địa chỉ 'javascript:' không được dùng: chỉ nhận "
            "trang web http:// hoặc https://).") in built.log


def test_yaml_syntax_error_names_the_line(build_site):
    built = build_site({"content/tin-tuc/sai-cu-phap.md": """\
        ---
        title: Bài lỗi
        date: 2026-01-05
        summary: "Tóm tắt chưa đóng ngoặc
        topics: [tfp]
        ---
        Nội dung.
        """})
    assert not built.ok
    assert "content/tin-tuc/sai-cu-phap.md, dòng 6: cần cú pháp YAML hợp lệ" in built.log


def test_unknown_key_warns_and_fails_strict_only(build_site):
    files = {"content/tin-tuc/go-nham.md": article(extra="sumary: gõ nhầm tên trường\n")}
    expected = ("WARNING -  nscl: content/tin-tuc/go-nham.md, dòng 10, trường 'sumary': cần một trường đã biết: ")
    strict = build_site(files)
    assert not strict.ok
    assert expected in strict.log
    assert "(có phải 'summary'?); đang là một trường lạ (bị bỏ qua)." in strict.log
    lenient = build_site(files, strict=False)
    assert lenient.ok, lenient.log
    assert expected in lenient.log
    assert lenient.path("tin-tuc/go-nham/").exists()


def test_draft_and_scheduled_articles_are_held_back_and_logged(build_site):
    files = {
        "content/tin-tuc/da-dang.md": article("Đã đăng", "2026-11-01"),
        "content/tin-tuc/ban-nhap.md": article("Bản nháp", "2026-11-01", extra="draft: true\n"),
        "content/tin-tuc/hen-ngay.md": article("Hẹn ngày", "2026-11-23"),
    }
    today = build_site(files, day="2026-11-22")
    assert today.ok, today.log
    assert today.path("tin-tuc/da-dang/").exists()
    assert not today.path("tin-tuc/ban-nhap/").exists()
    assert not today.path("tin-tuc/hen-ngay/").exists()
    assert "INFO    -  nscl: Không xuất bản: content/tin-tuc/ban-nhap.md (bản nháp, draft: true)" in today.log
    assert "INFO    -  nscl: Không xuất bản: content/tin-tuc/hen-ngay.md (hẹn đăng ngày 23/11/2026)" in today.log
    sitemap = today.text("sitemap.xml")
    assert "tin-tuc/da-dang/" in sitemap and "ban-nhap" not in sitemap and "hen-ngay" not in sitemap

    tomorrow = build_site(files, day="2026-11-23")
    assert tomorrow.path("tin-tuc/hen-ngay/").exists()
    assert "hen-ngay.md" not in tomorrow.log
    assert not tomorrow.path("tin-tuc/ban-nhap/").exists()


def test_urls_and_anchors_are_ascii_and_survive_a_title_change(build_site):
    body = article("Đồng Nai và Đà Nẵng", extra="slug: dong-nai-da-nang\n") + "\n## Đà Nẵng hỗ trợ doanh nghiệp\n"
    built = build_site({"content/tin-tuc/Đồng Nai.md": article("Tin Đồng Nai"), "content/tin-tuc/x.md": body})
    assert built.ok, built.log
    assert built.path("tin-tuc/dong-nai/").exists()
    assert 'id="da-nang-ho-tro-doanh-nghiep"' in built.text("tin-tuc/dong-nai-da-nang/")
    renamed = build_site({"content/tin-tuc/x.md": body.replace("Đồng Nai và Đà Nẵng", "Tiêu đề đã sửa")})
    assert renamed.path("tin-tuc/dong-nai-da-nang/").exists()


def test_duplicate_slug_and_image_without_alt_fail(build_site):
    built = build_site({
        "content/tin-tuc/mot.md": article(extra="slug: trung\nimage: anh.jpg\n"),
        "content/tin-tuc/hai.md": article(extra="slug: trung\n") + "\n![](anh.jpg)\n",
    })
    assert not built.ok
    assert ("content/tin-tuc/mot.md, dòng 11, trường 'image_alt': cần lời mô tả ảnh cho người không nhìn thấy ảnh; "
            "đang là chưa có (bắt buộc khi có 'image').") in built.log
    assert "content/tin-tuc/hai.md, dòng 17, trường 'ảnh trong bài': cần lời mô tả ảnh" in built.log
    assert "content/tin-tuc/mot.md, trường 'slug': cần mỗi bài một địa chỉ riêng" in built.log
    assert "'trung', trùng với content/tin-tuc/hai.md." in built.log


def test_registry_knows_63_and_34_units_and_the_merger():
    problems = Problems()
    registry = load_registry(ROOT / "data/provinces.yml", "data/provinces.yml", problems)
    assert problems.errors == [] and problems.warnings == []
    before, after = registry.on(dt.date(2025, 6, 30)), registry.on(dt.date(2025, 7, 1))
    assert len(before) == 63 and len(after) == 34
    assert len({u.code for u in before}) == 63 and len({u.code for u in after}) == 34
    hai_duong = registry["hai-duong"]
    assert (hai_duong.name, hai_duong.code, hai_duong.until) == ("Tỉnh Hải Dương", "30", dt.date(2025, 6, 30))
    assert registry.successor("hai-duong").name == "Thành phố Hải Phòng"
    assert [u.slug for u in registry.members("hai-phong")] == ["hai-duong", "hai-phong-cu"]
    assert registry["an-giang"].code == "91" and registry["an-giang-cu"].code == "89"
    assert registry.successor("ha-noi") is None
    # Huế's change of type is a dated event: its old name is kept for dates before it.
    assert registry["hue"].name_on(dt.date(2024, 12, 31)) == "Tỉnh Thừa Thiên Huế"
    assert registry["hue"].name_on(dt.date(2025, 1, 1)) == "Thành phố Huế"
    # An unverified change is held, never published as fact.
    assert registry["dong-nai"].published_events() == []
    assert registry["dong-nai"].name_on(dt.date(2026, 11, 1)) == "Tỉnh Đồng Nai"


@pytest.mark.parametrize("site_url, prefix", [("https://example.org/nscl/", "/nscl/"), ("https://example.org/", "/")])
def test_404_page_works_at_root_and_under_a_sub_path(build_site, site_url, prefix):
    built = build_site(site_url=site_url)
    assert built.ok, built.log
    page = built.text("404.html")
    assert "Không tìm thấy trang (lỗi 404)" in page
    assert f'href="{prefix}assets/stylesheets/main.' in page
    assert f'<a href="{prefix}">về trang chủ</a>' in page


def test_site_is_vietnamese_and_loads_nothing_from_other_hosts(build_site):
    built = build_site()
    page = built.text("")
    assert '<html lang="vi"' in page
    assert "fonts.googleapis.com" not in page and "fonts.gstatic.com" not in page
    for src in page.split('src="')[1:]:
        assert not src.startswith(("http:", "https:", "//")), src[:80]


def test_registry_file_is_what_the_generator_writes(tmp_path):
    out = tmp_path / "provinces.yml"
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_registry

    reference = ROOT.parent / "shared" / "reference"
    if not reference.exists():
        pytest.skip("../shared/reference is not beside this clone")
    make_registry.main(reference, out)
    assert out.read_text(encoding="utf-8") == (ROOT / "data/provinces.yml").read_text(encoding="utf-8")


def test_home_lists_the_latest_six_articles_newest_first(build_site):
    files = {f"content/tin-tuc/bai-{i}.md": article(f"Bài số {i}", f"2026-10-{i + 10:02d}") for i in range(8)}
    built = build_site(files)
    assert built.ok, built.log
    home = built.text("")
    titles = [f"Bài số {i}" for i in range(7, 1, -1)]
    positions = [home.index(f">{t}</a>") for t in titles]
    assert positions == sorted(positions)
    assert ">Bài số 1</a>" not in home and ">Bài số 0</a>" not in home
    assert '<time datetime="2026-10-17">17/10/2026</time>' in home


def test_the_order_of_the_hooks_in_mkdocs_yml_changes_nothing(real_site, tmp_path):
    # Each hook's steps run in the order hooks/_order.py gives (MkDocs' event priorities), not in the order
    # mkdocs.yml lists them: the real site, built with that list reversed, is the same to the byte.
    from conftest import make_site, run_build

    root = make_site(tmp_path / "reversed", fixture=None, real_content=True)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    block = config[config.index("hooks:\n"):config.index("\nwatch:")]
    hooks = [line for line in block.splitlines() if line.startswith("  - hooks/")]
    assert len(hooks) > 10
    (root / "mkdocs.yml").write_text(config.replace(block, "hooks:\n" + "\n".join(reversed(hooks))), encoding="utf-8")
    assert "hooks:\n  - hooks/preview.py\n  - hooks/admin.py" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    built = run_build(root)
    assert built.ok, built.log
    assert built.files() == real_site.files()
