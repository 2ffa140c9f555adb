"""tracker.transfer.typed_lines (msgspec) against tracker.transfer.codec (the standard
library's json): a line typed_lines takes must be staged exactly as the codec stages
it, and a line the codec refuses must not be taken. And typed_lines must take the
usual lines, or it saves nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_exchange import claims
from tracker.errors import InputError
from tracker.transfer import codec, staging, typed_lines


@pytest.fixture(autouse=True)
def tracker_db() -> None:
    """Overrides the suite's per-test database: these tests touch no database."""


NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
REFUSED = "refused"


def by_codec(line: str, sqlite: bool = True) -> Any:
    try:
        return staging.stage(codec.claim_from_json(line, NOW), sqlite)
    except InputError:
        return REFUSED


def agrees(line: str) -> Any:
    """typed_lines' result, checked against the codec's."""
    typed = typed_lines.staged(line, NOW)
    if typed is not None:  # repr: -0.0 == 0.0, but they are not the same value
        assert repr(typed) == repr(by_codec(line)), line
        assert repr(staging.in_python_forms(typed)) == repr(by_codec(line, sqlite=False)), line
    return typed


def line_of(record: dict[str, Any], ascii_only: bool = False) -> str:
    return json.dumps(record, ensure_ascii=ascii_only, separators=(",", ":"))


def a_claim(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "uid": "u1",
        "text": "There will be a deal",
        "speaker": "Steve Witkoff",
        "said_on": "2025-03-16",
        "deadline_phrase": "in the coming weeks",
        "deadline_rule": "coming weeks",
        "deadline_start": "2025-03-16",
        "deadline_end": "2025-04-27",
        "due_on": "2025-04-27",
        "status": "broken",
        "outcome_on": "2025-05-01",
        "quote": "We'll have a deal\nin weeks",
        "criteria": "a signed deal",
        "confidence": 0.25,
        "created_at": "2025-03-16T09:30:00.000000Z",
        "updated_at": "2025-05-01T10:00:00.123456Z",
        "source": {
            "url": "https://example.org/a",
            "title": "Talks",
            "outlet": "AP",
            "published_on": "2025-03-16",
        },
        "other_sources": [
            {
                "url": "https://example.org/other",
                "title": "The same words",
                "outlet": "Reuters",
                "published_on": "2025-03-17",
                "said_on": "2025-03-16",
                "note": "quotes him too",
                "added_at": "2025-03-17T08:00:00.000000Z",
                "added_by": "ann",
            },
            {"url": "https://example.org/bare"},
        ],
        "tags": ["diplomacy", "ukraine"],
        "checks": [
            {
                "kind": "verify",
                "outcome": "broken",
                "happened_on": None,
                "until": None,
                "days_late": None,
                "evidence_url": "https://example.org/e",
                "note": "no deal",
                "recorded_at": "2025-05-01T10:00:00.123456Z",
            }
        ],
        "deadline_changes": [
            {
                "said_on": "2025-03-20",
                "old_phrase": "in weeks",
                "old_said_on": "2025-03-16",
                "old_start": "2025-03-16",
                "old_end": "2025-04-27",
                "new_phrase": "by May",
                "new_start": "2025-03-20",
                "new_end": "2025-05-31",
                "quote": None,
                "note": None,
                "source": {"url": "https://example.org/b"},
                "recorded_at": "2025-03-20T08:00:00.000000Z",
            }
        ],
    }
    record.update(changes)
    return {key: value for key, value in record.items() if value is not ...}


@pytest.mark.parametrize("ascii_only", [False, True])
def test_the_usual_lines_are_taken(ascii_only: bool) -> None:
    full = a_claim()
    bare = {k: full[k] for k in ("text", "speaker", "said_on", "deadline_phrase")}
    backslashes = a_claim(text="C:\\bin\\fresh\\run", quote="\\\\u0007 is a bell")
    for record in (full, bare, a_claim(source=None, checks=[], deadline_changes=None), backslashes):
        assert agrees(line_of(record, ascii_only)) is not None, record


def test_a_bare_claim_gets_its_window_and_uid_as_the_codec_gives_them() -> None:
    typed = agrees(line_of({"text": "x", "speaker": "A B", "said_on": "2025-03-16",
                            "deadline_phrase": "next week"}))  # fmt: skip
    assert typed is not None
    assert typed.values[5:7] == ("2025-03-17", "2025-03-23")


