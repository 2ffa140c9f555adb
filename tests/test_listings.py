"""Listings: tables sized by display width, cut claims told apart, --sort and --limit,
`speaker NAME` with state and slips in one document, `speakers` with every outcome and
a legend, snoozed claims said so. (On a real terminal: tests/test_terminal.py.)"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import Run, ok, refused
from tracker.cli.speaker_cmds import SPEAKER_COLUMNS, speaker_columns
from tracker.domain.trackrecord import SPEAKER_KEYS
from tracker.output.formats import Column, fit_cells, table, text_width, truncate, wrap_cell
from tracker.output.views import claim_columns, state
from tracker.records import CLAIM_KEYS

XI = "习近平"
CEASEFIRE_EASTER = "The ceasefire will hold through Easter and beyond"
CEASEFIRE_SUMMIT = "The ceasefire will hold until the summit in June"


def add(run: Run, text: str, speaker: str, phrase: str, said_on: str = "2025-03-16") -> int:
    result = ok(
        run,
        *("add", text, "--speaker", speaker, "--by", phrase, "--said-on", said_on),
        *("--format", "json", "--new-speaker"),
    )
    return int(json.loads(result.stdout)["id"])


@pytest.fixture
def wide(run: Run) -> Run:
    """Claims with Chinese and emoji in names and text, two that begin alike."""
    add(run, "台湾问题将在二〇二七年之前得到解决", XI, "by 2027", "2025-03-01")
    add(run, CEASEFIRE_EASTER, "Steve Witkoff", "by Easter")
    add(run, CEASEFIRE_SUMMIT, "Steve Witkoff", "by the end of June")
    add(run, "🎉 the party will happen by Friday 👍", "Emoji 🎉 Person", "this week")
    return run


# --- display width -------------------------------------------------------------------


def test_width_counts_wide_characters_twice() -> None:
    assert text_width(XI) == 6
    assert text_width("👍") == 2 and text_width("👨‍👩‍👧") == 2  # one family, one glyph
    assert text_width("café") == 4 and text_width("cafe\u0301") == 4
    assert truncate(XI + "讲话", 5) == "习近…"
    assert truncate("a👍b", 3) == "a…"  # never half an emoji
    assert truncate("short", 5) == "short"


def test_wrap_breaks_at_spaces_and_long_words_at_the_edge() -> None:
    assert wrap_cell("snoozed until 2025-04-10", 13) == ["snoozed until", "2025-04-10"]
    assert wrap_cell("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert wrap_cell("习近平习近平", 4) == ["习近", "平习", "近平"]


def _row_offsets(text: str, needle_columns: list[str]) -> list[int]:
    """The display column each row's ENDS date starts at."""
    offsets = []
    for line in text.splitlines():
        for needle in needle_columns:
            if needle in line:
                offsets.append(text_width(line[: line.index(needle)]))
    return offsets


def test_wide_characters_keep_the_columns_in_line(wide: Run) -> None:
    out = ok(wide, "list", "--as-of", "2025-03-20").stdout
    lines = out.splitlines()
    assert all(text_width(line) <= 80 for line in lines), out
    header = lines[0]
    ends = text_width(header[: header.index("ENDS")])
    dates = ["2027-12-31", "2025-04-20", "2025-06-30", "2025-03-23"]
    assert _row_offsets("\n".join(lines[1:]), dates) == [ends] * 4
    assert XI in out and "Emoji 🎉" in out


def test_columns_share_the_width_and_the_speaker_column_grows() -> None:
    rows = [
        {"id": 1, "speaker": "Ursula von der Leyen of the Commission", "text": "x " * 60},
        {"id": 2, "speaker": XI, "text": "短"},
    ]
    narrow, broad = table(rows, claim_columns(), 80), table(rows, claim_columns(), 160)
    assert "Ursula von der Leyen of the Commission" in broad
    assert "Ursula von der Leyen of the Commission" not in narrow
    for text, width in ((narrow, 80), (broad, 160)):
        assert max(text_width(line) for line in text.splitlines()) == width
    short = table(rows[1:], claim_columns(), 160)
    assert max(text_width(line) for line in short.splitlines()) < 40  # only what it needs


