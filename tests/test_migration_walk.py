"""Walk the whole revision chain down and up with data in it, on the test's engine."""

from __future__ import annotations

from datetime import date

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, exc, inspect, text

from tracker.config import to_url
from tracker.store.engine import SCHEMA_HEAD, alembic_config
from tracker.store.models import Base

SEED = [
    "INSERT INTO speakers (id, name, key, created_at) "
    "VALUES (1, 'Steve Witkoff', 'steve witkoff', '2025-03-16 12:00:00+00')",
    "INSERT INTO sources (id, url) VALUES (1, 'https://example.org/a')",
    "INSERT INTO tags (id, name) VALUES (1, 'ukraine')",
    "INSERT INTO claims (id, uid, text, speaker_id, said_on, deadline_phrase, deadline_rule, "
    "deadline_start, deadline_end, due_on, status, source_id, created_at, updated_at) VALUES "
    "(1, 'u1', 'a call', 1, '2025-03-16', 'this week', 'rule', '2025-03-17', '2025-03-23', "
    "'2025-03-23', 'open', 1, '2025-03-16 12:00:00+00', '2025-03-16 12:00:00+00')",
    "INSERT INTO claim_tags (claim_id, tag_id) VALUES (1, 1)",
    "INSERT INTO checks (id, claim_id, kind, outcome, happened_on, recorded_at) "
    "VALUES (1, 1, 'verify', 'kept', '2025-03-18', '2025-03-18 09:00:00+00')",
]


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def migrate(url: str, step: str, target: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        getattr(command, step)(alembic_config(conn), target)
    engine.dispose()


def snapshot(url: str) -> tuple:
    engine = create_engine(url)
    with engine.connect() as conn:
        claim = conn.execute(text("SELECT uid, text, said_on, deadline_end FROM claims")).all()
        checks = conn.execute(text("SELECT kind, outcome FROM checks")).all()
        tags = conn.execute(text("SELECT claim_id, tag_id FROM claim_tags")).all()
    engine.dispose()
    return claim, checks, tags


def test_every_revision_keeps_data_up_and_down(tracker_db: str) -> None:
    url = to_url(tracker_db)
    chain = revisions()
    assert chain[0] == "0001" and chain[-1] == SCHEMA_HEAD
    migrate(url, "upgrade", chain[0])
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in SEED:
            conn.execute(text(statement))
    engine.dispose()
    expected = snapshot(url)
    assert expected[0][0][3] in (date(2025, 3, 23), "2025-03-23")
    for revision in chain[1:]:
        migrate(url, "upgrade", revision)
        assert snapshot(url) == expected, f"data changed upgrading to {revision}"
    for revision in reversed(chain[:-1]):
        migrate(url, "downgrade", revision)
        assert snapshot(url) == expected, f"data changed downgrading to {revision}"
    migrate(url, "downgrade", "base")
    engine = create_engine(url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    migrate(url, "upgrade", "head")
    engine = create_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def _status_refused(url: str, status: str) -> bool:
    """Whether the claims table refuses a claim with this status (nothing is kept)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            trans = conn.begin()
            try:
                conn.execute(text(SEED[-3].replace("'open'", f"'{status}'").replace("(1,", "(9,")
                                  .replace("'u1'", "'u9'")))  # fmt: skip
            except exc.IntegrityError:
                return True
            finally:
                trans.rollback()
        return False
    finally:
        engine.dispose()


def test_the_status_check_holds_before_and_after_it_is_rewritten(tracker_db: str) -> None:
    """0005 rewrites claims' status check (in place, on SQLite): the same statuses
    pass and fail on either side of it, in new connections, and the file stays sound."""
    url = to_url(tracker_db)
    migrate(url, "upgrade", "0004")
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in SEED[:3]:
            conn.execute(text(statement))
    engine.dispose()
    for revision in ("0004", "0005", "0004", "0005"):
        migrate(url, "upgrade" if revision == "0005" else "downgrade", revision)
        for status in ("bogus", "Open", "", "open "):
            assert _status_refused(url, status), (revision, status)
        for status in ("open", "kept_late", "unverifiable"):
            assert not _status_refused(url, status), (revision, status)
        if url.startswith("sqlite"):
            engine = create_engine(url)
            with engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                table = conn.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE name = 'claims'"
                ).scalar_one()
            engine.dispose()
            assert ("status IN (" in table) == (revision == "0004")


OTHER_SOURCES = [
    "INSERT INTO sources (id, url) VALUES (2, 'https://example.org/b')",
    "INSERT INTO sources (id, url) VALUES (3, 'https://example.org/c')",
    "INSERT INTO claim_sources (claim_id, source_id, said_on, note, added_at, added_by) VALUES "
    "(1, 2, '2025-03-16', 'the same words', '2025-03-17 08:00:00+00', 'ann')",
    "INSERT INTO claim_sources (claim_id, source_id, added_at) "
    "VALUES (1, 3, '2025-03-18 08:00:00+00')",
]


def _rows(url: str, statement: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(statement))]
    finally:
        engine.dispose()


def _refused(url: str, statement: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            trans = conn.begin()
            try:
                conn.execute(text(statement))
            except exc.IntegrityError:
                return True
            finally:
                trans.rollback()
        return False
    finally:
        engine.dispose()


def test_other_sources_come_with_0009_and_go_with_it(tracker_db: str) -> None:
    """0009 adds claim_sources beside the first source (claims.source_id, untouched);
    a source is named once per claim; going down drops the others, and only them."""
    url = to_url(tracker_db)
    migrate(url, "upgrade", "0008")
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in SEED:
            conn.execute(text(statement))
    engine.dispose()
    expected = snapshot(url)
    migrate(url, "upgrade", "0009")
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in OTHER_SOURCES:
            conn.execute(text(statement))
    engine.dispose()
    found = "SELECT claim_id, source_id, note, added_by FROM claim_sources ORDER BY id"
    assert _rows(url, found) == [(1, 2, "the same words", "ann"), (1, 3, None, None)]
    insert = (
        "INSERT INTO claim_sources (claim_id, source_id, added_at) VALUES (1, {}, '2025-03-19')"
    )
    assert _refused(url, insert.format(2))  # a source once per claim
    # A source that is not there: refused where foreign keys are checked (not by this
    # plain SQLite engine, which leaves them off).
    assert _refused(url, insert.format(99)) == url.startswith("postgresql")
    migrate(url, "downgrade", "0008")
    assert snapshot(url) == expected
    assert _rows(url, "SELECT source_id FROM claims") == [(1,)]
    engine = create_engine(url)
    assert "claim_sources" not in inspect(engine).get_table_names()
    engine.dispose()
    migrate(url, "upgrade", "0009")
    assert _rows(url, found) == []
