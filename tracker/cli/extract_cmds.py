"""`tracker extract`: candidate claims from an article, reviewed and added."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
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


@dataclass(frozen=True)
class _Item:
    """A reviewed candidate (tracker.domain.intake.Reviewed) and the stored claim it
    restates, if any (tracker.domain.sources.Match): then the article is proposed as
    another source of that claim instead of a new claim."""

    reviewed: Any
    match: Any = None

    @property
    def candidate(self) -> Any:
        return self.reviewed.candidate

    @property
    def duplicate_of(self) -> int | None:
        """A claim stored from this article already: as its first source, or another."""
        if self.reviewed.duplicate_of:
            return int(self.reviewed.duplicate_of)
        return self.match.claim_id if self.match is not None and self.match.has_source else None

    @property
    def matches_claim(self) -> int | None:
        return self.match.claim_id if self.match is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.reviewed.to_dict(),
            "duplicate_of": self.duplicate_of,
            "matches_claim": self.matches_claim,
        }


def _items(session: Any, candidates: Sequence[Any], source: str | None) -> list[_Item]:
    """Each candidate with what the database knows of it: stored from this article
    already (intake.review), or the same claim as a stored one (sources.matches_for)."""
    from tracker.domain import intake, sources

    reviewed = intake.review(session, candidates, source)
    matches = sources.matches_for(session, candidates, source)
    return [_Item(r, None if r.duplicate_of else m) for r, m in zip(reviewed, matches, strict=True)]


def _note(item: _Item) -> str:
    """The table's last column: `#N` stored already, `+#N` the same claim as #N (the
    article would be its source), else the confidence."""
    if item.duplicate_of:
        return f"#{item.duplicate_of}"
    if item.matches_claim:
        return f"+#{item.matches_claim}"
    return f"{item.candidate.confidence:.2f}"


def _rows(reviewed: list[_Item]) -> list[dict[str, Any]]:
    rows = []
    for number, item in enumerate(reviewed, start=1):
        c = item.candidate
        note = _note(item)
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
@click.argument("articles", metavar="FILE|URL|-...", nargs=-1, required=True)
@click.option(
    "--published",
    type=DATE,
    help="The article's publication day (default: the day the page states, if it does).",
)
@click.option(
    "--source",
    metavar="URL",
    help="The article's URL, stored with each claim (default: the URL fetched); one article.",
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
    articles: tuple[str, ...],
    published: date | None,
    source: str | None,
    timeout: float,
    fmt: str,
    yes: bool,
    review: bool | None,
) -> None:
    """Propose the forward-looking claims in articles (plain text or HTML), each read
    from a file, from standard input (-) or from an http(s) URL.

    HTML (a file or a fetched page) is read for its main text, title and publication
    day; --published may then be left out when the page states its day. A fetched
    page's URL is the default --source. A page that cannot be fetched fails with exit
    status 1; one that is not HTML or holds no article text, with exit status 2.
    Several articles are all read first (with a progress bar on a terminal), then
    proposed one after the other; JSON names each candidate's article.

    Example: tracker extract https://example.com/news/talks --format json
    """
    from tracker.validate import clean_url

    source = clean_url(source, "source URL")
    if source is not None and len(articles) > 1:
        raise InputError("--source is the URL of one article: give one FILE|URL with it")
    read = _read_all(articles, published, timeout, source)
    interactive = review if review is not None else sys.stdin.isatty() and sys.stdout.isatty()
    # Only looking: a database file not made yet is read as an empty one, not created.
    db = app.reading_db if fmt == "json" or not (yes or interactive) else app.db
    if fmt == "json":
        echo(to_json([item for article in read for item in _json(db, article)]))
        return
    for article in read:
        if len(read) > 1:
            click.echo(f"{article.name}:", err=True)
        reviewed = db.run(partial(_items, candidates=article.candidates, source=article.source))
        if yes:
            _add_all(app, reviewed, article)
        elif not interactive:
            _print_table(reviewed)
        elif not _review_each(app, reviewed, article):
            return
    if not (yes or interactive) and any(article.candidates for article in read):
        click.echo("review them on a terminal, or add them all with --yes", err=True)


def _read_all(
    arguments: tuple[str, ...], published: date | None, timeout: float, source: str | None
) -> list[_Article]:
    """Each article read and its candidates found, in order; a bar on a terminal when
    there are several."""
    from tracker.cli.exchange_cmds import progress_bar

    found = []
    length = len(arguments) if len(arguments) > 1 else 0
    with progress_bar(length, "reading articles", ("articles", 1)) as step:
        for argument in arguments:
            found.append(_article(argument, published, timeout, source))
            if step is not None:
                step(1)
    return found


def _article(argument: str, published: date | None, timeout: float, source: str | None) -> _Article:
    from tracker.extract import extract as find_claims
    from tracker.validate import clean_url

    loaded = _load(argument, timeout)
    day = _published(published, loaded.published)
    url = source or clean_url(loaded.source, "source URL")
    return _Article(url, day, argument, find_claims(loaded.text, day))


def _json(db: Any, article: _Article) -> list[dict[str, Any]]:
    reviewed = db.run(partial(_items, candidates=article.candidates, source=article.source))
    return [{**item.to_dict(), "article": article.name} for item in reviewed]


@dataclass(frozen=True)
class _Article:
    """Where the claims were read: the article's URL (if known), its day, the name it
    was given on the command line and the candidates found in it."""

    source: str | None
    published: date
    name: str = "-"
    candidates: Sequence[Any] = ()


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


def _print_table(reviewed: list[_Item]) -> None:
    if not reviewed:
        click.echo("no forward-looking claims found", err=True)
        return
    echo(table(_rows(reviewed), COLUMNS, table_width()))
    if any(item.matches_claim and not item.duplicate_of for item in reviewed):
        click.echo(
            "+#N: the same claim as stored #N; the article is proposed as its source", err=True
        )


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


def _add_source(app: AppContext, item: _Item, read: _Article) -> str:
    """Add the article as another source of the stored claim the candidate restates."""
    from tracker.config import mask_url
    from tracker.domain import sources

    claim_id, url = item.matches_claim, read.source
    assert claim_id is not None and url is not None
    new = sources.NewSource(url, published_on=read.published, said_on=item.candidate.said_on)
    stamp = app.stamp()
    app.db.run(lambda s: sources.add_source(s, stamp, claim_id, new), write=True)
    return f"#{claim_id}: added {mask_url(url)} as another source (the same claim)"


def _why_not(item: _Item, read: _Article) -> str | None:
    """Why `--yes` leaves a candidate out, or None."""
    c = item.candidate
    if item.duplicate_of:
        return f"already stored as #{item.duplicate_of}"
    if item.matches_claim and read.source is None:
        return f"the same claim as #{item.matches_claim}; pass --source URL to add it as a source"
    if c.needs_window and not item.matches_claim:
        return f"{c.deadline_phrase!r} needs a date: add it with 'tracker add --by'"
    return None


def _add_all(app: AppContext, reviewed: list[_Item], read: _Article) -> None:
    """Add each new candidate; one that restates a stored claim adds the article as
    that claim's source instead."""
    added = sourced = skipped = 0
    for item in reviewed:
        c = item.candidate
        why = _why_not(item, read)
        try:
            if why is not None:
                raise InputError(why)
            if item.matches_claim:
                echo(_add_source(app, item, read))
                sourced += 1
            else:
                echo(_add_one(app, c, read.source))
                added += 1
        except TrackerError as exc:
            click.echo(f"skipped {c.speaker}: {c.claim} ({exc.message})", err=True)
            skipped += 1
    more = f", added the article as a source of {sourced}" if sourced else ""
    click.echo(f"added {added} claims{more}, skipped {skipped}", err=True)


