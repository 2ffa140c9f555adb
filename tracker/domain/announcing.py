"""Announcing each newly due claim once, with no write transaction open during delivery.

A `--new-only` report goes through three short transactions (tracker.domain.reports):

1. **claim**: under the report lock, delete the pending deliveries whose owner is gone,
   select the newly due claims and record them as a *pending* delivery owned by this
   process, with a lease;
2. **deliver**, with no transaction open: writers never wait for a mail server or a
   webhook;
3. **confirm** the delivery (mark it `delivered`), or, if delivery failed, **release**
   it (delete it, so the next report announces the same claims).

A pending delivery counts as announced while its owner may still be delivering it.
Its owner is gone when the lease has run out, or, on the same host, when the process
that claimed it no longer runs (killed mid-delivery): then the next report deletes
it and announces its claims again. Two reports thus never announce one claim, and a
report that dies never loses one.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, true, update
from sqlalchemy.orm import Session

from tracker.store.models import ReportAnnouncement, ReportDelivery

if TYPE_CHECKING:
    from tracker.store.engine import Database

PENDING, DELIVERED = "pending", "delivered"
#: How long a claimed delivery holds when its owner cannot be seen (another host).
#: Far longer than any delivery takes: each channel gives up after its own timeout.
LEASE = timedelta(hours=1)


def _started(pid: int) -> str:
    """When process `pid` started (clock ticks since boot, from /proc), "" if unknown."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return ""
    return fields[19] if len(fields) > 19 else ""


def this_process() -> str:
    """The owner of the deliveries this process claims: host, process id, start time."""
    pid = os.getpid()
    return f"{socket.gethostname()[:120]} {pid} {_started(pid)}".strip()


def _runs(pid: int, started: str) -> bool:
    """Whether process `pid` still runs (and is the one that started at `started`)."""
    if started:
        return _started(pid) == started
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it runs, as another user
    return True


def owner_gone(owner: str | None, lease_until: datetime | None, now: datetime) -> bool:
    """Whether a pending delivery's owner can no longer deliver it."""
    if lease_until is not None and _aware(lease_until) < now:
        return True
    host, _, rest = (owner or "").partition(" ")
    pid, _, started = rest.partition(" ")
    if host != socket.gethostname()[:120] or not pid.isdigit():
        return False  # another host's: its lease decides
    return not _runs(int(pid), started)


def _aware(moment: datetime) -> datetime:
    """A stored time as UTC (SQLite gives it back without its zone)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def abandoned(session: Session, now: datetime) -> list[int]:
    """The pending deliveries whose owner is gone."""
    rows = session.execute(
        select(ReportDelivery.id, ReportDelivery.owner, ReportDelivery.lease_until).where(
            ReportDelivery.state == PENDING
        )
    )
    return [id_ for id_, owner, lease in rows if owner_gone(owner, lease, now)]


def counted(session: Session, now: datetime) -> Any:
    """The condition on ReportAnnouncement: made by a delivery that counts (delivered,
    or pending with an owner that may still deliver it)."""
    gone = abandoned(session, now)
    return ReportAnnouncement.delivery_id.not_in(gone) if gone else true()


def drop(session: Session, deliveries: Sequence[int]) -> None:
    """Delete these deliveries and their announcements."""
    if deliveries:
        session.execute(
            delete(ReportAnnouncement).where(ReportAnnouncement.delivery_id.in_(deliveries))
        )
        session.execute(delete(ReportDelivery).where(ReportDelivery.id.in_(deliveries)))


def claim(delivery: ReportDelivery, now: datetime) -> None:
    """Make a new delivery pending, owned by this process."""
    delivery.state = PENDING
    delivery.owner = this_process()
    delivery.lease_until = now + LEASE


def confirm(database: Database, delivery_id: int) -> None:
    """Mark a claimed delivery delivered: its announcements are made for good."""
    with database.session(write=True) as session:
        session.execute(
            update(ReportDelivery)
            .where(ReportDelivery.id == delivery_id)
            .values(state=DELIVERED, owner=None, lease_until=None)
        )


def release(database: Database, delivery_id: int) -> None:
    """Delete a claimed delivery that was not delivered, so its claims are announced
    again; if the database cannot be reached, the next report finds its owner gone."""
    from tracker.errors import DatabaseError

    try:
        with database.session(write=True) as session:
            drop(session, [delivery_id])
    except DatabaseError:
        pass
