"""tracker export / import: JSONL (lossless), CSV, conflicts, errors by line, dry runs."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from tests.conftest import (
    Run,
    _drop_pg_database,
    _fresh_pg_database,
    backend,
    dump,
    ok,
    refused,
    sql,
)
from tracker.errors import InputError
from tracker.records import CLAIM_KEYS
from tracker.rows import (
    CLAIM_VALUES,
    ChangeValues,
    CheckValues,
    OtherSourceValues,
    SourceValues,
)
from tracker.store import fast_write
from tracker.store.models import Claim
from tracker.store.schema import PAGE_SIZE
from tracker.transfer import codec, importer, staging
from tracker.transfer.export import jsonl_line, timestamp_text
from tracker.validate import name_key, spreadsheet_plain
from tracker.vocab import OUTCOMES, SCHEMA_HEAD, STATUSES

SAID = ("--speaker", "Steve Witkoff", "--said-on", "2025-03-16")


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8", newline="")
    return str(path)


@contextmanager
def fresh_database(pg_admin: Engine | None) -> Iterator[str]:
    """A new empty database's location: a SQLite file, or a PostgreSQL database."""
    if pg_admin is not None:
        name, url = _fresh_pg_database(pg_admin)
        try:
            yield url
        finally:
            _drop_pg_database(pg_admin, name)
        return
    folder = tempfile.mkdtemp(prefix="tracker-exchange-")
    try:
        yield str(Path(folder) / "fresh.db")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def other_db(pg_admin: Engine | None) -> Iterator[str]:
    with fresh_database(pg_admin) as location:
        yield location


@pytest.fixture
def history(witkoff: Run) -> Run:
    """The Witkoff claims with a judgement, a snooze, a reopening and a slip."""
    ok(witkoff, "edit", "1", "--tag", "Ukraine", "--tag", "calls", "--confidence", "0.7")
    ok(witkoff, "edit", "1", "--quote", "there will be a call", "--criteria", "a readout")
    ok(witkoff, "verify", "1", "--outcome", "kept", "--on", "2025-03-18", "--evidence",
       "https://example.org/readout", "--note", "call held")  # fmt: skip
    ok(witkoff, "reopen", "1", "--as-of", "2025-03-20", "--note", "only one side confirmed")
    ok(witkoff, "snooze", "2", "--until", "2025-04-10", "--as-of", "2025-03-25")
    ok(witkoff, "slip", "3", "--by", "by the end of April", "--said-on", "2025-04-01",
       "--quote", "by the end of April", "--source", "https://example.org/slip")  # fmt: skip
    ok(witkoff, "add", "end the war", "--speaker", "Donald Trump", "--by", "today",
       "--said-on", "2025-01-20", "--tag", "war")  # fmt: skip
    ok(witkoff, "verify", "4", "--outcome", "broken", "--on", "2025-01-21")
    ok(witkoff, "source", "add", "1", "https://apnews.com/article/call", "--outlet", "AP",
       "--said-on", "2025-03-16", "--note", "the same words")  # fmt: skip
    return witkoff


# ------------------------------------------------------------------ JSONL round trips


def test_jsonl_export_reimports_identically(history: Run, tmp_path: Path, other_db: str) -> None:
    exported = ok(history, "export").stdout
    lines = exported.splitlines()
    assert len(lines) == 4
    first = json.loads(lines[0])
    assert tuple(first) == codec.CLAIM_FIELDS
    ((other,),) = [first["other_sources"]]
    assert tuple(other) == codec.OTHER_SOURCE_FIELDS
    assert (other["url"], other["outlet"], other["note"]) == (
        "https://apnews.com/article/call",
        "AP",
        "the same words",
    )
    assert "id" not in first
    assert [c["kind"] for c in first["checks"]] == ["verify", "reopen"]
    assert json.loads(lines[2])["deadline_changes"][0]["new_phrase"] == "by the end of April"
    assert first["created_at"].endswith("Z") and len(first["created_at"]) == 27
    path = write(tmp_path / "claims.jsonl", exported)
    result = ok(history, "--db", other_db, "import", path)
    assert result.stderr.strip() == "imported 4 claims (0 skipped, 0 updated)"
    assert ok(history, "--db", other_db, "export").stdout == exported
    shown = json.loads(ok(history, "--db", other_db, "show", "1", "--format", "json").stdout)
    original = json.loads(ok(history, "show", "1", "--format", "json").stdout)
    # The journal is this database's own: the other has one entry, for the import.
    assert original.pop("journal")[0]["action"] == "add"
    assert shown.pop("journal") == []
    assert shown == original


def test_import_twice_adds_nothing(history: Run, tmp_path: Path, tracker_db: str) -> None:
    path = write(tmp_path / "claims.jsonl", ok(history, "export").stdout)
    before = dump(tracker_db)
    result = ok(history, "import", path)
    assert result.stderr.strip() == "imported 0 claims (4 skipped, 0 updated)"
    assert dump(tracker_db) == before


def test_export_filters(history: Run) -> None:
    def uids(*args: str) -> list[str]:
        return [
            json.loads(line)["text"]
            for line in ok(history, "export", *args).stdout.split("\n")
            if line
        ]

    assert uids("--speaker", "donald TRUMP") == ["end the war"]
    assert uids("--tag", "ukraine") == ["there will be a call with both presidents"]
    assert uids("--status", "broken") == ["end the war"]
    assert uids("--said-before", "2025-03-01") == ["end the war"]
    assert len(uids("--said-after", "2025-03-01")) == 3


