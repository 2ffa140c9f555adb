"""`tracker site build`: the pages, the feed, the data, rebuilding only what changed,
hostile text, and refusals. (The site in a real browser: test_site_browser.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser

from tests.conftest import Run, dump, ok, refused
from tracker.records import SITE_KEYS

AS_OF = "2025-03-24"
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


def build(run: Run, out: Path, *args: str) -> str:
    return ok(run, "site", "build", str(out), "--as-of", AS_OF, *args).stderr


def judged(witkoff: Run) -> Run:
    ok(witkoff, "verify", "1", "--outcome", "kept", "--on", "2025-03-18", "--note",
       "they spoke on 18 March", "--evidence", "https://example.org/call")  # fmt: skip
    return witkoff


def meter(page: str) -> dict[str, int]:
    found = re.findall(r'<span class="count">(\d+)</span><span class="badge badge-(\w+)">', page)
    return {state: int(count) for count, state in found}


def inodes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_ino for p in out.rglob("*") if p.is_file()}


def test_the_example_builds_a_site_a_reader_can_follow(witkoff: Run, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert "3 claims" in build(judged(witkoff), out)
    index = (out / "index.html").read_text()
    assert meter(index) == {"kept": 1, "kept_late": 0, "partial": 0, "broken": 0,
                            "withdrawn": 0, "on_time": 1, "overdue": 1, "waiting": 0}  # fmt: skip
    assert 'href="speakers/steve-witkoff.html"' in index and "Latest verdicts" in index
    claim = (out / "claims" / "1.html").read_text()
    assert "Mon 17 – Sun 23 March 2025" in claim and "Said by" in claim
    assert "Tue 18 March 2025: judged" in claim and 'href="https://example.org/call"' in claim
    assert "they spoke on 18 March" in claim and "&ldquo;this week&rdquo;" in claim
    speaker = (out / "speakers" / "steve-witkoff.html").read_text()
    assert "On-time rate" in speaker and "100.0%" in speaker
    listed = (out / "claims" / "index.html").read_text()
    assert listed.count("<li data-state=") == 3 and 'id="search"' in listed
    assert not (out / "sitemap.xml").exists()


def test_the_data_files_hold_every_claim_with_the_site_keys(witkoff: Run, tmp_path: Path) -> None:
    build(judged(witkoff), tmp_path / "site")
    data = json.loads((tmp_path / "site" / "data" / "claims.json").read_text())
    assert data["as_of"] == AS_OF and [c["id"] for c in data["claims"]] == [1, 2, 3]
    assert all(tuple(c) == SITE_KEYS for c in data["claims"])
    assert data["claims"][0]["history"][0]["kind"] == "verify"
    speakers = json.loads((tmp_path / "site" / "data" / "speakers.json").read_text())
    assert speakers["speakers"][0]["speaker"] == "Steve Witkoff"
    assert speakers["speakers"][0]["kept"] == 1


def test_the_feed_has_each_verdict_once_with_ids_that_stay(witkoff: Run, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(judged(witkoff), out, "--base-url", "https://claims.example.org/desk")
    first = feedparser.parse((out / "feed.atom").read_bytes())
    assert not first.bozo, first.get("bozo_exception")
    assert [e.link for e in first.entries] == ["https://claims.example.org/desk/claims/1.html"]
    ok(witkoff, "verify", "3", "--outcome", "broken", "--on", "2025-03-22")
    build(witkoff, out, "--base-url", "https://claims.example.org/desk")
    second = feedparser.parse((out / "feed.atom").read_bytes())
    ids = [e.id for e in second.entries]
    assert len(ids) == 2 and len(set(ids)) == 2 and first.entries[0].id in ids
    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://claims.example.org/desk/claims/3.html</loc>" in sitemap


def test_a_rebuild_rewrites_only_the_pages_that_changed(witkoff: Run, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(judged(witkoff), out)
    before = inodes(out)
    assert "0 files written" in build(witkoff, out)
    assert inodes(out) == before
    ok(witkoff, "verify", "3", "--outcome", "broken", "--on", "2025-03-22")
    build(witkoff, out)
    after = inodes(out)
    changed = {path for path in before if after[path] != before[path]}
    assert {"claims/3.html", "index.html", "claims/index.html", "feed.atom"} <= changed
    assert "claims/1.html" not in changed and "claims/2.html" not in changed
    assert "assets/style.css" not in changed


def test_pages_of_removed_claims_are_removed(witkoff: Run, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(witkoff, out)
    ok(witkoff, "rm", "3", "--yes")
    assert "1 removed" in build(witkoff, out)
    assert not (out / "claims" / "3.html").exists() and (out / "claims" / "2.html").exists()


def test_hostile_text_stays_text_on_every_page(run: Run, tmp_path: Path) -> None:
    ok(run, "add", HOSTILE, "--speaker", 'Eve "><script>x()</script>', "--by", "next month",
       "--said-on", "2025-03-01", "--tag", "<b>bold</b>", "--quote", HOSTILE,
       "--criteria", "</dd><script>1</script>")  # fmt: skip
    ok(run, "verify", "1", "--outcome", "broken", "--on", "2025-03-20", "--note", HOSTILE,
       "--evidence", "https://example.org/x?a=<script>")  # fmt: skip
    out = tmp_path / "site"
    build(run, out, "--title", "<i>Desk</i>")
    for page in out.rglob("*.html"):
        text = page.read_text()
        assert "<script>x()" not in text and "<script>alert" not in text, page
        assert "<img" not in text and "<b>bold" not in text and "<i>Desk" not in text, page
        assert "javascript:" not in text, page
    feed = feedparser.parse((out / "feed.atom").read_bytes())
    assert not feed.bozo and HOSTILE in feed.entries[0].summary


def test_a_speaker_or_a_topic_narrows_the_site(witkoff: Run, tmp_path: Path) -> None:
    ok(witkoff, "add", "tariffs go", "--speaker", "Donald Trump", "--by", "next month",
       "--said-on", "2025-03-01", "--tag", "trade")  # fmt: skip
    build(witkoff, tmp_path / "one", "--speaker", "trump")
    assert [p.name for p in (tmp_path / "one" / "claims").glob("?.html")] == ["4.html"]
    build(witkoff, tmp_path / "two", "--tag", "trade", "--tag", "nothing")
    assert (tmp_path / "two" / "tags" / "trade.html").exists()
    assert not (tmp_path / "two" / "speakers" / "steve-witkoff.html").exists()


def test_bad_places_and_addresses_are_refused_and_nothing_is_written(
    witkoff: Run, tmp_path: Path
) -> None:
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    assert "not empty" in refused(witkoff, "site", "build", str(other))
    assert sorted(p.name for p in other.iterdir()) == ["notes.txt"]
    a_file = tmp_path / "file.html"
    a_file.write_text("x")
    assert "a file" in refused(witkoff, "site", "build", str(a_file))
    for url in ("ftp://example.org", "javascript:alert(1)", "https://a b", "example.org"):
        refused(witkoff, "site", "build", str(tmp_path / "new"), "--base-url", url)
    assert not (tmp_path / "new").exists()
    refused(witkoff, "site", "build", str(tmp_path / "new"), "--speaker", "Steve Witkof")
    assert not (tmp_path / "new").exists()


def test_building_a_site_changes_nothing_in_the_database(
    witkoff: Run, tracker_db: str, tmp_path: Path
) -> None:
    before = dump(tracker_db)
    build(witkoff, tmp_path / "site")
    assert dump(tracker_db) == before


def test_a_site_of_a_database_not_made_yet_is_empty_and_creates_no_database(
    run: Run, tmp_path: Path
) -> None:
    missing = tmp_path / "none" / "t.db"
    result = run("--db", str(missing), "site", "build", str(tmp_path / "site"))
    assert result.exit_code == 0, result.stderr
    assert "0 claims" in result.stderr and not missing.parent.exists()
    assert "No verdict yet" in (tmp_path / "site" / "index.html").read_text()


def test_a_claims_timeline_tells_every_kind_of_change(witkoff: Run, tmp_path: Path) -> None:
    restated = ("--quote", "a deal by the end of April", "--source", "https://example.org/r")
    ok(witkoff, "slip", "3", "--by", "by the end of April", "--said-on", "2025-03-20", *restated)
    ok(witkoff, "snooze", "2", "--until", "2025-04-01", "--note", "talks delayed",
       "--as-of", "2025-03-24")  # fmt: skip
    judged(witkoff)
    ok(witkoff, "reopen", "1", "--note", "the call was only planned", "--as-of", "2025-03-24")
    ok(witkoff, "event", "add", "Summit")
    ok(witkoff, "add", "a peace plan", "--speaker", "Steve Witkoff", "--by", "before the summit",
       "--event", "summit", "--said-on", "2025-03-16")  # fmt: skip
    out = tmp_path / "site"
    build(witkoff, out)
    slipped = (out / "claims" / "3.html").read_text()
    assert "Thu 20 March 2025: deadline moved from &ldquo;in the coming weeks&rdquo;" in slipped
    assert "<q>a deal by the end of April</q>" in slipped
    assert 'href="https://example.org/r"' in slipped
    snoozed = (out / "claims" / "2.html").read_text()
    assert "check put off until Tue 1 April 2025" in snoozed and "talks delayed" in snoozed
    reopened = (out / "claims" / "1.html").read_text()
    assert "verdict withdrawn, reopened" in reopened and "judged" in reopened
    waiting = (out / "claims" / "4.html").read_text()
    assert "Counts from Summit, not dated yet." in waiting
    assert 'data-state="waiting"' in (out / "claims" / "index.html").read_text()
    ok(witkoff, "event", "set", "summit", "2025-06-01")
    build(witkoff, out)
    dated = (out / "claims" / "4.html").read_text()
    assert "the event was dated or moved" in dated and "Counted from" in dated
