"""`tracker extract URL`: pages fetched from a local HTTP server on 127.0.0.1.

The server is started in the test and serves the HTML fixtures and hand-made pages for
each failure: HTTP errors, redirects, a PDF, an empty page, pages with and without a
stated day, a page over the size limit and a server that does not answer.
"""

from __future__ import annotations

import base64
import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, dump
from tracker.transfer import web

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
LUMEN = ARTICLES / "lumen-fold-launch.html"
HTML = "text/html; charset=utf-8"

DATED = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="article:published_time" content="2025-03-14T09:30:00Z">
<title>Port deal | Harbour News</title></head><body><article>
<h1>Port deal expected within weeks</h1>
<p>Harbour minister Ines Falk said on Thursday that the port deal would be signed
"within two weeks", after a final round of talks with the unions.</p>
<p>The unions have not commented on the talks, which began in January.</p>
</article></body></html>"""

UNDATED = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bridge</title></head>
<body><article><h1>Bridge to reopen</h1>
<p>Transport secretary Omar Haddad said the bridge would reopen by the end of the year,
once the repairs to its northern span are finished and inspected.</p>
</article></body></html>"""

LATIN1 = """<!DOCTYPE html><html><head><title>Plant</title></head><body><article>
<h1>Plant to open</h1>
<p>The energy minister, José Ramírez, said the plant would open next month, after
a delay of two years caused by a dispute with the builders.</p>
</article></body></html>"""


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": HTML})
    length: bool = True  # send Content-Length (else the body ends when the connection does)


@dataclass
class Site:
    """The test server: its base URL, its pages, what it was asked, and the gate a
    slow page waits behind until the test is over."""

    base: str
    pages: dict[str, Reply]
    agents: list[str] = field(default_factory=list)
    auths: list[str] = field(default_factory=list)
    gate: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(site: Site) -> type:
    pages, agents, auths, gate = site.pages, site.agents, site.auths, site.gate

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            agents.append(self.headers.get("User-Agent", ""))
            auths.append(self.headers.get("Authorization", ""))
            if self.path.startswith("/slow"):
                gate.wait(30)
            reply = pages.get(self.path.partition("?")[0], Reply(404, b"not found"))
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.length:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client may have given up
                self.wfile.write(reply.body)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


def _pages() -> dict[str, Reply]:
    huge = b"<html><body>" + b"<p>filler text for a page far too long</p>" * 130_000
    return {
        "/lumen": Reply(body=LUMEN.read_bytes()),
        "/dated": Reply(body=DATED.encode()),
        "/undated": Reply(body=UNDATED.encode()),
        "/latin1": Reply(
            body=LATIN1.encode("iso-8859-1"),
            headers={"Content-Type": "text/html; charset=iso-8859-1"},
        ),
        "/old": Reply(301, headers={"Location": "/lumen"}),
        "/loop": Reply(302, headers={"Location": "/loop"}),
        "/to-file": Reply(302, headers={"Location": "file:///etc/passwd"}),
        "/to-ftp": Reply(302, headers={"Location": "ftp://example.com/x"}),
        "/broken": Reply(500, b"oops"),
        "/report.pdf": Reply(
            body=b"%PDF-1.4\n%\xe2\xe3", headers={"Content-Type": "application/pdf"}
        ),
        "/empty": Reply(body=b""),
        "/huge": Reply(body=huge),
        "/huge-unannounced": Reply(body=huge, length=False),
        "/slow": Reply(body=DATED.encode()),
    }


@pytest.fixture(autouse=True)
def _direct(no_proxy: None) -> None:
    """Requests to 127.0.0.1 go there, not to a proxy of the environment."""


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site("", _pages())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        site.base = f"http://127.0.0.1:{server.server_address[1]}"
        yield site
    finally:
        site.gate.set()
        server.shutdown()
        server.server_close()


def _claims(stdout: str) -> set[tuple[str, str, str]]:
    return {(c["speaker"], c["deadline_phrase"], c["said_on"]) for c in json.loads(stdout)}


def _fails(run: Run, code: int, *args: str) -> str:
    """The one line a failing `tracker extract` prints; nothing else happened."""
    result = run("extract", *args)
    assert result.exit_code == code, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    return result.stderr


# ------------------------------------------------------------ pages that work


