"""Material's navigation drawn once per kind of page instead of once per page (measured: see README, Benchmark).

Material draws the navigation tabs and the sidebar's navigation for every page. For a page that is not
itself in the navigation (an article, a video, a listing), both come out the same for every page of
the same folder: their links are relative to the page's folder, and the only page-dependent state is
which navigation items are active. So each such variant is drawn once per build and reused.

Used from templates as `{% call nscl_fragment("tabs", page, nav) %}...{% endcall %}` (overrides/main.html
for the tabs; partials/nscl-search-button.html for the header's search box, the same on every page of a
folder; a patch of base.html in hooks/_theme.py for the sidebar's navigation). A page that is in
the navigation, or has navigation pages below it, is always drawn afresh. `NSCL_FRAGMENTS=0` turns the
cache off (the tests build with and without it and compare every byte).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterator
from typing import Any


class Fragments:
    """One build's drawn fragments, by name and variant."""

    def __init__(self) -> None:
        self.on = os.environ.get("NSCL_FRAGMENTS", "1") != "0"
        self._drawn: dict[tuple[Any, ...], str] = {}
        self.reused = 0
        self._page: Any = None
        self._variant: tuple[Any, ...] | None = None

    def __call__(self, name: str, page: Any, nav: Any, *, caller: Callable[[], str]) -> str:
        """The fragment `name` for `page`: drawn by `caller`, or the copy drawn for a page of the same variant."""
        variant = self._variant_of(page, nav) if self.on and page is not None and nav is not None else None
        if variant is None:
            return caller()
        key = (name, *variant)
        if key in self._drawn:
            self.reused += 1
        else:
            self._drawn[key] = caller()
        return self._drawn[key]

    @property
    def drawn(self) -> int:
        """How many variants were drawn."""
        return len(self._drawn)

    def _variant_of(self, page: Any, nav: Any) -> tuple[Any, ...] | None:
        """The page's folder and the active navigation items; None for a page the navigation draws itself."""
        if page is not self._page:
            self._page = page
            own = page.url in {p.url for p in nav.pages} or any(p.url.startswith(page.url) for p in nav.pages)
            self._variant = None if own or not page.url else (
                posixpath.dirname(page.url.rstrip("/")), page.url.endswith("/"), tuple(_active(nav.items)))
        return self._variant


def _active(items: list[Any]) -> Iterator[str]:
    """The titles of the active navigation items, depth first."""
    for item in items:
        if item.active:
            yield item.title or ""
            yield from _active(getattr(item, "children", None) or [])
