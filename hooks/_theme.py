"""Material's templates, changed where no block can be overridden: small patches applied as they load.

A patch is an exact piece of Material's text and what replaces it (or, where Material's text carries a
digest that changes with each release, a pattern that must match exactly once). Each is checked when the
build starts; if Material's text has changed (an upgrade), the build stops and names the template and the
piece, instead of the site silently losing a fix. No template of Material's is copied into overrides/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import MappingProxyType
from typing import TYPE_CHECKING

from jinja2 import BaseLoader
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from jinja2 import Environment

# Material's script tag at the end of base.html: its file name carries the bundle's digest.
MATERIAL_SCRIPT = re.compile(r"<script src=\"\{\{ '(assets/javascripts/bundle\.[0-9a-f]+\.min\.js)' \| url \}\}\">"
                             r"</script>")

# Each patched template: (Material's text or a pattern, ours), applied in order to every place the text appears
# (a pattern: to its one match).
PATCHES: dict[str, tuple[tuple[str | re.Pattern[str], str], ...]] = MappingProxyType({
    "base.html": (
        # Nu Html Checker: "autocomplete" is only allowed on text-like inputs, not checkboxes. Both toggles
        # sit outside any block of base.html.
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
        # Speed on a phone (issue 13, item 8): Material's script fetched as early as its tag would be (a
        # low-priority preload) but run by partials/nscl-material-script.html after the page is parsed, its
        # components mounted in a task of their own. tests/quality/test_lighthouse.py checks both.
        (MATERIAL_SCRIPT, "{% set nscl_material_js = '\\1' | url %}"
                          '<link rel="preload" href="{{ nscl_material_js }}" as="script" fetchpriority="low">'),
        ("      {% endfor %}\n    {% endblock %}\n  </body>",
         '      {% endfor %}\n      {% include "partials/nscl-material-script.html" %}\n'
         "    {% endblock %}\n  </body>"),
        # Speed: the sidebar's navigation through the fragment cache (hooks/_fragments.py). Overriding the
        # site_nav block instead would copy the whole block, table of contents and hide logic included.
        ('{% include "partials/nav.html" %}',
         '{% call nscl_fragment("nav", page, nav) %}{% include "partials/nav.html" %}{% endcall %}'),
    ),
    # The page title is escaped (it comes from front matter; MkDocs' Jinja does not autoescape), and the
    # header gets the project's Pagefind search box, since Material's search plugin is off.
    "partials/header.html": (
        ("{{ page.meta.title }}", "{{ page.meta.title | e }}"),
        ("{{ page.title }}", "{{ page.title | e }}"),
        ('{% if "material/search" in config.plugins %}',
         '{% include "partials/nscl-search-button.html" %}\n    {% if "material/search" in config.plugins %}'),
    ),
    # Nu Html Checker: 'Bad value "" for attribute "tabindex"' on a section label of the navigation tabs.
    "partials/nav-item.html": (
        ('tabindex="{{ tabindex }}">', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
    ),
    # Nu Html Checker: a <label for="__toc"> must point at a control; pages kept out of the navigation
    # (articles, generated pages) have no #__toc checkbox.
    "partials/toc.html": (
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
    ),
    # The light/dark switch is the site's own (partials/nscl-palette.html, included by overrides/main.html):
    # without data-md-component="palette" Material's script leaves the form alone (issue 13, item 8).
    "partials/palette.html": (
        ('<form class="md-header__option" data-md-component="palette">',
         '<form class="md-header__option" data-nscl-palette>'),
    ),
    # With data-md-component="source", Material's script asks api.github.com for stars and forks on every
    # first visit: a request to another host that a reader's browser should never make for this site.
    "partials/source.html": (
        (' data-md-component="source">', ">"),
    ),
})


class PatchingLoader(BaseLoader):
    """Loads every template through `inner`, with PATCHES applied to those listed."""

    def __init__(self, inner: BaseLoader,
                 patches: dict[str, tuple[tuple[str | re.Pattern[str], str], ...]] = PATCHES) -> None:
        self.inner = inner
        self.patches = patches

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        """The template's source, patched when listed."""
        source, filename, uptodate = self.inner.get_source(environment, template)
        for old, new in self.patches.get(template, ()):
            if isinstance(old, re.Pattern):
                source, count = old.subn(new, source)
                if count != 1:
                    raise PluginError(_stale(template, filename, old.pattern))
            elif old not in source:
                raise PluginError(_stale(template, filename, old))
            else:
                source = source.replace(old, new)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        """The inner loader's templates."""
        return self.inner.list_templates()


def install(env: Environment) -> None:
    """Load templates through the patches, and check every patch still applies (else stop the build)."""
    if not isinstance(env.loader, PatchingLoader):
        env.loader = PatchingLoader(env.loader)
    problems = []
    for name in sorted(env.loader.patches):
        try:
            env.loader.get_source(env, name)
        except PluginError as exc:
            problems.append(str(exc))
    if problems:
        raise PluginError("\n".join(problems))


def _stale(template: str, filename: str | None, old: str) -> str:
    """The message when Material's text for a patch is not there."""
    return (f"Mẫu giao diện {template} ({filename}) không còn chứa đoạn {old!r} mà hooks/_theme.py "
            f"sửa: Material đã đổi mẫu này. Xem lại bản sửa trong PATCHES của hooks/_theme.py.")
