"""The built site in a real browser: headless Chromium over file://.

The site is built from the example article's claims, two verdicts, a speaker whose
name has accents, a claim waiting for its event and a claim whose every field is
hostile markup. Each page is opened in the browser: no console error, no dialog, no
element made from user text; the claims list's search and state filter work, and
without script it still lists every claim. Every internal link of every page resolves
to a file of the site. Screenshots of the index, a speaker page and a claim page go to
$TRACKER_SCREENSHOT_DIR (or the test's temp folder), and their paths are printed.
"""

from __future__ import annotations

import json
import os
import struct
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from tests.conftest import WITKOFF_CALL, Run, backend, ok

if TYPE_CHECKING:
    from tests.browser import Browser

pytest_plugins = ["tests.browser"]

AS_OF = "2025-03-24"
SAID = ("--said-on", "2025-03-16")
HOSTILE_TEXT = '<script>alert(1)</script> and "><img src=x onerror=alert(1)>'
HOSTILE_SPEAKER = '"><img src=x onerror=alert(2)>'
HOSTILE_QUOTE = "<script>alert(3)</script>"
HOSTILE_CRITERIA = '"><img src=x onerror=alert(4)>'
HOSTILE_NOTE = "<script>alert(5)</script>"
HOSTILE_TAG = "<b>x</b>"

#: The claims as added, by id: text and speaker.
CLAIMS = {
    1: (WITKOFF_CALL, "Steve Witkoff"),
    2: ("US teams will meet both sides", "Steve Witkoff"),
    3: ("a deal will be reached", "Steve Witkoff"),
    4: ("Pensions will be reformed", "François Bayrou"),
    5: (HOSTILE_TEXT, HOSTILE_SPEAKER),
    6: ("Talks will open", "François Bayrou"),
}
#: The states whatever day the site is built on; the others are open (on time or overdue).
SETTLED_STATES = {1: "kept", 2: "broken", 6: "waiting"}
STATE_OPTIONS = [
    "",
    "kept",
    "kept_late",
    "partial",
    "broken",
    "withdrawn",
    "on_time",
    "overdue",
    "waiting",
]


def add_claims(run: Run) -> None:
    """Beside the example article's claims (1-3): verdicts, accents, an event, hostile text."""
    bbc = "https://www.bbc.com/news/articles/c8rx2v0qk4zo"
    ok(run, "verify", "1", "--outcome", "kept", "--on", "2025-03-18", "--evidence", bbc)
    ok(run, "verify", "2", "--outcome", "broken", "--on", AS_OF, "--note", HOSTILE_NOTE)
    ok(run, "add", CLAIMS[4][0], "--by", "by the summer", "--speaker", CLAIMS[4][1], *SAID,
       "--tag", "réforme")  # fmt: skip
    ok(run, "add", HOSTILE_TEXT, "--by", "by the end of the year", "--speaker", HOSTILE_SPEAKER,
       *SAID, "--quote", HOSTILE_QUOTE, "--criteria", HOSTILE_CRITERIA, "--tag", HOSTILE_TAG,
       "--tag", "ukraine")  # fmt: skip
    ok(run, "event", "add", "the next election")
    ok(run, "add", CLAIMS[6][0], "--by", "within 100 days of the election", "--event",
       "the next election", "--speaker", CLAIMS[6][1], *SAID)  # fmt: skip


def build_site(run: Run, out: Path, *options: str) -> Path:
    ok(run, "site", "build", str(out), "--title", "Promises on Ukraine", "--as-of", AS_OF,
       *options)  # fmt: skip
    return out


@pytest.fixture
def site(witkoff: Run, tmp_path: Path) -> Path:
    """The site built from the claims above, in a temp folder."""
    add_claims(witkoff)
    return build_site(witkoff, tmp_path / "site")


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    folder = os.environ.get("TRACKER_SCREENSHOT_DIR")
    return Path(folder) if folder else tmp_path / "screenshots"


def pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


# -- links, read from the files -------------------------------------------------------------

#: Attributes that name another file.
LINK_ATTRIBUTES = {"href", "src", "srcset", "action", "poster", "data", "formaction"}
#: Tags whose file the browser fetches itself, and the kinds of <link> it fetches.
FETCHED = {"script", "img", "source", "iframe", "embed", "object", "video", "audio", "track",
           "input"}  # fmt: skip
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}
#: Where a link (not a fetched file) may lead outside the site: a claim's sources.
OUTWARD_SCHEMES = {"http", "https", "mailto"}


