"""A JSONL claim in the usual form, decoded and checked by msgspec in one pass.

tracker.transfer.codec checks a record field by field in Python, and that is most of
what reading a large file costs. Here msgspec decodes a line straight into typed
structures and checks in C what types can say: the fields are known ones of the
right kinds, required ones are there, statuses, outcomes and kinds are known, numbers
are in range, text is within its length, URLs and uids are well formed. The rest is
checked here, in Python: control characters (one look at the whole line), white space
at the ends of text and inside names, real days, the window, times, tags, and the
checks' and changes' rules, with the codec's own functions where it has them.

A line this module cannot vouch for gives None and goes to the codec
(`codec.claim_from_json`, the standard library's json), which takes it or words what
is wrong with it. So the two must agree on every line accepted here;
tests/test_typed_lines.py checks that they do, over generated records. The result is
a tracker.rows.StagedClaim in SQLite's storage forms.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from tracker.errors import InputError
from tracker.rows import StagedClaim, as_staged
from tracker.transfer.codec import CHECK_KINDS, day_of, derived_uid, moment_of, window_of
from tracker.validate import MAX_NAME, MAX_TAG, MAX_TEXT, name_key
from tracker.vocab import OPEN, OUTCOMES, STATUSES, WAITING

#: How a control character that validate.clean_text refuses can be written in a JSON
#: line, escaped: an odd run of backslashes (the last one starts the escape), then the
#: letter or code. DEL may also be there as it is, and msgspec refuses the others
#: unescaped. A line with one goes to the codec.
_CONTROL_IN_JSON = re.compile(
    r"(?<!\\)(?:\\\\)*\\(?:[bfr]|u00(?:0[0-8bBcCdDeEfF]|1[0-9a-fA-F]|7[fF]))"
)

# Strings of known lengths; what is in them is checked below, in Python, where that is
# cheaper than msgspec calling a regular expression for each.
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_TEXT)]
Phrase = Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
Outlet = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_NAME)]
Tag = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_TAG)]
Url = Annotated[str, msgspec.Meta(max_length=2_000, pattern=r"\A[^\s\x00-\x1f\x7f]+\Z")]
Uid = Annotated[str, msgspec.Meta(pattern=r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")]
Day = str  # codec.day_of checks it
Confidence = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]
Whole = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]
# Literal of a tuple is the Literal of its items: the words are tracker.vocab's.
Status = Literal[STATUSES]  # type: ignore[valid-type]
Outcome = Literal[OUTCOMES]  # type: ignore[valid-type]
Kind = Literal[CHECK_KINDS]  # type: ignore[valid-type]


class _Source(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    url: Url
    title: Text | None = None
    outlet: Outlet | None = None
    published_on: Day | None = None


class _OtherSource(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    url: Url
    title: Text | None = None
    outlet: Outlet | None = None
    published_on: Day | None = None
    said_on: Day | None = None
    note: Text | None = None
    added_at: str | None = None
    added_by: Outlet | None = None  # at most 200 characters, as an outlet


class _Check(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    kind: Kind
    outcome: Outcome | None = None
    happened_on: Day | None = None
    until: Day | None = None
    days_late: Whole | None = None
    evidence_url: Url | None = None
    note: Text | None = None
    recorded_at: str | None = None


class _Change(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    said_on: Day
    old_phrase: Phrase
    old_said_on: Day
    old_start: Day
    old_end: Day
    new_phrase: Phrase
    new_start: Day
    new_end: Day
    quote: Text | None = None
    note: Text | None = None
    source: _Source | None = None
    recorded_at: str | None = None
    reason: Literal["event"] | None = None


class _Claim(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    uid: Uid | None = None
    text: Text
    speaker: Name
    said_on: Day
    deadline_phrase: Phrase
    deadline_rule: Text | None = None
    deadline_start: Day | None = None
    deadline_end: Day | None = None
    due_on: Day | None = None
    status: Status | None = None
    outcome_on: Day | None = None
    quote: Text | None = None
    criteria: Text | None = None
    confidence: Confidence | None = None
    created_at: str | None = None
    updated_at: str | None = None
    source: _Source | None = None
    other_sources: list[_OtherSource] | None = None
    event: dict[str, Any] | None = None  # a line with an event goes to the codec
    tags: list[Tag] | None = None
    checks: list[_Check] | None = None
    deadline_changes: list[_Change] | None = None


_DECODER = msgspec.json.Decoder(_Claim)

# The values are plain tuples in the order of tracker.rows' shapes (CLAIM_VALUES,
# SourceValues, CheckValues, ChangeValues, OtherSourceValues): tests/test_typed_lines.py
# checks every line taken here is staged exactly as tracker.transfer.staging stages it from the
# codec's record, which picks the values by those shapes' field names.


def staged(line: str, now: datetime) -> StagedClaim | None:
    """The line's claim staged in SQLite's forms, or None: leave it to the codec."""
    if "\x7f" in line or ("\\" in line and _CONTROL_IN_JSON.search(line)):
        return None
    try:
        claim = _DECODER.decode(line)
        if claim.event is not None or claim.status == WAITING:
            return None  # a claim on an event: the codec reads it
        return _staged(claim, now)
    except (msgspec.DecodeError, InputError):  # ValidationError is a DecodeError
        return None


def _trimmed(*texts: str | None) -> None:
    """Refuse text with white space at either end (clean_text would trim it)."""
    for text in texts:
        if text is not None and (text[0].isspace() or text[-1].isspace()):
            raise InputError("text to trim")


#: Names found to be single-spaced: speakers and tags repeat across a file.
_NAMES_SEEN: set[str] = set()


def _single_spaced(name: str) -> str:
    """Refuse a name clean_name would change."""
    if name not in _NAMES_SEEN:
        if " ".join(name.split()) != name:
            raise InputError("a name to fold")
        if len(_NAMES_SEEN) < 50_000:
            _NAMES_SEEN.add(name)
    return name


def _day(value: Any) -> Any:
    """A day's text, checked (the field's name is for errors, and those are the general
    way's to word)."""
    return None if value is None else day_of(value, "")


