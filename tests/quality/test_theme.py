"""Material's templates are patched as they load (hooks/_theme.py), never copied into overrides/."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from jinja2 import Environment, FileSystemLoader
from mkdocs.exceptions import PluginError

import _theme
from quality.checkers import ROOT

MATERIAL = Path(material.__file__).parent / "templates"


def test_no_template_of_materials_is_copied_into_overrides():
    ours = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*.html")}
    # main.html is the extension point; the search box, translations, footer, logo and 404 are the project's own.
    copied = sorted(name for name in ours & {p.relative_to(MATERIAL).as_posix() for p in MATERIAL.rglob("*.html")}
                    if name not in {"main.html", "partials/search.html", "partials/language.html",
                                    "partials/copyright.html", "partials/logo.html", "404.html"})
    assert copied == [], f"copies of Material's templates in overrides/: {copied}; patch them in hooks/_theme.py"


@pytest.mark.parametrize("name", sorted(_theme.PATCHES))
def test_every_patch_applies_to_the_installed_material(name: str):
    env = Environment(loader=FileSystemLoader([str(MATERIAL)]))
    source, _, _ = _theme.PatchingLoader(env.loader).get_source(env, name)
    for old, new in _theme.PATCHES[name]:
        if isinstance(old, re.Pattern):  # Material's text carries a digest: the pattern's one match is replaced
            assert old.search(source) is None
            match = old.search(env.loader.get_source(env, name)[0])
            assert match.expand(new) in source
        else:
            assert new in source
            assert old not in source or old in new


def test_a_patch_that_no_longer_applies_stops_the_build_with_the_template_named():
    env = Environment(loader=FileSystemLoader([str(MATERIAL)]))
    env.loader = _theme.PatchingLoader(env.loader, {"partials/toc.html": (("<not in material>", "x"),)})
    with pytest.raises(PluginError) as err:
        _theme.install(env)
    assert "Mẫu giao diện partials/toc.html" in str(err.value)
    assert "'<not in material>'" in str(err.value)


def test_the_built_pages_carry_the_patches(real_site):
    page = (real_site.site / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    assert 'id="__drawer">' in page and 'id="__search">' in page  # no autocomplete on checkboxes
    assert "nscl-search-button" in page and 'data-md-component="source"' not in page


def test_compiled_templates_are_shared_yet_a_changed_template_is_drawn_from_its_new_text(build_site, tmp_path):
    """Compiled templates are kept between builds in one folder, keyed by name only (hooks/theme.py), so that
    sites in other folders share them: a template whose text changed must still be compiled again."""
    cache = tmp_path / "compiled"
    first = build_site(env={"NSCL_TEMPLATE_CACHE": str(cache)})
    assert first.ok, first.log
    assert len(list(cache.iterdir())) > 20, "the build kept no compiled template"
    name = "overrides/partials/nscl-search-button.html"
    changed = (ROOT / name).read_text(encoding="utf-8") + '<span class="nscl-test-mark">Đã sửa mẫu</span>\n'
    second = build_site({name: changed}, env={"NSCL_TEMPLATE_CACHE": str(cache)})
    assert second.ok, second.log
    assert "nscl-test-mark" not in first.text("")
    assert "Đã sửa mẫu" in second.text("")
    # And back: the first text again, though the folder now holds the changed one's code.
    third = build_site(env={"NSCL_TEMPLATE_CACHE": str(cache)})
    assert "nscl-test-mark" not in third.text("")
