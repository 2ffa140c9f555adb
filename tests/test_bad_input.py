"""Bad input: one line on stderr, exit 2, and the database exactly as it was."""

from __future__ import annotations

import pytest

from tests.conftest import Run, dump

ADD = ("add", "a claim", "--speaker", "Someone")

BAD_COMMANDS = [
    pytest.param((*ADD, "--by", "blah blah blah", "--said-on", "2025-03-16"), id="phrase"),
    pytest.param((*ADD, "--by", "2025-03-01", "--said-on", "2025-03-16"), id="window-before"),
    pytest.param((*ADD, "--by", "this week", "--said-on", "2025-02-30"), id="impossible-date"),
    pytest.param((*ADD, "--by", "this week", "--said-on", "03/04/2025"), id="date-ambiguous"),
    pytest.param((*ADD, "--by", "this week", "--said-on", "Sunday"), id="weekday-alone"),
    pytest.param((*ADD, "--by", "this week", "--said-on", "someday"), id="date-words"),
    pytest.param((*ADD, "--by", "this week", "--confidence", "1.5"), id="confidence-high"),
    pytest.param((*ADD, "--by", "this week", "--confidence", "-0.1"), id="confidence-low"),
    pytest.param((*ADD, "--by", "this week", "--confidence", "nan"), id="confidence-nan"),
    pytest.param((*ADD, "--by", "this week", "--confidence", "abc"), id="confidence-text"),
    pytest.param(("add", "   ", "--speaker", "S", "--by", "this week"), id="empty-text"),
    pytest.param(("add", "t", "--speaker", " ", "--by", "this week"), id="empty-speaker"),
    pytest.param(("add", "t", "--speaker", "S", "--by", ""), id="empty-phrase"),
    pytest.param(("add", "t\x00x", "--speaker", "S", "--by", "this week"), id="nul"),
    pytest.param(("add", "t", "--by", "this week"), id="missing-speaker"),
    pytest.param(("verify", "99", "--outcome", "kept"), id="unknown-id"),
    pytest.param(("verify", "1", "--outcome", "sort-of"), id="unknown-outcome"),
    pytest.param(("verify", "1", "--outcome", "kept", "--on", "2025-03-01"), id="before-said"),
    pytest.param(("verify", "x", "--outcome", "kept"), id="id-not-number"),
    pytest.param(("show", "42"), id="show-unknown"),
    pytest.param(("rm", "42", "--yes"), id="rm-unknown"),
    pytest.param(("edit", "42", "--text", "x"), id="edit-unknown"),
    pytest.param(("edit", "1", "--by", "yesterday"), id="edit-window-before"),
    pytest.param(("edit", "1", "--confidence", "2"), id="edit-confidence"),
    pytest.param(("edit", "1", "--text", ""), id="edit-empty-text"),
    pytest.param(("due", "--as-of", "2025-13-01"), id="due-bad-as-of"),
    pytest.param(("due", "--within", "-1"), id="due-negative-within"),
    pytest.param(("list", "--status", "maybe"), id="list-bad-status"),
    pytest.param(("due", "--format", "xml"), id="bad-format"),
    pytest.param(("due", "--speaker", "a\x00b"), id="nul-speaker-filter"),
    pytest.param(("list", "--text", "\x00"), id="nul-text-filter"),
    pytest.param(("due", "--tag", "x\x1b[31m"), id="escape-tag-filter"),
    pytest.param(("speaker", "\udcff"), id="surrogate"),
    pytest.param(("add", "t\rx", "--speaker", "S", "--by", "this week"), id="carriage-return"),
    pytest.param(("frobnicate",), id="unknown-command"),
    pytest.param(("due", "--nope"), id="unknown-option"),
]


@pytest.mark.parametrize("args", BAD_COMMANDS)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    witkoff: Run, tracker_db: str, args: tuple[str, ...]
) -> None:
    before = dump(tracker_db)
    result = witkoff(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tracker: error: ")
    assert "Traceback" not in result.stderr
    assert dump(tracker_db) == before


def test_messages_say_what_was_wrong(witkoff: Run) -> None:
    assert "blah" in witkoff(*ADD, "--by", "blah blah blah").stderr
    assert "no claim with id 99" in witkoff("show", "99").stderr
    assert "between 0 and 1" in witkoff(*ADD, "--by", "today", "--confidence", "3").stderr
    assert (
        "before it was said"
        in witkoff(*ADD, "--by", "2025-03-01", "--said-on", "2025-03-16").stderr
    )
