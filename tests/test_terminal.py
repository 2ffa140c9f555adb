"""On a real terminal: `python -m tracker` run in a pseudo-terminal of a given size.

Width, the pager (TRACKER_PAGER set to a small script that marks what it shows) and
colour (NO_COLOR, --no-color) are what a terminal decides, so they are tested through one.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import Run, ok
from tracker.output.formats import text_width
from tracker.output.terminal import colour_wanted, longer_than_screen, pager_command

RED = "\x1b[31m"
XI = "习近平"


@dataclass(frozen=True)
class Screen:
    out: str  # what reached the terminal, newlines as "\n"
    err: str
    code: int


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # the other end closed: Linux says EIO
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)


def terminal(*args: str, columns: int = 80, lines: int = 24, **env: str) -> Screen:
    """Run `python -m tracker ARGS` with its stdin and stdout on a pseudo-terminal of
    `columns` x `lines` (stderr on a pipe); `env` is added to the environment."""
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    environ = {**os.environ, "COLUMNS": str(columns), "LINES": str(lines), **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        stdin=side,
        stdout=side,
        stderr=subprocess.PIPE,
        env=environ,
    )
    os.close(side)
    out = _read_all(main)
    os.close(main)
    assert process.stderr is not None
    err = process.stderr.read().decode()
    code = process.wait(timeout=60)
    return Screen(out.decode().replace("\r\n", "\n"), err, code)


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No pager, colour setting or width of the machine running the tests."""
    for name in ("PAGER", "TRACKER_PAGER", "NO_COLOR", "LESS", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def marking_pager(tmp_path: Path) -> str:
    """A pager command that proves it ran: it prints PAGED, then what it was given."""
    script = tmp_path / "pager.py"
    script.write_text(
        "import sys\nsys.stdout.write('PAGED\\n' + sys.stdin.read())\n", encoding="utf-8"
    )
    return f"{sys.executable} {script}"


def add(run: Run, text: str, speaker: str, phrase: str, said_on: str = "2025-03-16") -> None:
    ok(run, "add", text, "--speaker", speaker, "--by", phrase, "--said-on", said_on,
       "--new-speaker")  # fmt: skip


@pytest.fixture
def wide(run: Run) -> Run:
    add(run, "台湾问题将在二〇二七年之前得到解决，这是历史的必然", XI, "by 2027", "2025-03-01")
    add(run, "The ceasefire will hold through Easter and beyond", "Steve Witkoff", "by Easter")
    add(run, "The ceasefire will hold until the summit in June", "Steve Witkoff", "by June")
    add(run, "🎉 the party will happen by Friday 👍", "Ursula von der Leyen 🇪🇺", "this week")
    return run


@pytest.fixture
def many(run: Run) -> Run:
    """Thirty claims, all overdue on 2025-06-01: longer than a 24-line screen."""
    for number in range(30):
        add(run, f"claim number {number}", "Ann", "by the end of March")
    return run


# --- width ------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 160])
def test_tables_fit_the_terminal_and_stay_in_line(wide: Run, columns: int) -> None:
    """At 80 columns the claims are cut to fill the line; at 160 they all fit whole."""
    screen = terminal("list", "--as-of", "2025-03-20", columns=columns, TRACKER_PAGER="")
    assert screen.code == 0, screen.err
    lines = screen.out.splitlines()
    widest = max(text_width(line) for line in lines)
    assert widest == 80 if columns == 80 else (widest < 160 and "…" not in screen.out)
    ends = text_width(lines[0][: lines[0].index("ENDS")])
    for line in lines[1:]:
        date = next(word for word in line.split() if word[:2] == "20" and len(word) == 10)
        assert text_width(line[: line.index(date)]) == ends, line


def test_the_speaker_column_grows_on_a_wide_terminal(wide: Run) -> None:
    name = "Ursula von der Leyen 🇪🇺"
    narrow = terminal("list", columns=80, TRACKER_PAGER="").out
    broad = terminal("list", columns=160, TRACKER_PAGER="").out
    assert name not in narrow and "Ursula von" in narrow
    assert name in broad and "The ceasefire will hold through Easter and beyond" in broad


def test_speakers_headings_are_words_on_a_wide_terminal(wide: Run) -> None:
    narrow = terminal("speakers", columns=80).out.splitlines()[0]
    broad = terminal("speakers", columns=160).out.splitlines()[0]
    assert "UNVF" in narrow and "UNVERIFIABLE" not in narrow
    assert "UNVERIFIABLE" in broad and "WITHDRAWN" in broad


def test_piped_output_is_80_columns_whatever_the_terminal(wide: Run) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tracker", "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "160"},
        check=True,
    ).stdout
    assert max(text_width(line) for line in out.splitlines()) == 80


# --- pager -------------------------------------------------------------------------------


def test_long_output_goes_through_the_pager(many: Run, marking_pager: str) -> None:
    screen = terminal("list", "--as-of", "2025-06-01", TRACKER_PAGER=marking_pager)
    assert screen.code == 0, screen.err
    assert screen.out.startswith("PAGED\n")
    assert screen.out.count("claim number") == 30


