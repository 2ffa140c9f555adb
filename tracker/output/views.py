"""Human-readable views of claim records: the add line, table columns, show page."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import click

from tracker.output.formats import Column, md_escape
from tracker.output.words import snoozed_until


def claim_columns() -> list[Column]:
    """A claim listing's columns: the speaker and the claim share the line's width (the
    claim three parts to one); a long state ("snoozed until 2025-04-01") wraps."""
    return [
        Column("id", "ID", 7, ">"),
        Column("speaker", "SPEAKER", weight=1),
        Column("text", "CLAIM", weight=3),
        Column("deadline_end", "ENDS", 10),
        Column("slips", "SLIPS", 5, ">"),
        Column("state", "STATE", 13, wrap=True),
    ]


def state(record: Mapping[str, Any], as_of: date | None = None) -> str:
    """Status, or for open claims how overdue (or how long left), or until when they are
    snoozed. A listing's record has no `due_on`: it is `as_of` less `days_overdue`."""
    overdue = record.get("days_overdue")
    if record.get("status") != "open" or overdue is None:
        return str(record.get("status"))
    if overdue > 0:
        return f"{overdue}d overdue"
    snoozed = snoozed_until(record, as_of)
    if snoozed is not None:
        return f"snoozed until {snoozed.isoformat()}"
    if overdue == 0:
        return "ends today"
    return f"{-overdue}d left"


def style_overdue(cell: str, record: Mapping[str, Any]) -> str:
    overdue = record.get("days_overdue")
    if record.get("status") == "open" and overdue is not None and overdue > 0:
        return click.style(cell, fg="red")
    return cell


def describe_added(record: Mapping[str, Any]) -> str:
    """`#1 Speaker: text; due START..END ("phrase", said DAY)`; a claim on an event
    not dated yet is `waiting` instead of due."""
    if record["status"] == "waiting":
        return (
            f"#{record['id']} {record['speaker']}: {record['text']}; waiting for its event "
            f'to be dated ("{record["deadline_phrase"]}", said {record["said_on"]})'
        )
    return (
        f"#{record['id']} {record['speaker']}: {record['text']}; "
        f"due {record['deadline_start']}..{record['deadline_end']} "
        f'("{record["deadline_phrase"]}", said {record["said_on"]})'
    )


def _field_lines(detail: Mapping[str, Any]) -> list[tuple[str, Any]]:
    deadline = (
        f'"{detail["deadline_phrase"]}" -> {detail["deadline_start"]}..{detail["deadline_end"]}'
    )
    if detail.get("deadline_rule"):
        deadline += f" ({detail['deadline_rule']})"
    if detail["status"] == "waiting":
        deadline = f'"{detail["deadline_phrase"]}": no window until the event is dated'
    event = detail.get("event")
    return [
        ("speaker", detail["speaker"]),
        ("said on", detail["said_on"]),
        ("event", f"{event['name']} ({event['on'] or 'not dated yet'})" if event else None),
        ("deadline", deadline),
        ("status", state(detail) if detail["status"] == "open" else detail["status"]),
        ("outcome on", detail.get("outcome_on")),
        ("source", detail.get("source_url")),
        ("quote", detail.get("quote")),
        ("criteria", detail.get("criteria")),
        ("confidence", detail.get("confidence")),
        ("tags", ", ".join(detail.get("tags") or [])),
        ("slips", detail.get("slips") or None),
        ("uid", detail["uid"]),
        ("created", detail.get("created_at")),
    ]


def _history_line(entry: Mapping[str, Any]) -> str:
    day = entry.get("on") or entry.get("recorded_at", "")[:10]
    if entry["kind"] == "verify":
        what = f"judged {entry['outcome']}"
        if entry.get("days_late"):
            what += f" ({entry['days_late']} days late)"
    elif entry["kind"] == "snooze":
        what = f"snoozed until {entry['until']}"
    elif entry["kind"] == "slip":
        what = (
            f'deadline moved: "{entry["old_phrase"]}" ({entry["old_start"]}..'
            f'{entry["old_end"]}) -> "{entry["new_phrase"]}" '
            f"({entry['new_start']}..{entry['new_end']})"
        )
    elif entry["kind"] == "reopen":
        what = f"reopened (was {entry['outcome']})"
    elif entry["kind"] == "event":
        what = f"window {entry['new_start']}..{entry['new_end']} from the event (not a slip)"
    else:
        what = entry["kind"]
    parts = [f"  {day}  {what}"]
    if entry.get("evidence_url"):
        parts.append(f"evidence {entry['evidence_url']}")
    if entry.get("note"):
        parts.append(f"note: {entry['note']}")
    return "; ".join(parts)


