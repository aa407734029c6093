"""Strict YAML: YAML 1.2 core typing on libyaml, and every refusal at the right line."""

from __future__ import annotations

import time

import pytest

from r1kb.yamlstrict import MAX_DEPTH, decode, load_text


def value_of(scalar: str) -> object:
    loaded = load_text(f"key: {scalar}\n")
    assert loaded.issues == [], loaded.issues
    return loaded.data["key"]


@pytest.mark.parametrize("scalar", ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF"])
def test_yaml_11_booleans_stay_strings(scalar: str) -> None:
    assert value_of(scalar) == scalar


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [("true", True), ("True", True), ("FALSE", False), ("false", False)],
)
def test_only_true_and_false_are_booleans(scalar: str, expected: bool) -> None:
    assert value_of(scalar) is expected


@pytest.mark.parametrize("scalar", ["1:30", "190:20:30", "2025-01-20", "2025-01-20T10:00:00Z"])
def test_sexagesimals_and_dates_stay_strings(scalar: str) -> None:
    assert value_of(scalar) == scalar


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("1e9", 1e9),
        ("6.71e11", 6.71e11),
        ("1E-3", 0.001),
        (".5", 0.5),
        ("-2.5", -2.5),
        ("671000000000", 671000000000),
        ("+1", 1),
        ("012", 12),  # YAML 1.2: decimal, not octal
        ("0o17", 15),
        ("0x1F", 31),
    ],
)
def test_numbers(scalar: str, expected: float) -> None:
    got = value_of(scalar)
    assert got == expected and not isinstance(got, bool)
    assert isinstance(got, float) == isinstance(expected, float)


@pytest.mark.parametrize("scalar", ["1_000", "0b101", "1,000", "671B", "$5.6M"])
def test_other_numberish_text_stays_strings(scalar: str) -> None:
    assert value_of(scalar) == scalar


@pytest.mark.parametrize("scalar", ["~", "null", "Null", "NULL", ""])
def test_nulls(scalar: str) -> None:
    assert value_of(scalar) is None


@pytest.mark.parametrize("scalar", [".nan", ".NaN", ".NAN", ".inf", "-.inf", "+.Inf", "1e999"])
def test_nan_and_infinity_are_refused_with_their_line(scalar: str) -> None:
    loaded = load_text(f"# comment\na: 1\nvalue: {scalar}\n")
    assert [(i.code, i.line, i.column) for i in loaded.issues] == [("yaml-non-finite", 3, 8)]


@pytest.mark.parametrize("digits", [400, 5000, 100_000])
def test_integers_beyond_float_range_are_refused_quickly(digits: int) -> None:
    start = time.perf_counter()
    loaded = load_text(f"a: 1\nvalue: -{'9' * digits}\n")
    assert time.perf_counter() - start < 1
    assert [(i.code, i.line) for i in loaded.issues] == [("yaml-non-finite", 2)]
    assert len(loaded.issues[0].message) < 80


def test_largest_float_sized_integer_is_kept() -> None:
    big = int(1.7e308)
    assert value_of(str(big)) == big


def test_duplicate_keys_at_every_level_each_at_its_line() -> None:
    text = "a: 1\nb:\n  c: 2\n  c: 3\na: 4\nlist:\n  - {x: 1, x: 2}\n"
    issues = sorted(load_text(text).issues, key=lambda i: i.line or 0)
    assert [(i.code, i.line) for i in issues] == [
        ("yaml-duplicate-key", 4),
        ("yaml-duplicate-key", 5),
        ("yaml-duplicate-key", 7),
    ]
    assert "'c'" in issues[0].message


def test_anchors_and_aliases_are_refused_each_at_its_line() -> None:
    text = "# c\nsubject: &m deepseek-v3\nscope: *m\nlist: &l [1]\nmerge:\n  <<: *l\n"
    issues = load_text(text).issues
    assert [(i.code, i.line) for i in issues] == [
        ("yaml-alias", 2),
        ("yaml-alias", 3),
        ("yaml-alias", 4),
        ("yaml-alias", 6),
    ]
    assert load_text(text).data is None


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['echo hacked']",
        "!!python/name:os.system",
        "!!float 1",
        "!!str 1",
        "!!binary aGVsbG8=",
        "!!timestamp 2025-01-20",
        "!!set {a, b}",
        "!custom x",
        "! x",
    ],
)
def test_explicit_tags_are_refused_and_never_constructed(tagged: str) -> None:
    loaded = load_text(f"a: 1\nb: {tagged}\n")
    assert [(i.code, i.line) for i in loaded.issues] == [("yaml-tag", 2)]
    assert loaded.data is None


def test_tag_on_a_collection() -> None:
    loaded = load_text("a: 1\nb: !thing\n  c: 2\n")
    assert [(i.code, i.line) for i in loaded.issues] == [("yaml-tag", 2)]


def test_markdown_emphasis_is_not_an_alias() -> None:
    text = "notes: R1 is *not* V3 & **never** was!\nq: 'a * b'\n"
    loaded = load_text(text)
    assert loaded.issues == []
    assert loaded.data["notes"] == "R1 is *not* V3 & **never** was!"


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: 1\n---\nb: 2\n", 2), ("a: 1\n...\n---\nb: 2\n", 3), ("---\na: 1\n---\n", 3)],
)
def test_several_documents_are_refused_at_the_second(text: str, line: int) -> None:
    loaded = load_text(text)
    assert [(i.code, i.line) for i in loaded.issues] == [("yaml-multiple-documents", line)]


