"""What reaches the terminal: colour only where it shows, a pager for long output.

Colour: only when standard output is a terminal, never with `NO_COLOR` set to anything
(https://no-color.org) or `tracker --no-color`. Paging: only when standard output is a
terminal and the text is longer than the screen, through `TRACKER_PAGER`, else `PAGER`,
else `less -FRX`; an empty `TRACKER_PAGER` (or `--no-pager`) turns it off.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Mapping
from contextvars import ContextVar

import click

#: Set by `tracker --no-color` for the run.
NO_COLOR_FLAG: ContextVar[bool] = ContextVar("NO_COLOR_FLAG", default=False)

DEFAULT_PAGER = "less -FRX"


def colour_wanted(is_terminal: bool, environ: Mapping[str, str], no_color: bool) -> bool:
    return is_terminal and not no_color and not environ.get("NO_COLOR")


def pager_command(environ: Mapping[str, str]) -> list[str] | None:
    """The pager to run, as arguments: TRACKER_PAGER, else PAGER, else less -FRX; None
    when the one in force is empty (paging turned off)."""
    for name in ("TRACKER_PAGER", "PAGER"):
        if name in environ:
            return shlex.split(environ[name]) or None
    return shlex.split(DEFAULT_PAGER)


def longer_than_screen(text: str, rows: int) -> bool:
    """More lines than fit above the prompt."""
    return text.count("\n") + 1 > rows - 1


def show(text: str, page: bool = False) -> None:
    """`text` on standard output: coloured if colour is wanted, through the pager when
    `page` and it is longer than the terminal's screen."""
    terminal = sys.stdout.isatty()
    colour = colour_wanted(terminal, os.environ, NO_COLOR_FLAG.get())
    if page and terminal and longer_than_screen(text, shutil.get_terminal_size().lines):
        command = pager_command(os.environ)
        if command is not None and _paged(command, text, colour):
            return
    click.echo(text, color=colour)


def _paged(command: list[str], text: str, colour: bool) -> bool:
    """Run the pager on `text`; False if it cannot be started (the text is then printed)."""
    if not colour:
        text = click.unstyle(text)
    import subprocess

    environ = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    sys.stdout.flush()
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=environ)
    except OSError:
        return False
    assert pager.stdin is not None
    try:
        pager.stdin.write((text + "\n").encode(sys.stdout.encoding or "utf-8", "replace"))
        pager.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early
        pass
    while True:
        try:
            pager.wait()
            return True
        except KeyboardInterrupt:  # the pager handles Ctrl-C; wait for it to end
            continue
