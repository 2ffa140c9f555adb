"""The journal: `log` lists the newest changes, `undo` reverts the newest one."""

from __future__ import annotations

from typing import Any

import click

from tracker.cli.app import AppContext, cli, confirm, echo, format_option, pass_app
from tracker.errors import InputError
from tracker.output.formats import Column, table, to_json
from tracker.output.views import change_text

LOG_COLUMNS = (
    Column("id", "ID", 5, ">"),
    Column("when", "WHEN (UTC)", 16),
    Column("author", "WHO", 12),
    Column("action", "ACTION", 7),
    Column("claim", "CLAIM", 6, ">"),
    Column("what", "WHAT"),
)


def _row(entry: dict[str, Any]) -> dict[str, Any]:
    what = change_text(entry, 24)
    if entry["note"]:
        what = f"{what} ({entry['note']})" if what else f"({entry['note']})"
    if entry["undone_by"]:
        what = f"[undone by #{entry['undone_by']}] {what}"
    return {
        "id": entry["id"],
        "when": entry["recorded_at"][:16].replace("T", " "),
        "author": entry["author"],
        "action": entry["action"],
        "claim": f"#{entry['claim_id']}" if entry["claim_id"] else "",
        "what": what,
    }


@cli.command()
@click.option(
    "--limit",
    type=click.IntRange(1, 1_000_000),
    default=20,
    show_default=True,
    help="How many entries.",
)
@click.option("--speaker", help="Only changes to this speaker's claims.")
@format_option("table", "json")
@pass_app
def log(app: AppContext, limit: int, speaker: str | None, fmt: str) -> None:
    """The newest changes across the database, newest first: who, when, what."""
    from tracker.domain.journal import log_entries

    entries = [] if app.database_missing() else app.db.run(lambda s: log_entries(s, limit, speaker))
    if fmt == "json":
        echo(to_json(entries))
    elif not entries:
        click.echo("no changes recorded", err=True)
    else:
        from tracker.cli.app import table_width

        echo(table([_row(e) for e in entries], LOG_COLUMNS, table_width()))


@cli.command()
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.option("--note", help="Why the change is undone (kept in the journal).")
@pass_app
def undo(app: AppContext, yes: bool, note: str | None) -> None:
    """Revert the newest change (add, edit, verify, snooze, slip, reopen, rm)."""
    from tracker.domain import journal

    if app.database_missing():
        raise InputError("nothing to undo")
    expected = None
    if not yes:
        target = app.db.run(_newest)
        expected = target["id"]
        line = f"#{target['id']} {target['action']} by {target['author']}"
        what = change_text(target, 40)
        if not confirm(f"Undo {line}{': ' + what if what else ''}?"):
            raise click.Abort
    done = app.db.run(lambda s: journal.undo(s, app.stamp(note), expected), write=True)
    click.echo(f"undid #{done.undoes} ({journal_action(done)}); recorded as #{done.id}", err=True)


def _newest(session: Any) -> dict[str, Any]:
    from tracker.domain import journal

    target = journal.newest_undoable(session)
    if target is None:
        raise InputError("nothing to undo")
    journal.check_revertible(target)
    return journal.entry_record(target)


def journal_action(entry: Any) -> str:
    import json

    detail = json.loads(entry.detail or "{}")
    claim = f" of #{entry.claim_id}" if entry.claim_id else ""
    return f"{detail.get('action', '?')}{claim}"
