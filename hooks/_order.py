"""The order of the build's steps, in one table: MkDocs runs every handler of an event by its priority (higher
first), so the order of `hooks:` in mkdocs.yml changes nothing (tests/test_foundation.py builds the site
with that list reversed and compares every byte).

Handlers of one event at the same priority do not depend on each other.
"""

from __future__ import annotations

# hooks/model.py: the build and the content model, before any hook reads them.
MODEL = 100
# The hooks that make pages from the model: pages join the site (its sitemap, its render order) in this order.
NEWS = 50
VIDEOS = 40
UNITS = 30
HOME = 20
FEEDS = 10
# hooks/validation.py `on_files`: every problem of the run is known once every page is made.
REPORT = -100
# hooks/sanitize.py `on_page_content`: an editor's HTML is cleaned before any other hook reads it.
SANITIZE = 100
# hooks/feeds.py `on_page_content`: an article's HTML as the other hooks left it (images sized).
CAPTURE = -50
# hooks/theme.py `on_page_markdown`: titles escaped after every hook set them; hooks/search.py `on_env`: pages
# kept out of search render last; hooks/preview.py `on_nav`: every page's view is known; hooks/validation.py
# `on_post_build`: the preview's last line says the build is done.
LAST = -100
