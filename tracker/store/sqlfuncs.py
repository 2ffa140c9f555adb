"""SQL functions that behave alike on every engine tracker runs on."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction

SQLITE_FOLD = "tracker_fold"


class fold(GenericFunction[str]):
    """Case-folded text for case-insensitive matching of any script.

    SQLite's own lower() folds ASCII only, so on SQLite this calls a Python function
    registered on every connection (see tracker.store.engine); elsewhere it is lower().
    """

    type = String()
    inherit_cache = True


@compiles(fold)
def _fold_default(element: fold, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(fold, "sqlite")
def _fold_sqlite(element: fold, compiler: Any, **kw: Any) -> str:
    return f"{SQLITE_FOLD}({compiler.process(element.clauses, **kw)})"


def python_fold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value
