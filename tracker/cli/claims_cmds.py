"""Commands on claims: add, parse, due, list, show, verify, edit, rm."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.app import (
    CLAIM_ID,
    DATE,
    AppContext,
    as_of_option,
    cli,
    confirm,
    echo,
    format_option,
    pass_app,
)
from tracker.errors import InputError
from tracker.output.formats import Column, arranged, listing_json, render, to_json
from tracker.output.views import claim_columns, describe_added, show_text, state, style_overdue
from tracker.records import CLAIM_KEYS
from tracker.vocab import OUTCOMES, STATUSES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# SQLAlchemy (through tracker.domain) loads inside the commands
# that need it, so `tracker --help` and `tracker due` on SQLite start without it.

LISTING_FORMATS = ("table", "json", "csv", "markdown")
HUMAN_FORMATS = ("table", "markdown")


@dataclass(frozen=True)
class Shown:
    """How a listing is shown: `--sort`, `--limit` and whether it may go through the pager."""

    sort: str | None = None
    limit: int | None = None
    pager: bool = True


def listing_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--sort FIELD`, `--limit N` and `--no-pager`, given to the command as `shown`."""

    @functools.wraps(func)
    def command(
        *args: Any, sort: str | None, limit: int | None, no_pager: bool, **kwargs: Any
    ) -> Any:
        return func(*args, shown=Shown(sort, limit, pager=not no_pager), **kwargs)

    options = [
        click.option(
            "--no-pager",
            is_flag=True,
            help="Print straight out, even on a terminal when longer than the screen.",
        ),
        click.option(
            "--sort",
            metavar="FIELD",
            help="Sort by this field (a key of --format json); -FIELD sorts descending.",
        ),
        click.option(
            "--limit", type=click.IntRange(min=1), metavar="N", help="Show only the first N."
        ),
    ]
    for option in options:
        command = option(command)
    return command


def shown_records(
    session: Session, records: list[dict[str, Any]], fmt: str, as_of: date
) -> list[dict[str, Any]]:
    """Records for a listing; the human formats also show how often each deadline moved."""
    if fmt in HUMAN_FORMATS:
        from tracker.domain.claims import slip_counts

        slips = slip_counts(session, [r["id"] for r in records])
        for record in records:
            record["slips"] = slips.get(record["id"])
    return _with_state(records, fmt, as_of)


def _with_state(records: list[dict[str, Any]], fmt: str, as_of: date) -> list[dict[str, Any]]:
    if fmt in HUMAN_FORMATS:
        for record in records:
            record["slips"] = record["slips"] or None
            record["state"] = state(record, as_of)
    return records


def claims_text(records: Sequence[Mapping[str, Any]], fmt: str) -> str:
    """A claim listing in `fmt`; an empty table is no text."""
    from tracker.cli.app import table_width

    if fmt == "json":
        return listing_json(records)
    if fmt == "table" and not records:
        return ""
    columns: Sequence[Column] = claim_columns()
    return render(records, fmt, columns, CLAIM_KEYS, table_width(), style_overdue)


def _echo_claims(records: Sequence[Mapping[str, Any]], fmt: str, empty: str, shown: Shown) -> None:
    listed = arranged(records, CLAIM_KEYS, shown.sort, shown.limit)
    if fmt == "table" and not listed:
        click.echo(empty, err=True)
        return
    echo(claims_text(listed, fmt), page=shown.pager)
    if fmt == "table" and len(listed) < len(records):
        click.echo(f"tracker: {len(listed)} of {len(records)} claims shown (--limit)", err=True)


@cli.command()
@click.argument("text")
@click.option("--speaker", required=True, help="Who said it.")
@click.option("--by", "phrase", required=True, metavar="PHRASE", help="The deadline, as said.")
@click.option("--said-on", type=DATE, help="The day the words were said (default today).")
@click.option("--source", metavar="URL", help="Where the claim was read.")
@click.option("--quote", help="The exact words.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--confidence", type=float, help="Your probability that it comes true, 0..1.")
@click.option("--criteria", help="What would count as the claim coming true.")
@click.option("--event", help="Count the deadline from this event ('on day one').")
@click.option("--note", help="A note for the journal.")
@click.option(
    "--new-speaker", is_flag=True, help="The speaker is new, though a stored name is close."
)
@click.option("--duplicate-ok", is_flag=True, help="Save it even if the same claim is stored.")
@format_option("text", "json", default="text")
@pass_app
def add(
    app: AppContext, text: str, speaker: str, said_on: date | None, fmt: str, **fields: Any
) -> None:
    """Save a claim with the deadline its own words imply."""
    from tracker.domain import claims as claim_ops
    from tracker.domain.listings import record_of

    new = claim_ops.NewClaim(
        text=text,
        speaker=speaker_meant(app, speaker, fields["new_speaker"]),
        phrase=fields["phrase"],
        said_on=app.as_of(said_on),
        source_url=fields["source"],
        quote=fields["quote"],
        tags=fields["tags"],
        confidence=fields["confidence"],
        criteria=fields["criteria"],
        duplicate_ok=fields["duplicate_ok"],
        event=fields["event"],
    )
    today = app.today()
    claim_id = app.change("add", None, lambda s: claim_ops.add_claim(s, new), fields["note"]).id

    def added(session: Session) -> tuple[dict[str, Any], list[int]]:
        near = claim_ops.near_duplicates(session, claim_ops.get_claim(session, claim_id))
        return record_of(session, claim_id, today), near

    record, near = app.db.run(added)
    for other in near:
        click.echo(
            f"tracker: warning: #{claim_id} reads much like #{other} (same speaker and day)",
            err=True,
        )
    echo(to_json(record) if fmt == "json" else describe_added(record))


