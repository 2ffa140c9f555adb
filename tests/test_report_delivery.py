"""Delivering reports over real loopback servers, failing cleanly, and the crontab line.

A failed delivery exits 1 with one line, records nothing, and the next run announces
the same claims again.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
import socket
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import Run
from tests.test_reports import AS_OF, PageParser, recorded, seed
from tracker.domain.reports import DIGEST_KEYS

SPEAKER = "Eve <img src=x onerror=alert(1)>"
HOSTILE = "<script>alert(1)</script> deal\nBcc: evil@example.net\nSubject: pwned"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# SMTP


@dataclass
class MailStore:
    """An aiosmtpd handler that keeps messages, or refuses at RCPT or DATA."""

    refuse_at: str | None = None
    messages: list[Any] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if self.refuse_at == "rcpt":
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse_at == "data":
            return "550 5.7.1 message refused"
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[MailStore, int]]:
    store = MailStore()
    port = free_port()
    controller = Controller(store, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("TRACKER_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("TRACKER_MAIL_FROM", "Claims Desk <desk@example.org>")
    try:
        yield store, port
    finally:
        controller.stop()


def parse(envelope: Any) -> EmailMessage:
    return email.message_from_bytes(envelope.content, policy=email.policy.default)


def test_mail_arrives_well_formed_with_text_and_html(
    run: Run, tracker_db: str, smtp_server: tuple[MailStore, int]
) -> None:
    store, _ = smtp_server
    seed(tracker_db, [("a call with both presidents", "2025-03-20"), ("soon", "2025-03-26")])
    result = run(
        "report",
        "--as-of",
        AS_OF,
        "--mail-to",
        "ann@example.org",
        "--mail-to",
        "Bo Chan <bo@example.org>",
    )
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    [envelope] = store.messages
    assert envelope.mail_from == "desk@example.org"
    assert envelope.rcpt_tos == ["ann@example.org", "bo@example.org"]
    message = parse(envelope)
    assert message.defects == []
    assert message["From"] == "Claims Desk <desk@example.org>"
    assert message["To"] == "ann@example.org, Bo Chan <bo@example.org>"
    assert message["Subject"] == (
        "tracker: 1 claim newly due (2025-03-24): a call with both presidents"
    )
    assert message["Date"] and message["Message-ID"].endswith("@example.org>")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    page = message.get_body(("html",)).get_content()
    for body in (text, page):
        assert "a call with both presidents" in body and "soon" in body
        assert body.count("tracker verify N --outcome OUTCOME") == 1
        assert "Claims due for checking, Mon 24 March 2025" in body
        assert "Track record of the speakers in this report" in body
    assert "<style>" in page and '<span class="badge badge-overdue">Overdue</span>' in page
    assert "Sent automatically by <code>tracker report</code>." in page
    assert recorded(tracker_db) == (0, 0)  # a plain report is delivered, not recorded
    bare = run("report", "--as-of", AS_OF, "--mail-to", "ann@example.org", "--no-hints")
    assert bare.exit_code == 0, bare.stderr
    message = parse(store.messages[1])
    for part in ("plain", "html"):
        body = message.get_body((part,)).get_content()
        assert "a call with both presidents" in body and "tracker verify" not in body


def test_mail_cannot_be_used_to_inject_headers_or_markup(
    run: Run, tracker_db: str, smtp_server: tuple[MailStore, int]
) -> None:
    store, _ = smtp_server
    seed(tracker_db, [(HOSTILE, "2025-03-20")], speaker=SPEAKER)
    result = run("report", "--as-of", AS_OF, "--mail-to", "ann@example.org")
    assert result.exit_code == 0, result.stderr
    subject_given = run(
        "report",
        "--as-of",
        AS_OF,
        "--mail-to",
        "ann@example.org",
        "--subject",
        "hi\nBcc: evil@x\nX-Evil: 1",
    )
    assert subject_given.exit_code == 0, subject_given.stderr
    carriage = run(
        "report", "--as-of", AS_OF, "--mail-to", "ann@example.org", "--subject", "hi\r\nBcc: evil@x"
    )
    assert carriage.exit_code == 2 and "control character" in carriage.stderr
    default, given = (parse(envelope) for envelope in store.messages)
    for message in (default, given):
        assert message["Bcc"] is None and message["X-Evil"] is None
        assert len(message.get_all("Subject")) == 1
        page = message.get_body(("html",)).get_content()
        assert "<script>" not in page and "<img" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert default["Subject"].startswith("tracker: 1 claim newly due (2025-03-24): <script>")
    assert "\n" not in default["Subject"]
    assert given["Subject"] == "hi Bcc: evil@x X-Evil: 1"
    assert all(envelope.rcpt_tos == ["ann@example.org"] for envelope in store.messages)


@pytest.mark.parametrize("refuse_at", ["rcpt", "data"])
def test_refused_mail_records_nothing_and_is_sent_next_time(
    run: Run, tracker_db: str, smtp_server: tuple[MailStore, int], refuse_at: str
) -> None:
    store, _ = smtp_server
    seed(tracker_db, [("a", "2025-03-20"), ("b", "2025-03-21")])
    store.refuse_at = refuse_at
    result = run("report", "--as-of", AS_OF, "--new-only", "--mail-to", "ann@example.org")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("tracker: error: mail via smtp://127.0.0.1:")
    assert "550" in line
    assert recorded(tracker_db) == (0, 0) and store.messages == []
    store.refuse_at = None
    again = run("report", "--as-of", AS_OF, "--new-only", "--mail-to", "ann@example.org")
    assert again.exit_code == 0, again.stderr
    body = parse(store.messages[0]).get_body(("plain",)).get_content()
    assert "Newly due (2)" in body
    assert recorded(tracker_db) == (1, 2)


def test_unreachable_mail_server_exits_1_without_showing_the_password(
    run: Run, tracker_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(tracker_db, [("a", "2025-03-20")])
    monkeypatch.setenv("TRACKER_SMTP_URL", f"smtp://desk:s3cr%40t@127.0.0.1:{free_port()}")
    result = run("report", "--as-of", AS_OF, "--new-only", "--mail-to", "ann@example.org")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("tracker: error: mail via smtp://desk:***@127.0.0.1:")
    assert "s3cr" not in line and "refused" in line.lower()
    assert recorded(tracker_db) == (0, 0)


# hostile text through every format


EVIL = {
    "text": '<script>alert(1)</script> "><img src=x onerror=alert(2)> [x](javascript:alert(3))',
    "speaker": "_Eve_ <b onmouseover=alert(4)>",
    "source": "javascript:alert(5)",
    "quote": "# Heading\n> quoted\n- item <iframe src=//evil>",
    "criteria": "1. *bold* `code` ~~x~~ &lt;i&gt; <a href=javascript:alert(6)>y</a>",
}


def check_page(page: str) -> None:
    """An HTML report: no element or attribute came from user text; links are http(s)."""
    parser = PageParser()
    parser.feed(page)
    assert not {"script", "img", "iframe", "b", "i"} & set(parser.tags)
    assert all(href.startswith(("http://", "https://")) for href in parser.hrefs)
    text = " ".join("".join(parser.text).split())  # as a browser shows it
    assert EVIL["text"] in text and EVIL["speaker"] in text and EVIL["source"] in text
    assert " ".join(EVIL["quote"].split()) in text and EVIL["criteria"] in text


def check_markdown(out: str) -> None:
    """Markdown: no unescaped markup from user text, which is all still there."""
    user = out.split("## Newly due (1)", 1)[1].split("## Track record", 1)[0]
    for own in ("- **#1 ", "**: ", "**Overdue**", "](<https"):  # the report's own markup
        user = user.replace(own, " ")
    assert not re.search(r"(?<!\\)[<`*~]", user)
    assert not re.search(r"(?<!\\)\[(?!source\]\(<https)", user)
    assert not re.search(r"(?<!\\)&(?=#?\w+;)", user)
    assert "\\_Eve\\_" in user and "javascript:alert(5)" in user
    assert "  > \\# Heading > quoted - item \\<iframe src=//evil>" in user


def test_hostile_text_is_inert_in_every_format(
    run: Run, tracker_db: str, smtp_server: tuple[MailStore, int], webhook: tuple[Hook, str]
) -> None:
    store, _ = smtp_server
    hook, url = webhook
    seed(tracker_db, [(EVIL["text"], "2025-03-20")], EVIL["speaker"], EVIL["source"],
         quote=EVIL["quote"], criteria=EVIL["criteria"])  # fmt: skip
    outputs = {}
    for fmt in ("text", "markdown", "html"):
        result = run("report", "--as-of", AS_OF, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        outputs[fmt] = result.stdout
    check_page(outputs["html"])
    check_markdown(outputs["markdown"])
    assert f"#1  {EVIL['speaker']}: {EVIL['text']}\n" in outputs["text"]
    assert f"    Quote: “{' '.join(EVIL['quote'].split())}”\n" in outputs["text"]
    mailed = run("report", "--as-of", AS_OF, "--mail-to", "ann@example.org", "--webhook", url)
    assert mailed.exit_code == 0, mailed.stderr
    message = parse(store.messages[0])
    check_page(message.get_body(("html",)).get_content())
    assert EVIL["text"] in message.get_body(("plain",)).get_content()
    slack = json.loads(hook.bodies[0])["text"]
    assert "<" not in slack and ">" not in slack and "&lt;script&gt;" in slack


# webhook


@dataclass
class Hook:
    status: int = 200
    bodies: list[bytes] = field(default_factory=list)
    content_types: list[str] = field(default_factory=list)


@pytest.fixture
def webhook() -> Iterator[tuple[Hook, str]]:
    hook = Hook()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            if hook.status < 300:
                hook.bodies.append(body)
                hook.content_types.append(self.headers.get("Content-Type", ""))
            self.send_response(hook.status)
            self.send_header("Content-Length", "0")
            if 300 <= hook.status < 400:
                self.send_header("Location", "/elsewhere")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield hook, f"http://127.0.0.1:{server.server_address[1]}/hooks/T0/s3cret-token"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _direct(no_proxy: None) -> None:
    """Requests to 127.0.0.1 go there, not to a proxy of the environment."""


@pytest.fixture(autouse=True)
def _sender(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Mail has a sender, and no config file but the test's own is read."""
    monkeypatch.setenv("TRACKER_MAIL_FROM", "desk@example.org")
    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "config.toml"))


