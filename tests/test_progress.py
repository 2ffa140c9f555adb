"""Long work shows a progress bar on a terminal, and nothing anywhere else: import,
export and site build, run as a user runs them, with stderr on a pseudo-terminal or
on a pipe."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import Run, ok

CLAIMS = 3_000  # about 1.1 MB of JSONL: past the size below which import draws no bar


def claims_file(path: Path, count: int = CLAIMS) -> Path:
    lines = []
    for number in range(count):
        record = {
            "uid": f"p{number}",
            "text": f"claim number {number} will come true, as said at length " + "x" * 200,
            "speaker": f"Speaker {number % 7}",
            "said_on": "2025-03-16",
            "deadline_phrase": "this week",
            "deadline_start": "2025-03-17",
            "deadline_end": "2025-03-23",
            "source": {"url": f"https://example.org/{number}"},
        }
        lines.append(json.dumps(record) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    assert path.stat().st_size > 1 << 20
    return path


def on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run tracker with stderr on a pseudo-terminal: (status, stdout, what the terminal
    showed). Stdout goes to a file, not a pipe: a full pipe would stop the command."""
    leader, follower = pty.openpty()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "tracker", *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=follower,
        )
        os.close(follower)
        shown = _read_all(leader)
        status = process.wait(timeout=120)
        out.seek(0)
        return status, out.read().decode(), shown


def _read_all(leader: int) -> str:
    """What a pseudo-terminal shows until the other end closes (Linux then says EIO)."""
    shown = bytearray()
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        shown += data
    os.close(leader)
    return shown.decode("utf-8", "replace")


def on_a_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_import_shows_its_progress_on_a_terminal(tmp_path: Path) -> None:
    status, _, shown = on_a_terminal("import", str(claims_file(tmp_path / "claims.jsonl")))
    assert status == 0, shown
    assert "importing" in shown and "100%" in shown
    assert " MB, " in shown and " MB/s" in shown  # the count done and the rate
    assert f"imported {CLAIMS} claims" in shown


def test_export_shows_its_progress_on_a_terminal(run: Run, tmp_path: Path) -> None:
    ok(run, "import", str(claims_file(tmp_path / "claims.jsonl")))
    target = tmp_path / "out.jsonl"
    status, stdout, shown = on_a_terminal("export", "-o", str(target))
    assert status == 0, shown
    assert "exporting" in shown and "100%" in shown
    assert f"{CLAIMS}/{CLAIMS} claims, " in shown and "/s" in shown
    assert stdout == "" and len(target.read_text(encoding="utf-8").splitlines()) == CLAIMS
    _, piped, shown = on_a_terminal("export")  # to a pipe: the bar is on the terminal only
    assert "exporting" in shown and len(piped.splitlines()) == CLAIMS


def test_site_build_shows_its_steps_on_a_terminal(witkoff: Run, tmp_path: Path) -> None:
    status, _, shown = on_a_terminal("site", "build", str(tmp_path / "site"))
    assert status == 0, shown
    assert "building the site" in shown and "100%" in shown
    assert "3 claims" in shown


ARTICLES = sorted((Path(__file__).parent / "fixtures" / "articles").glob("*.txt"))[:4]


def test_extract_of_several_articles_shows_its_progress_on_a_terminal() -> None:
    args = ("extract", *map(str, ARTICLES), "--published", "2025-03-17", "--format", "json")
    status, stdout, shown = on_a_terminal(*args)
    assert status == 0, shown
    assert "reading articles" in shown and "100%" in shown
    assert f"{len(ARTICLES)}/{len(ARTICLES)} articles, " in shown and "/s" in shown
    assert {c["article"] for c in json.loads(stdout)} <= set(map(str, ARTICLES))
    piped = on_a_pipe(*args)
    assert piped.returncode == 0 and "reading articles" not in piped.stderr


@pytest.mark.parametrize("command", ["import", "export", "site"])
def test_nothing_is_drawn_where_stderr_is_no_terminal(
    run: Run, tmp_path: Path, command: str
) -> None:
    path = claims_file(tmp_path / "claims.jsonl")
    if command != "import":
        ok(run, "import", str(path))
    args = {
        "import": ("import", str(path)),
        "export": ("export", "-o", str(tmp_path / "out.jsonl")),
        "site": ("site", "build", str(tmp_path / "site")),
    }[command]
    result = on_a_pipe(*args)
    assert result.returncode == 0, result.stderr
    assert "%" not in result.stderr and "\r" not in result.stderr and "\x1b" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1  # the summary line alone