class PageLinks(HTMLParser):
    """What one HTML page refers to (is it fetched by the browser, and the reference), its ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, bool, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {name: value for name, value in attrs if value is not None}
        rel = set(given.get("rel", "").lower().split())
        fetched = tag in FETCHED or (tag == "link" and bool(rel & FETCHED_LINKS))
        for name, value in given.items():
            if name in ("id", "name"):
                self.ids.add(value)
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append((tag, fetched, candidate.split()[0]))
            elif name in LINK_ATTRIBUTES:
                self.links.append((tag, fetched, value))


def read_links(page: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def broken_links(site: Path) -> tuple[list[str], dict[Path, set[Path]]]:
    """Every reference of every page that does not resolve, and which pages link to which.

    A reference resolves when it is relative and names a file of the site (a folder's
    index.html for a folder), with the anchor it names if any; a page may link to another
    host (a source), but nothing the browser fetches may come from one.
    """
    root = site.resolve()
    parsed = {page.resolve(): read_links(page) for page in pages(root)}
    problems: list[str] = []
    graph: dict[Path, set[Path]] = {page: set() for page in parsed}
    for page, found in parsed.items():
        where = page.relative_to(root)
        for tag, fetched, reference in found.links:
            parts = urlsplit(reference)
            if parts.scheme or parts.netloc:
                if fetched or parts.scheme not in OUTWARD_SCHEMES:
                    problems.append(f"{where}: <{tag}> {reference!r} is not a file of the site")
                continue
            if parts.path.startswith("/"):
                problems.append(f"{where}: <{tag}> {reference!r} is absolute (breaks file://)")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(root):
                problems.append(f"{where}: <{tag}> {reference!r} leads out of the site")
            elif not target.is_file():
                problems.append(f"{where}: <{tag}> {reference!r} names no file")
            elif target.suffix == ".html":
                graph[page].add(target)
                fragment = unquote(parts.fragment)
                if fragment and fragment != "top" and fragment not in parsed[target].ids:
                    problems.append(f"{where}: <{tag}> {reference!r}: no such anchor")
    return problems, graph


def reachable(start: Path, graph: dict[Path, set[Path]]) -> set[Path]:
    seen = {start}
    todo = [start]
    while todo:
        for target in graph.get(todo.pop(), set()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_every_internal_link_of_every_page_resolves(site: Path) -> None:
    problems, graph = broken_links(site)
    assert problems == []
    root = site.resolve()
    expected = ["index.html", "claims/index.html", *(f"claims/{claim}.html" for claim in CLAIMS)]
    assert {root / name for name in expected} <= set(graph)
    unreached = set(graph) - reachable(root / "index.html", graph)
    assert sorted(str(page.relative_to(root)) for page in unreached) == []


def test_the_site_has_the_files_the_contract_names(witkoff: Run, tmp_path: Path) -> None:
    add_claims(witkoff)
    site = build_site(witkoff, tmp_path / "site")
    for name in ["index.html", "claims/index.html", "feed.atom", "data/claims.json",
                 "assets/style.css", "assets/search.js"]:  # fmt: skip
        assert (site / name).is_file(), name
    assert sorted(p.name for p in (site / "claims").glob("*.html")) == sorted(
        [f"{claim}.html" for claim in CLAIMS] + ["index.html"]
    )
    speakers = {p.name for p in (site / "speakers").glob("*.html")} - {"index.html"}
    assert len(speakers) == len({speaker for _, speaker in CLAIMS.values()})
    tags = {p.name for p in (site / "tags").glob("*.html")} - {"index.html"}
    assert len(tags) == 3  # réforme, <b>x</b>, ukraine
    json.loads((site / "data" / "claims.json").read_text(encoding="utf-8"))
    assert not (site / "sitemap.xml").exists()

    base = "https://claims.example.org/ukraine/"
    hosted = build_site(witkoff, tmp_path / "hosted", "--base-url", base)
    urls = [
        loc.text or ""
        for loc in ET.parse(hosted / "sitemap.xml").getroot().iter()
        if loc.tag.endswith("}loc")
    ]
    assert f"{base}claims/index.html" in urls or f"{base}claims/" in urls
    for url in urls:
        assert url.startswith(base), url
        path = url.removeprefix(base)
        assert (hosted / path).is_file() or (hosted / path / "index.html").is_file(), url
    assert broken_links(hosted)[0] == []


# -- pages in the browser -------------------------------------------------------------------


def assert_clean(browser: Browser, page: str) -> None:
    """No console error, no dialog, nothing made from user text, nothing from another host."""
    assert browser.console_errors() == [], page
    assert browser.dialogs() == [], page
    made = browser.run(
        """return {
          handlers: Array.from(document.querySelectorAll('[onerror], [onload], [onclick]'))
            .map(e => e.outerHTML),
          images: Array.from(document.images).map(i => i.getAttribute('src'))
            .filter(src => src === 'x'),
          bold: Array.from(document.querySelectorAll('b')).filter(b => b.textContent === 'x')
            .map(b => b.outerHTML),
          scripts: Array.from(document.scripts).filter(s => s.text.includes('alert('))
            .map(s => s.outerHTML),
          resources: performance.getEntriesByType('resource').map(r => r.name)
            .filter(name => !name.startsWith('file:')),
          title: document.title,
        }"""
    )
    assert made["handlers"] == [], page
    assert made["images"] == [], page
    assert made["bold"] == [], page
    assert made["scripts"] == [], page
    assert made["resources"] == [], page
    assert made["title"].strip(), page


def link_to(browser: Browser, folder: str, text: str) -> Path:
    """The file a link of the open page into `folder`, showing `text`, leads to."""
    for link in browser.elements(f"a[href*='{folder}/']"):
        if link.text.strip() == text:
            return Path(unquote(urlsplit(link.get_attribute("href") or "").path))
    raise AssertionError(f"no link to {folder}/ reading {text!r} on {browser.driver.current_url}")


def body_text(browser: Browser) -> str:
    return str(browser.run("return document.body.innerText"))


def test_every_page_renders_without_console_errors_or_dialogs(site: Path, browser: Browser) -> None:
    for page in pages(site):
        browser.open(page)
        assert_clean(browser, str(page.relative_to(site)))


def test_the_index_a_speaker_and_a_claim_read_as_they_should(site: Path, browser: Browser) -> None:
    browser.open(site / "index.html")
    assert "Promises on Ukraine" in body_text(browser)
    speaker = link_to(browser, "speakers", "Steve Witkoff")
    browser.open(speaker)
    assert_clean(browser, "Steve Witkoff's page")
    text = body_text(browser)
    assert "Steve Witkoff" in text
    for claim in (1, 2, 3):
        assert CLAIMS[claim][0] in text
    browser.open(site / "claims" / "1.html")
    assert_clean(browser, "claim 1")
    text = body_text(browser)
    assert WITKOFF_CALL in text
    assert "Steve Witkoff" in text
    assert browser.elements("a[href='https://www.bbc.com/news/articles/c8rx2v0qk4zo']")


def test_hostile_text_shows_as_text(site: Path, browser: Browser) -> None:
    browser.open(site / "index.html")
    speaker = link_to(browser, "speakers", HOSTILE_SPEAKER)
    browser.open(site / "claims" / "5.html")
    assert_clean(browser, "the hostile claim's page")
    text = body_text(browser)
    for hostile in (HOSTILE_TEXT, HOSTILE_SPEAKER, HOSTILE_QUOTE, HOSTILE_CRITERIA, HOSTILE_TAG):
        assert hostile in text
    browser.open(speaker)
    assert_clean(browser, "the hostile speaker's page")
    assert HOSTILE_TEXT in body_text(browser)
    assert HOSTILE_SPEAKER in body_text(browser)
    browser.open(site / "claims" / "2.html")
    assert_clean(browser, "the page of the claim with a hostile note")
    assert HOSTILE_NOTE in body_text(browser)
    browser.open(site / "claims" / "index.html")
    assert_clean(browser, "claims/index.html")
    assert HOSTILE_TEXT in body_text(browser)


# -- search and filter ----------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    claim: int
    state: str
    hidden: bool
    shown: bool


def listed(browser: Browser) -> list[Item]:
    """The claims list's items, each matched to the claim whose text it shows."""
    rows = browser.run(
        """return Array.from(document.querySelectorAll('#claims > li')).map(li => ({
             text: li.textContent, state: li.dataset.state, hidden: li.hidden,
             shown: li.getClientRects().length > 0}))"""
    )
    items = []
    for row in rows:
        claims = [claim for claim, (text, _) in CLAIMS.items() if text in row["text"]]
        assert len(claims) == 1, row["text"]
        assert CLAIMS[claims[0]][1] in row["text"], row["text"]
        items.append(Item(claims[0], row["state"], row["hidden"], row["shown"]))
    return items


