"""Formatters shared by every command: table, json, csv and markdown.

Records are plain dicts; the functions here know nothing of the database.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.errors import InputError
from tracker.validate import csv_text

FORMATS = ("table", "json", "csv", "markdown")
TABLE_WIDTH = 80
ELLIPSIS = "…"

Styler = Callable[[str, Mapping[str, Any]], str]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int = 0  # 0: takes what is left of the line
    align: str = "<"


def plain(value: Any) -> str:
    """A value as one line of text."""
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())


def truncate(text: str, width: int) -> str:
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: width - 1] + ELLIPSIS


def _widths(columns: Sequence[Column], width: int, gap: int) -> list[int]:
    fixed = sum(c.width for c in columns if c.width) + gap * (len(columns) - 1)
    flexible = [c for c in columns if not c.width]
    spare = max(width - fixed, 8 * len(flexible))
    share = spare // len(flexible) if flexible else 0
    return [c.width or share for c in columns]


def table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    width: int = TABLE_WIDTH,
    style: Styler | None = None,
    gap: int = 2,
) -> str:
    """Rows as aligned columns no wider than `width`, long cells cut with an ellipsis."""
    widths = _widths(columns, width, gap)
    sep = " " * gap
    header = sep.join(
        f"{truncate(c.header, w):{c.align}{w}}" for c, w in zip(columns, widths, strict=True)
    )
    lines = [header.rstrip()]
    for row in rows:
        cells = []
        for column, cell_width in zip(columns, widths, strict=True):
            text = truncate(plain(row.get(column.key)), cell_width)
            if column is columns[-1] and column.align == "<":
                cells.append(style(text, row) if style else text)
                continue
            cell = f"{text:{column.align}{cell_width}}"
            cells.append(style(cell, row) if style and column is columns[-1] else cell)
        lines.append(sep.join(cells).rstrip())
    return "\n".join(lines)


def to_json(records: Any) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2, default=_json_default)


def to_compact_json(records: Any) -> str:
    """JSON on one line: for large files meant for programs (five times faster)."""
    return json.dumps(records, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_csv(records: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(keys)
    for record in records:
        writer.writerow([_csv_cell(record.get(k)) for k in keys])
    return buffer.getvalue().rstrip("\n")


def _csv_cell(value: Any) -> str:
    if isinstance(value, list | tuple):
        return csv_text(";".join(plain(v) for v in value))
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)  # a number is data, never a formula
    return csv_text(str(value))


def md_escape(text: str) -> str:
    """Text safe inside a Markdown table cell or paragraph."""
    out = " ".join(text.split())
    for ch in "\\`*_{}[]<>()#+!|~":
        out = out.replace(ch, "\\" + ch)
    return out


def markdown_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> str:
    lines = ["| " + " | ".join(c.header for c in columns) + " |"]
    lines.append("|" + "|".join("---:" if c.align == ">" else "---" for c in columns) + "|")
    for row in rows:
        lines.append("| " + " | ".join(md_escape(plain(row.get(c.key))) for c in columns) + " |")
    return "\n".join(lines)


def render(
    records: Sequence[Mapping[str, Any]],
    fmt: str,
    columns: Sequence[Column],
    keys: Sequence[str],
    width: int = TABLE_WIDTH,
    style: Styler | None = None,
    gap: int = 2,
) -> str:
    """One listing in the format asked for; json and csv carry every key."""
    if fmt == "json":
        return to_json(list(records))
    if fmt == "csv":
        return to_csv(records, keys)
    if fmt == "markdown":
        return markdown_table(records, columns)
    if fmt == "table":
        return table(records, columns, width, style, gap)
    raise InputError(f"unknown format {fmt!r}")


def listing_json(records: Sequence[Mapping[str, Any]]) -> str:
    """Byte for byte `to_json(records)` for listing records, several times faster.

    json's `indent` mode runs the pure-Python encoder, which took most of the time of
    `tracker due --format json` on 10,000 claims; here each value goes through the C
    encoder and the indentation is written around it (tests/test_exchange.py checks
    the two agree).
    """
    if not records:
        return "[]"
    return "[\n" + ",\n".join(_record_json(record) for record in records) + "\n]"


def _record_json(record: Mapping[str, Any]) -> str:
    fields = ",\n".join(f"    {_quote(key)}: {_value_json(value)}" for key, value in record.items())
    return "  {\n" + fields + "\n  }"


def _value_json(value: Any) -> str:
    kind = value.__class__
    if kind is str:
        return _quote(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is list:
        if not value:
            return "[]"
        return "[\n" + ",\n".join(f"      {_value_json(item)}" for item in value) + "\n    ]"
    return _encode(value)


_quote: Callable[[str], str] = json.encoder.encode_basestring
_encode = json.JSONEncoder(ensure_ascii=False).encode
