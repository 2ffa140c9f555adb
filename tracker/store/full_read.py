"""The full path's reads of claims: SQLAlchemy queries built from tracker.rows.

The columns come from the row shapes' declarations (`ClaimRow`, `ListingRow`), and the due
rule from `due_rule`, exactly as the fast path (tracker.store.fast_read) builds its
SQL text from them; tests run both on the same files and compare.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Label, Select, select
from sqlalchemy.orm import Session

from tracker.rows import OPERATORS, ClaimRow, Comparison, Row, Shape, columns_of, made
from tracker.store.models import Base, Claim, Source, Speaker, Tag, claim_tags

Conditions = Sequence[ColumnElement[bool]]


def row_columns(shape: Shape) -> list[Label[Any]]:
    """A row shape's fields as labelled columns, in its order."""
    tables = Base.metadata.tables
    return [tables[column.table].c[column.name].label(name) for name, column in columns_of(shape)]


def claim_rows_select(
    conditions: Conditions, order_by: Sequence[Any], shape: Shape = ClaimRow
) -> Select[Any]:
    """The claims matching `conditions` as the shape's columns, in `order_by` order."""
    return (
        select(*row_columns(shape))
        .select_from(Claim)
        .join(Speaker, Speaker.id == Claim.speaker_id)
        .outerjoin(Source, Source.id == Claim.source_id)
        .where(*conditions)
        .order_by(*order_by)
    )


def claim_rows(
    session: Session, conditions: Conditions, order_by: Sequence[Any], shape: Shape = ClaimRow
) -> list[Row]:
    rows = session.execute(claim_rows_select(conditions, order_by, shape))
    return list(map(made(shape), rows))


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
