"""A `--new-only` report's claimed (pending) deliveries: whose claims count as announced,
and when a later report takes them back because their owner is gone."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

from tests.conftest import Run, sql
from tests.test_migration_walk import migrate
from tests.test_reports import AS_OF, ids, recorded, report_json, seed
from tracker.config import to_url
from tracker.domain.announcing import LEASE, owner_gone, this_process

NOW = datetime.now(UTC)


def pending(location: str, claim_ids: list[int], owner: str, lease_until: datetime) -> None:
    """A pending delivery announcing these claims as newly due (at their due_on)."""
    sql(
        location,
        "INSERT INTO report_deliveries (id, created_at, as_of, format, channels, item_count, "
        "state, owner, lease_until) VALUES (90, :now, :as_of, 'json', 'webhook', :n, "
        "'pending', :owner, :lease)",
        now=NOW,
        as_of=date.fromisoformat(AS_OF),
        n=len(claim_ids),
        owner=owner,
        lease=lease_until,
    )
    for claim_id in claim_ids:
        sql(
            location,
            "INSERT INTO report_announcements (delivery_id, claim_id, due_on, section) "
            "SELECT 90, id, due_on, 'new' FROM claims WHERE id = :id",
            id=claim_id,
        )


def finished_process() -> str:
    """The owner string of a process of this host that has ended."""
    code = "from tracker.domain.announcing import this_process; print(this_process())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return done.stdout.strip()


# the owner and its lease


def test_this_process_owns_by_host_pid_and_start_time() -> None:
    host, pid, started = this_process().split(" ")
    assert host == socket.gethostname()[:120] and pid == str(os.getpid()) and started.isdigit()
    assert not owner_gone(this_process(), NOW + LEASE, NOW)


def test_an_owner_is_gone_when_its_process_ended_or_its_lease_ran_out() -> None:
    assert owner_gone(finished_process(), NOW + LEASE, NOW)
    assert owner_gone(this_process(), NOW - timedelta(seconds=1), NOW)
    assert not owner_gone("elsewhere.example 1 1", NOW + LEASE, NOW)
    assert owner_gone("elsewhere.example 1 1", NOW - timedelta(seconds=1), NOW)


def test_a_process_id_used_again_by_another_process_is_not_the_owner() -> None:
    host, pid, started = this_process().split(" ")
    assert owner_gone(f"{host} {pid} {int(started) + 1}", NOW + LEASE, NOW)  # not us
    init = f"{host} 1 999999999999"  # pid 1 runs, but did not start then
    assert owner_gone(init, NOW + LEASE, NOW)


def test_a_stored_time_without_its_zone_is_read_as_utc() -> None:
    naive = (NOW - timedelta(minutes=1)).replace(tzinfo=None)
    assert owner_gone("elsewhere.example 1 1", naive, NOW)


# what reports make of a pending delivery


def test_claims_another_report_is_delivering_are_not_announced_again(
    run: Run, tracker_db: str
) -> None:
    seed(tracker_db, [("a", "2025-03-20"), ("b", "2025-03-21")])
    pending(tracker_db, [1], this_process(), NOW + LEASE)
    assert ids(report_json(run, "--new-only", "--dry-run"), "new") == [2]
    view = report_json(run)
    assert (ids(view, "new"), ids(view, "overdue")) == ([2], [1])
    assert ids(report_json(run, "--new-only"), "new") == [2]
    states = sql(tracker_db, "SELECT id = 90, state FROM report_deliveries ORDER BY id = 90")
    assert [tuple(row) for row in states] == [(False, "delivered"), (True, "pending")]


def test_a_delivery_of_another_host_holds_until_its_lease_runs_out(
    run: Run, tracker_db: str
) -> None:
    seed(tracker_db, [("a", "2025-03-20")])
    pending(tracker_db, [1], "elsewhere.example 4242 1", NOW + LEASE)
    assert ids(report_json(run, "--new-only"), "new") == []
    sql(tracker_db, "UPDATE report_deliveries SET lease_until = :past WHERE id = 90",
        past=NOW - timedelta(seconds=1))  # fmt: skip
    assert ids(report_json(run, "--new-only"), "new") == [1]
    assert sql(tracker_db, "SELECT id FROM report_deliveries WHERE id = 90") == []
    assert recorded(tracker_db) == (2, 1)


def test_a_report_whose_process_ended_is_announced_again_once(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("a", "2025-03-20"), ("b", "2025-03-21")])
    pending(tracker_db, [1, 2], finished_process(), NOW + LEASE)
    assert ids(report_json(run, "--new-only", "--dry-run"), "new") == [1, 2]
    assert recorded(tracker_db) == (1, 2)  # a dry run leaves it be
    assert ids(report_json(run, "--new-only"), "new") == [1, 2]
    assert ids(report_json(run, "--new-only"), "new") == []
    kept = "SELECT DISTINCT state, owner, lease_until FROM report_deliveries"
    assert sql(tracker_db, kept) == [("delivered", None, None)]


def test_a_failed_delivery_releases_its_claims(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("a", "2025-03-20")])
    nowhere = "http://127.0.0.1:9/hook"  # the discard port: nothing listens
    failed = run("report", "--as-of", AS_OF, "--new-only", "--webhook", nowhere)
    assert failed.exit_code == 1 and "unreachable" in failed.stderr
    assert recorded(tracker_db) == (0, 0)
    assert ids(report_json(run, "--new-only"), "new") == [1]


# migration 0008


def test_going_down_from_0008_drops_pending_deliveries(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("a", "2025-03-20"), ("b", "2025-03-21")])
    assert ids(report_json(run, "--new-only"), "new") == [1, 2]
    seed(tracker_db, [("c", "2025-03-22")])
    pending(tracker_db, [3], this_process(), NOW + LEASE)
    migrate(to_url(tracker_db), "downgrade", "0007")
    assert recorded(tracker_db) == (1, 2)
    migrate(to_url(tracker_db), "upgrade", "head")
    assert sql(tracker_db, "SELECT state, owner FROM report_deliveries") == [("delivered", None)]
    result = run("report", "--as-of", AS_OF, "--new-only", "--format", "json")
    assert [item["id"] for item in json.loads(result.stdout)["new"]] == [3]