def shown(browser: Browser) -> set[int]:
    items = listed(browser)
    for item in items:
        assert item.shown != item.hidden, (
            f"claim {item.claim}: hidden attribute {item.hidden}, displayed {item.shown}"
        )
    return {item.claim for item in items if item.shown}


def status(browser: Browser) -> str:
    return browser.element("#search-status").text


def search(browser: Browser, words: str, expected: set[int]) -> None:
    box = browser.element("input#search[type='search']")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    if words:
        box.send_keys(words)
    expect_shown(browser, expected, repr(words))


def expect_shown(browser: Browser, expected: set[int], cause: str) -> None:
    """Wait until the list shows these claims and the status line counts them."""
    count = f"{len(expected)} of {len(CLAIMS)}"
    browser.wait_for(
        lambda: shown(browser) == expected and count in status(browser),
        f"{cause} to show claims {sorted(expected)} and '{count}'",
        lambda: f"claims {sorted(shown(browser))} and {status(browser)!r}",
    )


def test_search_finds_claims_by_a_word_and_by_the_speaker_without_accents(
    site: Path, browser: Browser
) -> None:
    browser.open(site / "claims" / "index.html")
    assert shown(browser) == set(CLAIMS)
    live = browser.element("#search-status")
    assert live.get_attribute("aria-live") or live.get_attribute("role") == "status"
    before = status(browser)

    search(browser, "deal", {3})
    assert status(browser) != before
    search(browser, "FRANCOIS bayrou", {4, 6})
    search(browser, "Witkoff pensions", set())
    search(browser, "<script>", {5})
    search(browser, "", set(CLAIMS))
    assert browser.console_errors() == []
    assert browser.dialogs() == []


