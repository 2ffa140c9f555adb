"""Every command explains itself."""

from __future__ import annotations

import click
import pytest

from tests.conftest import Run
from tracker.cli import cli


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, (*prefix, name)))
    return found


@pytest.mark.parametrize("path", all_commands(cli), ids=" ".join)
def test_every_command_has_help(run: Run, path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    command = cli
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help.strip()) > 10
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{' '.join(path)} {param.opts} has no help"


@pytest.mark.parametrize("path", all_commands(cli), ids=" ".join)
def test_every_command_ends_its_help_with_examples(run: Run, path: tuple[str, ...]) -> None:
    help_text = run(*path, "--help").stdout
    if "Examples:\n" in help_text:
        shown = help_text.split("Examples:\n", 1)[1].splitlines()
    else:  # its own text shows one, as `Example: tracker ...`
        shown = [
            line.split("Example:", 1)[1] for line in help_text.splitlines() if "Example:" in line
        ]
    assert 1 <= len(shown) <= 2, help_text
    assert all(line.strip().startswith(f"tracker {' '.join(path)}") for line in shown), shown


def test_every_example_names_a_command_that_exists() -> None:
    from tracker.cli.examples import EXAMPLES

    known = {" ".join(path) for path in all_commands(cli)} | {""}
    assert set(EXAMPLES) <= known, set(EXAMPLES) - known


def test_the_command_list_shows_whole_first_sentences(run: Run) -> None:
    help_text = run("--help").stdout
    listing = help_text.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0]
    assert "..." not in listing and "…" not in listing
    words = " ".join(listing.split())
    assert 'event Named days deadlines count from ("on day one", "before the summit").' in words


def test_bare_tracker_prints_the_help_and_exits_0(run: Run) -> None:
    result = run()
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == run("--help").stdout
    group = run("db")
    assert (group.exit_code, group.stderr) == (0, "")
    assert (
        group.stdout.startswith("Usage: ") and " db [OPTIONS] COMMAND [ARGS]...\n" in group.stdout
    )