OTHER_WAY = [
    # what the codec cleans or refuses, and its wording of the refusal
    {"text": " padded"},
    {"text": "padded\n"},
    {"text": "\u3000wide space"},
    {"text": ""},
    {"text": "bell \u0007"},
    {"text": "delete \u007f"},
    {"quote": "carriage\rreturn"},
    {"criteria": "form\ffeed"},
    {"text": "x" * 10_001},
    {"deadline_phrase": "y" * 501},
    {"speaker": "Steve  Witkoff"},
    {"speaker": " Steve"},
    {"speaker": "Steve\tWitkoff"},
    {"speaker": "s" * 201},
    {"speaker": None},
    {"speaker": "ß" * 150},  # its key, casefolded, is 300 characters
    {"tags": ["two  spaces"]},
    {"tags": ["ß" * 60]},  # casefolds to 120 characters
    {"tags": "diplomacy"},
    {"tags": [1]},
    {"said_on": "2025-02-30"},
    {"said_on": "2025-3-16"},
    {"said_on": "20250316"},
    {"said_on": 20250316},
    {"deadline_end": "2025-03-01"},
    {"deadline_start": None},
    {"outcome_on": "2025-02-29"},
    {"due_on": "2025-13-01"},
    {"source": {"url": "https://example.org/a", "published_on": "2025-04-31"}},
    {"checks": [{"kind": "verify", "outcome": "kept", "happened_on": "2025-00-10"}]},
    {"checks": [{"kind": "snooze", "until": "2025-06-31"}]},
    {"status": "Kept"},
    {"status": "open"},  # with an outcome_on
    {"confidence": True},
    {"confidence": "0.5"},
    {"confidence": 1.5},
    {"confidence": -0.5},
    {"confidence": 10**400},
    {"created_at": "2025-03-16T09:30:00"},
    {"created_at": "2025-03-16 09:30:00Z"},
    {"created_at": "2025-03-16T24:00:00.000000Z"},
    {"created_at": 1742117400},
    {"uid": "-leading-dash"},
    {"uid": "u" * 65},
    {"uid": 7},
    {"source": {"title": "no url"}},
    {"source": {"url": "https://example.org/with space"}},
    {"source": {"url": "https://example.org/a", "extra": 1}},
    {"source": "https://example.org/a"},
    {"checks": [{"kind": "verify"}]},
    {"checks": [{"kind": "snooze", "until": None}]},
    {"checks": [{"kind": "verify", "outcome": "kept", "days_late": 1.0}]},
    {"checks": [{"kind": "verify", "outcome": "kept", "days_late": 2**63}]},
    {"checks": [{"kind": "verify", "outcome": "kept", "days_late": True}]},
    {"checks": [{"kind": "reopen", "note": " padded"}]},
    {"checks": {"kind": "reopen"}},
    {"deadline_changes": [{"said_on": "2025-03-20"}]},
    {"deadline_changes": [dict(a_claim()["deadline_changes"][0], old_start="2025-04-28")]},
    {"deadline_changes": [dict(a_claim()["deadline_changes"][0], new_end="2025-03-19")]},
    {"deadline_changes": [dict(a_claim()["deadline_changes"][0], said_on="2025-02-29")]},
    {"other_sources": [{"url": "https://example.org/a"}]},  # the first source again
    {"other_sources": [{"url": "https://example.org/c"}, {"url": "https://example.org/c"}]},
    {"other_sources": [{"url": "https://example.org/c", "said_on": "2025-02-30"}]},
    {"other_sources": [{"url": "https://example.org/c", "published_on": "2025-2-3"}]},
    {"other_sources": [{"url": "https://example.org/c", "extra": 1}]},
    {"other_sources": [{"title": "no url"}]},
    {"other_sources": [{"url": "https://example.org/with space"}]},
    {"other_sources": [{"url": "https://example.org/c", "note": " padded"}]},
    {"other_sources": [{"url": "https://example.org/c", "outlet": "AP\n"}]},
    {"other_sources": [{"url": "https://example.org/c", "added_by": "x" * 201}]},
    {"other_sources": [{"url": "https://example.org/c", "added_at": "2025-03-16T09:30:00"}]},
    {"other_sources": {"url": "https://example.org/c"}},
    {"other_sources": ["https://example.org/c"]},
    {"surprise": "field"},
    {"text": ...},
]


