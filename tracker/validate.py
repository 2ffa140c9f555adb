"""Checks on user-supplied values, shared by every command that writes."""

from __future__ import annotations

import re
from contextvars import ContextVar
from datetime import date
from pathlib import Path

from tracker.errors import InputError

MAX_TEXT = 10_000
MAX_NAME = 200
MAX_TAG = 100
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(
    value: str | None, field: str, *, required: bool = True, limit: int = MAX_TEXT
) -> str | None:
    """Trimmed text; refuses empty (when required), control characters and huge values."""
    if value is None or not value.strip():
        if required:
            raise InputError(f"{field} must not be empty")
        return None
    value = value.strip()
    if _CONTROL.search(value):
        raise InputError(f"{field} contains a control character")
    if len(value) > limit:
        raise InputError(f"{field} is too long ({len(value)} characters; at most {limit})")
    return value


def clean_name(value: str | None, field: str, limit: int = MAX_NAME) -> str:
    """A one-line name: inner white space folded to single spaces."""
    text = clean_text(value, field, limit=limit)
    assert text is not None
    return " ".join(text.split())


def name_key(name: str) -> str:
    """How names are matched: case and extra spaces ignored."""
    return " ".join(name.split()).casefold()


def clean_confidence(value: float | None) -> float | None:
    if value is None:
        return None
    if not 0.0 <= value <= 1.0 or value != value:
        raise InputError(f"confidence must be between 0 and 1, not {value}")
    return value


def clean_url(value: str | None, field: str = "URL") -> str | None:
    url = clean_text(value, field, required=False, limit=2_000)
    if url is not None and any(ch.isspace() for ch in url):
        raise InputError(f"{field} must not contain spaces: {url!r}")
    return url


def parse_date(value: str, field: str = "date") -> date:
    """An ISO calendar date (YYYY-MM-DD); anything else is refused."""
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise InputError(f"{field} must be a date as YYYY-MM-DD, not {value!r}")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"{field} {value!r} is not a real date ({exc})") from exc


#: Set (by `tracker --csv-raw`) to write CSV text cells as stored, formulas and all.
CSV_RAW: ContextVar[bool] = ContextVar("CSV_RAW", default=False)

#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def spreadsheet_safe(text: str) -> str:
    """A CSV text cell a spreadsheet shows as text: one that starts like a formula gets
    a leading `'` (so does one that starts with `'`s before such a character, so that
    `spreadsheet_plain` gives every text back exactly)."""
    return "'" + text if _FORMULA.match(text) else text


def csv_text(text: str) -> str:
    """A CSV text cell as written: safe for spreadsheets unless `--csv-raw` was given."""
    return text if CSV_RAW.get() else spreadsheet_safe(text)


def spreadsheet_plain(text: str) -> str:
    """The text `spreadsheet_safe` protected, as it was."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


def output_path(text: str, option: str) -> Path:
    """A file to write, refused (exit 2) when it names a directory, or a name the system
    cannot have (too long, a NUL); the message shows at most 60 characters of it."""
    shown = text if len(text) <= 60 else text[:57] + "..."
    if not text.strip():
        raise InputError(f"{option} is empty")
    try:
        path = Path(text).expanduser()
        if path.is_dir():
            raise InputError(f"{option} {shown!r} is a directory, not a file to write")
        path.resolve()
    except (OSError, ValueError) as exc:
        raise InputError(f"{option} {shown!r}: {getattr(exc, 'strerror', None) or exc}") from exc
    return path
