"""`tracker report`: sections, formats, announcing each newly due claim exactly once."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import WITKOFF_CALL, Run, dump, sql
from tracker.config import to_url
from tracker.domain.reports import COUNT_KEYS, DIGEST_KEYS, ITEM_KEYS, SCOREBOARD_KEYS
from tracker.store.engine import Database
from tracker.store.models import Claim, Source, Speaker, Tag

AS_OF = "2025-03-24"
SAID = date(2025, 3, 1)


def seed(
    location: str,
    claims: Sequence[tuple[str, str]],
    speaker: str = "Sam Speaker",
    source: str | None = "https://example.org/news",
    tags: Sequence[str] = (),
    quote: str | None = None,
    criteria: str | None = None,
) -> list[int]:
    """Insert open claims (text, window end) directly, said 2025-03-01; returns their ids."""
    database = Database.open(to_url(location))
    with database.session(write=True) as session:
        person = session.query(Speaker).filter_by(key=speaker.casefold()).one_or_none()
        person = person or Speaker(name=speaker, key=speaker.casefold())
        found = session.query(Source).filter_by(url=source).one_or_none() if source else None
        where = found or (Source(url=source) if source else None)
        labels = [session.query(Tag).filter_by(name=t).one_or_none() or Tag(name=t) for t in tags]
        rows = [
            Claim(
                text=text,
                speaker=person,
                said_on=SAID,
                deadline_phrase="by then",
                deadline_start=SAID,
                deadline_end=date.fromisoformat(end),
                due_on=date.fromisoformat(end),
                status="open",
                source=where,
                tags=labels,
                quote=quote,
                criteria=criteria,
            )
            for text, end in claims
        ]
        session.add_all(rows)
        session.flush()
        ids = [row.id for row in rows]
    database.engine.dispose()
    return ids


def set_due_on(location: str, claim_id: int, due_on: str) -> None:
    """Move a claim's `due_on` as a snooze does."""
    sql(
        location,
        "UPDATE claims SET due_on = :due_on WHERE id = :id",
        due_on=date.fromisoformat(due_on),
        id=claim_id,
    )


def recorded(location: str) -> tuple[int, int]:
    """(deliveries, announcements) stored."""
    deliveries = sql(location, "SELECT count(*) FROM report_deliveries")[0][0]
    announced = sql(location, "SELECT count(*) FROM report_announcements")[0][0]
    return deliveries, announced


