"""Claims: add, edit, judge, remove and query. Plain functions on a session and a date."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from tracker.errors import InputError, NotFoundError
from tracker.phrases import resolve_window
from tracker.rows import due_rule
from tracker.store.full_read import compared
from tracker.store.models import (
    Check,
    Claim,
    ClaimSource,
    Source,
    Speaker,
    SpeakerAlias,
    Tag,
    claim_tags,
    utcnow,
)
from tracker.validate import (
    MAX_NAME,
    MAX_TAG,
    clean_confidence,
    clean_name,
    clean_text,
    clean_url,
    name_key,
)
from tracker.vocab import OPEN, OUTCOMES, STATUSES, WAITING

#: How alike two texts of one speaker and day must be for a warning (difflib's ratio).
NEAR_TEXT = 0.9


@dataclass(frozen=True)
class NewClaim:
    text: str
    speaker: str
    phrase: str
    said_on: date
    source_url: str | None = None
    quote: str | None = None
    tags: Sequence[str] = ()
    confidence: float | None = None
    criteria: str | None = None
    duplicate_ok: bool = False
    event: str | None = None


@dataclass(frozen=True)
class ClaimFilter:
    speaker: str | None = None
    tag: str | None = None
    status: str | None = None
    text: str | None = None
    said_after: date | None = None
    said_before: date | None = None


def find_speaker(session: Session, name: str, loose: bool = False) -> Speaker | None:
    """The speaker with this name or alias, ignoring case, extra spaces, accents and
    dots; `loose`, also by a surname or initials that fit one speaker only."""
    key = name_key(name)
    speaker = session.scalar(select(Speaker).where(Speaker.key == key))
    if speaker is None:
        speaker = session.scalar(
            select(Speaker)
            .join(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
            .where(SpeakerAlias.key == key)
        )
    return speaker if speaker is not None else _folded_match(session, name, loose)


def known_names(session: Session) -> list[tuple[str, int]]:
    """Every speaker's name and alias, with the speaker's id."""
    names = [(n, i) for n, i in session.execute(select(Speaker.name, Speaker.id))]
    return names + [
        (k, i) for k, i in session.execute(select(SpeakerAlias.key, SpeakerAlias.speaker_id))
    ]


def _folded_match(session: Session, name: str, loose: bool) -> Speaker | None:
    from tracker.domain.names import folded, same_person

    wanted = folded(name)
    known = [(folded(n), i) for n, i in known_names(session)]
    ids = {i for n, i in known if n == wanted}
    if not ids and loose:
        ids = {i for n, i in known if same_person(wanted, n)}
    return session.get(Speaker, ids.pop()) if len(ids) == 1 else None


def close_speakers(session: Session, name: str) -> list[str]:
    """Stored speakers a new name may mean ("Zelensky", "E. Musk"), by name."""
    from tracker.domain.names import close, folded

    wanted = folded(name)
    ids = {i for n, i in known_names(session) if close(wanted, folded(n))}
    return sorted(session.scalars(select(Speaker.name).where(Speaker.id.in_(ids))))


def speaker_suggestions(session: Session, name: str) -> list[str]:
    """Stored names (or aliases) a name that finds nobody may have meant."""
    from tracker.domain.names import suggestions

    people = {i: n for i, n in session.execute(select(Speaker.id, Speaker.name))}
    return suggestions(name, [(n, people[i]) for n, i in known_names(session)])


def close_to_stored(session: Session, new: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs (new name, stored speaker) that may be one person: names an import just
    created against the speakers stored besides them."""
    from tracker.domain.names import close_pairs

    fresh = set(new)
    stored = [name for (name,) in session.execute(select(Speaker.name)) if name not in fresh]
    return close_pairs(sorted(fresh), stored)


def no_such_speaker(session: Session, name: str, near: list[str] | None = None) -> NotFoundError:
    """The refusal for a name that finds nobody, with the names it may have meant."""
    near = speaker_suggestions(session, name) if near is None else near
    hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    return NotFoundError(f"no speaker called {name!r}{hint}")


def speaker_named(session: Session, name: str) -> Speaker:
    """The speaker with this name (case and spacing ignored), created if new."""
    cleaned = clean_name(name, "speaker")
    if len(name_key(cleaned)) > MAX_NAME:
        raise InputError(f"speaker name is too long (at most {MAX_NAME} characters)")
    speaker = find_speaker(session, cleaned)
    if speaker is None:
        speaker = Speaker(name=cleaned, key=name_key(cleaned))
        session.add(speaker)
        session.flush()
    return speaker


def source_for(session: Session, url: str | None) -> Source | None:
    cleaned = clean_url(url, "source URL")
    if cleaned is None:
        return None
    source = session.scalar(select(Source).where(Source.url == cleaned))
    if source is None:
        source = Source(url=cleaned)
        session.add(source)
        session.flush()
    return source


