"""The accessibility statement, and the agency details of Nghị định 42/2022/NĐ-CP in every page's footer."""

from __future__ import annotations

import re

from quality.checkers import ROOT
from quality.conftest import ServedSite

PENDING = '<span class="nscl-pending">Đang cập nhật</span>'
# The footer while no agency detail is set: one line, not one placeholder per detail (issue 13).
FOOTER_PENDING = ('<span class="nscl-pending">thông tin về cơ quan chủ quản, địa chỉ, điện thoại, thư điện tử '
                  'đang được cập nhật</span>')


def _with_agency(**values: str) -> str:
    """The project's mkdocs.yml with `extra.agency` values replaced (only the keys given)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in values.items():
        text, count = re.subn(rf'(?m)^(    {key}: )"".*$', lambda m, v=value: m.group(1) + v, text)
        assert count == 1, f"mkdocs.yml has no empty extra.agency.{key}"
    return text


def _footer(html: str) -> str:
    """The footer text block of a page."""
    return html[html.index('<div class="md-copyright nscl-footer">'):html.index("</footer>")]


def test_every_page_names_the_agency_and_links_the_accessibility_statement(served_site: ServedSite):
    # admin/index.html is the editors' tool (hooks/admin.py), noindex and linked from no page: not a public page.
    pages = [p for p in served_site.html_files() if p.relative_to(served_site.site).parts[0] != "admin"]
    assert (served_site.site / "tiep-can" / "index.html") in pages
    for page in pages:
        footer = _footer(page.read_text(encoding="utf-8"))
        assert "<strong>Cơ quan chủ quản:</strong>" in footer, page
        assert "do Bộ Khoa học và Công nghệ chủ trì." in footer, page
        assert re.search(r'<a href="([^"]*tiep-can/|\./)">Tuyên bố về khả năng tiếp cận</a>', footer), page
    # The 404 page is served at any depth: its link is absolute, with the sub-path.
    assert '<a href="/nscl/tiep-can/">' in _footer((served_site.site / "404.html").read_text(encoding="utf-8"))


def test_unconfirmed_agency_details_read_being_updated(build_site):
    built = build_site()
    assert built.ok, built.log
    footer = _footer(built.text(""))
    assert footer.count(FOOTER_PENDING) == 1 and footer.count("nscl-pending") == 1
    # The accessibility statement still lists each detail, each "Đang cập nhật".
    assert built.text("tiep-can/").count(PENDING) == 4 if built.path("tiep-can/").exists() else True
    assert "tel:" not in footer and "mailto:" not in footer


def test_configured_agency_details_appear_in_the_footer_and_statement_escaped(build_site):
    built = build_site(
        files={"mkdocs.yml": _with_agency(name='"Cơ quan <thử nghiệm> & cộng sự"', address='"Số 1, phố Thử, Hà Nội"',
                                          phone='"024 0000 0000"', email="lienhe@example.org"),
               "content/tiep-can.md": (ROOT / "content" / "tiep-can.md").read_text(encoding="utf-8")})
    assert built.ok, built.log
    footer = _footer(built.text(""))
    assert "<strong>Cơ quan chủ quản:</strong> Cơ quan &lt;thử nghiệm&gt; &amp; cộng sự</p>" in footer
    assert "Địa chỉ: Số 1, phố Thử, Hà Nội</span>" in footer
    assert 'Điện thoại: <a href="tel:02400000000">024 0000 0000</a>' in footer
    assert 'Thư điện tử: <a href="mailto:lienhe@example.org">lienhe@example.org</a>' in footer
    assert PENDING not in footer
    statement = built.text("tiep-can/")
    assert "<h1 id=\"tuyen-bo-ve-kha-nang-tiep-can\">Tuyên bố về khả năng tiếp cận" in statement
    assert '<dd><a href="mailto:lienhe@example.org">lienhe@example.org</a></dd>' in statement
    assert "<dd>Cơ quan &lt;thử nghiệm&gt; &amp; cộng sự</dd>" in statement
