"""The exchange formats: one claim as a JSONL record or a CSV row, in both directions.

JSONL is lossless: every field of a claim, its source, tags, checks and deadline
changes, with no local ids (`uid` is the identity), keys in a fixed order and
timestamps as `YYYY-MM-DDTHH:MM:SS.ffffffZ`, so export -> import -> export is byte
for byte the same on SQLite and PostgreSQL. CSV carries the listing fields for
spreadsheets; a CSV with only `text, speaker, said_on, by` is enough to import.

Decoding checks everything the database would refuse (and what `tracker add` refuses)
and raises InputError saying what is wrong; the importer adds the line number. Docs:
docs/exchange.md.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, BinaryIO

from tracker.errors import InputError
from tracker.phrases import resolve_window
from tracker.records import CLAIM_KEYS
from tracker.validate import (
    MAX_NAME,
    MAX_TAG,
    MAX_TEXT,
    clean_confidence,
    clean_name,
    clean_text,
    name_key,
    spreadsheet_plain,
)
from tracker.vocab import OPEN, OUTCOMES, STATUSES, WAITING

CLAIM_FIELDS = (
    "uid",
    "text",
    "speaker",
    "said_on",
    "deadline_phrase",
    "deadline_rule",
    "deadline_start",
    "deadline_end",
    "due_on",
    "status",
    "outcome_on",
    "quote",
    "criteria",
    "confidence",
    "created_at",
    "updated_at",
    "source",
    "other_sources",
    "event",
    "tags",
    "checks",
    "deadline_changes",
)
SOURCE_FIELDS = ("url", "title", "outlet", "published_on")
#: Another source of a claim: the source's fields, then the day it says the words were
#: said, a note, and when and by whom it was added.
OTHER_SOURCE_FIELDS = (*SOURCE_FIELDS, "said_on", "note", "added_at", "added_by")
CHECK_FIELDS = (
    "kind",
    "outcome",
    "happened_on",
    "until",
    "days_late",
    "evidence_url",
    "note",
    "recorded_at",
)
CHANGE_FIELDS = (
    "said_on",
    "old_phrase",
    "old_said_on",
    "old_start",
    "old_end",
    "new_phrase",
    "new_start",
    "new_end",
    "quote",
    "note",
    "source",
    "recorded_at",
    "reason",
)
#: The listing keys without the local id and the as-of dependent days_overdue, then three
#: more, and the event the claim counts from (its name, day and term).
CSV_FIELDS = (
    *(key for key in CLAIM_KEYS if key not in ("id", "days_overdue")),
    "deadline_rule",
    "due_on",
    "outcome_on",
    "event_name",
    "event_on",
    "event_term_months",
)
CSV_REQUIRED = ("text", "speaker", "said_on", "deadline_phrase")
CSV_ALIASES = {"by": "deadline_phrase"}
#: Columns of `tracker list --format csv` that are derived, so import ignores them.
CSV_IGNORED = frozenset({"id", "days_overdue"})
CHECK_KINDS = ("verify", "snooze", "reopen")
TAG_SEPARATOR = ";"
FORMATS = ("jsonl", "csv", "ics")
_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
_EXTENSIONS.update({".ics": "ics", ".ical": "ics"})
_UID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_WHITESPACE = re.compile(r"\s")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # what validate.clean_text refuses
_CLAIM_KEYS = frozenset(CLAIM_FIELDS)
_SOURCE_KEYS = frozenset(SOURCE_FIELDS)
_OTHER_SOURCE_KEYS = frozenset(OTHER_SOURCE_FIELDS)
_CHECK_KEYS = frozenset(CHECK_FIELDS)
_CHANGE_KEYS = frozenset(CHANGE_FIELDS)

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def format_for(path: str | None, choices: Sequence[str], default: str = "jsonl") -> str:
    """The format a file name's extension implies, else `default`."""
    if path and path != "-":
        suffix = path[path.rfind(".") :].lower() if "." in path else ""
        found = _EXTENSIONS.get(suffix)
        if found is not None and found in choices:
            return found
    return default


