"""Speakers: finding one by any of its names, renaming and merging."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tracker.domain.claims import find_speaker, no_such_speaker
from tracker.errors import InputError
from tracker.store.models import Claim, Speaker, SpeakerAlias, utcnow
from tracker.validate import clean_name, name_key


def speaker_called(session: Session, name: str) -> Speaker:
    """The speaker a name finds (tracker.domain.claims.find_speaker, loosely), else a
    refusal that names the speakers it may have meant."""
    speaker = find_speaker(session, clean_name(name, "speaker"), loose=True)
    if speaker is None:
        raise no_such_speaker(session, name)
    return speaker


def _keep_alias(session: Session, key: str, speaker: Speaker) -> None:
    alias = session.scalar(select(SpeakerAlias).where(SpeakerAlias.key == key))
    if alias is None:
        session.add(SpeakerAlias(key=key, speaker_id=speaker.id))
    else:
        alias.speaker_id = speaker.id


def rename_speaker(session: Session, old: str, new: str) -> Speaker:
    """Give a speaker a new name; the old one still finds them."""
    speaker = speaker_called(session, old)
    cleaned = clean_name(new, "new name")
    other = find_speaker(session, cleaned)
    if other is not None and other.id != speaker.id:
        raise InputError(f"{other.name!r} is another speaker; use 'tracker speakers merge'")
    old_key, old_name = speaker.key, speaker.name
    speaker.name, speaker.key = cleaned, name_key(cleaned)
    session.flush()
    if cleaned != old_name:  # their claims read differently now (calendar SEQUENCE moves)
        session.execute(
            update(Claim).where(Claim.speaker_id == speaker.id).values(updated_at=utcnow())
        )
    if old_key != speaker.key:
        _keep_alias(session, old_key, speaker)
    stale = session.scalar(select(SpeakerAlias).where(SpeakerAlias.key == speaker.key))
    if stale is not None:
        session.delete(stale)
    session.flush()
    return speaker


def merge_speakers(session: Session, source: str, target: str) -> tuple[Speaker, int]:
    """Move every claim of `source` to `target`; `source`'s names become aliases."""
    moving = speaker_called(session, source)
    keeping = speaker_called(session, target)
    if moving.id == keeping.id:
        raise InputError(f"cannot merge {moving.name!r} into itself")
    moving_claims = update(Claim).where(Claim.speaker_id == moving.id)
    moved = session.execute(moving_claims.values(speaker_id=keeping.id)).rowcount  # type: ignore[attr-defined]
    session.execute(
        update(SpeakerAlias)
        .where(SpeakerAlias.speaker_id == moving.id)
        .values(speaker_id=keeping.id)
    )
    key = moving.key
    session.delete(moving)
    session.flush()
    _keep_alias(session, key, keeping)
    session.flush()
    session.expire_all()
    return keeping, int(moved or 0)
