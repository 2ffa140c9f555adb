"""Track records: `tracker speakers` (with rename, merge), `tracker speaker`, `tracker stats`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.app import DATE, AppContext, cli, echo, format_option, pass_app, table_width
from tracker.errors import DeliveryError
from tracker.output.formats import Column, render, to_json
from tracker.output.views import claim_columns, style_overdue
from tracker.records import CLAIM_KEYS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.domain.trackrecord import Period

FORMATS = ("table", "json", "csv", "markdown")


def speaker_columns() -> list[Column]:
    return [
        Column("speaker", "SPEAKER"),
        Column("claims", "N", 4, ">"),
        Column("kept", "KPT", 3, ">"),
        Column("kept_late", "LAT", 3, ">"),
        Column("partial", "PRT", 3, ">"),
        Column("broken", "BRK", 3, ">"),
        Column("withdrawn", "WDR", 3, ">"),
        Column("open", "OPN", 3, ">"),
        Column("waiting", "WAI", 3, ">"),
        Column("overdue", "DUE", 3, ">"),
        Column("on_time", "ONTIME", 6, ">"),
        Column("median_days_late", "MEDLATE", 7, ">"),
        Column("slips_per_claim", "SLIP/N", 6, ">"),
    ]


def _for_table(row: dict[str, Any]) -> dict[str, Any]:
    rate = row["on_time_rate"]
    return {**row, "on_time": f"{rate:.0%}" if rate is not None else "-"}


def period_options(func: Any) -> Any:
    func = click.option("--said-before", type=DATE, help="Only claims said before this day.")(func)
    func = click.option("--said-after", type=DATE, help="Only claims said after this day.")(func)
    func = click.option("--tag", help="Only claims with this tag.")(func)
    return click.option("--as-of", type=DATE, help="Take this day as today (YYYY-MM-DD).")(func)


@cli.group(invoke_without_command=True)
@period_options
@format_option(*FORMATS)
@click.pass_context
def speakers(
    ctx: click.Context,
    as_of: date | None,
    tag: str | None,
    said_after: date | None,
    said_before: date | None,
    fmt: str,
) -> None:
    """Every speaker's track record; `rename` and `merge` tidy their names."""
    if ctx.invoked_subcommand is not None:
        return
    from tracker.domain.trackrecord import SPEAKER_KEYS, Period, speaker_rows

    app: AppContext = ctx.obj
    day = app.as_of(as_of)
    with app.db.session() as session:
        rows = speaker_rows(session, day, Period(tag, said_after, said_before))
    if fmt == "table" and not rows:
        click.echo("no speakers", err=True)
        return
    shown = [_for_table(r) for r in rows] if fmt in ("table", "markdown") else rows
    echo(render(shown, fmt, speaker_columns(), SPEAKER_KEYS, table_width(), gap=1))


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
@pass_app
def speaker(
    app: AppContext,
    name: str,
    as_of: date | None,
    tag: str | None,
    said_after: date | None,
    said_before: date | None,
    fmt: str,
) -> None:
    """One speaker's track record with every claim."""
    from tracker.domain.claims import ClaimFilter
    from tracker.domain.listings import list_records
    from tracker.domain.speakers import speaker_called
    from tracker.domain.trackrecord import SPEAKER_KEYS, Period, speaker_record

    day = app.as_of(as_of)
    period = Period(tag, said_after, said_before)
    with app.db.session() as session:
        found = speaker_called(session, name)
        record = speaker_record(session, found, day, period)
        filters = ClaimFilter(found.name, tag, None, None, said_after, said_before)
        record["claims_list"] = list_records(session, filters, day)
    if fmt == "json":
        echo(to_json(record))
        return
    listing = record.pop("claims_list")
    echo(render([_for_table(record)], fmt, speaker_columns(), SPEAKER_KEYS, table_width(), gap=1))
    if fmt != "csv":
        echo("")
    echo(render(listing, fmt, claim_columns(), CLAIM_KEYS, table_width(), style_overdue))


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
