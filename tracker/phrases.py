"""A claim's deadline phrase resolved to its window, for every command that writes.

Kept apart from tracker.domain.claims so that import, whose workers resolve phrases by the
thousand, needs no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from tracker.errors import InputError
from tracker.validate import clean_text


@dataclass
class Window:
    phrase: str
    start: date
    end: date
    rule: str
    alternatives: list[str] = field(default_factory=list)


@cache
def _engine() -> Callable[[str, date], Any]:
    from tracker.deadlines import resolve  # the engine loads on first use

    return resolve


def resolve_window(phrase: str | None, said_on: date) -> Window:
    """Resolve a deadline phrase; refuse a window that ends before the words were said."""
    resolve = _engine()
    cleaned = clean_text(phrase, "deadline phrase", limit=500)
    assert cleaned is not None
    deadline = resolve(cleaned, said_on)
    if deadline.end < said_on:
        raise InputError(
            f"deadline {cleaned!r} ends {deadline.end.isoformat()}, "
            f"before it was said ({said_on.isoformat()})"
        )
    return Window(cleaned, deadline.start, deadline.end, deadline.rule)
