"""Reminder reports: build the digest, deliver it, and record what it announced.

A claim is *newly due* when it is open, `due_on < as_of`, and no recorded report has
announced it for that `due_on` yet. Only a `--new-only` report is recorded; any other
report is a view and writes nothing. It claims its announcements in one short write
transaction (SQLite's `BEGIN IMMEDIATE`, PostgreSQL's advisory lock), delivers with no
transaction open, and marks them delivered in another (tracker.domain.announcing): two
reports never announce the same claim, a failed delivery records nothing, and no writer
waits for a mail server or a webhook.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import and_, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from tracker.domain import announcing
from tracker.domain.claims import due_conditions, speaker_condition, tag_condition
from tracker.domain.listings import listing_records
from tracker.domain.trackrecord import speaker_record
from tracker.errors import DatabaseError, InputError
from tracker.records import REPORT_ITEM_KEYS, SCOREBOARD_KEYS
from tracker.rows import due_rule
from tracker.store.full_read import compared
from tracker.store.models import Check, Claim, ReportAnnouncement, ReportDelivery, Speaker
from tracker.vocab import OPEN

if TYPE_CHECKING:
    from tracker.store.engine import Database

SECTIONS = ("new", "overdue", "upcoming", "verified")
ITEM_KEYS = REPORT_ITEM_KEYS
DIGEST_KEYS = (
    "as_of",
    "generated_at",
    "new_only",
    "upcoming_days",
    "sections",
    *SECTIONS,
    "counts",
    "scoreboard",
)
#: The sections' counts, their total, and the claims waiting for an event to be dated
#: (in no section: they have no window yet).
COUNT_KEYS = (*SECTIONS, "total", "waiting")
_REPORT_LOCK_KEY = 727_384_002

Digest = dict[str, Any]


class Channel(Protocol):
    """Somewhere a report goes: standard output, a file, mail, a webhook."""

    name: str

    def deliver(self, digest: Mapping[str, Any]) -> None:
        """Deliver the digest or raise DeliveryError; must not return before it is done."""


@dataclass(frozen=True)
class ReportRequest:
    as_of: date
    now: datetime
    new_only: bool = False
    upcoming_days: int = 7
    speaker: str | None = None
    tag: str | None = None
    include_verified: bool = False

    def __post_init__(self) -> None:
        if self.upcoming_days < 0:
            raise InputError(f"--upcoming must be zero or more days, not {self.upcoming_days}")

    def sections(self) -> tuple[str, ...]:
        extra = ("verified",) if self.include_verified else ()
        if self.new_only:
            return ("new", *extra)
        return ("new", "overdue", "upcoming", *extra)


def lock_reports(session: Session) -> None:
    """Serialize reports on PostgreSQL; on SQLite the write transaction already does."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _REPORT_LOCK_KEY})


def announced_ids(session: Session, as_of: date, counted: Any) -> set[int]:
    """Due claims already announced as newly due for their current `due_on` (by a
    delivery that counts: see announcing.counted)."""
    query = (
        select(Claim.id)
        .join(
            ReportAnnouncement,
            and_(
                ReportAnnouncement.claim_id == Claim.id,
                ReportAnnouncement.due_on == Claim.due_on,
                ReportAnnouncement.section == "new",
                counted,
            ),
        )
        .where(*compared(due_rule(as_of)))
    )
    return set(session.scalars(query))


def _verified_conditions(session: Session, request: ReportRequest, counted: Any) -> list[Any]:
    """Judged claims no delivered report has shown as verified (for this judgement).

    Each shown judgement is recorded like a newly due claim (section `verified`, keyed by
    the outcome's day), so reports with other filters or sections do not hide it.
    """
    shown = select(ReportAnnouncement.id).where(
        ReportAnnouncement.claim_id == Claim.id,
        ReportAnnouncement.section == "verified",
        ReportAnnouncement.due_on == Claim.outcome_on,
        counted,
    )
    judged = select(Check.claim_id).where(Check.kind == "verify")
    conditions = [
        Claim.status != OPEN,
        Claim.outcome_on.is_not(None),
        Claim.id.in_(judged),
        ~shown.exists(),
    ]
    if request.speaker:
        conditions.append(speaker_condition(session, request.speaker))
    if request.tag:
        conditions.append(tag_condition(request.tag))
    return conditions