def test_claims_cut_alike_keep_what_tells_them_apart() -> None:
    cells = fit_cells([CEASEFIRE_EASTER, CEASEFIRE_SUMMIT, "Something else"], 24)
    assert cells[0] != cells[1]
    assert "Easter" in cells[0] and "until" in cells[1]
    assert cells[0].startswith("The") and cells[2] == "Something else"
    assert all(text_width(cell) <= 24 for cell in cells)
    plain_cut = [truncate(t, 24) for t in (CEASEFIRE_EASTER, CEASEFIRE_SUMMIT)]
    assert plain_cut[0] == plain_cut[1]  # what the elision is for


def test_the_same_claim_twice_is_cut_the_same() -> None:
    assert fit_cells([CEASEFIRE_EASTER] * 2, 20) == [truncate(CEASEFIRE_EASTER, 20)] * 2


def test_three_claims_alike_are_told_apart_in_rounds() -> None:
    texts = [
        "Prices will fall by the end of the year in Europe",
        "Prices will fall by the end of the year in Asia",
        "Prices will fall by the end of next year",
    ]
    cells = fit_cells(texts, 26)
    assert len(set(cells)) == 3, cells
    assert all(text_width(cell) <= 26 for cell in cells)


@settings(max_examples=300, deadline=None)
@given(
    stem=st.text(alphabet="ab 习👍", min_size=10, max_size=40),
    tails=st.lists(st.text(alphabet="abc 近🎉", max_size=30), min_size=2, max_size=5),
    width=st.integers(min_value=12, max_value=40),
)
def test_cut_cells_fit_and_differ_when_their_texts_do(
    stem: str, tails: list[str], width: int
) -> None:
    texts = [" ".join((stem + tail).split()) for tail in tails]
    cells = fit_cells(texts, width)
    assert all(text_width(cell) <= width for cell in cells)
    for text, cell in zip(texts, cells, strict=True):
        if text_width(text) <= width:
            assert cell == text
    assert len(set(cells)) == len(set(texts)), (texts, cells)


def test_a_long_state_wraps_instead_of_being_cut() -> None:
    row = {"id": 1, "speaker": "A", "text": "t " * 50, "state": "snoozed until 2025-04-10"}
    lines = table([row], claim_columns(), 60).splitlines()
    assert lines[1].endswith("snoozed until") and lines[2].strip() == "2025-04-10"
    assert "snoozed until 2025-04-10" in table([row], claim_columns(), 160)


def test_multi_word_headers_wrap_and_short_headers_stand_in_when_narrow() -> None:
    columns = [Column("a", "KEPT LATE", 4, ">"), Column("b", "UNVERIFIABLE", 12, ">", short="UNVF")]
    lines = table([{"a": 1, "b": 2}], columns, 10).splitlines()
    assert lines == ["KEPT", "LATE  UNVF", "   1     2"]
    assert table([{"a": 1, "b": 2}], columns, 80).splitlines()[-2].endswith("UNVERIFIABLE")


# --- --sort and --limit ----------------------------------------------------------------


def test_sort_and_limit_on_list_and_due(wide: Run, run_json) -> None:
    assert [r["id"] for r in run_json("list", "--sort", "-id")] == [4, 3, 2, 1]
    rows = run_json("list", "--sort", "speaker", "--limit", "3")
    assert [r["speaker"] for r in rows] == ["Emoji 🎉 Person", "Steve Witkoff", "Steve Witkoff"]
    assert [r["id"] for r in run_json("list", "--sort", "deadline_end", "--limit", "1")] == [4]
    due = run_json("due", "--as-of", "2025-07-10", "--sort", "id", "--limit", "2")
    assert [r["id"] for r in due] == [2, 3]


