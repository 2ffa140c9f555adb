"""Formatters shared by every command: table, json, csv and markdown.

Records are plain dicts; the functions here know nothing of the database.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.errors import InputError
from tracker.validate import csv_text

FORMATS = ("table", "json", "csv", "markdown")
TABLE_WIDTH = 80
ELLIPSIS = "…"
#: The least a shared column (no cap) is given, and the room it is counted as needing
#: when choosing between full and short headers.
SHARED_FLOOR = 8
SHARED_ROOM = 16
#: Narrower cells are only cut, never elided in the middle.
ELIDE_MIN = 12

Styler = Callable[[str, Mapping[str, Any]], str]


@dataclass(frozen=True)
class Column:
    """A table column. Every column takes no more than its widest cell needs. `width`
    caps it while the line is short (it grows past the cap only with room to spare);
    0: it shares what the others leave, by `weight`. `short` is a header used when the
    full ones do not fit. A `wrap` column's long cells go on over more lines; the
    others' are cut (`fit_cells` keeps what tells them apart)."""

    key: str
    header: str
    width: int = 0
    align: str = "<"
    weight: int = 1
    short: str = ""
    wrap: bool = False


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


def text_width(text: str) -> int:
    """The terminal columns `text` takes: two for a CJK character or an emoji."""
    if text.isascii() or text.replace(ELLIPSIS, "").isascii():  # cut ASCII: no wcwidth
        return len(text)
    from wcwidth import width

    return max(0, width(text))


def _graphemes(text: str) -> Iterable[str]:
    """What a reader sees as one character each (an emoji with its modifiers, a
    letter with its accents)."""
    if text.isascii():
        return text
    from wcwidth import iter_graphemes

    return iter_graphemes(text)


def head(text: str, width: int) -> str:
    """The longest start of `text` that fits in `width` terminal columns."""
    if text.isascii():
        return text[: max(0, width)]
    taken: list[str] = []
    used = 0
    for grapheme in _graphemes(text):
        used += text_width(grapheme)
        if used > width:
            break
        taken.append(grapheme)
    return "".join(taken)


def truncate(text: str, width: int) -> str:
    """`text` cut to `width` terminal columns, an ellipsis marking the cut."""
    if width <= 0:
        return ""
    if text_width(text) <= width:
        return text
    return head(text, width - 1).rstrip() + ELLIPSIS


def pad(text: str, width: int, align: str = "<") -> str:
    room = " " * max(0, width - text_width(text))
    return room + text if align == ">" else text + room


