"""The fonts a picture's text is drawn in: Be Vietnam Pro first, then packaged Noto fonts for what it lacks.

Be Vietnam Pro (PyPI `fontpkg-be-vietnam-pro`) has every Vietnamese letter but no Greek, Cyrillic, Chinese,
Japanese, Korean or emoji. `CHAIN` lists the fonts in the order they are asked, each with its role, all
OFL and all from PyPI, so `./run serve` gets them without root: Noto Sans (Latin, Greek, Cyrillic), Noto Sans
CJK (one variable collection, every weight; its Japanese face, as a productivity title's CJK is most often
a Japanese term such as 改善), Noto Sans Symbols, Noto Emoji (monochrome outlines: they scale to any size
and take the text's colour, so the card's fixed palette holds them), then Noto Sans for other scripts.

`runs` cuts a text into runs of the first font that has each character, keeping a character with the
marks, variation selectors, skin tones and joiners that follow it; `Measure`, `length` and `draw_text`
lay out and draw a line of such runs with Pillow (raqm shapes each run); `uncovered` names what no font
has, which `runs` leaves out rather than draw a box; `digest` is the part of a picture's cache key that
covers the fonts its texts are drawn in (only those: a font update does not redraw cards that never use it).
"""

from __future__ import annotations

import hashlib
import string
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

import fontpkg_be_vietnam_pro
import manimgx_fonts
import manimgx_fonts_cjk
import PIL
from PIL import ImageDraw, ImageFont, features

FontKey = str  # a face's name in the chain: "be-vietnam-pro", "noto-sans-cjk", ...

# The weights pictures use, as values of a variable font's weight axis.
WEIGHTS = MappingProxyType({"medium": 500, "bold": 700})


@dataclass(frozen=True)
class Style:
    """One weight of a face: its file, the face's index in a collection, the weight axis of a variable font."""

    weight: str  # "bold", "medium"
    path: Path
    index: int = 0
    wght: int | None = None  # None: a static file of that weight


@dataclass(frozen=True)
class Face:
    """One font of the chain: what it is there for and the weights it has."""

    key: FontKey
    role: str
    styles: tuple[Style, ...]

    def style(self, weight: str) -> Style:
        """The style of `weight`, or the nearest weight the face has (a fallback may have fewer)."""
        return min(self.styles, key=lambda s: (abs(WEIGHTS[s.weight] - WEIGHTS[weight]), -WEIGHTS[s.weight]))


def _variable(key: FontKey, role: str, path: Path, index: int = 0) -> Face:
    return Face(key, role, tuple(Style(w, path, index, v) for w, v in WEIGHTS.items()))


_BVP = Path(fontpkg_be_vietnam_pro.ROOT) / "files"
_NOTO = Path(manimgx_fonts.__file__).parent
_CJK = Path(manimgx_fonts_cjk.__file__).parent / "NotoSansCJK-VF.otf.ttc"
_CJK_JAPANESE = 0  # the collection's faces: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK (same characters, regional shapes)
# Scripts beyond Latin, Greek, Cyrillic and CJK, neighbours' first (Lao, Khmer, Thai, Myanmar): all left to right
# but Arabic and Hebrew, which raqm sets right to left within their run.
_SCRIPTS = ("Lao", "Khmer", "Thai", "Myanmar", "Devanagari", "Bengali", "Tamil", "Telugu", "Kannada", "Malayalam",
            "Gujarati", "Gurmukhi", "Oriya", "Sinhala", "Georgian", "Armenian", "Ethiopic", "Arabic", "Hebrew")

CHAIN: tuple[Face, ...] = (
    Face("be-vietnam-pro", "tiếng Việt và chữ Latinh thường gặp",
         (Style("bold", _BVP / "BeVietnamPro-Bold.ttf"), Style("medium", _BVP / "BeVietnamPro-Medium.ttf"))),
    _variable("noto-sans", "chữ Latinh khác, Hy Lạp, Kirin", _NOTO / "NotoSans[wght].ttf"),
    _variable("noto-sans-cjk", "chữ Hán, Nhật, Hàn", _CJK, _CJK_JAPANESE),
    _variable("noto-sans-symbols", "ký hiệu", _NOTO / "NotoSansSymbols[wght].ttf"),
    _variable("noto-emoji", "biểu tượng cảm xúc (emoji)", _NOTO / "NotoEmoji[wght].ttf"),
    *(_variable(f"noto-sans-{s.lower()}", f"chữ {s}", _NOTO / f"NotoSans{s}[wght].ttf") for s in _SCRIPTS),
)
FACES = MappingProxyType({face.key: face for face in CHAIN})
PRIMARY = CHAIN[0]
EMOJI = FACES["noto-emoji"]
# Faces whose own space sets a phrase of theirs (Noto Emoji's is as wide as an emoji: not it).
_OWN_SPACES = frozenset(f.key for f in CHAIN if f is not EMOJI)
# A character followed by VS16 asks for its emoji form: the emoji font is asked first.
_EMOJI_FIRST = (EMOJI, *(f for f in CHAIN if f is not EMOJI))


