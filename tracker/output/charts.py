"""Charts as SVG that needs no script: the calibration of the user's confidences and a
speaker's outcomes.

Both render plain values (rows, counts, labels), never records of the database. Every
text is XML-escaped. Each chart is an image for assistive technology (`role="img"`,
`<title>` and a `<desc>` sentence with its numbers, `aria-labelledby`) and scales with
its container: a `viewBox` and no fixed width or height. `standalone=True` gives a file
of its own (with an XML declaration); `standalone=False` gives the element to embed in
an HTML page, where `chart_id` must be unique.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import Any

from tracker.output.words import METER_STATES, day, state_label

#: The colour of each state, as the stylesheet's variables give them (templates/style.css).
STATE_COLOURS = {
    "kept": "#1d6b30",
    "kept_late": "#4f6b14",
    "partial": "#7a5300",
    "broken": "#a11d1d",
    "withdrawn": "#5a4a78",
    "on_time": "#0b57a4",
    "overdue": "#a14a00",
    "waiting": "#555555",
}

INK, MUTED, GRID, TRACK, DOT = "#1b1b1b", "#4a4a4a", "#d0d0d0", "#ececec", "#0b57a4"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

#: A bucket with fewer claims than this is drawn hollow and faint: it says little.
FEW = 5

#: A white outline under a text, so a line behind it does not cross it out.
HALO = {"stroke": "#ffffff", "stroke_width": "4", "paint_order": "stroke"}

#: Longest title drawn in full; the <title> element always keeps all of it.
TITLE_CHARS = 40

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def text(value: object) -> str:
    """Any value as XML text: escaped, quotes included, without characters XML forbids."""
    return escape(_NOT_XML.sub("", str(value)), quote=True)


def _short(value: str, limit: int = TITLE_CHARS) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _id(chart_id: str) -> str:
    """An id attribute's value: letters, digits, '-' and '_' only, starting with a letter."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "-", chart_id)
    return cleaned if cleaned[:1].isalpha() else f"chart-{cleaned}"


def _frame(
    size: tuple[int, int], chart_id: str, title: str, desc: str, body: list[str], standalone: bool
) -> str:
    """The <svg> element around a chart's body, labelled by its title and description."""
    ident = _id(chart_id)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size[0]} {size[1]}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="{FONT}" font-size="15" fill="{INK}">'
    )
    parts = [
        head,
        f'<title id="{ident}-title">{text(title)}</title>',
        f'<desc id="{ident}-desc">{text(desc)}</desc>',
        f'<rect width="{size[0]}" height="{size[1]}" fill="#ffffff"/>',
        *body,
        "</svg>",
    ]
    return (DECLARATION if standalone else "") + "\n".join(parts) + "\n"


def _text(x: float, y: float, value: str, /, **attributes: object) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{text(v)}"' for name, v in attributes.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{text(value)}</text>'


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def period_label(
    said_after: date | None = None,
    said_before: date | None = None,
    tag: str | None = None,
    speaker: str | None = None,
) -> str:
    """What a chart covers, in words: 'all claims', 'claims said after Mon 3 March 2025,
    tagged trade', 'claims by Dan'."""
    parts = []
    if speaker:
        parts.append(f"by {speaker}")
    if said_after:
        parts.append(f"said after {day(said_after)}")
    if said_before:
        parts.append(f"said before {day(said_before)}")
    if tag:
        parts.append(f"tagged {tag}")
    return "claims " + ", ".join(parts) if parts else "all claims"


# The calibration chart: a reliability diagram -------------------------------------

CAL_SIZE = (600, 680)
PLOT_LEFT, PLOT_TOP, PLOT = 84, 128, 440


def _xy(confidence: float, observed: float) -> tuple[float, float]:
    return PLOT_LEFT + confidence * PLOT, PLOT_TOP + (1 - observed) * PLOT


