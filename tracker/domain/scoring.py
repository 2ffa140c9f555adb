"""Scoring the user's own forecasts: Brier score and calibration (charted by
tracker.output.charts).

Only claims with a confidence and a clear outcome are scored, each with the confidence
it had when its window ended, or when it was judged if that came first: a later edit
(tracker.domain.journal keeps them) never moves a score. `kept` counts as the
event happening (1); `kept_late`, `partial` and `broken` as not happening by the
deadline (0). `void`, `withdrawn` and `unverifiable` are left out and counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from tracker.domain.trackrecord import ALL_TIME, Period, restrict_claims
from tracker.store.models import Check, Claim

HAPPENED = {"kept": 1.0, "kept_late": 0.0, "partial": 0.0, "broken": 0.0}
EXCLUDED = ("void", "withdrawn", "unverifiable")
BUCKETS = 10


@dataclass(frozen=True)
class Forecast:
    confidence: float
    status: str
    speaker: str
    tags: tuple[str, ...]


def load_forecasts(
    session: Session, period: Period = ALL_TIME, speaker_id: int | None = None
) -> list[Forecast]:
    """Each scored claim with the confidence it had when it was settled (scored_confidence)."""
    from tracker.domain.journal import confidence_changes

    query = (
        select(Claim)
        .where(Claim.confidence.is_not(None))
        .options(selectinload(Claim.speaker), selectinload(Claim.tags))
    )
    claims = list(session.scalars(restrict_claims(query, period, speaker_id)))
    changes = confidence_changes(session)
    judged = _judged_at(session)
    forecasts = []
    for c in claims:
        settled = settled_at(c.deadline_end, judged.get(c.id))
        confidence = scored_confidence(c.confidence, changes.get(c.uid, []), settled)
        if confidence is not None:
            tags = tuple(t.name for t in c.tags)
            forecasts.append(Forecast(confidence, c.status, c.speaker.name, tags))
    return forecasts


def _judged_at(session: Session) -> dict[int, datetime]:
    """When each claim's latest verdict was recorded."""
    query = select(Check.claim_id, func.max(Check.recorded_at)).where(Check.kind == "verify")
    return {
        claim_id: moment for claim_id, moment in session.execute(query.group_by(Check.claim_id))
    }


def settled_at(window_end: date, judged: datetime | None) -> datetime:
    """The moment a forecast is scored at: the end of its window's last day (UTC), or
    when it was judged, if that came first."""
    end = datetime.combine(window_end + timedelta(days=1), time(), tzinfo=UTC)
    return min(end, _aware(judged)) if judged is not None else end


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def scored_confidence(
    current: float | None, changes: Sequence[tuple[datetime, Any, Any]], settled: datetime
) -> float | None:
    """The confidence a claim had at `settled`: an edit recorded later (even a forced
    one) never moves its score. `changes` are (when, old, new), oldest first."""
    for moment, old, _new in changes:
        if _aware(moment) > settled:
            return None if old is None else float(old)
    return current


def brier(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Mean squared difference between forecast and outcome; None with nothing scored."""
    if not pairs:
        return None
    return sum((p - o) ** 2 for p, o in pairs) / len(pairs)


def bucket_of(confidence: float) -> int:
    return min(int(confidence * BUCKETS), BUCKETS - 1)


def calibration(pairs: Sequence[tuple[float, float]]) -> list[dict[str, Any]]:
    """Per confidence bucket: how many, mean confidence, observed frequency."""
    rows = []
    for index in range(BUCKETS):
        inside = [(p, o) for p, o in pairs if bucket_of(p) == index]
        if not inside:
            continue
        rows.append(
            {
                "bucket": f"{index / BUCKETS:.1f}-{(index + 1) / BUCKETS:.1f}",
                "n": len(inside),
                "mean_confidence": round(sum(p for p, _ in inside) / len(inside), 4),
                "observed": round(sum(o for _, o in inside) / len(inside), 4),
            }
        )
    return rows


def score(forecasts: Iterable[Forecast]) -> dict[str, Any]:
    """Brier score and calibration of a group of forecasts, with what was left out."""
    forecasts = list(forecasts)
    pairs = [(f.confidence, HAPPENED[f.status]) for f in forecasts if f.status in HAPPENED]
    value = brier(pairs)
    return {
        "scored": len(pairs),
        "brier": round(value, 4) if value is not None else None,
        "open": sum(1 for f in forecasts if f.status == "open"),
        "excluded": sum(1 for f in forecasts if f.status in EXCLUDED),
        "calibration": calibration(pairs),
    }


def stats(forecasts: Sequence[Forecast]) -> dict[str, Any]:
    """Overall, per speaker and per tag."""
    speakers = sorted({f.speaker for f in forecasts}, key=str.casefold)
    tags = sorted({t for f in forecasts for t in f.tags})
    return {
        "overall": score(forecasts),
        "speakers": {s: score(f for f in forecasts if f.speaker == s) for s in speakers},
        "tags": {t: score(f for f in forecasts if t in f.tags) for t in tags},
    }
