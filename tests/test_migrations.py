"""The migrations folder is the only source of the schema, and it agrees with the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from tracker.store.engine import SCHEMA_HEAD, Database, alembic_config, make_engine, upgrade
from tracker.store.models import Base


def test_one_head_and_it_is_schema_head() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [SCHEMA_HEAD]
    for revision in script.walk_revisions():
        assert not revision.is_branch_point, f"revision {revision.revision} forks"


def test_blank_database_upgrades_to_head(tmp_path: Path) -> None:
    database = Database.open(f"sqlite:///{tmp_path / 'blank.db'}")
    tables = set(inspect(database.engine).get_table_names())
    assert {"claims", "speakers", "sources", "tags", "claim_tags", "checks"} <= tables
    with database.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == SCHEMA_HEAD


def test_models_match_migrations(tmp_path: Path) -> None:
    upgrade(make_engine(f"sqlite:///{tmp_path / 'm.db'}"))
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_a_new_sqlite_file_is_exactly_what_the_migrations_make(tmp_path: Path) -> None:
    """The one-step schema (tracker/store/schema.sql) against the migration chain.

    If this fails after a new migration, regenerate it:
    python -m tracker.store.schema_snapshot > tracker/store/schema.sql
    """
    from tracker.store.schema import SNAPSHOT, statements
    from tracker.store.schema_snapshot import schema_of, snapshot

    migrated = make_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    upgrade(migrated)
    Database.open(f"sqlite:///{tmp_path / 'new.db'}")  # a new file: made in one step
    made = create_engine(f"sqlite:///{tmp_path / 'new.db'}")
    with migrated.connect() as a, made.connect() as b:
        assert schema_of(b) == schema_of(a)
        assert MigrationContext.configure(b).get_current_revision() == SCHEMA_HEAD
        assert b.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert statements()[0] == SCHEMA_HEAD
    assert snapshot() == SNAPSHOT.read_text(encoding="utf-8")


def test_an_unstamped_version_table_is_migrated_not_made_anew(tmp_path: Path) -> None:
    """What `alembic downgrade base` leaves: an empty alembic_version and nothing else."""
    import sqlite3

    path = tmp_path / "base.db"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
        )
    database = Database.open(f"sqlite:///{path}")
    with database.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == SCHEMA_HEAD
        assert "claims" in inspect(conn).get_table_names()


def test_migrations_ship_inside_the_package() -> None:
    import tracker
    from tracker.store.engine import migrations_dir

    assert (migrations_dir() / "env.py").is_file()
    assert (migrations_dir() / "versions").is_dir()
    assert Path(tracker.__file__).parent.name == "tracker"