def _source_line(source: Mapping[str, Any]) -> str:
    """One of a claim's sources: its URL, then what is known of it."""
    said = f"said on {source['said_on']}" if source.get("said_on") else None
    published = f"published {source['published_on']}" if source.get("published_on") else None
    about = [source.get("outlet"), source.get("title"), published, said, source.get("note")]
    known = "; ".join(str(part) for part in about if part)
    return f"{source['url']} ({known})" if known else source["url"]


def show_text(detail: Mapping[str, Any]) -> str:
    lines = [f"#{detail['id']} {detail['text']}"]
    sources = detail.get("sources") or []
    for label, value in _field_lines(detail):
        if label == "source" and len(sources) == 1:
            lines.append(f"  {'source:':<12}{_source_line(sources[0])}")
        elif label == "source" and sources:
            lines.append(f"  {'sources:':<12}{len(sources)}")
            lines.extend(f"    {_source_line(source)}" for source in sources)
        elif value not in (None, ""):
            lines.append(f"  {label + ':':<12}{value}")
    history = detail.get("history") or []
    lines.append("history:" if history else "history: none")
    lines.extend(_history_line(entry) for entry in history)
    journal = detail.get("journal") or []
    if journal:
        lines.append("journal:")
        lines.extend(f"  {journal_line(entry)}" for entry in journal)
    return "\n".join(lines)


def change_text(entry: Mapping[str, Any], width: int = 60) -> str:
    """What a journal entry changed, in a few words."""
    changes = entry["changes"]
    detail = entry.get("detail") or {}
    if entry["action"] == "undo":
        return f"reverts #{detail.get('undoes')} ({detail.get('action')})"
    if entry["action"] in ("add", "rm"):
        text = next((c["new"] or c["old"] for c in changes if c["field"] == "text"), "")
        return _short(text, width)
    if not changes:
        words = [f"{k} {v}" for k, v in detail.items() if k != "new_speaker"]
        return "; ".join(words)
    return "; ".join(
        f"{c['field']} {_short(c['old'], width)} -> {_short(c['new'], width)}" for c in changes
    )


def _short(value: Any, width: int) -> str:
    text = "-" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def journal_line(entry: Mapping[str, Any]) -> str:
    """One journal entry as `show` prints it."""
    when = entry["recorded_at"][:16].replace("T", " ")
    parts = [f"{when}  #{entry['id']} {entry['action']} by {entry['author']}"]
    what = change_text(entry)
    if what:
        parts.append(what)
    if entry.get("note"):
        parts.append(f"note: {entry['note']}")
    if entry.get("undone_by"):
        parts.append(f"undone by #{entry['undone_by']}")
    return "; ".join(parts)


def _score_line(label: str, score: Mapping[str, Any]) -> str:
    brier = f"{score['brier']:.4f}" if score["brier"] is not None else "-"
    return (
        f"{label}: Brier {brier} over {score['scored']} judged "
        f"({score['open']} open, {score['excluded']} void/withdrawn/unverifiable left out)"
    )


def _calibration_lines(score: Mapping[str, Any], markdown: bool) -> list[str]:
    rows = score["calibration"]
    if not rows:
        return []
    if markdown:
        lines = ["", "| confidence | n | mean confidence | observed |", "|---|---:|---:|---:|"]
        lines += [
            f"| {r['bucket']} | {r['n']} | {r['mean_confidence']:.2f} | {r['observed']:.2f} |"
            for r in rows
        ]
        return [*lines, ""]
    lines = ["  CONFIDENCE     N  MEAN CONF  OBSERVED"]
    lines += [
        f"  {r['bucket']:<10}{r['n']:>6}  {r['mean_confidence']:>9.2f}  {r['observed']:>8.2f}"
        for r in rows
    ]
    return lines


def stats_text(result: Mapping[str, Any], markdown: bool = False) -> str:
    """Forecast scores as text (or Markdown): overall with calibration, then per group."""
    head = "## " if markdown else ""
    name = md_escape if markdown else str
    lines = [f"{head}{_score_line('Overall', result['overall'])}"]
    lines += _calibration_lines(result["overall"], markdown)
    for title, group in (("Speakers", result["speakers"]), ("Tags", result["tags"])):
        if group:
            lines.append(f"{head}{title}" if markdown else f"{title}:")
            bullet = "- " if markdown else "  "
            lines += [f"{bullet}{_score_line(name(key), score)}" for key, score in group.items()]
    return "\n".join(lines)