def _items(
    session: Session, conditions: list[Any], order_by: tuple[Any, ...], as_of: date
) -> list[dict[str, Any]]:
    return listing_records(session, conditions, order_by, as_of, ITEM_KEYS, section="")


def _sectioned(session: Session, request: ReportRequest) -> dict[str, list[dict[str, Any]]]:
    """Report items, by section: newly due, still overdue, coming due, verified."""
    as_of, wanted = request.as_of, request.sections()
    conditions = due_conditions(session, as_of, request.upcoming_days, request.speaker, request.tag)
    candidates = _items(session, conditions, (Claim.due_on, Claim.id), as_of)
    due = [item for item in candidates if item["days_overdue"] > 0]
    counted = announcing.counted(session, request.now)
    announced = announced_ids(session, as_of, counted)
    found = {
        "new": [item for item in due if item["id"] not in announced],
        "overdue": [item for item in due if item["id"] in announced],
        "upcoming": [item for item in candidates if item["days_overdue"] <= 0],
        "verified": [],
    }
    if "verified" in wanted:
        verified = _verified_conditions(session, request, counted)
        found["verified"] = _items(session, verified, (Claim.outcome_on, Claim.id), as_of)
    for section, items in found.items():
        for item in items:
            item["section"] = section
    return {section: found[section] if section in wanted else [] for section in SECTIONS}


def _waiting(session: Session, request: ReportRequest) -> int:
    """How many claims (of the speaker or tag asked for) wait for an event's day."""
    from sqlalchemy import func, select

    from tracker.domain.claims import ClaimFilter, filter_conditions
    from tracker.vocab import WAITING

    waiting = ClaimFilter(speaker=request.speaker, tag=request.tag, status=WAITING)
    return session.scalar(select(func.count()).where(*filter_conditions(session, waiting))) or 0


def _scoreboard(
    session: Session, items: Mapping[str, list[dict[str, Any]]], as_of: date
) -> list[dict[str, Any]]:
    """SCOREBOARD_KEYS of each speaker with an item in the report, in the order they
    first appear in it."""
    names = list(dict.fromkeys(item["speaker"] for s in SECTIONS for item in items[s]))
    if not names:
        return []
    found = session.scalars(select(Speaker).where(Speaker.name.in_(names)))
    speakers = {speaker.name: speaker for speaker in found}
    rows = [speaker_record(session, speakers[name], as_of) for name in names]
    return [{key: row[key] for key in SCOREBOARD_KEYS} for row in rows]


def build_digest(session: Session, request: ReportRequest) -> Digest:
    """The report as a plain record with DIGEST_KEYS; unreported sections are empty."""
    items = _sectioned(session, request)
    counts = {section: len(items[section]) for section in SECTIONS}
    counts["total"] = sum(counts.values())
    counts["waiting"] = _waiting(session, request)
    return {
        "as_of": request.as_of.isoformat(),
        "generated_at": request.now.isoformat(timespec="seconds"),
        "new_only": request.new_only,
        "upcoming_days": request.upcoming_days,
        "sections": list(request.sections()),
        **items,
        "counts": counts,
        "scoreboard": _scoreboard(session, items, request.as_of),
    }


def is_empty(digest: Mapping[str, Any]) -> bool:
    return digest["counts"]["total"] == 0


def record_delivery(
    session: Session, digest: Mapping[str, Any], fmt: str, channels: Sequence[str], now: datetime
) -> ReportDelivery:
    """Record the delivery as pending, with the newly due claims it announces and the
    judgements it shows.

    Only a `--new-only` report is recorded (send_report): looking at a report by hand
    never keeps the cron job from announcing a claim.
    """
    delivery = ReportDelivery(
        as_of=date.fromisoformat(digest["as_of"]),
        format=fmt,
        channels=",".join(channels),
        item_count=digest["counts"]["total"],
    )
    delivery.announcements = [
        ReportAnnouncement(
            claim_id=item["id"], due_on=date.fromisoformat(item["due_on"]), section="new"
        )
        for item in digest["new"]
    ] + [
        ReportAnnouncement(
            claim_id=item["id"], due_on=date.fromisoformat(item["outcome_on"]), section="verified"
        )
        for item in digest["verified"]
    ]
    announcing.claim(delivery, now)
    session.add(delivery)
    try:
        session.flush()
    except sa_exc.IntegrityError as exc:
        raise DatabaseError(
            "another report announced the same claims at the same time; run it again"
        ) from exc
    return delivery


