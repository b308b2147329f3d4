"""Videos: the typed catalogue (data/videos.yml) that hooks/_video_loader.py reads and checks.

A video is hosted on YouTube, on Facebook or as a file; its page on this site plays it only when the reader
asks (no request to another host before that). The kinds of video are a controlled list (`_terms.Term`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import quote, urlsplit

import _urls

VIDEOS_FILE = "data/videos.yml"


@dataclass(frozen=True)
class YouTube:
    """A video on YouTube, played through the no-cookie embed."""

    id: str
    type: ClassVar[str] = "youtube"
    provider: ClassVar[str] = "YouTube"

    @property
    def watch_url(self) -> str:
        """The plain link readers follow without JavaScript."""
        return f"https://www.youtube.com/watch?v={self.id}"

    @property
    def embed_url(self) -> str:
        """The privacy-enhanced embed (no cookies until the reader plays)."""
        return f"https://www.youtube-nocookie.com/embed/{self.id}"

    @property
    def player_url(self) -> str:
        """What the play button loads: the embed, starting at once (the reader already clicked)."""
        return f"{self.embed_url}?autoplay=1"


@dataclass(frozen=True)
class Facebook:
    """A video on Facebook, played through Facebook's video plugin."""

    url: str
    type: ClassVar[str] = "facebook"
    provider: ClassVar[str] = "Facebook"

    @property
    def watch_url(self) -> str:
        """The video's own Facebook address."""
        return self.url

    @property
    def embed_url(self) -> str:
        """Facebook's embeddable player for the video."""
        return f"https://www.facebook.com/plugins/video.php?href={quote(self.url, safe='')}&show_text=false"

    @property
    def player_url(self) -> str:
        """What the play button loads."""
        return f"{self.embed_url}&autoplay=true"


@dataclass(frozen=True)
class VideoFile:
    """A self-hosted video file: `path` inside the site, or `url` on a declared file host."""

    size: int
    mime: str
    url: str | None = None
    path: str | None = None
    type: ClassVar[str] = "file"

    @property
    def provider(self) -> str:
        """Who serves the file, for the player's notice."""
        return urlsplit(self.url).netloc if self.url else "trang này"

    @property
    def local(self) -> bool:
        """Whether the file is served by this site (no third-party request at all)."""
        return self.path is not None

    @property
    def watch_url(self) -> str:
        """The file itself (site-relative for a local file)."""
        return self.url or self.path or ""


Host = YouTube | Facebook | VideoFile


@dataclass(frozen=True)
class Thumbnail:
    """A still image stored in the site (a path relative to content/) and its description."""

    src: str
    alt: str


@dataclass
class Video:
    """One catalogued video, validated."""

    id: str
    title: str
    date: dt.date
    kind: str
    provinces: tuple[str, ...]
    topics: tuple[str, ...]
    description: str
    duration: int
    host: Host
    thumbnail: Thumbnail | None
    counts_toward: str | None
    draft: bool
    file: str
    line: int
    # Where `counts_toward` is written, for the plans hook's check (`videos[3].counts_toward`, its line).
    counts_toward_field: str = "counts_toward"
    counts_toward_line: int = 0

    @property
    def url(self) -> str:
        """The video's page relative to the site root, e.g. `video/hai-duong-phong-su/`."""
        return _urls.video(self.id)

    @property
    def where(self) -> str:
        """How the build log names this video (`data/videos.yml, video 'x'`)."""
        return f"{self.file}, video '{self.id}'"

    @property
    def duration_text(self) -> str:
        """`12:30`, or `1:02:03` past an hour."""
        hours, rest = divmod(self.duration, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    @property
    def iso_duration(self) -> str:
        """ISO 8601 duration for schema.org, e.g. `PT12M30S`."""
        hours, rest = divmod(self.duration, 3600)
        minutes, seconds = divmod(rest, 60)
        parts = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{seconds}S" if seconds else "")
        return f"PT{parts or '0S'}"

    @property
    def paragraphs(self) -> list[str]:
        """The description split at blank lines, each paragraph on one line (escaped by the template)."""
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", self.description) if p.strip()]


def newest_first(videos: Iterable[Video]) -> list[Video]:
    """Videos by date, newest first; the id breaks ties so the order never depends on the file."""
    return sorted(videos, key=lambda v: (-v.date.toordinal(), v.id))