def wilson(happened: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson interval of a frequency: wide when few claims were scored."""
    p = happened / n
    scale = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / scale
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / scale
    return max(0.0, centre - half), min(1.0, centre + half)


def _grid() -> list[str]:
    """Lines and ticks every 20%, both ways."""
    parts = []
    for step in range(6):
        share = step / 5
        x, y = _xy(share, share)
        bottom, right = PLOT_TOP + PLOT, PLOT_LEFT + PLOT
        parts.append(
            f'<line x1="{x:.1f}" y1="{PLOT_TOP}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}"/>'
        )
        parts.append(
            f'<line x1="{PLOT_LEFT}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(_text(x, bottom + 22, f"{share:.0%}", text_anchor="middle", fill=MUTED))
        parts.append(_text(PLOT_LEFT - 8, y + 5, f"{share:.0%}", text_anchor="end", fill=MUTED))
    return parts


def _axes() -> list[str]:
    """Grid, ticks, axis labels and the diagonal of perfect calibration."""
    (x0, y0), (x1, y1) = _xy(0, 0), _xy(1, 1)
    return [
        *_grid(),
        f'<rect x="{PLOT_LEFT}" y="{PLOT_TOP}" width="{PLOT}" height="{PLOT}" fill="none" '
        f'stroke="{MUTED}"/>',
        f'<line class="diagonal" x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="{MUTED}" '
        'stroke-width="1.5" stroke-dasharray="6 5"/>',
        _text(
            PLOT_LEFT + PLOT / 2,
            PLOT_TOP + PLOT + 48,
            "Your confidence",
            text_anchor="middle",
            font_weight="600",
        ),
        _text(
            22,
            PLOT_TOP + PLOT / 2,
            "How often it came true",
            text_anchor="middle",
            font_weight="600",
            transform=f"rotate(-90 22 {PLOT_TOP + PLOT / 2})",
        ),
    ]


def _bucket(row: Mapping[str, Any]) -> list[str]:
    """One bucket: a dot sized by its count, its 95% range, and 'n=3' written above it."""
    n, confidence, observed = int(row["n"]), float(row["mean_confidence"]), float(row["observed"])
    x, y = _xy(confidence, observed)
    low, high = (_xy(confidence, share)[1] for share in wilson(round(observed * n), n))
    few = n < FEW
    radius = 4 + 2 * math.sqrt(min(n, 100))
    opacity = "0.6" if few else "0.9"
    fill = "#ffffff" if few else DOT
    dash = ' stroke-dasharray="3 3"' if few else ""
    return [
        f'<g class="bucket" data-n="{n}" opacity="{opacity}">',
        f'<line x1="{x:.1f}" y1="{low:.1f}" x2="{x:.1f}" y2="{high:.1f}" stroke="{DOT}" '
        f'stroke-width="2"{dash}/>',
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{fill}" stroke="{DOT}" '
        f'stroke-width="2"{dash}><title>{text(row["bucket"])}: {_plural(n, "claim")}, '
        f"{observed:.0%} came true</title></circle>",
        "</g>",
        _text(
            x,
            y - radius - 6,
            f"n={n}",
            text_anchor="middle",
            fill=MUTED if few else INK,
            **HALO,
            font_weight="400" if few else "700",
            **{"class": "count"},
        ),
    ]


def _calibration_desc(rows: Sequence[Mapping[str, Any]], brier: float | None, period: str) -> str:
    scored = sum(int(row["n"]) for row in rows)
    if not scored:
        return f"Nothing to score yet ({period}): no judged claim has a confidence."
    buckets = "; ".join(
        f"{row['bucket']}: {_plural(int(row['n']), 'claim')}, {float(row['observed']):.0%} "
        "came true"
        for row in rows
    )
    return (
        f"{_plural(scored, 'claim')} scored ({period}), Brier score {_brier(brier)}. "
        f"By confidence: {buckets}."
    )


def _brier(value: float | None) -> str:
    return "none yet" if value is None else f"{value:.3f}"


def _calibration_head(title: str, brier: float | None, period: str, scored: int) -> list[str]:
    width = CAL_SIZE[0]
    return [
        _text(24, 34, _short(title), font_size="22", font_weight="700"),
        _text(
            24,
            62,
            f"Brier score {_brier(brier)}",
            font_size="17",
            font_weight="700",
            **{"class": "brier"},
        ),
        _text(
            width - 24,
            62,
            "0 is perfect; always 50% scores 0.25",
            font_size="13",
            text_anchor="end",
            fill=MUTED,
        ),
        _text(
            24,
            88,
            _short(f"{period[:1].upper()}{period[1:]}: {scored} scored", 70),
            **{"class": "period"},
        ),
    ]


def _legend() -> list[str]:
    """What the diagonal, the dots and their lines mean, under the chart."""
    y = CAL_SIZE[1] - 34
    return [
        f'<line x1="24" y1="{y - 5}" x2="60" y2="{y - 5}" stroke="{MUTED}" stroke-width="1.5" '
        'stroke-dasharray="6 5"/>',
        _text(
            68,
            y,
            "Perfect calibration: what you give 70% happens 70% of the time.",
            font_size="13",
            fill=MUTED,
        ),
        _text(
            24,
            y + 22,
            f"Dot size: claims in the bucket. Line: 95% range. Hollow: under {FEW} claims.",
            font_size="13",
            fill=MUTED,
        ),
    ]


def _nothing_yet() -> list[str]:
    x, y = _xy(0.5, 0.55)
    return [
        f'<rect x="{x - 170:.1f}" y="{y - 34:.1f}" width="340" height="64" rx="6" '
        f'fill="#ffffff" stroke="{GRID}"/>',
        _text(
            x,
            y - 6,
            "Nothing to score yet",
            text_anchor="middle",
            font_size="18",
            font_weight="700",
            **{"class": "empty"},
        ),
        _text(
            x,
            y + 18,
            "Claims with a confidence count once judged.",
            text_anchor="middle",
            font_size="14",
            fill=MUTED,
        ),
    ]


def calibration_svg(
    rows: Sequence[Mapping[str, Any]],
    brier: float | None,
    period: str,
    *,
    title: str = "Calibration of your confidences",
    standalone: bool = True,
    chart_id: str = "calibration",
) -> str:
    """A reliability diagram: per confidence bucket (rows as `scoring.calibration` gives
    them: bucket, n, mean_confidence, observed) a dot at its mean confidence and observed
    frequency, sized by its count and labelled 'n=…', with its 95% range; the diagonal of
    perfect calibration; the Brier score and the period the claims cover."""
    scored = sum(int(row["n"]) for row in rows)
    body = _calibration_head(title, brier, period, scored) + _axes() + _legend()
    for row in rows:
        body += _bucket(row)
    if not scored:
        body += _nothing_yet()
    desc = _calibration_desc(rows, brier, period)
    return _frame(CAL_SIZE, chart_id, title, desc, body, standalone)


# The outcome chart: a bar per state ------------------------------------------------

OUT_WIDTH, PAD, ROW, FIRST_ROW = 480, 16, 50, 76
BAR = OUT_WIDTH - 2 * PAD
OUT_TITLE_CHARS = 34


def _outcome_row(state: str, count: int, total: int, top: float) -> list[str]:
    """A state's label and count on one line, its share of all claims as a bar below."""
    share = count / total
    width = max(3.0, share * BAR)
    colour = STATE_COLOURS[state]
    return [
        f'<g class="state" data-state="{state}">',
        _text(PAD, top + 18, state_label(state), font_size="16"),
        _text(
            PAD + BAR,
            top + 18,
            f"{count} ({share:.0%})",
            font_size="16",
            font_weight="700",
            text_anchor="end",
            **{"class": "count"},
        ),
        f'<rect x="{PAD}" y="{top + 26}" width="{BAR}" height="14" rx="3" fill="{TRACK}"/>',
        f'<rect class="bar" x="{PAD}" y="{top + 26}" width="{width:.1f}" height="14" rx="3" '
        f'fill="{colour}"/>',
        "</g>",
    ]


def _outcome_desc(title: str, counts: Mapping[str, int], total: int) -> str:
    shown = [f"{state_label(s)}: {counts.get(s, 0)}" for s in METER_STATES if counts.get(s, 0)]
    return f"{title}. {_plural(total, 'claim')} in all" + (
        f". {'; '.join(shown)}." if shown else "."
    )


def _outcome_head(title: str, total: int) -> list[str]:
    line = f"{_plural(total, 'claim')} in all"
    return [
        _text(PAD, 30, _short(title, OUT_TITLE_CHARS), font_size="20", font_weight="700"),
        _text(PAD, 56, line, font_size="15", fill=MUTED, **{"class": "total"}),
    ]


def outcome_svg(
    counts: Mapping[str, int],
    title: str,
    *,
    standalone: bool = False,
    chart_id: str = "outcomes",
) -> str:
    """A bar per state, in the meter's order (`words.METER_STATES`: kept, kept_late,
    partial, broken, withdrawn, on_time, overdue, waiting), each with its count and share
    of the total written out; states with no claims are left out, the total is stated.
    `counts` maps those states to numbers; other keys (void, unverifiable, open) are
    ignored and not in the total."""
    states = [s for s in METER_STATES if counts.get(s, 0) > 0]
    total = sum(counts.get(s, 0) for s in METER_STATES)
    body = _outcome_head(title, total)
    for index, state in enumerate(states):
        body += _outcome_row(state, counts[state], total, FIRST_ROW + index * ROW)
    if not states:
        body.append(_text(PAD, FIRST_ROW + 18, "No claims yet.", font_size="16"))
    height = FIRST_ROW + max(len(states), 1) * ROW + PAD // 2
    desc = _outcome_desc(title, counts, total)
    return _frame((OUT_WIDTH, height), chart_id, title, desc, body, standalone)
