"""`tracker extract`: candidate claims from an article, reviewed and added."""

from __future__ import annotations

import sys
from dataclasses import dataclass
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
@click.argument("article", metavar="FILE|URL|-")
@click.option(
    "--published",
    type=DATE,
    help="The article's publication day (default: the day the page states, if it does).",
)
@click.option(
    "--source",
    metavar="URL",
    help="The article's URL, stored with each claim (default: the URL fetched).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=20.0,
    show_default=True,
    metavar="SECONDS",
    help="How long fetching a URL may take.",
)
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
    article: str,
    published: date | None,
    source: str | None,
    timeout: float,
    fmt: str,
    yes: bool,
    review: bool | None,
) -> None:
    """Propose the forward-looking claims in an article (plain text or HTML), read from
    a file, from standard input (-) or from an http(s) URL.

    HTML (a file or a fetched page) is read for its main text, title and publication
    day; --published may then be left out when the page states its day. A fetched
    page's URL is the default --source. A page that cannot be fetched fails with exit
    status 1; one that is not HTML or holds no article text, with exit status 2.

    Example: tracker extract https://example.com/news/talks --format json
    """
    from tracker.domain import intake
    from tracker.extract import extract as find_claims
    from tracker.validate import clean_url

    source = clean_url(source, "source URL")
    loaded = _load(article, timeout)
    source = source or clean_url(loaded.source, "source URL")
    candidates = find_claims(loaded.text, _published(published, loaded.published))
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


@dataclass(frozen=True)
class _Loaded:
    """An article's text, the day it states (if any) and the URL it was fetched from."""

    text: str
    published: date | None = None
    source: str | None = None


def _load(argument: str, timeout: float) -> _Loaded:
    """The article named on the command line: a URL fetched, or a file (- for stdin);
    HTML either way is read for its main text and stated day."""
    from tracker.extract.html import looks_like_html
    from tracker.transfer import web

    if web.is_url(argument):
        page = web.fetch(argument, timeout=timeout)
        read = web.read_html(page.html, page.url)
        return _Loaded(read.text, read.published, web.public_url(page.url))
    opened = click.File("r", encoding="utf-8").convert(argument, None, click.get_current_context())
    text = _read(opened)
    if not looks_like_html(text):
        return _Loaded(text)
    read = web.read_html(text)
    return _Loaded(read.text, read.published)


def _published(given: date | None, stated: date | None) -> date:
    """--published, else the day the page states; refused when there is neither."""
    if given is not None:
        return given
    if stated is None:
        raise InputError("the article states no publication day: pass --published YYYY-MM-DD")
    click.echo(f"publication day {stated.isoformat()}, as the page states it", err=True)
    return stated


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
    click.echo(f"\n[{number}/{total}] {c.speaker}, said {_said(c)} (confidence {c.confidence:.2f})")
    click.echo(f"  claim:    {c.claim}" + ("  [conditional]" if c.conditional else ""))
    click.echo(f'  deadline: "{c.deadline_phrase}" -> {window}')
    click.echo(f"  quote:    {c.quote}")
    if item.duplicate_of:
        click.echo(f"  already stored as #{item.duplicate_of}")


def _said(c: Any) -> str:
    """ "2025-01-31 (between 2025-01-01 and 2025-01-31, reported from earlier)"."""
    notes = [f"between {c.said_on_min} and {c.said_on_max}"] if c.said_on_min else []
    notes += ["reported from earlier"] if c.reported_earlier else []
    return f"{c.said_on}" + (f" ({', '.join(notes)})" if notes else "")


def _edit(candidate: Any) -> Any:
    from tracker.domain import intake
    from tracker.validate import parse_date

    speaker = click.prompt("speaker", default=candidate.speaker)
    claim = click.prompt("claim", default=candidate.claim)
    phrase = click.prompt("deadline", default=candidate.deadline_phrase)
    said_on = parse_date(click.prompt("said on", default=candidate.said_on.isoformat()), "said on")
    changes: dict[str, Any] = {"speaker": speaker, "claim": claim, "deadline_phrase": phrase}
    if said_on != candidate.said_on:  # a day the user gives is exact: no period left
        changes |= {"said_on": said_on, "said_on_min": None, "said_on_max": None}
    return intake.rewindow(candidate, **changes)


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
