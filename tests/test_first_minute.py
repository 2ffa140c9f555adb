"""The first minute of a new user: the README's first command, run as written (less its
apt-get step) in a fresh virtual environment made from a copy of this source tree, with
HOME and the XDG folders in a temp dir so the default database lands there; then
`tracker` alone, which prints the help."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.test_docs import ROOT, SETUP, first_block

#: pip's own cache, kept when HOME moves, so installing takes seconds, not minutes.
PIP_CACHE = subprocess.run(
    [sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True
).stdout.strip()


def source_copy(target: Path) -> Path:
    """The files of the working tree git knows or would add (no build output, no .venv)."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def fresh_user(home: Path) -> dict[str, str]:
    """The environment of a user who never ran tracker: nothing of ours set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_", "VIRTUAL_ENV"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        TRACKER_TZ="UTC",
    )
    if PIP_CACHE:
        env["PIP_CACHE_DIR"] = PIP_CACHE
    return env


def test_the_readmes_first_command_works_in_a_fresh_virtual_environment(tmp_path: Path) -> None:
    command = first_block((ROOT / "README.md").read_text()).strip()
    apt_step = " ".join(SETUP[0]) + " && "
    assert command.startswith(apt_step)  # needs root: the machine here already has venv
    command = command[len(apt_step) :].replace("python3 -m venv", f"{sys.executable} -m venv", 1)
    source, home = source_copy(tmp_path / "src"), tmp_path / "home"
    home.mkdir()
    env = fresh_user(home)
    done = subprocess.run(
        ["bash", "-c", command], cwd=source, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert re.search(r"there will be a call .*1d overdue", done.stdout)
    assert re.search(r"the war in Ukraine will end .*63d overdue", done.stdout)
    assert (home / ".local" / "share" / "tracker" / "tracker.db").is_file()
    tracker = source / ".venv" / "bin" / "tracker"
    bare = subprocess.run([str(tracker)], env=env, capture_output=True, text=True, timeout=60)
    assert bare.returncode == 0 and bare.stderr == ""
    assert bare.stdout.startswith("Usage: tracker [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nCommands:\n" in bare.stdout and bare.stdout.endswith("\n")