def _vietnamese() -> frozenset[str]:
    """ASCII, every Vietnamese letter (each vowel with each tone, đ) and common punctuation."""
    vowels = "aăâeêioôơuưy"
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    letters = {unicodedata.normalize("NFC", v + t) for v in vowels for t in tones} | {"đ"}
    letters |= {c.upper() for c in letters}
    return frozenset(letters | set(string.printable.strip()) | set(" –—…“”‘’«»·•°€₫×"))


# What a title is made of almost always, all in Be Vietnam Pro (tests/test_fonts.py proves it): a text of
# only these is one run of it, found by one set difference, without reading any font's cmap.
COMMON = _vietnamese()


def layout_engine() -> ImageFont.Layout:
    """raqm (HarfBuzz shaping, kerning) when Pillow has it, else Pillow's basic layout."""
    return ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


@cache
def font(key: FontKey, weight: str, size: int) -> ImageFont.FreeTypeFont:
    """The Pillow font of a face at a weight and size, its weight axis set for a variable font."""
    style = FACES[key].style(weight)
    loaded = ImageFont.truetype(str(style.path), size, index=style.index, layout_engine=layout_engine())
    if style.wght is not None:
        # A variable font opens at its default instance (Thin for Noto Sans CJK): set the weight first.
        loaded.set_variation_by_axes([style.wght])
    return loaded


@cache
def coverage(key: FontKey) -> frozenset[int]:
    """Code points the face has a glyph for in every weight (its cmap, read with fontTools once)."""
    from fontTools.ttLib import TTFont

    sets = []
    for path, index in sorted({(s.path, s.index) for s in FACES[key].styles}):
        with TTFont(path, lazy=True, fontNumber=index) as loaded:
            sets.append(frozenset(loaded.getBestCmap()))
    return frozenset.intersection(*sets)


# ---------------------------------------------------------------------------------------------
# Characters and runs

_ZWJ = "\u200d"
# Shaping hides these when a font has no glyph for them: they never make a font unfit, nor are they missing.
_IGNORABLE = frozenset({0x200C, 0x200D, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)})


def _is_regional(c: str) -> bool:
    return "\U0001f1e6" <= c <= "\U0001f1ff"


def _extends(c: str) -> bool:
    """Whether `c` belongs to the character before it: a mark, a variation selector, a skin tone, a tag."""
    return (unicodedata.category(c) in ("Mn", "Mc", "Me") or "\ufe00" <= c <= "\ufe0f"
            or "\U0001f3fb" <= c <= "\U0001f3ff" or "\U000e0020" <= c <= "\U000e007f"
            or "\U000e0100" <= c <= "\U000e01ef" or "\u1160" <= c <= "\u11ff")  # Hangul vowel and final jamo


def clusters(text: str) -> list[str]:
    """`text` cut into what a reader sees as one character: a base with its marks, an emoji sequence, a flag.

    Close to Unicode's extended grapheme clusters for what titles hold: marks, variation selectors, skin
    tones and tags follow their base; a zero-width joiner joins the next character; regional indicators pair.
    """
    out: list[str] = []
    joined = False
    for c in text:
        if out and (joined or c == _ZWJ or _extends(c)
                    or (_is_regional(c) and len(out[-1]) == 1 and _is_regional(out[-1]))):
            out[-1] += c
        else:
            out.append(c)
        joined = c == _ZWJ
    return out


def _has(key: FontKey, c: str) -> bool:
    """Whether face `key` has a glyph for `c` (Be Vietnam Pro's common characters without reading its cmap)."""
    return (key == PRIMARY.key and c in COMMON) or ord(c) in coverage(key)


