"""The home page's view: the latest news and videos, the national headline figures and the small map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from _articles import Article
from _cards import Card
from _content import Model
from _figures import Figure
from _map import MapView, unit_map
from _pages import PageView
from _videos import Video

LATEST_NEWS = 6
LATEST_VIDEOS = 4


def home_card(site: str) -> Card:
    """The home page's card, which every page without a card of its own shares."""
    return Card("Trang thông tin", site, "Tin tức · Video · Kế hoạch của các tỉnh, thành phố",
                "Chương trình quốc gia 2021-2030 · Quyết định 1322/QĐ-TTg")


@dataclass(frozen=True)
class HomeView(PageView):
    """The few items the home page shows (constant work, whatever the site's size)."""

    template: ClassVar[str] = "home.html"

    articles: tuple[Article, ...]
    videos: tuple[Video, ...]
    figures: tuple[Figure, ...]
    map: MapView | None

    def card(self, site: str, title: str) -> tuple[Card, str, int | None]:
        """The site's own card."""
        return home_card(site), "mkdocs.yml", None


def home_view(m: Model) -> HomeView:
    """The home page's view from the content model."""
    return HomeView(tuple(m.articles[:LATEST_NEWS]), tuple(m.videos[:LATEST_VIDEOS]), tuple(m.figures),
                    unit_map(m.grid, m.registry, m.planned))