def test_a_single_explicit_document_is_fine() -> None:
    assert load_text("---\na: 1\n...\n").data == {"a": 1}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: c: d\n", 2),
        ("subject: x\n  quantity: y\n", 2),
        ("a: [1, 2\nb: 3\n", 2),
        ("a:\n\t- 1\n", 2),
        ('a: "unclosed\nb: 2\n', 3),
        ("a: 1\nb: x\x07y\n", 2),
        ("a: 1\nb: é\nc: \x1b[0m\n", 3),
    ],
)
def test_syntax_errors_carry_their_line(text: str, line: int) -> None:
    issues = load_text(text).issues
    assert [(i.code, i.line) for i in issues] == [("yaml-syntax", line)]
    assert issues[0].message


def test_keys_are_their_source_text() -> None:
    data = load_text("1: a\n01: b\nnull: c\n~: d\ntrue: e\n1.5: f\n").data
    assert data == {"1": "a", "01": "b", "null": "c", "~": "d", "true": "e", "1.5": "f"}


def test_complex_keys_are_refused() -> None:
    issues = load_text("a: 1\n? [x, y]\n: 2\n").issues
    assert [(i.code, i.line) for i in issues] == [("yaml-syntax", 2)]


def test_nesting_is_limited_and_reported_once() -> None:
    ok = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert load_text(ok).issues == []
    deep = "a: 1\nb: " + "[" * 5000 + "]" * 5000 + "\n"
    issues = load_text(deep).issues
    assert [(i.code, i.line) for i in issues] == [("yaml-syntax", 2)]
    block = "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v: 1\n"
    issues = load_text(block).issues
    # the value of k{i} (line i + 1) is a mapping at depth i + 1 starting on line i + 2
    assert [(i.code, i.line) for i in issues] == [("yaml-syntax", MAX_DEPTH + 2)]


@pytest.mark.parametrize(("text", "expected"), [("", None), ("# only a comment\n", None)])
def test_empty_documents_load_as_none(text: str, expected: object) -> None:
    loaded = load_text(text)
    assert loaded.data is expected and loaded.issues == []


def test_lone_surrogates_are_not_text() -> None:
    issues = load_text("a: 1\nb: \ud800\n").issues
    assert [(i.code, i.line) for i in issues] == [("not-utf8", 2)]


# --- decoding -----------------------------------------------------------------------------


def test_decode_reports_the_line_of_the_first_bad_byte() -> None:
    text, issue = decode(b"a: 1\nb: 2\nc: caf\xe9\nd: \xff\n")
    assert text is None and issue is not None
    assert (issue.code, issue.line) == ("not-utf8", 3)
    assert "0xe9" in issue.message


def test_decode_drops_a_bom_and_refuses_nul() -> None:
    assert decode("\ufeffa: 1\n".encode()) == ("a: 1\n", None)
    text, issue = decode(b"a: 1\n\nb: x\x00\n")
    assert text is None and issue is not None and (issue.code, issue.line) == ("not-utf8", 3)


def test_decode_refuses_utf16() -> None:
    text, issue = decode("a: 1\n".encode("utf-16"))
    assert text is None and issue is not None and issue.code == "not-utf8"


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\n",
        "a:\n  - &x 1\n",
        "- - *a\n",
        "? *a\n: 1\n",
        "{a: *b}\n",
        "a: [ *b ]\n",
        "[1,*x]\n",
        '{"a":*x}\n',
        "&a a: 1\n",
        "--- &a\nb: 1\n",
        "--- !!map\nb: 1\n",
        "a: ! 5\n",
        "!t a: 1\n",
        "a:\n  -   !!str 5\n",
    ],
)
def test_node_properties_are_found_wherever_a_node_starts(text: str) -> None:
    """The event scan is skipped unless a property could start a node: never miss one."""
    codes = {i.code for i in load_text(text).issues}
    assert codes & {"yaml-alias", "yaml-tag"}, (text, codes)


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\x85", "\u2028", "\u2029"])
def test_anchors_and_aliases_after_any_line_break_are_refused(newline: str) -> None:
    """Lines that ended in CR, NEL or LS hid `- &a` and `- *a` from the scan: an alias bomb
    with them hung the parser."""
    text = newline.join(["a: 1", "list:", "  - &e x", "  - *e", "tagged:", "  - !!map {}", ""])
    codes = {i.code for i in load_text(text).issues}
    assert codes & {"yaml-alias", "yaml-tag"}, (newline, codes)
    assert load_text(text).data is None


def test_leading_zeros_never_pass_int_s_limit_on_digits() -> None:
    """4,300 leading zeros before 87072 raised ValueError (Python's limit on the digits of a
    decimal int()); they are zeros: the value is 87072."""
    assert value_of("0" * 4300 + "87072") == 87072
    assert value_of("-" + "0" * 5000 + "7") == -7
    assert value_of("0" * 5000) == 0