@cache
def _place(cluster: str) -> tuple[FontKey | None, str]:
    """The first face that has every character of `cluster`, and what of it that face draws.

    When no face has it all, the face with its base draws the base and the marks it has; None when no
    face has the base either.
    """
    if all(c in COMMON for c in cluster):
        return PRIMARY.key, cluster
    needed = [ord(c) for c in cluster if ord(c) not in _IGNORABLE] or [ord(cluster[0])]
    order = _EMOJI_FIRST if "\ufe0f" in cluster else CHAIN
    for face in order:
        if all(cp in coverage(face.key) for cp in needed):
            return face.key, cluster
    for face in order:
        has = coverage(face.key)
        if needed[0] in has:
            return face.key, "".join(c for c in cluster if ord(c) in has or ord(c) in _IGNORABLE)
    return None, ""


def _placed(text: str) -> list[tuple[FontKey | None, str]]:
    """Each cluster of `text` with its face; a space takes the face on both its sides when they agree."""
    placed = [_place(c) if not c.isspace() else (None, c) for c in clusters(text)]
    spaces = [piece.isspace() for _, piece in placed]
    # The face of the nearest cluster before and after each one that is not a space (one pass each way).
    before: list[FontKey | None] = []
    last: FontKey | None = None
    for (key, _), space in zip(placed, spaces, strict=True):
        before.append(last)
        last = last if space else key
    after: list[FontKey | None] = []
    last = None
    for (key, _), space in zip(reversed(placed), reversed(spaces), strict=True):
        after.append(last)
        last = last if space else key
    after.reverse()
    out: list[tuple[FontKey | None, str]] = []
    for (key, piece), space, left, right in zip(placed, spaces, before, after, strict=True):
        if space:
            # A space inside a phrase of one script stays in its run, so raqm sets an Arabic phrase right
            # to left as a whole and a CJK phrase keeps its own spacing; any other space is Be Vietnam Pro's,
            # and so is one between emoji (Noto Emoji's space is as wide as an emoji).
            if left is not None and left == right and left in _OWN_SPACES and all(_has(left, c) for c in piece):
                key = left
            else:
                key = next((f.key for f in CHAIN if all(_has(f.key, c) for c in piece)), None)
        out.append((key, piece if key is not None else ""))
    return out


def runs(text: str) -> list[tuple[FontKey, str]]:
    """`text` as runs of one face each, in order; what no face has is left out (see `uncovered`)."""
    if not set(text) - COMMON:
        return [(PRIMARY.key, text)] if text else []
    out: list[tuple[FontKey, str]] = []
    for key, piece in _placed(text):
        if key is None or not piece:
            continue
        if out and out[-1][0] == key:
            out[-1] = (key, out[-1][1] + piece)
        else:
            out.append((key, piece))
    return out


def uncovered(text: str) -> list[str]:
    """The characters of `text` no face draws (spaces and invisible joiners aside), each once, in order."""
    if not set(text) - COMMON:
        return []
    gone: dict[str, None] = {}
    for cluster in clusters(text):
        if cluster.isspace():
            if _placed(cluster)[0][0] is None:
                gone.update(dict.fromkeys(cluster))
            continue
        _, drawn = _place(cluster)
        for c in cluster:
            if c not in drawn and ord(c) not in _IGNORABLE:
                gone[c] = None
    return list(gone)


def unusual(chars: Iterable[str]) -> list[str]:
    """Those of `chars` that are no letter of any script (private use, unassigned): a mistake in the text."""
    return [c for c in chars if unicodedata.category(c) in ("Co", "Cn", "Cs")]


def _name(c: str) -> str:
    return f"'{c}' (U+{ord(c):04X}{', ' + unicodedata.name(c) if unicodedata.name(c, '') else ''})"


def left_out(text: str, chars: Sequence[str]) -> str:
    """The editor's note for characters of `text` that a picture leaves out, in Vietnamese."""
    names = ", ".join(_name(c) for c in chars)
    if unusual(chars):
        return (f"{names} trong '{text}' không phải chữ của ngôn ngữ nào (ký tự riêng hoặc chưa được định nghĩa, "
                f"thường do chép từ phông chữ đặc biệt): ảnh xem trước bỏ ký tự này; hãy sửa lại chữ")
    return (f"{names} trong '{text}' không có trong phông chữ nào của ảnh xem trước: ảnh bỏ ký tự này, "
            f"trang vẫn hiển thị đủ")


# ---------------------------------------------------------------------------------------------
# Measuring and drawing a line


def length(text: str, size: int, weight: str) -> float:
    """Width in pixels of `text` set as its runs, each in its face at `size` and `weight`."""
    return sum(font(key, weight, size).getlength(piece) for key, piece in runs(text))