def test_webhook_gets_the_json_with_a_slack_text(
    run: Run, tracker_db: str, webhook: tuple[Hook, str]
) -> None:
    hook, url = webhook
    seed(tracker_db, [("a <deal> & more", "2025-03-20")])
    result = run("report", "--as-of", AS_OF, "--webhook", url)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    [body] = hook.bodies
    assert hook.content_types == ["application/json; charset=utf-8"]
    payload = json.loads(body)
    assert tuple(payload) == ("text", *DIGEST_KEYS)
    assert payload["new"][0]["text"] == "a <deal> & more"
    assert payload["text"].splitlines() == [
        "Claims due for checking, Mon 24 March 2025: 1 newly due, 0 still overdue, 0 coming due",
        "• #1 Sam Speaker: a &lt;deal&gt; &amp; more (4 days overdue)",
    ]
    assert recorded(tracker_db) == (0, 0)  # a plain report is delivered, not recorded


@pytest.mark.parametrize("status", [500, 503, 404, 302])
def test_webhook_failure_records_nothing_and_is_retried(
    run: Run, tracker_db: str, webhook: tuple[Hook, str], status: int
) -> None:
    hook, url = webhook
    seed(tracker_db, [("a", "2025-03-20")])
    hook.status = status
    result = run("report", "--as-of", AS_OF, "--new-only", "--webhook", url)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"tracker: error: webhook http://127.0.0.1:{url.split(':')[2][:5]}")
    assert f"answered {status}" in line and "s3cret" not in line
    assert recorded(tracker_db) == (0, 0)
    hook.status = 200
    assert run("report", "--as-of", AS_OF, "--new-only", "--webhook", url).exit_code == 0
    assert [item["id"] for item in json.loads(hook.bodies[0])["new"]] == [1]


