"""Track records: `tracker speakers` (with rename, merge), `tracker speaker`, `tracker stats`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.app import DATE, AppContext, cli, echo, format_option, pass_app, table_width
from tracker.cli.claims_cmds import Shown, claims_text, listing_options, shown_records
from tracker.errors import DeliveryError
from tracker.output.formats import Column, arranged, render, to_json
from tracker.output.views import claim_columns
from tracker.records import CLAIM_KEYS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.domain.trackrecord import Period

FORMATS = ("table", "json", "csv", "markdown")


#: A speaker's row in a table: (key, heading, short heading on a narrow terminal, meaning).
SPEAKER_COLUMNS = (
    ("claims", "CLAIMS", "N", "claims in the period"),
    ("kept", "KEPT", "", "kept within the window"),
    ("kept_late", "KEPT LATE", "LATE", "kept, after the window ended"),
    ("partial", "PARTIAL", "PART", "partly kept"),
    ("broken", "BROKEN", "BRKN", "not kept"),
    ("withdrawn", "WITHDRAWN", "WDRN", "walked back by the speaker"),
    ("void", "VOID", "", "moot, or a condition it rested on failed"),
    ("unverifiable", "UNVERIFIABLE", "UNVF", "nobody can tell"),
    ("open", "OPEN", "", "not judged yet, overdue ones included"),
    ("waiting", "WAITING", "WAIT", "waiting for their event to be dated"),
    ("overdue", "OVERDUE", "DUE", "open past the window (or snooze): what `due` lists"),
    ("on_time", "ON TIME", "OK%", "kept / (kept + late + partial + broken + withdrawn)"),
    ("median_days_late", "DAYS LATE", "DAYS", "median days late of the claims kept late"),
    ("slips_per_claim", "SLIPS/CLAIM", "SLIP", "deadline moves per claim"),
)


def speaker_columns() -> list[Column]:
    """The speaker, then each count and rate; short headings when the full ones do not fit."""
    numbers = [
        Column(key, heading, 12, ">", short=short) for key, heading, short, _ in SPEAKER_COLUMNS
    ]
    return [Column("speaker", "SPEAKER"), *numbers]


def speakers_legend() -> str:
    """The table's headings and what they count, for `tracker speakers --help`."""
    lines = [f"  {heading + (f' ({short})' if short else ''):<20}{meaning}"
             for _, heading, short, meaning in SPEAKER_COLUMNS]  # fmt: skip
    return "\n".join(lines)


def _for_table(row: dict[str, Any]) -> dict[str, Any]:
    """A row as the table shows it: the rates rounded (JSON and CSV keep four places)."""
    rate, late, slips = row["on_time_rate"], row["median_days_late"], row["slips_per_claim"]
    return {
        **row,
        "on_time": f"{rate:.0%}" if rate is not None else "-",
        "median_days_late": late if late is not None else "-",
        "slips_per_claim": f"{slips:.2f}" if slips is not None else "-",
    }


def _speakers_text(rows: list[dict[str, Any]], fmt: str) -> str:
    from tracker.domain.trackrecord import SPEAKER_KEYS

    shown = [_for_table(r) for r in rows] if fmt in ("table", "markdown") else rows
    return render(shown, fmt, speaker_columns(), SPEAKER_KEYS, table_width(), gap=1)


def period_options(func: Any) -> Any:
    func = click.option("--said-before", type=DATE, help="Only claims said before this day.")(func)
    func = click.option("--said-after", type=DATE, help="Only claims said after this day.")(func)
    func = click.option("--tag", help="Only claims with this tag.")(func)
    return click.option(
        "--as-of", type=DATE, help="Take this day as today (e.g. 2025-03-24, yesterday)."
    )(func)


SPEAKERS_HELP = f"""Every speaker's track record; `rename` and `merge` tidy their names.

The table's headings (short ones on a narrow terminal in brackets):

\b
{speakers_legend()}
"""