def send_report(
    database: Database,
    request: ReportRequest,
    fmt: str,
    channels: Sequence[Channel],
    quiet_if_empty: bool = False,
    record: bool = False,
) -> Digest | None:
    """Build and deliver one report; `record` what it announced (a `--new-only` report).

    A recorded report claims its announcements in a short write transaction, delivers
    with none open, then confirms them; if any channel fails, its DeliveryError releases
    them, so the next run announces the same claims. Returns None when `quiet_if_empty`
    and there was nothing to report. A report that is not recorded (a plain report, a
    dry run, a report for a day still to come) is a view: it writes nothing, so looking
    never keeps a claim from being announced by the next `--new-only` run.
    """
    if not record:
        with database.session() as session:
            digest = build_digest(session, request)
        if quiet_if_empty and is_empty(digest):
            return None
        _deliver(digest, channels)
        return digest
    claimed = _claim(database, request, fmt, channels, quiet_if_empty)
    if claimed is None:
        return None
    digest, delivery_id = claimed
    try:
        _deliver(digest, channels)
    except BaseException:
        announcing.release(database, delivery_id)
        raise
    announcing.confirm(database, delivery_id)
    return digest


def _claim(
    database: Database,
    request: ReportRequest,
    fmt: str,
    channels: Sequence[Channel],
    quiet_if_empty: bool,
) -> tuple[Digest, int] | None:
    """The report's digest and its pending delivery, in one short write transaction."""
    with database.session(write=True) as session:
        lock_reports(session)
        announcing.drop(session, announcing.abandoned(session, request.now))
        digest = build_digest(session, request)
        if quiet_if_empty and is_empty(digest):
            return None
        names = [channel.name for channel in channels]
        delivery = record_delivery(session, digest, fmt, names, request.now)
        return digest, delivery.id


def _deliver(digest: Digest, channels: Sequence[Channel]) -> None:
    for channel in channels:
        channel.deliver(digest)


@dataclass(frozen=True)
class CrontabLine:
    line: str
    notes: list[str]


def tracker_executable(argv0: str, which: str | None) -> str | None:
    """The absolute path of the running `tracker` script, else the one on PATH.

    Symlinks are kept (not resolved): `~/.local/bin/tracker` outlives the venv it points to.
    """
    script = Path(argv0)
    if script.name.startswith("tracker") and script.suffix != ".py" and script.is_file():
        return str(script.absolute())
    return str(Path(which).absolute()) if which else None


def _cron_quote(value: str) -> str:
    """Shell-quoted, with `%` escaped (cron turns a bare `%` into a newline)."""
    return shlex.quote(value).replace("%", "\\%")


def _db_setting(db_url: str) -> tuple[str, list[str]]:
    """TRACKER_DB as cron needs it: a file path, or the URL without its password."""
    from sqlalchemy.engine import make_url

    from tracker.store.engine import is_sqlite, sqlite_path

    if is_sqlite(db_url):
        path = sqlite_path(db_url)
        return (str(path) if path else db_url), []
    url = make_url(db_url)
    notes = []
    if url.password:
        notes.append(
            "the database password is left out: put it in ~/.pgpass (mode 0600) so cron can connect"
        )
    secret = {k for k in url.query if k.lower() in ("password", "sslpassword", "passfile")}
    if secret:
        notes.append(f"left out of the URL: {', '.join(sorted(secret))}; use ~/.pgpass instead")
    without = url.difference_update_query(secret)._replace(password=None)  # not set()
    return without.render_as_string(hide_password=False), notes


def crontab_line(
    db_url: str,
    executable: str | None,
    args: Sequence[str],
    environ: Mapping[str, str] | None = None,
    schedule: str = "0 8 * * *",
) -> CrontabLine:
    """A ready crontab line running the report with absolute paths, and notes for stderr."""
    db_value, notes = _db_setting(db_url)
    if executable is None:
        executable = "tracker"
        notes.append("tracker is not on PATH: replace 'tracker' with its absolute path")
    settings = {"TRACKER_DB": db_value, **(environ or {})}
    env = " ".join(f"{name}={_cron_quote(value)}" for name, value in settings.items())
    command = " ".join(_cron_quote(part) for part in (executable, "report", *args))
    return CrontabLine(f"{schedule} {env} {command}", notes)
