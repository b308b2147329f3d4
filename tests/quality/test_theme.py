"""Material templates copied into overrides/ to fix checker findings stay Material's, plus only the listed fixes."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from quality.checkers import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
GENERATED = "{#-\n  This file was automatically generated - do not edit\n-#}\n"

# Each copied template, and the (Material's text, ours) replacements that make our copy. A fix that can be
# made in a block or a partial of our own does not belong here: only lines outside any block do, or a line
# inside a block that an override would otherwise have to copy whole.
PATCHES: dict[str, list[tuple[str, str]]] = {
    # Nu Html Checker: "Attribute “autocomplete” is only allowed when the input type is ...": not checkboxes.
    "base.html": [
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
        # Speed (issue 8): the sidebar navigation through the fragment cache. Overriding the site_nav block
        # instead would copy the whole block (and its hide logic) into main.html, where no test re-derives it.
        ('{% include "partials/nav.html" %}',
         '{% call nscl_cached("nav", page, nav, base_url) %}{% include "partials/nav.html" %}{% endcall %}'),
    ],
    # Nu Html Checker: 'Bad value “” for attribute “tabindex”' on a section label of the navigation tabs.
    "partials/nav-item.html": [
        ('tabindex="{{ tabindex }}">', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
    ],
    # Nu Html Checker: "The value of the “for” attribute of the “label” element must be the ID of a non-hidden
    # form control": pages kept out of the navigation have no #__toc checkbox for the label to point at.
    "partials/toc.html": [
        ('    <label class="md-nav__title" for="__toc">\n'
         '      <span class="md-nav__icon md-icon"></span>\n'
         '      {{ title }}\n'
         '    </label>\n',
         '    {% if page in nav.pages %}\n'
         '      <label class="md-nav__title" for="__toc">\n'
         '        <span class="md-nav__icon md-icon"></span>\n'
         '        {{ title }}\n'
         '      </label>\n'
         '    {% else %}\n'
         '      <div class="md-nav__title">{{ title }}</div>\n'
         '    {% endif %}\n'),
    ],
}


def derive(name: str) -> str:
    """Our copy of Material's `name`, less its "generated" header, with PATCHES applied (each exactly where listed)."""
    text = (MATERIAL / name).read_text(encoding="utf-8")
    assert text.startswith(GENERATED), name
    text = text[len(GENERATED):]
    for old, new in PATCHES[name]:
        assert old in text, f"Material's {name} no longer contains {old!r}"
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("name", sorted(PATCHES))
def test_copied_material_template_differs_only_by_its_fixes(name: str):
    ours = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    assert ours.startswith("{#-\n  Material 9.8.1's "), f"overrides/{name}: header comment saying what it is"
    body = ours[ours.index("-#}\n") + 4:]
    assert body == derive(name), (
        f"overrides/{name} has drifted from Material's: after upgrading Material, copy it again and re-apply "
        f"the fixes listed in tests/quality/test_theme.py (PATCHES)")
