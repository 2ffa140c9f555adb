"""The full path's reads of claims: SQLAlchemy queries built from tracker.rows.

The columns come from `ClaimRow`'s declaration (CLAIM_ROW_COLUMNS), and the due
rule from `due_rule`, exactly as the fast path (tracker.store.fast_read) builds its
SQL text from them; tests run both on the same files and compare.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Label, Select, select
from sqlalchemy.orm import Session

from tracker.rows import CLAIM_ROW_COLUMNS, OPERATORS, ClaimRow, Comparison
from tracker.store.models import Base, Claim, Source, Speaker, Tag, claim_tags

Conditions = Sequence[ColumnElement[bool]]


def claim_row_columns() -> list[Label[Any]]:
    """ClaimRow's fields as labelled columns, in its order."""
    tables = Base.metadata.tables
    return [
        tables[column.table].c[column.name].label(name)
        for name, column in CLAIM_ROW_COLUMNS.items()
    ]


def claim_rows_select(conditions: Conditions, order_by: Sequence[Any]) -> Select[Any]:
    """The claims matching `conditions` as ClaimRow's columns, in `order_by` order."""
    return (
        select(*claim_row_columns())
        .select_from(Claim)
        .join(Speaker, Speaker.id == Claim.speaker_id)
        .outerjoin(Source, Source.id == Claim.source_id)
        .where(*conditions)
        .order_by(*order_by)
    )


def claim_rows(session: Session, conditions: Conditions, order_by: Sequence[Any]) -> list[ClaimRow]:
    rows = session.execute(claim_rows_select(conditions, order_by))
    return [ClaimRow._make(row) for row in rows]


def compared(rule: Iterable[Comparison]) -> list[ColumnElement[bool]]:
    """A rule of tracker.rows (`due_rule`) as conditions on the claims table."""
    columns = Claim.__table__.c
    return [OPERATORS[c.operator](columns[c.column], c.value) for c in rule]


def tags_where(session: Session, conditions: Conditions) -> dict[int, list[str]]:
    """The tags of every claim matching `conditions`, by claim id, in name order."""
    matching = select(Claim.id).where(*conditions)
    query = (
        select(claim_tags.c.claim_id, Tag.name)
        .join(Tag, Tag.id == claim_tags.c.tag_id)
        .where(claim_tags.c.claim_id.in_(matching))
        .order_by(claim_tags.c.claim_id, Tag.name)
    )
    tags: dict[int, list[str]] = {}
    for claim_id, name in session.execute(query):
        tags.setdefault(claim_id, []).append(name)
    return tags
