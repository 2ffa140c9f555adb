"""One or two examples for every command's help, keyed by the command's path.

`HelpMixin.format_epilog` (tracker.cli.app) prints them under "Examples:"; a command
whose help text already shows an example ("Example: ...") keeps its own instead.
tests/test_help.py checks that every command has one.
"""

from __future__ import annotations

EXAMPLES: dict[str, tuple[str, ...]] = {
    "": (
        'tracker add "a deal will be reached" --speaker "Steve Witkoff" --by "in the '
        'coming weeks" --said-on 2025-03-16',
        "tracker due",
    ),
    "add": (
        'tracker add "there will be a call with both presidents" --speaker "Steve Witkoff" '
        '--by "this week" --said-on 2025-03-16',
        'tracker add "a deal" --speaker "Steve Witkoff" --by "in the coming weeks" '
        "--said-on yesterday",
    ),
    "config": ("tracker config show", "tracker config set timezone Europe/Berlin"),
    "config path": ("tracker config path",),
    "config show": ("tracker config show", "tracker config show --format json"),
    "config set": (
        "tracker config set timezone Europe/Berlin",
        'tracker config set mail_from "Tracker <tracker@example.org>"',
    ),
    "config unset": ("tracker config unset webhook",),
    "db": ("tracker db path", "tracker db backup ~/tracker-backup.db"),
    "db backup": ("tracker db backup ~/tracker-backup.db", "tracker db backup old.db --force"),
    "db current": ("tracker db current",),
    "db path": ("tracker db path",),
    "db upgrade": ("tracker db upgrade",),
    "due": ("tracker due", "tracker due --as-of 2025-03-24 --within 7"),
    "edit": ('tracker edit 3 --tag ukraine --criteria "a signed agreement"',),
    "event": ("tracker event add inauguration --term 4y", "tracker event list"),
    "event add": ('tracker event add inauguration --alias "taking office" --term 4y',),
    "event list": ("tracker event list", "tracker event list --format json"),
    "event rm": ("tracker event rm summit",),
    "event set": ("tracker event set inauguration 2025-01-20",),
    "export": ("tracker export --format jsonl -o claims.jsonl", "tracker export --format ics"),
    "import": ("tracker import claims.jsonl", "tracker import claims.csv --dry-run"),
    "list": ('tracker list --speaker "Steve Witkoff"', "tracker list --status open --format csv"),
    "log": ("tracker log", 'tracker log --speaker "Steve Witkoff" --format json'),
    "parse": (
        'tracker parse "in the coming weeks" --said-on 2025-03-16',
        'tracker parse "by Friday" --said-on "last Monday"',
    ),
    "reopen": ('tracker reopen 3 --note "the deal fell through"',),
    "report": ("tracker report --as-of 2025-03-24", "tracker report --crontab"),
    "rm": ("tracker rm 3", "tracker rm 3 --yes"),
    "show": ("tracker show 1", "tracker show 1 --format json"),
    "site": ("tracker site build public",),
    "slip": ('tracker slip 3 --by "by the end of April" --said-on 2025-04-02',),
    "snooze": ("tracker snooze 3 --until 2025-04-30", 'tracker snooze 3 --until "next Friday"'),
    "source": ("tracker source add 3 https://apnews.com/article/talks --outlet AP",),
    "speaker": ('tracker speaker "Steve Witkoff"',),
    "speakers": ("tracker speakers", "tracker speakers --format csv"),
    "speakers merge": ('tracker speakers merge "S. Witkoff" "Steve Witkoff"',),
    "speakers rename": ('tracker speakers rename "Witkof" "Steve Witkoff"',),
    "stats": ("tracker stats", "tracker stats --chart calibration.svg"),
    "undo": ("tracker undo", "tracker undo --yes"),
    "verify": (
        "tracker verify 1 --outcome kept --on 2025-03-18 --evidence https://example.org/call",
        "tracker verify 3 --outcome broken --on yesterday",
    ),
}


def examples_for(path: str, help_text: str) -> tuple[str, ...]:
    """The examples to print under a command's help: none when its text has its own."""
    if "Example:" in help_text or "Examples:" in help_text:
        return ()
    return EXAMPLES.get(path, ())