@pytest.mark.parametrize("change", OTHER_WAY, ids=repr)
@pytest.mark.parametrize("ascii_only", [False, True])
def test_what_the_codec_cleans_or_refuses_goes_to_the_codec(
    change: dict[str, Any], ascii_only: bool
) -> None:
    line = line_of(a_claim(**change), ascii_only)
    assert agrees(line) is None


@pytest.mark.parametrize(
    "line",
    [
        '{"text":"a","text":"There will be a deal","speaker":"S","said_on":"2025-03-16",'
        '"deadline_phrase":"next week"}',
        '{"te\\u0078t":"x","speaker":"S","said_on":"2025-03-16","deadline_phrase":"next week"}',
        '{"text":"tab\\tand\\nnewline","speaker":"S","said_on":"2025-03-16",'
        '"deadline_phrase":"next week"}',
        '{"text":"a backslash \\\\b","speaker":"S","said_on":"2025-03-16",'
        '"deadline_phrase":"next week"}',
        '{"text":"x\\ud800","speaker":"S","said_on":"2025-03-16","deadline_phrase":"next week"}',
        '{"text":"x","speaker":"S","said_on":"2025-03-16","deadline_phrase":"next week",'
        '"confidence":NaN}',
        '["text"]',
        "null",
        '{"text":"x"} trailing',
        '{"text":"x","speaker":"S","said_on":"2025-03-16","deadline_phrase":"next week",'
        '"created_at":"2025-03-16T10:30:00+01:00","confidence":1,"tags":null,"checks":null}',
    ],
)
def test_odd_json_agrees(line: str) -> None:
    agrees(line)


TRICKY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(
        [
            "2025-03-16",
            "2025-02-29",
            "0001-01-01",
            "2025-03-16T09:30:00.000000Z",
            "2025-03-16T09:30:00Z",
            "open",
            "kept",
            "verify",
            "snooze",
            " x",
            "x ",
            "a  b",
            "\x7f",
            "\x0b",
            "https://example.org/x",
            "-0",
        ]
    ),
    st.lists(st.text(max_size=5), max_size=2),
    st.dictionaries(st.sampled_from(["url", "kind", "outcome", "x"]), st.text(max_size=8)),
)


@st.composite
def odd_records(draw: st.DrawFn) -> dict[str, Any]:
    """A record as export writes it, with some fields made odd, dropped or added."""
    record = draw(claims(0, draw(st.lists(st.text(max_size=8), min_size=1, max_size=2)), True))
    keys = sorted(record)
    for key in draw(st.lists(st.sampled_from(keys), max_size=4)):
        record[key] = draw(TRICKY)
    for key in draw(st.lists(st.sampled_from(keys), max_size=2)):
        record.pop(key, None)
    for nested in ("checks", "deadline_changes", "other_sources"):
        items = record.get(nested)
        if isinstance(items, list) and items and isinstance(items[0], dict) and draw(st.booleans()):
            inner = sorted(items[0])
            items[0][draw(st.sampled_from(inner))] = draw(TRICKY)
    if isinstance(record.get("source"), dict) and draw(st.booleans()):
        record["source"][draw(st.sampled_from(["url", "title", "outlet", "published_on"]))] = draw(
            TRICKY
        )
    if draw(st.booleans()):
        record[draw(st.sampled_from(["extra", *keys]))] = draw(TRICKY)
    return record


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=odd_records(), ascii_only=st.booleans())
def test_typed_lines_never_take_what_the_codec_would_not(
    record: dict[str, Any], ascii_only: bool
) -> None:
    agrees(line_of(record, ascii_only))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=claims(0, ["Steve Witkoff", "Ana Ruiz"], True), ascii_only=st.booleans())
def test_typed_lines_take_every_exported_record(record: dict[str, Any], ascii_only: bool) -> None:
    line = line_of(record, ascii_only)
    assert by_codec(line) != REFUSED
    assert agrees(line) is not None
