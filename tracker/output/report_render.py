"""Renderers of a report digest: plain text, Markdown, an HTML page (and mail), JSON.

A digest is the plain record `tracker.domain.reports.build_digest` returns; nothing here knows
the database. Every format says the same things in the same words (tracker.output.words):
a title with the day, each claim with its state, window, quote, criteria and source, a
scoreboard of the speakers in the report, and the commands that act on the claims in
one footer (left out with `hints=False`).

All user text (claim text, speaker, phrase, quote, criteria, URL) is treated as hostile:
folded to one line and stripped of control characters everywhere; in Markdown only what
would be read as markup where it stands is escaped (`md_text`); HTML comes from
autoescaping Jinja2 templates (templates/report.html, mail.html); only http and https
URLs become links.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from tracker.errors import InputError
from tracker.output.formats import to_json
from tracker.output.words import (
    day,
    days_phrase,
    snoozed_until,
    state_label,
    state_of,
    web_url,
    window,
)
from tracker.records import SCOREBOARD_KEYS
from tracker.vocab import OUTCOMES

REPORT_FORMATS = ("text", "markdown", "html", "json")
SLACK_ITEM_LIMIT = 20
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"

#: The scoreboard's figures, in order; those in SCORE_ALWAYS are shown even when zero.
SCORE_COLUMNS = SCOREBOARD_KEYS[2:]
SCORE_ALWAYS = ("kept", "broken", "open", "overdue")
SCOREBOARD_TITLE = "Track record of the speakers in this report"
#: The commands that act on a report's claims, said once at its foot.
HINTS = (
    ("Record a verdict", "tracker verify N --outcome OUTCOME"),
    ("Check again after a later day", "tracker snooze N --until YYYY-MM-DD"),
)

Item = Mapping[str, Any]
Digest = Mapping[str, Any]


def one_line(value: Any) -> str:
    """Text on one line with no control characters (no terminal escapes, no new lines)."""
    if value is None:
        return ""
    folded = " ".join(str(value).split())
    return "".join(ch for ch in folded if unicodedata.category(ch) != "Cc")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def section_title(section: str, digest: Digest) -> str:
    if section == "upcoming":
        return f"Coming due in the next {plural(digest['upcoming_days'], 'day')}"
    return {
        "new": "Newly due",
        "overdue": "Still overdue",
        "verified": "Verified since the last report",
    }[section]


def summary(digest: Digest) -> str:
    """`2 newly due, 1 still overdue, 0 coming due` for the sections reported."""
    counts = digest["counts"]
    words = {
        "new": "newly due",
        "overdue": "still overdue",
        "upcoming": "coming due",
        "verified": "verified",
    }
    said = ", ".join(f"{counts[s]} {words[s]}" for s in digest["sections"])
    waiting = counts.get("waiting")
    return f"{said}; {waiting} waiting for an event's day" if waiting else said


def title(digest: Digest) -> str:
    """What the report is: 'Claims due for checking, Mon 24 March 2025'."""
    return f"Claims due for checking, {day(digest['as_of'])}"


def state(item: Item) -> str:
    """The claim's state as the meter says it: an outcome, on time or overdue."""
    return state_of(item["status"], item["days_overdue"])


def when(item: Item) -> str:
    """How the claim stands in time: how overdue or how long left, or when judged."""
    if item["status"] != "open":
        return f"judged {day(item['outcome_on'])}"
    snoozed = snoozed_until(item, None) if item["days_overdue"] <= 0 else None
    if snoozed is not None:
        return f"snoozed until {day(snoozed)}"
    return days_phrase(item["days_overdue"])


def item_window(item: Item) -> str:
    return window(item["deadline_start"], item["deadline_end"]) or "no window"


def sections_with_items(digest: Digest) -> list[str]:
    return [s for s in digest["sections"] if digest[s]]


def judge_ids(digest: Digest) -> list[int]:
    """The claims in the report still to be judged (those the hints are about)."""
    return [
        item["id"]
        for section in sections_with_items(digest)
        for item in digest[section]
        if item["verify_command"]
    ]


def hint_note(ids: Sequence[int]) -> str:
    numbers = ", ".join(f"#{claim_id}" for claim_id in ids)
    return f"N is the claim's number ({numbers}); OUTCOME is one of {', '.join(OUTCOMES)}."


def score_columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The scoreboard's figures worth showing: the usual four, and any other not zero."""
    return [key for key in SCORE_COLUMNS if key in SCORE_ALWAYS or any(row[key] for row in rows)]


def score_label(key: str) -> str:
    return state_label(key).lower()


def scoreline(row: Mapping[str, Any], columns: Sequence[str]) -> str:
    """'(3 claims): 1 kept, 0 broken, 2 open, 1 overdue' (said after the speaker)."""
    figures = ", ".join(f"{row[key]} {score_label(key)}" for key in columns)
    return f"({plural(row['claims'], 'claim')}): {figures}"


