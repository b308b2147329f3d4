"""Pictures drawn at build time: social preview cards and cover renditions, as pure functions to bytes.

A card is a 1200x630 PNG in the site's colours: the site's name in a deep red band, the kind of page, the
title in Be Vietnam Pro (a typeface made for Vietnamese: every stacked mark such as ệ, ỗ, ặ is its own
glyph), the date or unit, and for a unit its headline figure. The title wraps on spaces only, shrinks
before it wraps past three lines, and gets an ellipsis only when three lines at the smallest size cannot
hold it. Text is laid out and drawn by Pillow with its raqm layout (HarfBuzz), the same engine that
measures it; the picture is then mapped onto a fixed palette of the colours it can contain (a PNG a third
the size, drawn in half the time).

Covers: an article's own picture becomes a 1200x630 preview (centre crop, JPEG) and WebP renditions
480, 800 and 1200 pixels wide for `srcset`, never wider than the file itself.

Nothing here knows MkDocs: `hooks/cards.py` hands these functions plain values. Every output depends only
on its inputs, so `Cache` can key it by a digest of them (text, figures, `VERSION`, the font files,
Pillow's version and layout engine) and a build draws only what changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import MappingProxyType

import PIL
from PIL import Image, ImageDraw, ImageFont, ImageOps

import _fonts

# Part of every cache key, with this file's own digest (any edit here draws every picture again).
VERSION = "3"  # 2: the campaign palette (deep red and gold); 3: the fallback fonts (hooks/_fonts.py)
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TITLE_SIZES = ((68, 2), (60, 3), (52, 3))  # (font size, most lines at that size), tried in order
MAX_LINES = 3
ELLIPSIS = "…"
COVER_WIDTHS = (480, 800, 1200)

BRAND = "#a3151c"  # the campaign's deep red: the site's header (nscl.css --md-primary-fg-color)
INK = "#241a17"
GREY = "#5b4f4a"
WHITE = "#ffffff"
GOLD = "#f2b705"  # the campaign's gold (--nscl-gold), a strip at the foot
# Every pair of colours a card puts side by side: text antialiasing only ever blends along these.
_BLENDS = ((WHITE, INK), (WHITE, BRAND), (WHITE, GREY), (BRAND, WHITE), (WHITE, GOLD))


@dataclass(frozen=True)
class Card:
    """What one preview card shows (plain text: the caller formats dates and numbers)."""

    kind: str  # "Tin tức", "Video · Phóng sự", ...
    title: str
    meta: str  # the date, or the unit: "22/11/2026 · Hải Phòng"
    site: str  # the site's name, in the band
    figure: str | None = None  # a unit's headline figure: "24"
    figure_label: str | None = None  # what it counts: "chỉ tiêu có số"

    @property
    def texts(self) -> tuple[str, ...]:
        """Every string the card draws."""
        return tuple(t for t in (self.kind.upper(), self.title, self.meta, self.site, self.figure,
                                 self.figure_label, ELLIPSIS) if t)


# ---------------------------------------------------------------------------------------------
# Font


# The fonts live in hooks/_fonts.py; these names stay for the code and tests that read Be Vietnam Pro's files.
FONTS = MappingProxyType({style.weight: style.path for style in _fonts.PRIMARY.styles})
COMMON = _fonts.COMMON
layout_engine = _fonts.layout_engine


def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return _fonts.font(_fonts.PRIMARY.key, weight, size)


@cache
def font_digest() -> str:
    """Digest of Be Vietnam Pro's files, the drawing engine and this file (covers' key: they draw no text)."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    for name in sorted(FONTS):
        h.update(FONTS[name].read_bytes())
    h.update(f"{PIL.__version__}|{layout_engine().name}".encode())
    return h.hexdigest()


def missing(text: str) -> list[str]:
    """The characters of `text` no font of the chain can draw (spaces and line breaks aside), in order."""
    return _fonts.uncovered(text)


# ---------------------------------------------------------------------------------------------
# Layout


def wrap(text: str, fits: Callable[[str], bool], max_lines: int | None = None) -> tuple[list[str], bool]:
    """Break `text` into lines on spaces, each as wide as `fits` allows; whether words were left over.

    A word is never cut: one wider than the line stands alone on its line. Past `max_lines`, the last
    line ends with "…" after the last whole word that leaves room for it.
    """
    lines: list[str] = []
    for word in text.split():
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if max_lines is None or len(lines) <= max_lines:
        return lines, False
    kept, rest = lines[:max_lines], lines[max_lines:]
    words = kept[-1].split()
    while len(words) > 1 and not fits(" ".join(words) + ELLIPSIS):
        words.pop()
    kept[-1] = " ".join(words).rstrip(",.;:-–—") + ELLIPSIS
    return kept, bool(rest)


