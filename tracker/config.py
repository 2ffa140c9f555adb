"""Settings for one run: the database, the time zone "today" is in, who makes changes,
and where reports go.

Precedence is flag > environment > config file > default. The config file (TOML, at
`config_file()`) is read when the run starts, never at import; `set_in_file` edits it
(`tracker config set`/`unset`), keeping its comments and order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from tracker.errors import InputError

ENV_DB = "TRACKER_DB"
ENV_TZ = "TRACKER_TZ"
ENV_USER = "TRACKER_USER"
ENV_CONFIG = "TRACKER_CONFIG"
REPORT_FORMATS = ("text", "markdown", "html", "json")
#: The most days ahead a report looks (a hundred years).
MAX_DAYS = 36_500


@dataclass(frozen=True)
class Key:
    """One setting of the config file: its name there, its environment variable (that
    wins over the file) and what it holds."""

    name: str
    env: str | None
    about: str
    kind: type = str
    secret: bool = False
    #: The values allowed, when only some are.
    choices: tuple[str, ...] = ()


#: Every key the config file may hold, in the order `tracker config show` lists them.
KEYS: dict[str, Key] = {
    key.name: key
    for key in (
        Key("db", ENV_DB, "database file or SQLAlchemy URL"),
        Key("timezone", ENV_TZ, "the zone calendar days are in (IANA name)"),
        Key("user", ENV_USER, "who the journal says made a change"),
        Key(
            "smtp_url",
            "TRACKER_SMTP_URL",
            "mail server: smtp[s]://user:pass@host:port",
            secret=True,
        ),
        Key("mail_from", "TRACKER_MAIL_FROM", "sender of mailed reports"),
        Key("mail_to", None, "report recipients (a list)", kind=list),
        Key("webhook", "TRACKER_WEBHOOK_URL", "URL reports are POSTed to", secret=True),
        Key("report.upcoming", None, "report's --upcoming N default", kind=int),
        Key("report.format", None, "report's --format default", choices=REPORT_FORMATS),
    )
}


def config_file(environ: Mapping[str, str] | None = None) -> Path:
    """$TRACKER_CONFIG, else `config.toml` in the platform's user config dir (on Linux
    $XDG_CONFIG_HOME/tracker, else ~/.config/tracker)."""
    env = os.environ if environ is None else environ
    if env.get(ENV_CONFIG):
        return Path(env[ENV_CONFIG]).expanduser().absolute()
    from platformdirs import user_config_dir

    return Path(user_config_dir("tracker", appauthor=False)) / "config.toml"


class ConfigFileError(InputError):
    """The config file cannot be read or holds something tracker cannot use (exit 2)."""


def _line_of(text: str, key: str) -> int:
    """The line number where `key` is set in `text` (1 when not found)."""
    leaf = re.escape(key.rpartition(".")[2])
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*(?:[\w.\"']*\.)?[\"']?{leaf}[\"']?\s*=", line):
            return number
    return 1


def flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"report": {"upcoming": 7}} as {"report.upcoming": 7}."""
    flat: dict[str, Any] = {}
    for name, value in table.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat


def read_config(path: Path) -> dict[str, Any]:
    """The file's settings by key ({} when there is no file); a malformed file, an
    unknown key or a value of the wrong type is refused in one line naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigFileError(f"cannot read config file {path}: {exc}") from exc
    import tomllib

    try:
        values = flatten(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(f"config file {path}: {exc}") from exc
    for key, value in values.items():
        where = f"config file {path}, line {_line_of(text, key)}"
        if key not in KEYS:
            raise ConfigFileError(f"{where}: unknown key {key!r} (known: {', '.join(KEYS)})")
        values[key] = check_type(KEYS[key], value, where)
    return values


def check_type(key: Key, value: Any, where: str) -> Any:
    """The value if it has the key's type (a list of strings for a list)."""
    if key.kind is list and isinstance(value, str):
        value = [value]
    if key.kind is list and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    whole = isinstance(value, int) and not isinstance(value, bool)
    if key.kind is int and whole and 0 <= value <= MAX_DAYS:
        return value
    if key.kind is str and isinstance(value, str) and value in (key.choices or (value,)):
        return value
    kind = {list: "a list of strings", int: f"a whole number from 0 to {MAX_DAYS}"}.get(
        key.kind, f"one of {', '.join(key.choices)}" if key.choices else "a string"
    )
    raise ConfigFileError(f"{where}: {key.name} must be {kind}")