def test_the_fixture_page_gives_its_claims_and_day(run: Run, site: Site, tracker_db: str) -> None:
    run("db", "upgrade")
    before = dump(tracker_db)
    result = run("extract", site.url("/lumen"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    expected = json.loads(LUMEN.with_suffix(".json").read_text())
    assert _claims(result.stdout) == {
        (e["speaker"], e["deadline_phrase"], e["said_on"]) for e in expected["expected"]
    }
    assert "publication day 2025-09-04" in result.stderr
    assert dump(tracker_db) == before
    assert site.agents and all(a.startswith("tracker/") for a in site.agents)


def test_the_page_url_is_the_default_source(run: Run, run_json: Any, site: Site) -> None:
    added = run("extract", site.url("/dated"), "--yes")
    assert added.exit_code == 0, added.stderr
    (claim,) = run_json("list")
    assert (claim["speaker"], claim["deadline_phrase"]) == ("Ines Falk", "within two weeks")
    assert claim["said_on"] == "2025-03-13"  # "on Thursday" before Friday 14 March
    assert claim["source_url"] == site.url("/dated")


def test_source_and_published_given_win(run: Run, run_json: Any, site: Site) -> None:
    given = ("--source", "https://news.example/port", "--published", "2025-03-21", "--yes")
    assert run("extract", site.url("/dated"), *given).exit_code == 0
    (claim,) = run_json("list")
    assert claim["source_url"] == "https://news.example/port"
    assert claim["said_on"] == "2025-03-20"


def test_a_redirect_is_followed_to_the_page(run: Run, run_json: Any, site: Site) -> None:
    assert run("extract", site.url("/old"), "--yes").exit_code == 0
    stored = run_json("list")
    assert len(stored) >= 5
    assert {c["source_url"] for c in stored} == {site.url("/lumen")}


def test_the_declared_charset_decodes_the_page(run: Run, site: Site) -> None:
    result = run("extract", site.url("/latin1"), "--published", "2025-03-17", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert _claims(result.stdout) == {("José Ramírez", "next month", "2025-03-17")}


def test_an_undated_page_needs_published(run: Run, site: Site) -> None:
    line = _fails(run, 2, site.url("/undated"), "--format", "json")
    assert "--published" in line
    given = run("extract", site.url("/undated"), "--published", "2025-03-17", "--format", "json")
    assert given.exit_code == 0, given.stderr
    assert _claims(given.stdout) == {("Omar Haddad", "by the end of the year", "2025-03-17")}


def test_a_saved_page_states_its_day_too(run: Run, tmp_path: Path) -> None:
    saved = tmp_path / "port.html"
    saved.write_text(DATED, encoding="utf-8")
    result = run("extract", str(saved), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert _claims(result.stdout) == {("Ines Falk", "within two weeks", "2025-03-13")}


# ------------------------------------------------------------ failures


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/missing", "HTTP 404"),
        ("/broken", "HTTP 500"),
        ("/loop", "could not fetch"),
        ("/to-file", "file:///etc/passwd"),
        ("/to-ftp", "ftp://example.com/x"),
    ],
)
def test_http_errors_exit_1(run: Run, site: Site, path: str, words: str) -> None:
    line = _fails(run, 1, site.url(path), "--published", "2025-03-17")
    assert words in line
    assert site.url(path) in line


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/report.pdf", "not HTML (application/pdf)"),
        ("/empty", "no article text"),
        ("/huge", "larger than 5 MB"),
        ("/huge-unannounced", "larger than 5 MB"),
    ],
)
def test_pages_that_are_no_article_exit_2(
    run: Run, site: Site, path: str, words: str, tracker_db: str
) -> None:
    run("db", "upgrade")
    before = dump(tracker_db)
    line = _fails(run, 2, site.url(path), "--published", "2025-03-17", "--yes")
    assert words in line
    assert dump(tracker_db) == before


def test_a_server_that_does_not_answer_times_out(run: Run, site: Site) -> None:
    line = _fails(run, 1, site.url("/slow"), "--timeout", "0.3", "--published", "2025-03-17")
    assert "no answer within 0.3 s" in line


def test_a_refused_connection_exits_1(run: Run) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/news"
        line = _fails(run, 1, url, "--published", "2025-03-17")
    assert "connection refused" in line


@pytest.mark.parametrize(
    "url", ["ftp://example.com/article", "file:///etc/passwd", "http:///no-host"]
)
def test_only_http_urls_are_fetched(run: Run, url: str) -> None:
    line = _fails(run, 2, url, "--published", "2025-03-17")
    assert "only http and https" in line or "names no host" in line


def test_secrets_in_the_url_are_never_shown(run: Run, site: Site) -> None:
    secret = site.url("/missing?token=tok3n-value&page=2").replace("://", "://ann:pa55word@")
    line = _fails(run, 1, secret, "--published", "2025-03-17")
    assert "pa55word" not in line and "tok3n-value" not in line
    assert "HTTP 404" in line
    assert site.auths == ["Basic " + base64.b64encode(b"ann:pa55word").decode()]


def test_a_stored_source_keeps_no_secret(run: Run, run_json: Any, site: Site) -> None:
    secret = site.url("/dated?token=tok3n-value").replace("://", "://ann:pa55word@")
    assert run("extract", secret, "--yes").exit_code == 0
    (claim,) = run_json("list")
    assert "pa55word" not in claim["source_url"] and "tok3n-value" not in claim["source_url"]
    assert claim["source_url"].startswith(site.url("/dated?"))


# ------------------------------------------------------------ the module


def test_fetch_gives_the_final_url_and_text(site: Site) -> None:
    page = web.fetch(site.url("/old"), timeout=5)
    assert page.url == site.url("/lumen")
    assert "Priya Raman" in page.html


def test_read_html_reads_title_text_and_day() -> None:
    article = web.read_html(LUMEN.read_text(encoding="utf-8"))
    assert article.title == (
        "Lumen unveils its first foldable phone, promises shipping before Christmas"
    )
    assert article.published is not None and article.published.isoformat() == "2025-09-04"
    assert "var teaser" not in article.text and "Subscribe" not in article.text
    assert article.text.startswith(article.title + "\n\n")


def test_read_html_falls_back_to_the_hand_reader_for_a_fragment() -> None:
    article = web.read_html("<p>Jane Roe said the plant would open next month.</p>")
    assert article.text.strip() == "Jane Roe said the plant would open next month."
    assert article.published is None
