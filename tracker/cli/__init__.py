"""The command line: a thin layer that parses, calls plain functions and renders."""

from tracker.cli import (  # noqa: F401  (registers the commands)
    claims_cmds,
    config_cmds,
    db_cmds,
    event_cmds,
    exchange_cmds,
    extract_cmds,
    journal_cmds,
    lifecycle_cmds,
    report_cmds,
    site_cmds,
    source_cmds,
    speaker_cmds,
)
from tracker.cli.app import cli


def main() -> None:
    cli.main(prog_name="tracker")


__all__ = ["cli", "main"]