def tags_named(session: Session, names: Iterable[str]) -> list[Tag]:
    wanted = sorted({clean_name(name, "tag", limit=MAX_TAG).casefold() for name in names})
    for name in wanted:
        if len(name) > MAX_TAG:
            raise InputError(f"tag is too long ({len(name)} characters; at most {MAX_TAG})")
    if not wanted:
        return []
    found = {t.name: t for t in session.scalars(select(Tag).where(Tag.name.in_(wanted)))}
    for name in wanted:
        if name not in found:
            found[name] = Tag(name=name)
            session.add(found[name])
    session.flush()
    return [found[name] for name in wanted]


def add_claim(session: Session, new: NewClaim) -> Claim:
    """Save a new claim; one its speaker already said on that day in the same words
    (tracker.domain.names.folded) is refused unless `duplicate_ok`."""
    text = clean_text(new.text, "claim text")
    window = window_for(session, new.phrase, new.said_on, new.event)
    speaker = speaker_named(session, new.speaker)
    if not new.duplicate_ok:
        _refuse_duplicate(session, speaker, text, new.said_on)
    claim = Claim(
        text=text,
        speaker=speaker,
        said_on=new.said_on,
        deadline_phrase=window.phrase,
        deadline_rule=window.rule,
        deadline_start=window.start,
        deadline_end=window.end,
        due_on=window.end,
        status=WAITING if window.waiting else OPEN,
        event_id=window.event_id,
        quote=clean_text(new.quote, "quote", required=False),
        criteria=clean_text(new.criteria, "criteria", required=False),
        confidence=clean_confidence(new.confidence),
        source=source_for(session, new.source_url),
        tags=tags_named(session, new.tags),
    )
    session.add(claim)
    session.flush()
    return claim


@dataclass(frozen=True)
class ClaimWindow:
    """A claim's window as read from its phrase: from the said-on day, or from an event
    (none yet while the event is undated: waiting)."""

    phrase: str
    start: date
    end: date
    rule: str | None
    waiting: bool = False
    event_id: int | None = None


def window_for(session: Session, phrase: str, said_on: date, event: str | None) -> ClaimWindow:
    """The window of a phrase said on a day, counted from the named event if any."""
    if event is None:
        w = resolve_window(phrase, said_on)
        return ClaimWindow(w.phrase, w.start, w.end, w.rule)
    from tracker.domain.events import event_called, event_window

    cleaned = clean_text(phrase, "deadline phrase", limit=500) or ""
    found = event_called(session, event)
    on = event_window(cleaned, said_on, found)
    if not on.waiting and on.end < said_on:
        raise InputError(
            f"deadline {cleaned!r} on {found.name} ends {on.end}, before it was said ({said_on})"
        )
    return ClaimWindow(cleaned, on.start, on.end, on.rule, on.waiting, found.id)


def _same_day_texts(session: Session, speaker_id: int, said_on: date) -> list[tuple[int, str]]:
    query = select(Claim.id, Claim.text).where(
        Claim.speaker_id == speaker_id, Claim.said_on == said_on
    )
    return [(i, t) for i, t in session.execute(query.order_by(Claim.id))]


def _refuse_duplicate(session: Session, speaker: Speaker, text: str | None, said_on: date) -> None:
    from tracker.domain.names import folded

    if speaker.id is None or text is None:
        return
    wanted = folded(text)
    for claim_id, stored in _same_day_texts(session, speaker.id, said_on):
        if folded(stored) == wanted:
            raise InputError(
                f"claim #{claim_id} already says this ({speaker.name}, said on {said_on}); "
                "pass --duplicate-ok to save it again"
            )


def near_duplicates(session: Session, claim: Claim) -> list[int]:
    """Other claims of the same speaker and day whose text is very like this one's."""
    import difflib

    from tracker.domain.names import folded

    wanted = folded(claim.text)
    return [
        claim_id
        for claim_id, text in _same_day_texts(session, claim.speaker_id, claim.said_on)
        if claim_id != claim.id
        and difflib.SequenceMatcher(None, wanted, folded(text)).ratio() >= NEAR_TEXT
    ]


def get_claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(
        Claim,
        claim_id,
        options=[
            selectinload(Claim.tags),
            selectinload(Claim.checks),
            selectinload(Claim.source),
            selectinload(Claim.deadline_changes),
            selectinload(Claim.other_sources).selectinload(ClaimSource.source),
        ],
    )
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return claim


def speaker_condition(session: Session, name: str) -> ColumnElement[bool]:
    """Claims of the speaker a name finds; none for a name that finds nobody, and a
    refusal when it looks like a slip for a stored name (no_such_speaker)."""
    speaker = find_speaker(session, name, loose=True)
    if speaker is None:
        near = speaker_suggestions(session, name)
        if near:
            raise no_such_speaker(session, name, near)
        return Claim.speaker_id == -1
    return Claim.speaker_id == speaker.id


