"""`tracker db`: where the database is, its schema revision, upgrades."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.app import AppContext, cli, pass_app
from tracker.config import mask_url
from tracker.errors import InputError


@cli.group()
def db() -> None:
    """The database: path, schema revision, upgrade."""


@db.command()
@pass_app
def path(app: AppContext) -> None:
    """Print which database is in use (a file path, or the URL with no password)."""
    from tracker.store.engine import is_sqlite, sqlite_path

    url = app.settings.db_url
    file = sqlite_path(url) if is_sqlite(url) else None
    click.echo(str(file) if file else mask_url(url))


@db.command()
@pass_app
def current(app: AppContext) -> None:
    """Print the database's schema revision and the newest this tracker knows."""
    from sqlalchemy import exc as sa_exc

    from tracker.config import describe_failure
    from tracker.store.engine import SCHEMA_HEAD, Database, read_revision

    url = app.settings.db_url
    revision = None
    if not app.database_missing():  # a file not made yet is not made by looking
        database = Database.open(url, migrate=False)
        try:
            with database.engine.connect() as conn:
                revision = read_revision(conn)
        except sa_exc.DBAPIError as exc:  # not a database, damaged, a folder
            raise InputError(describe_failure(url, exc)) from exc
    if revision == SCHEMA_HEAD:
        click.echo(f"{revision} (head)")
    else:
        click.echo(f"{revision or 'empty'} (head is {SCHEMA_HEAD}; run 'tracker db upgrade')")


@db.command()
@pass_app
def upgrade(app: AppContext) -> None:
    """Bring the database schema up to date (also done on first use)."""
    from tracker.store.engine import SCHEMA_HEAD

    app.db  # noqa: B018 - opening the database runs the migrations
    click.echo(f"database at revision {SCHEMA_HEAD} (head)")


@db.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
@pass_app
def backup(app: AppContext, target: Path, force: bool) -> None:
    """Copy the database to TARGET while others keep using it (SQLite; see pg_dump).

    An existing TARGET is replaced only with --force.
    """
    from tracker.store.backup import backup_database

    if app.database_missing():
        raise InputError(f"no database at {app.settings.sqlite_file}; nothing to back up")
    if not force and not target.is_dir() and (target.exists() or target.is_symlink()):
        raise InputError(f"{target} exists; add --force to replace it")
    pages = backup_database(app.db, target)
    click.echo(f"backed up {pages} pages to {target}", err=True)
