"""Commands that move claims in and out: export (JSONL, CSV, ICS) and import."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import click

from tracker.cli.app import DATE, AppContext, cli, pass_app
from tracker.vocab import STATUSES

#: Below this size a file imports before a progress bar would be worth drawing.
PROGRESS_MIN_BYTES = 1 << 20
#: Export reads claims in chunks of this many: fewer come out before a bar would move.
EXPORT_PROGRESS_MIN = 2_000
#: A bar's unit: its name and how many of the counted things make one.
MEGABYTES = ("MB", 1_000_000)
#: Moves a bar on by a number done; a note, if given, is shown instead of the counts.
Step = Callable[..., None]


def on_terminal() -> bool:
    """Whether progress may be drawn: stderr, where it goes, is a terminal."""
    return sys.stderr.isatty()


@contextmanager
def progress_bar(length: int, label: str, unit: tuple[str, int] = ("", 1)) -> Iterator[Step | None]:
    """click's progress bar on stderr, with the count done, the total and the rate
    ("12.5/50.0 MB, 8.2 MB/s"), yielding the function that moves it on by a number
    done; None, and nothing drawn, when stderr is not a terminal."""
    if length <= 0 or not on_terminal():
        yield None
        return
    name, size = unit
    started, done = time.monotonic(), [0]

    def counts(note: object) -> str:
        if isinstance(note, str):
            return note
        rate = done[0] / size / max(time.monotonic() - started, 1e-3)
        if size == 1:
            return f"{done[0]}/{length} {name}, {rate:.0f}/s"
        return f"{done[0] / size:.1f}/{length / size:.1f} {name}, {rate:.1f} {name}/s"

    with click.progressbar(
        length=length, label=label, file=sys.stderr, item_show_func=counts, show_eta=False
    ) as bar:

        def step(count: int, note: str | None = None) -> None:
            done[0] += count
            bar.update(count, done[0] if note is None else note)

        yield step


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("jsonl", "csv", "ics")),
    help="jsonl (lossless), csv or ics. Default: from --output's extension, else jsonl.",
)
@click.option("--output", "-o", metavar="FILE", help="Write to FILE (replaced whole) not stdout.")
@click.option("--speaker", help="Only this speaker's claims.")
@click.option("--tag", help="Only claims with this tag.")
@click.option("--status", type=click.Choice(STATUSES), help="Only claims with this status.")
@click.option("--said-after", type=DATE, help="Only claims said after this day.")
@click.option("--said-before", type=DATE, help="Only claims said before this day.")
@pass_app
def export(
    app: AppContext,
    fmt: str | None,
    output: str | None,
    speaker: str | None,
    tag: str | None,
    status: str | None,
    said_after: date | None,
    said_before: date | None,
) -> None:
    """Write claims out: JSONL with their whole history, CSV, or an ICS calendar."""
    from tracker.domain.claims import ClaimFilter
    from tracker.transfer import codec
    from tracker.transfer.export import count_to_export, export_claims, output_stream

    fmt = fmt or codec.format_for(output, codec.FORMATS)
    to_file = bool(output and output != "-")
    if to_file:
        app.refuse_database_file(Path(output or ""), "--output")
    filters = ClaimFilter(speaker, tag, status, None, said_after, said_before)
    with app.db.session() as session, output_stream(output) as out:
        # A bar only where it is not drawn among the lines written to the terminal.
        total = 0
        if on_terminal() and (to_file or not sys.stdout.isatty()):
            total = count_to_export(session, filters, fmt)
        length = total if total > EXPORT_PROGRESS_MIN else 0
        with progress_bar(length, "exporting", ("claims", 1)) as step:
            count = export_claims(session, filters, fmt, out, step)
    click.echo(f"exported {count} claims" + (f" to {output}" if output else ""), err=True)


@contextmanager
def _input(path: str) -> Iterator[BinaryIO]:
    if path == "-":
        yield sys.stdin.buffer
        return
    with open(path, "rb") as stream:
        yield stream


@contextmanager
def _progress(stream: BinaryIO) -> Iterator[Step | None]:
    """A progress bar on stderr for a large regular file, when stderr is a terminal."""
    try:
        size = os.fstat(stream.fileno()).st_size
    except (OSError, AttributeError, ValueError):
        size = 0
    with progress_bar(size if size >= PROGRESS_MIN_BYTES else 0, "importing", MEGABYTES) as step:
        yield step


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("jsonl", "csv")),
    help="The file's format. Default: from its extension, else jsonl.",
)
@click.option("--dry-run", is_flag=True, help="Check the file and count; write nothing.")
@click.option(
    "--on-conflict",
    type=click.Choice(("skip", "update", "fail")),
    default="skip",
    show_default=True,
    help="A claim whose uid is already stored: keep it, replace it, or import nothing.",
)
@pass_app
def import_(app: AppContext, file: str, fmt: str | None, dry_run: bool, on_conflict: str) -> None:
    """Read claims from a JSONL or CSV file (or - for stdin), all or nothing."""
    from tracker.transfer import codec
    from tracker.transfer.importer import import_file, import_sqlite_file

    fmt = fmt or codec.format_for(file, ("jsonl", "csv"))
    options: dict[str, Any] = {
        "now": datetime.now(UTC),
        "dry_run": dry_run,
        "author": app.settings.user,
    }
    with _input(file) as stream, _progress(stream) as progress:
        options["progress"] = progress
        path = app.settings.sqlite_file
        summary = None
        if path is not None:  # a plain SQLite file: no SQLAlchemy unless it needs migrating
            summary = import_sqlite_file(path, stream, fmt, on_conflict, **options)
        if summary is None:
            summary = import_file(app.db, stream, fmt, on_conflict, **options)
    click.echo(summary.line(), err=True)
    if summary.new_speakers and not dry_run:
        _warn_close_speakers(app, summary.new_speakers)


#: At most this many warnings about close speaker names after an import.
MAX_NAME_WARNINGS = 10


def _warn_close_speakers(app: AppContext, names: list[str]) -> None:
    """New speakers whose names are close to stored ones ("Zelensky", "Zelenskyy");
    read without SQLAlchemy from a plain SQLite file, as the import was."""
    from tracker.domain.names import close_pairs

    stored = None
    if app.settings.sqlite_file is not None:
        from tracker.store.fast_read import speaker_names

        stored = speaker_names(app.settings.sqlite_file)
    if stored is None:
        from tracker.domain.claims import close_to_stored

        pairs = app.db.run(lambda s: close_to_stored(s, names))
    else:
        fresh = set(names)
        pairs = close_pairs(sorted(fresh), [n for n in stored if n not in fresh])
    for new, known in pairs[:MAX_NAME_WARNINGS]:
        click.echo(
            f"tracker: warning: new speaker {new!r} is close to {known!r}; "
            "if they are one person, run 'tracker speakers merge'",
            err=True,
        )
    if len(pairs) > MAX_NAME_WARNINGS:
        click.echo(f"tracker: warning: and {len(pairs) - MAX_NAME_WARNINGS} more", err=True)
