"""The README's quick start and the shipped example work as written."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from tests.conftest import Run

ROOT = Path(__file__).resolve().parent.parent
#: How both README commands begin: a virtual environment the system's Python allows.
SETUP = (
    ["apt-get", "install", "-y", "python3-venv"],
    ["python3", "-m", "venv", ".venv"],
    [".", ".venv/bin/activate"],
)


def first_block(markdown: str) -> str:
    match = re.search(r"```sh\n(.*?)```", markdown, re.S)
    assert match, "the README has no shell block"
    return match.group(1)


def test_quick_start_adds_the_example_claims_and_shows_what_is_due(run: Run) -> None:
    block = first_block((ROOT / "README.md").read_text())
    commands = [shlex.split(part) for part in block.replace("\\\n", " ").split("&&")]
    assert commands[:4] == [SETUP[0], SETUP[1], SETUP[2], ["pip", "install", "."]]
    outputs = []
    for command in commands[4:]:
        assert command[0] == "tracker"
        result = run(*command[1:])
        assert result.exit_code == 0, (command, result.stderr)
        outputs.append(result.stdout)
    assert commands[-1][1:] == ["due", "--as-of", "2025-03-24"]
    assert "there will be a call" in outputs[-1] and "1d overdue" in outputs[-1]
    assert "the war in Ukrain" in outputs[-1] and "63d overdue" in outputs[-1]
    assert "waiting for its event to be dated" in outputs[-3]


def test_example_file_imports_once(run: Run, run_json) -> None:
    example = ROOT / "docs" / "examples" / "bbc-ceasefire-2025-03-16.jsonl"
    for _ in range(2):
        assert run("import", str(example)).exit_code == 0
    claims = run_json("list")
    assert len(claims) == 3
    due = run_json("due", "--as-of", "2025-03-24")
    assert [(c["deadline_phrase"], c["days_overdue"]) for c in due] == [
        ("this week", 1),
        ("during the coming week", 1),
    ]
    assert json.loads(example.read_text().splitlines()[0])["speaker"] == "Steve Witkoff"


def shell_blocks(markdown: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", markdown, re.S)


def test_the_test_command_is_venv_safe_says_how_long_and_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    command = shell_blocks(readme)[1].strip()
    parts = [shlex.split(part) for part in command.split("&&")]
    assert parts[0][:3] == ["apt-get", "install", "-y"] and "python3-venv" in parts[0]
    assert parts[1:] == [
        SETUP[1],
        SETUP[2],
        ["pip", "install", ".[test]"],
        ["python", "-m", "pytest"],
    ]
    assert "about 12 minutes" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python3 -m venv .venv && . .venv/bin/activate" in ci
    assert "pip install --quiet '.[test]'" in ci and "python -m pytest" in ci