def test_empty_values_sort_last_either_way(run: Run, run_json) -> None:
    add(run, "a", "Ann", "by May")
    second = add(run, "b", "Ann", "by May")
    ok(run, "edit", str(second), "--confidence", "0.4")
    assert [r["id"] for r in run_json("list", "--sort", "confidence")] == [2, 1]
    assert [r["id"] for r in run_json("list", "--sort", "-confidence")] == [2, 1]


def test_a_table_cut_by_limit_says_so(wide: Run) -> None:
    result = ok(wide, "list", "--limit", "2", "--as-of", "2025-03-20")
    assert len(result.stdout.splitlines()) == 3
    assert result.stderr.strip() == "tracker: 2 of 4 claims shown (--limit)"


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--sort", "bogus"),
        ("due", "--sort", "-nope"),
        ("speakers", "--sort", "text"),
        ("speaker", "Steve Witkoff", "--sort", "kept"),
        ("list", "--limit", "0"),
        ("speakers", "--limit", "x"),
    ],
    ids=" ".join,
)
def test_a_bad_sort_or_limit_is_refused_in_one_line(wide: Run, args: tuple[str, ...]) -> None:
    line = refused(wide, *args)
    assert line.startswith("tracker: error: ")
    if "--sort" in args:
        assert "no such field" in line and "id" in line


def test_speakers_sort_and_limit(wide: Run, run_json) -> None:
    rows = run_json("speakers", "--sort", "speaker")
    assert [r["speaker"] for r in rows] == ["Emoji 🎉 Person", "Steve Witkoff", XI]
    assert [r["speaker"] for r in run_json("speakers", "--sort", "-claims", "--limit", "1")] == [
        "Steve Witkoff"
    ]


# --- speaker NAME, speakers --------------------------------------------------------------


def test_speaker_detail_shows_state_and_slips(wide: Run) -> None:
    ok(wide, "slip", "2", "--by", "by May", "--said-on", "2025-03-20")
    ok(wide, "verify", "3", "--outcome", "void", "--on", "2025-04-01")
    out = ok(wide, "speaker", "Steve Witkoff", "--as-of", "2025-04-01").stdout
    claims = out[out.index("\nID ") :].splitlines()[2:]
    assert claims[0].split()[0] == "2" and claims[0].endswith("60d left")
    assert claims[0].split()[-3] == "1"  # one slip
    assert claims[1].endswith("void")