def speaker_meant(app: AppContext, name: str, new_speaker: bool) -> str:
    """The speaker's name as typed, or a stored speaker it is close to: asked on a
    terminal, warned of otherwise (unless --new-speaker)."""
    from tracker.domain.claims import close_speakers, find_speaker

    def look(session: Session) -> tuple[bool, list[str]]:
        if find_speaker(session, name) is not None:
            return True, []
        return False, close_speakers(session, name)

    if new_speaker or (
        app.settings.sqlite_file is not None and not app.settings.sqlite_file.exists()
    ):
        return name
    known, close = app.db.run(look)
    if known or not close:
        return name
    if len(close) == 1 and sys.stdin.isatty() and sys.stderr.isatty():
        if confirm(f"{name!r} is new; is it {close[0]!r}, who is stored?", default=True):
            return close[0]
        return name
    named = " or ".join(repr(n) for n in close)
    click.echo(
        f"tracker: warning: new speaker {name!r} is close to {named}; "
        "if they are one person, run 'tracker speakers merge' (--new-speaker silences this)",
        err=True,
    )
    return name


@cli.command()
@click.argument("phrase")
@click.option("--said-on", type=DATE, help="The day the words were said (default today).")
@click.option("--event-on", type=DATE, help="Read the phrase from an event on this day.")
@click.option("--term", metavar="LENGTH", help="The event's term, for 'his first term' (4y).")
@format_option("text", "json", default="text")
@pass_app
def parse(
    app: AppContext,
    phrase: str,
    said_on: date | None,
    event_on: date | None,
    term: str | None,
    fmt: str,
) -> None:
    """Preview the window a deadline phrase resolves to, and the rule used."""
    from tracker.validate import clean_text

    anchor = app.as_of(said_on)
    cleaned = clean_text(phrase, "deadline phrase", limit=500) or ""
    if event_on is not None:
        from tracker.deadlines.events import resolve_from_event, term_months

        months = term_months(term) if term else None
        deadline = resolve_from_event(cleaned, anchor, event_on, months)
    elif term is not None:
        raise InputError("--term goes with --event-on")
    else:
        from tracker.deadlines import resolve

        deadline = resolve(cleaned, anchor)
    if fmt == "json":
        extra = {"event_on": event_on.isoformat()} if event_on else {}
        echo(to_json({"said_on": anchor.isoformat(), **extra, **deadline.to_dict()}))
        return
    echo(f"{deadline.start.isoformat()}..{deadline.end.isoformat()}  {deadline.rule}")
    for other in deadline.alternatives:
        echo(f"  or {other.start.isoformat()}..{other.end.isoformat()}  {other.rule}")


@cli.command()
@as_of_option
@click.option(
    "--within",
    type=click.IntRange(0, 36_500),
    default=0,
    help="Also claims whose window ends in the next N days.",
)
@click.option("--speaker", help="Only this speaker's claims.")
@click.option("--tag", help="Only claims with this tag.")
@format_option(*LISTING_FORMATS)
@listing_options
@pass_app
def due(
    app: AppContext,
    as_of: date | None,
    within: int,
    speaker: str | None,
    tag: str | None,
    fmt: str,
    shown: Shown,
) -> None:
    """Open claims whose window has ended: the ones to check now."""
    day = app.as_of(as_of)
    path = app.settings.sqlite_file
    records = None
    if path is not None:
        from tracker.store.fast_read import due_listing

        records = due_listing(path, day, within, speaker, tag, fmt in HUMAN_FORMATS)
    if records is not None:
        records = _with_state(records, fmt, day)
    else:
        from tracker.domain.listings import due_records

        with app.db.session() as session:
            records = shown_records(
                session, due_records(session, day, within, speaker, tag), fmt, day
            )
    _echo_claims(records, fmt, f"nothing due as of {day.isoformat()}", shown)


@cli.command("list")
@click.option("--speaker", help="Only this speaker's claims.")
@click.option("--tag", help="Only claims with this tag.")
@click.option("--status", type=click.Choice(STATUSES), help="Only claims with this status.")
@click.option("--text", "text_filter", metavar="TEXT", help="Only claims whose text has this.")
@click.option("--said-after", type=DATE, help="Only claims said after this day.")
@click.option("--said-before", type=DATE, help="Only claims said before this day.")
@as_of_option
@format_option(*LISTING_FORMATS)
@listing_options
@pass_app
def list_(
    app: AppContext,
    speaker: str | None,
    tag: str | None,
    status: str | None,
    text_filter: str | None,
    said_after: date | None,
    said_before: date | None,
    as_of: date | None,
    fmt: str,
    shown: Shown,
) -> None:
    """All claims, filtered."""
    from tracker.domain import claims as claim_ops
    from tracker.domain.listings import list_records

    day = app.as_of(as_of)
    filters = claim_ops.ClaimFilter(speaker, tag, status, text_filter, said_after, said_before)
    with app.db.session() as session:
        records = shown_records(session, list_records(session, filters, day), fmt, day)
    _echo_claims(records, fmt, "no claims", shown)


