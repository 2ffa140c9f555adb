"""CSV safe for spreadsheets: no cell a spreadsheet would run as a formula (OWASP's
advice on CSV injection), unless `--csv-raw`; import takes the protection off."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import Run, ok
from tracker.validate import spreadsheet_plain, spreadsheet_safe

FORMULAS = ["=cmd|' /C calc'!A0", "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "'=x"]


@given(st.text())
def test_the_protection_comes_off_exactly(text: str) -> None:
    safe = spreadsheet_safe(text)
    assert spreadsheet_plain(safe) == text
    assert not safe or safe[0] not in "=+-@\t\r"


def test_only_cells_that_start_like_a_formula_are_protected() -> None:
    assert [spreadsheet_safe(t) for t in FORMULAS] == [
        "'=cmd|' /C calc'!A0",
        "'+1+2",
        "'-2+3+cmd|' /C calc'!A0",
        "'@SUM(A1:A9)",
        "''=x",
    ]
    assert [spreadsheet_safe(t) for t in ("a = b", "'quoted'", "", "x@y")] == [
        "a = b",
        "'quoted'",
        "",
        "x@y",
    ]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def formulas(run: Run) -> Run:
    for n, text in enumerate(FORMULAS):
        ok(run, "add", "--speaker", "@evil", "--by", "this week", "--said-on",
           f"2025-03-{10 + n}", "--criteria", "=1+1", "--tag", "+t", "--", text)  # fmt: skip
    return run


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("due", "--as-of", "2025-04-01"),
        ("speakers",),
        ("speaker", "@evil"),
        ("export",),
    ],
)
def test_every_csv_output_is_safe_unless_raw(formulas: Run, command: tuple[str, ...]) -> None:
    safe = ok(formulas, *command, "--format", "csv").stdout
    for row in rows(safe):
        assert all(not cell or cell[0] not in "=+-@\t\r" for cell in row.values()), row
    raw = ok(formulas, "--csv-raw", *command, "--format", "csv").stdout
    assert "\n=cmd" in raw.replace(",", "\n") or command[0] == "speakers"
    assert "@evil" in raw and "'@evil" not in raw


def test_export_import_export_is_identical(formulas: Run, tmp_path: Path) -> None:
    first = ok(formulas, "export", "--format", "csv").stdout
    path = tmp_path / "claims.csv"
    path.write_text(first)
    other = str(tmp_path / "other.db")
    ok(formulas, "--db", other, "import", str(path))
    assert ok(formulas, "--db", other, "export", "--format", "csv").stdout == first
    texts = sorted(r["text"] for r in rows(ok(formulas, "--db", other, "--csv-raw", "export",
                                               "--format", "csv").stdout))  # fmt: skip
    assert texts == sorted(FORMULAS)