def report_json(run: Run, *args: str, as_of: str = AS_OF) -> dict[str, Any]:
    result = run("report", "--as-of", as_of, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def ids(digest: dict[str, Any], section: str) -> list[int]:
    return [item["id"] for item in digest[section]]


# the example article


def test_witkoff_week_claims_are_announced_once(witkoff: Run, tracker_db: str) -> None:
    first = report_json(witkoff, "--new-only")
    assert [(i["text"], i["deadline_end"]) for i in first["new"]] == [
        (WITKOFF_CALL, "2025-03-23"),
        ("US teams will meet both sides", "2025-03-23"),
    ]
    assert first["new"][0]["verify_command"] == ("tracker verify 1 --outcome OUTCOME")
    assert first["new"][0]["source_url"] == "https://www.bbc.com/news/articles/c8rx2v0qk4zo"
    second = report_json(witkoff, "--new-only")
    assert second["new"] == [] and second["counts"]["total"] == 0
    assert recorded(tracker_db) == (2, 2)


WITKOFF_TEXT = f"""\
Claims due for checking, Mon 24 March 2025
2 newly due, 0 still overdue, 1 coming due.

Newly due (2)
#1  Steve Witkoff: {WITKOFF_CALL}
    Overdue · 1 day overdue · window Mon 17 – Sun 23 March 2025
    “this week”, said Sun 16 March 2025
    Quote: “There will be a call this week”
    Criteria: Both governments confirm the call
    Source: https://www.bbc.com/news/articles/c8rx2v0qk4zo

#2  Steve Witkoff: US teams will meet both sides
    Overdue · 1 day overdue · window Sun 16 – Sun 23 March 2025
    “during the coming week”, said Sun 16 March 2025
    Source: https://www.bbc.com/news/articles/c8rx2v0qk4zo

Coming due in the next 40 days (1)
#3  Steve Witkoff: a deal will be reached
    Open, on time · ends in 34 days · window Sun 16 March – Sun 27 April 2025
    “in the coming weeks”, said Sun 16 March 2025
    Source: https://www.bbc.com/news/articles/c8rx2v0qk4zo

Track record of the speakers in this report
  Steve Witkoff (3 claims): 0 kept, 0 broken, 3 open, 2 overdue
"""
WITKOFF_HINTS = """
Commands
  Record a verdict:               tracker verify N --outcome OUTCOME
  Check again after a later day:  tracker snooze N --until YYYY-MM-DD
  N is the claim's number (#1, #2, #3); OUTCOME is one of kept, kept_late, partial, \
broken, withdrawn, void, unverifiable.
"""


def test_witkoff_text_report_reads_as_a_note_to_an_editor(witkoff: Run) -> None:
    """Dates and windows in words, states in words, the quote and criteria, the
    speaker's record, and the commands once at the foot (or not at all)."""
    edit = ("edit", "1", "--quote", "There will be a call this week")
    assert witkoff(*edit, "--criteria", "Both governments confirm the call").exit_code == 0
    result = witkoff("report", "--as-of", AS_OF, "--upcoming", "40")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == WITKOFF_TEXT + WITKOFF_HINTS
    bare = witkoff("report", "--as-of", AS_OF, "--upcoming", "40", "--no-hints")
    assert bare.stdout == WITKOFF_TEXT
    assert "tracker verify" not in bare.stdout and "OUTCOME" not in bare.stdout


def test_no_hints_drops_only_the_footer(witkoff: Run) -> None:
    for fmt in ("markdown", "html"):
        full = witkoff("report", "--as-of", AS_OF, "--format", fmt).stdout
        bare = witkoff("report", "--as-of", AS_OF, "--format", fmt, "--no-hints").stdout
        assert full.count("tracker verify N --outcome OUTCOME") == 1
        assert full.count("tracker snooze N --until YYYY-MM-DD") == 1
        assert "tracker verify" not in bare and "tracker snooze" not in bare
        assert WITKOFF_CALL in bare and "Steve Witkoff" in bare
        assert len(bare) < len(full)
    as_json = report_json(witkoff, "--no-hints")
    assert as_json["new"][0]["verify_command"] == "tracker verify 1 --outcome OUTCOME"


def test_the_scoreboard_gives_the_track_record_of_the_speakers_reported(
    run: Run, tracker_db: str
) -> None:
    seed(tracker_db, [("a", "2025-03-20"), ("b", "2025-03-25"), ("c", "2025-03-10")], "Ann Lee")
    seed(tracker_db, [("d", "2025-06-01"), ("e", "2025-03-02")], "Bo Chan")
    seed(tracker_db, [("f", "2025-03-20")], "Cy Dee")
    for claim, outcome in (("2", "kept"), ("3", "broken"), ("5", "kept_late")):
        assert run("verify", claim, "--outcome", outcome, "--on", "2025-03-20").exit_code == 0
    digest = report_json(run, "--speaker", "Ann Lee")
    ann = {"speaker": "Ann Lee", "claims": 3, "kept": 1, "kept_late": 0, "partial": 0}
    ann |= {"broken": 1, "withdrawn": 0, "void": 0, "unverifiable": 0}
    assert digest["scoreboard"] == [ann | {"open": 1, "overdue": 1, "waiting": 0}]
    everyone = report_json(run, "--include-verified")
    assert [row["speaker"] for row in everyone["scoreboard"]] == ["Ann Lee", "Cy Dee", "Bo Chan"]
    assert everyone["scoreboard"][2]["kept_late"] == 1
    text = run("report", "--as-of", AS_OF, "--include-verified").stdout
    assert "  Bo Chan (2 claims): 0 kept, 1 kept late, 0 broken, 1 open, 0 overdue\n" in text
    assert "  Cy Dee (1 claim): 0 kept, 0 kept late, 0 broken, 1 open, 1 overdue\n" in text
    assert report_json(run, "--new-only", "--speaker", "Bo Chan")["scoreboard"] == []


# announcing once


def test_new_only_announces_only_claims_that_became_due(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("a", "2025-03-20"), ("b", "2025-03-23"), ("later", "2025-03-30")])
    assert ids(report_json(run, "--new-only"), "new") == [1, 2]
    assert ids(report_json(run, "--new-only"), "new") == []
    seed(tracker_db, [("c", "2025-03-22")])
    assert ids(report_json(run, "--new-only"), "new") == [4]
    assert ids(report_json(run, "--new-only", as_of="2025-03-31"), "new") == [3]
    assert ids(report_json(run, "--new-only", as_of="2025-04-30"), "new") == []


