"""`tracker report`: the cron job that says which claims to check, and says it once."""

from __future__ import annotations

import os
import re
import shutil
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from tracker.cli.app import AppContext, as_of_option, cli, format_option, pass_app
from tracker.config import REPORT_FORMATS

_NOT_FOR_CRON = {"as_of", "crontab"}


@cli.command()
@as_of_option
@format_option(*REPORT_FORMATS, default="text")
@click.option(
    "--new-only",
    is_flag=True,
    help="Only claims newly due since the last --new-only report; each is announced once "
    "(the only report that records what it announced).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Print what the report would say (with --new-only: what the next cron run would "
    "announce); deliver and record nothing.",
)
@click.option(
    "--upcoming",
    type=click.IntRange(0, 36_500),
    default=7,
    show_default=True,
    metavar="N",
    help="Also list claims coming due in the next N days.",
)
@click.option("--speaker", help="Only this speaker's claims.")
@click.option("--tag", help="Only claims with this tag.")
@click.option("--include-verified", is_flag=True, help="Also claims judged since the last report.")
@click.option(
    "--quiet-if-empty", is_flag=True, help="Print and record nothing when nothing is to report."
)
@click.option("--output", metavar="FILE", help="Write the report to FILE (atomically).")
@click.option(
    "--mail-to",
    multiple=True,
    metavar="ADDR",
    help="Mail the report (text and HTML) via $TRACKER_SMTP_URL (repeatable).",
)
@click.option("--subject", help="The mail subject (default: a summary).")
@click.option(
    "--webhook",
    metavar="URL",
    envvar="TRACKER_WEBHOOK_URL",
    help="POST the report as JSON to URL (or $TRACKER_WEBHOOK_URL: its path is often a secret).",
)
@click.option(
    "--no-hints",
    is_flag=True,
    help="Leave out the footer of commands (tracker verify, tracker snooze) for the claims.",
)
@click.option("--crontab", is_flag=True, help="Print a crontab line for this report and exit.")
@pass_app
@click.pass_context
def report(ctx: click.Context, app: AppContext, as_of: date | None, **options: Any) -> None:
    """Report claims newly due, still overdue and coming due: the cron job.

    Exit status 0 when delivered (or nothing to report with --quiet-if-empty), 1 when
    delivery or the database failed (nothing is recorded, so the next run repeats the
    announcements), 2 for bad input.
    """
    if options["crontab"]:
        _print_crontab(ctx, app)
        return
    options.update(configured_defaults(ctx, app))
    from tracker.domain.reports import ReportRequest, send_report
    from tracker.output.delivery import Destinations

    request = ReportRequest(
        as_of=app.as_of(as_of),
        now=datetime.now(UTC),
        new_only=options["new_only"],
        upcoming_days=options["upcoming"],
        speaker=options["speaker"],
        tag=options["tag"],
        include_verified=options["include_verified"],
    )
    if options["output"]:
        app.refuse_database_file(Path(options["output"]), "--output")
    hints = not options["no_hints"]
    destinations = Destinations(
        options["output"], options["mail_to"], options["subject"], options["webhook"], hints
    )
    if options["dry_run"]:
        if any((options["output"], options["mail_to"], options["webhook"])):
            click.echo("tracker: dry run: printed here, not delivered", err=True)
        destinations = Destinations(hints=hints)
    channels = _channels(app, destinations, options["fmt"])
    # Only a delivered --new-only report records what it announced; a report for a day
    # still to come, a dry run and a plain report are views.
    record = request.new_only and not options["dry_run"] and request.as_of <= app.today()
    send_report(_reading(app, record), request, options["fmt"], channels,
                options["quiet_if_empty"], record)  # fmt: skip
    if not record and app.database_missing():
        click.echo(f"no database at {app.settings.sqlite_file}; nothing to show", err=True)


#: Report options the config file gives defaults for: option name -> config key.
CONFIGURED = {
    "mail_to": "mail_to",
    "webhook": "webhook",
    "upcoming": "report.upcoming",
    "fmt": "report.format",
}


def configured_defaults(ctx: click.Context, app: AppContext) -> dict[str, Any]:
    """The config file's values for the options not given on the command line (nor, for
    --webhook, in $TRACKER_WEBHOOK_URL). Its mail_to and webhook are where a report goes
    when the command line names no destination (--mail-to, --webhook, --output)."""
    given = (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)
    destined = any(ctx.get_parameter_source(name) in given for name in _DESTINATIONS)
    found: dict[str, Any] = {}
    for option, key in CONFIGURED.items():
        value = app.settings.value(key)
        if value is None or ctx.get_parameter_source(option) in given:
            continue
        if option not in _DESTINATIONS or not destined:
            found[option] = tuple(value) if option == "mail_to" else value
    return found