def test_export_to_a_file_takes_the_format_from_its_name(history: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = ok(history, "export", "--output", str(target))
    assert result.stdout == ""
    assert result.stderr.strip() == f"exported 4 claims to {target}"
    assert target.read_text(encoding="utf-8").startswith("uid,text,speaker,")
    assert list(tmp_path.glob(".out.csv.*")) == []


def test_failed_export_leaves_the_old_file(
    history: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.errors import DatabaseError
    from tracker.transfer import export

    def half_then_fail(session: Any, conditions: Any, out: Any) -> int:
        out.write("half a line")
        raise DatabaseError("the database went away")

    monkeypatch.setattr(export, "write_jsonl", half_then_fail)
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    result = history("export", "--output", str(target))
    assert result.exit_code == 1
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_export_never_writes_over_the_database(history: Run, tmp_path: Path) -> None:
    database = str(tmp_path / "own.db")  # a file, whichever engine the suite runs on
    ok(
        history,
        "--db",
        database,
        "import",
        write(tmp_path / "c.jsonl", ok(history, "export").stdout),
    )
    before = dump(database)
    message = refused(history, "--db", database, "export", "--output", database)
    assert message.endswith("is the database itself")
    assert dump(database) == before


# ------------------------------------------------------------------ property tests

CLEAN = st.characters(blacklist_categories=("Cc", "Cs"))
TEXT = st.text(CLEAN, min_size=1, max_size=40).filter(lambda s: s == s.strip())
NAME = st.text(CLEAN, min_size=1, max_size=30).map(lambda s: " ".join(s.split())).filter(bool)
TAG = NAME.filter(lambda t: t == t.casefold() and ";" not in t)
DAY = st.dates(date(1900, 1, 1), date(2100, 12, 31))
MOMENT = st.datetimes(datetime(1970, 1, 1), datetime(2100, 1, 1)).map(
    lambda m: timestamp_text(m.replace(tzinfo=UTC))
)
CONFIDENCE = st.none() | st.floats(0.0, 1.0)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def windows(draw: st.DrawFn, said_on: date) -> tuple[date, date]:
    end = min(said_on + timedelta(days=draw(st.integers(0, 400))), date(2100, 12, 31))
    return end - timedelta(days=draw(st.integers(0, 400))), end


@st.composite
def checks(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(codec.CHECK_KINDS))
    outcome = draw(st.sampled_from(OUTCOMES)) if kind == "verify" else None
    until = draw(DAY) if kind == "snooze" else None
    return {
        "kind": kind,
        "outcome": outcome if kind != "reopen" else draw(_maybe(st.sampled_from(OUTCOMES))),
        "happened_on": _iso(draw(_maybe(DAY))),
        "until": _iso(until),
        "days_late": draw(_maybe(st.integers(0, 1000))),
        "evidence_url": draw(_maybe(st.just("https://example.org/evidence"))),
        "note": draw(_maybe(TEXT)),
        "recorded_at": draw(MOMENT),
    }


@st.composite
def changes(draw: st.DrawFn, index: int, number: int) -> dict[str, Any]:
    said_on = draw(DAY)
    old_start, old_end = draw(windows(said_on))
    new_start, new_end = draw(windows(said_on))
    return {
        "said_on": said_on.isoformat(),
        "old_phrase": draw(TEXT),
        "old_said_on": draw(DAY).isoformat(),
        "old_start": old_start.isoformat(),
        "old_end": old_end.isoformat(),
        "new_phrase": draw(TEXT),
        "new_start": new_start.isoformat(),
        "new_end": new_end.isoformat(),
        "quote": draw(_maybe(TEXT)),
        "note": draw(_maybe(TEXT)),
        "source": draw(_maybe(sources(f"{index}/change{number}"))),
        "recorded_at": draw(MOMENT),
        "reason": draw(st.sampled_from([None, "event"])),
    }


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    """An event claims count from, dated or not yet, as export writes it."""
    return {
        "name": draw(NAME),
        "on": _iso(draw(_maybe(DAY))),
        "term_months": draw(st.none() | st.integers(1, 1200)),
        "note": draw(_maybe(TEXT)),
    }


@st.composite
def sources(draw: st.DrawFn, path: str) -> dict[str, Any]:
    return {
        "url": f"https://example.org/{path}",
        "title": draw(_maybe(TEXT)),
        "outlet": draw(_maybe(NAME)),
        "published_on": _iso(draw(_maybe(DAY))),
    }


@st.composite
def other_sources(draw: st.DrawFn, index: int) -> list[dict[str, Any]]:
    """A claim's other sources as export writes them: each URL its own, none twice."""
    found = []
    for number in range(draw(st.integers(0, 2))):
        found.append(
            {
                **draw(sources(f"{index}/other{number}")),
                "said_on": _iso(draw(_maybe(DAY))),
                "note": draw(_maybe(TEXT)),
                "added_at": draw(MOMENT),
                "added_by": draw(_maybe(NAME)),
            }
        )
    return found


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@st.composite
def claims(
    draw: st.DrawFn,
    index: int,
    speakers: list[str],
    history: bool,
    on_events: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """One claim exactly as export writes it (canonical values, every key, key order);
    one on an undated event waits, with no window."""
    said_on = draw(DAY)
    start, end = draw(windows(said_on))
    event = draw(st.none() | st.sampled_from(on_events)) if on_events else None
    waiting = event is not None and event["on"] is None
    status = (
        "waiting" if waiting else draw(st.sampled_from([s for s in STATUSES if s != "waiting"]))
    )
    claim = {
        "uid": f"u{index}-{draw(st.text('0123456789abcdef', max_size=12))}",
        "text": draw(TEXT),
        "speaker": draw(st.sampled_from(speakers)),
        "said_on": said_on.isoformat(),
        "deadline_phrase": draw(TEXT),
        "deadline_rule": draw(_maybe(TEXT)),
        "deadline_start": start.isoformat(),
        "deadline_end": end.isoformat(),
        "due_on": draw(DAY).isoformat(),
        "status": status,
        "outcome_on": None if status in ("open", "waiting") else _iso(draw(_maybe(DAY))),
        "quote": draw(_maybe(TEXT)),
        "criteria": draw(_maybe(TEXT)),
        "confidence": draw(CONFIDENCE),
        "created_at": draw(MOMENT),
        "updated_at": draw(MOMENT),
        "source": draw(_maybe(sources(str(index)))),
        "other_sources": draw(other_sources(index)) if history else [],
        "event": event,
        "tags": sorted(draw(st.sets(TAG, max_size=3))),
        "checks": draw(st.lists(checks(), max_size=3)) if history else [],
        "deadline_changes": (
            [draw(changes(index, n)) for n in range(draw(st.integers(0, 2)))] if history else []
        ),
    }
    if waiting:
        claim.update(deadline_start=None, deadline_end=None, due_on=None)
    return claim


@st.composite
def claim_files(draw: st.DrawFn, history: bool = True) -> list[dict[str, Any]]:
    """Claims as export writes them; with their history, some on events (which CSV,
    a claim per row without history, does not carry)."""
    speakers = draw(st.lists(NAME, min_size=1, max_size=3, unique_by=name_key))
    pool = draw(st.lists(events(), max_size=2, unique_by=lambda e: name_key(e["name"])))
    on_events = pool if history else []
    return [draw(claims(i, speakers, history, on_events)) for i in range(draw(st.integers(1, 5)))]


PROPERTY = settings(
    max_examples=8 if backend() == "postgresql" else 30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(records=claim_files())
def test_jsonl_round_trip_is_byte_identical(
    run: Run, tmp_path: Path, pg_admin: Engine | None, records: list[dict[str, Any]]
) -> None:
    text = "".join(jsonl_line(record) for record in records)
    path = write(tmp_path / "claims.jsonl", text)
    with fresh_database(pg_admin) as location:
        ok(run, "--db", location, "import", path)
        assert ok(run, "--db", location, "export").stdout == text


@PROPERTY
@given(records=claim_files(history=False))
def test_csv_round_trip_is_identical(
    run: Run, tmp_path: Path, pg_admin: Engine | None, records: list[dict[str, Any]]
) -> None:
    source = write(tmp_path / "claims.jsonl", "".join(jsonl_line(r) for r in records))
    with fresh_database(pg_admin) as first, fresh_database(pg_admin) as second:
        ok(run, "--db", first, "import", source)
        exported = ok(run, "--db", first, "export", "--format", "csv").stdout
        path = write(tmp_path / "claims.csv", exported)
        ok(run, "--db", second, "import", path)
        assert ok(run, "--db", second, "export", "--format", "csv").stdout == exported
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [row["uid"] for row in rows] == [r["uid"] for r in records]
    tags = [spreadsheet_plain(row["tags"]) for row in rows]  # as a spreadsheet shows them
    assert [cell.split(";") if cell else [] for cell in tags] == [r["tags"] for r in records]


# ------------------------------------------------------------------ all or nothing


def test_a_broken_line_in_the_middle_imports_nothing(
    history: Run, tmp_path: Path, tracker_db: str
) -> None:
    lines = [
        jsonl_line(json.loads(line) | {"uid": f"copy-{n}"})
        for n, line in enumerate(ok(history, "export").stdout.splitlines())
    ]
    lines.insert(2, '{"text": "half a claim", \n')
    path = write(tmp_path / "broken.jsonl", "".join(lines))
    before = dump(tracker_db)
    message = refused(history, "import", path)
    assert message.startswith("tracker: error: nothing imported: line 3: not valid JSON")
    assert dump(tracker_db) == before


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"status": "maybe"}, "line 2: unknown status 'maybe'"),
        ({"confidence": 1.5}, "line 2: confidence must be between 0 and 1"),
        ({"text": "a\x07b"}, "line 2: text contains a control character"),
        ({"said_on": "16/03/2025"}, "line 2: said_on must be a date as YYYY-MM-DD"),
        ({"said_on": None}, "line 2: said_on is missing"),
        ({"said_on": ["2025-03-16"]}, "line 2: said_on must be a date as YYYY-MM-DD"),
        ({"said_on": "2025-W11-7"}, "line 2: said_on must be a date as YYYY-MM-DD"),
        ({"created_at": "2025-02-30T09:30:00.000000Z"}, "line 2: created_at must be a time"),
        ({"created_at": "2025-03-16T24:30:00.000000Z"}, "line 2: created_at must be a time"),
        ({"updated_at": {"at": 1}}, "line 2: updated_at must be text"),
        ({"colour": "red"}, "line 2: unknown field 'colour' in a claim"),
        ({"deadline_start": "2025-05-01"}, "line 2: deadline_start 2025-05-01 is after"),
        ({"tags": "a"}, "line 2: tags must be a list"),
        ({"checks": [{"kind": "verify"}]}, "line 2: a check needs its kind"),
        ({"created_at": "2025-03-16 10:00"}, "line 2: created_at must be a time like"),
        ({"source": {"url": "https://a b"}}, "line 2: source url must not contain spaces"),
        ({"outcome_on": "2025-03-20"}, "line 2: outcome_on is set but the claim is open"),
        (
            {"checks": [{"kind": "verify", "outcome": "kept", "days_late": 2**64}]},
            f"line 2: days_late is out of range: {2**64}",
        ),
        ({"confidence": float("nan")}, "line 2: confidence must be between 0 and 1"),
        ({"confidence": 10**400}, "line 2: confidence must be between 0 and 1"),
        ({"confidence": -(2**70)}, "line 2: confidence must be between 0 and 1"),
    ],
)
def test_bad_rows_name_their_line(
    witkoff: Run, tmp_path: Path, other_db: str, change: dict[str, Any], expected: str
) -> None:
    lines = ok(witkoff, "export").stdout.splitlines()
    record = json.loads(lines[1]) | change
    lines[1] = json.dumps(record, ensure_ascii=False)
    path = write(tmp_path / "bad.jsonl", "\n".join(lines) + "\n")
    assert expected in refused(witkoff, "--db", other_db, "import", path)
    assert sql(other_db, "SELECT count(*) FROM claims") == [(0,)]


