"""The fallback fonts of pictures (issue 22, item 2): every script a title may hold is drawn, never a box."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import _fonts  # noqa: E402

BVP = _fonts.PRIMARY.key
CJK, EMOJI, LATIN = "noto-sans-cjk", "noto-emoji", "noto-sans"


def vietnamese_letters() -> set[str]:
    """Every letter of Vietnamese: each vowel with each of the five tones or none, and đ, in both cases."""
    vowels = "aăâeêioôơuưy"
    marks = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    letters = {unicodedata.normalize("NFC", v + m) for v in vowels for m in marks} | set("bcdđghklmnpqrstvx")
    return letters | {c.upper() for c in letters}


def test_every_vietnamese_letter_is_in_be_vietnam_pro_in_both_weights_and_in_common():
    letters = vietnamese_letters()
    assert len(letters) == 2 * (12 * 6 + 17)
    for style in _fonts.PRIMARY.styles:
        cmap = TTFont(style.path).getBestCmap()
        assert not [c for c in letters if ord(c) not in cmap], style.weight
        # What the build takes as Be Vietnam Pro's without reading its cmap is all there.
        assert not [c for c in _fonts.COMMON if ord(c) not in cmap], style.weight
    assert letters <= _fonts.COMMON and _fonts.COMMON <= {chr(c) for c in _fonts.coverage(BVP)}
    assert _fonts.runs("Đắk Lắk ưu tiên ổn định chuỗi giá trị") == [(BVP, "Đắk Lắk ưu tiên ổn định chuỗi giá trị")]
    # Decomposed marks (as some editors paste them) stay with their letter, in the first font.
    assert _fonts.runs("ê\u0301 ơ\u0323") == [(BVP, "ê\u0301 ơ\u0323")]


def test_every_file_of_the_chain_is_there_with_the_weights_pictures_use():
    assert [f.key for f in _fonts.CHAIN[:5]] == [BVP, LATIN, CJK, "noto-sans-symbols", EMOJI]
    for face in _fonts.CHAIN:
        assert face.role
        for weight in _fonts.WEIGHTS:
            style = face.style(weight)
            assert style.path.is_file(), style.path
            assert _fonts.font(face.key, weight, 20).getlength("x") >= 0
    # A variable font is set to the weight asked, not left at its default (Thin, for Noto Sans CJK).
    bold, medium = (_fonts.font(LATIN, w, 68).getlength("Москва") for w in ("bold", "medium"))
    assert bold > medium


COVERED = [("改善", CJK), ("品質管理", CJK), ("生産性", CJK), ("생산성", CJK), ("🚀", EMOJI), ("👍🏽", EMOJI),
           ("❤️", EMOJI), ("👨\u200d👩\u200d👧", EMOJI), ("🇻🇳", EMOJI), ("Москва", LATIN), ("Ελλάδα", LATIN),
           ("Łódź", BVP)]


@pytest.mark.parametrize(("text", "key"), COVERED)
def test_cjk_emoji_greek_and_cyrillic_are_covered_by_a_font_of_the_chain(text, key):
    assert _fonts.uncovered(text) == []
    assert _fonts.runs(text) == [(key, text)]


def test_runs_cut_at_each_change_of_font_and_keep_each_emoji_whole():
    assert _fonts.runs("Kaizen (改善) ở Nhật") == [(BVP, "Kaizen ("), (CJK, "改善"), (BVP, ") ở Nhật")]
    # A space inside a CJK phrase stays in its run; a space between two fonts is Be Vietnam Pro's.
    assert _fonts.runs("品質管理 生産性 và 생산성") == [(CJK, "品質管理 生産性"), (BVP, " và "), (CJK, "생산성")]
    # Noto Emoji's space is as wide as an emoji: between emoji, the space is Be Vietnam Pro's.
    assert _fonts.runs("Ra mắt 🚀 👍🏽 ❤️ nhé") == [(BVP, "Ra mắt "), (EMOJI, "🚀"), (BVP, " "), (EMOJI, "👍🏽"),
                                                 (BVP, " "), (EMOJI, "❤️"), (BVP, " nhé")]
    # The heart with VS16 asks for the emoji font; skin tone and joiners never leave their base.
    assert _fonts.clusters("❤️👍🏽👨‍👩‍👧🇻🇳🇯🇵a\u0301") == ["❤️", "👍🏽", "👨‍👩‍👧", "🇻🇳", "🇯🇵", "a\u0301"]
    assert "".join(p for _, p in _fonts.runs("x❤️y")) == "x❤️y"
    # An Arabic phrase is one run, so raqm sets it right to left as a whole.
    assert _fonts.runs("Tiếng Ả Rập: مرحبا بالعالم") == [(BVP, "Tiếng Ả Rập: "), ("noto-sans-arabic", "مرحبا بالعالم")]


def test_what_no_font_has_is_named_and_left_out_and_private_use_is_called_a_mistake():
    text = "Năng suất \ue000 \U000f0000 𓀀"  # two private-use characters and an Egyptian hieroglyph
    assert _fonts.uncovered(text) == ["\ue000", "\U000f0000", "𓀀"]
    assert "".join(p for _, p in _fonts.runs(text)) == "Năng suất   "
    assert _fonts.unusual(_fonts.uncovered(text)) == ["\ue000", "\U000f0000"]
    assert _fonts.uncovered("Năng suất 改善 🚀") == []
    assert _fonts.left_out("A𓀀", ["𓀀"]) == (
        "'𓀀' (U+13000, EGYPTIAN HIEROGLYPH A001) trong 'A𓀀' không có trong phông chữ nào của ảnh xem trước: "
        "ảnh bỏ ký tự này, trang vẫn hiển thị đủ")
    assert _fonts.left_out("A\ue000", ["\ue000"]) == (
        "'\ue000' (U+E000) trong 'A\ue000' không phải chữ của ngôn ngữ nào (ký tự riêng hoặc chưa được định "
        "nghĩa, thường do chép từ phông chữ đặc biệt): ảnh xem trước bỏ ký tự này; hãy sửa lại chữ")


def ink(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """How many pixels of `box` are darker than the white background."""
    return sum(1 for v in image.crop(box).get_flattened_data() if v < 128)


def test_a_line_with_cjk_and_emoji_is_drawn_where_measure_says_and_never_as_boxes():
    text = "Kaizen 改善 🚀 생산성 ❤️"
    size = 40
    image = Image.new("L", (900, 80), 255)
    width = _fonts.draw_text(ImageDraw.Draw(image), (10, 60), text, size=size, weight="bold", fill="black")
    measure = _fonts.Measure(size, "bold")
    assert abs(measure(text) - width) < 1 and abs(_fonts.length(text, size, "bold") - width) < 1
    # The ink ends where the measure says the line ends, within a glyph's side bearing.
    box = image.point(lambda v: 255 - v).getbbox()
    assert box is not None and abs(box[2] - (10 + width)) <= 4 and box[0] - 10 <= 4
    # Each glyph of another font is there, where the runs put it.
    x = 10.0
    for key, piece in _fonts.runs(text):
        advance = _fonts.font(key, "bold", size).getlength(piece)
        if not piece.isspace():
            assert ink(image, (int(x), 10, int(x + advance), 70)) > 0.08 * advance * 50, (key, piece)
        x += advance
    # Drawn in Be Vietnam Pro alone, the same CJK and emoji would be boxes: the chain draws something else.
    boxes = Image.new("L", (900, 80), 255)
    ImageDraw.Draw(boxes).text((10, 60), "改善", font=_fonts.font(BVP, "bold", size), fill="black", anchor="ls")
    drawn = Image.new("L", (900, 80), 255)
    _fonts.draw_text(ImageDraw.Draw(drawn), (10, 60), "改善", size=size, weight="bold", fill="black")
    assert ImageChops.difference(boxes, drawn).getbbox() is not None


def test_a_vietnamese_line_is_drawn_exactly_as_pillow_draws_it_and_anchors_match_pillows():
    size = 32
    for anchor in ("ls", "lm", "rs", "la", "md"):
        plain = Image.new("L", (700, 100), 255)
        ImageDraw.Draw(plain).text((350, 50), "Năng suất", font=_fonts.font(BVP, "bold", size), fill=0, anchor=anchor)
        ours = Image.new("L", (700, 100), 255)
        _fonts.draw_text(ImageDraw.Draw(ours), (350, 50), "Năng suất", size=size, weight="bold", fill="black",
                         anchor=anchor)
        assert ImageChops.difference(plain, ours).getbbox() is None, anchor
        # With a run of another font, the Vietnamese part stays where Pillow put it for that anchor.
        if anchor[0] == "l":
            mixed = Image.new("L", (700, 100), 255)
            _fonts.draw_text(ImageDraw.Draw(mixed), (350, 50), "Năng suất 改善", size=size, weight="bold",
                             fill="black", anchor=anchor)
            left = (0, 0, 350 + int(_fonts.length("Năng suất", size, "bold")), 100)
            assert ImageChops.difference(plain.crop(left), mixed.crop(left)).getbbox() is None, anchor
    with pytest.raises(ValueError, match="only a, m, s and d"):
        _fonts.draw_text(ImageDraw.Draw(plain), (0, 0), "改善", size=size, weight="bold", fill="black", anchor="lt")


def test_medium_and_bold_are_drawn_in_their_weights_in_every_font():
    for text in ("Năng suất", "改善", "Москва"):
        bold, medium = (Image.new("L", (400, 80), 255) for _ in range(2))
        _fonts.draw_text(ImageDraw.Draw(bold), (10, 60), text, size=40, weight="bold", fill="black")
        _fonts.draw_text(ImageDraw.Draw(medium), (10, 60), text, size=40, weight="medium", fill="black")
        assert ink(bold, (0, 0, 400, 80)) > ink(medium, (0, 0, 400, 80)), text


def test_the_cache_key_covers_only_the_fonts_a_text_is_drawn_in():
    assert _fonts.faces_of(["Năng suất chất lượng"]) == (BVP,)
    assert _fonts.faces_of(["Kaizen 改善", "🚀", "Tin tức"]) == (BVP, CJK, EMOJI)
    plain, cjk = _fonts.digest(["Năng suất"]), _fonts.digest(["Năng suất 改善"])
    assert plain == _fonts.digest(["Chất lượng"]) and plain != cjk and len(plain) == 64
