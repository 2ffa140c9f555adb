"""The transcripts in docs/terminal.md: `tracker list` and `tracker speakers` with wide
characters, run on a pseudo-terminal 80 and 160 columns wide.

    python docs/examples/terminal_transcript.py           # rewrite docs/terminal.md
    python docs/examples/terminal_transcript.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import tempfile
import termios
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli

DOC = Path(__file__).resolve().parents[1] / "terminal.md"
BLOCK = re.compile(r"(<!-- transcript -->\n).*?(<!-- end transcript -->)", re.S)
AS_OF = "2025-04-01"

CLAIMS = [
    ("台湾问题将在二〇二七年之前得到解决", "习近平", "by 2027", "2025-03-01"),
    ("The ceasefire in Gaza will hold through Easter", "Steve Witkoff", "by Easter", ""),
    ("The ceasefire in Gaza will hold until the summit in June", "Steve Witkoff", "by June", ""),
    ("there will be a call with both presidents", "Steve Witkoff", "this week", ""),
    ("🚀 Starship will reach orbit this month 🎉", "Elon Musk", "this month", "2025-03-02"),
    ("Die Einigung kommt noch vor Ostern", "Ursula von der Leyen", "before Easter", ""),
]
#: After adding: (command, arguments) that give the claims a history.
CHANGES = [
    ("verify", ("4", "--outcome", "kept", "--on", "2025-03-18")),
    ("snooze", ("5", "--until", "2025-04-15", "--as-of", "2025-04-01")),
    ("slip", ("2", "--by", "by May", "--said-on", "2025-03-25")),
]


def _database(folder: Path) -> dict[str, str]:
    """A database with the sample claims; the environment that points at it."""
    environ = {"TRACKER_DB": str(folder / "tracker.db"), "TRACKER_TZ": "UTC"}
    runner = CliRunner(env=environ)
    for text, speaker, phrase, said_on in CLAIMS:
        args = ["add", text, "--speaker", speaker, "--by", phrase, "--new-speaker"]
        result = runner.invoke(cli, [*args, "--said-on", said_on or "2025-03-16"])
        assert result.exit_code == 0, result.output
    for command, arguments in CHANGES:
        result = runner.invoke(cli, [command, *arguments])
        assert result.exit_code == 0, result.output
    return environ


def on_terminal(args: list[str], columns: int, environ: dict[str, str]) -> str:
    """What `tracker ARGS` shows on a terminal `columns` wide (no pager, no colour)."""
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {**os.environ, **environ, "COLUMNS": str(columns), "LINES": "50"}
    env.update(TRACKER_PAGER="", NO_COLOR="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", *args], stdin=side, stdout=side, env=env
    )
    os.close(side)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    process.wait()
    return b"".join(chunks).decode().replace("\r\n", "\n").rstrip("\n")


def transcript() -> str:
    with tempfile.TemporaryDirectory() as folder:
        environ = _database(Path(folder))
        parts = []
        for args in (["list", "--as-of", AS_OF], ["speakers", "--as-of", AS_OF]):
            for columns in (80, 160):
                shown = on_terminal(args, columns, environ)
                command = " ".join(["tracker", *args])
                parts.append(
                    f"`{command}` at {columns} columns:\n\n```\n$ {command}\n{shown}\n```\n"
                )
        return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    updated = BLOCK.sub(lambda m: m.group(1) + transcript() + m.group(2), text, count=1)
    if "--check" in argv:
        return 0 if updated == text else 1
    DOC.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
