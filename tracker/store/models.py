"""The schema as typed SQLAlchemy models. Alembic revisions in migrations/ create it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from tracker.vocab import OPEN, STATUSES

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


claim_tags = Table(
    "claim_tags",
    Base.metadata,
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_claim_tags_tag_id", "tag_id"),
)


class Speaker(Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    claims: Mapped[list[Claim]] = relationship(back_populates="speaker")


class SpeakerAlias(Base):
    """Another name that finds a speaker: kept when speakers are renamed or merged."""

    __tablename__ = "speaker_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    published_on: Mapped[date | None] = mapped_column(Date)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Event(Base):
    """A named day deadlines can count from ("inauguration", "the EU summit"); `on` is
    None while the day is not known, and `term_months` the length of a term it opens."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    on: Mapped[date | None] = mapped_column(Date)
    term_months: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    claims: Mapped[list[Claim]] = relationship(back_populates="event")


class EventAlias(Base):
    """Another name that finds an event ("taking office" for the inauguration)."""

    __tablename__ = "event_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        # Comparisons, not an IN list, which SQLite checks by building a temporary
        # table for each row written (migration 0005).
        CheckConstraint(" OR ".join(f"status = '{s}'" for s in STATUSES), name="status"),
        CheckConstraint(
            "confidence IS NULL OR (confidence >= 0 AND confidence <= 1)", name="confidence"
        ),
        CheckConstraint("deadline_start <= deadline_end", name="window"),
        # Partial (WHERE status = 'open') on both engines; the migrations create it so.
        # Only SQLite's predicate is declared here: naming PostgreSQL's would load that
        # dialect (and asyncio, ssl) on every start, even of `tracker due` on SQLite.
        Index("ix_claims_open_due_on", "status", "due_on", sqlite_where=text("status = 'open'")),
        Index("ix_claims_speaker_id_said_on", "speaker_id", "said_on"),
        Index("ix_claims_status_said_on", "status", "said_on"),
        Index("ix_claims_said_on", "said_on"),
        Index("ix_claims_source_id", "source_id"),
        Index("ix_claims_event_id", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True, default=new_uid)
    text: Mapped[str] = mapped_column(Text)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id"))
    said_on: Mapped[date] = mapped_column(Date)
    deadline_phrase: Mapped[str] = mapped_column(Text)
    deadline_rule: Mapped[str | None] = mapped_column(Text)
    deadline_start: Mapped[date] = mapped_column(Date)
    deadline_end: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    outcome_on: Mapped[date | None] = mapped_column(Date)
    quote: Mapped[str | None] = mapped_column(Text)
    criteria: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    speaker: Mapped[Speaker] = relationship(back_populates="claims")
    source: Mapped[Source | None] = relationship()
    event: Mapped[Event | None] = relationship(back_populates="claims")
    tags: Mapped[list[Tag]] = relationship(secondary=claim_tags, order_by=Tag.name)
    checks: Mapped[list[Check]] = relationship(
        back_populates="claim", order_by="Check.id", cascade="all, delete-orphan"
    )
    deadline_changes: Mapped[list[DeadlineChange]] = relationship(
        back_populates="claim", order_by="DeadlineChange.id", cascade="all, delete-orphan"
    )
    #: The claim's other sources, in the order they were added (its first is `source`).
    other_sources: Mapped[list[ClaimSource]] = relationship(
        order_by="ClaimSource.id", cascade="all, delete-orphan"
    )


