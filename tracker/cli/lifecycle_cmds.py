"""Commands that move a claim through its life: snooze, reopen, slip."""

from __future__ import annotations

from datetime import date, timedelta

import click

from tracker.cli.app import CLAIM_ID, DATE, AppContext, cli, echo, pass_app
from tracker.errors import InputError


@cli.command()
@click.argument("claim_id", metavar="ID", type=CLAIM_ID)
@click.option("--until", type=DATE, help="Look again after this day.")
@click.option("--for", "days", type=click.IntRange(1, 36_500), help="Look again in N days.")
@click.option("--note", help="Why it cannot be judged yet.")
@click.option("--as-of", type=DATE, help="Take this day as today (e.g. 2025-03-24, yesterday).")
@pass_app
def snooze(
    app: AppContext,
    claim_id: int,
    until: date | None,
    days: int | None,
    note: str | None,
    as_of: date | None,
) -> None:
    """Not judgeable yet: keep a claim out of `due` until a later day."""
    from tracker.domain import lifecycle

    today = app.as_of(as_of)
    if (until is None) == (days is None):
        raise InputError("give exactly one of --until DATE or --for N")
    target = until or today + timedelta(days=days or 0)
    app.change(
        "snooze", claim_id, lambda s: lifecycle.snooze_claim(s, claim_id, target, today, note), note
    )
    echo(f"#{claim_id} snoozed until {target.isoformat()}")


@cli.command()
@click.argument("claim_id", metavar="ID", type=CLAIM_ID)
@click.option("--note", help="What new facts overturned the judgement.")
@click.option("--evidence", metavar="URL", help="Where the new facts are.")
@click.option("--as-of", type=DATE, help="Take this day as today (e.g. 2025-03-24, yesterday).")
@pass_app
def reopen(
    app: AppContext, claim_id: int, note: str | None, evidence: str | None, as_of: date | None
) -> None:
    """Overturn a judgement: the claim is open again, its history kept."""
    from tracker.domain import lifecycle

    day = app.as_of(as_of)
    app.change(
        "reopen", claim_id, lambda s: lifecycle.reopen_claim(s, claim_id, day, note, evidence), note
    )
    echo(f"#{claim_id} reopened")


@cli.command()
@click.argument("claim_id", metavar="ID", type=CLAIM_ID)
@click.option("--by", "phrase", required=True, metavar="PHRASE", help="The new deadline, as said.")
@click.option("--said-on", type=DATE, help="The day it was restated (default today).")
@click.option("--quote", help="The words of the restatement.")
@click.option("--source", metavar="URL", help="Where the restatement was read.")
@click.option("--note", help="A note for the record.")
@click.option("--event", help="Count the new deadline from this event.")
@click.option("--no-event", is_flag=True, help="The new deadline is a date: leave the event.")
@pass_app
def slip(
    app: AppContext,
    claim_id: int,
    phrase: str,
    said_on: date | None,
    quote: str | None,
    source: str | None,
    note: str | None,
    event: str | None,
    no_event: bool,
) -> None:
    """The speaker moved the goalposts: record a new deadline, keep the old one."""
    from tracker.domain import lifecycle

    change = lifecycle.Slip(phrase, app.as_of(said_on), quote, source, note, event, no_event)

    claim = app.change("slip", claim_id, lambda s: lifecycle.slip_claim(s, claim_id, change), note)
    echo(
        f"#{claim.id} now due {claim.deadline_start}..{claim.deadline_end} "
        f'("{claim.deadline_phrase}", said {change.said_on}); '
        f"slip {len([c for c in claim.deadline_changes if c.reason is None])}"
    )