def test_looking_at_reports_records_nothing(run: Run, tracker_db: str) -> None:
    """A plain report and a dry run are views: the cron job still announces every
    newly due claim, once."""
    seed(tracker_db, [("a", "2025-03-01"), ("b", "2025-03-20"), ("soon", "2025-03-26")])
    before = dump(tracker_db)
    first = report_json(run)
    assert (ids(first, "new"), ids(first, "overdue"), ids(first, "upcoming")) == ([1, 2], [], [3])
    again = report_json(run)
    assert {**again, "generated_at": None} == {**first, "generated_at": None}
    preview = report_json(run, "--new-only", "--dry-run")
    assert ids(preview, "new") == [1, 2]
    assert dump(tracker_db) == before
    cron = report_json(run, "--new-only")
    assert ids(cron, "new") == [1, 2]
    assert ids(report_json(run, "--new-only", "--dry-run"), "new") == []
    assert ids(report_json(run, "--new-only"), "new") == []
    after = report_json(run)
    assert (ids(after, "new"), ids(after, "overdue")) == ([], [1, 2])
    assert after["overdue"][0]["days_overdue"] == 23


def test_a_dry_run_delivers_nothing(run: Run, tracker_db: str, tmp_path: Path) -> None:
    seed(tracker_db, [("a", "2025-03-20")])
    target = tmp_path / "report.txt"
    result = run("report", "--as-of", AS_OF, "--new-only", "--dry-run", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert "#1" in result.stdout and "not delivered" in result.stderr
    assert not target.exists()
    assert ids(report_json(run, "--new-only"), "new") == [1]


def test_a_snoozed_claim_due_again_is_announced_again(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("a", "2025-03-20")])
    assert ids(report_json(run, "--new-only"), "new") == [1]
    set_due_on(tracker_db, 1, "2025-04-01")
    assert ids(report_json(run, "--new-only", as_of="2025-04-01"), "new") == []
    again = report_json(run, "--new-only", as_of="2025-04-02")
    assert ids(again, "new") == [1]
    assert again["new"][0]["due_on"] == "2025-04-01"
    assert ids(report_json(run, "--new-only", as_of="2025-04-03"), "new") == []


def test_judged_claims_are_not_reported_as_due(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("a", "2025-03-20"), ("b", "2025-03-20")])
    assert run("verify", "1", "--outcome", "broken", "--on", "2025-03-21").exit_code == 0
    assert ids(report_json(run, "--new-only"), "new") == [2]


def test_filters_leave_other_claims_for_later(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("mine", "2025-03-20")], speaker="Ann Lee", tags=["trade"])
    seed(tracker_db, [("other", "2025-03-20")], speaker="Bo Chan")
    assert ids(report_json(run, "--new-only", "--speaker", "ann  LEE"), "new") == [1]
    assert ids(report_json(run, "--new-only", "--tag", "Trade"), "new") == []
    assert ids(report_json(run, "--new-only"), "new") == [2]


def test_upcoming_window_follows_the_option(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("today", AS_OF), ("in 3", "2025-03-27"), ("in 9", "2025-04-02")])
    upcoming = report_json(run)["upcoming"]
    assert [(i["text"], i["days_overdue"]) for i in upcoming] == [("today", 0), ("in 3", -3)]
    assert ids(report_json(run, "--upcoming", "9"), "upcoming") == [1, 2, 3]
    assert ids(report_json(run, "--upcoming", "0"), "upcoming") == []


def test_deleting_a_claim_deletes_its_announcements(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("a", "2025-03-20")])
    report_json(run, "--new-only")
    assert run("rm", "1", "--yes").exit_code == 0
    assert recorded(tracker_db) == (1, 0)


def test_verified_since_the_last_report(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("a", "2025-03-20"), ("b", "2025-03-20")])
    run("verify", "1", "--outcome", "kept", "--on", "2025-03-19")
    first = report_json(run, "--include-verified")
    assert [(i["id"], i["status"], i["verify_command"]) for i in first["verified"]] == [
        (1, "kept", None)
    ]
    assert first["sections"] == ["new", "overdue", "upcoming", "verified"]
    assert report_json(run, "--include-verified") == first  # a plain report records nothing
    assert ids(report_json(run, "--new-only", "--include-verified"), "verified") == [1]
    assert report_json(run, "--include-verified")["verified"] == []
    run("verify", "2", "--outcome", "broken", "--on", "2025-03-24")
    text = run("report", "--as-of", AS_OF, "--new-only", "--include-verified").stdout
    assert "Verified since the last report (1)" in text
    assert "#2  Sam Speaker: b\n    Broken · judged Mon 24 March 2025 · window" in text
    assert ids(report_json(run, "--include-verified"), "verified") == []


# empty reports


def test_quiet_if_empty_prints_and_records_nothing(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("later", "2025-04-30")])
    result = run("report", "--as-of", AS_OF, "--new-only", "--quiet-if-empty")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert recorded(tracker_db) == (0, 0)
    full = run("report", "--as-of", AS_OF, "--quiet-if-empty", "--upcoming", "0")
    assert (full.exit_code, full.stdout) == (0, "")