def test_unreachable_webhook_exits_1(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("a", "2025-03-20")])
    url = f"http://127.0.0.1:{free_port()}/hook/secret"
    result = run("report", "--as-of", AS_OF, "--webhook", url)
    assert result.exit_code == 1
    assert "unreachable" in result.stderr and "secret" not in result.stderr
    assert recorded(tracker_db) == (0, 0)


# files


def test_output_file_is_written_whole(run: Run, tracker_db: str, tmp_path: Path) -> None:
    seed(tracker_db, [("a", "2025-03-20")])
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    target.write_text("old")
    target.chmod(0o640)
    result = run("report", "--as-of", AS_OF, "--format", "json", "--output", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert [item["id"] for item in json.loads(target.read_text())["new"]] == [1]
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.json"]
    assert recorded(tracker_db) == (0, 0)  # a plain report is delivered, not recorded


def test_unwritable_output_records_nothing_and_is_retried(
    run: Run, tracker_db: str, tmp_path: Path
) -> None:
    seed(tracker_db, [("a", "2025-03-20"), ("b", "2025-03-20")])
    blocker = tmp_path / "x"
    blocker.write_text("a regular file, not a folder")
    result = run("report", "--as-of", AS_OF, "--new-only", "--output", str(blocker / "r.txt"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"tracker: error: cannot write the report to {blocker / 'r.txt'}: Not a directory"
    ]
    assert recorded(tracker_db) == (0, 0)
    target = tmp_path / "r.txt"
    assert run("report", "--as-of", AS_OF, "--new-only", "--output", str(target)).exit_code == 0
    assert "Newly due (2)" in target.read_text()


def test_one_failed_channel_fails_the_whole_delivery(
    run: Run, tracker_db: str, tmp_path: Path, webhook: tuple[Hook, str]
) -> None:
    hook, url = webhook
    hook.status = 500
    seed(tracker_db, [("a", "2025-03-20")])
    target = tmp_path / "r.txt"
    result = run("report", "--as-of", AS_OF, "--output", str(target), "--webhook", url)
    assert result.exit_code == 1
    assert recorded(tracker_db) == (0, 0)
    hook.status = 200
    assert run("report", "--as-of", AS_OF, "--new-only", "--webhook", url).exit_code == 0
    assert recorded(tracker_db) == (1, 1)


# crontab


def test_crontab_line_has_absolute_paths(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "my 100% db" / "t.db"
    result = run("--db", str(db), "report", "--crontab")
    assert result.exit_code == 0, result.stderr
    line = result.stdout.strip()
    schedule, env, rest = line[:9], line[10:].split(" /", 1)[0], line.split(" report ", 1)[1]
    assert schedule == "0 8 * * *"
    assert env.startswith("TRACKER_DB='") and "100\\%" in env
    assert rest == "--new-only --quiet-if-empty"
    executable = line.split(" report ")[0].rsplit(" ", 1)[1]
    assert Path(executable).is_absolute() and Path(executable).name.startswith("tracker")
    assert not db.exists()


def test_crontab_keeps_the_options_given(run: Run) -> None:
    result = run(
        "report",
        "--crontab",
        "--as-of",
        AS_OF,
        "--mail-to",
        "a@example.org",
        "--format",
        "markdown",
        "--upcoming",
        "3",
    )
    line = result.stdout.strip()
    assert line.endswith(
        "report --format markdown --upcoming 3 --mail-to a@example.org --quiet-if-empty"
    )
    assert "--as-of" not in line
    assert "tracker config set smtp_url" in result.stderr


def test_crontab_leaves_the_postgres_password_out(run: Run) -> None:
    url = "postgresql+psycopg://news:s3cret@db.example:5432/claims"
    result = run("--db", url, "report", "--crontab")
    assert result.exit_code == 0, result.stderr
    assert "TRACKER_DB=postgresql+psycopg://news@db.example:5432/claims " in result.stdout
    assert "s3cret" not in result.stdout + result.stderr
    assert "~/.pgpass" in result.stderr
