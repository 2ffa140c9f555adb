"""`tracker event`: the named days deadlines can count from."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from tracker.cli.app import DATE, AppContext, cli, echo, format_option, pass_app
from tracker.output.formats import Column, table, to_json

EVENT_COLUMNS = (
    Column("name", "EVENT", 28),
    Column("on", "ON", 10),
    Column("term", "TERM", 6),
    Column("claims", "CLAIMS", 6, ">"),
    Column("waiting", "WAITING", 7, ">"),
    Column("note", "NOTE"),
)


def _term(value: str | None) -> int | None:
    from tracker.deadlines.events import term_months

    return term_months(value) if value is not None else None


@cli.group()
def event() -> None:
    """Named days deadlines count from ("on day one", "before the summit")."""


@event.command("add")
@click.argument("name")
@click.option("--on", "on", type=DATE, help="Its day, if known.")
@click.option("--term", metavar="LENGTH", help="The term it opens, for 'his first term' (4y).")
@click.option("--alias", "aliases", multiple=True, help="Another name for it (repeatable).")
@click.option("--note", help="What it is.")
@pass_app
def add_event(
    app: AppContext,
    name: str,
    on: date | None,
    term: str | None,
    aliases: tuple[str, ...],
    note: str | None,
) -> None:
    """Add an event, dated or not yet."""
    from tracker.domain import events

    months = _term(term)
    made = app.db.run(lambda s: events.add_event(s, name, on, months, note, aliases), write=True)
    echo(f"event {made.name}: {made.on.isoformat() if made.on else 'not dated yet'}")


@event.command("set")
@click.argument("name")
@click.argument("on", metavar="DATE", type=DATE)
@click.option("--term", metavar="LENGTH", help="The term it opens (4y).")
@click.option("--note", help="Why it is dated or moved (kept in each claim's history).")
@pass_app
def set_event(app: AppContext, name: str, on: date, term: str | None, note: str | None) -> None:
    """Date an event, or move it: the claims on it get their windows from the new day."""
    from tracker.domain.journal import event_set_journaled

    months = _term(term)
    found, moved = app.db.run(
        lambda s: event_set_journaled(s, app.stamp(note), name, on, months), write=True
    )
    ids = ": " + ", ".join(f"#{i}" for i in moved) if moved else ""
    claims = "claim" if len(moved) == 1 else "claims"
    echo(f"event {found.name}: {on.isoformat()}; {len(moved)} {claims} re-read{ids}")


@event.command("list")
@format_option("table", "json")
@pass_app
def list_events(app: AppContext, fmt: str) -> None:
    """Every event with how many claims count from it, and how many wait for its day."""
    from tracker.domain.events import list_events as listed

    records: list[dict[str, Any]] = [] if app.database_missing() else app.db.run(listed)
    if fmt == "json":
        echo(to_json(records))
    elif not records:
        click.echo("no events", err=True)
    else:
        from tracker.cli.app import table_width

        rows = [{**r, "on": r["on"] or "-", "term": _term_text(r["term_months"])} for r in records]
        echo(table(rows, EVENT_COLUMNS, table_width()))


def _term_text(months: int | None) -> str:
    if months is None:
        return ""
    return f"{months // 12}y" if months % 12 == 0 else f"{months}m"


@event.command("rm")
@click.argument("name")
@pass_app
def remove_event(app: AppContext, name: str) -> None:
    """Delete an event no claim counts from."""
    from tracker.domain.events import remove_event as removed

    gone = app.db.run(lambda s: removed(s, name), write=True)
    click.echo(f"deleted event {gone.name}", err=True)
