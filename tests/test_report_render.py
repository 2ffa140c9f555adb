"""Rendering a report: Markdown escapes only what is markup where it stands, and Jinja2
is loaded only when HTML is rendered."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import Run
from tests.test_reports import AS_OF, seed
from tracker.output.report_render import md_link, md_text

PLAIN = [
    "#4",
    "Donald J. Trump",
    "kept_late",
    "snake_case_name",
    "U.S. tariffs of 25% (or more) - by May!",
    "a > b and c = d + e",
    "x | y",
    "AT&T",
    "Ask: why? 3.5 times",
    "café_crème",
]


@pytest.mark.parametrize("text", PLAIN)
def test_ordinary_text_is_left_alone_inside_a_line(text: str) -> None:
    assert md_text(text) == text


ESCAPED = [
    ("*bold* and **strong**", r"\*bold\* and \*\*strong\*\*"),
    ("_em_ and __strong__", r"\_em\_ and \_\_strong\_\_"),
    ("a _b", r"a \_b"),
    ("`code`", r"\`code\`"),
    ("~~gone~~", r"\~\~gone\~\~"),
    ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
    ("![i](http://x/y.png)", r"!\[i\](http://x/y.png)"),
    ("<script>alert(1)</script>", r"\<script>alert(1)\</script>"),
    ("<http://evil.example>", r"\<http://evil.example>"),
    ("&amp; &#60; &copy;", r"\&amp; \&#60; \&copy;"),
    (r"back\slash \*", r"back\\slash \\\*"),
    ("two\nlines\r\n# not a heading", "two lines # not a heading"),
]


@pytest.mark.parametrize(("text", "expected"), ESCAPED)
def test_markup_inside_a_line_is_escaped(text: str, expected: str) -> None:
    assert md_text(text) == expected


LINE_START = [
    ("# Heading", r"\# Heading"),
    ("### Heading", r"\### Heading"),
    ("#4 is fine", "#4 is fine"),
    ("####### seven is no heading", "####### seven is no heading"),
    ("> quoted", r"\> quoted"),
    ("- item", r"\- item"),
    ("+ item", r"\+ item"),
    ("* item", r"\* item"),
    ("---", r"\---"),
    ("===", r"\==="),
    ("1. first", r"1\. first"),
    ("2025) a year", r"2025\) a year"),
    ("1.5 million", "1.5 million"),
    ("-5 degrees", "-5 degrees"),
    ("+1 for that", "+1 for that"),
    ("= x", "= x"),
    ("- - -", r"\- - -"),
    ("2)", r"2\)"),
    ("<div>", r"\<div>"),
    ("```", r"\`\`\`"),
    ("Donald J.", "Donald J."),
]


@pytest.mark.parametrize(("text", "expected"), LINE_START)
def test_what_starts_a_block_is_escaped_at_the_start_of_a_line(text: str, expected: str) -> None:
    assert md_text(text, line_start=True) == expected
    if text[0] in "#>+=-" or text[0].isdigit():
        assert md_text(text) == text  # inside a line it is plain text


def test_only_web_urls_become_markdown_links() -> None:
    assert md_link("source", "https://example.org/a b>c") == (
        "[source](<https://example.org/a%20b%3Ec>)"
    )
    assert md_link("source", "javascript:alert(1)") == "javascript:alert(1)"
    assert md_link("source", "[x](y)") == r"\[x\](y)"


def jinja_loaded(tracker_db: str, *args: str) -> bool:
    """Run a report in a fresh interpreter; whether it imported Jinja2."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from tracker.cli import cli\n"
        f"result = CliRunner().invoke(cli, {list(args)!r})\n"
        "assert result.exit_code == 0, result.output\n"
        "print('jinja2' in sys.modules)\n"
    )
    env = {**os.environ, "TRACKER_DB": tracker_db}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1] == "True"


def test_jinja2_is_loaded_only_to_render_html(run: Run, tracker_db: str) -> None:
    seed(tracker_db, [("a", "2025-03-20")], quote="it will happen", criteria="it happens")
    report = ("report", "--as-of", AS_OF)
    assert not jinja_loaded(tracker_db, *report)
    assert not jinja_loaded(tracker_db, *report, "--format", "markdown")
    assert not jinja_loaded(tracker_db, *report, "--format", "json")
    assert not jinja_loaded(tracker_db, "due", "--as-of", AS_OF)
    assert jinja_loaded(tracker_db, *report, "--format", "html")
