"""`tracker config`: the config file, and the settings a run uses with where each comes
from (flag > environment > config file > default), every secret masked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tracker.cli.app import AppContext, cli, echo, format_option, pass_app
from tracker.config import KEYS, config_file
from tracker.errors import InputError

#: How `config show` names each key, for people.
LABELS = {
    "db": "database",
    "timezone": "time zone",
    "user": "user",
    "smtp_url": "mail server",
    "mail_from": "mail from",
    "mail_to": "mail to",
    "webhook": "webhook",
    "report.upcoming": "report upcoming days",
    "report.format": "report format",
}


@cli.group()
def config() -> None:
    """The config file and the settings tracker runs with."""


@config.command("path")
def path() -> None:
    """Print where the config file is (it may not exist yet): $TRACKER_CONFIG, else
    config.toml in the user config dir ($XDG_CONFIG_HOME/tracker on Linux)."""
    click.echo(str(config_file()))


def _webhook(url: str | None) -> str | None:
    """A webhook's scheme and host: its path is often its secret."""
    from tracker.output.delivery import webhook_label

    if not url:
        return None
    try:
        return webhook_label(url)
    except ValueError:
        return "(not a valid URL)"


def _database(app: AppContext) -> str:
    """The database file, or its URL masked (a password that would be misread is refused
    here as everywhere, unseen)."""
    from tracker.config import mask_setting

    path = app.settings.sqlite_file
    return str(path) if path is not None else mask_setting(app.settings.db_url)


def _shown(app: AppContext, key: str) -> Any:
    """A setting's value as `config show` prints it: secrets masked, defaults said."""
    from tracker.config import mask_setting

    value = app.settings.value(key)
    shown: dict[str, Any] = {
        "db": lambda: _database(app),
        "timezone": lambda: value or "the system's",
        "user": lambda: app.settings.user,
        "smtp_url": lambda: mask_setting(value) if value else "smtp://localhost:25",
        "mail_from": lambda: value,
        "mail_to": lambda: ", ".join(value) if value else None,
        "webhook": lambda: _webhook(value),
        "report.upcoming": lambda: 7 if value is None else value,
        "report.format": lambda: value or "text",
    }
    return shown[key]()


def settings_rows(app: AppContext) -> list[dict[str, Any]]:
    """Each setting: its value as shown (secrets masked), and where it came from."""
    return [
        {
            "setting": LABELS[key],
            "key": key,
            "value": _shown(app, key),
            "from": app.settings.origins.get(key, "default"),
        }
        for key in KEYS
    ]


@config.command("show")
@format_option("table", "json", default="table")
@pass_app
def show(app: AppContext, fmt: str) -> None:
    """Show the settings this run uses and where each comes from (a flag, an environment
    variable, the config file, or the default); passwords, tokens and webhook paths are
    masked. Reads nothing from the database."""
    from tracker.output.formats import to_json

    app.refuse_unread_config()
    rows = settings_rows(app)
    if fmt == "json":
        echo(to_json(rows))
        return
    width = max(len(row["setting"]) for row in rows)
    click.echo(f"config file: {app.settings.config_path}", err=True)
    for row in rows:
        value = row["value"] if row["value"] is not None else "(not set)"
        echo(f"{row['setting']:<{width}}  {value}  [{row['from']}]")


def checked_value(key: str, values: tuple[str, ...]) -> Any:
    """The value to store for `key`, checked as the command that uses it checks it."""
    if key not in KEYS:
        raise InputError(f"unknown setting {key!r}; the settings are: {', '.join(KEYS)}")
    kind = KEYS[key].kind
    if kind is not list and len(values) != 1:
        raise InputError(f"{key} takes one value, not {len(values)}")
    if kind is list:
        return [_checked_one(key, value) for value in values]
    return _checked_one(key, values[0])


def _checked_one(key: str, value: str) -> Any:
    from tracker.config import ENV_USER, author, resolve_tz, to_url
    from tracker.output import delivery

    text = value.strip()
    if not text:
        raise InputError(f"{key} must not be empty")
    if key == "db":
        to_url(text)
        if "://" not in text:  # a file: the same one from any folder, cron's included
            text = str(Path(text).expanduser().absolute())
    elif key == "timezone":
        resolve_tz(text, "timezone")
    elif key == "user":
        text = author({ENV_USER: text}, "user")
    elif key in ("mail_from", "mail_to"):
        text = delivery.check_address(text, key)
    elif key == "smtp_url":
        _refuse_bad(
            delivery.smtp_settings, text, "smtp_url must look like smtp[s]://user:pass@host:port"
        )
    elif key == "webhook":
        _refuse_bad(delivery.check_webhook_url, text, "webhook must be an http:// or https:// URL")
    elif KEYS[key].choices and text not in KEYS[key].choices:
        raise InputError(f"{key} must be one of {', '.join(KEYS[key].choices)}")
    return _whole_number(key, text) if KEYS[key].kind is int else text


def _refuse_bad(check: Any, text: str, message: str) -> None:
    """Run `check`; its refusal is told in our words (never with the value: a secret)."""
    try:
        check(text)
    except InputError:
        raise InputError(message) from None


def _whole_number(key: str, text: str) -> int:
    if not text.isdigit() or int(text) > 36_500:
        raise InputError(f"{key} must be a whole number of days from 0 to 36500, not {text!r}")
    return int(text)


@config.command("set")
@click.argument("key", metavar="KEY")
@click.argument("values", metavar="VALUE", nargs=-1, required=True)
def set_(key: str, values: tuple[str, ...]) -> None:
    """Set KEY to VALUE in the config file (made, mode 0600, if missing); other lines and
    comments are kept. Every value is checked first: a bad one changes nothing. mail_to
    takes one or more addresses. Keys: db, timezone, user, smtp_url, mail_from, mail_to,
    webhook, report.upcoming, report.format."""
    from tracker.config import set_in_file

    value = checked_value(key, values)
    file = config_file()
    set_in_file(file, key, value)
    shown = ", ".join(value) if isinstance(value, list) else value
    shown = "(secret)" if KEYS[key].secret else shown
    click.echo(f"{key} set in {file}: {shown}", err=True)


@config.command("unset")
@click.argument("key", metavar="KEY")
def unset(key: str) -> None:
    """Remove KEY from the config file: its default (or environment variable) applies."""
    from tracker.config import read_config, set_in_file

    if key not in KEYS:
        raise InputError(f"unknown setting {key!r}; the settings are: {', '.join(KEYS)}")
    file = config_file()
    if key not in read_config(file):
        click.echo(f"{key} is not set in {file}", err=True)
        return
    set_in_file(file, key, None)
    click.echo(f"{key} removed from {file}", err=True)
