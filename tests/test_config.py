"""The config file: where it is, precedence (flag > environment > file > default),
`config show`'s origins with secrets masked, `config set` keeping the rest of the file,
refusals that change nothing, and the report and crontab relying on it."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Run, backend, ok, refused

WITKOFF = ("add", "a deal", "--speaker", "Steve Witkoff", "--by", "this week", "--said-on")


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "conf" / "config.toml"
    monkeypatch.setenv("TRACKER_CONFIG", str(path))
    for name in ("TRACKER_SMTP_URL", "TRACKER_MAIL_FROM", "TRACKER_WEBHOOK_URL", "TRACKER_USER"):
        monkeypatch.delenv(name, raising=False)
    return path


def shown(run: Run, *args: str) -> dict[str, tuple[object, str]]:
    rows = json.loads(ok(run, *args, "config", "show", "--format", "json").stdout)
    return {row["key"]: (row["value"], row["from"]) for row in rows}


def test_the_file_is_in_the_xdg_config_dir_unless_tracker_config_says(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: Path
) -> None:
    assert ok(run, "config", "path").stdout == f"{config}\n"
    monkeypatch.delenv("TRACKER_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert ok(run, "config", "path").stdout == f"{tmp_path / 'xdg' / 'tracker' / 'config.toml'}\n"


def test_set_writes_a_private_file_and_show_says_it_came_from_there(run: Run, config: Path) -> None:
    ok(run, "config", "set", "timezone", "Europe/Kyiv")
    ok(run, "config", "set", "user", "Claims Desk")
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    settings = shown(run)
    assert settings["user"] == ("Claims Desk", str(config))
    assert settings["mail_from"] == (None, "default")


def test_flag_beats_environment_beats_file_beats_default(
    run: Run, config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_file, in_env, in_flag = (str(tmp_path / f"{n}.db") for n in ("file", "env", "flag"))
    ok(run, "config", "set", "db", in_file)
    ok(run, "config", "set", "timezone", "Asia/Tokyo")
    monkeypatch.delenv("TRACKER_TZ")
    monkeypatch.delenv("TRACKER_DB")
    assert shown(run)["db"] == (in_file, str(config))
    assert shown(run)["timezone"] == ("Asia/Tokyo", str(config))
    monkeypatch.setenv("TRACKER_DB", in_env)
    assert shown(run)["db"] == (in_env, "$TRACKER_DB")
    assert shown(run, "--db", in_flag)["db"] == (in_flag, "--db")


def test_the_database_named_in_the_file_is_the_one_used(
    run: Run, tracker_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tracker_db if backend() == "postgresql" else str(tmp_path / "from-config.db")
    ok(run, "config", "set", "db", target)
    monkeypatch.delenv("TRACKER_DB")
    ok(run, *WITKOFF, "2025-03-16")
    listed = json.loads(ok(run, "--db", target, "list", "--format", "json").stdout)
    assert [claim["text"] for claim in listed] == ["a deal"]


def test_set_keeps_comments_and_other_keys(run: Run, config: Path) -> None:
    config.parent.mkdir()
    config.write_text(
        '# our newsroom\nuser = "Desk" # who\n\n[report]\nupcoming = 3\n', encoding="utf-8"
    )
    ok(run, "config", "set", "mail_from", "Claims Desk <desk@example.org>")
    ok(run, "config", "set", "user", "Night Desk")
    assert config.read_text(encoding="utf-8") == (
        '# our newsroom\nuser = "Night Desk"\nmail_from = "Claims Desk <desk@example.org>"\n'
        "\n[report]\nupcoming = 3\n"
    )
    assert shown(run)["report.upcoming"] == (3, str(config))
    assert "edit" in refused(run, "config", "set", "report.upcoming", "5")
    assert config.read_text(encoding="utf-8").endswith("upcoming = 3\n")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("nope", "1"), "unknown setting 'nope'"),
        (("timezone", "Mars/Base"), "unknown time zone"),
        (("smtp_url", "http://mail.example.org"), "smtp_url must look like"),
        (("webhook", "ftp://hooks.example.org/x"), "webhook must be an http"),
        (("mail_from", "not an address"), "not one mail address"),
        (("report.format", "pdf"), "report.format must be one of"),
        (("report.upcoming", "many"), "whole number"),
        (("user", "two", "values"), "takes one value"),
    ],
)
def test_a_bad_key_or_value_changes_nothing(
    run: Run, config: Path, args: tuple[str, ...], said: str
) -> None:
    ok(run, "config", "set", "user", "Desk")
    before = config.read_bytes()
    assert said in refused(run, "config", "set", *args)
    assert config.read_bytes() == before


def test_secrets_are_masked_in_show_and_in_what_set_says(run: Run, config: Path) -> None:
    result = ok(run, "config", "set", "smtp_url", "smtps://desk:hunter2@mail.example.org:465")
    ok(run, "config", "set", "webhook", "https://hooks.example.org/services/T0/s3cret")
    settings = shown(run)
    assert settings["smtp_url"] == ("smtps://desk:***@mail.example.org:465", str(config))
    assert settings["webhook"] == ("https://hooks.example.org/…", str(config))
    table = ok(run, "config", "show")
    for output in (
        result.stdout + result.stderr,
        table.stdout + table.stderr,
        json.dumps(settings),
    ):
        assert "hunter2" not in output and "s3cret" not in output


def test_a_malformed_file_is_one_line_naming_the_file_and_line(run: Run, config: Path) -> None:
    config.parent.mkdir()
    config.write_text('user = "Desk"\ntimezone = \n', encoding="utf-8")
    line = refused(run, "due", "--as-of", "2025-03-24")
    assert line.startswith(f"tracker: error: config file {config}: ") and "line 2" in line
    assert refused(run, "config", "show") == line
    assert ok(run, "config", "path").stdout.strip() == str(config)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('colour = "red"\n', "line 1: unknown key 'colour'"),
        ('user = "Desk"\n[report]\nupcoming = "soon"\n', "line 3: report.upcoming must be"),
        ('timezone = "Mars/Base"\n', "unknown time zone in timezone in"),
    ],
)
def test_a_file_with_an_unknown_key_or_a_bad_value_is_refused(
    run: Run, config: Path, text: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACKER_TZ")
    config.parent.mkdir()
    config.write_text(text, encoding="utf-8")
    assert said in refused(run, "list")


def test_unset_removes_the_line(run: Run, config: Path) -> None:
    ok(run, "config", "set", "user", "Desk")
    ok(run, "config", "set", "mail_to", "a@example.org", "b@example.org")
    assert shown(run)["mail_to"] == ("a@example.org, b@example.org", str(config))
    ok(run, "config", "unset", "user")
    assert "user" not in config.read_text(encoding="utf-8")
    assert shown(run)["mail_to"][1] == str(config)
    assert "not set" in ok(run, "config", "unset", "user").stderr


def test_report_takes_its_defaults_from_the_file(run: Run) -> None:
    ok(run, *WITKOFF, "2025-03-16")
    ok(run, "config", "set", "report.format", "json")
    ok(run, "config", "set", "report.upcoming", "0")
    digest = json.loads(ok(run, "report", "--as-of", "2025-03-24").stdout)
    assert [claim["text"] for claim in digest["new"]] == ["a deal"]
    assert "Claims due" in ok(run, "report", "--as-of", "2025-03-24", "--format", "text").stdout


def test_mail_without_a_sender_is_refused(run: Run) -> None:
    ok(run, "config", "set", "mail_to", "ann@example.org")
    line = refused(run, "report", "--as-of", "2025-03-24")
    assert "tracker config set mail_from" in line


def test_the_crontab_line_relies_on_the_config_file(
    run: Run, config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(run, "config", "set", "db", str(tmp_path / "claims.db"))
    ok(run, "config", "set", "smtp_url", "smtps://desk:hunter2@mail.example.org:465")
    ok(run, "config", "set", "mail_to", "ann@example.org")
    monkeypatch.delenv("TRACKER_DB")
    monkeypatch.delenv("TRACKER_TZ")
    result = ok(run, "report", "--crontab")
    line = result.stdout.strip()
    assert f"TRACKER_CONFIG={config} " in line
    assert "TRACKER_DB" not in line and "TRACKER_TZ" not in line and "hunter2" not in line
    assert line.endswith(" report --new-only --quiet-if-empty")
    assert result.stderr == (
        "tracker: note: mail needs a sender: run 'tracker config set mail_from you@example.org'\n"
    )
    ok(run, "config", "set", "mail_from", "desk@example.org")
    assert ok(run, "report", "--crontab").stderr == ""


def test_a_database_file_is_kept_as_an_absolute_path(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    result = ok(run, "config", "set", "db", "claims.db")
    assert result.stderr == f"db set in {config}: {tmp_path / 'claims.db'}\n"
    assert f'db = "{tmp_path / "claims.db"}"' in config.read_text(encoding="utf-8")


def test_a_report_with_a_destination_given_ignores_the_configured_ones(
    run: Run, tmp_path: Path
) -> None:
    ok(run, "config", "set", "mail_to", "ann@example.org")  # and no sender: mail is refused
    out = tmp_path / "report.txt"
    ok(run, "report", "--as-of", "2025-03-24", "--output", str(out))
    assert out.read_text(encoding="utf-8").startswith("Nothing to report")
    assert "mail_from" in refused(run, "report", "--as-of", "2025-03-24")


def test_the_configured_time_zone_says_which_day_today_is(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """UTC+14 and UTC-12 are 26 hours apart: their calendar days always differ."""
    monkeypatch.delenv("TRACKER_TZ")
    days = []
    for zone in ("Pacific/Kiritimati", "Etc/GMT+12"):
        ok(run, "config", "set", "timezone", zone)
        said = ok(run, "due", "--as-of", "today").stderr.splitlines()[0]
        assert said.startswith("as of ") and said.endswith(" (today)")
        days.append(date.fromisoformat(said.split()[2]))
    assert 1 <= (days[0] - days[1]).days <= 2


def test_a_bad_mail_setting_in_the_file_is_named_as_it_is_there(run: Run, config: Path) -> None:
    config.parent.mkdir()
    config.write_text('smtp_url = "http://mail.example.org"\n', encoding="utf-8")
    line = refused(run, "report", "--as-of", "2025-03-24", "--mail-to", "ann@example.org")
    assert line.startswith(f"tracker: error: smtp_url in {config} must look like smtp://")
