"""Long pages read on a phone (issue 24): the overview and every unit page in a few screens, a plan's or a
group's page in at most ten, measured in Debian's chromium on the real site after scrolling to the end."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from browser import page_height
from quality.conftest import ServedSite, timed

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PHONE, LAPTOP = (390, 844), (1366, 900)
# Screens a page may take: (phone, laptop); None: not limited.
LEADING = (6, 4)  # the overview and the unit pages: the answer first, details one tap away
DETAIL = (10, None)  # a plan document's page, a target group's page


def _kinds(served_site: ServedSite) -> dict[str, tuple[int, int | None]]:
    """Every page the limits apply to, with its limits."""
    site = served_site.site
    pages = {"tong-quan/": LEADING}
    pages.update({f"tinh-thanh/{p.parent.name}/": LEADING for p in site.glob("tinh-thanh/*/index.html")})
    pages.update({p.parent.relative_to(site).as_posix() + "/": DETAIL
                  for p in [*site.glob("tinh-thanh/*/*/index.html"), *site.glob("tong-quan/*/index.html"),
                            *site.glob("tong-quan/nhom/*/index.html")]
                  if p.parent.name != "nhom"})
    return dict(sorted(pages.items()))


def test_the_overview_and_unit_pages_fit_in_a_few_screens(served_site: ServedSite, browser: Browser):
    pages = _kinds(served_site)
    # Every kind is there: the overview, units with and without a plan, plan pages, group pages.
    assert {"tong-quan/", "tinh-thanh/hai-phong/", "tinh-thanh/cao-bang/", "tinh-thanh/hai-duong/qd-74-2021/",
            "tong-quan/qd-1322-2020/", "tong-quan/nhom/dao-tao/"} <= set(pages)
    too_long = []
    with timed(f"page length: {len(pages)} pages at two widths"):
        for width, height in (PHONE, LAPTOP):
            tab = browser.new_page(viewport={"width": width, "height": height})
            try:
                for rel, limits in pages.items():
                    limit = limits[0] if width == PHONE[0] else limits[1]
                    if limit is None:
                        continue
                    screens = page_height(tab, served_site.url + rel) / height
                    if screens > limit:
                        too_long.append(f"{rel} at {width}×{height}: {screens:.1f} screens (at most {limit})")
            finally:
                tab.close()
    assert not too_long, "\n".join(too_long)


@pytest.mark.parametrize("rel", ["tinh-thanh/hai-duong/qd-74-2021/"])
def test_a_long_page_is_measured_long(served_site: ServedSite, browser: Browser, rel: str):
    """The measure sees what a reader scrolls through: the plan page with its ten targets is over 4 screens
    on a phone, so a page that grew would be caught."""
    tab = browser.new_page(viewport={"width": PHONE[0], "height": PHONE[1]})
    try:
        assert page_height(tab, served_site.url + rel) / PHONE[1] > 4
    finally:
        tab.close()


@pytest.mark.parametrize(("old", "new"), [
    ("tong-quan/#quoc-gia-mo-hinh-diem-2021-2030", "tong-quan/qd-1322-2020/#quoc-gia-mo-hinh-diem-2021-2030"),
    ("tinh-thanh/cao-bang/#quoc-gia-mo-hinh-diem-2021-2030",
     "tong-quan/qd-1322-2020/#quoc-gia-mo-hinh-diem-2021-2030"),
    ("tinh-thanh/hai-phong/#hai-duong-phong-su-2021-2025",
     "tinh-thanh/hai-duong/qd-74-2021/#hai-duong-phong-su-2021-2025"),
])
def test_an_old_link_to_a_target_still_leads_to_it(served_site: ServedSite, browser: Browser, old: str, new: str):
    """Every target keeps one address: a link written before its details moved to its plan's page goes on to
    them, and the target is on screen there."""
    tab = browser.new_page(viewport={"width": PHONE[0], "height": PHONE[1]})
    try:
        tab.goto(served_site.url + old, wait_until="load")
        tab.wait_for_url(served_site.url + new)
        target = tab.locator(f"#{new.split('#')[1]}")
        assert target.is_visible() and "nscl-target" in (target.get_attribute("class") or "")
    finally:
        tab.close()


def test_a_target_of_the_unit_s_own_plan_keeps_its_row_on_the_unit_page(served_site: ServedSite, browser: Browser):
    tab = browser.new_page(viewport={"width": PHONE[0], "height": PHONE[1]})
    try:
        tab.goto(served_site.url + "tinh-thanh/hai-duong/#hai-duong-phong-su-2021-2025", wait_until="load")
        assert tab.url == served_site.url + "tinh-thanh/hai-duong/#hai-duong-phong-su-2021-2025"
        row = tab.locator("#hai-duong-phong-su-2021-2025")
        assert row.is_visible() and row.locator("a").get_attribute("href") == "qd-74-2021/#hai-duong-phong-su-2021-2025"
    finally:
        tab.close()