_DESTINATIONS = ("mail_to", "webhook", "output")


def _channels(app: AppContext, destinations: Any, fmt: str) -> list[Any]:
    """The report's channels; a bad setting from the config file is named as it is there."""
    from tracker.config import KEYS
    from tracker.errors import InputError
    from tracker.output.delivery import channels_for

    try:
        return channels_for(destinations, fmt, sys.stdout, app.settings.environment())
    except InputError as exc:
        message = exc.message
        for key in ("smtp_url", "mail_from"):
            if _from_file(app, key):
                message = message.replace(
                    f"{KEYS[key].env}", f"{key} in {app.settings.config_path}"
                )
        raise InputError(message) from exc


def _reading(app: AppContext, record: bool) -> Any:
    """The database to report from; a report that records nothing, of a database file
    not made yet, reads an empty one in memory rather than create the file."""
    return app.db if record else app.reading_db


def _given_args(ctx: click.Context) -> list[str]:
    """The options given on this command line, as arguments again (for the crontab)."""
    args: list[str] = []
    for param in ctx.command.params:
        if not isinstance(param, click.Option) or param.name in _NOT_FOR_CRON:
            continue
        if ctx.get_parameter_source(param.name or "") != ParameterSource.COMMANDLINE:
            continue
        flag, value = param.opts[0], ctx.params[param.name or ""]
        if param.is_flag:
            args += [flag] if value else []
        elif param.multiple:
            args += [part for item in value for part in (flag, str(item))]
        else:
            args += [flag, str(value)]
    return args


def _cron_args(ctx: click.Context) -> list[str]:
    """The given options, `--new-only` unless sections were chosen, and --quiet-if-empty."""
    args = _given_args(ctx)
    if not {"--new-only", "--include-verified", "--upcoming"} & set(args):
        args.insert(0, "--new-only")
    if "--quiet-if-empty" not in args:
        args.append("--quiet-if-empty")
    return args


def _print_crontab(ctx: click.Context, app: AppContext) -> None:
    """A crontab line that relies on the config file for what it holds (the database,
    the zone, the mail server, the recipients) and names what it does not."""
    from tracker.domain.reports import crontab_line, tracker_executable

    executable = tracker_executable(sys.argv[0], shutil.which("tracker"))
    args = _cron_args(ctx)
    webhook = "--webhook" in args
    if webhook:  # its path is its secret: cron reads it from the config file
        at = args.index("--webhook")
        del args[at : at + 2]
    cron = crontab_line(app.settings.db_url, executable, args, _cron_environment(app))
    line = cron.line
    if _from_file(app, "db"):
        line = _DB_SETTING.sub("", line, count=1)
    click.echo(line)
    for note in [*cron.notes, *_cron_notes(ctx, app, webhook)]:
        click.echo(f"tracker: note: {note}", err=True)


def _cron_notes(ctx: click.Context, app: AppContext, webhook: bool) -> list[str]:
    """What the crontab line leaves to the config file that is not there yet."""
    notes = []
    if webhook:
        notes.append(
            "the webhook URL is not printed (its path is a secret): run 'tracker config "
            "set webhook URL' (or set TRACKER_WEBHOOK_URL above this line)"
        )
    if ctx.params["mail_to"] and not _from_file(app, "smtp_url"):
        notes.append(
            "run 'tracker config set smtp_url smtp://user:pass@host:port' (the mail server "
            "is not printed because it may hold a password)"
        )
    mails = ctx.params["mail_to"] or app.settings.value("mail_to")
    if mails and not _from_file(app, "mail_from"):
        notes.append("mail needs a sender: run 'tracker config set mail_from you@example.org'")
    return notes


#: The TRACKER_DB=... setting in a crontab line (its value shell-quoted).
_DB_SETTING = re.compile(r" TRACKER_DB=(?:'[^']*'(?:\"'\"'[^']*')*|\S+)")


def _from_file(app: AppContext, key: str) -> bool:
    return app.settings.origins.get(key) == str(app.settings.config_path)


def _cron_environment(app: AppContext) -> dict[str, str]:
    """What cron must be told: the config file when there is one (cron's environment
    may not find it), and the time zone when it came from the environment."""
    environ: dict[str, str] = {}
    path = app.settings.config_path
    if path is not None and path.exists():
        environ["TRACKER_CONFIG"] = str(path)
    if app.settings.origins.get("timezone") == "$TRACKER_TZ":
        environ["TRACKER_TZ"] = os.environ["TRACKER_TZ"]
    return environ