def tag_condition(tag: str) -> ColumnElement[bool]:
    tagged = (
        select(claim_tags.c.claim_id)
        .join(Tag, Tag.id == claim_tags.c.tag_id)
        .where(Tag.name == name_key(tag))
    )
    return Claim.id.in_(tagged)


def due_conditions(
    session: Session,
    as_of: date,
    within: int = 0,
    speaker: str | None = None,
    tag: str | None = None,
) -> list[ColumnElement[bool]]:
    """What `due` selects (tracker.rows.due_rule), narrowed to a speaker or a tag."""
    if within < 0:
        raise InputError(f"--within must be zero or more days, not {within}")
    conditions = compared(due_rule(as_of, within))
    if speaker:
        conditions.append(speaker_condition(session, speaker))
    if tag:
        conditions.append(tag_condition(tag))
    return conditions


def filter_conditions(session: Session, filters: ClaimFilter) -> list[ColumnElement[bool]]:
    """What `list` (and `export`) select, as conditions on the claims table."""
    conditions: list[ColumnElement[bool]] = []
    if filters.speaker:
        conditions.append(speaker_condition(session, filters.speaker))
    if filters.tag:
        conditions.append(tag_condition(filters.tag))
    if filters.status:
        if filters.status not in STATUSES:
            raise InputError(f"unknown status {filters.status!r}; one of {', '.join(STATUSES)}")
        conditions.append(Claim.status == filters.status)
    if filters.text:
        conditions.append(text_contains(filters.text))
    if filters.said_after:
        conditions.append(Claim.said_on > filters.said_after)
    if filters.said_before:
        conditions.append(Claim.said_on < filters.said_before)
    return conditions


def slip_counts(session: Session, claim_ids: Sequence[int]) -> dict[int, int]:
    """How many times each claim's deadline was moved (claims never moved are left out)."""
    from tracker.store.models import DeadlineChange

    counts: dict[int, int] = {}
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start : start + 500]
        query = (
            select(DeadlineChange.claim_id, func.count())
            .where(DeadlineChange.claim_id.in_(chunk), DeadlineChange.reason.is_(None))
            .group_by(DeadlineChange.claim_id)
        )
        counts.update({claim_id: n for claim_id, n in session.execute(query)})
    return counts


def text_contains(needle: str) -> ColumnElement[bool]:
    """Claims whose text contains `needle`, ignoring case in any script."""
    from sqlalchemy import literal

    from tracker.store.sqlfuncs import fold

    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return fold(Claim.text).like(fold(literal(f"%{escaped}%")), escape="\\")


def verify_claim(
    session: Session,
    claim_id: int,
    outcome: str,
    on: date,
    evidence: str | None = None,
    note: str | None = None,
    today: date | None = None,
) -> Claim:
    """Judge a claim as of the day it happened (`on`).

    `kept` after the window is recorded as `kept_late` with the days late, and
    `kept_late` within the window as `kept`. `on` may not be before the claim was said,
    nor after `today`.
    """
    if outcome not in OUTCOMES:
        raise InputError(f"unknown outcome {outcome!r}; one of {', '.join(OUTCOMES)}")
    claim = get_claim(session, claim_id)
    _check_outcome_day(claim, on, today)
    days_late: int | None = None
    if outcome in ("kept", "kept_late") and claim.status == WAITING:
        outcome = "kept"  # no window yet, so never late
    elif outcome in ("kept", "kept_late"):
        late = (on - claim.deadline_end).days
        outcome, days_late = ("kept_late", late) if late > 0 else ("kept", None)
    claim.checks.append(
        Check(
            kind="verify",
            outcome=outcome,
            happened_on=on,
            days_late=days_late,
            evidence_url=clean_url(evidence, "evidence URL"),
            note=clean_text(note, "note", required=False),
        )
    )
    claim.status = outcome
    claim.outcome_on = on
    session.flush()
    return claim


def _check_outcome_day(claim: Claim, on: date, today: date | None) -> None:
    if on < claim.said_on:
        raise InputError(
            f"outcome date {on.isoformat()} is before the claim was said "
            f"({claim.said_on.isoformat()})"
        )
    if today is not None and on > today:
        raise InputError(f"outcome date {on.isoformat()} is after today ({today.isoformat()})")