def nothing(digest: Digest) -> str:
    return f"Nothing to report for {day(digest['as_of'])} ({summary(digest)})."


# plain text


def _text_item(item: Item) -> list[str]:
    lines = [
        f"#{item['id']}  {one_line(item['speaker'])}: {one_line(item['text'])}",
        f"    {state_label(state(item))} · {when(item)} · window {item_window(item)}",
        f"    “{one_line(item['deadline_phrase'])}”, said {day(item['said_on'])}",
    ]
    if item["quote"]:
        lines.append(f"    Quote: “{one_line(item['quote'])}”")
    if item["criteria"]:
        lines.append(f"    Criteria: {one_line(item['criteria'])}")
    if item["source_url"]:
        lines.append(f"    Source: {one_line(item['source_url'])}")
    return lines


def _text_scoreboard(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    columns = score_columns(rows)
    return ["", SCOREBOARD_TITLE] + [
        f"  {one_line(row['speaker'])} {scoreline(row, columns)}" for row in rows
    ]


def _text_hints(ids: Sequence[int]) -> list[str]:
    width = max(len(what) for what, _ in HINTS) + 1
    lines = [f"  {(what + ':').ljust(width)}  {command}" for what, command in HINTS]
    return ["", "Commands", *lines, f"  {hint_note(ids)}"]


def to_text(digest: Digest, hints: bool = True) -> str:
    """Plain text for terminals and cron mail."""
    shown = sections_with_items(digest)
    if not shown:
        return nothing(digest)
    lines = [title(digest), f"{summary(digest)}."]
    for section in shown:
        lines += ["", f"{section_title(section, digest)} ({len(digest[section])})"]
        for number, item in enumerate(digest[section]):
            lines += ([""] if number else []) + _text_item(item)
    if digest["scoreboard"]:
        lines += _text_scoreboard(digest["scoreboard"])
    if hints and judge_ids(digest):
        lines += _text_hints(judge_ids(digest))
    return "\n".join(lines)


# Markdown

#: Marks that are markup wherever they stand: escapes, code, emphasis, strike-through,
#: links and images, raw HTML and autolinks, character references. `_` only counts at a
#: word's edge (CommonMark and Slack leave `kept_late` alone).
_MD_INLINE = re.compile(r"[\\`*~\[\]<]|_|&(?=#?[0-9A-Za-z]+;)")
#: What makes a block when it starts a line: a heading (`#` then a space), a quote, a
#: list item (`-`, `+` then a space; `1.`, `2)` then a space), a rule or setext underline
#: (a line of `-` or `=`).
_MD_LINE_START = re.compile(
    r"^(?:#(?=#{0,5}(?:\s|$))|>|[-+](?=\s|$)|[-=](?=[-=\s]*$)|\d{1,9}(?=[.)](?:\s|$)))"
)


def _md_inline_mark(match: re.Match[str]) -> str:
    text, at = match.string, match.start()
    inside_a_word = 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum()
    return "_" if match.group() == "_" and inside_a_word else "\\" + match.group()


def _md_line_start_mark(match: re.Match[str]) -> str:
    found = match.group()
    return found + "\\" if found[0].isdigit() else "\\" + found


def md_text(value: Any, line_start: bool = False) -> str:
    """User text safe in Markdown, on one line, with no more escapes than needed.

    `#4`, `Donald J.` and `kept_late` stay as they are inside a line; `*x*`, `[a](b)`,
    `<b>`, `` `c` ``, `~~s~~`, `&amp;` and `_x_` are escaped. With `line_start` (the text
    begins a line, as a quote does) what would open a block there is escaped too.
    """
    text = _MD_INLINE.sub(_md_inline_mark, one_line(value))
    return _MD_LINE_START.sub(_md_line_start_mark, text, count=1) if line_start else text


def md_link(label: str, url: Any) -> str:
    """A Markdown link for http(s) URLs; anything else as escaped text."""
    safe = web_url(url)
    if safe is None:
        return md_text(url)
    return f"[{label}](<{quote(one_line(safe), safe=_URL_SAFE)}>)"


def _markdown_item(item: Item) -> list[str]:
    said = f"“{md_text(item['deadline_phrase'])}”, said {day(item['said_on'])}"
    if item["source_url"]:
        said += f" · {md_link('source', item['source_url'])}"
    lines = [
        f"- **#{item['id']} {md_text(item['speaker'])}**: {md_text(item['text'])}  ",
        f"  **{state_label(state(item))}** · {when(item)} · window {item_window(item)}  ",
        f"  {said}",
    ]
    if item["criteria"]:
        lines[-1] += "  "
        lines.append(f"  Criteria: {md_text(item['criteria'])}")
    if item["quote"]:
        lines += ["", f"  > {md_text(item['quote'], line_start=True)}"]
    return lines


def _markdown_scoreboard(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    columns = score_columns(rows)
    lines = [f"- **{md_text(row['speaker'])}** {scoreline(row, columns)}" for row in rows]
    return ["", f"## {SCOREBOARD_TITLE}", "", *lines]


def _markdown_hints(ids: Sequence[int]) -> list[str]:
    lines = [f"{what}: `{command}`  " for what, command in HINTS]
    return ["", "---", "", *lines, hint_note(ids)]


def to_markdown(digest: Digest, hints: bool = True) -> str:
    """Markdown for newsletters and chat; user text escaped only where it would be markup."""
    shown = sections_with_items(digest)
    lines = [f"# {title(digest)}", "", f"{summary(digest)}."]
    for section in shown:
        lines += ["", f"## {section_title(section, digest)} ({len(digest[section])})"]
        for item in digest[section]:
            lines += ["", *_markdown_item(item)]
    if not shown:
        lines += ["", "Nothing to report."]
    if digest["scoreboard"]:
        lines += _markdown_scoreboard(digest["scoreboard"])
    if hints and judge_ids(digest):
        lines += _markdown_hints(judge_ids(digest))
    return "\n".join(lines)


# HTML (templates)


def html_context(digest: Digest, hints: bool) -> dict[str, Any]:
    """What the report's templates are given: the digest's parts, worded as above."""
    from tracker.output.templating import stylesheet

    ids = judge_ids(digest) if hints else []
    return {
        "title": title(digest),
        "summary": summary(digest),
        "css": stylesheet(),
        "sections": [
            {"title": section_title(s, digest), "claims": digest[s]}
            for s in sections_with_items(digest)
        ],
        "when": when,
        "item_window": item_window,
        "scoreboard": digest["scoreboard"],
        "score_columns": score_columns(digest["scoreboard"]),
        "scoreboard_title": SCOREBOARD_TITLE,
        "hints": HINTS if ids else (),
        "hint_note": hint_note(ids) if ids else "",
    }


def to_html(digest: Digest, hints: bool = True) -> str:
    """A self-contained page: inline CSS, no scripts, every piece of user text escaped."""
    from tracker.output.templating import render

    return render("report.html", **html_context(digest, hints)).rstrip("\n")


def to_mail_html(digest: Digest, hints: bool = True) -> str:
    """The HTML part of a report's mail (the page, saying it was sent automatically)."""
    from tracker.output.templating import render

    return render("mail.html", **html_context(digest, hints)).rstrip("\n")


# JSON, mail subject, webhook


def to_report_json(digest: Digest, hints: bool = True) -> str:
    """The digest as it is: the hints stay in each item's `verify_command`."""
    return to_json(dict(digest))


RENDERERS: dict[str, Callable[[Digest, bool], str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "html": to_html,
    "json": to_report_json,
}


def render_report(digest: Digest, fmt: str, hints: bool = True) -> str:
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        known = ", ".join(REPORT_FORMATS)
        raise InputError(f"unknown report format {fmt!r}; one of {known}") from None
    return renderer(digest, hints)


def subject_line(digest: Digest, limit: int = 60) -> str:
    """A one-line mail subject; with newly due claims, it names the first one."""
    new = digest["new"]
    if new:
        first = one_line(new[0]["text"])
        first = first if len(first) <= limit else first[: limit - 1] + "…"
        return f"tracker: {plural(len(new), 'claim')} newly due ({digest['as_of']}): {first}"
    total = digest["counts"]["total"]
    if total:
        return f"tracker: {plural(total, 'claim')} to check ({digest['as_of']})"
    return f"tracker: nothing to check ({digest['as_of']})"


def slack_escape(value: Any) -> str:
    """Slack's three escapes, on one line."""
    return one_line(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_state(item: Item) -> str:
    if item["status"] == "open":
        return when(item)
    return f"{state_label(item['status'])}, {when(item)}"


def slack_text(digest: Digest) -> str:
    """The webhook payload's `text`: a summary and one line per claim (Slack-compatible)."""
    lines = [slack_escape(f"{title(digest)}: {summary(digest)}")]
    items = [item for section in sections_with_items(digest) for item in digest[section]]
    for item in items[:SLACK_ITEM_LIMIT]:
        lines.append(
            f"• #{item['id']} {slack_escape(item['speaker'])}: {slack_escape(item['text'])} "
            f"({_slack_state(item)})"
        )
    if len(items) > SLACK_ITEM_LIMIT:
        lines.append(f"… and {len(items) - SLACK_ITEM_LIMIT} more")
    return "\n".join(lines)


def webhook_payload(digest: Digest) -> str:
    """The JSON digest with a Slack-compatible top-level `text`."""
    return to_json({"text": slack_text(digest), **digest})
