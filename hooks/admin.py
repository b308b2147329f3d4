"""The content editor at /admin/: Decap CMS, its generated configuration and the page that loads it.

`admin/config.yml` is generated at every build from the registries the validation uses (hooks/_cms.py);
`admin/index.html` is rendered from `overrides/admin/index.html`. The CMS's script and the preview
templates are plain files under `overrides/admin/`, which MkDocs copies as theme files. None of this is a
page: it is not in the navigation, the sitemap, the search index or any feed or listing, and no public
page links to or loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import normalize_url

from _cms import DECAP_VERSION, article_fields, cms_config, offered_keys, sources, to_yaml, video_fields
from _state import build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

ADMIN_DIR = "admin/"
log = get_plugin_logger("nscl")


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the editor's configuration and page, generated from this build's registries."""
    b = build()
    s = sources(b.model, b.root, config)
    # A field the form writes but the validation does not know would be a warning in every edited file:
    # say so at build time (a warning, so `--strict` fails) instead of after an editor saves.
    for what, offered, accepted in (("tin tức", offered_keys(article_fields(s)), s.article_fields),
                                    ("video", offered_keys(video_fields(s)), s.video_fields)):
        for key in sorted(offered - accepted):
            log.warning(f"Trình biên tập /admin/ ({what}): trường '{key}' không có trong danh sách trường được "
                        "kiểm tra; sửa hooks/_cms.py")
    template = config.theme.get_env().get_template("admin/index.html")
    # The site's own icon, relative to /admin/: without a link the browser asks for /favicon.ico, which is not there.
    page = template.render(decap_version=DECAP_VERSION, favicon=normalize_url(config.theme["favicon"], base=".."),
                           units={c.value: c.label for c in s.units},
                           topics={c.value: c.label for c in s.topics}, kinds={c.value: c.label for c in s.kinds})
    config_data = cms_config(s)
    # The preview's builds reuse the text while the configuration is the same.
    text = b.cache.get("editor", "config.yml", repr(config_data))
    if text is None:
        text = to_yaml(config_data)
        b.cache.put("editor", "config.yml", repr(config_data), text)
    for name, content in (("config.yml", text), ("index.html", page)):
        existing = files.get_file_from_path(ADMIN_DIR + name)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, ADMIN_DIR + name, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files
