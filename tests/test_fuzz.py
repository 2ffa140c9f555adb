"""Arbitrary command lines never produce a traceback: success, or exit 2 with one line
and the database exactly as it was."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import backend, dump
from tracker.cli import cli

JUNK = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.text(alphabet="\x00\x01\x07\x0b\x1b\x7f\n\r\t", min_size=1, max_size=5),
    st.builds("{}\x00{}".format, st.text(max_size=5), st.text(max_size=5)),
    st.sampled_from(
        [
            "'; DROP TABLE claims; --",
            "1 OR 1=1",
            '" OR ""="',
            "%",
            "_",
            "\\",
            "NULL",
            "-1",
            "0",
            "99999999999999999999",
            "1e309",
            "nan",
            "inf",
            "-0",
            "0x10",
            "1.5",
            "2025-02-30",
            "2025-13-01",
            "0000-00-00",
            "9999-12-31",
            "31/12/2025",
            "yesterday",
            "http://",
            "javascript:alert(1)",
            "https://exa mple.org",
            "ftp://x",
            "",
            "--help",
            "--yes",
            "-x",
            "--as-of",
            "x" * 20_000,
            "\ud7ff",
            "🦀" * 50,
        ]
    ),
)
DATES = st.one_of(st.dates().map(str), JUNK)
IDS = st.one_of(st.integers(-5, 10).map(str), JUNK)
PHRASES = st.one_of(
    st.sampled_from(["this week", "by Friday", "in the coming weeks", "2025-04-01", "soon", "Q3"]),
    JUNK,
)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(
        st.sampled_from(
            [
                [
                    "add",
                    draw(JUNK),
                    "--speaker",
                    draw(JUNK),
                    "--by",
                    draw(PHRASES),
                    "--said-on",
                    draw(DATES),
                ],
                [
                    "add",
                    draw(JUNK),
                    "--speaker",
                    "S",
                    "--by",
                    draw(PHRASES),
                    "--confidence",
                    draw(JUNK),
                    "--source",
                    draw(JUNK),
                    "--tag",
                    draw(JUNK),
                ],
                ["due", "--as-of", draw(DATES), "--within", draw(IDS)],
                ["due", "--speaker", draw(JUNK), "--tag", draw(JUNK), "--format", draw(JUNK)],
                ["list", "--text", draw(JUNK), "--status", draw(JUNK), "--said-after", draw(DATES)],
                ["show", draw(IDS)],
                [
                    "verify",
                    draw(IDS),
                    "--outcome",
                    draw(st.sampled_from(["kept", "broken"]) | JUNK),
                    "--on",
                    draw(DATES),
                    "--evidence",
                    draw(JUNK),
                    "--note",
                    draw(JUNK),
                ],
                ["edit", draw(IDS), "--text", draw(JUNK), "--by", draw(PHRASES)],
                ["rm", draw(IDS), "--yes"],
                ["snooze", draw(IDS), "--until", draw(DATES), "--as-of", "2025-03-24"],
                ["snooze", draw(IDS), "--for", draw(IDS)],
                ["reopen", draw(IDS), "--note", draw(JUNK)],
                ["slip", draw(IDS), "--by", draw(PHRASES), "--said-on", draw(DATES)],
                ["parse", draw(PHRASES), "--said-on", draw(DATES)],
                ["speakers", "merge", draw(JUNK), draw(JUNK)],
                ["speakers", "rename", draw(JUNK), draw(JUNK)],
                ["speaker", draw(JUNK)],
                ["stats", "--tag", draw(JUNK), "--said-before", draw(DATES)],
                ["report", "--as-of", draw(DATES), "--format", draw(JUNK), "--upcoming", draw(IDS)],
                [draw(JUNK), draw(JUNK)],
                ["due", draw(JUNK)],
            ]
        )
    )
    if draw(st.booleans()):
        command.append(draw(st.sampled_from(["--bogus", "-q", "--format=xml", draw(JUNK)])))
    return command


#: Command lines tried; fewer on PostgreSQL, where what is fuzzed (the command line) is
#: the same and each example costs a database of its own.
EXAMPLES = 100 if backend() == "postgresql" else 200


@settings(
    max_examples=int(os.environ.get("TRACKER_FUZZ_EXAMPLES", str(EXAMPLES))),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=command_lines())
def test_no_command_line_yields_a_traceback(
    witkoff, tracker_db: str, tmp_path: Path, argv: list[str]
) -> None:
    before = dump(tracker_db)
    result = CliRunner().invoke(cli, argv, catch_exceptions=False)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exit_code in (0, 2), (argv, result.exit_code, result.stderr)
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("tracker: error: "), result.stderr
        assert dump(tracker_db) == before, argv


ENV_NAMES = ("TRACKER_TZ", "TRACKER_USER", "TRACKER_SMTP_URL", "TRACKER_WEBHOOK_URL")
PRINTABLE_JUNK = JUNK.filter(lambda text: "\x00" not in text)  # no environment holds a NUL


@st.composite
def environments_and_paths(draw: st.DrawFn) -> tuple[dict[str, str], list[str]]:
    """Junk in the environment tracker reads, and a command writing to a junk path."""
    env = {name: draw(PRINTABLE_JUNK) for name in draw(st.sets(st.sampled_from(ENV_NAMES)))}
    path = draw(st.sampled_from(["", "out/", "../", "x" * 300, "a\nb", "."])) + draw(JUNK)
    command = draw(
        st.sampled_from(
            [
                ["due", "--as-of", "2025-03-24"],
                ["add", "x", "--speaker", "S", "--by", "this week", "--said-on", "2025-03-16"],
                ["export", "-o", path],
                ["report", "--as-of", "2025-03-24", "--output", path],
                ["stats", "--chart", path],
                ["report", "--as-of", "2025-03-24", "--crontab"],
            ]
        )
    )
    return env, command


@settings(
    max_examples=int(os.environ.get("TRACKER_FUZZ_EXAMPLES", str(EXAMPLES // 3))),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=environments_and_paths())
def test_no_environment_or_output_path_yields_a_traceback(
    witkoff, tmp_path: Path, monkeypatch, case: tuple[dict[str, str], list[str]]
) -> None:
    env, argv = case
    monkeypatch.chdir(tmp_path)  # a relative junk path lands here
    with monkeypatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        result = CliRunner().invoke(cli, argv, catch_exceptions=False)
    output = result.stderr + result.stdout
    assert "Traceback" not in output and "unexpected" not in output, (env, argv, output)
    assert result.exit_code in (0, 1, 2), (env, argv, result.exit_code, output)
    if result.exit_code:
        assert len(result.stderr.strip().splitlines()) == 1, (env, argv, result.stderr)
