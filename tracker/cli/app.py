"""The command group, the per-run context, shared options and the one error exit."""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tracker.config import Settings
from tracker.errors import InputError, TrackerError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.store.engine import Database

F = TypeVar("F", bound=Callable[..., Any])


class AppContext:
    """One per run: settings, the database (opened on first use) and the clock."""

    def __init__(self, settings: Settings, config_error: InputError | None = None) -> None:
        self.settings = settings
        self._database: Database | None = None
        #: Why the config file could not be read, when `tracker config` ran without it.
        self.config_error = config_error

    def refuse_unread_config(self) -> None:
        if self.config_error is not None:
            raise self.config_error

    @property
    def db(self) -> Database:
        """The database, made (and migrated) on first use, except by a command that only
        reads (READ_ONLY_COMMANDS): that one gets `reading_db`."""
        if self._database is None:
            from tracker.store.engine import Database

            if self.database_missing() and _current_command() in READ_ONLY_COMMANDS:
                self._database = Database.open("sqlite://")
            else:
                self._database = Database.open(self.settings.db_url)
        return self._database

    @property
    def reading_db(self) -> Database:
        """The database to only read from: a database file not made yet is read as an
        empty one in memory, so looking creates nothing."""
        if not self.database_missing():
            return self.db
        from tracker.store.engine import Database

        return Database.open("sqlite://")

    def database_missing(self) -> bool:
        """Whether the database is a file that does not exist yet."""
        path = self.settings.sqlite_file
        return path is not None and not path.exists()

    def today(self) -> date:
        return self.settings.today()

    def change(
        self, action: str, claim_id: int | None, work: Callable[[Session], Any], note: str | None
    ) -> Any:
        """Run `work` on claim `claim_id` (None: it adds one) in a write transaction,
        journaled (tracker.domain.journal) with this run's author and the note."""
        from tracker.domain.journal import Stamp, journaled

        stamp = Stamp(self.settings.user, note)
        return self.db.run(
            lambda s: journaled(s, stamp, action, claim_id, lambda: work(s)), write=True
        )

    def stamp(self, note: str | None = None) -> Any:
        from tracker.domain.journal import Stamp

        return Stamp(self.settings.user, note)

    def as_of(self, value: date | None) -> date:
        return value if value is not None else self.today()

    def refuse_database_file(self, path: Path, option: str) -> Path:
        """Refuse to write a report or chart over the database (or its WAL files)."""
        from tracker.store.engine import is_sqlite, sqlite_path
        from tracker.validate import output_path

        path = output_path(str(path), option)
        url = self.settings.db_url
        database = sqlite_path(url) if is_sqlite(url) else None
        if database is not None:
            target = path.expanduser().resolve()
            base = database.resolve()
            if target in (base, Path(f"{base}-wal"), Path(f"{base}-shm"), Path(f"{base}-journal")):
                raise InputError(f"{option} {path} is the database itself")
        return path


class DateType(click.ParamType):
    """A day as people write it (tracker.validate.read_day); words count from the real
    today in the user's zone, and the day they mean is said on stderr."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from tracker.validate import read_day

        app = ctx.find_object(AppContext) if ctx is not None else None
        today = app.today if app is not None else date.today
        label = param.opts[0] if param is not None and param.opts else "date"
        try:
            day, words = read_day(str(value), label, today)
        except TrackerError as exc:  # its message names the option
            raise click.UsageError(exc.message, ctx) from None
        if words is not None:
            said = label.lstrip("-").replace("-", " ") if label.startswith("--") else "day"
            click.echo(f"{said} {day.isoformat()} ({words})", err=True)
        return day


DATE = DateType()
CLAIM_ID = click.IntRange(1, 2**63 - 1)


def one_line(text: str) -> str:
    return " ".join(text.split())


#: How many answers a question takes before it gives up.
ANSWER_TRIES = 3


def confirm(question: str, default: bool = False) -> bool:
    """Ask yes or no on stderr; an answer not understood is asked again, at most
    ANSWER_TRIES times in all, then the command is cancelled (exit 1) in one line."""
    suffix = " [Y/n]: " if default else " [y/N]: "
    for _ in range(ANSWER_TRIES):
        answer = click.prompt(
            question, default="", show_default=False, prompt_suffix=suffix, err=True
        )
        word = answer.strip().casefold()
        if word in ("y", "yes"):
            return True
        if word in ("n", "no") or (not word and not default):
            return False
        if not word:
            return True
        click.echo("please answer y or n", err=True)
    raise TrackerError(f"no answer understood in {ANSWER_TRIES} tries; cancelled", 1)


def fail(message: str, code: int) -> int:
    click.echo(f"tracker: error: {one_line(message)}", err=True)
    return code


#: Commands that only read: on a database file not made yet they say so and show
#: nothing, creating no file and no folder.
READ_ONLY_COMMANDS = frozenset(
    {
        "list", "show", "due", "speakers", "speaker", "stats", "log", "export",
        "event list", "db current", "site build",
    }
)  # fmt: skip


def _current_command() -> str:
    """The running command's path without the program name ("event list")."""
    ctx = click.get_current_context(silent=True)
    return ctx.command_path.partition(" ")[2] if ctx is not None else ""