def test_quiet_if_empty_still_reports_when_any_section_has_claims(
    run: Run, tracker_db: str
) -> None:
    seed(tracker_db, [("soon", "2025-03-26")])
    result = run("report", "--as-of", AS_OF, "--quiet-if-empty")
    assert "Coming due in the next 7 days (1)" in result.stdout
    assert recorded(tracker_db) == (0, 0)  # a plain report is a view


def test_an_empty_report_says_so_and_is_recorded(run: Run, tracker_db: str) -> None:
    result = run("report", "--as-of", AS_OF, "--new-only")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Nothing to report for Mon 24 March 2025 (0 newly due).\n"
    assert recorded(tracker_db) == (1, 0)


# formats


def test_json_keys_are_stable(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("a", "2025-03-20"), ("b", "2025-03-26")])
    digest = report_json(run)
    assert tuple(digest) == DIGEST_KEYS
    assert tuple(digest["counts"]) == COUNT_KEYS
    assert digest["counts"] == {
        "new": 1,
        "overdue": 0,
        "upcoming": 1,
        "verified": 0,
        "total": 2,
        "waiting": 0,
    }
    assert digest["as_of"] == AS_OF and digest["upcoming_days"] == 7
    assert [tuple(row) for row in digest["scoreboard"]] == [SCOREBOARD_KEYS]
    assert [tuple(item) for item in digest["new"] + digest["upcoming"]] == [ITEM_KEYS] * 2
    assert digest["new"][0]["section"] == "new"
    assert digest["upcoming"][0]["section"] == "upcoming"
    new_only = report_json(run, "--new-only")
    assert tuple(new_only) == DIGEST_KEYS
    assert (new_only["sections"], new_only["upcoming"], new_only["new_only"]) == (["new"], [], True)