def test_the_state_filter_shows_one_state(site: Path, browser: Browser) -> None:
    browser.open(site / "claims" / "index.html")
    states = {item.claim: item.state for item in listed(browser)}
    assert {claim: states[claim] for claim in SETTLED_STATES} == SETTLED_STATES
    assert {states[claim] for claim in set(CLAIMS) - set(SETTLED_STATES)} <= {"on_time", "overdue"}
    menu = Select(browser.element("select#state"))
    assert [option.get_attribute("value") for option in menu.options] == STATE_OPTIONS

    for state in STATE_OPTIONS:
        menu.select_by_value(state)
        expected = {claim for claim, s in states.items() if s == state or not state}
        expect_shown(browser, expected, f"state {state!r}")

    menu.select_by_value("kept")
    search(browser, "deal", set())
    search(browser, "call", {1})
    assert browser.console_errors() == []


def test_without_script_every_claim_is_listed(
    site: Path, browser_without_script: Browser, tmp_path: Path
) -> None:
    probe = tmp_path / "probe.html"
    probe.write_text(
        "<!doctype html><title>script off</title><script>document.title = 'script on'</script>"
    )
    browser_without_script.open(probe)
    assert browser_without_script.driver.title == "script off"

    browser_without_script.open(site / "claims" / "index.html")
    assert browser_without_script.console_errors() == []
    items = listed(browser_without_script)
    assert sorted(item.claim for item in items) == sorted(CLAIMS)
    assert all(item.shown and not item.hidden for item in items)


# -- screenshots ----------------------------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshots_of_the_index_a_speaker_and_a_claim(
    site: Path, browser: Browser, screenshot_dir: Path
) -> None:
    browser.open(site / "index.html")
    speaker = link_to(browser, "speakers", "Steve Witkoff")
    screenshots = []
    for name, page in [("index", site / "index.html"), ("speaker", speaker),
                       ("claim", site / "claims" / "1.html")]:  # fmt: skip
        browser.open(page)
        shot = browser.screenshot(screenshot_dir / f"site-{name}-{backend()}.png")
        screenshots.append(shot)
        width, height = png_size(shot)
        assert width >= 320 and height >= 200, (shot, width, height)
    print("\n".join(f"screenshot: {path}" for path in screenshots))