def _source(source: _Source | None) -> tuple[Any, ...] | None:
    if source is None:
        return None
    _trimmed(source.title, source.outlet)
    return (source.url, source.title, source.outlet, _day(source.published_on))


def _other_sources(
    claim: _Claim, now: datetime
) -> tuple[tuple[tuple[Any, ...], tuple[Any, ...]], ...]:
    """(source, row) of each other source; none the first source, none twice."""
    seen = {claim.source.url} if claim.source is not None else set()
    found = []
    for other in claim.other_sources or ():
        if other.url in seen:
            raise InputError("a source twice")
        seen.add(other.url)
        _trimmed(other.title, other.outlet, other.note, other.added_by)
        source = (other.url, other.title, other.outlet, _day(other.published_on))
        row = (
            _day(other.said_on),
            other.note,
            moment_of(other.added_at, "added_at", now),
            other.added_by,
        )
        found.append((source, row))
    return tuple(found)


def _check(check: _Check, now: datetime) -> tuple[Any, ...]:
    _trimmed(check.note)
    if check.kind == "verify" and check.outcome is None:
        raise InputError("a verify check needs its outcome")
    if check.kind == "snooze" and check.until is None:
        raise InputError("a snooze check needs its until date")
    return (
        check.kind,
        check.outcome,
        _day(check.happened_on),
        _day(check.until),
        check.days_late,
        check.evidence_url,
        check.note,
        moment_of(check.recorded_at, "recorded_at", now),
    )


def _change(change: _Change, now: datetime) -> tuple[tuple[Any, ...], tuple[Any, ...] | None]:
    _trimmed(change.old_phrase, change.new_phrase, change.quote, change.note)
    old_start, old_end = _day(change.old_start), _day(change.old_end)
    new_start, new_end = _day(change.new_start), _day(change.new_end)
    if old_start > old_end or new_start > new_end:
        raise InputError("a deadline change ends before it starts")
    values = (
        _day(change.said_on),
        change.old_phrase,
        _day(change.old_said_on),
        old_start,
        old_end,
        change.new_phrase,
        new_start,
        new_end,
        change.quote,
        change.note,
        moment_of(change.recorded_at, "recorded_at", now),
        change.reason,
    )
    return values, _source(change.source)


def _names(claim: _Claim) -> tuple[str, set[str]]:
    """The speaker's name and the tags, refused where clean_name would change them."""
    speaker = _single_spaced(claim.speaker)
    if len(name_key(speaker)) > MAX_NAME:
        raise InputError("speaker name is too long")
    tags = {_single_spaced(name).casefold() for name in claim.tags or ()}
    if any(len(name) > MAX_TAG for name in tags):
        raise InputError("a tag is too long")
    return speaker, tags


def _staged(claim: _Claim, now: datetime) -> StagedClaim:
    _trimmed(claim.text, claim.deadline_phrase, claim.deadline_rule, claim.quote, claim.criteria)
    said_on = _day(claim.said_on)
    outcome_on, due_on = _day(claim.outcome_on), _day(claim.due_on)
    status = claim.status or OPEN
    if status == OPEN and outcome_on is not None:
        raise InputError("outcome_on is set but the claim is open")
    phrase, rule, start, end = window_of(
        claim.deadline_phrase,
        claim.deadline_rule,
        said_on,
        _day(claim.deadline_start),
        _day(claim.deadline_end),
    )
    speaker, tags = _names(claim)
    uid = claim.uid or derived_uid(speaker, said_on, claim.text)
    values = (
        uid,
        claim.text,
        said_on,
        phrase,
        rule,
        start,
        end,
        end if due_on is None else due_on,
        status,
        outcome_on,
        claim.quote,
        claim.criteria,
        claim.confidence,
        moment_of(claim.created_at, "created_at", now),
        moment_of(claim.updated_at, "updated_at", now),
    )
    return as_staged(
        (
            uid,
            speaker,
            values,
            _source(claim.source),
            tuple(sorted(tags)),
            tuple(_check(check, now) for check in claim.checks or ()),
            tuple(_change(change, now) for change in claim.deadline_changes or ()),
            None,
            _other_sources(claim, now),
        )
    )
