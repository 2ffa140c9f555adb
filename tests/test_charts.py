"""The SVG charts: the calibration of the user's confidences and a speaker's outcomes,
parsed as XML and read back: counts written out, the diagonal, the Brier score, the
order and colours of the outcome bars, accessibility, and hostile text kept as text."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Run, refused
from tracker.output.charts import (
    STATE_COLOURS,
    calibration_svg,
    outcome_svg,
    period_label,
    wilson,
)
from tracker.output.words import METER_STATES, state_label

SVG = "{http://www.w3.org/2000/svg}"
STYLESHEET = Path(__file__).resolve().parent.parent / "tracker/output/templates/style.css"
HOSTILE = "</svg><script>alert(1)</script> & \"quoted\" 'too' <b>"

ROWS = [
    {"bucket": "0.1-0.2", "n": 40, "mean_confidence": 0.15, "observed": 0.2},
    {"bucket": "0.6-0.7", "n": 1, "mean_confidence": 0.62, "observed": 1.0},
    {"bucket": "0.9-1.0", "n": 12, "mean_confidence": 0.93, "observed": 0.75},
]

COUNTS = {"kept": 5, "kept_late": 1, "partial": 0, "broken": 3, "on_time": 4, "waiting": 2}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    """Every text drawn on the chart (not the title or description), in document order."""
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in e.get("class", "").split()]


def no_script(root: ET.Element) -> None:
    tags = {e.tag.rsplit("}", 1)[-1].lower() for e in root.iter()}
    assert "script" not in tags and "b" not in tags
    assert not [name for e in root.iter() for name in e.attrib if name.startswith("on")]


def test_the_calibration_chart_writes_each_bucket_count() -> None:
    root = parse(calibration_svg(ROWS, 0.1234, "all claims"))
    counts = [e.text for e in by_class(root, "count")]
    assert counts == ["n=40", "n=1", "n=12"]
    assert [e.get("data-n") for e in by_class(root, "bucket")] == ["40", "1", "12"]


def test_the_calibration_chart_draws_the_diagonal_corner_to_corner() -> None:
    root = parse(calibration_svg(ROWS, 0.1234, "all claims"))
    [diagonal] = by_class(root, "diagonal")
    x1, y1, x2, y2 = (float(diagonal.get(k, "nan")) for k in ("x1", "y1", "x2", "y2"))
    assert x2 > x1 and y1 > y2
    assert x2 - x1 == pytest.approx(y1 - y2)  # 45 degrees: confidence = frequency
    dots = list(root.iter(f"{SVG}circle"))
    assert len(dots) == 3
    assert all(x1 <= float(c.get("cx", "nan")) <= x2 for c in dots)


def test_the_calibration_chart_states_the_brier_score_and_the_period() -> None:
    period = period_label(date(2025, 3, 3), None, "trade", "Dan")
    root = parse(calibration_svg(ROWS, 0.1234, period))
    assert [e.text for e in by_class(root, "brier")] == ["Brier score 0.123"]
    [shown] = by_class(root, "period")
    assert shown.text == "Claims by Dan, said after Mon 3 March 2025, tagged trade: 53 scored"
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    assert "53 claims scored" in desc.text and "Brier score 0.123" in desc.text
    assert "0.6-0.7: 1 claim, 100% came true" in desc.text


def test_a_bucket_of_few_claims_looks_uncertain() -> None:
    root = parse(calibration_svg(ROWS, 0.1234, "all claims"))
    many, one, _ = by_class(root, "bucket")
    assert float(one.get("opacity", "1")) < float(many.get("opacity", "1"))
    one_dot, many_dot = one.find(f"{SVG}circle"), many.find(f"{SVG}circle")
    assert one_dot is not None and many_dot is not None
    assert one_dot.get("fill") == "#ffffff" and many_dot.get("fill") != "#ffffff"
    assert float(one_dot.get("r", "0")) < float(many_dot.get("r", "0"))
    one_range, many_range = one.find(f"{SVG}line"), many.find(f"{SVG}line")
    assert one_range is not None and many_range is not None

    def length(line: ET.Element) -> float:
        return abs(float(line.get("y2", "0")) - float(line.get("y1", "0")))

    assert length(one_range) > 2 * length(many_range)


def test_the_wilson_range_by_hand() -> None:
    low, high = wilson(0, 1)
    assert low == 0.0 and high == pytest.approx(0.7935, abs=1e-4)
    low, high = wilson(8, 10)
    assert (low, high) == (pytest.approx(0.4902, abs=1e-4), pytest.approx(0.9433, abs=1e-4))


def test_with_nothing_scored_the_chart_says_so() -> None:
    svg = calibration_svg([], None, "all claims")
    root = parse(svg)
    assert "Nothing to score yet" in texts(root)
    assert [e.text for e in by_class(root, "brier")] == ["Brier score none yet"]
    assert len(by_class(root, "diagonal")) == 1 and not by_class(root, "bucket")
    desc = root.find(f"{SVG}desc")
    assert desc is not None and (desc.text or "").startswith("Nothing to score yet")


@pytest.mark.parametrize(
    "svg",
    [
        calibration_svg(ROWS, 0.2, "all claims", standalone=False, chart_id="cal"),
        outcome_svg(COUNTS, "Alice", chart_id="cal"),
    ],
    ids=["calibration", "outcomes"],
)
def test_an_embedded_chart_is_an_image_that_scales(svg: str) -> None:
    assert svg.startswith("<svg ")
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "cal-title cal-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "cal-title"
    assert desc is not None and desc.get("id") == "cal-desc" and re.search(r"\d", desc.text or "")
    assert "width" not in root.attrib and "height" not in root.attrib
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox", ""))
    sizes = [float(t.get("font-size", root.get("font-size", "0"))) for t in root.iter(f"{SVG}text")]
    assert min(sizes) >= 13


def test_a_standalone_file_has_an_xml_declaration() -> None:
    for svg in (calibration_svg(ROWS, 0.2, "all claims"), outcome_svg({}, "A", standalone=True)):
        assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
        parse(svg)


def test_a_chart_id_is_made_a_valid_id() -> None:
    root = parse(outcome_svg(COUNTS, "Alice", chart_id='9 "x"'))
    title = root.find(f"{SVG}title")
    assert title is not None
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", title.get("id", ""))
    assert root.get("aria-labelledby", "").split()[0] == title.get("id")


def stylesheet_colours() -> dict[str, str]:
    css = STYLESHEET.read_text(encoding="utf-8")
    return dict(re.findall(r"--([a-z_]+):\s*(#[0-9a-f]{6})", css))


def test_outcome_bars_follow_the_meter_order_and_the_stylesheet_colours() -> None:
    root = parse(outcome_svg(COUNTS, "Alice"))
    groups = by_class(root, "state")
    shown = [g.get("data-state") for g in groups]
    assert shown == ["kept", "kept_late", "broken", "on_time", "waiting"]
    assert shown == [s for s in METER_STATES if COUNTS.get(s)]
    css = stylesheet_colours()
    assert {s: css[s] for s in METER_STATES} == STATE_COLOURS
    for group, state in zip(groups, shown, strict=True):
        [bar] = by_class(group, "bar")
        assert bar.get("fill") == css[state]
        assert texts(group) == [state_label(state), f"{COUNTS[state]} ({COUNTS[state] / 15:.0%})"]


def test_outcome_bars_are_as_long_as_their_share() -> None:
    root = parse(outcome_svg({"kept": 3, "broken": 1}, "Alice"))
    kept, broken = (float(b.get("width", "0")) for b in by_class(root, "bar"))
    assert kept == pytest.approx(3 * broken, rel=0.01)


def test_the_outcome_chart_states_the_total_and_the_numbers() -> None:
    root = parse(outcome_svg(COUNTS, "Alice"))
    assert [e.text for e in by_class(root, "total")] == ["15 claims in all"]
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert desc.text == (
        "Alice. 15 claims in all. Kept: 5; Kept late: 1; Broken: 3; Open, on time: 4; "
        "Waiting for its event: 2."
    )


def test_an_outcome_chart_of_no_claims_still_reads() -> None:
    root = parse(outcome_svg({}, "Nobody yet"))
    assert not by_class(root, "bar")
    assert "No claims yet." in texts(root)
    assert [e.text for e in by_class(root, "total")] == ["0 claims in all"]


@pytest.mark.parametrize(
    "svg",
    [
        calibration_svg(ROWS, 0.1, HOSTILE, title=HOSTILE, chart_id=HOSTILE),
        calibration_svg([], None, HOSTILE, title=HOSTILE, standalone=False),
        outcome_svg(COUNTS, HOSTILE, chart_id=HOSTILE),
        outcome_svg({}, HOSTILE, standalone=True),
    ],
    ids=["calibration", "empty calibration", "outcomes", "no outcomes"],
)
def test_hostile_text_stays_text(svg: str) -> None:
    root = parse(svg)
    no_script(root)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == HOSTILE
    assert HOSTILE in "".join(root.itertext())


def test_characters_xml_cannot_hold_are_dropped() -> None:
    root = parse(outcome_svg(COUNTS, "Al\x01ice\x0b \ufffe"))
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Alice "


def add_judged(run: Run, text: str, speaker: str, confidence: str, outcome: str) -> None:
    said = ("--by", "2025-01-31", "--said-on", "2025-01-01", "--format", "json")
    result = run("add", text, "--speaker", speaker, *said, "--confidence", confidence)
    assert result.exit_code == 0, result.stderr
    claim = str(json.loads(result.stdout)["id"])
    judged = run("verify", claim, "--outcome", outcome, "--on", "2025-01-30")
    assert judged.exit_code == 0, judged.stderr


def test_stats_chart_writes_the_chart_and_says_where(run: Run, tmp_path: Path) -> None:
    add_judged(run, "the tariffs end", HOSTILE, "0.9", "kept")
    add_judged(run, "the talks resume", HOSTILE, "0.2", "broken")
    chart = tmp_path / "calibration.svg"
    result = run("stats", "--speaker", HOSTILE, "--chart", str(chart), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["overall"]["scored"] == 2
    assert result.stderr == f"tracker: wrote the calibration chart to {chart} (2 claims)\n"
    root = parse(chart.read_text(encoding="utf-8"))
    no_script(root)
    assert [e.text for e in by_class(root, "count")] == ["n=1", "n=1"]
    assert [e.text for e in by_class(root, "brier")] == ["Brier score 0.025"]
    [period] = by_class(root, "period")
    assert period.text is not None and HOSTILE[:20] in period.text


def test_stats_chart_with_nothing_scored(run: Run, tmp_path: Path) -> None:
    chart = tmp_path / "empty.svg"
    result = run("stats", "--chart", str(chart), "--said-before", "2025-01-01")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"tracker: wrote the calibration chart to {chart} (nothing scored yet)"
    )
    root = parse(chart.read_text(encoding="utf-8"))
    assert "Nothing to score yet" in texts(root)
    [period] = by_class(root, "period")
    assert period.text == "Claims said before Wed 1 January 2025: 0 scored"


def test_stats_chart_into_a_directory_is_refused(run: Run, tmp_path: Path) -> None:
    line = refused(run, "stats", "--chart", str(tmp_path))
    assert line.startswith("tracker: error:") and "'--chart'" in line and "is a directory" in line


def test_stats_chart_into_a_missing_folder_fails_in_one_line(run: Run, tmp_path: Path) -> None:
    chart = tmp_path / "missing" / "chart.svg"
    result = run("stats", "--chart", str(chart))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"tracker: error: cannot write chart {chart}")
    assert len(result.stderr.splitlines()) == 1 and not chart.parent.exists()
