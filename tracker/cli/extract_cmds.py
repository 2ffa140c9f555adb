"""`tracker extract`: candidate claims from an article, reviewed and added."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

import click

from tracker.cli.app import DATE, AppContext, cli, echo, pass_app, table_width
from tracker.errors import InputError, TrackerError
from tracker.output.formats import Column, table, to_json


def _read(source: Any) -> str:
    try:
        data = source.read()
    except UnicodeDecodeError as exc:
        raise InputError(f"the article is not UTF-8 text ({exc.reason})") from exc
    if not data.strip():
        raise InputError("the article is empty")
    return data


def _rows(reviewed: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for number, item in enumerate(reviewed, start=1):
        c = item.candidate
        note = f"#{item.duplicate_of}" if item.duplicate_of else f"{c.confidence:.2f}"
        rows.append(
            {
                "n": number,
                "speaker": c.speaker,
                "claim": c.claim,
                "phrase": c.deadline_phrase,
                "end": c.end or "needs date",
                "note": note,
            }
        )
    return rows


COLUMNS = [
    Column("n", "#", 2, ">"),
    Column("speaker", "SPEAKER", 14),
    Column("claim", "CLAIM"),
    Column("phrase", "DEADLINE", 16),
    Column("end", "ENDS", 10),
    Column("note", "CONF", 4, ">"),
]


@cli.command()
@click.argument("article", type=click.File("r", encoding="utf-8"), metavar="FILE|-")
@click.option("--published", type=DATE, required=True, help="The article's publication day.")
@click.option("--source", metavar="URL", help="The article's URL, stored with each claim.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json")),
    default="table",
    show_default=True,
    help="How to print the candidates.",
)
@click.option("--yes", "-y", is_flag=True, help="Add every new candidate without asking.")
@click.option(
    "--review/--no-review",
    default=None,
    help="Ask about each candidate (default: when run on a terminal).",
)
@pass_app
def extract(
    app: AppContext,
    article: Any,
    published: date,
    source: str | None,
    fmt: str,
    yes: bool,
    review: bool | None,
) -> None:
    """Propose the forward-looking claims in an article (plain text or HTML)."""
    from tracker.domain import intake
    from tracker.extract import extract as find_claims
    from tracker.validate import clean_url

    source = clean_url(source, "source URL")
    candidates = find_claims(_read(article), published)
    reviewed = app.db.run(lambda s: intake.review(s, candidates, source))
    if fmt == "json":
        echo(to_json([item.to_dict() for item in reviewed]))
        return
    if yes:
        _add_all(app, reviewed, source)
        return
    interactive = review if review is not None else sys.stdin.isatty() and sys.stdout.isatty()
    if not interactive:
        _print_table(reviewed)
        click.echo("review them on a terminal, or add them all with --yes", err=True)
        return
    _review_each(app, reviewed, source)


def _print_table(reviewed: list[Any]) -> None:
    if not reviewed:
        click.echo("no forward-looking claims found", err=True)
        return
    echo(table(_rows(reviewed), COLUMNS, table_width()))


def _add_one(app: AppContext, candidate: Any, source: str | None) -> str:
    """Add one candidate, journaled; a new speaker close to a stored one is asked
    about on a terminal, else warned of (tracker.cli.claims_cmds.speaker_meant)."""
    import dataclasses

    from tracker.cli.claims_cmds import speaker_meant
    from tracker.domain import intake
    from tracker.domain.listings import record_of
    from tracker.output.views import describe_added

    today = app.today()
    meant = dataclasses.replace(candidate, speaker=speaker_meant(app, candidate.speaker, False))
    claim = app.change("add", None, lambda s: intake.store(s, meant, source), None)
    return app.db.run(lambda s: describe_added(record_of(s, claim.id, today)))


def _add_all(app: AppContext, reviewed: list[Any], source: str | None) -> None:
    added = skipped = 0
    for item in reviewed:
        c = item.candidate
        if item.duplicate_of or c.needs_window:
            why = (
                f"already stored as #{item.duplicate_of}"
                if item.duplicate_of
                else (f"{c.deadline_phrase!r} needs a date: add it with 'tracker add --by'")
            )
            click.echo(f"skipped {c.speaker}: {c.claim} ({why})", err=True)
            skipped += 1
            continue
        try:
            echo(_add_one(app, c, source))
        except TrackerError as exc:
            click.echo(f"skipped {c.speaker}: {c.claim} ({exc.message})", err=True)
            skipped += 1
            continue
        added += 1
    click.echo(f"added {added} claims, skipped {skipped}", err=True)


def _show(number: int, total: int, item: Any) -> None:
    c = item.candidate
    window = f"{c.start}..{c.end}" if c.end else "needs a date (edit the deadline)"
    click.echo(
        f"\n[{number}/{total}] {c.speaker}, said {c.said_on} (confidence {c.confidence:.2f})"
    )
    click.echo(f"  claim:    {c.claim}")
    click.echo(f'  deadline: "{c.deadline_phrase}" -> {window}')
    click.echo(f"  quote:    {c.quote}")
    if item.duplicate_of:
        click.echo(f"  already stored as #{item.duplicate_of}")


def _edit(candidate: Any) -> Any:
    from tracker.domain import intake
    from tracker.validate import parse_date

    speaker = click.prompt("speaker", default=candidate.speaker)
    claim = click.prompt("claim", default=candidate.claim)
    phrase = click.prompt("deadline", default=candidate.deadline_phrase)
    said_on = parse_date(click.prompt("said on", default=candidate.said_on.isoformat()), "said on")
    return intake.rewindow(
        candidate, speaker=speaker, claim=claim, deadline_phrase=phrase, said_on=said_on
    )


def _review_each(app: AppContext, reviewed: list[Any], source: str | None) -> None:
    from tracker.domain.intake import Reviewed

    added = 0
    for number, item in enumerate(reviewed, start=1):
        while True:
            _show(number, len(reviewed), item)
            choice = click.prompt(
                "[a]ccept, [e]dit, [s]kip, [q]uit",
                default="s",
                type=click.Choice(["a", "e", "s", "q"]),
                show_choices=False,
            )
            if choice == "q":
                click.echo(f"added {added} claims", err=True)
                return
            if choice == "s":
                break
            try:
                if choice == "e":
                    item = Reviewed(_edit(item.candidate), item.duplicate_of)
                    continue
                echo(_add_one(app, item.candidate, source))
                added += 1
                break
            except TrackerError as exc:
                click.echo(f"  {exc.message}", err=True)
    click.echo(f"added {added} claims", err=True)
