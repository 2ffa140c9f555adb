"""The migrations folder is the only source of the schema, and it agrees with the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from tracker.db import SCHEMA_HEAD, Database, alembic_config
from tracker.models import Base


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
    Database.open(f"sqlite:///{tmp_path / 'm.db'}")
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_migrations_ship_inside_the_package() -> None:
    import tracker
    from tracker.db import migrations_dir

    assert (migrations_dir() / "env.py").is_file()
    assert (migrations_dir() / "versions").is_dir()
    assert Path(tracker.__file__).parent.name == "tracker"