class HelpMixin:
    """Help for every command: the command list shows whole first sentences, and the
    help ends with examples (tracker.cli.examples) unless its text already has some."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return super().get_short_help_str(limit=1_000)  # type: ignore[misc]

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)  # type: ignore[misc]
        from tracker.cli.examples import examples_for

        lines = examples_for(ctx.command_path.partition(" ")[2], ctx.command.help or "")
        if lines:
            with formatter.section("Examples"):
                for line in lines:
                    formatter.write(f"{' ' * formatter.current_indent}{line}\n")


def say_if_nothing_to_read(ctx: click.Context) -> None:
    """A read-only command on a database file not made yet says so, on stderr."""
    app = ctx.find_object(AppContext)
    path = ctx.command_path.partition(" ")[2]
    if app is not None and path in READ_ONLY_COMMANDS and app.database_missing():
        click.echo(f"no database at {app.settings.sqlite_file}; nothing to show", err=True)


class TrackerCommand(HelpMixin, click.Command):
    """A command: a read-only one on a database not made yet says so when it is done
    (an error stays the one line it is)."""

    def invoke(self, ctx: click.Context) -> Any:
        result = super().invoke(ctx)
        say_if_nothing_to_read(ctx)
        return result


class TrackerGroup(HelpMixin, click.Group):
    """Turns every error into one line on stderr and an exit status."""

    command_class = TrackerCommand
    group_class = type

    def invoke(self, ctx: click.Context) -> Any:
        alone = self.invoke_without_command and not ctx._protected_args  # `tracker speakers`
        result = super().invoke(ctx)
        if alone:
            say_if_nothing_to_read(ctx)
        return result

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = self._run(args, prog_name, complete_var, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        **extra: Any,
    ) -> int:
        argv = list(sys.argv[1:] if args is None else args)
        refused = control_character_in(argv)
        if refused:
            return fail(refused, 2)
        try:
            result = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # a bare `tracker`, `tracker db`
            click.echo(exc.ctx.get_help() if exc.ctx else "")
            return 0
        except click.UsageError as exc:
            return fail(exc.format_message(), 2)
        except click.ClickException as exc:
            return fail(exc.format_message(), exc.exit_code or 1)
        except click.Abort:  # a question declined, or end of input at a prompt
            click.echo("cancelled", err=True)
            return 1
        except TrackerError as exc:
            return fail(exc.message, exc.exit_code)
        except OverflowError:
            return fail("a date or number is out of range", 2)
        except KeyboardInterrupt:
            return fail("interrupted", 130)
        except BrokenPipeError:
            return 1
        except Exception as exc:  # a bug or an unforeseen failure: still one line
            if os.environ.get("TRACKER_DEBUG"):
                raise
            return fail(unexpected(exc), 1)
        return result if isinstance(result, int) else 0


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def control_character_in(argv: Sequence[str]) -> str | None:
    """Refuse control characters (NUL, escapes, carriage returns) in any argument.

    Newlines and tabs may stand in text; nothing tracker stores or matches needs the rest,
    and some databases cannot hold them at all.
    """
    for position, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return f"argument {position} is not valid UTF-8 text"
        found = _CONTROL.search(arg)
        if found:
            return f"argument {position} contains a control character ({found.group()!r})"
    return None


def unexpected(exc: Exception) -> str:
    """One line for an error nobody foresaw, with passwords masked."""
    from tracker.config import mask_url

    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = mask_url(detail[0]) if detail else ""
    return f"unexpected {type(exc).__name__}: {first} (TRACKER_DEBUG=1 shows the traceback)"


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_location",
    metavar="PATH|URL",
    help="Database file or SQLAlchemy URL (else $TRACKER_DB, else db in the config file, "
    "else the user data dir).",
)
@click.option(
    "--csv-raw",
    is_flag=True,
    help="CSV cells as stored: no ' before text a spreadsheet would run as a formula.",
)
@click.option(
    "--no-color",
    is_flag=True,
    help="No colour, even on a terminal (as when NO_COLOR is set).",
)
@click.version_option(package_name="tracker")
@click.pass_context
def cli(ctx: click.Context, db_location: str | None, csv_raw: bool, no_color: bool) -> None:
    """Keep forward-looking claims and be told when they are due to be checked."""
    from tracker.output.terminal import NO_COLOR_FLAG
    from tracker.validate import CSV_RAW

    CSV_RAW.set(csv_raw)
    NO_COLOR_FLAG.set(no_color)
    ctx.obj = _app_context(db_location, ctx.invoked_subcommand == "config")


def _app_context(db_location: str | None, configuring: bool) -> AppContext:
    """The run's context; `tracker config` still runs when the config file is malformed
    (to show its path, or set a key once it is mended), other commands refuse."""
    from tracker.config import ConfigFileError

    try:
        return AppContext(Settings.load(db_location))
    except ConfigFileError as exc:
        if not configuring:
            raise
        return AppContext(Settings.load(db_location, use_file=False), exc)


pass_app = click.make_pass_decorator(AppContext)


def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def as_of_option(func: F) -> F:
    return click.option(
        "--as-of",
        type=DATE,
        default=None,
        help="Take this day as today (e.g. 2025-03-24, yesterday).",
    )(func)


def table_width() -> int:
    """The terminal's width on a terminal, else 80 columns."""
    if sys.stdout.isatty():
        return max(60, shutil.get_terminal_size((80, 24)).columns)
    return 80


def echo(text: str, page: bool = False) -> None:
    """Text on stdout: coloured only where colour shows (tracker.output.terminal), and
    through the pager on a terminal if `page` and longer than the screen."""
    if text:
        from tracker.output.terminal import show

        show(text, page)
