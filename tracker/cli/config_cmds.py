"""`tracker config show`: the settings this run would use, with every secret masked."""

from __future__ import annotations

import os
import socket
from typing import Any

import click

from tracker.cli.app import AppContext, cli, echo, format_option, pass_app


@cli.group()
def config() -> None:
    """The settings tracker runs with."""


def _origin(name: str, flag: str | None = None, given: bool = False) -> str:
    if given and flag:
        return flag
    return f"${name}" if os.environ.get(name) else "default"


def _webhook(url: str | None) -> str | None:
    """A webhook's scheme and host: its path is often its secret."""
    from tracker.output.delivery import webhook_label

    if not url:
        return None
    try:
        return webhook_label(url)
    except ValueError:
        return "(not a valid URL)"


def _database(app: AppContext) -> str:
    """The database file, or its URL masked (a password that would be misread is refused
    here as everywhere, unseen)."""
    from tracker.config import mask_setting

    path = app.settings.sqlite_file
    return str(path) if path is not None else mask_setting(app.settings.db_url)


def settings_rows(app: AppContext, db_given: bool) -> list[dict[str, Any]]:
    """Each setting: its value as shown (secrets masked), and where it came from."""
    from tracker.config import mask_setting

    env = os.environ
    smtp = env.get("TRACKER_SMTP_URL")
    mail_from = env.get("TRACKER_MAIL_FROM") or f"tracker@{socket.gethostname() or 'localhost'}"
    zone = env.get("TRACKER_TZ") or "the system's"
    rows = [
        ("database", _database(app), _origin("TRACKER_DB", "--db", db_given)),
        ("time zone", zone, _origin("TRACKER_TZ")),
        ("user", app.settings.user, _origin("TRACKER_USER")),
        ("mail server", mask_setting(smtp) if smtp else None, _origin("TRACKER_SMTP_URL")),
        ("mail from", mail_from, _origin("TRACKER_MAIL_FROM")),
        ("webhook", _webhook(env.get("TRACKER_WEBHOOK_URL")), _origin("TRACKER_WEBHOOK_URL")),
    ]
    return [{"setting": name, "value": value, "from": origin} for name, value, origin in rows]


@config.command("show")
@format_option("table", "json", default="table")
@pass_app
@click.pass_context
def show(ctx: click.Context, app: AppContext, fmt: str) -> None:
    """Show the settings this run uses and where each comes from; passwords, tokens and
    webhook paths are masked. Reads nothing from the database.

    Example: tracker config show --format json
    """
    from tracker.output.formats import to_json

    db_given = ctx.find_root().params.get("db_location") is not None
    rows = settings_rows(app, db_given)
    if fmt == "json":
        echo(to_json(rows))
        return
    width = max(len(row["setting"]) for row in rows)
    for row in rows:
        value = row["value"] if row["value"] is not None else "(not set)"
        echo(f"{row['setting']:<{width}}  {value}  [{row['from']}]")