@pytest.mark.parametrize(
    ("spelled", "expected"),
    [
        ('"a\\ud800b"', "line 2: contains a lone surrogate"),
        ('"a\\udfffb"', "line 2: contains a lone surrogate"),
        ('"\\ud83d\\ude00 ok"', None),  # a pair spelled in escapes is one character
    ],
)
def test_escaped_surrogates_in_jsonl(
    witkoff: Run, tmp_path: Path, other_db: str, spelled: str, expected: str | None
) -> None:
    lines = ok(witkoff, "export").stdout.splitlines()
    record = json.loads(lines[1]) | {"text": "PLACEHOLDER"}
    lines[1] = json.dumps(record, ensure_ascii=False).replace('"PLACEHOLDER"', spelled)
    path = write(tmp_path / "s.jsonl", "\n".join(lines) + "\n")
    if expected is None:
        ok(witkoff, "--db", other_db, "import", path)
        assert sql(other_db, "SELECT count(*) FROM claims WHERE text = '\U0001f600 ok'") == [(1,)]
    else:
        assert expected in refused(witkoff, "--db", other_db, "import", path)
        assert sql(other_db, "SELECT count(*) FROM claims") == [(0,)]


def test_errors_are_collected_up_to_a_limit(witkoff: Run, tmp_path: Path, other_db: str) -> None:
    good = ok(witkoff, "export").stdout.splitlines()[0]
    lines = [good] + ["{}"] * 30
    path = write(tmp_path / "bad.jsonl", "\n".join(lines) + "\n")
    message = refused(witkoff, "--db", other_db, "import", path)
    assert message.count("line ") == importer.MAX_ERRORS
    assert "line 2: text is missing; line 3: text is missing" in message
    assert message.endswith(f"stopped after {importer.MAX_ERRORS} errors")


def test_bytes_that_are_not_utf8_name_their_line(witkoff: Run, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"text,speaker,said_on,by\ncaf\xe9,A,2025-03-16,this week\n")
    assert "line 2: not UTF-8 text" in refused(witkoff, "import", str(path))


# ------------------------------------------------------------------ conflicts


def test_on_conflict_fail_names_the_first_conflict_and_imports_nothing(
    history: Run, tmp_path: Path, tracker_db: str
) -> None:
    lines = ok(history, "export").stdout.splitlines()
    new = json.loads(lines[0]) | {"uid": "brand-new", "text": "a new claim"}
    path = write(tmp_path / "c.jsonl", "\n".join([jsonl_line(new).strip(), *lines[2:]]) + "\n")
    before = dump(tracker_db)
    message = refused(history, "import", path, "--on-conflict", "fail")
    uid = json.loads(lines[2])["uid"]
    assert message == (
        f"tracker: error: nothing imported: line 2: claim {uid} is already in the database"
    )
    assert dump(tracker_db) == before


def test_on_conflict_update_replaces_fields_and_history(
    history: Run, tmp_path: Path, tracker_db: str
) -> None:
    lines = ok(history, "export").stdout.splitlines()
    record = json.loads(lines[0])
    record |= {"text": "a call happened", "tags": ["new"], "checks": record["checks"][:1]}
    record |= {"status": "kept", "outcome_on": "2025-03-18", "source": None}
    lines[0] = jsonl_line(record).strip()
    path = write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    result = ok(history, "import", path, "--on-conflict", "update")
    assert result.stderr.strip() == "imported 0 claims (0 skipped, 4 updated)"
    assert ok(history, "export").stdout == "\n".join(lines) + "\n"
    shown = json.loads(ok(history, "show", "1", "--format", "json").stdout)
    assert (shown["id"], shown["text"], shown["tags"], shown["status"]) == (
        1,
        "a call happened",
        ["new"],
        "kept",
    )
    assert [entry["kind"] for entry in shown["history"]] == ["verify"]