def test_no_pager_for_short_output_or_with_no_pager(many: Run, marking_pager: str) -> None:
    tall = terminal("list", lines=50, TRACKER_PAGER=marking_pager)
    assert "PAGED" not in tall.out and tall.out.count("claim number") == 30
    flagged = terminal("list", "--no-pager", TRACKER_PAGER=marking_pager)
    assert "PAGED" not in flagged.out and flagged.out.count("claim number") == 30
    limited = terminal("list", "--limit", "5", TRACKER_PAGER=marking_pager)
    assert "PAGED" not in limited.out and limited.out.count("claim number") == 5


def test_pager_falls_back_to_pager_then_is_never_used_when_piped(
    many: Run, marking_pager: str
) -> None:
    assert terminal("due", "--as-of", "2025-06-01", PAGER=marking_pager).out.startswith("PAGED")
    assert terminal("speaker", "Ann", PAGER=marking_pager).out.startswith("PAGED")
    ours = terminal("list", TRACKER_PAGER=marking_pager, PAGER="false")
    assert ours.out.startswith("PAGED")
    piped = subprocess.run(
        [sys.executable, "-m", "tracker", "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "TRACKER_PAGER": marking_pager, "LINES": "10"},
        check=True,
    )
    assert "PAGED" not in piped.stdout and piped.stdout.count("claim number") == 30


def test_a_pager_that_cannot_start_leaves_the_text_on_the_screen(many: Run) -> None:
    screen = terminal("list", TRACKER_PAGER="/nonexistent/pager -x")
    assert screen.code == 0 and screen.out.count("claim number") == 30


def test_pager_choice_and_screen_length() -> None:
    assert pager_command({}) == ["less", "-FRX"]
    assert pager_command({"PAGER": "more"}) == ["more"]
    assert pager_command({"PAGER": "more", "TRACKER_PAGER": "less -S"}) == ["less", "-S"]
    assert pager_command({"TRACKER_PAGER": "", "PAGER": "more"}) is None
    assert not longer_than_screen("a\n" * 22 + "a", 24)
    assert longer_than_screen("a\n" * 23 + "a", 24)


# --- colour ------------------------------------------------------------------------------


def test_overdue_is_red_on_a_terminal_only(wide: Run) -> None:
    assert RED in terminal("list", "--as-of", "2025-06-01").out
    piped = subprocess.run(
        [sys.executable, "-m", "tracker", "list", "--as-of", "2025-06-01"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "\x1b[" not in piped.stdout and "overdue" in piped.stdout


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--no-color",), {}),
        ((), {"NO_COLOR": "1"}),
        ((), {"NO_COLOR": "anything"}),
    ],
    ids=["--no-color", "NO_COLOR=1", "NO_COLOR=anything"],
)
def test_no_colour_when_asked(wide: Run, args: tuple[str, ...], env: dict[str, str]) -> None:
    screen = terminal(*args, "list", "--as-of", "2025-06-01", **env)
    assert screen.code == 0, screen.err
    assert "\x1b[" not in screen.out and "overdue" in screen.out


def test_the_pager_gets_colour_only_when_colour_is_wanted(many: Run, marking_pager: str) -> None:
    coloured = terminal("list", "--as-of", "2025-06-01", TRACKER_PAGER=marking_pager)
    assert coloured.out.startswith("PAGED") and RED in coloured.out
    plain = terminal("--no-color", "list", "--as-of", "2025-06-01", TRACKER_PAGER=marking_pager)
    assert plain.out.startswith("PAGED") and "\x1b[" not in plain.out


def test_colour_rule() -> None:
    assert colour_wanted(True, {}, False)
    assert colour_wanted(True, {"NO_COLOR": ""}, False)  # empty: not set (no-color.org)
    assert not colour_wanted(True, {"NO_COLOR": "0"}, False)
    assert not colour_wanted(True, {}, True)
    assert not colour_wanted(False, {}, False)


def test_the_transcripts_in_the_docs_are_current() -> None:
    """docs/terminal.md shows what `tracker list` prints at 80 and 160 columns now."""
    script = Path(__file__).resolve().parent.parent / "docs" / "examples" / "terminal_transcript.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True)
    assert result.returncode == 0, "run python docs/examples/terminal_transcript.py"


def test_a_long_show_page_goes_through_the_pager(run: Run, marking_pager: str) -> None:
    add(run, "results will be out", "Ann", "2025-03-10", "2025-03-01")
    for day in range(11, 25):
        ok(run, "snooze", "1", "--until", f"2025-03-{day + 1}", "--as-of", f"2025-03-{day}")
    paged = terminal("show", "1", lines=20, TRACKER_PAGER=marking_pager)
    assert paged.out.startswith("PAGED") and paged.out.count("snoozed until") >= 14
    straight = terminal("show", "1", "--no-pager", lines=20, TRACKER_PAGER=marking_pager)
    assert "PAGED" not in straight.out and straight.out.count("snoozed until") >= 14
