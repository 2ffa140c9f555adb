"""Markdown built from the command tree, for the docs' generated parts (cog blocks).

`cog -r README.md docs/cli.md` writes it into the files; tests/test_generated_docs.py
fails when they are stale. Nothing here depends on the terminal or the environment.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator

import click

from tracker.cli.app import cli
from tracker.records import CLAIM_KEYS

#: Columns of the help text in the reference, whatever terminal cog runs in.
HELP_WIDTH = 80
#: The README's line length.
README_WIDTH = 88


def cli_reference() -> str:
    """Every command's `--help`, group before its subcommands, in alphabetical order."""
    sections = []
    for ctx in _contexts(cli, "tracker", None):
        depth = len(ctx.command_path.split()) - 1
        heading = "#" * (2 + max(0, depth - 1))
        sections.append(f"{heading} `{ctx.command_path}`\n\n{_fenced(_help(ctx))}")
    return "\n\n".join(sections) + "\n"


def json_keys_markdown() -> str:
    """The stable JSON keys of listings as one code span, wrapped as the README wraps."""
    return textwrap.fill(
        f"`{', '.join(CLAIM_KEYS)}`",
        width=README_WIDTH,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _contexts(
    command: click.Command, name: str, parent: click.Context | None
) -> Iterator[click.Context]:
    """A context for `command` and, depth first, for each visible subcommand."""
    settings = {
        **command.context_settings,
        "terminal_width": HELP_WIDTH,
        "max_content_width": HELP_WIDTH,
    }
    ctx = command.context_class(command, parent=parent, info_name=name, **settings)
    yield ctx
    if isinstance(command, click.Group):
        for sub_name in command.list_commands(ctx):
            sub = command.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                yield from _contexts(sub, sub_name, ctx)


def _help(ctx: click.Context) -> str:
    """The command's `--help` text without trailing spaces, with the usage line written
    here: click's own wording of it changes between releases (8.5 brackets the command
    of a group that also runs alone), and the reference must not."""
    text = "\n".join(line.rstrip() for line in ctx.get_help().splitlines())
    _, _, rest = text.partition("\n\n")
    return f"{_usage(ctx)}\n\n{rest}"


def _usage(ctx: click.Context) -> str:
    """`Usage: tracker speakers [OPTIONS] [COMMAND] [ARGS]...`, as the command takes them."""
    command, pieces = ctx.command, ["[OPTIONS]"]
    if isinstance(command, click.Group):
        name = "COMMAND"
        pieces += [f"[{name}]" if command.invoke_without_command else name, "[ARGS]..."]
    for param in command.params:
        if isinstance(param, click.Argument):
            name = param.human_readable_name + ("..." if param.nargs == -1 else "")
            pieces.append(name if param.required else f"[{name}]")
    return f"Usage: {ctx.command_path} {' '.join(pieces)}"


def _fenced(text: str) -> str:
    """`text` in a fenced block whose fence is longer than any backtick run in it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"
