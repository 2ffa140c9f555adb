"""The words the schema and the command line share: statuses, outcomes, schema head.

Kept apart from the models so the command line can name them without loading
SQLAlchemy (`tracker due` starts without it).
"""

from __future__ import annotations

OPEN = "open"
#: A claim counted from an event not yet dated: it has no window until the event has a day.
WAITING = "waiting"
OUTCOMES = ("kept", "kept_late", "partial", "broken", "withdrawn", "void", "unverifiable")
STATUSES = (OPEN, *OUTCOMES, WAITING)

# The newest migration in migrations/versions; tests/test_migrations.py checks it.
SCHEMA_HEAD = "0009"