def balanced(text: str, measure: _fonts.Measure, width: int) -> list[str]:
    """Wrap `text` into as few lines as `width` allows, each as even as can be (no lone last word)."""
    lines, _ = wrap(text, lambda s: measure(s) <= width)
    low, high = width // 2, width
    while high - low > 4:  # the narrowest measure that keeps the same number of lines
        mid = (low + high) // 2
        if len(wrap(text, lambda s, m=mid: measure(s) <= m)[0]) == len(lines):
            high = mid
        else:
            low = mid
    return wrap(text, lambda s: measure(s) <= high)[0] if len(lines) > 1 else lines


def title_lines(title: str, width: int = WIDTH - 2 * MARGIN) -> tuple[int, list[str], bool]:
    """The title's font size and lines: the largest size that holds it, an ellipsis only past the last."""
    for size, most in TITLE_SIZES:
        measure = _fonts.Measure(size, "bold")
        lines, _ = wrap(title, lambda s, m=measure: m(s) <= width)
        if len(lines) <= most:
            return size, balanced(title, measure, width), False
    size = TITLE_SIZES[-1][0]
    measure = _fonts.Measure(size, "bold")
    lines, cut = wrap(title, lambda s: measure(s) <= width, MAX_LINES)
    return size, lines, cut


# ---------------------------------------------------------------------------------------------
# Drawing


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@cache
def _palette() -> Image.Image:
    """A palette image holding, for each pair of colours that meet, 16 steps from one to the other."""
    colours: list[tuple[int, int, int]] = []
    for back, fore in _BLENDS:
        b, f = _rgb(back), _rgb(fore)
        for step in range(16):
            c = tuple(round(b[k] + (f[k] - b[k]) * step / 15) for k in range(3))
            if c not in colours:
                colours.append(c)  # type: ignore[arg-type]
    image = Image.new("P", (1, 1))
    flat = [v for c in colours for v in c]
    image.putpalette(flat + [0] * (768 - len(flat)))
    return image


@cache
def _background(site: str, kind: str) -> Image.Image:
    """What every card of a kind shares: the band with the site's name, the kind, the red strip at the foot."""
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 96), fill=BRAND)
    _fonts.draw_text(draw, (MARGIN, 50), site, size=32, weight="bold", fill=WHITE, anchor="lm")
    _fonts.draw_text(draw, (MARGIN, 166), kind.upper(), size=28, weight="bold", fill=BRAND, anchor="ls")
    draw.rectangle((MARGIN, 180, MARGIN + 64, 186), fill=BRAND)
    draw.rectangle((0, HEIGHT - 12, WIDTH, HEIGHT), fill=GOLD)
    return image


def draw_card(card: Card) -> bytes:
    """The card as PNG bytes: the same card always gives the same bytes."""
    image = _background(card.site, card.kind).copy()
    draw = ImageDraw.Draw(image)
    size, lines, _ = title_lines(card.title)
    leading = round(size * 1.3)
    y = 200 + size
    for line in lines:
        _fonts.draw_text(draw, (MARGIN, y), line, size=size, weight="bold", fill=INK, anchor="ls")
        y += leading
    room = WIDTH - 2 * MARGIN
    if card.figure:
        right = WIDTH - MARGIN
        number = _fonts.draw_text(draw, (right, 528), card.figure, size=96, weight="bold", fill=BRAND, anchor="rs")
        label = 0.0
        if card.figure_label:
            label = _fonts.draw_text(draw, (right, 572), card.figure_label, size=28, weight="medium", fill=GREY,
                                     anchor="rs")
        room -= max(number, label) + 48
    meta = _fonts.Measure(30, "medium")
    lines, _ = wrap(card.meta, lambda s: meta(s) <= room, 2)
    for i, line in enumerate(reversed(lines)):  # upwards from the foot, beside the figure
        _fonts.draw_text(draw, (MARGIN, 572 - 42 * i), line, size=30, weight="medium", fill=GREY, anchor="ls")
    out = io.BytesIO()
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, "PNG", compress_level=6)
    return out.getvalue()