@dataclass(frozen=True)
class ClaimEdit:
    text: str | None = None
    speaker: str | None = None
    phrase: str | None = None
    said_on: date | None = None
    source_url: str | None = None
    quote: str | None = None
    criteria: str | None = None
    confidence: float | None = None
    add_tags: Sequence[str] = ()
    remove_tags: Sequence[str] = ()
    force: bool = False
    event: str | None = None
    no_event: bool = False

    def locked_fields(self) -> list[str]:
        """The fields this edit changes that a judgement locks."""
        fields = (
            ("text", self.text),
            ("speaker", self.speaker),
            ("deadline", self.phrase),
            ("event", self.event if not self.no_event else "none"),
            ("said-on day", self.said_on),
            ("confidence", self.confidence),
            ("criteria", self.criteria),
        )
        return [name for name, value in fields if value is not None]


def check_unlocked(claim: Claim, edit: ClaimEdit) -> None:
    """A judged claim's text, speaker, deadline, confidence and criteria change only
    with --force (and a note, which the command line asks for)."""
    touched = edit.locked_fields()
    if claim.status in (OPEN, WAITING) or not touched or edit.force:
        return
    what = ", ".join(touched)
    raise InputError(
        f"claim #{claim.id} was judged {claim.status} on {claim.outcome_on}: its {what} "
        f"{'is' if len(touched) == 1 else 'are'} locked; reopen it first "
        f"(tracker reopen {claim.id}), or pass --force --note WHY"
    )


def edit_claim(session: Session, claim_id: int, edit: ClaimEdit) -> Claim:
    """Change any field; a new phrase or said-on date re-resolves the window. A judged
    claim's record is locked (check_unlocked)."""
    claim = get_claim(session, claim_id)
    check_unlocked(claim, edit)
    if edit.text is not None:
        claim.text = clean_text(edit.text, "claim text") or claim.text
    if edit.speaker is not None:
        claim.speaker = speaker_named(session, edit.speaker)
    moved = edit.event is not None or edit.no_event
    if edit.event is not None and edit.no_event:
        raise InputError("give --event or --no-event, not both")
    if edit.event is not None:
        from tracker.domain.events import event_called

        claim.event = event_called(session, edit.event)
    elif edit.no_event:
        claim.event = None
    if edit.phrase is not None or edit.said_on is not None or moved:
        _redate(session, claim, edit.phrase, edit.said_on, moved)
    if edit.source_url is not None:
        claim.source = source_for(session, edit.source_url)
        # A source among the others that becomes the first is no longer one of them.
        claim.other_sources = [o for o in claim.other_sources if o.source is not claim.source]
    if edit.quote is not None:
        claim.quote = clean_text(edit.quote, "quote", required=False)
    if edit.criteria is not None:
        claim.criteria = clean_text(edit.criteria, "criteria", required=False)
    if edit.confidence is not None:
        claim.confidence = clean_confidence(edit.confidence)
    _retag(session, claim, edit.add_tags, edit.remove_tags)
    session.flush()
    return claim


def _redate(
    session: Session, claim: Claim, phrase: str | None, said_on: date | None, moved: bool = False
) -> None:
    """A new phrase, said-on day or event. The current window was read from the last
    time the words were said: the claim's own day, or the day of its last restatement
    (slip)."""
    changes = [change for change in claim.deadline_changes if change.reason is None]
    if said_on is not None and changes and said_on > changes[0].said_on:
        raise InputError(
            f"said-on {said_on.isoformat()} is after the claim was restated "
            f"({changes[0].said_on.isoformat()})"
        )
    anchor = changes[-1].said_on if changes else (said_on or claim.said_on)
    if phrase is not None or not changes or moved:  # moved: onto another event
        _rewindow(session, claim, phrase or claim.deadline_phrase, anchor)
        if changes:
            last = changes[-1]
            last.new_phrase, last.new_start, last.new_end = (
                claim.deadline_phrase,
                claim.deadline_start,
                claim.deadline_end,
            )
    if said_on is not None:
        claim.said_on = said_on


def _rewindow(session: Session, claim: Claim, phrase: str, said_on: date) -> None:
    from tracker.domain.events import place

    event = claim.event.name if claim.event is not None else None
    window = window_for(session, phrase, said_on, event)
    claim.deadline_phrase = window.phrase
    place(claim, window.start, window.end, window.rule, window.waiting)


def _retag(session: Session, claim: Claim, add: Sequence[str], remove: Sequence[str]) -> None:
    before = {t.name for t in claim.tags}
    if add:
        claim.tags.extend(t for t in tags_named(session, add) if t.name not in before)
    if remove:
        dropped = {name_key(n) for n in remove}
        claim.tags = [t for t in claim.tags if t.name not in dropped]
    if {t.name for t in claim.tags} != before:
        # Tags live in another table: the claim's row would not change, yet its calendar
        # event (categories) did, so its time of change must move for SEQUENCE to.
        claim.updated_at = utcnow()


def remove_claim(session: Session, claim_id: int) -> Claim:
    claim = get_claim(session, claim_id)
    session.delete(claim)
    session.flush()
    return claim