# ------------------------------------------------------------------ decoding


@dataclass(slots=True)
class ParsedClaim:
    """One validated claim from a file, ready to insert.

    `values` holds the claims table's own columns; the speaker, source, tags and
    history are resolved to ids by the importer. Days and times here, and in the
    source, checks and changes, are text in SQLite's storage form: days as
    `YYYY-MM-DD`, times in UTC as `YYYY-MM-DD HH:MM:SS.ffffff` (see `moment_text`);
    tracker.transfer.staging turns them into Python's dates and times for other databases.
    """

    uid: str
    speaker: str
    values: dict[str, Any]
    source: dict[str, Any] | None
    tags: list[str]
    checks: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    event: dict[str, Any] | None = None
    #: The claim's other sources: each its source (as `source`) and its own row.
    other_sources: list[tuple[dict[str, Any], dict[str, Any]]] = dataclasses.field(
        default_factory=list
    )


def _kind(value: Any) -> str:
    return {str: "text", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), "a list" if isinstance(value, list) else "an object"
    )


def _string(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None or type(value) is str:
        return value
    raise InputError(f"{key} must be text, not {_kind(value)}")


def _text(
    data: Mapping[str, Any], key: str, *, required: bool = False, limit: int = MAX_TEXT
) -> Any:
    """Text as `validate.clean_text` takes it; text that is already clean costs one check."""
    value = data.get(key)
    if (
        type(value) is str
        and 0 < len(value) <= limit
        and not value[0].isspace()
        and not value[-1].isspace()
        and not _CONTROL.search(value)
    ):
        return value
    if value is None:
        if required:
            raise InputError(f"{key} is missing")
        return None
    return clean_text(_string(data, key), key, required=required, limit=limit)


def _url(data: Mapping[str, Any], key: str, field: str) -> str | None:
    """`validate.clean_url`, with one regex where it walks the characters."""
    url = data.get(key)
    if url is None or (
        type(url) is str
        and 0 < len(url) <= 2_000
        and not _WHITESPACE.search(url)
        and not _CONTROL.search(url)
    ):
        return url
    url = _text(data, key, limit=2_000)
    if url is not None and _WHITESPACE.search(url):
        raise InputError(f"{field} must not contain spaces: {url!r}")
    return url


def parse_day(value: str, field: str) -> date:
    """An ISO date, strictly `YYYY-MM-DD` (fromisoformat alone also takes `20250316`)."""
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        day = None
    if day is None or day.isoformat() != value:
        raise InputError(f"{field} must be a date as YYYY-MM-DD, not {value!r}")
    return day


def parse_timestamp(value: str, field: str) -> datetime:
    """A time with a zone (`2025-03-16T09:30:00Z`, `...+01:00`), returned in UTC."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        moment = None
    if moment is None or moment.tzinfo is None or "T" not in value:
        raise InputError(f"{field} must be a time like 2025-03-16T09:30:00Z, not {value!r}")
    return moment.astimezone(UTC)


def moment_text(value: datetime) -> str:
    """A time as imports hold it: in UTC, `YYYY-MM-DD HH:MM:SS.ffffff`, which is how
    SQLAlchemy stores a DATETIME in SQLite."""
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:26]


#: The form export writes: already in UTC, so its text form is a matter of slicing.
#: Hours 00-23 only: newer Pythons read 24:00 as the next day's midnight.
_EXPORTED_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-9]{2}:[0-9]{2}\.[0-9]{6}Z"
)
_NOW_TEXT: list[Any] = [None, ""]  # the last `now` given, and its text


def _moment(data: Mapping[str, Any], key: str, now: datetime) -> str:
    return moment_of(_string(data, key), key, now)


def moment_of(value: str | None, key: str, now: datetime) -> str:
    """A time given as text (or not given: `now`) as imports hold it (`moment_text`)."""
    if value is None:
        if _NOW_TEXT[0] is not now:
            _NOW_TEXT[:] = [now, moment_text(now)]
        return _NOW_TEXT[1]
    if _EXPORTED_MOMENT.fullmatch(value):
        try:
            datetime.fromisoformat(value)  # months, days, hours... in range
        except ValueError:
            pass
        else:
            return f"{value[:10]} {value[11:26]}"
    return moment_text(parse_timestamp(value, key))


def _integer(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None or (type(value) is int and -(2**63) <= value < 2**63):
        return value
    if type(value) is int:
        raise InputError(f"{key} is out of range: {value}")
    raise InputError(f"{key} must be a whole number, not {_kind(value)}")


def _confidence(value: Any) -> float | None:
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise InputError(
                f"confidence must be a number between 0 and 1, not {value!r}"
            ) from None
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"confidence must be a number, not {_kind(value)}")
    try:
        return clean_confidence(float(value))
    except OverflowError:  # a whole number beyond any float
        raise InputError("confidence must be between 0 and 1, not a number that large") from None


def _choice(data: Mapping[str, Any], key: str, choices: Sequence[str], default: Any) -> Any:
    value = data.get(key)
    if value is None:
        return default
    if value not in choices or type(value) is not str:
        raise InputError(f"unknown {key} {_string(data, key)!r}; one of {', '.join(choices)}")
    return value


def _object(value: Any, name: str, fields: frozenset[str]) -> Mapping[str, Any]:
    if type(value) is not dict:
        raise InputError(f"{name} must be an object, not {_kind(value)}")
    if not fields.issuperset(value):
        unknown = sorted(set(value) - fields)[0]
        raise InputError(f"unknown field {unknown!r} in {name}; known: {', '.join(sorted(fields))}")
    return value


def _list(value: Any, name: str) -> list[Any]:
    if value is None:
        return []
    if type(value) is not list:
        raise InputError(f"{name} must be a list, not {_kind(value)}")
    return value


#: (field, required, longest) of the text fields, and (field, required) of the dates.
_CLAIM_TEXTS = (
    ("text", True, MAX_TEXT),
    ("deadline_phrase", True, 500),
    ("deadline_rule", False, MAX_TEXT),
    ("quote", False, MAX_TEXT),
    ("criteria", False, MAX_TEXT),
)
_CLAIM_DAYS = (
    ("said_on", True),
    ("deadline_start", False),
    ("deadline_end", False),
    ("due_on", False),
    ("outcome_on", False),
)
_SOURCE_TEXTS = (("title", False, MAX_TEXT), ("outlet", False, 200))
_CHECK_TEXTS = (("note", False, MAX_TEXT),)
_CHECK_DAYS = (("happened_on", False), ("until", False))
_CHANGE_TEXTS = (
    ("old_phrase", True, 500),
    ("new_phrase", True, 500),
    ("quote", False, MAX_TEXT),
    ("note", False, MAX_TEXT),
)
_CHANGE_DAYS = tuple(
    (key, True)
    for key in ("said_on", "old_said_on", "old_start", "old_end", "new_start", "new_end")
)
_SOURCE_DAYS = (("published_on", False),)
#: The fields held as day text (`YYYY-MM-DD`) and as time text (see `moment_text`).
_EVENT_DAYS = (("on", False),)
DAY_FIELDS = frozenset(
    key for key, _ in (*_CLAIM_DAYS, *_CHECK_DAYS, *_CHANGE_DAYS, *_SOURCE_DAYS, *_EVENT_DAYS)
)
MOMENT_FIELDS = frozenset({"created_at", "updated_at", "recorded_at", "added_at"})


def _texts(
    data: Mapping[str, Any], fields: Sequence[tuple[str, bool, int]], out: dict[str, Any]
) -> None:
    """Copy text fields into `out`, checked as `validate.clean_text` checks them."""
    for key, required, limit in fields:
        value = data.get(key)
        if type(value) is str and value in _CLEAN_SEEN and len(value) <= limit:
            out[key] = value
        elif (
            type(value) is str
            and 0 < len(value) <= limit
            and not value[0].isspace()
            and not value[-1].isspace()
            and not _CONTROL.search(value)
        ):
            out[key] = value
            if len(_CLEAN_SEEN) < 50_000:
                _CLEAN_SEEN.add(value)
        elif value is None and not required:
            out[key] = None
        else:
            out[key] = _text(data, key, required=required, limit=limit)


#: Text already found clean: phrases, rules and notes repeat across a file.
_CLEAN_SEEN: set[Any] = set()
#: Days already found valid: a file of claims names the same few thousand over and over.
_DAYS_SEEN: set[str] = set()


def _days(data: Mapping[str, Any], fields: Sequence[tuple[str, bool]], out: dict[str, Any]) -> None:
    """Copy days into `out` as their text, `YYYY-MM-DD`, checked to be real days."""
    for key, required in fields:
        value = data.get(key)
        if value is None:
            if required:
                raise InputError(f"{key} is missing")
            out[key] = None
        else:
            out[key] = day_of(value, key)


def day_of(value: str, key: str) -> str:
    """A day's text, checked to be `YYYY-MM-DD` and a real day."""
    if type(value) is not str or value not in _DAYS_SEEN:
        parse_day(value, key)
        if len(_DAYS_SEEN) < 100_000:
            _DAYS_SEEN.add(value)
    return value


def _name(value: Any, field: str, limit: int) -> str:
    """A one-line name as `validate.clean_name` makes it; refused if it needs changing."""
    if (
        type(value) is str
        and 0 < len(value) <= limit
        and " ".join(value.split()) == value
        and not _CONTROL.search(value)
    ):
        return value
    if value is None:
        raise InputError(f"{field} is missing")
    if type(value) is not str:
        raise InputError(f"{field} must be text, not {_kind(value)}")
    name = clean_name(value, field)
    if len(name) > limit:
        raise InputError(f"{field} is too long ({len(name)} characters; at most {limit})")
    return name


def _source(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    data = _object(value, "source", _SOURCE_KEYS)
    url = _url(data, "url", "source url")
    if url is None:
        raise InputError("source url is missing")
    source = {"url": url}
    _texts(data, _SOURCE_TEXTS, source)
    _days(data, _SOURCE_DAYS, source)
    return source


_OTHER_SOURCE_TEXTS = (("note", False, MAX_TEXT), ("added_by", False, 200))


def _other_sources(
    value: Any, first: Mapping[str, Any] | None, now: datetime
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """A claim's other sources: (source, row) each, none of them its first or twice."""
    found: list[tuple[dict[str, Any], dict[str, Any]]] = []
    seen = {first["url"]} if first is not None else set()
    for item in _list(value, "other_sources"):
        data = _object(item, "another source", _OTHER_SOURCE_KEYS)
        source = _source({key: data[key] for key in SOURCE_FIELDS if key in data})
        assert source is not None
        if source["url"] in seen:
            raise InputError(f"other_sources names {source['url']} twice (or as the first source)")
        seen.add(source["url"])
        row: dict[str, Any] = {"said_on": None}
        _days(data, (("said_on", False),), row)
        _texts(data, _OTHER_SOURCE_TEXTS, row)
        row["added_at"] = _moment(data, "added_at", now)
        found.append((source, row))
    return found


def _tags(value: Any) -> list[str]:
    names = {_name(name, "tag", MAX_TAG).casefold() for name in _list(value, "tags")}
    if any(len(name) > MAX_TAG for name in names):
        raise InputError(f"a tag is too long (at most {MAX_TAG} characters)")
    return sorted(names)


def _speaker(value: Any) -> str:
    name = _name(value, "speaker", MAX_NAME)
    if len(name_key(name)) > MAX_NAME:
        raise InputError(f"speaker name is too long (at most {MAX_NAME} characters)")
    return name


def _check(value: Any, now: datetime) -> dict[str, Any]:
    data = _object(value, "a check", _CHECK_KEYS)
    kind = _choice(data, "kind", CHECK_KINDS, None)
    check = {"kind": kind, "outcome": _choice(data, "outcome", OUTCOMES, None)}
    _days(data, _CHECK_DAYS, check)
    check["days_late"] = _integer(data, "days_late")
    check["evidence_url"] = _url(data, "evidence_url", "evidence_url")
    _texts(data, _CHECK_TEXTS, check)
    check["recorded_at"] = _moment(data, "recorded_at", now)
    if kind is None or (kind == "verify" and check["outcome"] is None):
        raise InputError("a check needs its kind, and a verify check its outcome")
    if kind == "snooze" and check["until"] is None:
        raise InputError("a snooze check needs its until date")
    return check


def _change(value: Any, now: datetime) -> dict[str, Any]:
    data = _object(value, "a deadline change", _CHANGE_KEYS)
    change: dict[str, Any] = {}
    _days(data, _CHANGE_DAYS, change)
    for start, end in (("old_start", "old_end"), ("new_start", "new_end")):
        if change[start] > change[end]:
            raise InputError(f"a deadline change's {start} is after its {end}")
    _texts(data, _CHANGE_TEXTS, change)
    change["source"] = _source(data.get("source"))
    change["recorded_at"] = _moment(data, "recorded_at", now)
    change["reason"] = _choice(data, "reason", ("event",), None)
    return change


_EVENT_KEYS = frozenset(("name", "on", "term_months", "note"))


def _event(value: Any) -> dict[str, Any] | None:
    """The event a claim counts from: {name, on, term_months, note}."""
    if value is None:
        return None
    data = _object(value, "event", _EVENT_KEYS)
    name = _name(data.get("name"), "event name", MAX_NAME)
    event: dict[str, Any] = {"name": name, "key": name_key(name)}
    _days(data, _EVENT_DAYS, event)
    event["term_months"] = _integer(data, "term_months")
    if event["term_months"] is not None and not 0 < event["term_months"] <= 1200:
        raise InputError("an event's term_months must be 1 to 1200")
    _texts(data, (("note", False, MAX_TEXT),), event)
    return event


def _window(values: dict[str, Any], event: Mapping[str, Any] | None = None) -> None:
    """Check the window given, or resolve the phrase when none is given (from the
    event's day for a claim on a dated event); a claim waiting for an undated event has
    none (its stored window is the said-on day, tracker.domain.events)."""
    undated = event is not None and event["on"] is None
    if values["status"] == WAITING or (undated and values["status"] == OPEN):
        if not undated:
            raise InputError("a waiting claim needs its event, not dated yet")
        values["status"] = WAITING
        values["deadline_start"] = values["deadline_end"] = values["due_on"] = values["said_on"]
        return
    if undated and values["deadline_start"] is None and values["deadline_end"] is None:
        values["deadline_start"] = values["deadline_end"] = values["said_on"]  # judged early
        values["due_on"] = values["due_on"] or values["said_on"]
        return
    if event is not None and values["deadline_start"] is None and values["deadline_end"] is None:
        _event_window(values, event)
    (
        values["deadline_phrase"],
        values["deadline_rule"],
        values["deadline_start"],
        values["deadline_end"],
    ) = window_of(
        values["deadline_phrase"],
        values["deadline_rule"],
        values["said_on"],
        values["deadline_start"],
        values["deadline_end"],
    )
    if values["due_on"] is None:
        values["due_on"] = values["deadline_end"]


def _event_window(values: dict[str, Any], event: Mapping[str, Any]) -> None:
    from tracker.deadlines.events import resolve_from_event

    said_on, on = date.fromisoformat(values["said_on"]), date.fromisoformat(event["on"])
    phrase = values["deadline_phrase"]
    found = resolve_from_event(phrase, said_on, on, event["term_months"])
    values["deadline_rule"] = found.rule
    values["deadline_start"], values["deadline_end"] = (
        found.start.isoformat(),
        found.end.isoformat(),
    )


def window_of(
    phrase: str, rule: str | None, said_on: str, start: str | None, end: str | None
) -> tuple[str, str | None, str, str]:
    """(phrase, rule, start, end): the window given, checked, or the phrase resolved
    when none is given. Days are text, `YYYY-MM-DD`, already checked."""
    if start is None and end is None:
        window = resolve_window(phrase, date.fromisoformat(said_on))
        return window.phrase, window.rule, window.start.isoformat(), window.end.isoformat()
    if start is None or end is None:
        raise InputError("give both deadline_start and deadline_end, or neither")
    if start > end:
        raise InputError(f"deadline_start {start} is after deadline_end {end}")
    if end < said_on:
        raise InputError(f"deadline_end {end} is before the claim was said ({said_on})")
    return phrase, rule, start, end


def _uid(data: Mapping[str, Any], speaker: str, values: Mapping[str, Any]) -> str:
    """The given uid, or one derived from speaker, day and text so re-imports match."""
    uid = data.get("uid")
    if uid is None:
        return derived_uid(speaker, values["said_on"], values["text"])
    if type(uid) is not str or not _UID.fullmatch(uid):
        raise InputError(f"uid must be 1-64 letters, digits, '.', '_' or '-', not {uid!r}")
    return uid


def derived_uid(speaker: str, said_on: str, text: str) -> str:
    """The uid of a claim given without one: from its speaker, day and text, so
    importing the same file again matches it."""
    seed = f"{name_key(speaker)}\n{said_on}\n{text}"
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


def _claim(data: Mapping[str, Any], now: datetime) -> ParsedClaim:
    """A record as a row: fields may be missing (they take defaults); errors are worded."""
    values: dict[str, Any] = {}
    _texts(data, _CLAIM_TEXTS, values)
    _days(data, _CLAIM_DAYS, values)
    speaker = _speaker(data.get("speaker"))
    event = _event(data.get("event"))
    values["status"] = _choice(data, "status", STATUSES, OPEN)
    _window(values, event)
    if values["status"] == OPEN and values["outcome_on"] is not None:
        raise InputError("outcome_on is set but the claim is open")
    values["confidence"] = _confidence(data.get("confidence"))
    values["created_at"] = _moment(data, "created_at", now)
    values["updated_at"] = _moment(data, "updated_at", now)
    source = _source(data.get("source"))
    return ParsedClaim(
        uid=_uid(data, speaker, values),
        speaker=speaker,
        values=values,
        source=source,
        tags=_tags(data.get("tags")),
        checks=[_check(item, now) for item in _list(data.get("checks"), "checks")],
        changes=[_change(item, now) for item in _list(data.get("deadline_changes"), "changes")],
        event=event,
        other_sources=_other_sources(data.get("other_sources"), source, now),
    )


def claim_from_json(line: str, now: datetime) -> ParsedClaim:
    """One JSONL line; fields left out take their defaults (`now` for timestamps).

    The usual line never comes here: tracker.transfer.typed_lines decodes and checks
    it with msgspec. This is the standard library's json, for every other line, which
    it takes or says precisely what is wrong with."""
    try:
        data = json.loads(line)
    except RecursionError:
        if line.lstrip().startswith("["):  # whatever it holds, a list is not a claim
            raise InputError("a claim must be an object, not a list") from None
        raise InputError("not valid JSON (nested too deeply, column ?)") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg}, column {exc.colno})") from None
    except ValueError:  # Python's limit on the digits of a whole number
        raise InputError("not valid JSON (a number too long to read)") from None
    if _SURROGATE_ESCAPE.search(line):
        _refuse_surrogates(data)
    return _claim(_object(data, "a claim", _CLAIM_KEYS), now)


def _refuse_surrogates(data: Any) -> None:
    """JSON can spell half a UTF-16 pair (`\\ud800`), which is no character at all."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("contains a lone surrogate (\\ud800-\\udfff), which is not text") from None


def csv_columns(header: Sequence[str]) -> list[str | None]:
    """Each header cell's field (None for a column import ignores); names ignore case."""
    columns: list[str | None] = []
    for cell in header:
        name = cell.strip().lower()
        name = CSV_ALIASES.get(name, name)
        if name in CSV_IGNORED:
            columns.append(None)
        elif name not in CSV_FIELDS:
            raise InputError(f"unknown column {cell!r}; known: by, {', '.join(CSV_FIELDS)}")
        elif name in columns:
            raise InputError(f"column {name!r} appears twice")
        else:
            columns.append(name)
    missing = [name for name in CSV_REQUIRED if name not in columns]
    if missing:
        raise InputError(f"missing column {missing[0]!r} (needed: text, speaker, said_on, by)")
    return columns


def claim_from_csv(
    columns: Sequence[str | None], cells: Sequence[str], now: datetime
) -> ParsedClaim:
    """One CSV row under `csv_columns(header)`; empty cells are missing values."""
    if len(cells) != len(columns):
        raise InputError(f"has {len(cells)} fields; the header has {len(columns)}")
    data: dict[str, Any] = {
        name: spreadsheet_plain(cell.strip()) or None
        for name, cell in zip(columns, cells, strict=True)
        if name
    }
    tags = data.pop("tags", None)
    data["tags"] = [t for t in tags.split(TAG_SEPARATOR) if t.strip()] if tags else []
    url = data.pop("source_url", None)
    data["source"] = {"url": url} if url else None
    data["event"] = _csv_event(data)
    return _claim(data, now)


def _csv_event(data: dict[str, Any]) -> dict[str, Any] | None:
    """The event columns of a CSV row as the event object JSONL has."""
    name, on = data.pop("event_name", None), data.pop("event_on", None)
    term = data.pop("event_term_months", None)
    if name is None:
        if on is not None or term is not None:
            raise InputError("event_on or event_term_months without event_name")
        return None
    if term is not None and not term.isdigit():
        raise InputError(f"event_term_months must be a whole number of months, not {term!r}")
    return {"name": name, "on": on, "term_months": int(term) if term else None}


# ------------------------------------------------------------------ reading files

PROGRESS_EVERY = 1_000  # lines
Progress = Callable[[int], None]
Parsed = tuple[int, "ParsedClaim | InputError"]


def read_lines(stream: BinaryIO, progress: Progress | None = None) -> Iterator[tuple[int, str]]:
    """Numbered lines of UTF-8 text; a byte-order mark on the first is dropped."""
    pending = 0
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"line {number}: not UTF-8 text (byte {exc.start + 1})") from None
        if number == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if progress is not None:
            pending += len(raw)
            if number % PROGRESS_EVERY == 0:
                progress(pending)
                pending = 0
        yield number, line
    if progress is not None and pending:
        progress(pending)


class _Counted:
    """Feeds lines to csv.reader and remembers how many it has taken."""

    def __init__(self, lines: Iterable[tuple[int, str]]) -> None:
        self._lines = iter(lines)
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        for number, line in self._lines:
            self.number = number
            yield line


def parse_csv(lines: Iterable[tuple[int, str]], now: datetime) -> Iterator[Parsed]:
    """Each CSV record under the header, numbered by the line it starts on."""
    counted = _Counted(lines)
    reader = csv.reader(counted)
    try:
        columns = csv_columns(next(reader, []))
    except InputError as exc:
        raise InputError(f"line 1: {exc.message}") from None
    end = counted.number
    try:
        for cells in reader:
            start, end = end + 1, counted.number
            if any(cell.strip() for cell in cells):
                yield start, _csv_row(columns, cells, now)
    except csv.Error as exc:
        raise InputError(f"line {counted.number}: not readable as CSV ({exc})") from None


def _csv_row(
    columns: list[str | None], cells: list[str], now: datetime
) -> ParsedClaim | InputError:
    try:
        return claim_from_csv(columns, cells, now)
    except InputError as exc:
        return exc


IMPORT_FORMATS = ("jsonl", "csv")