def card_key(card: Card) -> str:
    """The cache key of a card: a digest of everything its picture depends on."""
    fields = (card.kind, card.title, card.meta, card.site, card.figure or "", card.figure_label or "")
    return _digest("card", VERSION, _code_digest(), _fonts.digest(card.texts),
                   json.dumps(fields, ensure_ascii=False))


@cache
def _code_digest() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


# ---------------------------------------------------------------------------------------------
# Covers


def _open(data: bytes) -> Image.Image:
    """An editor's picture, upright (EXIF orientation applied), on white where it is transparent."""
    image = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, WHITE)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def cover_widths(width: int) -> tuple[int, ...]:
    """The rendition widths of a picture `width` pixels wide: never wider than the picture itself."""
    return tuple(w for w in COVER_WIDTHS if w < min(width, COVER_WIDTHS[-1])) + (min(width, COVER_WIDTHS[-1]),)


def cover_rendition(data: bytes, width: int) -> bytes:
    """The picture scaled to `width` pixels wide, as WebP."""
    image = _open(data)
    height = max(1, round(image.height * width / image.width))
    out = io.BytesIO()
    image.resize((width, height), Image.Resampling.LANCZOS).save(out, "WEBP", quality=80, method=4)
    return out.getvalue()


def cover_preview(data: bytes) -> bytes:
    """The picture cropped around its centre to 1200x630, as JPEG (what link previews show)."""
    image = ImageOps.fit(_open(data), (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def cover_key(data: bytes, what: str) -> str:
    """The cache key of one output made from a picture (`what`: "preview" or "w800")."""
    return _digest("cover", VERSION, font_digest(), what, hashlib.sha256(data).hexdigest())


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


# ---------------------------------------------------------------------------------------------
# Cache


@dataclass
class Cache:
    """Pictures kept between builds in `folder`, by key: made only when missing.

    `drawn` and `reused` count this build's pictures; `prune` deletes what this build did not use, so
    the folder (kept by the workflow's cache) holds one build's pictures, not every title ever written.
    """

    folder: Path
    drawn: int = 0
    reused: int = 0
    used: set[str] = field(default_factory=set)
    _held: set[str] | None = None  # the folder's files, listed once (one call instead of a stat a picture)

    def get(self, key: str, suffix: str, make: Callable[[], bytes]) -> Path:
        """The file for `key`, made with `make` (and kept) if the cache does not have it."""
        name = key + suffix
        path = self.folder / name
        if self._held is None:
            self._held = set(os.listdir(self.folder)) if self.folder.is_dir() else set()
        if name not in self.used:
            if name in self._held:
                self.reused += 1
            else:
                self.folder.mkdir(parents=True, exist_ok=True)
                data = make()
                fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, path)
                self.drawn += 1
            self.used.add(name)
        return path

    def prune(self) -> int:
        """Delete the pictures this build did not use; how many."""
        if not self.folder.is_dir():
            return 0
        gone = 0
        for path in self.folder.iterdir():
            if path.is_file() and path.name not in self.used:
                path.unlink()
                gone += 1
        return gone


@dataclass(frozen=True)
class CardRef:
    """What the head of a page says about its preview image."""

    url: str  # absolute, from site_url
    width: int
    height: int
    type: str
    alt: str


@dataclass
class Pictures:
    """One build's pictures: the cache they come from, where they go, the home page's card, the time spent."""

    cache: Cache
    site_dir: Path
    site_url: str
    home: CardRef | None = None  # the home page's card, which pages without one of their own share
    seconds: float = 0.0
    folder_made: bool = False


def place(source: Path, dest: Path) -> None:
    """Put a cached picture into the built site: a hard link where the disk allows it, else a copy.

    The caller makes the folder once; a picture already there (two pages showing the same card) is kept.
    """
    try:
        os.link(source, dest)
    except FileExistsError:
        return
    except OSError:
        tmp = dest.with_name(dest.name + ".tmp")
        tmp.write_bytes(source.read_bytes())
        os.replace(tmp, dest)


def without_missing(card: Card) -> Card:
    """The card with every character the fonts cannot draw left out (the build warns about each)."""
    def keep(text: str | None) -> str | None:
        if text is None:
            return None
        gone = set(_fonts.uncovered(text))
        return "".join(c for c in text if c not in gone)
    return replace(card, kind=keep(card.kind) or "", title=keep(card.title) or "", meta=keep(card.meta) or "",
                   site=keep(card.site) or "", figure=keep(card.figure), figure_label=keep(card.figure_label))