class Measure:
    """Width of a line of words joined by spaces: each word shaped once, spaces added.

    Wrapping tries many lines made of the same words: a word's width (the sum of its runs) and the faces
    it starts and ends in are kept, so a line costs a few additions. A space takes the face of the words on
    both sides when they agree, as `runs` does; a space stops kerning, so the sum is within a pixel of the
    width the runs of the whole line give.
    """

    def __init__(self, size: int, weight: str) -> None:
        self.size, self.weight = size, weight
        self.primary = font(PRIMARY.key, weight, size)
        self.space = self.primary.getlength(" ")
        self.words: dict[str, tuple[float, FontKey | None, FontKey | None]] = {}

    def _word(self, word: str) -> tuple[float, FontKey | None, FontKey | None]:
        if word not in self.words:
            if not set(word) - COMMON:
                self.words[word] = (self.primary.getlength(word), PRIMARY.key, PRIMARY.key)
            else:
                parts = runs(word)
                width = sum(font(k, self.weight, self.size).getlength(p) for k, p in parts)
                self.words[word] = (width, parts[0][0], parts[-1][0]) if parts else (0.0, None, None)
        return self.words[word]

    def __call__(self, line: str) -> float:
        words = [self._word(w) for w in line.split(" ")]
        total = sum(w[0] for w in words)
        for (_, _, end), (_, start, _) in zip(words, words[1:], strict=False):
            same = end is not None and end == start and end != PRIMARY.key and end in _OWN_SPACES
            total += font(end, self.weight, self.size).getlength(" ") if same else self.space
        return total


def _baseline_offset(anchor: str, size: int, weight: str) -> float:
    """How far below `xy` the baseline lies for Pillow's vertical anchor (a, m, s or d) of Be Vietnam Pro."""
    if anchor[1] not in "amsd":
        raise ValueError(f"anchor {anchor!r}: only a, m, s and d are the same for every text")
    primary = font(PRIMARY.key, weight, size)
    return primary.getbbox("x", anchor="l" + anchor[1])[1] - primary.getbbox("x", anchor="ls")[1]


def draw_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, *, size: int, weight: str,
              fill: str, anchor: str = "ls") -> float:
    """Draw `text` at `xy` as `ImageDraw.text` would with Be Vietnam Pro and `anchor`; its width.

    A text of one Be Vietnam Pro run is drawn exactly as before; runs of other faces share its baseline,
    placed by the anchor's metrics in Be Vietnam Pro, and follow one another by their advance widths.
    """
    parts = runs(text)
    if len(parts) == 1 and parts[0][0] == PRIMARY.key:
        primary = font(PRIMARY.key, weight, size)
        draw.text(xy, parts[0][1], font=primary, fill=fill, anchor=anchor)
        return primary.getlength(parts[0][1])
    fonts = [font(key, weight, size) for key, _ in parts]
    widths = [f.getlength(piece) for f, (_, piece) in zip(fonts, parts, strict=True)]
    total = sum(widths)
    x = xy[0] - {"l": 0.0, "m": total / 2, "r": total}[anchor[0]]
    y = xy[1] + _baseline_offset(anchor, size, weight)
    for f, (_, piece), width in zip(fonts, parts, widths, strict=True):
        draw.text((x, y), piece, font=f, fill=fill, anchor="ls")
        x += width
    return total


# ---------------------------------------------------------------------------------------------
# Cache key


def faces_of(texts: Iterable[str]) -> tuple[FontKey, ...]:
    """The faces the texts are drawn in, in chain order (Be Vietnam Pro always: a card's band uses it)."""
    used = {PRIMARY.key}
    for text in texts:
        if set(text) - COMMON:
            used.update(key for key, _ in runs(text))
    return tuple(f.key for f in CHAIN if f.key in used)


@cache
def _face_digest(key: FontKey) -> str:
    """Digest of a face's files (read once per process: 33 MB for Noto Sans CJK, about 30 ms)."""
    h = hashlib.sha256(key.encode())
    for path, index in sorted({(s.path, s.index) for s in FACES[key].styles}):
        h.update(f"{path.name}|{index}".encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@cache
def _engine_digest() -> str:
    """Digest of this file (the chain and how runs are cut and drawn) and of Pillow's version and layout."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(f"{PIL.__version__}|{layout_engine().name}|{features.version('raqm')}".encode())
    return h.hexdigest()


def digest(texts: Iterable[str]) -> str:
    """The fonts' part of a picture's cache key: the drawing code and the files of each face its texts use."""
    return _digest_of(faces_of(texts))


@cache
def _digest_of(keys: tuple[FontKey, ...]) -> str:
    return hashlib.sha256("|".join([_engine_digest(), *(_face_digest(k) for k in keys)]).encode()).hexdigest()