class ClaimSource(Base):
    """Another source of a claim: the same words read in another outlet (migration 0009).

    The claim's first source stays `claims.source_id`, which the fast paths read;
    `said_on` is the day this source says the words were said, when it gives one.
    """

    __tablename__ = "claim_sources"
    __table_args__ = (
        Index("uq_claim_sources_claim_id_source_id", "claim_id", "source_id", unique=True),
        Index("ix_claim_sources_source_id", "source_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    said_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    added_by: Mapped[str | None] = mapped_column(String(200))

    source: Mapped[Source] = relationship()


class DeadlineChange(Base):
    """The speaker moved the goalposts: the window before and after a restatement."""

    __tablename__ = "deadline_changes"
    __table_args__ = (Index("ix_deadline_changes_claim_id", "claim_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    said_on: Mapped[date] = mapped_column(Date)
    old_phrase: Mapped[str] = mapped_column(Text)
    old_said_on: Mapped[date] = mapped_column(Date)
    old_start: Mapped[date] = mapped_column(Date)
    old_end: Mapped[date] = mapped_column(Date)
    new_phrase: Mapped[str] = mapped_column(Text)
    new_start: Mapped[date] = mapped_column(Date)
    new_end: Mapped[date] = mapped_column(Date)
    quote: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: None: the speaker moved the goalposts (a slip). "event": the event the claim
    #: counts from was dated or moved, which is nobody's fault.
    reason: Mapped[str | None] = mapped_column(String(16))

    claim: Mapped[Claim] = relationship(back_populates="deadline_changes")
    source: Mapped[Source | None] = relationship()


class Check(Base):
    """One entry of a claim's history: a judgement, a snooze or a reopening."""

    __tablename__ = "checks"
    __table_args__ = (Index("ix_checks_claim_id", "claim_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(16))
    happened_on: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    days_late: Mapped[int | None] = mapped_column(Integer)
    evidence_url: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="checks")


class ReportDelivery(Base):
    """One `--new-only` report: `pending` while it is being delivered, then `delivered`.

    A pending delivery belongs to `owner` (host, process id and start time) until
    `lease_until`; its announcements count as made while the owner runs and the lease
    holds (tracker.domain.announcing).
    """

    __tablename__ = "report_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    as_of: Mapped[date] = mapped_column(Date)
    format: Mapped[str] = mapped_column(String(16))
    channels: Mapped[str] = mapped_column(String(200))
    item_count: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), server_default="delivered")
    owner: Mapped[str | None] = mapped_column(String(200))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    announcements: Mapped[list[ReportAnnouncement]] = relationship(
        back_populates="delivery", cascade="all, delete-orphan"
    )


class ReportAnnouncement(Base):
    """A claim a delivered report announced, with the `due_on` it had then.

    Unique per (claim, due_on, section): a claim is announced as newly due once per
    deadline, so a snoozed claim that falls due again is announced again.
    """

    __tablename__ = "report_announcements"
    __table_args__ = (
        Index(
            "uq_report_announcements_claim_id_due_on_section",
            "claim_id",
            "due_on",
            "section",
            unique=True,
        ),
        Index("ix_report_announcements_delivery_id", "delivery_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("report_deliveries.id", ondelete="CASCADE"))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    due_on: Mapped[date] = mapped_column(Date)
    section: Mapped[str] = mapped_column(String(16))

    delivery: Mapped[ReportDelivery] = relationship(back_populates="announcements")


class JournalEntry(Base):
    """One change, with who made it, when and why: what `tracker log` lists and
    `tracker undo` reverts (tracker.domain.journal).

    `claim_id` and `claim_uid` are plain values, not references: the entry of an `rm`
    outlives its claim, and keeps in `before` all that `undo` needs to restore it.
    `changes` is a JSON list of [field, old, new]; `before` a JSON snapshot of the
    claim as it was; `detail` a JSON object with what else the action needs.
    """

    __tablename__ = "journal"
    __table_args__ = (
        Index("ix_journal_claim_uid", "claim_uid"),
        Index("ix_journal_speaker_id", "speaker_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    author: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    claim_id: Mapped[int | None] = mapped_column(Integer)
    claim_uid: Mapped[str | None] = mapped_column(String(64))
    speaker_id: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[str] = mapped_column(Text, default="[]")
    before: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    undoes: Mapped[int | None] = mapped_column(Integer)
    undone_by: Mapped[int | None] = mapped_column(Integer)