HOSTILE = "<script>alert(1)</script> *bold* [x](javascript:alert(2)) & <b onclick=x>"


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [value or "" for name, value in attrs if name == "href"]
        assert not any(name.startswith("on") for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_one_page_with_every_user_text_escaped(run: Run, tracker_db: str) -> None:
    seed(
        tracker_db,
        [(HOSTILE, "2025-03-20")],
        speaker="Eve <img src=x>",
        source="javascript:alert(3)",
        quote='"><img src=x onerror=alert(4)>',
        criteria="</p><script>alert(5)</script>",
    )
    seed(tracker_db, [("fine", "2025-03-20")], source='https://example.org/a?x="y"&z=<1>')
    result = run("report", "--as-of", AS_OF, "--format", "html")
    assert result.exit_code == 0, result.stderr
    page = PageParser()
    page.feed(result.stdout)
    assert not {"script", "img", "b"} & set(page.tags)
    assert page.tags.count("a") == 1 and page.tags.count("blockquote") == 1
    assert page.hrefs == ['https://example.org/a?x="y"&z=<1>']
    assert 'href="https://example.org/a?x=&#34;y&#34;&amp;z=&lt;1&gt;"' in result.stdout
    text = "".join(page.text)
    assert HOSTILE in text and "Eve <img src=x>" in text and "javascript:alert(3)" in text
    assert '"><img src=x onerror=alert(4)>' in text and "</p><script>alert(5)</script>" in text
    assert result.stdout.startswith("<!DOCTYPE html>") and "<style>" in result.stdout
    assert "default-src 'none'; style-src 'unsafe-inline'" in result.stdout
    assert "<title>Claims due for checking, Mon 24 March 2025</title>" in result.stdout
    assert '<span class="badge badge-overdue">Overdue</span> 4 days overdue' in result.stdout


def test_markdown_escapes_only_what_would_be_markup(run: Run, tracker_db: str) -> None:
    seed(
        tracker_db,
        [(HOSTILE, "2025-03-20")],
        speaker="_Eve_",
        source="javascript:alert(3)",
        quote="# Heading [x](javascript:y)",
        criteria="1. first *x* `code` ~~gone~~ &amp; <!-- c -->",
    )
    seed(tracker_db, [("Donald J. keeps #4 kept_late", "2025-03-21")], speaker="Donald J. Trump")
    out = run("report", "--as-of", AS_OF, "--format", "markdown").stdout
    assert out.startswith("# Claims due for checking, Mon 24 March 2025\n")
    assert "## Newly due (2)" in out
    hostile = (
        "\\<script>alert(1)\\</script> \\*bold\\* \\[x\\](javascript:alert(2)) & \\<b onclick=x>"
    )
    assert f"- **#1 \\_Eve\\_**: {hostile}  \n" in out
    assert "\n  > \\# Heading \\[x\\](javascript:y)\n" in out
    assert "  Criteria: 1. first \\*x\\* \\`code\\` \\~\\~gone\\~\\~ \\&amp; \\<!-- c -->\n" in out
    assert "said Sat 1 March 2025 · javascript:alert(3)" in out
    assert "- **#2 Donald J. Trump**: Donald J. keeps #4 kept_late  \n" in out
    assert "  **Overdue** · 3 days overdue · window Sat 1 – Fri 21 March 2025  \n" in out
    links = re.findall(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", out)
    assert links == ["[source]("] and "[source](<https://example.org/news>)" in out
    assert "Record a verdict: `tracker verify N --outcome OUTCOME`" in out


def test_text_folds_new_lines_and_drops_control_characters(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("line one\nSubject: two\u0085\u009b31m", "2025-03-20")])
    out = run("report", "--as-of", AS_OF).stdout
    assert "#1  Sam Speaker: line one Subject: two 31m" in out


# bad input


BAD = [
    pytest.param(("--upcoming", "-1"), id="negative-upcoming"),
    pytest.param(("--format", "pdf"), id="format"),
    pytest.param(("--webhook", "ftp://example.org/hook"), id="webhook-scheme"),
    pytest.param(("--webhook", "file:///etc/passwd"), id="webhook-file"),
    pytest.param(("--mail-to", "not an address"), id="mail-to"),
    pytest.param(("--mail-to", "a@example.org\nBcc: evil@x"), id="mail-to-injection"),
    pytest.param(("--mail-to", "a@example.org, b@example.org"), id="mail-to-two"),
    pytest.param(("--subject", "hi"), id="subject-without-mail"),
    pytest.param(("--output", "."), id="output-directory"),
    pytest.param(("--as-of", "2025-02-30"), id="as-of"),
]


@pytest.mark.parametrize("args", BAD)
def test_bad_input_exits_2_and_records_nothing(
    run: Run, tracker_db: str, args: tuple[str, ...]
) -> None:
    seed(tracker_db, [("a", "2025-03-20")])
    before = dump(tracker_db)
    result = run("report", "--as-of", AS_OF, *args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("tracker: error: ")
    assert result.stdout == ""
    assert dump(tracker_db) == before


def test_bad_smtp_url_exits_2(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_SMTP_URL", "http://user:s3cret@mail.example.org")
    result = run("report", "--as-of", AS_OF, "--mail-to", "a@example.org")
    assert result.exit_code == 2
    assert "TRACKER_SMTP_URL" in result.stderr and "s3cret" not in result.stderr


# concurrency


def tracker_exe() -> str:
    found = shutil.which("tracker") or str(Path(sys.executable).parent / "tracker")
    assert Path(found).exists(), "the tracker console script is not installed"
    return found


def test_concurrent_reports_announce_every_claim_exactly_once(tracker_db: str) -> None:
    start = date(2025, 3, 1)
    claims = [(f"claim {n}", (start + timedelta(days=n % 20)).isoformat()) for n in range(50)]
    expected = seed(tracker_db, claims)
    env = {**os.environ, "TRACKER_DB": str(tracker_db)}
    command = [tracker_exe(), "report", "--new-only", "--format", "json", "--as-of", AS_OF]
    procs = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(6)
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 6, [err for _, err in outputs]
    announced = [item["id"] for out, _ in outputs for item in json.loads(out)["new"]]
    assert sorted(announced) == expected
    assert recorded(tracker_db) == (6, 50)


def test_a_report_that_records_nothing_makes_no_database_file(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "claims.db"
    for extra in ((), ("--new-only", "--dry-run"), ("--format", "json")):
        result = run("--db", str(path), "report", "--as-of", AS_OF, *extra)
        assert result.exit_code == 0, result.stderr
    assert not path.exists() and not path.parent.exists()
    assert run("--db", str(path), "report", "--as-of", AS_OF, "--new-only").exit_code == 0
    assert path.exists()  # the cron job's first run makes it: it records


def test_a_snoozed_claim_coming_up_says_until_when(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("snoozed", "2025-03-20"), ("plain", "2025-03-30")])
    set_due_on(tracker_db, 1, "2025-04-01")
    text = run("report", "--as-of", "2025-03-28", "--upcoming", "7").stdout
    assert "#1  Sam Speaker: snoozed\n    Open, on time · snoozed until Tue 1 April 2025 · " in text
    assert "#2  Sam Speaker: plain\n    Open, on time · ends in 2 days · " in text
