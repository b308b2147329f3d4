"""Nu Html Checker (vnu.jar, npm `vnu-jar`) on every built page: zero errors."""

from __future__ import annotations

from quality.checkers import run_vnu
from quality.conftest import ServedSite, timed


def test_every_built_page_is_valid_html(served_site: ServedSite):
    pages = served_site.html_files()
    assert served_site.site / "index.html" in pages and served_site.site / "404.html" in pages
    with timed(f"vnu: {len(pages)} pages of the real site"):
        errors = run_vnu(pages, relative_to=served_site.site)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(map(str, errors))


def test_vnu_catches_an_image_without_alt_and_an_invalid_element(planted_site: ServedSite):
    with timed("vnu: planted errors"):
        errors = run_vnu([planted_site.site / "index.html"], relative_to=planted_site.site)
    messages = {e.message for e in errors}
    assert "An “img” element must have an “alt” attribute, except under certain conditions. For details, consult " \
           "guidance on providing text alternatives for images." in messages, messages
    assert "The “blink” element is a completely-unknown element that is not allowed anywhere in any HTML " \
           "content." in messages, messages
    assert {e.file for e in errors} == {"index.html"}