#: The longest time zone name read (IANA's are under 40 characters).
MAX_TZ = 255
#: The longest author name the journal keeps.
MAX_USER = 200
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def default_db_path() -> Path:
    """`tracker.db` in the platform's user data dir (created on first use)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("tracker", appauthor=False)) / "tracker.db"


def to_url(location: str) -> str:
    """Turn a file path or an SQLAlchemy URL into an SQLAlchemy URL.

    Plain `postgresql://` (and libpq's `postgres://`) URLs use psycopg 3, the driver
    tracker supports.
    """
    if _URL_SCHEME.match(location):
        _refuse_unescaped_password(location)
        for plain_scheme in ("postgresql://", "postgres://"):
            if location.startswith(plain_scheme):
                return "postgresql+psycopg://" + location[len(plain_scheme) :]
        return location
    if not location.strip():
        raise InputError("the database location is empty")
    from sqlalchemy.engine import URL

    path = Path(location).expanduser().resolve()
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def describe_failure(url: str, exc: Exception) -> str:
    """One line about a database error, with any password masked."""
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return f"cannot use database {mask_url(url)}: {detail}"


#: A URL's user-info password: everything from `user:` to the `@` before the host,
#: whatever it holds (spaces, `/`, `#`, `@` written unescaped included).
_USERINFO = re.compile(r"(://[^:/@\s?#]*:)[^/?#\s@]*@")
#: A URL's parts as RFC 3986 splits them: authority, path, query, fragment.
_PARTS = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*://([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?", re.S)
#: Query parameters that carry a secret.
_SECRET_PARAM = re.compile(
    r"(?i)([?&;](?:ssl)?(?:password|passwd|pass|pwd)|[?&;](?:access_)?token|[?&;]secret"
    r"|[?&;]api_?key|[?&;]sslkey)=[^&\s]*"
)


def _refuse_unescaped_password(url: str) -> None:
    """A password holding `@`, `/`, `#` or `?` unescaped would be read as part of the
    host or path (and shown there): refuse it, without showing it."""
    parts = _PARTS.fullmatch(url)
    if parts is None:
        return
    authority, path, fragment = parts.group(1), parts.group(2), parts.group(4) or ""
    query = parts.group(3) or ""
    # A password cut short at `/`, `?` or `#`: its rest, with the `@`, went to the path,
    # to a query straight after the authority (no path, no @ before it), or the fragment.
    cut_at_query = "@" not in authority and (
        (not path and "@" in query) or re.search(r"@[^&=]*/", query) is not None
    )
    userinfo = authority.rpartition("@")[0]
    cut = "@" in path or cut_at_query or "@" in query.partition("=")[0] or "@" in fragment
    if cut or "@" in userinfo or any(c.isspace() for c in userinfo):
        raise InputError(  # the URL is not shown: where its password ends is unclear
            "the database URL's password holds a space, @, /, # or ? unescaped: write "
            "them as %20, %40, %2F, %23 and %3F"
        )


def mask_url(text: str) -> str:
    """The text with every URL secret replaced by ***: user-info passwords (even with
    unescaped spaces, `/`, `#` or `@`) and password, token, secret and key parameters."""
    masked = _USERINFO.sub(r"\1***@", text)
    return _SECRET_PARAM.sub(r"\1=***", masked)


_SCHEME_USER = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s]*):")


def mask_setting(url: str) -> str:
    """One whole URL setting masked: everything between `user:` and the last `@` is the
    password, whatever it holds (spaces, `/`, `#`, `@` typed unescaped), then mask_url."""
    head, at, host = url.rpartition("@")
    found = _SCHEME_USER.match(head) if at else None
    return mask_url(f"{found.group(1)}:***@{host}" if found else url)


def author(environ: Mapping[str, str], where: str = ENV_USER) -> str:
    """Who the journal says made a change: TRACKER_USER, else the login name."""
    name = environ.get(ENV_USER)
    if name is not None:
        cleaned = " ".join(name.split())
        if not cleaned or len(cleaned) > MAX_USER or not cleaned.isprintable():
            raise InputError(f"{where} must be a name of 1 to {MAX_USER} printable characters")
        return cleaned
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name (a container without a passwd entry)
        return "unknown"


def resolve_tz(name: str | None, where: str = ENV_TZ) -> tzinfo | None:
    """The zone named by TRACKER_TZ (or `where`), or None for the system zone."""
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    shown = name if len(name) <= 60 else name[:57] + "..."
    if len(name) > MAX_TZ:
        raise InputError(f"unknown time zone in {where}: {shown!r} (too long)")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise InputError(f"unknown time zone in {where}: {shown!r}") from exc


@dataclass(frozen=True)
class Settings:
    location: str
    tz: tzinfo | None = None
    user: str = "unknown"
    #: The config file read (it may not exist) and the settings it holds, by key.
    config_path: Path | None = None
    file_values: Mapping[str, Any] = field(default_factory=dict)
    #: Where each setting in force came from: a flag, $NAME, the file's path, "default".
    origins: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(
        cls, db: str | None = None, env: Mapping[str, str] | None = None, use_file: bool = True
    ) -> Settings:
        environ = os.environ if env is None else env
        if db is not None and not db.strip():
            raise InputError("--db is empty")
        if db is None and ENV_DB in environ and not environ[ENV_DB].strip():
            raise InputError(f"{ENV_DB} is set but empty")
        path = config_file(environ)
        values = read_config(path) if use_file else {}
        merged = beneath(environ, values)
        origins = {k: _origin(KEYS[k], environ, values, path) for k in KEYS}
        if db is not None:
            origins["db"] = "--db"
        location = db or merged.get(ENV_DB) or str(default_db_path())
        if not _URL_SCHEME.match(location) and not location.strip():
            raise InputError("the database location is empty")
        where = {k: f"{KEYS[k].env}" if origins[k].startswith("$") else f"{k} in {path}"
                 for k in ("timezone", "user")}  # fmt: skip
        return cls(
            location=location,
            tz=resolve_tz(merged.get(ENV_TZ), where["timezone"]),
            user=author(merged, where["user"]),
            config_path=path,
            file_values=values,
            origins=origins,
        )

    def environment(self, environ: Mapping[str, str] | None = None) -> dict[str, str]:
        """The environment with the config file's settings beneath it: what reads
        TRACKER_SMTP_URL, TRACKER_MAIL_FROM... sees the file's value when unset."""
        return beneath(os.environ if environ is None else environ, self.file_values)

    def value(self, key: str, environ: Mapping[str, str] | None = None) -> Any:
        """A setting by its config key: environment, else the config file, else None."""
        env = KEYS[key].env
        merged = self.environment(environ)
        if env is not None and merged.get(env):
            return merged[env]
        return self.file_values.get(key)

    @property
    def db_url(self) -> str:
        """The database as an SQLAlchemy URL (building it loads SQLAlchemy)."""
        return to_url(self.location)

    @property
    def sqlite_file(self) -> Path | None:
        """The SQLite file when the location is a plain path, read without SQLAlchemy.

        None for URLs, even `sqlite:///...` ones: those always go through SQLAlchemy.
        """
        if _URL_SCHEME.match(self.location):
            return None
        return Path(self.location).expanduser().resolve()

    def today(self) -> date:
        """Today's calendar day in the user's zone; called at run time, never at import."""
        return datetime.now(self.tz).date()


def beneath(environ: Mapping[str, str], values: Mapping[str, Any]) -> dict[str, str]:
    """The environment, with the config file's values where a variable is unset or empty."""
    merged = dict(environ)
    for name, value in file_environment(values).items():
        if not merged.get(name):
            merged[name] = value
    return merged


def file_environment(values: Mapping[str, Any]) -> dict[str, str]:
    """The config file's settings that have an environment variable, named by it."""
    return {
        KEYS[key].env or "": str(value)
        for key, value in values.items()
        if KEYS[key].env and isinstance(value, str)
    }


def _origin(key: Key, environ: Mapping[str, str], values: Mapping[str, Any], path: Path) -> str:
    if key.env and environ.get(key.env):
        return f"${key.env}"
    return str(path) if key.name in values else "default"


# writing the file


def toml_value(value: Any) -> str:
    """A value as TOML: strings and lists of strings in JSON's escapes, which TOML reads."""
    import json

    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


_TABLE_HEADER = re.compile(r"\s*\[")
NEW_FILE_HEADER = (
    "# tracker's settings: `tracker config show` lists them, `tracker config set` sets.\n"
)


def edited_text(text: str, key: str, value: Any | None) -> str:
    """The file's text with `key = value` set (value None: the line removed), every other
    line and comment kept. A key set inside a [table] is left to be edited by hand."""
    lines = text.splitlines(keepends=True)
    top = next((i for i, line in enumerate(lines) if _TABLE_HEADER.match(line)), len(lines))
    pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
    found = next((i for i in range(top) if pattern.match(lines[i])), None)
    new_line = [] if value is None else [f"{key} = {toml_value(value)}\n"]
    if found is not None:
        lines[found : found + 1] = new_line
    else:  # after the last line before the first table, blank lines left after it
        at = top
        while at > 0 and not lines[at - 1].strip():
            at -= 1
        if at and not lines[at - 1].endswith("\n"):
            lines[at - 1] += "\n"
        blank = ["\n"] if new_line and at < len(lines) and _TABLE_HEADER.match(lines[at]) else []
        lines[at:at] = new_line + blank
    return "".join(lines)


def set_in_file(path: Path, key: str, value: Any | None) -> None:
    """Set (or with None remove) one key of the config file, made with mode 0600 if new
    (it may hold a password); the result is parsed again before it replaces the file."""
    import tomllib

    current = read_config(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = NEW_FILE_HEADER
    new_text = edited_text(text, key, value)
    try:
        written = flatten(tomllib.loads(new_text))
    except tomllib.TOMLDecodeError:
        written = {}
    if written.get(key) != value or (value is None and key in current and key in written):
        raise ConfigFileError(f"{key} is set in a way tracker cannot edit; edit {path} by hand")
    _write_private(path, new_text)


def _write_private(path: Path, text: str) -> None:
    """Write `text` whole to `path` (a temp file renamed over it), mode 0600."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ConfigFileError(f"cannot write config file {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(temp)
        raise ConfigFileError(f"cannot write config file {path}: {exc.strerror or exc}") from exc
