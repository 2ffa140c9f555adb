"""Settings for one run: where the database is and which time zone "today" is in.

Precedence is flag > environment > default; nothing is read at import time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path

from tracker.errors import InputError

ENV_DB = "TRACKER_DB"
ENV_TZ = "TRACKER_TZ"
ENV_USER = "TRACKER_USER"
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


def author(environ: Mapping[str, str]) -> str:
    """Who the journal says made a change: TRACKER_USER, else the login name."""
    name = environ.get(ENV_USER)
    if name is not None:
        cleaned = " ".join(name.split())
        if not cleaned or len(cleaned) > MAX_USER or not cleaned.isprintable():
            raise InputError(f"{ENV_USER} must be a name of 1 to {MAX_USER} printable characters")
        return cleaned
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name (a container without a passwd entry)
        return "unknown"


def resolve_tz(name: str | None) -> tzinfo | None:
    """The zone named by TRACKER_TZ, or None for the system zone."""
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    shown = name if len(name) <= 60 else name[:57] + "..."
    if len(name) > MAX_TZ:
        raise InputError(f"unknown time zone in {ENV_TZ}: {shown!r} (too long)")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise InputError(f"unknown time zone in {ENV_TZ}: {shown!r}") from exc


@dataclass(frozen=True)
class Settings:
    location: str
    tz: tzinfo | None = None
    user: str = "unknown"

    @classmethod
    def load(cls, db: str | None = None, env: dict[str, str] | None = None) -> Settings:
        environ = os.environ if env is None else env
        if db is not None and not db.strip():
            raise InputError("--db is empty")
        if db is None and ENV_DB in environ and not environ[ENV_DB].strip():
            raise InputError(f"{ENV_DB} is set but empty")
        location = db or environ.get(ENV_DB) or str(default_db_path())
        if not _URL_SCHEME.match(location) and not location.strip():
            raise InputError("the database location is empty")
        return cls(location=location, tz=resolve_tz(environ.get(ENV_TZ)), user=author(environ))

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
