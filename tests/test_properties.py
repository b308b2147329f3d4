"""Property-based tests (Hypothesis) of the readers every editor's file goes through (issue 15).

For any text, the YAML reader, the front-matter reader, the field readers and the file reader return a
value or a list of problems, never an exception; a problem always names its file and a line inside the text.
In-process and small: the whole module runs in a few seconds (the CI budget), from a fixed seed.
"""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from _fields import Fields, parse_date  # noqa: E402
from _front_matter import load_front_matter  # noqa: E402
from _hidden import describe_hidden, strip_hidden  # noqa: E402
from _problems import Problems  # noqa: E402
from _suggest import suggest  # noqa: E402
from _yaml import LineDict, load_yaml, read_text  # noqa: E402

SETTINGS = settings(max_examples=200, database=None, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

# Text that looks like what editors write, and what breaks YAML: keys, indentation, list marks, flow
# brackets, quotes, tags, anchors, dates, numbers, colons, tabs and hidden characters.
YAML_PIECES = st.sampled_from([
    "title", "date", "provinces", "videos", "- ", "  ", "    ", ": ", ":", "\n", "\r\n", "\t", "[", "]", "{", "}",
    ",", "'", '"', "#", "!!int ", "!!timestamp ", "!!binary ", "!!map ", "!!seq ", "!!set ", "!!python/object ",
    "&a ", "*a", "<<: ", "? ", "---\n", "...\n", "2026-02-30", "2026-13-01", "15/03/2026", "12:30", "1e9999",
    "9" * 60, "0x", "0o8", "~", "null", "true", "Hải Dương", "Đ", "\u0301", "\u200b", "\u202e", "\x07", "\x85",
    "\u2028", "\ufeff", "\ud800", "\\", "\\x07", "\\ud800", "|", ">-", "%YAML 1.1\n", "@", "`",
])
YAMLISH = st.lists(st.one_of(YAML_PIECES, st.text(max_size=8)), max_size=40).map("".join)
ANY_TEXT = st.one_of(YAMLISH, st.text(max_size=200))


def _check(problems: Problems, text: str, first_line: int = 1) -> None:
    """Every problem is rendered, names the file, and its line (if any) is inside the text."""
    last = first_line + text.count("\n") + text.count("\r") + 2
    for problem in problems.errors + problems.warnings:
        assert problem.file == "f.yml"
        assert 0 <= problem.line <= last, (problem, text)
        assert problem.render().startswith("f.yml")


@SETTINGS
@given(ANY_TEXT)
def test_yaml_reader_returns_a_value_or_problems(text):
    problems = Problems()
    data = load_yaml(text, "f.yml", problems)
    _check(problems, text)
    if data is None:
        return
    # Whatever was read holds no hidden character and only NFC strings.
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list | set | tuple):
            stack.extend(value)
        elif isinstance(value, str):
            assert describe_hidden(value) is None, repr(value)
            assert unicodedata.is_normalized("NFC", value)


@SETTINGS
@given(ANY_TEXT, ANY_TEXT)
def test_front_matter_reader_returns_a_value_or_problems(front, body):
    text = f"---\n{front}\n---\n{body}"
    problems = Problems()
    data, rest, first_line = load_front_matter(text, "f.yml", problems)
    _check(problems, text)
    assert data is None or isinstance(data, LineDict)
    assert first_line >= 1


@SETTINGS
@given(ANY_TEXT)
def test_front_matter_reader_on_any_file_text(text):
    problems = Problems()
    load_front_matter(text, "f.yml", problems)
    _check(problems, text)


FIELD_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30), st.dates(),
              st.datetimes(), st.sampled_from(["2026-02-30", "31/02/2026", "Hải Dương", "javascript:x", "www.a.vn",
                                               "a, b", "hai-duong", "12:30"])),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=12)


@SETTINGS
@given(st.dictionaries(st.sampled_from(["a", "b", "c"]), FIELD_VALUES, max_size=3))
def test_field_readers_record_problems_for_any_value(data):
    problems = Problems()
    mapping = LineDict(data)
    mapping.line, mapping.lines, mapping.duplicates = 1, {k: 1 for k in data}, []
    f = Fields(mapping, "f.yml", problems)
    for key in ("a", "b", "c"):
        f.text(key, required=False, max_length=50)
        f.date(key, required=False)
        f.url(key, required=False)
        f.number(key, required=False, minimum=0)
        f.boolean(key)
        f.choice(key, ["hai-duong", "hai-phong"], required=False)
        f.choices(key, ["hai-duong", "hai-phong"], required=False)
        f.mapping(key, required=False)
        f.items(key, required=False)
    f.unknown({"a"})
    for problem in problems.errors + problems.warnings:
        assert problem.render().startswith("f.yml, dòng 1")


@SETTINGS
@given(st.one_of(st.text(max_size=30), st.integers(), st.none(), st.dates()))
def test_date_parser_gives_a_date_or_none(value):
    assert parse_date(value) is None or hasattr(parse_date(value), "isoformat")


@SETTINGS
@given(st.text(max_size=40))
def test_suggestions_and_hidden_characters_never_raise(text):
    assert isinstance(suggest(text, ["hai-duong", "ha-noi", "an-giang-cu"]), str)
    assert describe_hidden(strip_hidden(text)) is None


@settings(max_examples=100, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_file_reader_returns_text_or_a_problem(tmp_path, data):
    path = tmp_path / "f.yml"
    path.write_bytes(data)
    problems = Problems()
    text = read_text(path, "f.yml", problems)
    assert (text is None) == bool(problems.errors)
    if text is not None:
        assert "\r" not in text and unicodedata.is_normalized("NFC", text)
        load_yaml(text, "f.yml", problems)


def test_fast_hidden_scan_agrees_with_hidden_kind():
    from _hidden import has_hidden as _has_hidden
    from _hidden import hidden_kind

    astral = [0x10000, 0x110BD, 0x13430, 0x1F600, 0x1FFFE, 0xE0001, 0xE0041, 0x10FFFF, 0xF0000]
    for code in [*range(0x10000), *astral]:
        char = chr(code)
        assert _has_hidden(f"a{char}b") == bool(hidden_kind(char)), hex(code)