def wrap_cell(text: str, width: int) -> list[str]:
    """`text` over lines of at most `width` columns, broken at spaces (a word too long
    for a line is broken where it reaches the edge)."""
    if width <= 0 or text_width(text) <= width:
        return [text if width > 0 else ""]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        joined = f"{line} {word}" if line else word
        if text_width(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        while text_width(word) > width:
            part = head(word, width) or next(iter(_graphemes(word)))
            lines.append(part)
            word = word[len(part) :]
        line = word
    return [*lines, line] if line else lines


def fit_cells(texts: Sequence[str], width: int) -> list[str]:
    """Each text cut to `width` columns. Different texts whose cuts would read the same
    ("The ceasefire will ho…" twice) show their start, an ellipsis, and the words from
    where they differ ("The…hold until Easter", "The…hold until the summit")."""
    cells = [truncate(text, width) for text in texts]
    if width >= ELIDE_MIN:
        _tell_apart(texts, cells, range(len(texts)), width, 0)
    return cells


def _tell_apart(
    texts: Sequence[str], cells: list[str], indexes: Iterable[int], width: int, depth: int
) -> None:
    groups: dict[str, list[int]] = {}
    for index in indexes:
        groups.setdefault(cells[index], []).append(index)
    for same in groups.values():
        different = {texts[index] for index in same}
        if len(different) < 2 or depth > 8:
            continue
        start = _common_start(different)
        for index in same:
            cells[index] = _elided(texts[index], start, width)
        _tell_apart(texts, cells, same, width, depth + 1)  # some may still read the same


def _common_start(texts: Iterable[str]) -> int:
    """How many characters all of `texts` begin with."""
    ordered = sorted(texts)
    first, last = ordered[0], ordered[-1]
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    return length


def _elided(text: str, start: int, width: int) -> str:
    """`text` in `width` columns as its first words, an ellipsis, and the words from
    `start` (where it differs from others) on."""
    first = head(text, (width - 1) // 3)
    space = first.rfind(" ")
    if space > 0:  # whole words, if there is room for one
        first = first[:space]
    room = width - text_width(first) - 1
    begin = max(start, len(first))
    word = text.rfind(" ", len(first), begin)
    if word >= 0 and text_width(text[word + 1 : begin]) <= room // 2:
        begin = word + 1
    return first + ELLIPSIS + _cut_at_word(text[begin:], room, start - begin)


def _cut_at_word(text: str, width: int, keep: int) -> str:
    """`text` cut to `width` columns, at a space if one is in its second half and after
    its first `keep` characters (where it differs from others)."""
    cut = truncate(text, width)
    if cut == text:
        return cut
    body = cut[: -len(ELLIPSIS)]
    space = body.rfind(" ")
    return body[:space] + ELLIPSIS if space > max(keep, len(body) // 2) else cut


def _natural(header: str, texts: Sequence[str]) -> int:
    return max([text_width(header), *map(text_width, texts)])


def _headers(
    columns: Sequence[Column], texts: Sequence[Sequence[str]], width: int, gap: int
) -> list[str]:
    """The full headers if the columns fit with them, else the short ones."""
    full = [c.header for c in columns]
    if not any(c.short for c in columns):
        return full
    need = gap * (len(columns) - 1)
    for column, column_texts in zip(columns, texts, strict=True):
        natural = _natural(column.header, column_texts)
        need += natural if column.width else min(natural, SHARED_ROOM)
    return full if need <= width else [c.short or c.header for c in columns]


def _widths(
    columns: Sequence[Column],
    headers: Sequence[str],
    texts: Sequence[Sequence[str]],
    width: int,
    gap: int,
) -> list[int]:
    """Each column's width: at least its cap or SHARED_FLOOR (no more than it needs);
    then the shared columns grow by weight, then the capped ones, to what they need."""
    natural = [_natural(h, t) for h, t in zip(headers, texts, strict=True)]
    widths = [min(n, c.width or SHARED_FLOOR) for c, n in zip(columns, natural, strict=True)]
    spare = width - sum(widths) - gap * (len(columns) - 1)
    spare = _grow(widths, natural, [0 if c.width else c.weight for c in columns], spare)
    _grow(widths, natural, [1 if c.width else 0 for c in columns], spare)
    return widths


def _grow(widths: list[int], wanted: Sequence[int], weights: Sequence[int], spare: int) -> int:
    """Share `spare` columns among the columns with a weight, by weight, none past what
    it wants; returns what is left."""
    hungry = [i for i, weight in enumerate(weights) if weight and widths[i] < wanted[i]]
    while spare > 0 and hungry:
        total = sum(weights[i] for i in hungry)
        budget = spare
        for i in hungry:
            part = min(max(1, budget * weights[i] // total), wanted[i] - widths[i], spare)
            widths[i] += part
            spare -= part
        hungry = [i for i in hungry if widths[i] < wanted[i]]
    return spare


def table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    width: int = TABLE_WIDTH,
    style: Styler | None = None,
    gap: int = 2,
) -> str:
    """Rows as aligned columns no wider than `width` terminal columns (a CJK character
    or an emoji counts two); long cells cut or wrapped. `style` colours the last column."""
    texts = [[plain(row.get(c.key)) for row in rows] for c in columns]
    headers = _headers(columns, texts, width, gap)
    widths = _widths(columns, headers, texts, width, gap)
    sep = " " * gap
    header_cells = [wrap_cell(h, w) for h, w in zip(headers, widths, strict=True)]
    height = max(len(lines) for lines in header_cells)
    header_cells = [[""] * (height - len(lines)) + lines for lines in header_cells]
    lines = _joined(columns, widths, header_cells, sep)
    cells = [_cells(c, t, w) for c, t, w in zip(columns, texts, widths, strict=True)]
    for index, row in enumerate(rows):
        lines += _joined(columns, widths, [cell[index] for cell in cells], sep, style, row)
    return "\n".join(lines)


def _cells(column: Column, texts: Sequence[str], width: int) -> list[list[str]]:
    """A column's cells, each as its lines."""
    if column.wrap:
        return [wrap_cell(text, width) for text in texts]
    return [[cell] for cell in fit_cells(texts, width)]


def _joined(
    columns: Sequence[Column],
    widths: Sequence[int],
    cells: Sequence[Sequence[str]],
    sep: str,
    style: Styler | None = None,
    row: Mapping[str, Any] | None = None,
) -> list[str]:
    """One row's cells (each a list of lines) as lines of text."""
    height = max((len(lines) for lines in cells), default=1)
    out = []
    for number in range(height):
        parts = []
        for column, cell_width, lines in zip(columns, widths, cells, strict=True):
            text = lines[number] if number < len(lines) else ""
            last = column is columns[-1]
            part = text if last and column.align == "<" else pad(text, cell_width, column.align)
            parts.append(style(part, row) if style and last and row is not None and text else part)
        out.append(sep.join(parts).rstrip())
    return out


def arranged(
    records: Sequence[Mapping[str, Any]],
    keys: Sequence[str],
    sort: str | None = None,
    limit: int | None = None,
) -> list[Any]:
    """A listing sorted by `sort` (one of `keys`; `-KEY` for descending, text without
    regard to case, empty values last either way), then its first `limit` records."""
    rows = list(records)
    if sort:
        key = sort.removeprefix("-")
        if key not in keys:
            raise InputError(f"--sort {sort!r}: no such field; one of {', '.join(keys)}")
        empty = [row for row in rows if row.get(key) in (None, "", [])]
        full = [row for row in rows if row.get(key) not in (None, "", [])]
        full.sort(key=lambda row: _sort_key(row[key]), reverse=sort.startswith("-"))
        rows = full + empty
    return rows if limit is None else rows[:limit]


def _sort_key(value: Any) -> Any:
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, list | tuple):
        return [plain(item).casefold() for item in value]
    return value


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