def test_a_uid_twice_in_one_file_is_a_conflict_with_the_earlier_line(
    witkoff: Run, tmp_path: Path, other_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH", 2)
    lines = ok(witkoff, "export").stdout.splitlines()
    twice = [lines[0], lines[1], lines[0], lines[2]]
    path = write(tmp_path / "twice.jsonl", "\n".join(twice) + "\n")
    message = refused(witkoff, "--db", other_db, "import", path, "--on-conflict", "fail")
    assert message.endswith(
        "line 3: claim " + json.loads(lines[0])["uid"] + " is already in the database"
    )
    result = ok(witkoff, "--db", other_db, "import", path)
    assert result.stderr.strip() == "imported 3 claims (1 skipped, 0 updated)"
    assert ok(witkoff, "--db", other_db, "export").stdout == ok(witkoff, "export").stdout


def test_a_skipped_claim_leaves_no_trace(witkoff: Run, tmp_path: Path, tracker_db: str) -> None:
    record = json.loads(ok(witkoff, "export").stdout.splitlines()[0])
    record |= {"speaker": "Someone New", "tags": ["new-tag"]}
    record |= {"source": {"url": "https://new.example/", "title": None, "outlet": None,
                          "published_on": None}}  # fmt: skip
    path = write(tmp_path / "c.jsonl", jsonl_line(record))
    before = dump(tracker_db)
    assert ok(witkoff, "import", path).stderr.strip() == "imported 0 claims (1 skipped, 0 updated)"
    assert dump(tracker_db) == before


def test_dry_run_counts_and_writes_nothing(history: Run, tmp_path: Path, tracker_db: str) -> None:
    lines = ok(history, "export").stdout.splitlines()
    new = json.loads(lines[0]) | {"uid": "brand-new"}
    path = write(tmp_path / "c.jsonl", "\n".join([*lines, jsonl_line(new).strip()]) + "\n")
    before = dump(tracker_db)
    result = ok(history, "import", path, "--dry-run", "--on-conflict", "update")
    assert result.stderr.strip() == "dry run: 1 new, 4 updated, 0 skipped; nothing written"
    result = ok(history, "import", path, "--dry-run")
    assert result.stderr.strip() == "dry run: 1 new, 0 updated, 4 skipped; nothing written"
    assert dump(tracker_db) == before


def test_batches_and_caches_carry_across_batches(
    run: Run, tmp_path: Path, other_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH", 3)
    monkeypatch.setattr(importer, "CACHE_LIMIT", 2)
    lines = [
        "text,speaker,said_on,by,tags,source_url",
        *(f"claim {n},Speaker {n % 3},2025-03-1{n},this week,t{n % 2};x,https://e.org/{n % 4}"
          for n in range(10)),
    ]  # fmt: skip
    path = write(tmp_path / "c.csv", "\n".join(lines) + "\n")
    ok(run, "--db", other_db, "import", path)
    listed = json.loads(ok(run, "--db", other_db, "list", "--format", "json").stdout)
    assert [r["id"] for r in listed] == list(range(1, 11))
    assert [r["speaker"] for r in listed] == [f"Speaker {n % 3}" for n in range(10)]
    assert [r["tags"] for r in listed] == [sorted([f"t{n % 2}", "x"]) for n in range(10)]
    assert [r["source_url"] for r in listed] == [f"https://e.org/{n % 4}" for n in range(10)]
    assert sql(other_db, "SELECT count(*) FROM speakers")[0][0] == 3


def test_a_bulk_import_rebuilds_the_indexes_it_set_aside(
    history: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other_db = str(tmp_path / "fresh.db")  # SQLite's own indexes, whichever engine runs
    monkeypatch.setattr(importer, "BATCH", 2)
    exported = ok(history, "export").stdout
    path = write(tmp_path / "claims.jsonl", exported)
    ok(history, "--db", other_db, "db", "upgrade")
    schema = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    indexes = sql(other_db, schema)
    broken = write(tmp_path / "broken.jsonl", exported + "{}\n")
    refused(history, "--db", other_db, "import", broken)
    assert sql(other_db, schema) == indexes
    ok(history, "--db", other_db, "import", path)
    assert sql(other_db, schema) == indexes
    assert ok(history, "--db", other_db, "export").stdout == exported


def test_the_portable_store_gives_the_same_database(
    history: Run,
    tmp_path: Path,
    other_db: str,
    monkeypatch: pytest.MonkeyPatch,
    small_blocks: Callable[[int], None],
) -> None:
    """The Core path PostgreSQL uses, run on SQLite too (staged in workers, as Python
    dates and times), so both stay tested."""
    from tracker.store.full_write import CoreStore

    lines = _many(history, 6)
    path = write(tmp_path / "claims.jsonl", "\n".join(lines) + "\n")
    ok(history, "--db", other_db, "import", path)
    expected = ok(history, "--db", other_db, "export").stdout
    monkeypatch.setattr(importer, "import_sqlite_file", lambda *args, **kwargs: None)
    monkeypatch.setattr(importer, "store_for", CoreStore)
    small_blocks(2)
    with fresh_database(None) as location:
        ok(history, "--db", location, "import", path)
        assert ok(history, "--db", location, "export").stdout == expected


def test_every_way_into_an_sqlite_file_gives_the_same_database(
    history: Run, tmp_path: Path
) -> None:
    """A plain path (the fast path), an sqlite:/// URL (the full path), and a
    file at an older schema revision (migrated first) end up alike."""
    from tracker.store.engine import make_engine, upgrade

    exported = ok(history, "export").stdout
    path = write(tmp_path / "claims.jsonl", exported)
    older = tmp_path / "older.db"
    upgrade(make_engine(f"sqlite:///{older}"), "0003")
    locations = [str(tmp_path / "new.db"), f"sqlite:///{tmp_path / 'url.db'}", str(older)]
    for location in locations:
        result = ok(history, "--db", location, "import", path)
        assert (
            result.stderr.strip()
            == f"imported {exported.count(chr(10))} claims (0 skipped, 0 updated)"
        )
        assert ok(history, "--db", location, "export").stdout == exported
    assert sql(older, "SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
    new = tmp_path / "new.db"
    assert new.stat().st_mode & 0o777 == 0o600
    assert sql(new, "PRAGMA journal_mode") == [("wal",)]
    assert sql(new, "PRAGMA page_size") == sql(tmp_path / "url.db", "PRAGMA page_size")
    assert sql(new, "PRAGMA page_size") == [(PAGE_SIZE,)]
    tables = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    assert sql(new, tables) == sql(tmp_path / "url.db", tables) == sql(older, tables)
    assert sql(new, "PRAGMA foreign_key_check") == []


def test_a_failed_import_into_a_new_file_leaves_it_ready(history: Run, tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    broken = write(tmp_path / "broken.jsonl", "{}\n")
    assert "line 1: text is missing" in refused(history, "--db", str(new), "import", broken)
    assert sql(new, "SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
    assert sql(new, "SELECT count(*) FROM claims") == [(0,)]


def test_a_file_that_is_no_tracker_database_is_refused_on_import(
    history: Run, tmp_path: Path
) -> None:
    path = write(tmp_path / "claims.jsonl", ok(history, "export").stdout)
    foreign = tmp_path / "foreign.db"
    sql(foreign, "CREATE TABLE notes (body TEXT)")
    result = history("--db", str(foreign), "import", path)
    assert result.exit_code == 1
    assert "not a tracker database" in result.stderr
    assert sql(foreign, "SELECT name FROM sqlite_master") == [("notes",)]
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not SQLite" * 100)
    result = history("--db", str(garbage), "import", path)
    assert result.exit_code == 1
    assert "cannot use database" in result.stderr
    assert garbage.read_bytes() == b"this is not SQLite" * 100


@pytest.mark.parametrize("way", ["path", "url"])
def test_both_ways_into_sqlite_agree_on_conflicts_dry_runs_and_errors(
    history: Run, tmp_path: Path, way: str
) -> None:
    """The fast path (a path) and the full path (an sqlite:/// URL) take the
    same steps and say the same; the stored result is compared with dump()."""
    database = tmp_path / "same.db"
    location = str(database) if way == "path" else f"sqlite:///{database}"
    lines = ok(history, "export").stdout.splitlines()
    first = write(tmp_path / "first.jsonl", "\n".join(lines[:2]) + "\n")
    everything = write(tmp_path / "all.jsonl", "\n".join(lines) + "\n")
    changed = [json.loads(line) | {"criteria": "changed"} for line in lines]
    update = write(tmp_path / "changed.jsonl", "".join(jsonl_line(r) for r in changed))
    steps = [
        ("import", first),
        ("import", everything, "--dry-run"),
        ("import", everything, "--on-conflict", "fail"),
        ("import", update, "--on-conflict", "update", "--dry-run"),
        ("import", update, "--on-conflict", "update"),
        ("import", everything),
    ]
    said = []
    for step in steps:
        result = history("--db", location, *step)
        said.append((result.exit_code, result.stderr.strip()))
    uid = json.loads(lines[0])["uid"]
    assert said == [
        (0, "imported 2 claims (0 skipped, 0 updated)"),
        (0, f"dry run: {len(lines) - 2} new, 0 updated, 2 skipped; nothing written"),
        (2, f"tracker: error: nothing imported: line 1: claim {uid} is already in the database"),
        (0, f"dry run: {len(lines) - 2} new, 2 updated, 0 skipped; nothing written"),
        (0, f"imported {len(lines) - 2} claims (0 skipped, 2 updated)"),
        (0, f"imported 0 claims ({len(lines)} skipped, 0 updated)"),
    ]
    assert ok(history, "--db", location, "export").stdout == "".join(jsonl_line(r) for r in changed)
    assert sql(database, "PRAGMA foreign_key_check") == []


@pytest.mark.parametrize("way", ["path", "url"])
def test_a_database_failure_during_an_import_is_one_line(
    history: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    import sqlite3

    database = tmp_path / "failing.db"
    ok(history, "--db", str(database), "db", "upgrade")
    location = str(database) if way == "path" else f"sqlite:///{database}"
    path = write(tmp_path / "claims.jsonl", ok(history, "export").stdout)

    def disk_fails(self: Any, table: str) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(fast_write.SqliteStore, "_first_free", disk_fails)
    result = history("--db", location, "import", path)
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"tracker: error: cannot use database sqlite:///{database}: disk I/O error\n"
    )


def test_a_locked_database_is_reported_after_one_wait(
    history: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast path says the database is locked; it does not hand over to the full
    path to wait all over again."""
    import sqlite3

    from tracker.store import sqlite_file

    database = tmp_path / "locked.db"
    ok(history, "--db", str(database), "db", "upgrade")
    path = write(tmp_path / "claims.jsonl", ok(history, "export").stdout)
    monkeypatch.setattr(sqlite_file, "BUSY_TIMEOUT_S", 0.1)

    def second_wait(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("waited for the lock a second time")

    monkeypatch.setattr(importer, "import_file", second_wait)
    holder = sqlite3.connect(database, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        result = history("--db", str(database), "import", path)
    finally:
        holder.close()
    assert result.exit_code == 1, result.stderr
    assert result.stderr == (
        f"tracker: error: cannot use database sqlite:///{database}: database is locked\n"
    )
    assert sql(database, "SELECT count(*) FROM claims") == [(0,)]


@pytest.mark.parametrize(
    ("seen_limit", "collide"),
    [(1_000, False), (3, False), (1_000, True)],
    ids=["remembered", "past-the-limit", "every-hash-alike"],
)
def test_a_uid_twice_in_a_file_is_caught_in_any_batch(
    history: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seen_limit: int,
    collide: bool,
) -> None:
    """Into an empty database the importer remembers the uids it wrote (as hashes) rather
    than looking each batch up; a uid repeated batches later is still a conflict."""
    monkeypatch.setattr(importer, "BATCH", 2)
    monkeypatch.setattr(importer, "SEEN_LIMIT", seen_limit)
    if collide:
        monkeypatch.setattr(importer, "hash", lambda _: 0, raising=False)
    record = json.loads(ok(history, "export").stdout.splitlines()[0])
    uids = ["a", "b", "c", "d", "a", "e", "f", "b", "g"]
    lines = [jsonl_line(record | {"uid": uid, "text": f"claim {n}"}) for n, uid in enumerate(uids)]
    path = write(tmp_path / "twice.jsonl", "".join(lines))
    fail = tmp_path / "fail.db"
    message = refused(history, "--db", str(fail), "import", path, "--on-conflict", "fail")
    assert message == "tracker: error: nothing imported: line 5: claim a is already in the database"
    skip = tmp_path / "skip.db"
    result = ok(history, "--db", str(skip), "import", path)
    assert result.stderr.strip() == "imported 7 claims (2 skipped, 0 updated)"
    texts = sql(skip, "SELECT uid, text FROM claims ORDER BY id")
    assert texts == [(u, f"claim {n}") for n, u in enumerate(uids) if n not in (4, 7)]
    update = tmp_path / "update.db"
    result = ok(history, "--db", str(update), "import", path, "--on-conflict", "update")
    assert result.stderr.strip() == "imported 7 claims (0 skipped, 2 updated)"
    assert dict(sql(update, "SELECT uid, text FROM claims"))["b"] == "claim 7"


@pytest.mark.parametrize(
    "moment",
    [
        "2025-03-16T24:00:00.000000Z",  # newer Pythons read it as the next day's midnight
        "2025-03-16T23:59:59.999999Z",
        "2024-02-29T00:00:00.000000Z",
        "2023-02-29T00:00:00.000000Z",
        "0001-01-01T00:00:00.000000Z",
        "9999-12-31T23:59:59.999999Z",
        "2025-03-16T09:60:00.000000Z",
        "2025-03-16T09:30:00.000000+00:00",
        "2025-03-16T09:30:00Z",
    ],
)
def test_the_short_reading_of_exported_times_agrees_with_the_full_one(moment: str) -> None:
    now = datetime(2026, 1, 2, 3, 4, 5, 6, UTC)
    try:
        full: str | None = codec.moment_text(codec.parse_timestamp(moment, "t"))
    except InputError:
        full = None
    try:
        short: str | None = codec._moment({"t": moment}, "t", now)
    except InputError:
        short = None
    assert short == full


def test_a_record_nested_deeply_is_refused_for_what_it_is(
    witkoff: Run, tmp_path: Path, other_db: str
) -> None:
    path = write(tmp_path / "deep.jsonl", "[" * 1000 + "]" * 1000 + "\n")
    message = refused(witkoff, "--db", other_db, "import", path)
    assert message.endswith("line 1: a claim must be an object, not a list")


def test_a_number_too_long_to_read_is_refused_for_what_it_is(
    witkoff: Run, tmp_path: Path, other_db: str
) -> None:
    path = write(tmp_path / "long.jsonl", '{"confidence": 1' + "0" * 5000 + "}\n")
    message = refused(witkoff, "--db", other_db, "import", path)
    assert message.endswith("line 1: not valid JSON (a number too long to read)")


# ------------------------------------------------------------------ CSV


def test_csv_errors_past_the_first_thousand_rows_name_their_lines(
    run: Run, tmp_path: Path, other_db: str
) -> None:
    rows = [f"claim {n},Speaker {n % 7},2025-03-16,this week" for n in range(2_500)]
    rows[1_499] = "claim x,Speaker,16/03/2025,this week"
    rows[2_399] = "claim y,Speaker,2025-03-16,"
    path = write(tmp_path / "many.csv", "text,speaker,said_on,by\n" + "\n".join(rows) + "\n")
    message = refused(run, "--db", other_db, "import", path)
    assert message == (
        "tracker: error: nothing imported: line 1501: said_on must be a date as YYYY-MM-DD, "
        "not '16/03/2025'; line 2401: deadline_phrase is missing"
    )
    assert sql(other_db, "SELECT count(*) FROM claims") == [(0,)]
    del rows[2_399], rows[1_499]
    path = write(tmp_path / "many.csv", "text,speaker,said_on,by\n" + "\n".join(rows) + "\n")
    assert ok(run, "--db", other_db, "import", path).stderr.startswith("imported 2498 claims")


def test_csv_with_four_columns_resolves_phrases(run: Run, tmp_path: Path, run_json: Any) -> None:
    text = (
        "Text,SPEAKER, said_on ,By\n"
        "there will be a call with both presidents,Steve Witkoff,2025-03-16,this week\n"
        '"a deal, at last",Steve Witkoff,2025-03-16,in the coming weeks\n'
    )
    path = write(tmp_path / "claims.csv", text)
    assert ok(run, "import", path).stderr.strip() == "imported 2 claims (0 skipped, 0 updated)"
    records = run_json("list")
    assert [(r["text"], r["deadline_start"], r["deadline_end"]) for r in records] == [
        ("there will be a call with both presidents", "2025-03-17", "2025-03-23"),
        ("a deal, at last", "2025-03-16", "2025-04-27"),
    ]
    assert ok(run, "import", path).stderr.strip() == "imported 0 claims (2 skipped, 0 updated)"


def test_csv_from_stdin_and_a_listing_csv_reimports(witkoff: Run, other_db: str) -> None:
    listing = ok(witkoff, "list", "--format", "csv").stdout
    assert listing.startswith("id,uid,")
    result = ok(witkoff, "--db", other_db, "import", "-", "--format", "csv", input=listing)
    assert result.stderr.strip() == "imported 3 claims (0 skipped, 0 updated)"
    assert ok(witkoff, "--db", other_db, "list", "--format", "csv").stdout == listing


def test_csv_errors_name_every_bad_line(run: Run, tmp_path: Path, tracker_db: str) -> None:
    text = (
        "text,speaker,said_on,by,confidence\n"
        "fine,A,2025-03-16,this week,\n"
        "bad day,A,2025/03/16,this week,\n"
        '"two\nlines",A,2025-03-16,next week,2\n'
        "no speaker,,2025-03-16,this week,\n"
        "unreadable,A,2025-03-16,qwzzy,\n"
        "too many,A,2025-03-16,this week,0.5,extra\n"
    )
    path = write(tmp_path / "bad.csv", text)
    ok(run, "db", "upgrade")
    before = dump(tracker_db)
    message = refused(run, "import", path)
    assert message == (
        "tracker: error: nothing imported: "
        "line 3: said_on must be a date as YYYY-MM-DD, not '2025/03/16'; "
        "line 4: confidence must be between 0 and 1, not 2.0; "
        "line 6: speaker is missing; "
        "line 7: cannot read deadline phrase 'qwzzy': no date or time horizon found; "
        "line 8: has 6 fields; the header has 5"
    )
    assert dump(tracker_db) == before


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text,speaker,said_on,by,colour", "line 1: unknown column 'colour'"),
        ("text,speaker,said_on", "line 1: missing column 'deadline_phrase'"),
        ("text,speaker,said_on,by,BY", "line 1: column 'deadline_phrase' appears twice"),
    ],
)
def test_csv_header_problems(run: Run, tmp_path: Path, header: str, expected: str) -> None:
    path = write(tmp_path / "h.csv", header + "\na,b,2025-03-16,today\n")
    assert expected in refused(run, "import", path)


def test_csv_header_is_the_listing_keys_plus_three_and_the_event() -> None:
    listing = [k for k in CLAIM_KEYS if k not in ("id", "days_overdue")]
    event = ("event_name", "event_on", "event_term_months")
    assert (*listing, "deadline_rule", "due_on", "outcome_on", *event) == codec.CSV_FIELDS


# ------------------------------------------------------------------ the due listing


def _orm_record(claim: Claim, as_of: date) -> dict[str, Any]:
    """A listing record built by hand from the ORM object: an oracle for the queries."""
    return {
        "id": claim.id,
        "uid": claim.uid,
        "text": claim.text,
        "speaker": claim.speaker.name,
        "said_on": claim.said_on.isoformat(),
        "deadline_phrase": claim.deadline_phrase,
        "deadline_start": claim.deadline_start.isoformat(),
        "deadline_end": claim.deadline_end.isoformat(),
        "status": claim.status,
        "days_overdue": (as_of - claim.due_on).days if claim.status == "open" else None,
        "source_url": claim.source.url if claim.source else None,
        "quote": claim.quote,
        "tags": [tag.name for tag in claim.tags],
        "confidence": claim.confidence,
        "criteria": claim.criteria,
    }


def test_due_records_match_the_orm_records(history: Run, tracker_db: str) -> None:
    from sqlalchemy import select

    from tracker.config import to_url
    from tracker.domain.listings import due_records
    from tracker.store.engine import Database

    database = Database.open(to_url(tracker_db))
    as_of = date(2025, 6, 1)
    with database.session() as session:
        listed = due_records(session, as_of, within=30)
        claims = session.scalars(select(Claim).order_by(Claim.due_on, Claim.id))
        expected = [
            _orm_record(c, as_of)
            for c in claims
            if c.status == "open" and c.due_on <= as_of + timedelta(days=30)
        ]
    assert listed == expected
    assert [r["id"] for r in listed] == [1, 2, 3]


def test_due_json_is_what_the_shared_renderer_writes(history: Run) -> None:
    from tracker.output.formats import listing_json, to_json

    ok(history, "edit", "3", "--quote", 'say "when"\u2028, café\\', "--confidence", "1e-7")
    for command in (("due", "--as-of", "2025-06-01", "--within", "30"), ("list",)):
        records = json.loads(ok(history, *command, "--format", "json").stdout)
        assert len(records) >= 3
        assert listing_json(records) == to_json(records)
        assert ok(history, *command, "--format", "json").stdout == to_json(records) + "\n"
    assert listing_json([]) == to_json([])


def test_due_uses_the_open_claims_index(witkoff: Run, tmp_path: Path) -> None:
    from sqlalchemy import select

    from tracker.config import to_url
    from tracker.domain.claims import due_conditions
    from tracker.store.engine import Database

    sqlite_db = str(tmp_path / "plan.db")  # SQLite's planner, whichever engine the suite runs
    ok(witkoff, "--db", sqlite_db, "import",
       write(tmp_path / "c.jsonl", ok(witkoff, "export").stdout))  # fmt: skip
    database = Database.open(to_url(sqlite_db))
    with database.session() as session:
        conditions = due_conditions(session, date(2025, 3, 24))
        query = select(Claim.id).where(*conditions).order_by(Claim.due_on, Claim.id)
        compiled = query.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
        plan = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
    details = " ".join(row[-1] for row in plan)
    assert "INDEX ix_claims_open_due_on (status=? AND due_on<?)" in details
    assert "TEMP B-TREE" not in details


def _bind_all(table: Any, columns: tuple[str, ...], values: tuple[Any, ...]) -> tuple[Any, ...]:
    """What SQLAlchemy's SQLite bind processors make of each value of a row."""
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    out = []
    for name, value in zip(columns, values, strict=True):
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        out.append(process(value) if process and value is not None else value)
    return tuple(out)


def test_staged_sqlite_rows_are_what_sqlalchemy_would_store() -> None:
    from tracker.store.models import Check, ClaimSource, DeadlineChange, Source

    def line(**extra: Any) -> str:
        record = {
            "text": "a deal",
            "speaker": "Ann Lee",
            "said_on": "0987-06-05",
            "deadline_phrase": "soon",
            "deadline_start": "0987-06-05",
            "deadline_end": "9999-12-31",
            "created_at": "2025-03-16T09:30:00+05:30",
            "updated_at": "2025-03-16T09:30:00.000001Z",
            "source": {"url": "https://a.example/1", "title": "T", "published_on": "2025-01-02"},
            "checks": [
                {"kind": "verify", "outcome": "kept", "happened_on": "2025-02-01", "days_late": 3},
                {"kind": "snooze", "until": "2025-03-01", "recorded_at": "0005-01-02T03:04:05Z"},
            ],
            "deadline_changes": [
                {
                    "said_on": "2025-01-01",
                    "old_phrase": "a",
                    "old_said_on": "2024-12-01",
                    "old_start": "2024-12-01",
                    "old_end": "2024-12-31",
                    "new_phrase": "b",
                    "new_start": "2025-01-01",
                    "new_end": "2025-02-01",
                    "source": {"url": "https://b.example/2"},
                }
            ],
            "other_sources": [
                {
                    "url": "https://c.example/3",
                    "published_on": "2025-01-03",
                    "said_on": "2025-01-02",
                    "added_at": "2025-03-16T09:30:00+05:30",
                    "added_by": "ann",
                }
            ],
            **extra,
        }
        return json.dumps(record)

    now = datetime(2026, 1, 2, 3, 4, 5, 6, UTC)
    for extra in (
        {},
        {"confidence": 1, "status": "kept", "outcome_on": "2025-02-01"},
        {"confidence": 0.25},
    ):
        row = codec.claim_from_json(line(**extra), now)
        native = staging.stage(row, sqlite=False)
        stored = staging.stage(codec.claim_from_json(line(**extra), now), sqlite=True)
        assert stored[:2] == native[:2] and stored.tags == native.tags
        assert stored.values == _bind_all(Claim.__table__, CLAIM_VALUES, native.values)
        assert stored.source == _bind_all(Source.__table__, SourceValues._fields, native.source)
        checks = [_bind_all(Check.__table__, CheckValues._fields, c) for c in native.checks]
        assert list(stored.checks) == checks and len(checks) == 2
        ((values, source),) = native.changes
        assert stored.changes == (
            (
                _bind_all(DeadlineChange.__table__, ChangeValues._fields, values),
                _bind_all(Source.__table__, SourceValues._fields, source),
            ),
        )
        ((other_source, other),) = native.other_sources
        assert stored.other_sources == (
            (
                _bind_all(Source.__table__, SourceValues._fields, other_source),
                _bind_all(ClaimSource.__table__, OtherSourceValues._fields, other),
            ),
        )


# ------------------------------------------------------------------ staging in workers


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Blocks of a few hundred bytes, so a small file spans many; `mode(n)` sets workers."""
    monkeypatch.setattr(staging, "BLOCK_BYTES", 300)

    def mode(count: int) -> None:
        monkeypatch.setattr(staging, "workers", lambda: count)

    return mode


def _many(history: Run, copies: int) -> list[str]:
    exported = ok(history, "export").stdout.splitlines()
    return [
        jsonl_line(json.loads(line) | {"uid": f"c{n}-{i}", "text": f"claim {n}.{i} «✓»"}).strip()
        for n in range(copies)
        for i, line in enumerate(exported)
    ]


def test_workers_import_what_one_process_imports(
    history: Run, tmp_path: Path, small_blocks: Callable[[int], None], pg_admin: Engine | None
) -> None:
    lines = _many(history, 15)
    text = "\ufeff" + lines[0] + "\r\n\n" + "\n".join(lines[1:])  # BOM, CRLF, blank, no last \n
    path = write(tmp_path / "many.jsonl", text)
    exports = []
    for count in (1, 2, 3):
        small_blocks(count)
        with fresh_database(pg_admin) as location:
            result = ok(history, "--db", location, "import", path)
            assert result.stderr.strip() == f"imported {len(lines)} claims (0 skipped, 0 updated)"
            again = ok(history, "--db", location, "import", path)
            assert again.stderr.strip() == f"imported 0 claims ({len(lines)} skipped, 0 updated)"
            exports.append(ok(history, "--db", location, "export").stdout)
    with fresh_database(pg_admin) as location:  # piped in: the blocks go to the workers
        ok(history, "--db", location, "import", "-", input=text)
        exports.append(ok(history, "--db", location, "export").stdout)
    assert exports[0] == exports[1] == exports[2] == exports[3]
    assert exports[0].count("\n") == len(lines)


def test_a_file_that_changes_while_workers_read_it_imports_nothing(
    history: Run,
    tmp_path: Path,
    small_blocks: Callable[[int], None],
    other_db: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write(tmp_path / "many.jsonl", "\n".join(_many(history, 3)))
    monkeypatch.setattr(os, "pread", lambda fd, length, offset: b"{}\n")  # cut short
    small_blocks(2)
    result = history("--db", other_db, "import", path)
    assert result.exit_code == 1, result.stderr
    assert result.stderr.strip().endswith("the file changed while it was read; nothing imported")
    assert sql(other_db, "SELECT count(*) FROM claims") == [(0,)]


def test_only_the_claims_written_add_speakers_sources_and_tags(
    history: Run,
    tmp_path: Path,
    small_blocks: Callable[[int], None],
    pg_admin: Engine | None,
    tracker_db: str,
) -> None:
    """A new speaker takes the first spelling in the file; a skipped claim adds nothing."""
    exported = [json.loads(line) for line in ok(history, "export").stdout.splitlines()]
    skipped = exported[0] | {
        "speaker": "Zed Skipped",
        "tags": ["only-skipped"],
        "source": {"url": "https://only.skipped/"},
    }
    fresh = [
        exported[1] | {"uid": f"new-{n}", "speaker": name, "tags": ["New-Tag"]}
        for n, name in enumerate(["dana x", "DANA X", "Dana X", "Steve WITKOFF"] * 5)
    ]
    lines = [jsonl_line(record) for record in [skipped, *fresh]]
    path = write(tmp_path / "mixed.jsonl", "".join(lines))
    for count in (1, 2):
        small_blocks(count)
        with fresh_database(pg_admin) as location:
            ok(history, "--db", location, "import", path)
            names = [name for (name,) in sql(location, "SELECT name FROM speakers ORDER BY id")]
            assert names == ["Zed Skipped", "dana x", "Steve WITKOFF"]
            result = ok(history, "--db", location, "import", path)
            assert result.stderr.strip() == "imported 0 claims (21 skipped, 0 updated)"
        with fresh_database(pg_admin) as location:
            ok(history, "--db", location, "import", write(tmp_path / "one.jsonl", lines[1]))
            ok(history, "--db", location, "import", path)
            names = [name for (name,) in sql(location, "SELECT name FROM speakers ORDER BY id")]
            assert names == ["dana x", "Zed Skipped", "Steve WITKOFF"]
    ok(history, "import", path)  # into the database the file came from: line 1 is skipped
    speakers = [name for (name,) in sql(tracker_db, "SELECT name FROM speakers")]
    assert "Zed Skipped" not in speakers and "dana x" in speakers
    tags = [name for (name,) in sql(tracker_db, "SELECT name FROM tags")]
    assert "only-skipped" not in tags and "new-tag" in tags
    urls = [url for (url,) in sql(tracker_db, "SELECT url FROM sources")]
    assert "https://only.skipped/" not in urls


def test_a_new_speaker_takes_the_first_spelling_among_the_claims_written(
    history: Run, tmp_path: Path, tracker_db: str
) -> None:
    """Under --on-conflict update a replaced claim's speaker counts in file order too."""
    exported = [json.loads(line) for line in ok(history, "export").stdout.splitlines()]
    replaced = exported[0] | {"speaker": "ann lee"}
    new = exported[1] | {"uid": "brand-new", "speaker": "Ann Lee"}
    path = write(tmp_path / "spelling.jsonl", jsonl_line(replaced) + jsonl_line(new))
    ok(history, "import", path, "--on-conflict", "update")
    names = [n for (n,) in sql(tracker_db, "SELECT name FROM speakers WHERE key = 'ann lee'")]
    assert names == ["ann lee"]


def test_workers_name_bad_lines_in_order(
    history: Run, tmp_path: Path, small_blocks: Callable[[int], None], other_db: str
) -> None:
    lines = _many(history, 8)
    lines[3] = '{"text": "half a claim"'
    lines[17] = lines[17].replace('"status":"', '"status":"x')
    lines[-1] = "[]"
    path = write(tmp_path / "bad.jsonl", "\n".join(lines) + "\n")
    messages = []
    for count in (1, 2):
        small_blocks(count)
        messages.append(refused(history, "--db", other_db, "import", path))
        assert sql(other_db, "SELECT count(*) FROM claims") == [(0,)]
    assert messages[0] == messages[1]
    assert "line 4: not valid JSON" in messages[0]
    assert "line 18: unknown status" in messages[0]
    assert f"line {len(lines)}: a claim must be an object" in messages[0]
    assert messages[0].index("line 4:") < messages[0].index("line 18:")


def test_workers_stop_at_bytes_that_are_not_utf8(
    history: Run, tmp_path: Path, small_blocks: Callable[[int], None], other_db: str
) -> None:
    lines = [line.encode() for line in _many(history, 8)]
    lines[20] = b'{"text": "caf\xe9"}'
    lines[25] = b"{}"  # after the bad bytes: never read, so never reported
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    for count in (1, 2):
        small_blocks(count)
        message = refused(history, "--db", other_db, "import", str(path))
        assert message == ("tracker: error: nothing imported: line 21: not UTF-8 text (byte 14)"), (
            message
        )
        assert sql(other_db, "SELECT count(*) FROM claims") == [(0,)]


_STAGE_PACKED = staging._stage_packed  # the real one, for the stand-in below


def _dies_on_line_10(
    task: tuple[int, bytes | int, int | None, int], now: datetime, sqlite: bool
) -> bytes:
    """A staging worker that dies (as if killed) on the block holding line 10."""
    first, block, fd, offset = task
    data = os.pread(fd, block, offset) if isinstance(block, int) and fd is not None else block
    assert isinstance(data, bytes)
    if first <= 10 < first + data.count(b"\n"):
        os._exit(9)
    return _STAGE_PACKED(task, now, sqlite)


def test_a_worker_that_dies_fails_the_import_and_imports_nothing(
    history: Run,
    tmp_path: Path,
    small_blocks: Callable[[int], None],
    other_db: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker killed (by the out-of-memory killer, say) must not leave the import waiting."""
    lines = _many(history, 8)
    path = write(tmp_path / "many.jsonl", "\n".join(lines) + "\n")
    monkeypatch.setattr(staging, "_stage_packed", _dies_on_line_10)
    small_blocks(2)
    result = history("--db", other_db, "import", path)
    assert result.exit_code == 1, result.stderr
    assert "a process reading the file stopped unexpectedly" in result.stderr
    assert sql(other_db, "SELECT count(*) FROM claims") == [(0,)]


def test_blocks_are_whole_lines_however_long(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(staging, "BLOCK_BYTES", 7)
    lines = [b"a" * 50, b"", b"bc", b"d" * 20 + b"\r", b"e" * 3]
    data = b"\n".join(lines)  # no newline at the end
    read: list[int] = []
    blocks = list(staging.read_blocks(io.BytesIO(data), read.append))
    assert b"".join(block for _, block in blocks) == data
    assert sum(read) == len(data)
    for first, block in blocks:
        assert block.endswith(b"\n") or block is blocks[-1][1]
        assert data.split(b"\n")[first - 1 :][: block.count(b"\n") + 1][0] == block.split(b"\n")[0]


def test_only_a_plain_regular_file_is_read_by_the_workers_themselves(tmp_path: Path) -> None:
    import gzip
    import io

    plain = tmp_path / "claims.jsonl"
    plain.write_bytes(b"{}\n" * 10)
    with plain.open("rb") as stream:
        stream.read(3)
        assert staging._shared_file(stream) == (stream.fileno(), 3)
    packed = tmp_path / "claims.jsonl.gz"
    packed.write_bytes(gzip.compress(b"{}\n" * 10))
    with gzip.open(packed, "rb") as stream:
        assert staging._shared_file(stream) is None  # its descriptor holds other bytes
    assert staging._shared_file(io.BytesIO(b"{}\n")) is None
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "rb") as stream, os.fdopen(write_end, "wb"):
        assert staging._shared_file(stream) is None


def test_an_import_is_one_journal_entry_and_warns_of_close_new_speakers(
    run: Run, tmp_path: Path
) -> None:
    added = run(
        "add", "c", "--speaker", "Volodymyr Zelenskyy", "--by", "this month",
        "--said-on", "2025-03-18",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    common = {"said_on": "2025-03-01", "deadline_phrase": "this month"}
    lines = [
        {"text": "x1", "speaker": "Zelenskiy", **common},
        {"text": "x2", "speaker": "Hunter Biden", **common},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [
        "tracker: warning: new speaker 'Zelenskiy' is close to 'Volodymyr Zelenskyy'; "
        "if they are one person, run 'tracker speakers merge'"
    ]
    log = json.loads(run("log", "--format", "json").stdout)
    assert [(e["action"], e["detail"]) for e in log] == [
        ("import", {"new": 2, "updated": 0, "skipped": 0}),
        ("add", {"new_speaker": 1}),
    ]
    refused = run("undo", "--yes")
    assert refused.exit_code == 2 and "cannot be undone" in refused.stderr