def _show(number: int, total: int, item: _Item) -> None:
    c = item.candidate
    window = f"{c.start}..{c.end}" if c.end else "needs a date (edit the deadline)"
    click.echo(f"\n[{number}/{total}] {c.speaker}, said {_said(c)} (confidence {c.confidence:.2f})")
    click.echo(f"  claim:    {c.claim}" + ("  [conditional]" if c.conditional else ""))
    click.echo(f'  deadline: "{c.deadline_phrase}" -> {window}')
    click.echo(f"  quote:    {c.quote}")
    if item.duplicate_of:
        click.echo(f"  already stored as #{item.duplicate_of}")
    elif item.matches_claim:
        click.echo(f"  the same claim as #{item.matches_claim} (same speaker, words and window)")


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


def _ask(item: _Item, read: _Article) -> str:
    """The user's choice for one candidate: [a] adds the article as a source of the
    claim it restates, when it does and the article's URL is known ([n] then adds a new
    claim); else [a] adds the candidate as a new claim."""
    choices, question = ["a", "e", "s", "q"], "[a]ccept, [e]dit, [s]kip, [q]uit"
    if item.matches_claim and not item.duplicate_of:
        if read.source is None:
            click.echo("  (pass --source URL to add this article as its source)")
        else:
            choices.append("n")
            question = (
                f"[a]dd as a source of #{item.matches_claim}, [n]ew claim, [e]dit, [s]kip, [q]uit"
            )
    return str(click.prompt(question, default="s", type=click.Choice(choices), show_choices=False))


def _review_each(app: AppContext, reviewed: list[_Item], read: _Article) -> bool:
    """Ask about each candidate; False when the user quits."""
    added = 0
    for number, item in enumerate(reviewed, start=1):
        while True:
            _show(number, len(reviewed), item)
            choice = _ask(item, read)
            if choice == "q":
                click.echo(f"added {added} claims", err=True)
                return False
            if choice == "s":
                break
            try:
                if choice == "e":
                    edited = _edit(item.candidate)
                    item = app.db.run(partial(_items, candidates=[edited], source=read.source))[0]
                    continue
                if choice == "a" and item.matches_claim and read.source and not item.duplicate_of:
                    echo(_add_source(app, item, read))
                else:
                    echo(_add_one(app, item.candidate, read.source))
                    added += 1
                break
            except TrackerError as exc:
                click.echo(f"  {exc.message}", err=True)
    click.echo(f"added {added} claims", err=True)
    return True