def test_speaker_detail_csv_and_json_are_one_document_each(wide: Run) -> None:
    text = ok(wide, "speaker", "Steve Witkoff", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(CLAIM_KEYS)
    assert [row[0] for row in rows[1:]] == ["2", "3"]
    record = json.loads(ok(wide, "speaker", "Steve Witkoff", "--format", "json").stdout)
    assert tuple(record)[:-1] == SPEAKER_KEYS and len(record["claims_list"]) == 2
    limited = ok(wide, "speaker", "witkoff", "--format", "json", "--sort", "-id", "--limit", "1")
    assert [c["id"] for c in json.loads(limited.stdout)["claims_list"]] == [3]


def _cell_under(header: str, row: str, heading: str) -> str:
    """The right-aligned cell under `heading`."""
    end = header.index(f" {heading}") + len(heading) + 1
    return row[:end].split()[-1] if row[end - 1] != " " else ""


def test_speakers_table_counts_every_outcome(run: Run) -> None:
    for outcome in ("kept", "void", "unverifiable", "withdrawn"):
        claim = add(run, f"claim {outcome}", "Ann", "by May")
        ok(run, "verify", str(claim), "--outcome", outcome, "--on", "2025-04-01")
    lines = ok(run, "speakers", "--as-of", "2025-06-01").stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    header, row = lines
    cells = {heading: _cell_under(header, row, heading) for heading in header.split()[1:]}
    assert cells["VOID"] == cells["UNVF"] == cells["WDRN"] == cells["KEPT"] == "1"
    assert cells["N"] == "4" and cells["OK%"] == "50%" and cells["DAYS"] == "-"


def test_speakers_table_has_full_headings_when_wide() -> None:
    row = {key: 0 for key in SPEAKER_KEYS} | {"speaker": "Ann", "on_time": "-"}
    header = table([row], speaker_columns(), 160, gap=1).splitlines()[0]
    assert header.split() == ["SPEAKER", "CLAIMS", "KEPT", "KEPT", "LATE", "PARTIAL",
                              "BROKEN", "WITHDRAWN", "VOID", "UNVERIFIABLE", "OPEN",
                              "WAITING", "OVERDUE", "ON", "TIME", "DAYS", "LATE",
                              "SLIPS/CLAIM"]  # fmt: skip


def test_speakers_help_has_a_legend_for_every_heading(run: Run) -> None:
    text = ok(run, "speakers", "--help").stdout
    for _key, heading, short, meaning in SPEAKER_COLUMNS:
        line = next(line for line in text.splitlines() if line.strip().startswith(heading))
        assert meaning in line and (not short or f"({short})" in line)


# --- snoozed claims --------------------------------------------------------------------


def test_a_snoozed_claim_says_until_when(run: Run, run_json) -> None:
    claim = add(run, "results out", "Bob", "2025-03-10", "2025-03-01")
    ok(run, "snooze", str(claim), "--until", "2025-03-20", "--as-of", "2025-03-12")
    listing = ok(run, "list", "--as-of", "2025-03-15").stdout
    assert "snoozed until" in listing and "2025-03-20" in listing
    assert "ends today" not in ok(run, "list", "--as-of", "2025-03-20").stdout
    assert "snoozed until 2025-03-20" in ok(run, "show", str(claim), "--as-of", "2025-03-15").stdout
    soon = ok(run, "due", "--within", "10", "--as-of", "2025-03-15").stdout
    assert "snoozed until" in soon
    assert "1d overdue" in ok(run, "list", "--as-of", "2025-03-21").stdout


def test_state_in_words() -> None:
    def open_claim(overdue: int, **extra: str) -> dict[str, object]:
        return {"status": "open", "days_overdue": overdue, "deadline_end": "2025-03-10", **extra}

    assert state(open_claim(3)) == "3d overdue"
    assert state(open_claim(0)) == "ends today"
    assert state(open_claim(-4)) == "4d left"
    assert state(open_claim(0, due_on="2025-03-20")) == "snoozed until 2025-03-20"
    assert state(open_claim(-2, due_on="2025-03-10")) == "2d left"
    assert state({"status": "kept", "days_overdue": None}) == "kept"


def test_an_ascii_listing_does_not_load_wcwidth(run: Run, tracker_db: str) -> None:
    """Display widths cost nothing when no cell needs them: `tracker due` stays fast."""
    add(run, "a claim long enough to be cut at eighty columns " * 3, "Ann", "by May")
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tracker", "due", "--as-of", "2025-07-01"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "…" in result.stdout
    assert " wcwidth" not in result.stderr
    add(run, "习近平 will visit", XI, "by May")
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tracker", "due", "--as-of", "2025-07-01"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert " wcwidth" in result.stderr  # the check above can fail


@settings(max_examples=200, deadline=None)
@given(
    cells=st.lists(
        st.tuples(
            st.text(alphabet="ab 习近平👍🇪🇺é", max_size=30),
            st.text(alphabet="xy 台🎉", max_size=90),
        ),
        min_size=1,
        max_size=6,
    ),
    width=st.integers(min_value=60, max_value=200),
)
def test_every_table_fits_and_keeps_its_columns_in_line(
    cells: list[tuple[str, str]], width: int
) -> None:
    rows = [
        {"id": n, "speaker": s, "text": t, "deadline_end": "2025-03-23", "state": "3d left"}
        for n, (s, t) in enumerate(cells, start=1)
    ]
    lines = table(rows, claim_columns(), width).splitlines()
    assert all(text_width(line) <= width for line in lines)
    ends = {text_width(line[: line.index("2025-03-23")]) for line in lines[1:]}
    assert ends == {text_width(lines[0][: lines[0].index("ENDS")])}
