"""The generated parts of the docs (cog blocks) are what the code generates today."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.test_help import all_commands
from tracker.cli import cli
from tracker.cli.reference import CLAIM_KEYS, cli_reference, json_keys_markdown

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ("README.md", "docs/cli.md")


def test_generated_docs_are_current() -> None:
    # `python -m` puts the repository root first on sys.path: the checkout's code generates.
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "--diff", *GENERATED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        "generated docs are stale or were edited by hand; from the repository root run\n"
        f"  python -m cogapp -r {' '.join(GENERATED)}\n{result.stdout}{result.stderr}"
    )


def test_reference_has_every_command_group_first_then_alphabetical() -> None:
    reference = cli_reference()
    headings = re.findall(r"^#+ `tracker ?(.*)`\n\n```text\nUsage: ", reference, re.M)
    assert headings == [" ".join(path) for path in sorted([(), *all_commands(cli)])]
    assert reference == cli_reference()


def test_json_keys_are_the_listing_keys_in_order() -> None:
    assert json_keys_markdown().replace("\n", " ") == f"`{', '.join(CLAIM_KEYS)}`"