@cli.command()
@click.argument("claim_id", metavar="ID", type=CLAIM_ID)
@as_of_option
@format_option("text", "json", default="text")
@click.option("--no-pager", is_flag=True, help="Print straight out, even when long.")
@pass_app
def show(app: AppContext, claim_id: int, as_of: date | None, fmt: str, no_pager: bool) -> None:
    """Everything about one claim, with its history.

    On a terminal, a page longer than the screen goes through the pager."""
    from tracker.domain.listings import claim_detail

    day = app.as_of(as_of)
    with app.db.session() as session:
        detail = claim_detail(session, claim_id, day)
    echo(to_json(detail) if fmt == "json" else show_text(detail), page=not no_pager)


@cli.command()
@click.argument("claim_id", metavar="ID", type=CLAIM_ID)
@click.option("--outcome", required=True, type=click.Choice(OUTCOMES), help="The judgement.")
@click.option("--on", "on", type=DATE, help="The day it happened (default today).")
@click.option("--evidence", metavar="URL", help="Where the evidence is.")
@click.option("--note", help="A note for the record.")
@pass_app
def verify(
    app: AppContext,
    claim_id: int,
    outcome: str,
    on: date | None,
    evidence: str | None,
    note: str | None,
) -> None:
    """Record how a claim turned out."""
    from tracker.domain import claims as claim_ops

    today = app.today()
    day = on or today
    claim = app.change(
        "verify",
        claim_id,
        lambda s: claim_ops.verify_claim(s, claim_id, outcome, day, evidence, note, today),
        note,
    )
    echo(f"#{claim.id} {claim.status} on {claim.outcome_on}")


@cli.command()
@click.argument("claim_id", metavar="ID", type=CLAIM_ID)
@click.option("--text", help="New claim text.")
@click.option("--speaker", help="New speaker.")
@click.option("--by", "phrase", metavar="PHRASE", help="New deadline phrase (re-resolved).")
@click.option("--said-on", type=DATE, help="New said-on day (the window is re-resolved).")
@click.option("--source", metavar="URL", help="New source URL.")
@click.option("--quote", help="New quote.")
@click.option("--criteria", help="New resolution criteria.")
@click.option("--confidence", type=float, help="New confidence, 0..1.")
@click.option("--tag", "add_tags", multiple=True, help="Add a tag (repeatable).")
@click.option("--untag", "remove_tags", multiple=True, help="Remove a tag (repeatable).")
@click.option("--event", help="Count the deadline from this event (re-reads the window).")
@click.option("--no-event", is_flag=True, help="The deadline is a date: leave the event.")
@click.option("--force", is_flag=True, help="Change a judged claim's locked fields (needs --note).")
@click.option("--note", help="Why the change was made (kept in the journal).")
@format_option("text", "json", default="text")
@pass_app
def edit(app: AppContext, claim_id: int, fmt: str, **fields: Any) -> None:
    """Change any field of a claim."""
    from tracker.domain import claims as claim_ops
    from tracker.domain.listings import record_of

    change = claim_ops.ClaimEdit(
        text=fields["text"],
        speaker=fields["speaker"],
        phrase=fields["phrase"],
        said_on=fields["said_on"],
        source_url=fields["source"],
        quote=fields["quote"],
        criteria=fields["criteria"],
        confidence=fields["confidence"],
        add_tags=fields["add_tags"],
        remove_tags=fields["remove_tags"],
        force=fields["force"],
        event=fields["event"],
        no_event=fields["no_event"],
    )
    if change.force and not (fields["note"] or "").strip():
        raise InputError("--force needs --note saying why the judged claim changes")
    today = app.today()
    app.change(
        "edit", claim_id, lambda s: claim_ops.edit_claim(s, claim_id, change), fields["note"]
    )
    record = app.db.run(lambda s: record_of(s, claim_id, today))
    echo(to_json(record) if fmt == "json" else describe_added(record))


@cli.command()
@click.argument("claim_id", metavar="ID", type=CLAIM_ID)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.option("--note", help="Why it is deleted (kept in the journal).")
@pass_app
def rm(app: AppContext, claim_id: int, yes: bool, note: str | None) -> None:
    """Delete a claim and its history (`tracker undo` brings it back)."""
    from tracker.domain import claims as claim_ops

    if not yes:
        text = app.db.run(lambda s: claim_ops.get_claim(s, claim_id).text)
        if not confirm(f"Delete claim #{claim_id} ({text[:60]})?"):
            raise click.Abort
    app.change("rm", claim_id, lambda s: claim_ops.remove_claim(s, claim_id), note)
    click.echo(f"deleted #{claim_id}", err=True)
