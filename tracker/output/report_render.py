"""Renderers of a report digest: plain text, Markdown, a self-contained HTML page, JSON.

A digest is the plain record `tracker.domain.reports.build_digest` returns; nothing here knows
the database. All user text (claim text, speaker, phrase, URL) is treated as hostile:
folded to one line and stripped of control characters for text, backslash-escaped for
Markdown, `html.escape`d for HTML; only http and https URLs become links.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

from tracker.errors import InputError
from tracker.output.formats import to_json
from tracker.output.words import web_url
from tracker.vocab import OUTCOMES

REPORT_FORMATS = ("text", "markdown", "html", "json")
SLACK_ITEM_LIMIT = 20
_MD_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"

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


def when(item: Item) -> str:
    """How the claim stands: judged, how overdue, or how long left."""
    if item["status"] != "open":
        return f"judged {item['status']} on {item['outcome_on']}"
    overdue = item["days_overdue"]
    if overdue > 0:
        return f"{plural(overdue, 'day')} overdue"
    return "ends today" if overdue == 0 else f"ends in {plural(-overdue, 'day')}"


def window(item: Item) -> str:
    return f"{item['deadline_start']}..{item['deadline_end']}"


def sections_with_items(digest: Digest) -> list[str]:
    return [s for s in digest["sections"] if digest[s]]


def title(digest: Digest) -> str:
    return f"tracker report, as of {digest['as_of']}"


# plain text


OUTCOME_LEGEND = "OUTCOME is one of: " + ", ".join(OUTCOMES) + "."


def has_checks(digest: Digest) -> bool:
    return any(item["verify_command"] for s in sections_with_items(digest) for item in digest[s])


def _text_item(item: Item) -> list[str]:
    lines = [
        f"#{item['id']}  {one_line(item['speaker'])}: {one_line(item['text'])}",
        f'    "{one_line(item["deadline_phrase"])}" (said {item["said_on"]}): '
        f"{window(item)}, {when(item)}",
    ]
    if item["source_url"]:
        lines.append(f"    source: {one_line(item['source_url'])}")
    if item["verify_command"]:
        lines.append(f"    check:  {item['verify_command']}")
    return lines


def to_text(digest: Digest) -> str:
    """Plain text for terminals and cron mail."""
    shown = sections_with_items(digest)
    if not shown:
        return f"Nothing to report as of {digest['as_of']} ({summary(digest)})."
    lines = [f"{title(digest)}: {summary(digest)}"]
    for section in shown:
        lines += ["", f"{section_title(section, digest)} ({len(digest[section])})"]
        for item in digest[section]:
            lines += _text_item(item)
    if has_checks(digest):
        lines += ["", OUTCOME_LEGEND]
    return "\n".join(lines)


# Markdown


def md_text(value: Any) -> str:
    """User text safe in Markdown: one line, every ASCII punctuation mark escaped."""
    return _MD_PUNCTUATION.sub(r"\\\1", one_line(value))


def md_link(label: str, url: Any) -> str:
    """A Markdown link for http(s) URLs; anything else as escaped text."""
    safe = web_url(url)
    if safe is None:
        return md_text(url)
    return f"[{label}](<{quote(one_line(safe), safe=_URL_SAFE)}>)"


def _markdown_item(item: Item) -> list[str]:
    detail = (
        f'"{md_text(item["deadline_phrase"])}" \\(said {item["said_on"]}\\): '
        f"{window(item)}, {when(item)}"
    )
    if item["source_url"]:
        detail += f" · {md_link('source', item['source_url'])}"
    lines = [
        f"- **\\#{item['id']} {md_text(item['speaker'])}**: {md_text(item['text'])}  ",
        f"  {detail}" + ("  " if item["verify_command"] else ""),
    ]
    if item["verify_command"]:
        lines.append(f"  `{item['verify_command']}`")
    return lines


def to_markdown(digest: Digest) -> str:
    """Markdown for newsletters; user text escaped."""
    lines = [f"# {title(digest)}", "", f"{summary(digest)}."]
    for section in sections_with_items(digest):
        lines += ["", f"## {section_title(section, digest)} ({len(digest[section])})", ""]
        for item in digest[section]:
            lines += _markdown_item(item)
    if not sections_with_items(digest):
        lines += ["", "Nothing to report."]
    if has_checks(digest):
        lines += ["", md_text(OUTCOME_LEGEND)]
    return "\n".join(lines)


# HTML

_CSS = """
body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
max-width:46em;margin:1.5em auto;padding:0 1em;color:#1b1b1b;line-height:1.45}
h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #ddd;padding-bottom:.2em}
ul{list-style:none;padding:0}li{margin:0 0 1em}
.who{font-weight:600}.meta{color:#555;font-size:.92em}
.late{color:#b00020}code{background:#f3f3f3;padding:.1em .3em;font-size:.88em}
""".strip()


def h(value: Any) -> str:
    return html.escape(one_line(value), quote=True)


def html_link(label: str, url: Any) -> str:
    safe = web_url(url)
    if safe is None:
        return h(url)
    href = html.escape(quote(one_line(safe), safe=_URL_SAFE), quote=True)
    return f'<a href="{href}" rel="noopener noreferrer">{h(label)}</a>'


def _html_item(item: Item) -> str:
    late = ' class="late"' if item["status"] == "open" and item["days_overdue"] > 0 else ""
    parts = [
        f'<li><span class="who">#{item["id"]} {h(item["speaker"])}</span>: {h(item["text"])}',
        f'<div class="meta">&ldquo;{h(item["deadline_phrase"])}&rdquo; (said '
        f"{h(item['said_on'])}): {h(window(item))}, <span{late}>{h(when(item))}</span>",
    ]
    if item["source_url"]:
        parts.append(f" &middot; {html_link('source', item['source_url'])}")
    parts.append("</div>")
    if item["verify_command"]:
        parts.append(f'<div class="meta"><code>{h(item["verify_command"])}</code></div>')
    return "".join(parts) + "</li>"


def _html_body(digest: Digest) -> list[str]:
    body = [f"<h1>{h(title(digest))}</h1>", f"<p>{h(summary(digest))}.</p>"]
    for section in sections_with_items(digest):
        body.append(f"<h2>{h(section_title(section, digest))} ({len(digest[section])})</h2>")
        body.append("<ul>" + "".join(_html_item(i) for i in digest[section]) + "</ul>")
    if not sections_with_items(digest):
        body.append("<p>Nothing to report.</p>")
    if has_checks(digest):
        body.append(f'<p class="meta">{h(OUTCOME_LEGEND)}</p>')
    return body


def to_html(digest: Digest) -> str:
    """A self-contained page: inline CSS, no scripts, every piece of user text escaped."""
    head = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(title(digest))}</title><style>{_CSS}</style></head><body>",
    ]
    return "\n".join([*head, *_html_body(digest), "</body></html>"])


# JSON, mail subject, webhook


def to_report_json(digest: Digest) -> str:
    return to_json(dict(digest))


RENDERERS: dict[str, Callable[[Digest], str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "html": to_html,
    "json": to_report_json,
}


def render_report(digest: Digest, fmt: str) -> str:
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        known = ", ".join(REPORT_FORMATS)
        raise InputError(f"unknown report format {fmt!r}; one of {known}") from None
    return renderer(digest)


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


def slack_text(digest: Digest) -> str:
    """The webhook payload's `text`: a summary and one line per claim (Slack-compatible)."""
    lines = [slack_escape(f"{title(digest)}: {summary(digest)}")]
    items = [item for section in sections_with_items(digest) for item in digest[section]]
    for item in items[:SLACK_ITEM_LIMIT]:
        lines.append(
            f"• #{item['id']} {slack_escape(item['speaker'])}: {slack_escape(item['text'])} "
            f"({when(item)})"
        )
    if len(items) > SLACK_ITEM_LIMIT:
        lines.append(f"… and {len(items) - SLACK_ITEM_LIMIT} more")
    return "\n".join(lines)


def webhook_payload(digest: Digest) -> str:
    """The JSON digest with a Slack-compatible top-level `text`."""
    return to_json({"text": slack_text(digest), **digest})