@cli.group(invoke_without_command=True, help=SPEAKERS_HELP)
@period_options
@format_option(*FORMATS)
@listing_options
@click.pass_context
def speakers(
    ctx: click.Context,
    as_of: date | None,
    tag: str | None,
    said_after: date | None,
    said_before: date | None,
    fmt: str,
    shown: Shown,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from tracker.domain.trackrecord import SPEAKER_KEYS, Period, speaker_rows

    app: AppContext = ctx.obj
    day = app.as_of(as_of)
    with app.db.session() as session:
        rows = speaker_rows(session, day, Period(tag, said_after, said_before))
    rows = arranged(rows, SPEAKER_KEYS, shown.sort, shown.limit)
    if fmt == "table" and not rows:
        click.echo("no speakers", err=True)
        return
    echo(_speakers_text(rows, fmt), page=shown.pager)


@speakers.command()
@click.argument("old")
@click.argument("new")
@click.option("--note", help="Why (kept in the journal).")
@pass_app
def rename(app: AppContext, old: str, new: str, note: str | None) -> None:
    """Give a speaker a new name (the old one still finds them)."""
    from tracker.domain.journal import rename_journaled

    speaker = app.db.run(lambda s: rename_journaled(s, app.stamp(note), old, new), write=True)
    echo(f"renamed to {speaker.name}")


@speakers.command()
@click.argument("source")
@click.argument("target")
@click.option("--note", help="Why (kept in the journal).")
@pass_app
def merge(app: AppContext, source: str, target: str, note: str | None) -> None:
    """Move every claim of SOURCE to TARGET and remove SOURCE (cannot be undone)."""
    from tracker.domain.journal import merge_journaled

    def merge_into(session: Session) -> str:
        speaker, moved = merge_journaled(session, app.stamp(note), source, target)
        return f"merged into {speaker.name}: {moved} claims moved"

    echo(app.db.run(merge_into, write=True))


@cli.command()
@click.argument("name")
@period_options
@format_option(*FORMATS)
@listing_options
@pass_app
def speaker(
    app: AppContext,
    name: str,
    as_of: date | None,
    tag: str | None,
    said_after: date | None,
    said_before: date | None,
    fmt: str,
    shown: Shown,
) -> None:
    """One speaker's track record with every claim, each with its state and slips.

    --format json is the record with its claims in `claims_list`; --format csv the
    claims (`tracker speakers --format csv` has the record)."""
    from tracker.domain.trackrecord import Period, speaker_listing

    day = app.as_of(as_of)
    with app.db.session() as session:
        record, claims = speaker_listing(session, name, day, Period(tag, said_after, said_before))
        claims = shown_records(session, claims, fmt, day)
    claims = arranged(claims, CLAIM_KEYS, shown.sort, shown.limit)
    if fmt in ("json", "csv"):
        text = to_json({**record, "claims_list": claims}) if fmt == "json" else ""
        echo(text or render(claims, fmt, claim_columns(), CLAIM_KEYS), page=shown.pager)
        return
    listing = claims_text(claims, fmt) or "no claims"
    echo(f"{_speakers_text([record], fmt)}\n\n{listing}", page=shown.pager)


@cli.command()
@period_options
@click.option("--speaker", "speaker_name", help="Only this speaker's claims.")
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a calibration chart (SVG) to this file.",
)
@format_option("table", "json", "markdown")
@pass_app
def stats(
    app: AppContext,
    as_of: date | None,
    tag: str | None,
    said_after: date | None,
    said_before: date | None,
    speaker_name: str | None,
    chart: Path | None,
    fmt: str,
) -> None:
    """Score your own confidences: Brier score and calibration, overall, per speaker, per tag."""
    from tracker.domain import scoring
    from tracker.domain.trackrecord import Period

    period = Period(tag, said_after, said_before)

    def load(session: Session) -> tuple[str | None, list[Any]]:
        from tracker.domain.speakers import speaker_called

        if not speaker_name:
            return None, scoring.load_forecasts(session, period)
        found = speaker_called(session, speaker_name)
        return found.name, scoring.load_forecasts(session, period, found.id)

    who, forecasts = app.db.run(load)
    result = scoring.stats(forecasts)
    if chart is not None:
        _write_chart(app.refuse_database_file(chart, "--chart"), result["overall"], period, who)
    if fmt == "json":
        echo(to_json(result))
    else:
        from tracker.output.views import stats_text

        echo(stats_text(result, markdown=fmt == "markdown"))


def _write_chart(path: Path, overall: dict[str, Any], period: Period, speaker: str | None) -> None:
    """The calibration chart as an SVG file, and one line on stderr saying where it went."""
    from tracker.output.charts import calibration_svg, period_label

    label = period_label(period.said_after, period.said_before, period.tag, speaker)
    svg = calibration_svg(overall["calibration"], overall["brier"], label)
    try:
        path.write_text(svg, encoding="utf-8")
    except OSError as exc:
        raise DeliveryError(f"cannot write chart {path}: {exc.strerror or exc}") from exc
    scored = overall["scored"]
    count = f"{scored} claim{'' if scored == 1 else 's'}" if scored else "nothing scored yet"
    click.echo(f"tracker: wrote the calibration chart to {path} ({count})", err=True)
