"""No password or token reaches any output: URLs with random passwords, through every
command that shows a URL or fails on one (tracker.config.mask_url)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Run
from tracker.config import mask_url

#: Printable characters, those that break URLs unescaped among them.
ALPHABET = st.characters(min_codepoint=32, max_codepoint=126) | st.sampled_from("é€ ")
#: A password with a marker at each end, so that finding it in output is no accident.
PASSWORDS = st.text(ALPHABET, min_size=3, max_size=16).map(lambda core: f"Qz{core}x9")
REFUSED_PORT = "127.0.0.1:1"  # nothing listens there: the connection fails at once
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def outputs(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code in (0, 1, 2), result.stderr
    return result.stdout + result.stderr


def assert_hidden(text: str, password: str) -> None:
    for form in (password, quote(password, safe=""), quote(password)):
        assert form not in text, text


@SETTINGS
@given(password=PASSWORDS)
def test_a_password_in_the_user_info_is_never_shown(run: Run, password: str) -> None:
    url = f"postgresql://tracker:{password}@{REFUSED_PORT}/claims"
    commands = (("db", "path"), ("list",), ("report", "--crontab"), ("db", "current"))
    for command in (*commands, ("config", "show")):
        assert_hidden(outputs(run, "--db", url, *command), password)


@SETTINGS
@given(password=PASSWORDS, name=st.sampled_from(["password", "sslpassword"]))
def test_a_password_parameter_is_never_shown(run: Run, password: str, name: str) -> None:
    url = f"postgresql://tracker@{REFUSED_PORT}/claims?{name}={quote(password, safe='')}"
    for command in (("db", "path"), ("list",), ("report", "--crontab"), ("config", "show")):
        assert_hidden(outputs(run, "--db", url, *command), password)


@SETTINGS
@given(password=PASSWORDS)
def test_an_smtp_password_is_never_shown(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, password: str
) -> None:
    monkeypatch.setenv("TRACKER_SMTP_URL", f"smtp://desk:{password}@{REFUSED_PORT}")
    db = ("--db", str(tmp_path / "claims.db"))
    args = ("report", "--as-of", "2025-03-24", "--mail-to", "desk@example.org")
    assert_hidden(outputs(run, *db, *args), password)
    assert_hidden(outputs(run, *db, *args, "--crontab"), password)
    assert_hidden(outputs(run, *db, "config", "show", "--format", "json"), password)


def test_a_webhook_token_is_not_printed_in_a_crontab_line(run: Run) -> None:
    token = "T0KEN9secretQz"
    result = run("report", "--webhook", f"https://hooks.example.org/services/{token}", "--crontab")
    assert result.exit_code == 0 and token not in result.stdout + result.stderr
    assert "TRACKER_WEBHOOK_URL" in result.stderr


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("postgresql://u:pw@h/db", "postgresql://u:***@h/db"),
        ("smtp://u:pa%2Fss@mail:25 failed", "smtp://u:***@mail:25 failed"),
        (
            "postgresql://localhost:5432/db?user=me@work",
            "postgresql://localhost:5432/db?user=me@work",
        ),
        ("postgresql://u@h/db?sslpassword=x&a=1", "postgresql://u@h/db?sslpassword=***&a=1"),
        ("https://h/hook?token=abc", "https://h/hook?token=***"),
    ],
)
def test_mask_url(text: str, masked: str) -> None:
    assert mask_url(text) == masked


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:my Zq9@h/db",
        "postgresql://u:p@Zq9 w@h:1/db",
        "postgresql://u:p@Zq9/w#d@h/db",
        "postgresql://u:pa?Zq9@h/db",
        "postgresql://u:Zq9?=x9@h:1/db",
    ],
)
def test_a_password_with_unescaped_characters_is_refused_unseen(run: Run, url: str) -> None:
    result = run("--db", url, "db", "path")
    assert result.exit_code == 2 and "unescaped" in result.stderr
    assert "Zq9" not in result.stderr


def test_an_at_sign_in_the_query_is_no_password(run: Run) -> None:
    url = "postgresql://localhost:5432/db?application_name=me@work"
    result = run("--db", url, "db", "path")
    assert (result.exit_code, result.stdout.strip()) == (
        0,
        "postgresql+psycopg://localhost:5432/db?application_name=me@work",
    )


def test_config_show_says_where_each_setting_comes_from_and_masks_secrets(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_WEBHOOK_URL", "https://hooks.example.org/services/T0/s3cret")
    monkeypatch.setenv("TRACKER_SMTP_URL", "smtps://desk:hunter2@mail.example.org:465")
    monkeypatch.setenv("TRACKER_TZ", "Europe/Kyiv")
    missing = tmp_path / "none" / "claims.db"
    result = run("--db", str(missing), "config", "show", "--format", "json")
    assert result.exit_code == 0, result.stderr
    shown = {row["setting"]: (row["value"], row["from"]) for row in json.loads(result.stdout)}
    assert shown["database"] == (str(missing), "--db")
    assert shown["time zone"] == ("Europe/Kyiv", "$TRACKER_TZ")
    assert shown["mail server"] == ("smtps://desk:***@mail.example.org:465", "$TRACKER_SMTP_URL")
    assert shown["webhook"] == ("https://hooks.example.org/…", "$TRACKER_WEBHOOK_URL")
    assert "s3cret" not in result.stdout and "hunter2" not in result.stdout
    assert not missing.parent.exists()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("smtp://desk:pa/ss#x @y@mail:25", "smtp://desk:***@mail:25"),
        ("smtps://desk@mail:465", "smtps://desk@mail:465"),
        ("postgresql://u@h/db?password=x", "postgresql://u@h/db?password=***"),
        ("https://hooks.example.org/x?token=abc", "https://hooks.example.org/x?token=***"),
    ],
)
def test_a_whole_url_setting_is_masked_up_to_its_last_at(url: str, shown: str) -> None:
    from tracker.config import mask_setting

    assert mask_setting(url) == shown
