"""The command line: a thin layer that parses, calls plain functions and renders."""

from tracker.cli import claims_cmds, db_cmds  # noqa: F401  (registers the commands)
from tracker.cli.app import cli


def main() -> None:
    cli.main(prog_name="tracker")


__all__ = ["cli", "main"]
