"""Every address of the site, defined once: the hooks that make pages and feeds, the templates and the cards
read them here and never write a path of their own.

Addresses are relative to `site_url` and end with `/` for a page (the site builds with
`use_directory_urls: true`, which hooks/model.py checks). A generated page's source is `<address>index.md`
(`source_of`), so a page's address and its source never disagree. Templates reach this module as `urls`
(`{{ urls.topic(slug) | url }}`).
"""

from __future__ import annotations

from types import MappingProxyType

HOME = ""
NEWS = "tin-tuc/"
YEARS = "tin-tuc/nam/"
TOPICS = "chu-de/"
VIDEOS = "video/"
UNITS = "tinh-thanh/"
OVERVIEW = "tong-quan/"
OPEN_DATA = "du-lieu-mo/"
FEEDS = "nguon-tin/"
ABOUT = "gioi-thieu/"
ACCESSIBILITY = "tiep-can/"
ADMIN = "admin/"
SEARCH = "pagefind/"
CARDS = "assets/cards/"
COVERS = "assets/covers/"
VIDEO_SCRIPT = "assets/javascripts/nscl-video.js"
SEARCH_SCRIPT = "assets/javascripts/nscl-search.js"
FEED_STYLESHEET = "assets/feeds/feed.xsl"

# The anchor of a unit page's news section (counted news targets link there).
UNIT_NEWS_ANCHOR = "tin-tuc"
# Path segments under /video/ that the filter pages use: no video id may take them.
VIDEO_RESERVED = ("loai", "tinh", "trang")

# Feeds: the key of each channel is its path under FEEDS, without the extension of its format.
NEWS_FEED = "tin-tuc"
VIDEO_FEED = "video"
FEED_EXTENSIONS = MappingProxyType({"rss": ".xml", "atom": ".atom", "json": ".json"})


def article(slug: str) -> str:
    """An article: `tin-tuc/<slug>/` (the slug from `slug:` or the file name, never the title)."""
    return f"{NEWS}{slug}/"


def year(number: int) -> str:
    """The archive of one year: `tin-tuc/nam/2026/`."""
    return f"{YEARS}{number}/"


def topic(slug: str) -> str:
    """A topic's listing: `chu-de/<slug>/`."""
    return f"{TOPICS}{slug}/"


def video(video_id: str) -> str:
    """One video's page: `video/<id>/`."""
    return f"{VIDEOS}{video_id}/"


def video_kind(slug: str) -> str:
    """The videos of one kind: `video/loai/<kind>/`."""
    return f"{VIDEOS}loai/{slug}/"


def video_unit(slug: str) -> str:
    """The videos about one unit: `video/tinh/<unit>/`."""
    return f"{VIDEOS}tinh/{slug}/"


def unit(slug: str) -> str:
    """A unit's page: `tinh-thanh/<unit>/`."""
    return f"{UNITS}{slug}/"


def plan(unit_slug: str | None, plan_id: str) -> str:
    """A plan document's page, under its issuing unit's page (`tinh-thanh/<unit>/<plan>/`) or, for a national
    document, under the overview (`tong-quan/<plan>/`)."""
    return f"{unit(unit_slug) if unit_slug else OVERVIEW}{plan_id}/"


def target(unit_slug: str | None, plan_id: str, target_id: str) -> str:
    """A target's one address: its row on its plan's page."""
    return f"{plan(unit_slug, plan_id)}#{target_id}"


def group(slug: str) -> str:
    """A target group's page, with the group's targets of every unit: `tong-quan/nhom/<group>/`."""
    return f"{OVERVIEW}nhom/{slug}/"


def unit_news(slug: str) -> str:
    """The news section of a unit's page."""
    return f"{unit(slug)}#{UNIT_NEWS_ANCHOR}"


def page_of(base: str, number: int) -> str:
    """Page `number` of a paginated listing whose first page is `base`: `base`, then `base/trang/N/`."""
    return base if number == 1 else f"{base}trang/{number}/"


def open_data(stem: str, fmt: str) -> str:
    """An open-data file: `du-lieu-mo/<stem>.<csv|json>` (`chi-tieu`, `quoc-gia`, `tinh/<unit>`)."""
    return f"{OPEN_DATA}{stem}.{fmt}"


def unit_data_stem(slug: str) -> str:
    """The stem of a unit's open-data files: `tinh/<unit>`."""
    return f"tinh/{slug}"


def unit_feed(slug: str) -> str:
    """The key of a unit's feed: `tinh/<unit>`."""
    return f"tinh/{slug}"


def topic_feed(slug: str) -> str:
    """The key of a topic's feed: `chu-de/<slug>`."""
    return f"chu-de/{slug}"


def feed(key: str, fmt: str) -> str:
    """A feed file: `nguon-tin/<key>.xml` (RSS), `.atom` or `.json`."""
    return f"{FEEDS}{key}{FEED_EXTENSIONS[fmt]}"


def source_of(url: str) -> str:
    """The source path of the page generated at `url`: `tin-tuc/trang/2/` -> `tin-tuc/trang/2/index.md`."""
    return f"{url}index.md"


def output_of(url: str) -> str:
    """The file a page at `url` is written to: `tin-tuc/x/` -> `tin-tuc/x/index.html`."""
    return f"{url}index.html"
